/**
 * The booking race suite (issue #9): families with two or three devices each, two agents and an administrator
 * act at once over HTTP on a few unit-days with small capacities, in random mixes drawn by fast-check from a fixed
 * seed (RACE_SEED / RACE_RUNS to change it, see harness.ts). Every 2xx answer is recorded; afterwards the
 * invariants are checked in SQL:
 *   - each counter equals the booking rows holding a place, and never exceeds its capacity;
 *   - no free place while a child waits (automatic waiting list);
 *   - no request line decided twice; one « booking.promoted » e-mail per promotion;
 *   - nothing acknowledged to a client (a line accepted / pending / waitlisted in a 2xx) is missing afterwards
 *     unless an acknowledged operation of the same or a later wave removed it, and nothing acknowledged as removed
 *     is back unless an acknowledged operation re-booked it;
 *   - no answer is a 5xx, and every refusal carries a French message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestApp, type Res, type TestApp, type TestClient } from '../support/app.js';
import { newKey, reserve, type ActivityFixture } from '../integration/booking-support.js';
import { activity, checkBookingInvariants, isOrderlyRefusal, OPEN, parent, REQUEST, staff, START, weekdays, type Parent } from './booking-race-support.js';
import { raceRuns, raceSeed, raceTimeout, recordSummary } from './harness.js';

const AREA = 'booking';
const FAMILIES = 8;
const DEVICES = 3;
const UNITS = 2;
const DAYS = 2;
const REFUSAL = 'Plus de place dans ce groupe';

interface Cell {
  unit: number;
  day: number;
}
type Op =
  | { kind: 'book' | 'cancel' | 'withdraw'; fam: number; device: number; cell: Cell }
  | { kind: 'change'; fam: number; device: number; from: Cell; to: Cell }
  | { kind: 'resend'; fam: number; cell: Cell; copies: number }
  | { kind: 'decide'; agent: number; pick: number; decision: 'accept' | 'refuse'; oneLine: boolean }
  | { kind: 'promote'; agent: number; cell: Cell; pick: number }
  | { kind: 'capacity'; cell: Cell; capacity: number | null }
  | { kind: 'default'; unit: number; capacity: number };

interface Config {
  waitlistMode: 'auto' | 'staff';
  booking: 'open' | 'request';
  cancellation: 'open' | 'request';
  capacities: number[];
}
interface Scenario {
  config: Config;
  waves: Op[][];
}

const cellArb = fc.record({ unit: fc.nat(UNITS - 1), day: fc.nat(DAYS - 1) });
const fam = fc.nat(FAMILIES - 1);
const device = fc.nat(DEVICES - 1);
const familyOp = (kind: 'book' | 'cancel' | 'withdraw') => fc.record({ kind: fc.constant(kind), fam, device, cell: cellArb });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 9, arbitrary: familyOp('book') },
  { weight: 2, arbitrary: familyOp('cancel') },
  { weight: 1, arbitrary: familyOp('withdraw') },
  {
    weight: 2,
    arbitrary: fc
      .record({ kind: fc.constant('change' as const), fam, device, from: cellArb, to: cellArb })
      .map((o) => (o.from.unit === o.to.unit && o.from.day === o.to.day ? { ...o, to: { ...o.to, day: (o.to.day + 1) % DAYS } } : o)),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resend' as const), fam, cell: cellArb, copies: fc.integer({ min: 2, max: 4 }) }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('decide' as const), agent: fc.nat(1), pick: fc.nat(2), decision: fc.constantFrom('accept' as const, 'refuse' as const), oneLine: fc.boolean() }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('promote' as const), agent: fc.nat(1), cell: cellArb, pick: fc.nat(1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('capacity' as const), cell: cellArb, capacity: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('default' as const), unit: fc.nat(UNITS - 1), capacity: fc.integer({ min: 0, max: 4 }) }) },
);
const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  config: fc.record({
    waitlistMode: fc.constantFrom('auto' as const, 'staff' as const),
    booking: fc.constantFrom('open' as const, 'request' as const),
    cancellation: fc.constantFrom('open' as const, 'request' as const),
    capacities: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: UNITS, maxLength: UNITS }),
  }),
  waves: fc.array(fc.array(opArb, { minLength: 3, maxLength: 10 }), { minLength: 3, maxLength: 7 }),
});

let t: TestApp;
let families: Parent[];
let agents: TestClient[];
let admin: TestClient;
const days = weekdays('2026-09-07', DAYS);
const tally = { operations: 0, invariantChecks: 0, violations: [] as string[], runs: 0 };
/** 2xx answers per kind of operation, to see that the mixes reach every path (printed with the summary) */
const reached = new Map<string, number>();

