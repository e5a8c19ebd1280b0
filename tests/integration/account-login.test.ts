import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { createFamily, createStaff, TEST_PASSWORD } from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ smtp: true });
});
afterAll(async () => {
  await t.close();
});

const MIN = 60_000;

describe('login', () => {
  it('signs a family in, sets an HttpOnly SameSite=Strict cookie and shows the account in the session', async () => {
    const f = await createFamily(t.ctx);
    const c = t.client();
    const res = await c.post('/api/auth/login', { email: f.email, password: f.password });
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({ id: f.accountId, email: f.email, kind: 'family', status: 'active', familyId: f.familyId });
    const setCookie = [res.headers['set-cookie']].flat().join('\n');
    expect(setCookie).toMatch(/pf_session=[^;]+;.*HttpOnly/i);
    expect(setCookie).toMatch(/pf_session=[^;]+;.*SameSite=Strict/i);
    const session = await c.session();
    expect(session.body.account.id).toBe(f.accountId);
    const row = await t.ctx.db.selectFrom('account').select('last_login_at').where('id', '=', f.accountId).executeTakeFirstOrThrow();
    expect(row.last_login_at).toBe(t.clock.now().toISOString());
  });

  it('accepts the e-mail in any case and with spaces around it', async () => {
    const f = await createFamily(t.ctx);
    const res = await t.client().post('/api/auth/login', { email: `  ${f.email.toUpperCase()} `, password: f.password });
    expect(res.status).toBe(200);
  });

  it('gives the same 401 for a wrong password and for an unknown e-mail', async () => {
    const f = await createFamily(t.ctx);
    const wrong = await t.client().post('/api/auth/login', { email: f.email, password: 'Mauvais-Mot-2026!' });
    const unknown = await t.client().post('/api/auth/login', { email: 'personne@nulle-part.example', password: 'Mauvais-Mot-2026!' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error).toEqual({ code: 'auth.invalid_credentials', message: 'Identifiant ou mot de passe incorrect.' });
  });

  it('answers 400 with French field messages when the form is empty', async () => {
    const res = await t.client().post('/api/auth/login', { email: '', password: '' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([
      { path: 'email', code: 'required', message: 'Saisissez votre adresse e-mail.' },
      { path: 'password', code: 'required', message: 'Saisissez votre mot de passe.' },
    ]);
  });

  it('lets a pending family sign in', async () => {
    const f = await createFamily(t.ctx, { status: 'pending' });
    const res = await t.client().post('/api/auth/login', { email: f.email, password: f.password });
    expect(res.status).toBe(200);
    expect(res.body.account.status).toBe('pending');
  });

  it('tells a rejected or disabled account only when the password is right', async () => {
    const rejected = await createFamily(t.ctx, { status: 'rejected' });
    const bad = await t.client().post('/api/auth/login', { email: rejected.email, password: 'Mauvais-Mot-2026!' });
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe('auth.invalid_credentials');
    const good = await t.client().post('/api/auth/login', { email: rejected.email, password: rejected.password });
    expect(good.status).toBe(403);
    expect(good.body.error.code).toBe('auth.account_rejected');
    expect(good.body.error.message).toMatch(/pas été acceptée/);
    expect(good.headers['set-cookie'] ?? '').not.toMatch(/pf_session=[^;]/);

    const disabled = await createStaff(t.ctx, { status: 'disabled' });
    const bad2 = await t.client().post('/api/auth/login', { email: disabled.email, password: 'Mauvais-Mot-2026!' });
    expect(bad2.status).toBe(401);
    const good2 = await t.client().post('/api/auth/login', { email: disabled.email, password: disabled.password });
    expect(good2.status).toBe(403);
    expect(good2.body.error.code).toBe('auth.account_disabled');
  });

  it('signs staff in', async () => {
    const s = await createStaff(t.ctx, { role: 'admin' });
    const res = await t.client().post('/api/auth/login', { email: s.email, password: s.password });
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({ kind: 'staff', role: 'admin', familyId: null });
  });

  it('replaces the caller’s session on login (no session fixation)', async () => {
    const f = await createFamily(t.ctx);
    const c = t.client();
    await c.login(f.email, f.password);
    const first = c.cookie('pf_session')!;
    await c.login(f.email, f.password);
    const second = c.cookie('pf_session')!;
    expect(second).not.toBe(first);
    const sessions = await t.ctx.db.selectFrom('session').select('id').where('account_id', '=', f.accountId).execute();
    expect(sessions).toHaveLength(1);
    // the old cookie no longer works
    const res = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: `pf_session=${first}` } });
    expect(res.json().account).toBeNull();
  });
});

