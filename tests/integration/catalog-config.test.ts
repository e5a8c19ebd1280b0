import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { childOf, J2_NOON, reserve } from './booking-support.js';

let t: TestApp;
let admin: TestClient;
let agent: TestClient;

beforeAll(async () => {
  t = await createTestApp({ clockStart: '2026-09-01T08:00:00Z' });
  admin = await loginAs(t, (await createStaff(t.ctx, { role: 'admin' })).accountId);
  agent = await loginAs(t, (await createStaff(t.ctx, { role: 'agent' })).accountId);
});
afterAll(async () => {
  await t.close();
});

const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Education nationale//Calendrier scolaire//FR',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20261017',
  'DTEND;VALUE=DATE:20261102',
  "SUMMARY:Vacances de la Toussaint - Zone B",
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20261017',
  'DTEND;VALUE=DATE:20261102',
  "SUMMARY:Vacances de la Toussaint - Zone A",
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20261219',
  'DTEND;VALUE=DATE:20270104',
  "SUMMARY:Vacances de Noël - Zones A/B/C",
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

describe('catalog configuration', () => {
  it('admins configure establishments, activities, units, periods; agents read; every change is audited', async () => {
    const e = await admin.post('/api/staff/catalog/establishments', { name: 'Centre de loisirs Les Tilleuls', address: null });
    expect(e.status).toBe(201);
    expect((await agent.post('/api/staff/catalog/establishments', { name: 'X' })).status).toBe(403);
    const a = await admin.post('/api/staff/catalog/activities', {
      establishmentId: e.body.id,
      name: 'Mercredis',
      kind: 'mercredi',
      minAge: 3,
      maxAge: 12,
      openWeekdays: [3],
      schoolHolidays: 'closed',
      bookingPolicy: { deadline: { kind: 'weekdayOfPreviousWeek', weekday: 2, at: '23:59' }, insideDeadline: 'accept', afterDeadline: 'request' },
      cancellationPolicy: J2_NOON,
      waitlistMode: 'staff',
    });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect(a.body.bookingRuleText).toBe('jusqu’au mardi 23 h 59 de la semaine précédente');
    expect(a.body.cancellationRuleText).toMatch(/J-2/);
    const bad = await admin.post('/api/staff/catalog/activities', { ...a.body, establishmentId: e.body.id, minAge: 10, maxAge: 5, bookingPolicy: { deadline: { kind: 'daysBefore', days: -1, at: '25:00', skip: 'none' }, insideDeadline: 'accept', afterDeadline: 'refuse' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: any) => f.path)).toEqual(expect.arrayContaining(['maxAge']));
    const u = await admin.post(`/api/staff/catalog/activities/${a.body.id}/units`, { code: 'journee', label: 'Journée', defaultCapacity: 2 });
    expect(u.status).toBe(201);
    const p = await admin.post(`/api/staff/catalog/activities/${a.body.id}/periods`, {
      label: 'Mercredis de septembre',
      startDay: '2026-09-01',
      endDay: '2026-09-30',
      opensAt: '2026-08-25T06:30:00Z',
      closesAt: '2026-09-30T16:00:00Z',
    });
    expect(p.status).toBe(201);
    const inverted = await admin.post(`/api/staff/catalog/activities/${a.body.id}/periods`, { label: 'x', startDay: '2026-09-30', endDay: '2026-09-01', opensAt: '2026-08-25T06:30:00Z', closesAt: '2026-08-01T16:00:00Z' });
    expect(inverted.status).toBe(400);
    expect(inverted.body.error.fields.map((f: any) => f.message)).toContain('La date de fin doit être postérieure ou égale à la date de début.');
    const catalog = await agent.get('/api/staff/catalog');
    expect(catalog.body.establishments[0].activities[0]).toMatchObject({ name: 'Mercredis', units: [{ code: 'journee' }], periods: [{ label: 'Mercredis de septembre' }] });
    const actions = (await t.ctx.db.selectFrom('audit_log').select('action').where('action', 'like', 'catalog.%').execute()).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['catalog.establishment_created', 'catalog.activity_created', 'catalog.unit_created', 'catalog.period_created']));

    // capacity: per-day override, never below the places taken
    const family = await createFamily(t.ctx);
    const childId = await childOf(t, family);
    const client = await loginAs(t, family.accountId);
    const day = '2026-09-16';
    const r = await reserve(client, { childId, activityId: a.body.id, periodId: p.body.id, changes: [{ day, unitId: u.body.id, action: 'book' }] });
    expect(r.body.lines[0].state).toBe('accepted');
    const tooLow = await admin.put(`/api/staff/catalog/units/${u.body.id}/capacity`, { day, capacity: 0 });
    expect(tooLow.status).toBe(400);
    expect(tooLow.body.error.fields[0].code).toBe('booking.capacity_below_booked');
    expect((await admin.put(`/api/staff/catalog/units/${u.body.id}/capacity`, { day, capacity: 1 })).status).toBe(200);
    const other = await createFamily(t.ctx);
    const otherChild = await childOf(t, other);
    const w = await reserve(await loginAs(t, other.accountId), { childId: otherChild, activityId: a.body.id, periodId: p.body.id, changes: [{ day, unitId: u.body.id, action: 'book' }] });
    expect(w.body.lines[0].state).toBe('waitlisted');
    // the default changes days without an override only
    expect((await admin.patch(`/api/staff/catalog/units/${u.body.id}`, { code: 'journee', label: 'Journée', defaultCapacity: 5 })).status).toBe(200);
    const occ = await agent.get(`/api/staff/booking/occupancy?activityId=${a.body.id}&from=${day}&to=${day}`);
    expect(occ.body.days[0].cells[0]).toMatchObject({ capacity: 1, booked: 1, waiting: 1 });
  });

  it('imports school holidays from the official ICS file, for one zone, and refuses what is not a calendar', async () => {
    const res = await admin.post('/api/staff/catalog/school-holidays/import', { ics: ICS, zone: 'B' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.holidays.map((h: any) => [h.startDay, h.endDay])).toEqual([
      ['2026-10-17', '2026-11-01'],
      ['2026-12-19', '2027-01-03'],
    ]);
    const again = await admin.post('/api/staff/catalog/school-holidays/import', { ics: ICS, zone: 'B' });
    expect(again.body.imported).toBe(2);
    expect((await agent.get('/api/staff/catalog/school-holidays')).body.filter((h: any) => h.source === 'ics')).toHaveLength(2);
    const bad = await admin.post('/api/staff/catalog/school-holidays/import', { ics: 'bonjour' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'ics.invalid', message: 'Ce fichier n’est pas un calendrier ICS lisible.' });
    expect((await agent.post('/api/staff/catalog/school-holidays/import', { ics: ICS })).status).toBe(403);
  });

  it('closures can be added and removed by admins', async () => {
    const e = await admin.post('/api/staff/catalog/establishments', { name: 'École', address: null });
    const c = await admin.post('/api/staff/catalog/closures', { establishmentId: e.body.id, day: '2026-10-05', reason: 'Grève' });
    expect(c.status).toBe(201);
    expect((await agent.get('/api/staff/catalog/closures')).body.map((x: any) => x.reason)).toContain('Grève');
    expect((await admin.delete(`/api/staff/catalog/closures/${c.body.id}`)).status).toBe(200);
    expect((await admin.delete(`/api/staff/catalog/closures/${c.body.id}`)).status).toBe(404);
  });
});
