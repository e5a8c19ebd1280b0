/**
 * The account's session list (issue 11): device and last use, « this session » marked, end one, « sign out
 * everywhere » (the others, or every one including this one), for families and staff; nobody lists or ends another
 * account's sessions. SQLite, and PostgreSQL with TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { createFamily, createStaff } from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
const SAFARI_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

async function signIn(email: string, password: string, ua: string) {
  const c = t.client();
  const res = await c.request('POST', '/api/auth/login', { email, password }, { 'user-agent': ua });
  expect(res.status).toBe(200);
  return c;
}

describe('session list', () => {
  it('lists a family’s sessions with their device and last use, this one marked', async () => {
    const f = await createFamily(t.ctx);
    const laptop = await signIn(f.email, f.password, FIREFOX_WINDOWS);
    t.clock.advance(120_000);
    await signIn(f.email, f.password, SAFARI_IPHONE);
    const res = await laptop.get('/api/account/sessions');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(2);
    const mine = res.body.find((s: { current: boolean }) => s.current);
    expect(mine).toMatchObject({ browser: 'Firefox', system: 'Windows' });
    expect(res.body.find((s: { current: boolean }) => !s.current)).toMatchObject({ browser: 'Safari', system: 'iOS' });
    expect(res.body[0].lastSeenAt >= res.body[1].lastSeenAt).toBe(true);
  });

  it('ends one session, then « sign out everywhere else » keeps only this one', async () => {
    const f = await createFamily(t.ctx);
    const a = await signIn(f.email, f.password, FIREFOX_WINDOWS);
    const b = await signIn(f.email, f.password, SAFARI_IPHONE);
    const c = await signIn(f.email, f.password, SAFARI_IPHONE);
    const list = (await a.get('/api/account/sessions')).body as { id: string; current: boolean }[];
    const bId = (await b.get('/api/account/sessions')).body.find((s: { current: boolean }) => s.current).id;
    expect((await a.delete(`/api/account/sessions/${bId}`)).status).toBe(200);
    expect((await b.get('/api/account/sessions')).status).toBe(401);
    expect((await a.delete(`/api/account/sessions/${bId}`)).status).toBe(404);
    expect(list).toHaveLength(3);
    const ended = await a.post('/api/account/sessions/end-all', { includeCurrent: false });
    expect(ended.body).toEqual({ ended: 1 });
    expect((await c.get('/api/account/sessions')).status).toBe(401);
    expect((await a.get('/api/account/sessions')).status).toBe(200);
  });

  it('« sign out everywhere, this device included » ends this session too', async () => {
    const s = await createStaff(t.ctx, { role: 'agent' });
    const a = await signIn(s.email, s.password, FIREFOX_WINDOWS);
    const b = await signIn(s.email, s.password, SAFARI_IPHONE);
    const res = await a.post('/api/account/sessions/end-all', { includeCurrent: true });
    expect(res.body).toEqual({ ended: 2 });
    expect((await a.get('/api/staff/families')).status).toBe(401);
    expect((await b.get('/api/staff/families')).status).toBe(401);
  });

  it('nobody lists or ends another account’s sessions', async () => {
    const f = await createFamily(t.ctx);
    const g = await createFamily(t.ctx);
    const mine = await signIn(f.email, f.password, FIREFOX_WINDOWS);
    const theirs = await signIn(g.email, g.password, SAFARI_IPHONE);
    const theirId = (await theirs.get('/api/account/sessions')).body[0].id;
    const list = (await mine.get('/api/account/sessions')).body as { id: string }[];
    expect(list.map((s) => s.id)).not.toContain(theirId);
    expect((await mine.delete(`/api/account/sessions/${theirId}`)).status).toBe(404);
    expect((await theirs.get('/api/account/sessions')).status).toBe(200);
    expect((await t.client().get('/api/account/sessions')).status).toBe(401);
  });

  it('a password change still ends the other sessions', async () => {
    const f = await createFamily(t.ctx);
    const a = await signIn(f.email, f.password, FIREFOX_WINDOWS);
    await signIn(f.email, f.password, SAFARI_IPHONE);
    expect((await a.post('/api/account/password', { currentPassword: f.password, newPassword: 'Beffroi-Lys-2027#', newPasswordConfirmation: 'Beffroi-Lys-2027#' })).status).toBe(200);
    expect((await a.get('/api/account/sessions')).body).toHaveLength(1);
  });
});
