/**
 * Attendance marked while the month's invoicing run starts (issue 9): a mark acknowledged (200) must be on the
 * draft, and a mark after the run's start must be refused (409 billing.attendance_locked) — never a mark saved but
 * missing from the invoice. Over HTTP with two agents, on SQLite and PostgreSQL. Rounds from raceRuns (more with the
 * soak); past the default rounds, the run's start is delayed by a time drawn from the seed (raceSeed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createStaff } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { createBillingFixture, familyWith, waitForRunDetail, type BillingFixture } from '../integration/billing-support.js';
import { writeTransaction } from '../../src/server/db/write.js';
import { attendanceLocked } from '../../src/server/modules/billing/billing.locks.js';
import { raceCounter, raceRandom, raceRuns } from './harness.js';

// Monday 5 October 2026: September is over.
const START = '2026-10-05T08:00:00Z';
const ROUNDS = 6;
const count = raceCounter('attendance-run');
const random = raceRandom();
const CHILDREN = 20;
// September's weekdays: each child on its own day, so marks do not queue on one unit-day's lock
const DAYS = Array.from({ length: 30 }, (_, i) => `2026-09-${String(i + 1).padStart(2, '0')}`).filter((d) => ![0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay()));
let t: TestApp;
let b: BillingFixture;
let agents: TestClient[];

beforeAll(async () => {
  t = await createTestApp({ clockStart: START });
  b = await createBillingFixture(t);
  agents = [b.agent, await loginAs(t, (await createStaff(t.ctx, { role: 'agent' })).accountId)];
  count.watch(t.app);
});
afterAll(async () => {
  await t.close();
});

describe('attendance marks racing the invoicing run', () => {
  it('puts every acknowledged « présent sans réservation » on the draft, and refuses the marks that come after', async () => {
    const rounds = raceRuns(ROUNDS);
    for (let round = 0; round < rounds; round++) {
      // One child per family, nothing booked: each acknowledged mark is one unbooked presence on the draft.
      const children: string[] = [];
      for (let i = 0; i < CHILDREN; i++)
        children.push((await familyWith(t, { quotient: 600, lastName: `R${round}F${i}`, children: [{ firstName: 'Enfant', birthDate: '2017-05-01' }] })).childIds[0]);
      // the run starts while the marks are in flight (a little later each round; past the default rounds, when the seed says)
      const delay = round < ROUNDS ? round * 3 : random.int(0, (ROUNDS - 1) * 3);
      const [answers, started] = await count.race(() => {
        const marks = children.map((childId, i) =>
          agents[i % 2].put('/api/staff/booking/attendance', { unitId: b.activity.units.soir, day: DAYS[i % DAYS.length], childId, status: 'present_unbooked' }),
        );
        const run = new Promise((r) => setTimeout(r, delay)).then(() => b.admin.post('/api/staff/billing/runs', { officeId: b.officeId, month: '2026-09' }));
        return Promise.all([Promise.all(marks), run]);
      });
      expect(started.status).toBe(202);
      await waitForRunDetail(b.admin, started.body.id); // computed by the background job (issue 16)
      for (const r of answers) {
        expect([200, 409]).toContain(r.status);
        if (r.status === 409) expect(r.body.error.code).toBe('billing.attendance_locked');
      }
      const acknowledged = new Set(children.filter((_, i) => answers[i].status === 200));
      // what is saved is what was acknowledged
      const saved = await t.ctx.db.selectFrom('attendance').select('child_id').where('child_id', 'in', children).execute();
      count.check(new Set(saved.map((s) => s.child_id)), 'the marks saved are the marks acknowledged').toEqual(acknowledged);
      // and what was acknowledged is on the draft: one invoice per family whose mark was saved
      const ownerOf = new Map<string, string>();
      for (const c of await t.ctx.db.selectFrom('child').select(['id', 'family_id']).where('id', 'in', children).execute()) ownerOf.set(c.id, c.family_id);
      const invoices = await t.ctx.db
        .selectFrom('invoice')
        .select(['family_id', 'total_cents'])
        .where('run_id', '=', started.body.id)
        .where('family_id', 'in', [...ownerOf.values()])
        .execute();
      count.check(new Set(invoices.map((i) => i.family_id)), 'every acknowledged mark on the draft').toEqual(new Set([...acknowledged].map((c) => ownerOf.get(c))));
      // the same amount for each (the day's price plus the unbooked-presence surcharge)
      count.check(new Set(invoices.map((i) => i.total_cents)).size, 'one amount').toBeLessThanOrEqual(1);
      for (const i of invoices) count.check(i.total_cents, 'an amount due').toBeGreaterThan(0);
      // discard, so the next round races a new run of the same month
      const d = await b.admin.post(`/api/staff/billing/runs/${started.body.id}/discard`, {});
      expect(d.status).toBeLessThan(300);
      count.ran();
    }
  });

  // Deterministic on PostgreSQL: a mark's transaction (the same steps as markAttendance: check the month lock, write)
  // is held open after its check; the run must wait for it instead of computing the draft without it. (On SQLite the
  // one write lock serialises them anyway, and holding it open here would only block the test itself.)
  it.runIf(!!process.env.TEST_DATABASE_URL)('a run that starts during a mark waits for it, so the mark is on the draft', async () => {
    const { childIds, family } = await familyWith(t, { quotient: 600, lastName: 'Attente', children: [{ firstName: 'Enfant', birthDate: '2017-05-01' }] });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let checked!: () => void;
    const afterCheck = new Promise<void>((r) => (checked = r));
    const mark = writeTransaction(t.ctx, async (trx) => {
      expect(await attendanceLocked(trx, b.activity.activityId, '2026-09-15')).toBe(false);
      await trx
        .insertInto('attendance')
        .values({ child_id: childIds[0], unit_id: b.activity.units.soir, day: '2026-09-15', status: 'present_unbooked', marked_by: b.agentActor.id, marked_at: START })
        .execute();
      checked();
      await held;
    });
    await afterCheck;
    let answered = false;
    count.op(); // the mark's transaction
    const run = count.race(() => b.admin.post('/api/staff/billing/runs', { officeId: b.officeId, month: '2026-09' })).then((r) => ((answered = true), r));
    await new Promise((r) => setTimeout(r, 400));
    expect(answered).toBe(false); // the run is waiting for the mark in flight
    release();
    await mark;
    const started = await run;
    expect(started.status).toBe(202);
    await waitForRunDetail(b.admin, started.body.id);
    const invoice = await t.ctx.db.selectFrom('invoice').select('total_cents').where('run_id', '=', started.body.id).where('family_id', '=', family.familyId).executeTakeFirst();
    count.check(invoice?.total_cents, 'the mark held open is on the draft').toBeGreaterThan(0);
    count.ran();
    await b.admin.post(`/api/staff/billing/runs/${started.body.id}/discard`, {});
  });
});
