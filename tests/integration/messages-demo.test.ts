import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { TEST_PASSWORD } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { DEMO_LOGINS, seedDemo } from '../../src/server/demo/seed.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('demo messages', () => {
  it('gives the demo family an answered question to read and a news item; the agent an inbox with templates', async () => {
    expect(await seedDemo(t.ctx, TEST_PASSWORD)).toBe(true);
    const c = t.client();
    await c.login(DEMO_LOGINS.family, TEST_PASSWORD);
    const list = (await c.get('/api/messages')).body;
    expect(list.unread).toBe(1);
    expect(list.threads[0]).toMatchObject({ subject: 'Repas sans porc à la cantine', topicLabel: 'Inscriptions et réservations' });
    expect((await c.get('/api/news')).body.map((n: { title: string }) => n.title)).toEqual(['Inscriptions aux vacances d’été']);
    const agentId = (await t.ctx.db.selectFrom('account').select('id').where('email', '=', DEMO_LOGINS.agent).executeTakeFirstOrThrow()).id;
    const agent = await loginAs(t, agentId);
    const inbox = (await agent.request('GET', '/api/staff/inbox')).body;
    expect(inbox.threads[0]).toMatchObject({ subject: 'Repas sans porc à la cantine', waitingOn: 'family', assignedName: 'Marc Petit (agent)' });
    expect((await agent.request('GET', '/api/staff/message-templates')).body.map((x: { title: string }) => x.title)).toEqual(['Document bien reçu', 'Menus de la cantine']);
  });
});
