import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocate, allocateFirstCome, ageOn, cellKey, ineligibility, satisfaction, type AllocationRules, type ChildFacts, type Wish } from './allocation.js';
import { mondayOf } from '../../../shared/calendar/paris-time.js';

const DAYS = ['2026-07-06', '2026-07-07', '2026-07-08', '2026-07-09', '2026-07-10', '2026-07-13', '2026-07-14', '2026-07-15'];
const UNITS = ['u1', 'u2', 'u3'];

const baseRules = (over: Partial<AllocationRules> = {}): AllocationRules => ({
  eligibility: { residentsOnly: false, minAge: null, maxAge: null, schoolClasses: [], requiredFlags: [], documentsRequired: false, maxDaysPerWeek: null, maxDaysPerPeriod: null },
  criteria: [{ criterion: 'residence', weight: 10 }],
  siblingsTogether: false,
  firstDay: DAYS[0]!,
  ...over,
});

const child = (id: string, familyId: string, over: Partial<ChildFacts> = {}): ChildFacts => ({
  childId: id,
  familyId,
  birthDate: '2018-03-01',
  schoolClass: 'CE1',
  resident: true,
  flags: [],
  documentsOk: true,
  siblingHasPlace: false,
  previousAttendance: false,
  quotient: null,
  ...over,
});

/** A random campaign: families of 1–3 children, wishes over a few units and days, small capacities (contention). */
const scenario = fc
  .record({
    families: fc.array(
      fc.record({
        children: fc.array(
          fc.record({
            resident: fc.boolean(),
            birthYear: fc.integer({ min: 2012, max: 2022 }),
            schoolClass: fc.constantFrom('CP', 'CE1', 'CE2', 'CM1', null),
            flags: fc.subarray(['two_parents_working', 'single_parent_working', 'disability_or_pai', 'social_priority']),
            documentsOk: fc.boolean(),
            quotient: fc.option(fc.integer({ min: 200, max: 2000 }), { nil: null }),
            wishes: fc.uniqueArray(fc.record({ unit: fc.constantFrom(...UNITS), day: fc.constantFrom(...DAYS), preference: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }) }), {
              minLength: 0,
              maxLength: 8,
              selector: (w) => `${w.unit}|${w.day}`,
            }),
          }),
          { minLength: 1, maxLength: 3 },
        ),
      }),
      { minLength: 1, maxLength: 14 },
    ),
    capacity: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: UNITS.length * DAYS.length, maxLength: UNITS.length * DAYS.length }),
    siblingsTogether: fc.boolean(),
    residentsOnly: fc.boolean(),
    minAge: fc.option(fc.integer({ min: 3, max: 8 }), { nil: null }),
    maxAge: fc.option(fc.integer({ min: 6, max: 14 }), { nil: null }),
    requiredFlags: fc.subarray(['two_parents_working', 'social_priority'], { maxLength: 1 }),
    documentsRequired: fc.boolean(),
    maxDaysPerWeek: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    maxDaysPerPeriod: fc.option(fc.integer({ min: 1, max: 8 }), { nil: null }),
    weights: fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 4, maxLength: 4 }),
    seed: fc.string({ minLength: 1, maxLength: 12 }),
  })
  .map((s) => {
    const children: ChildFacts[] = [];
    const wishes: Wish[] = [];
    s.families.forEach((f, fi) =>
      f.children.forEach((c, ci) => {
        const id = `c${fi}-${ci}`;
        children.push(child(id, `f${fi}`, { resident: c.resident, birthDate: `${c.birthYear}-05-10`, schoolClass: c.schoolClass, flags: c.flags, documentsOk: c.documentsOk, quotient: c.quotient }));
        c.wishes.forEach((w, wi) => wishes.push({ id: `w${fi}-${ci}-${wi}`, childId: id, unitId: w.unit, day: w.day, preference: w.preference }));
      }),
    );
    const places = new Map<string, number>();
    UNITS.forEach((u, ui) => DAYS.forEach((d, di) => places.set(cellKey(u, d), s.capacity[ui * DAYS.length + di]!)));
    const rules = baseRules({
      siblingsTogether: s.siblingsTogether,
      eligibility: {
        residentsOnly: s.residentsOnly,
        minAge: s.minAge,
        maxAge: s.maxAge,
        schoolClasses: [],
        requiredFlags: s.requiredFlags,
        documentsRequired: s.documentsRequired,
        maxDaysPerWeek: s.maxDaysPerWeek,
        maxDaysPerPeriod: s.maxDaysPerPeriod,
      },
      criteria: [
        { criterion: 'residence', weight: s.weights[0]! },
        { criterion: 'single_parent_working', weight: s.weights[1]! },
        { criterion: 'disability_or_pai', weight: s.weights[2]! },
        { criterion: 'quotient_band', weight: s.weights[3]! },
      ],
    });
    return { children, wishes, places, rules, seed: s.seed };
  });

const RUNS = { numRuns: 300, seed: 20260612 };

