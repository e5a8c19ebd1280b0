/**
 * GET /api/booking/glance (issue 17): the family home's « Cette semaine et la suivante » — per child, the days booked
 * this week and next week, the next deadlines, the planning to open; another family's bookings never show.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { createFamily } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { childOf, createActivityFixture, EVE_18H, J2_NOON, reserve, type ActivityFixture } from './booking-support.js';

// Tuesday 1 September 2026, 10:00 Paris
const START = '2026-09-01T08:00:00Z';
let t: TestApp;
let a: ActivityFixture;

beforeAll(async () => {
  t = await createTestApp({ clockStart: START });
  a = await createActivityFixture(t, {
    units: { matin: 5, soir: 5 },
    activity: { bookingPolicy: J2_NOON, cancellationPolicy: EVE_18H },
    period: { startDay: '2026-09-01', endDay: '2026-10-16' },
  });
});
afterAll(async () => t.close());

describe('family home at a glance', () => {
  it('lists each child’s days of this week and next, with the next deadlines and the planning to open', async () => {
    const family = await createFamily(t.ctx);
    const lea = await childOf(t, family, { firstName: 'Léa' });
    const tom = await childOf(t, family, { firstName: 'Tom', birthDate: '2019-05-02' });
    const client = await loginAs(t, family.accountId);
    const ok = await reserve(client, {
      childId: lea,
      activityId: a.activityId,
      periodId: a.periodId,
      changes: [
        { day: '2026-09-04', unitId: a.units.matin, action: 'book' },
        { day: '2026-09-08', unitId: a.units.soir, action: 'book' },
        { day: '2026-09-15', unitId: a.units.matin, action: 'book' }, // the week after next: not shown
      ],
    });
    expect(ok.status).toBe(201);

    const res = await client.get('/api/booking/glance');
    expect(res.status).toBe(200);
    expect(res.body.today).toBe('2026-09-01');
    expect(res.body.weeks).toEqual(['2026-08-31', '2026-09-07']);
    const byName = new Map(res.body.children.map((c: { firstName: string }) => [c.firstName, c]));
    const l = byName.get('Léa') as { days: { day: string; unitLabel: string; state: string }[]; nextCancel: { day: string; cutoff: string }; nextBooking: { day: string; cutoff: string }; planning: unknown };
    expect(l.days.map((d) => [d.day, d.unitLabel, d.state])).toEqual([
      ['2026-09-04', 'matin', 'accepted'],
      ['2026-09-08', 'soir', 'accepted'],
    ]);
    // « la veille 18 h »: Friday 4 September is cancelled until Thursday 3 at 18:00 Paris (16:00 UTC)
    expect(l.nextCancel).toMatchObject({ day: '2026-09-04', cutoff: '2026-09-03T16:00:00.000Z' });
    // J-2 at noon, weekends skipped: the first day still bookable is Thursday 3 (cut-off Tuesday 1 at noon)
    expect(l.nextBooking.cutoff > START).toBe(true);
    expect(l.planning).toEqual({ activityId: a.activityId, periodId: a.periodId });
    const tm = byName.get('Tom') as { days: unknown[]; nextCancel: unknown; planning: unknown };
    expect(tm.days).toEqual([]);
    expect(tm.nextCancel).toBeNull();
    expect(tm.planning).toEqual({ activityId: a.activityId, periodId: a.periodId });
  });

  it('lists a child’s days from today on for the printable summary; another family’s child is a 404', async () => {
    const family = await createFamily(t.ctx);
    const lea = await childOf(t, family, { firstName: 'Léa' });
    const client = await loginAs(t, family.accountId);
    const ok = await reserve(client, {
      childId: lea,
      activityId: a.activityId,
      periodId: a.periodId,
      changes: ['2026-09-04', '2026-09-15', '2026-10-06'].map((day) => ({ day, unitId: a.units.soir, action: 'book' as const })),
    });
    expect(ok.status).toBe(201);
    const res = await client.get(`/api/booking/children/${lea}/days`);
    expect(res.status).toBe(200);
    expect(res.body.child.firstName).toBe('Léa');
    expect(res.body.days.map((d: { day: string; unitLabel: string }) => `${d.day} ${d.unitLabel}`)).toEqual(['2026-09-04 soir', '2026-09-15 soir', '2026-10-06 soir']);
    const stranger = await loginAs(t, (await createFamily(t.ctx)).accountId);
    expect((await stranger.get(`/api/booking/children/${lea}/days`)).status).toBe(404);
  });

  it('shows nothing of another family, and needs a signed-in family', async () => {
    const other = await createFamily(t.ctx);
    const client = await loginAs(t, other.accountId);
    const res = await client.get('/api/booking/glance');
    expect(res.status).toBe(200);
    expect(res.body.children).toEqual([]);
    expect((await t.client().get('/api/booking/glance')).status).toBe(401);
  });
});
