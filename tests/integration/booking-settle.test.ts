import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../support/app.js';
import { createFamily } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { childOf, createActivityFixture, newKey, NO_DEADLINE, reserve, type ActivityFixture } from './booking-support.js';
import { settleAllWaitingLists, waitingList } from '../../src/server/modules/booking/booking.waitlist.js';
import { submitReservation } from '../../src/server/modules/booking/booking.service.js';

// Tuesday 1 September 2026, 10:00 Paris
const START = '2026-09-01T08:00:00Z';
const DAY = '2026-09-10';
let t: TestApp;
let a: ActivityFixture;

beforeAll(async () => {
  t = await createTestApp({ clockStart: START });
  a = await createActivityFixture(t, { units: { matin: 1 }, activity: { bookingPolicy: NO_DEADLINE, cancellationPolicy: NO_DEADLINE } });
});
afterAll(async () => {
  await t.close();
});

async function book() {
  const family = await createFamily(t.ctx);
  const childId = await childOf(t, family);
  const client = await loginAs(t, family.accountId);
  const r = await reserve(client, { childId, activityId: a.activityId, periodId: a.periodId, changes: [{ day: DAY, unitId: a.units.matin, action: 'book' }] });
  expect(r.status).toBe(201);
  return { childId, state: r.body.lines[0].state as string };
}

describe('the settle job, safety net of the post-commit settle', () => {
  it('gives a place left free while children wait (a process that died after its commit) to the first waiting child, once', async () => {
    expect((await book()).state).toBe('accepted');
    const first = await book();
    const second = await book();
    expect([first.state, second.state]).toEqual(['waitlisted', 'waitlisted']);
    // A place appears without its settle (as if the process had been killed between a commit and its settle).
    await sql`update unit_day set capacity = 2 where unit_id = ${a.units.matin} and day = ${DAY}`.execute(t.ctx.db);

    expect(await settleAllWaitingLists(t.ctx)).toBe(1);
    expect(await settleAllWaitingLists(t.ctx)).toBe(0); // nothing left to do: one read

    const rows = await t.ctx.db.selectFrom('booking').select(['child_id', 'state']).where('unit_id', '=', a.units.matin).where('day', '=', DAY).execute();
    const stateOf = new Map(rows.map((r) => [r.child_id, r.state]));
    expect(stateOf.get(first.childId)).toBe('accepted');
    expect(stateOf.get(second.childId)).toBe('waitlisted');
    const counter = await t.ctx.db.selectFrom('unit_day').select(['booked', 'capacity']).where('unit_id', '=', a.units.matin).where('day', '=', DAY).executeTakeFirstOrThrow();
    expect(counter).toEqual({ booked: 2, capacity: 2 });
    const mails = await t.ctx.db.selectFrom('outbox').select('template').where('template', '=', 'booking.promoted').execute();
    expect(mails).toHaveLength(1);
  });
});

describe('waiting-list order across instances', () => {
  it('ranks by arrival, not by commit: a request that reached a busier instance first stays ahead of a later one that committed before it', async () => {
    const day = '2026-09-11';
    const family = async () => {
      const f = await createFamily(t.ctx);
      return { scope: { accountId: f.accountId, familyId: f.familyId, email: f.email, accountStatus: 'active' }, childId: await childOf(t, f) };
    };
    const input = (childId: string) => ({ childId, activityId: a.activityId, periodId: a.periodId, changes: [{ day, unitId: a.units.matin, action: 'book' as const }] });
    const now = t.clock.now().getTime();
    const holder = await family();
    const early = await family();
    const late = await family();
    expect((await submitReservation(t.ctx, holder.scope, input(holder.childId), newKey(), new Date(now))).reservation.lines[0].state).toBe('accepted');
    // `late` reached instance B at +2 s and committed at once; `early` had reached instance A at +1 s but waited in its queue
    expect((await submitReservation(t.ctx, late.scope, input(late.childId), newKey(), new Date(now + 2000))).reservation.lines[0].state).toBe('waitlisted');
    expect((await submitReservation(t.ctx, early.scope, input(early.childId), newKey(), new Date(now + 1000))).reservation.lines[0].state).toBe('waitlisted');

    const list = await waitingList(t.ctx, a.units.matin, day);
    expect(list.map((w) => w.child.id)).toEqual([early.childId, late.childId]);
    await sql`update unit_day set capacity = 2 where unit_id = ${a.units.matin} and day = ${day}`.execute(t.ctx.db);
    expect(await settleAllWaitingLists(t.ctx)).toBe(1);
    const rows = await t.ctx.db.selectFrom('booking').select(['child_id', 'state']).where('unit_id', '=', a.units.matin).where('day', '=', day).execute();
    expect(new Map(rows.map((r) => [r.child_id, r.state]))).toEqual(
      new Map([
        [holder.childId, 'accepted'],
        [early.childId, 'accepted'],
        [late.childId, 'waitlisted'],
      ]),
    );
  });
});

describe('a booking nobody waits for any more', () => {
  it('is not computed when its client left while it was queued: nothing written, 499 request.abandoned', async () => {
    const f = await createFamily(t.ctx);
    const childId = await childOf(t, f);
    const scope = { accountId: f.accountId, familyId: f.familyId, email: f.email, accountStatus: 'active' };
    const input = { childId, activityId: a.activityId, periodId: a.periodId, changes: [{ day: '2026-09-14', unitId: a.units.matin, action: 'book' as const }] };
    const key = newKey();
    await expect(submitReservation(t.ctx, scope, input, key, t.clock.now(), () => true)).rejects.toMatchObject({ code: 'request.abandoned', status: 499 });
    expect(await t.ctx.db.selectFrom('reservation').select('id').where('family_id', '=', f.familyId).execute()).toEqual([]);
    // the family's retry with the same key is a first submission
    const again = await submitReservation(t.ctx, scope, input, key, t.clock.now(), () => false);
    expect([again.replayed, again.reservation.lines[0].state]).toEqual([false, 'accepted']);
  });
});