describe('login throttling', () => {
  it('blocks an account after 5 failures, even with the right password, then lets it in after 15 minutes', async () => {
    const f = await createFamily(t.ctx);
    for (let i = 0; i < 5; i++) {
      const res = await t.client().post('/api/auth/login', { email: f.email, password: `Mauvais-${i}-2026!x` });
      expect(res.status).toBe(401);
    }
    const blocked = await t.client().post('/api/auth/login', { email: f.email, password: f.password });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('auth.throttled');
    expect(blocked.body.error.retryAfterSeconds).toBeGreaterThan(0);
    expect(blocked.body.error.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    expect(blocked.headers['retry-after']).toBe(String(blocked.body.error.retryAfterSeconds));

    t.clock.advance(14 * MIN);
    expect((await t.client().post('/api/auth/login', { email: f.email, password: f.password })).status).toBe(429);
    t.clock.advance(1 * MIN + 1000);
    expect((await t.client().post('/api/auth/login', { email: f.email, password: f.password })).status).toBe(200);
  });

  it('answers a blocked unknown e-mail exactly like a blocked existing account', async () => {
    const f = await createFamily(t.ctx);
    const ghost = 'fantome@nulle-part.example';
    for (let i = 0; i < 5; i++) {
      await t.client().post('/api/auth/login', { email: f.email, password: `Mauvais-${i}-2026!x` });
      await t.client().post('/api/auth/login', { email: ghost, password: `Mauvais-${i}-2026!x` });
    }
    const a = await t.client().post('/api/auth/login', { email: f.email, password: 'Mauvais-Mot-2026!' });
    const b = await t.client().post('/api/auth/login', { email: ghost, password: 'Mauvais-Mot-2026!' });
    expect(a.status).toBe(429);
    expect(b.status).toBe(429);
    expect(a.body).toEqual(b.body);
  });

  it('clears the failure count on a successful login', async () => {
    const f = await createFamily(t.ctx);
    for (let i = 0; i < 4; i++) await t.client().post('/api/auth/login', { email: f.email, password: `Mauvais-${i}-2026!x` });
    await t.client().login(f.email, f.password);
    for (let i = 0; i < 4; i++) await t.client().post('/api/auth/login', { email: f.email, password: `Mauvais-${i}-2026!x` });
    expect((await t.client().post('/api/auth/login', { email: f.email, password: f.password })).status).toBe(200);
  });

  it('blocks an address after 30 failures across accounts, and stops floods with a coarse per-minute limit', async () => {
    const ip = '192.0.2.77';
    const c = t.client(ip);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    try {
      for (let i = 0; i < 20; i++) {
        const res = await c.post('/api/auth/login', { email: `inconnu${i}@nulle-part.example`, password: 'Mauvais-Mot-2026!' });
        expect(res.status).toBe(401);
      }
      // 21st request in the same minute: the coarse limit answers before any password is checked
      const flood = await c.post('/api/auth/login', { email: 'inconnu@nulle-part.example', password: 'Mauvais-Mot-2026!' });
      expect(flood.status).toBe(429);
      expect(flood.body.error.code).toBe('request.rate_limited');

      vi.setSystemTime(Date.now() + 61_000);
      t.clock.advance(61_000);
      for (let i = 20; i < 30; i++) {
        const res = await c.post('/api/auth/login', { email: `inconnu${i}@nulle-part.example`, password: 'Mauvais-Mot-2026!' });
        expect(res.status).toBe(401);
      }
      // the address is now blocked, even for a real account with the right password
      const f = await createFamily(t.ctx);
      const blocked = await c.post('/api/auth/login', { email: f.email, password: f.password });
      expect(blocked.status).toBe(429);
      expect(blocked.body.error.code).toBe('auth.throttled');
      // another address is not affected
      expect((await t.client().post('/api/auth/login', { email: f.email, password: f.password })).status).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('sessions', () => {
  it('expire after 30 minutes without activity', async () => {
    const f = await createFamily(t.ctx);
    const c = t.client();
    await c.login(f.email, f.password);
    t.clock.advance(29 * MIN);
    expect((await c.get('/api/session')).body.account?.id).toBe(f.accountId); // slides the idle expiry
    t.clock.advance(29 * MIN);
    expect((await c.get('/api/session')).body.account?.id).toBe(f.accountId);
    t.clock.advance(31 * MIN);
    const res = await c.get('/api/session');
    expect(res.body.account).toBeNull();
    expect(await t.ctx.db.selectFrom('session').select('id').where('account_id', '=', f.accountId).execute()).toHaveLength(0);
  });

  it('expire 12 hours after login even when active', async () => {
    const f = await createFamily(t.ctx);
    const c = t.client();
    await c.login(f.email, f.password);
    for (let elapsed = 0; elapsed < 11 * 60 + 40; elapsed += 20) {
      t.clock.advance(20 * MIN);
      expect((await c.get('/api/session')).body.account?.id).toBe(f.accountId);
    }
    t.clock.advance(21 * MIN); // 12 h 01 after login
    expect((await c.get('/api/session')).body.account).toBeNull();
  });

  it('logout deletes the session and clears the cookie', async () => {
    const f = await createFamily(t.ctx);
    const c = t.client();
    await c.login(f.email, f.password);
    const token = c.cookie('pf_session')!;
    const res = await c.post('/api/auth/logout');
    expect(res.status).toBe(204);
    expect([res.headers['set-cookie']].flat().join('\n')).toMatch(/pf_session=;/);
    expect(c.cookie('pf_session')).toBeUndefined();
    expect(await t.ctx.db.selectFrom('session').select('id').where('account_id', '=', f.accountId).execute()).toHaveLength(0);
    const replay = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: `pf_session=${token}` } });
    expect(replay.json().account).toBeNull();
    expect((await c.get('/api/family')).status).toBe(401);
  });

  it('logout without a session still answers 204', async () => {
    expect((await t.client().post('/api/auth/logout')).status).toBe(204);
  });

  it('never writes a password or a session token in the logs', async () => {
    const f = await createFamily(t.ctx);
    const c = t.client();
    await c.login(f.email, f.password);
    await c.post('/api/auth/login', { email: f.email, password: 'Secret-Introuvable-99!' });
    const logs = t.logs.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(TEST_PASSWORD);
    expect(logs).not.toContain('Secret-Introuvable-99!');
    expect(logs).not.toContain('Mauvais-Mot-2026!');
    expect(logs).not.toContain(c.cookie('pf_session')!);
  });
});
