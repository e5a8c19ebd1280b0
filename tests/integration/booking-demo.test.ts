import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { TEST_PASSWORD } from '../support/factories.js';
import { DEMO_LOGINS, seedDemo } from '../../src/server/demo/seed.js';
import { newKey } from './booking-support.js';

let t: TestApp;
beforeAll(async () => {
  // Tuesday 10 November 2026, 9:00 Paris
  t = await createTestApp({ clockStart: '2026-11-10T08:00:00Z' });
});
afterAll(async () => {
  await t.close();
});

describe('demo catalog', () => {
  it('lets the demo family book at once, and shows why the pending family cannot', async () => {
    expect(await seedDemo(t.ctx, TEST_PASSWORD)).toBe(true);
    const c = t.client();
    await c.login(DEMO_LOGINS.family, TEST_PASSWORD);
    const catalog = (await c.get('/api/booking/catalog')).body;
    expect(catalog.blocked).toBeNull();
    expect(catalog.establishments.map((e: any) => e.name).sort()).toEqual(['Centre de loisirs Les Tilleuls', 'Groupe scolaire Jules Ferry']);
    const school = catalog.establishments.find((e: any) => e.name === 'Groupe scolaire Jules Ferry');
    const canteen = school.activities.find((a: any) => a.kind === 'restauration');
    expect(canteen.bookingRuleText).toMatch(/J-2/);
    // read in English: the deadlines and the planning's weeks in English
    c.setCookie('lang', 'en');
    const english = (await c.get('/api/booking/catalog')).body;
    const englishCanteen = english.establishments.flatMap((e: any) => e.activities).find((a: any) => a.id === canteen.id);
    expect(englishCanteen.bookingRuleText).toMatch(/^2 days before excluding weekends/);
    const englishGrid = (await c.get(`/api/booking/planning/${(await c.get('/api/children')).body[0].id}/${canteen.id}/${canteen.periods[0].id}`)).body;
    expect(englishGrid.activity.bookingRuleText).toBe(englishCanteen.bookingRuleText);
    expect(englishGrid.weeks[0].label).toMatch(/^Week \d+ — \d+ [A-Z][a-z]+ to \d+ [A-Z][a-z]+$/);
    c.setCookie('lang', 'fr');
    const period = canteen.periods[0];
    expect(period.open).toBe(true);
    const [lea] = (await c.get('/api/children')).body;
    const grid = (await c.get(`/api/booking/planning/${lea.id}/${canteen.id}/${period.id}`)).body;
    const cells = grid.days.flatMap((d: any) => d.cells.map((cell: any) => ({ ...cell, day: d.day })));
    const free = cells.find((x: any) => x.state === 'bookable');
    expect(free).toBeTruthy();
    const res = await c.request(
      'POST',
      '/api/booking/reservations',
      { childId: lea.id, activityId: canteen.id, periodId: period.id, changes: [{ day: free.day, unitId: free.unitId, action: 'book' }] },
      { 'idempotency-key': newKey() },
    );
    expect(res.status).toBe(201);
    expect(res.body.lines[0].state).toBe('accepted');

    const pending = t.client();
    await pending.login(DEMO_LOGINS.pendingFamily, TEST_PASSWORD);
    expect((await pending.get('/api/booking/catalog')).body.blocked).toBe('account.not_validated');
  });
});