describe('allocation properties (fast-check)', () => {
  it('never gives more places than a unit-day has', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = allocate(s);
        const given = new Map<string, number>();
        for (const o of r.outcomes) if (o.status === 'allocated') given.set(cellKey(o.unitId, o.day), (given.get(cellKey(o.unitId, o.day)) ?? 0) + 1);
        for (const [k, n] of given) expect(n).toBeLessThanOrEqual(s.places.get(k) ?? 0);
      }),
      RUNS,
    );
  });

  it('no applicant loses a place to one of lower priority on the same unit-day', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = allocate(s);
        const rankOf = new Map(r.applicants.map((a) => [a.applicantId, a.rank]));
        const applicantOf = (o: { childId: string; familyId: string }) => rankOf.get(s.rules.siblingsTogether ? `family:${o.familyId}` : `child:${o.childId}`)!;
        for (const w of r.outcomes.filter((o) => o.status === 'waitlisted')) {
          const k = cellKey(w.unitId, w.day);
          const mine = applicantOf(w);
          // the siblings of this applicant waiting on the same unit-day with it: they needed that many places
          const need = r.outcomes.filter((o) => o.status === 'waitlisted' && cellKey(o.unitId, o.day) === k && applicantOf(o) === mine).length;
          const higher = r.outcomes.filter((o) => o.status === 'allocated' && cellKey(o.unitId, o.day) === k && applicantOf(o) < mine).length;
          const lower = r.outcomes.filter((o) => o.status === 'allocated' && cellKey(o.unitId, o.day) === k && applicantOf(o) > mine).length;
          // when its turn came, fewer places were left than it needed…
          expect((s.places.get(k) ?? 0) - higher).toBeLessThan(need);
          // …and a child alone never sees a lower-ranked applicant get that unit-day
          if (need === 1) expect(lower).toBe(0);
        }
      }),
      RUNS,
    );
  });

  it('respects eligibility: only eligible children get places or wait, every ineligible wish names the rule', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = allocate(s);
        const facts = new Map(s.children.map((c) => [c.childId, c]));
        for (const o of r.outcomes) {
          const c = facts.get(o.childId)!;
          const e = s.rules.eligibility;
          const age = ageOn(c.birthDate, s.rules.firstDay);
          const ok =
            (!e.residentsOnly || c.resident) &&
            (e.minAge === null || age >= e.minAge) &&
            (e.maxAge === null || age <= e.maxAge) &&
            (!e.requiredFlags.length || e.requiredFlags.some((f) => c.flags.includes(f))) &&
            (!e.documentsRequired || c.documentsOk);
          if (o.status === 'ineligible') {
            expect(ok).toBe(false);
            expect(o.reason).toBe(ineligibility(e, s.rules.firstDay, c));
          } else expect(ok).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('siblings together: on a unit-day, siblings get places all or none', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        fc.pre(s.rules.siblingsTogether);
        const r = allocate(s);
        const byFamilyCell = new Map<string, Set<string>>();
        for (const o of r.outcomes.filter((x) => x.status === 'allocated' || x.status === 'waitlisted')) {
          const k = `${o.familyId}|${cellKey(o.unitId, o.day)}`;
          byFamilyCell.set(k, (byFamilyCell.get(k) ?? new Set()).add(o.status));
        }
        for (const states of byFamilyCell.values()) expect(states.size).toBe(1);
      }),
      RUNS,
    );
  });

  it('waiting lists are in priority order, ranks 1..n, and every unserved eligible wish is on one', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = allocate(s);
        const byId = new Map(r.outcomes.map((o) => [o.wishId, o]));
        for (const list of r.waitingLists.values()) {
          list.forEach((id, i) => expect(byId.get(id)!.waitRank).toBe(i + 1));
          for (let i = 1; i < list.length; i++) expect(byId.get(list[i]!)!.applicantRank!).toBeGreaterThanOrEqual(byId.get(list[i - 1]!)!.applicantRank!);
        }
        const listed = new Set([...r.waitingLists.values()].flat());
        for (const o of r.outcomes) expect(listed.has(o.wishId)).toBe(o.status === 'waitlisted');
      }),
      RUNS,
    );
  });

  it('caps: a child never holds or waits for more days than allowed per week and per period', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = allocate(s);
        const days = new Map<string, Set<string>>();
        for (const o of r.outcomes.filter((x) => x.status === 'allocated' || x.status === 'waitlisted')) days.set(o.childId, (days.get(o.childId) ?? new Set()).add(o.day));
        const { maxDaysPerWeek, maxDaysPerPeriod } = s.rules.eligibility;
        for (const set of days.values()) {
          if (maxDaysPerPeriod !== null) expect(set.size).toBeLessThanOrEqual(maxDaysPerPeriod);
          if (maxDaysPerWeek !== null) {
            const perWeek = new Map<string, number>();
            for (const d of set) perWeek.set(mondayOf(d as never), (perWeek.get(mondayOf(d as never)) ?? 0) + 1);
            for (const n of perWeek.values()) expect(n).toBeLessThanOrEqual(maxDaysPerWeek);
          }
        }
      }),
      RUNS,
    );
  });

  it('is deterministic: the same wishes in any order, rules and seed give the same result', () => {
    fc.assert(
      fc.property(scenario, fc.integer(), (s, shuffleSeed) => {
        const a = allocate(s);
        const shuffled = [...s.wishes].sort((x, y) => ((x.id.length * 31 + shuffleSeed) % 7) - ((y.id.length * 17 + shuffleSeed) % 5));
        const b = allocate({ ...s, wishes: shuffled.reverse(), children: [...s.children].reverse() });
        const key = (r: ReturnType<typeof allocate>) => JSON.stringify([...r.outcomes].sort((x, y) => (x.wishId < y.wishId ? -1 : 1)));
        expect(key(b)).toBe(key(a));
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it('every wish gets exactly one outcome', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = allocate(s);
        expect(r.outcomes.map((o) => o.wishId).sort()).toEqual(s.wishes.map((w) => w.id).sort());
      }),
      RUNS,
    );
  });
});

