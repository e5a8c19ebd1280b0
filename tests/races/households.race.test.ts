/**
 * Issue 11 under concurrency: children shared by two households (separated parents), each household on two devices,
 * booking and cancelling the same days at the same instant (free custody, so the only guard is « the first household
 * to book a day gets it »), while staff change the custody schedule. Invariants in SQL afterwards: a child's day is
 * held by one household at most, counters equal the rows that hold a place, every answer is a reservation or an
 * orderly refusal (never a 500). A second case links a child of one household into another one while both book it
 * (on PostgreSQL the first household books in one statement, which must notice the link). SQLite, and PostgreSQL with TEST_DATABASE_URL (READ COMMITTED).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { sql } from 'kysely';
import { ensureUnitDays } from '../../src/server/modules/booking/booking.repo.js';
import { createTestApp, type TestApp, type TestClient, type Res } from '../support/app.js';
import { createFamily } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { childOf, newKey, reserve, type ActivityFixture } from '../integration/booking-support.js';
import { raceCounter, raceRandom, raceRuns, raceTimeout } from './harness.js';
import { START, activity, checkBookingInvariants, isOrderlyRefusal, staff, weekdays } from './booking-race-support.js';

const count = raceCounter('households');
let t: TestApp;
let act: ActivityFixture;
let agent: TestClient;
let agent2: TestClient;

interface Pair {
  childId: string;
  households: { familyId: string; fixture: Awaited<ReturnType<typeof createFamily>>; devices: TestClient[] }[];
}
const pairs: Pair[] = [];

beforeAll(async () => {
  t = await createTestApp({ clockStart: START });
  count.watch(t.app);
  act = await activity(t, { units: { matin: 30, repas: 30, soir: 30 } });
  agent = await staff(t);
  agent2 = await staff(t);
  for (let i = 0; i < 3; i++) {
    const a = await createFamily(t.ctx, { lastName: `Alpha${i}` });
    const b = await createFamily(t.ctx, { lastName: `Beta${i}` });
    const childId = await childOf(t, a, { firstName: `Enfant${i}` });
    const r = await agent.post(`/api/staff/children/${childId}/households`, { familyId: b.familyId, identityChecked: true, identityNote: 'livret de famille' });
    if (r.status !== 201) throw new Error(JSON.stringify(r.body));
    const devices = async (accountId: string) => [await loginAs(t, accountId), await loginAs(t, accountId)];
    pairs.push({
      childId,
      households: [
        { familyId: a.familyId, fixture: a, devices: await devices(a.accountId) },
        { familyId: b.familyId, fixture: b, devices: await devices(b.accountId) },
      ],
    });
  }
});
afterAll(async () => {
  await t.close();
});

async function oneHouseholdPerDay(): Promise<string[]> {
  const rows = await t.ctx.db
    .selectFrom('booking')
    .select(['child_id', 'activity_id', 'day'])
    .select((eb) => eb.fn.count<number>('family_id').distinct().as('n'))
    .groupBy(['child_id', 'activity_id', 'day'])
    .execute();
  count.invariantChecks += rows.length;
  return rows.filter((r) => Number(r.n) > 1).map((r) => `${r.child_id} ${r.day}: booked by ${r.n} households`);
}

describe('two households booking a shared child at the same instant', () => {
  it(
    'never lets both households hold the same day, whatever the units, devices, cancellations and custody changes',
    async () => {
      const rnd = raceRandom(11);
      const days = weekdays('2026-09-07', 15);
      const units = Object.values(act.units);
      const rounds = raceRuns(6);
      for (let round = 0; round < rounds; round++) {
        count.runs++;
        const requests: Promise<Res>[] = [];
        for (const p of pairs)
          for (const h of p.households)
            for (const device of h.devices) {
              // a few days at once, each on a random unit; sometimes a cancellation of a day it may hold
              const picked = [...new Set(Array.from({ length: rnd.int(1, 4) }, () => days[rnd.int(0, days.length - 1)]))];
              const changes = picked.map((day) => ({ day, unitId: units[rnd.int(0, units.length - 1)], action: rnd.next() < 0.2 ? ('cancel' as const) : ('book' as const) }));
              const key = newKey();
              const body = { childId: p.childId, activityId: act.activityId, periodId: act.periodId, changes };
              requests.push(reserve(device, body, key));
              if (rnd.next() < 0.2) requests.push(reserve(device, body, key)); // a double click: the same key
            }
        // staff switch a child between free and alternate weeks meanwhile (a custody change waits for bookings in flight)
        const p0 = pairs[round % pairs.length];
        const custody =
          round % 2 === 0
            ? { kind: 'free' }
            : { kind: 'alternate_weeks', referenceMonday: '2026-09-07', referenceFamilyId: p0.households[round % 2].familyId };
        requests.push(agent.put(`/api/staff/children/${p0.childId}/custody`, custody));
        // and every third round another agent unlinks a household of another child while it books (linked back after)
        const p1 = pairs[(round + 1) % pairs.length];
        const unlinked = round % 3 === 2 ? p1.households[1] : null;
        if (unlinked) requests.push(agent2.request('DELETE', `/api/staff/children/${p1.childId}/households/${unlinked.familyId}`));
        const answers = await count.race(() => Promise.all(requests));
        if (unlinked) {
          const back = await agent2.post(`/api/staff/children/${p1.childId}/households`, { familyId: unlinked.familyId, identityChecked: true, identityNote: 'retour' });
          count.check(back.status, JSON.stringify(back.body)).toBe(201);
          // nothing of the unlinked household after today is left
          const left = await t.ctx.db.selectFrom('booking').select('id').where('child_id', '=', p1.childId).where('family_id', '=', unlinked.familyId).execute();
          count.check(left, 'the unlinked household’s bookings of the child are gone').toEqual([]);
        }
        for (const r of answers) count.check(r.status < 300 || isOrderlyRefusal(r), JSON.stringify(r.body)).toBe(true);
        count.check(await oneHouseholdPerDay(), `round ${round}`).toEqual([]);
      }
      const report = await checkBookingInvariants(t, units);
      count.invariantChecks += report.checks;
      count.check(report.violations).toEqual([]);
      // some days were really fought over: refused for the other household's booking
      const fought = await t.ctx.db.selectFrom('reservation_line').select('id').where('reason', '=', 'household.day_taken').execute();
      count.check(fought.length > 0, 'at least one day refused to the second household').toBe(true);
    },
    raceTimeout(120_000),
  );
});

/** PostgreSQL: how many backends wait, directly or through another waiter, on this backend's locks. */
async function waitingOn(holderPid: number): Promise<number> {
  const r = await sql<{ pid: number; blockers: number[] }>`select pid, pg_blocking_pids(pid) as blockers from pg_stat_activity where wait_event_type = 'Lock'`.execute(t.ctx.db);
  const chain = new Set([holderPid]);
  for (let grown = true; grown; ) {
    grown = false;
    for (const w of r.rows) if (!chain.has(w.pid) && w.blockers.some((b) => chain.has(b))) (chain.add(w.pid), (grown = true));
  }
  return chain.size - 1;
}
async function untilWaiting(holderPid: number, n: number): Promise<void> {
  for (let tries = 0; (await waitingOn(holderPid)) < n; tries++) {
    if (tries > 1000) throw new Error(`nobody waits on the test's lock (${n} expected)`);
    await new Promise((ok) => setTimeout(ok, 10));
  }
}

