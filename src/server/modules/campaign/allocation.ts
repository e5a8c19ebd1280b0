/**
 * The allocation of a request campaign (issue 12, docs/fair-opening.md): a PURE function of the wishes, the rules,
 * the places left and the published seed. No database, no clock, no randomness other than the seed: the same input
 * gives the same output, whatever the order the wishes are listed in, so anyone holding the published seed, rules and
 * (anonymised) wishes can run it again and get the same result.
 *
 * How it decides (serial dictatorship with priorities, ties by lottery):
 *   1. Each child's eligibility is judged from the campaign's rules (residence, age, school class, family category,
 *      accepted documents). An ineligible child's wishes are « Non éligible » with the rule it fails.
 *   2. Applicants are ranked: a child, or with « frères et sœurs ensemble » the eligible children of one family as a
 *      group. Score = Σ weight × value of each criterion (values 0..1); equal scores are ordered by the criteria in the
 *      order staff listed them, then by the lottery: sha256(seed:applicantId), lowest first.
 *   3. Applicants are served in rank order; each one's wishes in its own order of preference (then day, then unit).
 *      A wish (a group: the same unit and day for every sibling wishing it) gets the place when enough are left;
 *      otherwise it goes on that unit-day's waiting list, behind every higher-ranked applicant already there.
 *   4. Caps (maximum days per child per week / per period) count the distinct days a child holds or waits for: a
 *      wish beyond the cap is « Non retenu » (it would break the cap if promoted later).
 */
import { createHash } from 'node:crypto';
import { mondayOf } from '../../../shared/calendar/paris-time.js';

export const CRITERIA = [
  'residence',
  'two_parents_working',
  'single_parent_working',
  'sibling_allocated',
  'disability_or_pai',
  'previous_attendance',
  'quotient_band',
  'staff_flag',
] as const;
export type Criterion = (typeof CRITERIA)[number];

/** The staff-set categories of a family (or of a child, for `disability_or_pai`). */
export const FAMILY_FLAGS = ['two_parents_working', 'single_parent_working', 'single_parent', 'disability_or_pai', 'social_priority'] as const;
export type FamilyFlag = (typeof FAMILY_FLAGS)[number];

export interface WeightedCriterion {
  criterion: Criterion;
  weight: number;
  /** staff_flag only: which flag gives the priority */
  flag?: string | null;
}

export interface EligibilityRules {
  /** only children of families living in one of the resident towns (below) may apply */
  residentsOnly: boolean;
  /** age in whole years on the period's first day; null: no bound */
  minAge: number | null;
  maxAge: number | null;
  /** school classes accepted (empty: any) */
  schoolClasses: string[];
  /** the family must hold at least one of these flags (empty: none required) */
  requiredFlags: string[];
  /** the activity's required documents must be accepted and valid */
  documentsRequired: boolean;
  maxDaysPerWeek: number | null;
  maxDaysPerPeriod: number | null;
}

export interface AllocationRules {
  eligibility: EligibilityRules;
  criteria: WeightedCriterion[];
  siblingsTogether: boolean;
  /** the period's first day (ages are judged on it) */
  firstDay: string;
}

/** What the rules need to know about one child (gathered by the service from the other modules). */
export interface ChildFacts {
  childId: string;
  familyId: string;
  birthDate: string;
  schoolClass: string | null;
  resident: boolean;
  /** the family's flags and this child's own */
  flags: string[];
  documentsOk: boolean;
  /** a brother or sister already holds a place in the same period */
  siblingHasPlace: boolean;
  /** the child attended this activity before */
  previousAttendance: boolean;
  /** the family quotient (null: unknown, lowest priority of the bands) */
  quotient: number | null;
}

export interface Wish {
  id: string;
  childId: string;
  unitId: string;
  day: string;
  /** the family's order of preference: 1 is the most wanted; null: no order given */
  preference: number | null;
}

