import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { TEST_PASSWORD } from '../support/factories.js';
import { DEMO_LOGINS, seedDemo } from '../../src/server/demo/seed.js';
import type { ChildRecord } from '../../src/shared/child-contracts.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('demo data', () => {
  it('gives the validated demo family two complete children’s records', async () => {
    expect(await seedDemo(t.ctx, TEST_PASSWORD)).toBe(true);
    const c = t.client();
    await c.login(DEMO_LOGINS.family, TEST_PASSWORD);
    const list = await c.get('/api/children');
    expect(list.body.map((x: any) => x.firstName)).toEqual(['Léa', 'Hugo']);
    for (const { id } of list.body) {
      const r = (await c.get<ChildRecord>(`/api/children/${id}`)).body;
      expect(r.contacts.length).toBeGreaterThan(0);
      expect(r.pickups.length).toBeGreaterThan(0);
      expect(r.authorizations.every((a) => a.answer !== null)).toBe(true);
      expect(r.diet).not.toBeNull();
    }
    const lea = (await c.get<ChildRecord>(`/api/children/${list.body[0].id}`)).body;
    expect(lea.health.allergies.find((a) => a.answer)).toMatchObject({ label: 'Alimentaire', comment: expect.stringContaining('Arachide') });
    expect(lea.pickups.map((p) => p.source)).toEqual(['contact', 'person']);
  });
});