describe('a child linked into a second household while its first household books it (PostgreSQL)', () => {
  // On PostgreSQL a child of one household is booked in one statement (repo.bookAtOnce), which reads the household
  // links only through its snapshot. Here that statement is held on a unit-day lock (taken by the test) while staff
  // link the child into a second household and that household books the same day on another unit (which the
  // UNIQUE index cannot catch). The statement share-locks the links before any unit-day, so the link waits for it
  // and the second household then sees its booking; without that, both would hold the day.
  it.runIf(process.env.TEST_DATABASE_URL)(
    'makes the link wait for the booking in flight, so the day stays with one household',
    async () => {
      const units = Object.values(act.units);
      const day = '2026-09-22';
      for (const [i, p] of pairs.entries()) {
        count.runs++;
        const [a, b] = p.households;
        const childId = await childOf(t, a.fixture, { firstName: `Lié${i}` });
        const body = (unitId: string) => ({ childId, activityId: act.activityId, periodId: act.periodId, changes: [{ day, unitId, action: 'book' as const }] });
        await ensureUnitDays(t.ctx.db, [{ unitId: units[0], day, capacity: 30 }]);
        let release!: () => void;
        const released = new Promise<void>((ok) => (release = ok));
        let locked!: (pid: number) => void;
        const holderPid = new Promise<number>((ok) => (locked = ok));
        const holder = t.ctx.db.transaction().execute(async (trx) => {
          await sql`select 1 from unit_day where unit_id = ${units[0]} and day = ${day} for update`.execute(trx);
          locked((await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0].pid);
          await released;
        });
        const pid = await holderPid;
        const first = reserve(a.devices[0], body(units[0]), newKey());
        await untilWaiting(pid, 1); // the first household's statement waits on the unit-day
        let secondDone = false;
        const second = agent.post(`/api/staff/children/${childId}/households`, { familyId: b.familyId, identityChecked: true, identityNote: 'jugement' }).then(async (linked) => {
          count.check(linked.status, JSON.stringify(linked.body)).toBe(201);
          const r = await reserve(b.devices[0], body(units[2]), newKey());
          secondDone = true;
          return r;
        });
        // either the link waits for the booking in flight (two waiters), or (the defect) it and the booking get through
        await Promise.race([untilWaiting(pid, 2), second]);
        release();
        await holder;
        const [r1, r2] = await Promise.all([first, second]);
        count.check(r1.status, JSON.stringify(r1.body)).toBe(201);
        count.check(r2.status < 300 || isOrderlyRefusal(r2), JSON.stringify(r2.body)).toBe(true);
        count.check(secondDone).toBe(true);
        count.check(await oneHouseholdPerDay(), `child ${i}`).toEqual([]);
        const lines = await t.ctx.db.selectFrom('reservation_line').innerJoin('reservation', 'reservation.id', 'reservation_line.reservation_id').select('reservation_line.reason').where('reservation.child_id', '=', childId).where('reservation.family_id', '=', b.familyId).execute();
        count.check(lines.map((l) => l.reason), 'the second household is told the day is taken').toEqual(['household.day_taken']);
      }
    },
    raceTimeout(60_000),
  );

  it.runIf(process.env.TEST_DATABASE_URL)(
    'judges the booking again under the links’ lock when the link committed between its first read and its statement',
    async () => {
      const units = Object.values(act.units);
      const day = '2026-09-23';
      for (const [i, p] of pairs.entries()) {
        count.runs++;
        const [a, b] = p.households;
        const childId = await childOf(t, a.fixture, { firstName: `Tard${i}` });
        const unitDay = ['2026-09-28', '2026-09-29', '2026-09-30'][i]; // weekdays of the period
        const body = (unitId: string, d: string) => ({ childId, activityId: act.activityId, periodId: act.periodId, changes: [{ day: d, unitId, action: 'book' as const }] });
        // the test inserts the first household's counter row without committing: its booking waits before its statement
        let release!: () => void;
        const released = new Promise<void>((ok) => (release = ok));
        let locked!: (pid: number) => void;
        const holderPid = new Promise<number>((ok) => (locked = ok));
        const holder = t.ctx.db
          .transaction()
          .execute(async (trx) => {
            await ensureUnitDays(trx, [{ unitId: units[0], day: unitDay, capacity: 30 }]);
            locked((await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0].pid);
            await released;
            throw new Error('rolled back');
          })
          .catch(() => undefined);
        const pid = await holderPid;
        const first = reserve(a.devices[0], { ...body(units[0], unitDay), changes: [...body(units[0], unitDay).changes, { day, unitId: units[1], action: 'book' as const }] }, newKey());
        await untilWaiting(pid, 1); // the first household's booking waits for the counter row, before its statement
        // meanwhile: linked, and the second household books the day on another unit — both committed
        const linked = await agent.post(`/api/staff/children/${childId}/households`, { familyId: b.familyId, identityChecked: true, identityNote: 'jugement' });
        count.check(linked.status, JSON.stringify(linked.body)).toBe(201);
        const r2 = await reserve(b.devices[0], body(units[2], day), newKey());
        count.check(r2.status, JSON.stringify(r2.body)).toBe(201);
        release();
        await holder;
        const r1 = await first;
        count.check(r1.status, JSON.stringify(r1.body)).toBe(201);
        count.check(await oneHouseholdPerDay(), `child ${i}`).toEqual([]);
        const reasons = await t.ctx.db
          .selectFrom('reservation_line')
          .innerJoin('reservation', 'reservation.id', 'reservation_line.reservation_id')
          .select(['reservation_line.day', 'reservation_line.reason'])
          .where('reservation.child_id', '=', childId)
          .where('reservation.family_id', '=', a.familyId)
          .orderBy('reservation_line.day')
          .execute();
        count.check(reasons, 'the first household is refused the day the second one took').toEqual([
          { day, reason: 'household.day_taken' },
          { day: unitDay, reason: null },
        ]);
      }
    },
    raceTimeout(60_000),
  );
});