describe('allocation examples', () => {
  it('gives the last place to the resident, puts the other on the waiting list with rank 1', () => {
    const r = allocate({
      wishes: [
        { id: 'a', childId: 'c1', unitId: 'u1', day: DAYS[0]!, preference: null },
        { id: 'b', childId: 'c2', unitId: 'u1', day: DAYS[0]!, preference: null },
      ],
      children: [child('c1', 'f1', { resident: false }), child('c2', 'f2', { resident: true })],
      places: new Map([[cellKey('u1', DAYS[0]!), 1]]),
      rules: baseRules(),
      seed: 'x',
    });
    expect(r.outcomes.find((o) => o.wishId === 'b')!.status).toBe('allocated');
    expect(r.outcomes.find((o) => o.wishId === 'a')).toMatchObject({ status: 'waitlisted', waitRank: 1, reason: 'full' });
  });

  it('ties are broken by the seed, and another seed may change the winner', () => {
    const run = (seed: string) =>
      allocate({
        wishes: Array.from({ length: 6 }, (_, i) => ({ id: `w${i}`, childId: `c${i}`, unitId: 'u1', day: DAYS[0]!, preference: null })),
        children: Array.from({ length: 6 }, (_, i) => child(`c${i}`, `f${i}`)),
        places: new Map([[cellKey('u1', DAYS[0]!), 1]]),
        rules: baseRules(),
        seed,
      }).outcomes.find((o) => o.status === 'allocated')!.childId;
    expect(run('graine-1')).toBe(run('graine-1'));
    const winners = new Set(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map(run));
    expect(winners.size).toBeGreaterThan(1);
  });

  it('serves a family’s wishes in its order of preference within its cap', () => {
    const r = allocate({
      wishes: [
        { id: 'w1', childId: 'c1', unitId: 'u1', day: DAYS[0]!, preference: 3 },
        { id: 'w2', childId: 'c1', unitId: 'u1', day: DAYS[1]!, preference: 1 },
        { id: 'w3', childId: 'c1', unitId: 'u1', day: DAYS[2]!, preference: 2 },
      ],
      children: [child('c1', 'f1')],
      places: new Map(DAYS.map((d) => [cellKey('u1', d), 5])),
      rules: baseRules({ eligibility: { ...baseRules().eligibility, maxDaysPerWeek: 2 } }),
      seed: 's',
    });
    expect(Object.fromEntries(r.outcomes.map((o) => [o.wishId, o.status]))).toEqual({ w1: 'capped', w2: 'allocated', w3: 'allocated' });
  });

  it('siblings together wait together when one place is left for two', () => {
    const r = allocate({
      wishes: [
        { id: 'a', childId: 'c1', unitId: 'u1', day: DAYS[0]!, preference: null },
        { id: 'b', childId: 'c2', unitId: 'u1', day: DAYS[0]!, preference: null },
        { id: 'c', childId: 'c3', unitId: 'u1', day: DAYS[0]!, preference: null },
      ],
      children: [child('c1', 'f1'), child('c2', 'f1'), child('c3', 'f2', { resident: false })],
      places: new Map([[cellKey('u1', DAYS[0]!), 1]]),
      rules: baseRules({ siblingsTogether: true }),
      seed: 's',
    });
    expect(r.outcomes.map((o) => [o.wishId, o.status, o.reason])).toEqual([
      ['a', 'waitlisted', 'siblings'],
      ['b', 'waitlisted', 'siblings'],
      ['c', 'allocated', null],
    ]);
  });

  it('first-come serves by arrival and the figures count families', () => {
    const r = allocateFirstCome({
      wishes: [
        { id: 'a', childId: 'c1', unitId: 'u1', day: DAYS[0]!, preference: null, submittedAt: '2026-06-01T08:30:02Z' },
        { id: 'b', childId: 'c2', unitId: 'u1', day: DAYS[0]!, preference: null, submittedAt: '2026-06-01T08:30:01Z' },
      ],
      children: [child('c1', 'f1'), child('c2', 'f2')],
      places: new Map([[cellKey('u1', DAYS[0]!), 1]]),
      rules: baseRules(),
    });
    expect(r.outcomes.find((o) => o.status === 'allocated')!.childId).toBe('c2');
    expect(satisfaction(r.outcomes)).toMatchObject({ families: 2, familiesAll: 1, familiesNone: 1 });
  });
});
