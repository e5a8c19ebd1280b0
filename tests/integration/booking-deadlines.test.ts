import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { childOf, createActivityFixture, J2_NOON, newKey, reserve, type ActivityFixture } from './booking-support.js';
import { submitReservation } from '../../src/server/modules/booking/booking.service.js';
import { reservationInput } from '../../src/shared/booking-contracts.js';

// Tuesday 1 September 2026, 10:00 Paris
const START = '2026-09-01T08:00:00Z';
let t: TestApp;
let admin: TestClient;
let fromStart: ActivityFixture; // « 48 h avant le début de l'activité »
let noon: ActivityFixture; // « J-2 hors week-end à 12h »
const period = { startDay: '2026-09-01', endDay: '2026-10-16' };

beforeAll(async () => {
  t = await createTestApp({ clockStart: START });
  admin = await loginAs(t, (await createStaff(t.ctx, { role: 'admin' })).accountId);
  fromStart = await createActivityFixture(t, {
    units: { matin: 10, soir: 10 },
    activity: { bookingPolicy: { deadline: { kind: 'hoursBefore', hours: 48, from: 'unitStart' }, insideDeadline: 'accept', afterDeadline: 'refuse' } },
    period,
  });
  noon = await createActivityFixture(t, { units: { matin: 10 }, activity: { bookingPolicy: J2_NOON }, period });
});
afterAll(async () => {
  await t.close();
});

async function parent() {
  const family = await createFamily(t.ctx);
  const childId = await childOf(t, family);
  return { family, childId, client: await loginAs(t, family.accountId) };
}

describe('hoursBefore rules counted from the unit’s start', () => {
  it('uses the start time staff set on the unit (07:30), not midnight; a unit without one counts from 00:00', async () => {
    const res = await admin.request('PATCH', `/api/staff/catalog/units/${fromStart.units.matin}`, {
      code: 'matin',
      label: 'Matin',
      position: 0,
      defaultCapacity: 10,
      startTime: '07:30',
    });
    expect(res.status).toBe(200);
    expect(res.body.startTime).toBe('07:30');
    const bad = await admin.request('PATCH', `/api/staff/catalog/units/${fromStart.units.soir}`, { code: 'soir', label: 'Soir', position: 1, defaultCapacity: 10, startTime: '25:00' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0]).toMatchObject({ path: 'startTime' });

    // Thursday 3 September: 48 h before 07:30 is Tuesday 1 September 07:30 Paris (05:30 UTC); from midnight it
    // would be Tuesday 00:00. At 07:00 Paris on Tuesday the morning is still open, the evening (no start) is not.
    t.clock.set('2026-09-01T05:00:00Z');
    try {
      const p = await parent();
      const grid = await p.client.request('GET', `/api/booking/planning/${p.childId}/${fromStart.activityId}/${fromStart.periodId}?week=2026-08-31`);
      expect(grid.status).toBe(200);
      const thursday = grid.body.days.find((d: any) => d.day === '2026-09-03');
      const cell = (unit: string) => thursday.cells.find((c: any) => c.unitId === fromStart.units[unit]);
      expect(cell('matin').state).not.toMatch(/closed|deadline/);
      const r = await reserve(p.client, {
        childId: p.childId,
        activityId: fromStart.activityId,
        periodId: fromStart.periodId,
        changes: [
          { day: '2026-09-03', unitId: fromStart.units.matin, action: 'book' },
          { day: '2026-09-03', unitId: fromStart.units.soir, action: 'book' },
        ],
      });
      expect(r.status).toBe(201);
      const states = Object.fromEntries(r.body.lines.map((l: any) => [l.unitId, [l.state, l.reason]]));
      expect(states[fromStart.units.matin]).toEqual(['accepted', null]);
      expect(states[fromStart.units.soir]).toEqual(['refused', 'booking.deadline_passed']);

    } finally {
      t.clock.set(START);
    }
  });

  it('refuses after the unit’s start-based cut-off', async () => {
    t.clock.set('2026-09-01T05:31:00Z'); // Tuesday 07:31 Paris
    try {
      const p = await parent();
      const r = await reserve(p.client, {
        childId: p.childId,
        activityId: fromStart.activityId,
        periodId: fromStart.periodId,
        changes: [{ day: '2026-09-03', unitId: fromStart.units.matin, action: 'book' }],
      });
      expect(r.status).toBe(201);
      expect(r.body.lines[0]).toMatchObject({ state: 'refused', reason: 'booking.deadline_passed' });
    } finally {
      t.clock.set(START);
    }
  });
});

describe('a rush does not make a family late', () => {
  it('judges the deadline at the request’s arrival, not when it leaves the booking queue', async () => {
    const p = await parent();
    // Thursday 3 September under « J-2 hors week-end à 12h »: cut-off Tuesday 1 September 12:00 Paris (10:00 UTC).
    const input = reservationInput.parse({
      childId: p.childId,
      activityId: noon.activityId,
      periodId: noon.periodId,
      changes: [{ day: '2026-09-03', unitId: noon.units.matin, action: 'book' }],
    });
    const scope = { accountId: p.family.accountId, familyId: p.family.familyId, email: p.family.email, accountStatus: 'active' };
    // The request arrived at 11:59:59 and the queue let it through at 12:00:05.
    t.clock.set('2026-09-01T10:01:05Z'); // the queue let it through at 12:01:05 (the 12:00 minute counts)
    try {
      const inTime = await submitReservation(t.ctx, scope, input, newKey(), new Date('2026-09-01T09:59:59Z'));
      expect(inTime.reservation.lines[0]).toMatchObject({ state: 'accepted' });
      const q = await parent();
      const late = await submitReservation(t.ctx, { ...scope, accountId: q.family.accountId, familyId: q.family.familyId }, { ...input, childId: q.childId }, newKey());
      expect(late.reservation.lines[0]).toMatchObject({ state: 'refused', reason: 'booking.deadline_passed' });
    } finally {
      t.clock.set(START);
    }
  });
});