export type OutcomeStatus = 'allocated' | 'waitlisted' | 'ineligible' | 'capped';
export type IneligibleReason = 'not_resident' | 'age' | 'school_class' | 'category' | 'documents';

export interface WishOutcome {
  wishId: string;
  childId: string;
  familyId: string;
  unitId: string;
  day: string;
  status: OutcomeStatus;
  /** ineligible: the rule failed; capped: 'max_week' | 'max_period'; waitlisted: 'full' | 'siblings' (not enough places for all) */
  reason: string | null;
  /** waitlisted: position on the unit-day's waiting list (1 first) */
  waitRank: number | null;
  /** rank of the applicant (1 served first); null when ineligible */
  applicantRank: number | null;
  /** the criteria that raised this child's priority */
  applied: Criterion[];
}

export interface ApplicantView {
  applicantId: string;
  familyId: string;
  childIds: string[];
  rank: number;
  score: number;
  values: number[];
  lottery: string;
}

export interface AllocationResult {
  outcomes: WishOutcome[];
  applicants: ApplicantView[];
  /** each unit-day's waiting list, wish ids in order */
  waitingLists: Map<string, string[]>;
  /** places given per unit-day */
  allocatedPerCell: Map<string, number>;
}

export const cellKey = (unitId: string, day: string) => `${unitId}|${day}`;

/** Whole years of age on `day` (YYYY-MM-DD strings). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The first eligibility rule a child fails, or null. */
export function ineligibility(rules: EligibilityRules, firstDay: string, c: ChildFacts): IneligibleReason | null {
  if (rules.residentsOnly && !c.resident) return 'not_resident';
  const age = ageOn(c.birthDate, firstDay);
  if ((rules.minAge !== null && age < rules.minAge) || (rules.maxAge !== null && age > rules.maxAge)) return 'age';
  if (rules.schoolClasses.length && !(c.schoolClass && rules.schoolClasses.includes(c.schoolClass))) return 'school_class';
  if (rules.requiredFlags.length && !rules.requiredFlags.some((f) => c.flags.includes(f))) return 'category';
  if (rules.documentsRequired && !c.documentsOk) return 'documents';
  return null;
}

/** Quotient bands (€): up to 500 → 1, 800 → 0.67, 1200 → 0.33, above or unknown → 0. */
export function quotientBandValue(q: number | null): number {
  if (q === null) return 0;
  if (q <= 500) return 1;
  if (q <= 800) return 2 / 3;
  if (q <= 1200) return 1 / 3;
  return 0;
}

/** A criterion's value (0..1) for one child. */
export function criterionValue(c: WeightedCriterion, f: ChildFacts): number {
  switch (c.criterion) {
    case 'residence':
      return f.resident ? 1 : 0;
    case 'two_parents_working':
      return f.flags.includes('two_parents_working') ? 1 : 0;
    case 'single_parent_working':
      return f.flags.includes('single_parent_working') ? 1 : 0;
    case 'sibling_allocated':
      return f.siblingHasPlace ? 1 : 0;
    case 'disability_or_pai':
      return f.flags.includes('disability_or_pai') ? 1 : 0;
    case 'previous_attendance':
      return f.previousAttendance ? 1 : 0;
    case 'quotient_band':
      return quotientBandValue(f.quotient);
    case 'staff_flag':
      return c.flag && f.flags.includes(c.flag) ? 1 : 0;
  }
}

