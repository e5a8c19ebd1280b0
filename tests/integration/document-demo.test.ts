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

describe('demo documents', () => {
  it('gives the demo family a list with an accepted document and others to provide, one needed for the summer', async () => {
    expect(await seedDemo(t.ctx, TEST_PASSWORD)).toBe(true);
    const c = t.client();
    await c.login(DEMO_LOGINS.family, TEST_PASSWORD);
    const list = (await c.get('/api/documents')).body;
    const states = list.items.map((i: any) => [i.typeName, i.childName?.split(' ')[0] ?? null, i.state]);
    expect(states).toContainEqual(['Avis d’imposition', null, 'accepted']);
    expect(states).toContainEqual(['Carnet de vaccination', 'Léa', 'to_provide']);
    expect(list.items.find((i: any) => i.typeName === 'Attestation d’assurance extrascolaire').requiredForActivities).toEqual(['Vacances d’été']);
    expect(list.submissions[0].files[0]).toMatchObject({ fileName: 'avis-imposition.pdf', mediaType: 'application/pdf' });
  });
});
