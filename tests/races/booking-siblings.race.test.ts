/**
 * Several children at once (issue 17) under concurrency, on SQLite and PostgreSQL: a double (triple…) click on
 * « Valider » for two children books each child once; families booking their two children into a unit with few
 * places never overfill it, each child's days are held once, and the counters match the bookings (invariants in SQL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { childOf, newKey } from '../integration/booking-support.js';
import { activity, checkBookingInvariants, parent, START, weekdays } from './booking-race-support.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clockStart: START });
});
afterAll(async () => t.close());

const send = (client: TestClient, body: unknown, key: string) => client.request('POST', '/api/booking/reservations/siblings', body, { 'idempotency-key': key });

async function family() {
  const p = await parent(t, 3, 'Léa');
  const tom = await childOf(t, p.family, { firstName: 'Tom', birthDate: '2019-05-02' });
  return { ...p, tom };
}

describe('siblings booked together, concurrently', () => {
  it('a triple click from three devices with the same key books each child once', async () => {
    const act = await activity(t, { units: { matin: 10 } });
    const f = await family();
    const days = weekdays('2026-09-07', 5);
    const changes = days.map((day) => ({ day, unitId: act.units.matin, action: 'book' as const }));
    const body = { activityId: act.activityId, periodId: act.periodId, children: [{ childId: f.childId, changes }, { childId: f.tom, changes }] };
    const key = newKey();
    const answers = await Promise.all(f.devices.flatMap((d) => [send(d, body, key), send(d, body, key)]));
    expect(answers.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    const numbers = new Set(answers.map((r) => r.body.reservations.map((x: { number: number }) => x.number).join(',')));
    expect(numbers.size).toBe(1);
    const rows = await t.ctx.db.selectFrom('reservation').select('id').where('family_id', '=', f.family.familyId).execute();
    expect(rows).toHaveLength(2);
    const held = await t.ctx.db.selectFrom('booking').select(['child_id', 'day']).where('family_id', '=', f.family.familyId).execute();
    expect(held).toHaveLength(10);
    const report = await checkBookingInvariants(t, [act.units.matin]);
    expect(report.violations).toEqual([]);
  });

  it('eight families booking their two children into 5 places: never more than 5 held, the rest waiting, counters right', async () => {
    const act = await activity(t, { units: { un: 5 } });
    const families = await Promise.all(Array.from({ length: 8 }, () => family()));
    const days = weekdays('2026-09-14', 2);
    const changes = days.map((day) => ({ day, unitId: act.units.un, action: 'book' as const }));
    const answers = await Promise.all(
      families.map((f) => send(f.client, { activityId: act.activityId, periodId: act.periodId, children: [{ childId: f.childId, changes }, { childId: f.tom, changes }] }, newKey())),
    );
    expect(answers.map((r) => r.status).every((s) => s === 201)).toBe(true);
    for (const day of days) {
      const accepted = await t.ctx.db.selectFrom('booking').select('id').where('unit_id', '=', act.units.un).where('day', '=', day).where('state', '=', 'accepted').execute();
      expect(accepted).toHaveLength(5);
      const all = await t.ctx.db.selectFrom('booking').select('id').where('unit_id', '=', act.units.un).where('day', '=', day).execute();
      expect(all).toHaveLength(16); // every child holds the day once: accepted or on the waiting list
    }
    const report = await checkBookingInvariants(t, [act.units.un]);
    expect(report.violations).toEqual([]);
  });
});
