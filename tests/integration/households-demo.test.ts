import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { TEST_PASSWORD } from '../support/factories.js';
import { DEMO_LOGINS, demoLoginLines, seedDemo } from '../../src/server/demo/seed.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('demo data (issue 11)', () => {
  it('has a child shared by two households, alternate weeks, each household with its own login printed at start', async () => {
    expect(await seedDemo(t.ctx, TEST_PASSWORD)).toBe(true);
    expect(demoLoginLines(null).join('\n')).toContain(DEMO_LOGINS.separatedMother);
    expect(demoLoginLines(null).join('\n')).toContain(DEMO_LOGINS.separatedFather);
    const ids: string[] = [];
    const anchors: string[] = [];
    for (const email of [DEMO_LOGINS.separatedMother, DEMO_LOGINS.separatedFather]) {
      const c = t.client();
      await c.login(email, TEST_PASSWORD);
      const list = await c.get('/api/children');
      expect(list.body.map((x: { firstName: string }) => x.firstName)).toEqual(['Nina']);
      ids.push(list.body[0].id);
      const custody = await c.get(`/api/children/${list.body[0].id}/custody`);
      expect(custody.body).toMatchObject({ shared: true, custody: { kind: 'alternate_weeks' } });
      anchors.push(custody.body.custody.anchor);
    }
    expect(ids[0]).toBe(ids[1]);
    expect(anchors[0]).not.toBe(anchors[1]);
    // the validated demo family does not see Nina
    const other = t.client();
    await other.login(DEMO_LOGINS.family, TEST_PASSWORD);
    expect((await other.get('/api/children')).body.map((x: { firstName: string }) => x.firstName)).not.toContain('Nina');
  });
});
