import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, type FamilyFixture } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { childOf, createActivityFixture, newKey, reserve, type ActivityFixture } from './booking-support.js';

// Tuesday 1 September 2026, 10:00 Paris
const START = '2026-09-01T08:00:00Z';
let t: TestApp;
let act: ActivityFixture;

beforeAll(async () => {
  t = await createTestApp({ clockStart: START });
  act = await createActivityFixture(t, { units: { matin: 2, soir: 1 } });
});
afterAll(async () => {
  await t.close();
});

async function familyWithChild(): Promise<{ family: FamilyFixture; client: TestClient; childId: string }> {
  const family = await createFamily(t.ctx);
  const childId = await childOf(t, family);
  return { family, client: await loginAs(t, family.accountId), childId };
}

async function counter(unitId: string, day: string) {
  return t.ctx.db.selectFrom('unit_day').selectAll().where('unit_id', '=', unitId).where('day', '=', day).executeTakeFirst();
}

describe('capacity', () => {
  it('accepts up to the capacity, then puts the next child on the waiting list', async () => {
    const day = '2026-09-14';
    const states: string[] = [];
    for (let i = 0; i < 3; i++) {
      const f = await familyWithChild();
      const res = await reserve(f.client, { childId: f.childId, activityId: act.activityId, periodId: act.periodId, changes: [{ day, unitId: act.units.matin, action: 'book' }] });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      states.push(res.body.lines[0].state);
      expect(res.body.number).toBeGreaterThan(0);
    }
    expect(states).toEqual(['accepted', 'accepted', 'waitlisted']);
    expect(await counter(act.units.matin, day)).toMatchObject({ booked: 2, capacity: 2 });
  });

  it('never goes over capacity when many families book the last place at once', async () => {
    const day = '2026-09-15';
    const families = await Promise.all(Array.from({ length: 12 }, () => familyWithChild()));
    const results = await Promise.all(
      families.map((f) =>
        reserve(f.client, { childId: f.childId, activityId: act.activityId, periodId: act.periodId, changes: [{ day, unitId: act.units.soir, action: 'book' }] }),
      ),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    const accepted = results.filter((r) => r.body.lines[0].state === 'accepted').length;
    expect(accepted).toBe(1);
    expect(results.filter((r) => r.body.lines[0].state === 'waitlisted').length).toBe(11);
    expect(await counter(act.units.soir, day)).toMatchObject({ booked: 1, capacity: 1 });
    const rows = await t.ctx.db.selectFrom('booking').selectAll().where('unit_id', '=', act.units.soir).where('day', '=', day).execute();
    expect(rows.filter((r) => r.state === 'accepted')).toHaveLength(1);
  });

  it('the database refuses a counter above its capacity, whatever the code does', async () => {
    const day = '2026-09-16';
    const f = await familyWithChild();
    await reserve(f.client, { childId: f.childId, activityId: act.activityId, periodId: act.periodId, changes: [{ day, unitId: act.units.soir, action: 'book' }] });
    await expect(
      t.ctx.db.updateTable('unit_day').set({ booked: 2 }).where('unit_id', '=', act.units.soir).where('day', '=', day).execute(),
    ).rejects.toThrow();
  });

  it('books once when the same request is sent 10 times from 3 devices', async () => {
    const day = '2026-09-17';
    const family = await createFamily(t.ctx);
    const childId = await childOf(t, family);
    const devices = await Promise.all([loginAs(t, family.accountId), loginAs(t, family.accountId), loginAs(t, family.accountId)]);
    const body = { childId, activityId: act.activityId, periodId: act.periodId, changes: [{ day, unitId: act.units.matin, action: 'book' as const }] };
    const key = newKey();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => reserve(devices[i % 3], body, key)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.body.number)).size).toBe(1);
    const bookings = await t.ctx.db.selectFrom('booking').selectAll().where('child_id', '=', childId).execute();
    expect(bookings).toHaveLength(1);
    expect((await counter(act.units.matin, day))?.booked).toBe(1);
    // another device that did not share the key: the unique (child, activity, day, unit) holds
    const other = await reserve(devices[1], body);
    expect(other.status).toBe(201);
    expect(other.body.lines[0]).toMatchObject({ state: 'refused', reason: 'booking.already_booked' });
    expect((await counter(act.units.matin, day))?.booked).toBe(1);
  });

  it('refuses a reused key with a different body', async () => {
    const f = await familyWithChild();
    const key = newKey();
    const body = { childId: f.childId, activityId: act.activityId, periodId: act.periodId, changes: [{ day: '2026-09-18', unitId: act.units.matin, action: 'book' as const }] };
    expect((await reserve(f.client, body, key)).status).toBe(201);
    const res = await reserve(f.client, { ...body, changes: [{ ...body.changes[0], day: '2026-09-21' }] }, key);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('booking.idempotency_mismatch');
  });

  it('asks for an idempotency key', async () => {
    const f = await familyWithChild();
    const res = await f.client.post('/api/booking/reservations', { childId: f.childId, activityId: act.activityId, periodId: act.periodId, changes: [{ day: '2026-09-18', unitId: act.units.matin, action: 'book' }] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('booking.idempotency_key_required');
  });
});
