import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { childOf, NO_DEADLINE, reserve } from './booking-support.js';

let t: TestApp;
let admin: TestClient;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ clockStart: '2026-09-01T08:00:00Z' });
  admin = await loginAs(t, (await createStaff(t.ctx, { role: 'admin' })).accountId);
  const e = await admin.post('/api/staff/catalog/establishments', { name: 'Centre', address: null });
  const a = await admin.post('/api/staff/catalog/activities', {
    establishmentId: e.body.id,
    name: 'Mercredis',
    kind: 'mercredi',
    openWeekdays: [1, 2, 3, 4, 5],
    bookingPolicy: NO_DEADLINE,
    cancellationPolicy: NO_DEADLINE,
  });
  ids.activity = a.body.id;
  for (const u of [
    { code: 'matin', label: 'Matin', defaultCapacity: 10 },
    { code: 'repas', label: 'Repas', defaultCapacity: 10, requires: 'matin' },
    { code: 'journee', label: 'Journée', defaultCapacity: 10, excludes: ['matin'] },
  ]) {
    const r = await admin.post(`/api/staff/catalog/activities/${a.body.id}/units`, u);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    ids[u.code] = r.body.id;
  }
  const p = await admin.post(`/api/staff/catalog/activities/${a.body.id}/periods`, {
    label: 'Septembre',
    startDay: '2026-09-01',
    endDay: '2026-09-30',
    opensAt: '2026-08-01T00:00:00Z',
    closesAt: '2026-09-30T00:00:00Z',
  });
  ids.period = p.body.id;
});
afterAll(async () => {
  await t.close();
});

describe('unit rules', () => {
  it('refuses a rule naming a unit the activity does not have', async () => {
    const r = await admin.post(`/api/staff/catalog/activities/${ids.activity}/units`, { code: 'gouter', label: 'Goûter', defaultCapacity: 5, requires: 'soir', excludes: ['gouter'] });
    expect(r.status).toBe(400);
    expect(r.body.error.fields[0].message).toBe('Cette unité n’existe pas dans l’activité.');
    expect(r.body.error.fields.map((f: any) => [f.path, f.code])).toEqual([
      ['requires', 'booking.unit_rule_unknown'],
      ['excludes.0', 'booking.unit_rule_unknown'],
    ]);
  });

  it('a meal needs the morning; the whole day excludes the morning; the morning cannot go while the meal stays', async () => {
    const family = await createFamily(t.ctx);
    const childId = await childOf(t, family);
    const c = await loginAs(t, family.accountId);
    const send = (changes: [string, string, 'book' | 'cancel'][]) =>
      reserve(c, { childId, activityId: ids.activity, periodId: ids.period, changes: changes.map(([day, code, action]) => ({ day, unitId: ids[code], action })) });

    const alone = await send([['2026-09-14', 'repas', 'book']]);
    expect(alone.body.lines[0]).toMatchObject({ state: 'refused', reason: 'booking.requires_unit' });
    expect(alone.body.lines[0].reasonText).toMatch(/avec une autre le même jour/);
    const together = await send([
      ['2026-09-15', 'matin', 'book'],
      ['2026-09-15', 'repas', 'book'],
      ['2026-09-16', 'journee', 'book'],
    ]);
    expect(together.body.lines.map((l: any) => l.state)).toEqual(['accepted', 'accepted', 'accepted']);
    const clash = await send([['2026-09-15', 'journee', 'book'], ['2026-09-16', 'matin', 'book']]);
    expect(clash.body.lines.map((l: any) => l.reason)).toEqual(['booking.excluded_unit', 'booking.excluded_unit']);
    const orphan = await send([['2026-09-15', 'matin', 'cancel']]);
    expect(orphan.body.lines[0]).toMatchObject({ state: 'refused', reason: 'booking.required_by' });
    expect(orphan.body.lines[0].reasonText).toBe('Une autre réservation du même jour dépend de celle-ci : annulez-les ensemble.');
    const both = await send([['2026-09-15', 'matin', 'cancel'], ['2026-09-15', 'repas', 'cancel']]);
    expect(both.body.lines.map((l: any) => l.state)).toEqual(['accepted', 'accepted']);
    const grid = await c.get(`/api/booking/planning/${childId}/${ids.activity}/${ids.period}?week=2026-09-14`);
    expect(grid.body.units.find((u: any) => u.code === 'repas')).toMatchObject({ requires: 'matin', excludes: [] });
  });
});