/** The lottery ticket of an applicant: sha256 of the seed and its id, hex (lower is served first). */
export function lotteryTicket(seed: string, applicantId: string): string {
  return createHash('sha256').update(`${seed}:${applicantId}`).digest('hex');
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface Applicant {
  id: string;
  familyId: string;
  children: ChildFacts[];
  score: number;
  values: number[];
  lottery: string;
}

/** Runs the allocation. `places`: places left per unit-day (cellKey); a unit-day missing has none. */
export function allocate(input: {
  wishes: readonly Wish[];
  children: readonly ChildFacts[];
  places: ReadonlyMap<string, number>;
  rules: AllocationRules;
  seed: string;
}): AllocationResult {
  const { rules, seed } = input;
  const facts = new Map(input.children.map((c) => [c.childId, c]));
  // wishes of unknown children are ignored (the service never passes any); duplicates (same child, unit, day) keep the first id
  const wishes = [...input.wishes].filter((w) => facts.has(w.childId)).sort((a, b) => cmp(a.id, b.id));
  const seen = new Set<string>();
  const unique: Wish[] = [];
  for (const w of wishes) {
    const k = `${w.childId}|${w.unitId}|${w.day}`;
    if (!seen.has(k)) {
      seen.add(k);
      unique.push(w);
    }
  }

  const outcomes = new Map<string, WishOutcome>();
  const base = (w: Wish): Omit<WishOutcome, 'status' | 'reason' | 'waitRank' | 'applicantRank' | 'applied'> => ({
    wishId: w.id,
    childId: w.childId,
    familyId: facts.get(w.childId)!.familyId,
    unitId: w.unitId,
    day: w.day,
  });
  // per child, computed once (a child has several wishes)
  const appliedOf = new Map<string, Criterion[]>();
  const applied = (f: ChildFacts): Criterion[] => {
    let a = appliedOf.get(f.childId);
    if (!a) appliedOf.set(f.childId, (a = rules.criteria.filter((c) => c.weight > 0 && criterionValue(c, f) > 0).map((c) => c.criterion)));
    return a;
  };
  const reasonOf = new Map<string, IneligibleReason | null>();
  const ineligibleChild = (f: ChildFacts): IneligibleReason | null => {
    if (!reasonOf.has(f.childId)) reasonOf.set(f.childId, ineligibility(rules.eligibility, rules.firstDay, f));
    return reasonOf.get(f.childId)!;
  };
  const mondays = new Map<string, string>();
  const monday = (day: string): string => {
    let m = mondays.get(day);
    if (!m) mondays.set(day, (m = mondayOf(day as never)));
    return m;
  };

  // 1. eligibility
  const eligible = new Map<string, ChildFacts>();
  const wishesOf = new Map<string, Wish[]>();
  for (const w of unique) {
    const f = facts.get(w.childId)!;
    const reason = ineligibleChild(f);
    if (reason) {
      outcomes.set(w.id, { ...base(w), status: 'ineligible', reason, waitRank: null, applicantRank: null, applied: [] });
      continue;
    }
    eligible.set(f.childId, f);
    const list = wishesOf.get(f.childId);
    if (list) list.push(w);
    else wishesOf.set(f.childId, [w]);
  }

  // 2. applicants and their ranks
  const groups = new Map<string, ChildFacts[]>();
  for (const f of [...eligible.values()].sort((a, b) => cmp(a.childId, b.childId))) {
    const id = rules.siblingsTogether ? `family:${f.familyId}` : `child:${f.childId}`;
    const g = groups.get(id);
    if (g) g.push(f);
    else groups.set(id, [f]);
  }
  const applicants: Applicant[] = [...groups.entries()].map(([id, children]) => {
    const values = rules.criteria.map((c) => Math.max(...children.map((f) => criterionValue(c, f))));
    const score = rules.criteria.reduce((s, c, i) => s + c.weight * values[i]!, 0);
    return { id, familyId: children[0]!.familyId, children, score, values, lottery: lotteryTicket(seed, id) };
  });
  applicants.sort((a, b) => {
    if (a.score !== b.score) return b.score - a.score;
    for (let i = 0; i < a.values.length; i++) if (a.values[i] !== b.values[i]) return b.values[i]! - a.values[i]!;
    return cmp(a.lottery, b.lottery) || cmp(a.id, b.id);
  });

  // 3. serve in rank order
  const left = new Map(input.places);
  const allocatedPerCell = new Map<string, number>();
  const waitingLists = new Map<string, string[]>();
  const daysHeld = new Map<string, Set<string>>(); // child → days allocated or waited for
  const capOf = (childId: string, day: string): 'max_week' | 'max_period' | null => {
    const held = daysHeld.get(childId) ?? new Set<string>();
    if (held.has(day)) return null; // another unit the same day: not one more day
    const { maxDaysPerWeek, maxDaysPerPeriod } = rules.eligibility;
    if (maxDaysPerPeriod !== null && held.size + 1 > maxDaysPerPeriod) return 'max_period';
    if (maxDaysPerWeek !== null) {
      const week = monday(day);
      let n = 1;
      for (const d of held) if (monday(d) === week) n++;
      if (n > maxDaysPerWeek) return 'max_week';
    }
    return null;
  };
  const hold = (childId: string, day: string) => {
    let s = daysHeld.get(childId);
    if (!s) daysHeld.set(childId, (s = new Set()));
    s.add(day);
  };

  const views: ApplicantView[] = [];
  applicants.forEach((a, index) => {
    const rank = index + 1;
    views.push({ applicantId: a.id, familyId: a.familyId, childIds: a.children.map((c) => c.childId), rank, score: a.score, values: a.values, lottery: a.lottery });
    // the applicant's wishes by unit-day: each item is one unit-day, with the wish of each child wanting it
    const items = new Map<string, { unitId: string; day: string; preference: number; wishes: Wish[] }>();
    for (const f of a.children)
      for (const w of wishesOf.get(f.childId) ?? []) {
        const k = cellKey(w.unitId, w.day);
        const item = items.get(k) ?? { unitId: w.unitId, day: w.day, preference: Number.POSITIVE_INFINITY, wishes: [] };
        item.preference = Math.min(item.preference, w.preference ?? Number.POSITIVE_INFINITY);
        item.wishes.push(w);
        items.set(k, item);
      }
    const ordered = [...items.values()].sort((x, y) => x.preference - y.preference || cmp(x.day, y.day) || cmp(x.unitId, y.unitId));
    for (const item of ordered) {
      const k = cellKey(item.unitId, item.day);
      const members: Wish[] = [];
      for (const w of item.wishes.sort((x, y) => cmp(x.childId, y.childId))) {
        const cap = capOf(w.childId, w.day);
        if (cap) {
          outcomes.set(w.id, { ...base(w), status: 'capped', reason: cap, waitRank: null, applicantRank: rank, applied: applied(facts.get(w.childId)!) });
        } else members.push(w);
      }
      if (!members.length) continue;
      const free = left.get(k) ?? 0;
      if (free >= members.length) {
        left.set(k, free - members.length);
        allocatedPerCell.set(k, (allocatedPerCell.get(k) ?? 0) + members.length);
        for (const w of members) {
          hold(w.childId, w.day);
          outcomes.set(w.id, { ...base(w), status: 'allocated', reason: null, waitRank: null, applicantRank: rank, applied: applied(facts.get(w.childId)!) });
        }
      } else {
        const list = waitingLists.get(k) ?? [];
        waitingLists.set(k, list);
        for (const w of members) {
          hold(w.childId, w.day);
          list.push(w.id);
          outcomes.set(w.id, {
            ...base(w),
            status: 'waitlisted',
            reason: free > 0 ? 'siblings' : 'full',
            waitRank: list.length,
            applicantRank: rank,
            applied: applied(facts.get(w.childId)!),
          });
        }
      }
    }
  });

  return {
    outcomes: unique.map((w) => outcomes.get(w.id)!),
    applicants: views,
    waitingLists,
    allocatedPerCell,
  };
}

/**
 * First-come-first-served on the same wishes, for the side-by-side view of the simulation: wishes served in the
 * order they were made (`submittedAt`, then id), no priority, no siblings rule, the same eligibility and caps.
 */
export function allocateFirstCome(input: {
  wishes: readonly (Wish & { submittedAt: string })[];
  children: readonly ChildFacts[];
  places: ReadonlyMap<string, number>;
  rules: AllocationRules;
}): AllocationResult {
  // one applicant per wish, ranked by arrival: a seed-free allocation where the « lottery » is the arrival order
  const byArrival = [...input.wishes].sort((a, b) => cmp(a.submittedAt, b.submittedAt) || cmp(a.id, b.id));
  const order = new Map(byArrival.map((w, i) => [w.id, i]));
  const facts = new Map(input.children.map((c) => [c.childId, c]));
  const left = new Map(input.places);
  const allocatedPerCell = new Map<string, number>();
  const waitingLists = new Map<string, string[]>();
  const daysHeld = new Map<string, Set<string>>();
  const outcomes: WishOutcome[] = [];
  for (const w of byArrival) {
    const f = facts.get(w.childId);
    if (!f) continue;
    const b = { wishId: w.id, childId: w.childId, familyId: f.familyId, unitId: w.unitId, day: w.day, applied: [] as Criterion[] };
    const reason = ineligibility(input.rules.eligibility, input.rules.firstDay, f);
    if (reason) {
      outcomes.push({ ...b, status: 'ineligible', reason, waitRank: null, applicantRank: null });
      continue;
    }
    const held = daysHeld.get(w.childId) ?? new Set<string>();
    const e = input.rules.eligibility;
    if (!held.has(w.day)) {
      const sameWeek = [...held].filter((d) => mondayOf(d as never) === mondayOf(w.day as never)).length + 1;
      const cap = e.maxDaysPerPeriod !== null && held.size + 1 > e.maxDaysPerPeriod ? 'max_period' : e.maxDaysPerWeek !== null && sameWeek > e.maxDaysPerWeek ? 'max_week' : null;
      if (cap) {
        outcomes.push({ ...b, status: 'capped', reason: cap, waitRank: null, applicantRank: order.get(w.id)! + 1 });
        continue;
      }
    }
    held.add(w.day);
    daysHeld.set(w.childId, held);
    const k = cellKey(w.unitId, w.day);
    const free = left.get(k) ?? 0;
    if (free > 0) {
      left.set(k, free - 1);
      allocatedPerCell.set(k, (allocatedPerCell.get(k) ?? 0) + 1);
      outcomes.push({ ...b, status: 'allocated', reason: null, waitRank: null, applicantRank: order.get(w.id)! + 1 });
    } else {
      const list = waitingLists.get(k) ?? [];
      waitingLists.set(k, list);
      list.push(w.id);
      outcomes.push({ ...b, status: 'waitlisted', reason: 'full', waitRank: list.length, applicantRank: order.get(w.id)! + 1 });
    }
  }
  return { outcomes, applicants: [], waitingLists, allocatedPerCell };
}

export interface Satisfaction {
  families: number;
  familiesAll: number;
  familiesPart: number;
  familiesNone: number;
  wishes: number;
  allocated: number;
  waitlisted: number;
  ineligible: number;
  capped: number;
}

/** How many families got all, part or none of their (eligible or not) wishes. */
export function satisfaction(outcomes: readonly WishOutcome[]): Satisfaction {
  const per = new Map<string, { n: number; got: number }>();
  const s: Satisfaction = { families: 0, familiesAll: 0, familiesPart: 0, familiesNone: 0, wishes: outcomes.length, allocated: 0, waitlisted: 0, ineligible: 0, capped: 0 };
  for (const o of outcomes) {
    const p = per.get(o.familyId) ?? { n: 0, got: 0 };
    p.n++;
    if (o.status === 'allocated') p.got++;
    per.set(o.familyId, p);
    s[o.status]++;
  }
  for (const p of per.values()) {
    s.families++;
    if (p.got === p.n) s.familiesAll++;
    else if (p.got > 0) s.familiesPart++;
    else s.familiesNone++;
  }
  return s;
}
