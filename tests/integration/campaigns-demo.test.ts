import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { TEST_PASSWORD } from '../support/factories.js';
import { DEMO_LOGINS, seedDemo } from '../../src/server/demo/seed.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('demo data (issue 12)', () => {
  it('opens « Séjours nature » as a request campaign: the demo family asks in the planning, staff simulate and can publish after moving the close', async () => {
    expect(await seedDemo(t.ctx, TEST_PASSWORD)).toBe(true);
    const admin = await t.ctx.db.selectFrom('account').select('id').where('email', '=', DEMO_LOGINS.admin).executeTakeFirstOrThrow();
    const { loginAs } = await import('../support/login.js');
    const staff = await loginAs(t, admin.id);
    const list = await staff.request('GET', '/api/staff/campaigns');
    expect(list.body).toHaveLength(1);
    const c = list.body[0];
    expect(c).toMatchObject({ phase: 'requests', activity: { name: 'Séjours nature' }, siblingsTogether: true });
    expect(c.wishes).toBeGreaterThan(0); // Nina's mother has already asked

    const family = t.client();
    await family.login(DEMO_LOGINS.family, TEST_PASSWORD);
    const children = (await family.get('/api/children')).body as { id: string; firstName: string; birthDate: string }[];
    const catalog = (await family.get('/api/booking/catalog')).body;
    const period = catalog.establishments.flatMap((e: any) => e.activities).find((a: any) => a.name === 'Séjours nature').periods[0];
    expect(period.open).toBe(true);
    const child = children[0]!;
    const planning = await family.get(`/api/booking/planning/${child.id}/${c.activity.id}/${period.id}`);
    expect(planning.body.campaign).toMatchObject({ phase: 'requests' });
    const unitId = planning.body.units[0].id;
    const day = planning.body.days[0].day;
    const saved = await family.request('PUT', `/api/campaigns/${c.id}/wishes/${child.id}`, { wishes: [{ unitId, day, preference: 1 }] });
    expect(saved.status).toBe(200); // the demo children are within the campaign's ages (6–12)

    const sim = await staff.request('POST', `/api/staff/campaigns/${c.id}/simulate`, {});
    expect(sim.status).toBe(200);
    expect(sim.body.requests.families).toBeGreaterThan(0);
  });
});