describe('two agents switching « partage autorisé » at the same instant', () => {
  it(
    'leaves the switch as the last change says, with one audit line and one mail per household for each real change',
    async () => {
      const p = pairs[0];
      const seer = p.households[1].familyId;
      const url = `/api/staff/children/${p.childId}/households/${seer}/sharing`;
      const audits = async () =>
        (await t.ctx.db.selectFrom('audit_log').select(['id', 'details']).where('action', '=', 'child.household_sharing').where('target_id', '=', p.childId).orderBy('id').execute()).map(
          (a) => JSON.parse(a.details ?? '{}') as { seesOther: boolean },
        );
      const mails = () => t.ctx.db.selectFrom('outbox').select('id').where('template', '=', 'household.sharing').where('family_id', 'in', p.households.map((h) => h.familyId)).execute();
      const before = { audits: (await audits()).length, mails: (await mails()).length };
      const rnd = raceRandom(23);
      for (let round = 0; round < raceRuns(6); round++) {
        count.runs++;
        // two agents, double clicks, both values
        const answers = await count.race(() =>
          Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? agent : agent2).request('PUT', url, { seesOther: rnd.next() < 0.5 }))),
        );
        for (const r of answers) count.check(r.status, JSON.stringify(r.body)).toBe(200);
        const row = await t.ctx.db.selectFrom('child_household').select('sees_other').where('child_id', '=', p.childId).where('family_id', '=', seer).executeTakeFirstOrThrow();
        const lines = await audits();
        // each real change wrote one line on each household, in the order of the changes: the last one is the state
        count.check((lines.length - before.audits) % 2, 'audit lines come in pairs').toBe(0);
        const last = lines.length > before.audits ? lines[lines.length - 1].seesOther : null;
        if (last !== null) count.check(row.sees_other === 1, `round ${round}`).toBe(last);
        // changes alternate: two consecutive changes never say the same value
        const changes = lines.slice(before.audits).filter((_, i) => i % 2 === 0).map((l) => l.seesOther);
        for (let i = 1; i < changes.length; i++) count.check(changes[i], 'a change changes something').not.toBe(changes[i - 1]);
        count.check((await mails()).length - before.mails, 'one mail per household and change').toBe(lines.length - before.audits);
        count.invariantChecks += 4;
      }
    },
    raceTimeout(60_000),
  );
});