beforeAll(async () => {
  t = await createTestApp({ clockStart: START });
  families = [];
  for (let i = 0; i < FAMILIES; i++) families.push(await parent(t, DEVICES, `Enfant${i}`));
  agents = [await staff(t, 'agent'), await staff(t, 'agent')];
  admin = await staff(t, 'admin');
});
afterAll(async () => {
  await t?.close();
});

interface Ack {
  wave: number;
  kind: 'held' | 'removed';
  state: string;
  what: string;
}

/** One run: a fresh activity, the waves one after the other, the ops of a wave all at once. */
async function runScenario(s: Scenario, runNo: number): Promise<{ operations: number; checks: number; violations: string[] }> {
  const { config } = s;
  const act: ActivityFixture = await activity(t, {
    units: Object.fromEntries(config.capacities.map((c, i) => [`u${i}`, c])),
    waitlistMode: config.waitlistMode,
    booking: config.booking === 'open' ? OPEN : REQUEST,
    cancellation: config.cancellation === 'open' ? OPEN : REQUEST,
  });
  const unitIds = config.capacities.map((_, i) => act.units[`u${i}`]);
  const violations: string[] = [];
  const acks = new Map<string, Ack[]>();
  let operations = 0;
  const tag = `run ${runNo} ${JSON.stringify(config)}`;
  const ack = (childId: string, unitId: string, day: string, a: Ack) => {
    const k = `${childId}|${unitId}|${day}`;
    acks.set(k, [...(acks.get(k) ?? []), a]);
  };
  const answered = (what: string, res: Res): boolean => {
    if (res.status >= 200 && res.status < 300) {
      const kind = what.split(' ')[0];
      reached.set(kind, (reached.get(kind) ?? 0) + 1);
      return true;
    }
    if (![400, 404, 409].includes(res.status) || !isOrderlyRefusal(res)) violations.push(`${tag} ${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    return false;
  };
  const familyAnswer = (wave: number, p: Parent, what: string, res: Res) => {
    if (!answered(what, res)) return;
    for (const l of res.body.lines ?? []) {
      if (l.action === 'book' && ['accepted', 'pending', 'waitlisted'].includes(l.state)) ack(p.childId, l.unitId, l.day, { wave, kind: 'held', state: l.state, what });
      if (l.action === 'cancel' && l.state === 'accepted') ack(p.childId, l.unitId, l.day, { wave, kind: 'removed', state: 'cancelled', what });
    }
  };
  const submit = (p: Parent, client: TestClient, changes: { cell: Cell; action: 'book' | 'cancel' }[], key = newKey()) => {
    operations++;
    return reserve(
      client,
      { childId: p.childId, activityId: act.activityId, periodId: act.periodId, changes: changes.map((c) => ({ day: days[c.cell.day], unitId: unitIds[c.cell.unit], action: c.action })) },
      key,
    );
  };

  async function run(op: Op, wave: number): Promise<void> {
    switch (op.kind) {
      case 'book':
      case 'cancel': {
        const p = families[op.fam];
        const res = await submit(p, p.devices[op.device], [{ cell: op.cell, action: op.kind }]);
        return familyAnswer(wave, p, `${op.kind} f${op.fam} ${JSON.stringify(op.cell)}`, res);
      }
      case 'withdraw': {
        // the family leaves a waiting list it is on (as seen on its planning), else cancels what it names
        const p = families[op.fam];
        const waiting = await t.ctx.db
          .selectFrom('booking')
          .select(['unit_id', 'day'])
          .where('child_id', '=', p.childId)
          .where('activity_id', '=', act.activityId)
          .where('state', '=', 'waitlisted')
          .orderBy('id')
          .executeTakeFirst();
        const cell = waiting ? { unit: unitIds.indexOf(waiting.unit_id), day: days.indexOf(waiting.day) } : op.cell;
        const res = await submit(p, p.devices[op.device], [{ cell, action: 'cancel' }]);
        return familyAnswer(wave, p, `withdraw f${op.fam} ${JSON.stringify(cell)}`, res);
      }
      case 'change': {
        const p = families[op.fam];
        const res = await submit(p, p.devices[op.device], [
          { cell: op.from, action: 'cancel' },
          { cell: op.to, action: 'book' },
        ]);
        return familyAnswer(wave, p, `change f${op.fam} ${JSON.stringify(op.from)}→${JSON.stringify(op.to)}`, res);
      }
      case 'resend': {
        // one click sent again by the browser from several devices: the same key, one reservation
        const p = families[op.fam];
        const key = newKey();
        const answers = await Promise.all(Array.from({ length: op.copies }, (_, i) => submit(p, p.devices[i % DEVICES], [{ cell: op.cell, action: 'book' }], key)));
        answers.forEach((res) => familyAnswer(wave, p, `resend f${op.fam} ${JSON.stringify(op.cell)}`, res));
        const numbers = new Set(answers.filter((r) => r.status < 300).map((r) => r.body.number));
        if (numbers.size > 1) violations.push(`${tag} resend f${op.fam}: one key gave reservations ${[...numbers].join(', ')}`);
        return;
      }
      case 'decide': {
        const agent = agents[op.agent];
        const list = await agent.get(`/api/staff/booking/requests?activityId=${act.activityId}`);
        if (!answered('requests list', list) || list.body.length === 0) return;
        const r = list.body[op.pick % list.body.length];
        const pendingLines = r.lines.filter((l: any) => l.state === 'pending');
        if (!pendingLines.length) return;
        const chosen = op.oneLine ? [pendingLines[0]] : pendingLines;
        operations++;
        const res = await agent.post(`/api/staff/booking/requests/${r.number}/decide`, {
          decision: op.decision,
          lineIds: op.oneLine ? [chosen[0].id] : null,
          ...(op.decision === 'refuse' ? { reason: REFUSAL } : {}),
        });
        const what = `decide ${op.decision} n°${r.number} by agent ${op.agent}`;
        if (!answered(what, res)) return;
        for (const c of chosen) {
          const l = res.body.lines.find((x: any) => x.id === c.id);
          if (!l) continue;
          const childId = res.body.child.id;
          if (op.decision === 'accept' && l.state === 'accepted')
            ack(childId, l.unitId, l.day, l.action === 'book' ? { wave, kind: 'held', state: 'accepted', what } : { wave, kind: 'removed', state: 'cancelled', what });
          if (op.decision === 'refuse' && l.state === 'refused' && l.reason === REFUSAL)
            ack(childId, l.unitId, l.day, l.action === 'book' ? { wave, kind: 'removed', state: 'refused', what } : { wave, kind: 'held', state: 'kept', what });
        }
        return;
      }
      case 'promote': {
        const agent = agents[op.agent];
        // the agent looks at the occupancy grid for a day with a free place and children waiting, else the cell named
        let [unitId, day] = [unitIds[op.cell.unit], days[op.cell.day]];
        const grid = await agent.get(`/api/staff/booking/occupancy?activityId=${act.activityId}&from=${days[0]}&to=${days[DAYS - 1]}`);
        if (!answered('occupancy', grid)) return;
        const cells = (grid.body.days as any[]).flatMap((d) => d.cells.map((c: any) => ({ ...c, day: d.day })));
        const free = cells.filter((c) => c.waiting > 0 && c.booked < c.capacity);
        const waiting = free.length ? free : cells.filter((c) => c.waiting > 0);
        if (waiting.length) [unitId, day] = [waiting[op.pick % waiting.length].unitId, waiting[op.pick % waiting.length].day];
        const list = await agent.get(`/api/staff/booking/waiting-list?unitId=${unitId}&day=${day}`);
        if (!answered('waiting list', list) || list.body.length === 0) return;
        const w = list.body[op.pick % list.body.length];
        operations++;
        const res = await agent.post(`/api/staff/booking/waiting-list/${w.bookingId}/promote`);
        const what = `promote ${w.bookingId} by agent ${op.agent}`;
        if (answered(what, res)) ack(res.body.child.id, res.body.unitId, res.body.day, { wave, kind: 'held', state: 'accepted', what });
        return;
      }
      case 'capacity': {
        operations++;
        const res = await admin.put(`/api/staff/catalog/units/${unitIds[op.cell.unit]}/capacity`, { day: days[op.cell.day], capacity: op.capacity });
        answered(`capacity ${op.capacity} ${JSON.stringify(op.cell)}`, res);
        return;
      }
      case 'default': {
        operations++;
        const code = `u${op.unit}`;
        const res = await admin.patch(`/api/staff/catalog/units/${unitIds[op.unit]}`, { code, label: code, position: op.unit, defaultCapacity: op.capacity, requires: null, excludes: [] });
        answered(`default ${op.capacity} u${op.unit}`, res);
        return;
      }
    }
  }

  for (const [wave, ops] of s.waves.entries()) await Promise.all(ops.map((op) => run(op, wave)));

  // ---- invariants in SQL
  const report = await checkBookingInvariants(t, unitIds);
  let checks = report.checks;
  violations.push(...report.violations.map((v) => `${tag} ${v}`));

  // ---- nothing acknowledged lost, nothing acknowledged removed back
  const rows = await t.ctx.db.selectFrom('booking').select(['child_id', 'unit_id', 'day', 'state']).where('activity_id', '=', act.activityId).execute();
  const final = new Map(rows.map((b) => [`${b.child_id}|${b.unit_id}|${b.day}`, b.state]));
  for (const [k, list] of acks) {
    const lastRemoved = Math.max(-1, ...list.filter((a) => a.kind === 'removed').map((a) => a.wave));
    const lastHeld = Math.max(-1, ...list.filter((a) => a.kind === 'held').map((a) => a.wave));
    const state = final.get(k);
    checks++;
    if (lastHeld > lastRemoved && !state) {
      const a = list.filter((x) => x.kind === 'held' && x.wave === lastHeld)[0];
      violations.push(`${tag} ${k}: « ${a.what} » acknowledged ${a.state} in wave ${a.wave}, nothing removed it since, but no booking is left`);
    }
    if (lastRemoved > lastHeld && state) {
      const a = list.filter((x) => x.kind === 'removed' && x.wave === lastRemoved)[0];
      violations.push(`${tag} ${k}: « ${a.what} » acknowledged ${a.state} in wave ${a.wave}, nothing re-booked it since, but a ${state} booking is there`);
    }
    const accepted = list.filter((a) => a.kind === 'held' && a.state === 'accepted' && a.wave > lastRemoved);
    if (accepted.length) {
      checks++;
      if (state !== 'accepted') violations.push(`${tag} ${k}: « ${accepted[0].what} » acknowledged accepted in wave ${accepted[0].wave}, now ${state ?? 'missing'}`);
    }
  }
  return { operations, checks, violations };
}

describe('booking under concurrent families, devices, agents and an administrator', () => {
  it('keeps every invariant over random mixes (fixed seed; RACE_SEED / RACE_RUNS to change)', async () => {
    const seed = raceSeed();
    const runs = raceRuns(20);
    let runNo = 0;
    try {
      await fc.assert(
        fc.asyncProperty(scenarioArb, async (s) => {
          const r = await runScenario(s, ++runNo);
          tally.runs++;
          tally.operations += r.operations;
          tally.invariantChecks += r.checks;
          tally.violations.push(...r.violations);
          if (r.violations.length) console.error(`[booking race] seed ${seed}, ${r.violations.length} violation(s):\n  ${r.violations.slice(0, 20).join('\n  ')}`);
          return r.violations.length === 0;
        }),
        { seed, numRuns: runs, endOnFailure: true },
      );
    } finally {
      const summary = recordSummary(AREA, { operations: tally.operations, invariantChecks: tally.invariantChecks, violations: tally.violations }, { runs: tally.runs });
      console.info(`[booking race] ${JSON.stringify({ ...summary, examples: undefined, reached: Object.fromEntries([...reached].sort()) })}`);
    }
    expect(tally.violations).toEqual([]);
    expect(tally.operations).toBeGreaterThan(runs * 5);
  }, raceTimeout(600_000));
});
