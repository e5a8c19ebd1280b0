/**
 * POST /api/booking/reservations/siblings (issue 17): one planning booked for two children of the family in one
 * request — one reservation per child, all refused before anything is written when one child is wrong, the same key
 * replaying the group, another family's child never reachable, the booking right required.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createFamily } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { childOf, createActivityFixture, newKey, NO_DEADLINE, reserve, type ActivityFixture } from './booking-support.js';

const START = '2026-09-01T08:00:00Z';
let t: TestApp;
let a: ActivityFixture;

beforeAll(async () => {
  t = await createTestApp({ clockStart: START });
  a = await createActivityFixture(t, {
    units: { matin: 3, soir: 3 },
    activity: { bookingPolicy: NO_DEADLINE, cancellationPolicy: NO_DEADLINE },
    period: { startDay: '2026-09-07', endDay: '2026-10-16' },
  });
});
afterAll(async () => t.close());

async function siblings() {
  const family = await createFamily(t.ctx);
  const lea = await childOf(t, family, { firstName: 'Léa' });
  const tom = await childOf(t, family, { firstName: 'Tom', birthDate: '2019-05-02' });
  return { family, lea, tom, client: await loginAs(t, family.accountId) };
}

const send = (client: TestClient, body: unknown, key = newKey()) => client.request('POST', '/api/booking/reservations/siblings', body, { 'idempotency-key': key });
const week = (unit: string) => ['2026-09-07', '2026-09-08', '2026-09-09'].map((day) => ({ day, unitId: a.units[unit], action: 'book' as const }));
const count = async (childId: string) =>
  Number((await t.ctx.db.selectFrom('booking').select((eb) => eb.fn.countAll().as('n')).where('child_id', '=', childId).executeTakeFirstOrThrow()).n);

describe('several children at once', () => {
  it('books the same week for two children: one reservation each, every line accepted', async () => {
    const { lea, tom, client } = await siblings();
    const key = newKey();
    const body = { activityId: a.activityId, periodId: a.periodId, children: [{ childId: lea, changes: week('matin') }, { childId: tom, changes: week('matin') }] };
    const res = await send(client, body, key);
    expect(res.status).toBe(201);
    expect(res.body.reservations).toHaveLength(2);
    expect(res.body.reservations.map((r: { child: { firstName: string } }) => r.child.firstName)).toEqual(['Léa', 'Tom']);
    for (const r of res.body.reservations) expect(r.lines.map((l: { state: string }) => l.state)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(await count(lea)).toBe(3);
    expect(await count(tom)).toBe(3);
    // the same request again (a double click, a lost answer): the same two reservations, nothing booked twice
    const again = await send(client, body, key);
    expect(again.status).toBe(200);
    expect(again.body.reservations.map((r: { number: number }) => r.number)).toEqual(res.body.reservations.map((r: { number: number }) => r.number));
    expect(await count(lea)).toBe(3);
    // the key reused for other changes: refused, nothing written
    const other = await send(client, { ...body, children: [{ childId: lea, changes: week('soir') }, { childId: tom, changes: week('matin') }] }, key);
    expect(other.status).toBe(409);
    expect(await count(lea)).toBe(3);
  });

  it('writes nothing when one of the children is wrong (another family’s child, a unit unknown, a child twice)', async () => {
    const { lea, tom, client } = await siblings();
    const stranger = await siblings();
    const base = { activityId: a.activityId, periodId: a.periodId };
    const foreign = await send(client, { ...base, children: [{ childId: lea, changes: week('matin') }, { childId: stranger.tom, changes: week('matin') }] });
    expect(foreign.status).toBe(404);
    const badUnit = await send(client, { ...base, children: [{ childId: lea, changes: week('matin') }, { childId: tom, changes: [{ day: '2026-09-07', unitId: 'nope', action: 'book' }] }] });
    expect(badUnit.status).toBe(400);
    expect(badUnit.body.error.fields[0].path).toBe('children.1.changes.0.unitId');
    const twice = await send(client, { ...base, children: [{ childId: lea, changes: week('matin') }, { childId: lea, changes: week('soir') }] });
    expect(twice.status).toBe(400);
    expect(twice.body.error.fields[0].code).toBe('booking.duplicate_child');
    expect(await count(lea)).toBe(0);
    expect(await count(tom)).toBe(0);
    expect(await count(stranger.tom)).toBe(0);
  });

  it('refuses a request without a key, and one for a family without the booking right', async () => {
    const { lea, client } = await siblings();
    const body = { activityId: a.activityId, periodId: a.periodId, children: [{ childId: lea, changes: week('matin') }] };
    const noKey = await client.request('POST', '/api/booking/reservations/siblings', body);
    expect(noKey.status).toBe(400);
    const pending = await createFamily(t.ctx, { status: 'pending' });
    const p = await loginAs(t, pending.accountId);
    expect((await send(p, body)).status).toBe(403);
  });

  it('agrees with the one-child engine on a replay: a child booked alone under « key.0 » is replayed, not booked again', async () => {
    const { lea, tom, client } = await siblings();
    const key = newKey();
    const alone = await reserve(client, { childId: lea, activityId: a.activityId, periodId: a.periodId, changes: week('soir') }, `${key}.0`);
    expect(alone.status).toBe(201);
    const res = await send(client, { activityId: a.activityId, periodId: a.periodId, children: [{ childId: lea, changes: week('soir') }, { childId: tom, changes: week('soir') }] }, key);
    expect(res.status).toBe(201);
    expect(res.body.reservations[0].number).toBe(alone.body.number);
    expect(await count(lea)).toBe(3);
    expect(await count(tom)).toBe(3);
  });
});
