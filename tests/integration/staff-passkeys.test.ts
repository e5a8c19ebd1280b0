/**
 * Passkeys (issue 11) through the HTTP API with a software authenticator (tests/support/soft-authenticator.ts):
 * registration by an admin restricted to enrolment, sign-in with the passkey alone and as the second step, single-use
 * challenges (a replayed or doubled assertion opens one session), user verification required, another origin refused,
 * last factor kept. SQLite, and PostgreSQL with TEST_DATABASE_URL. The browser side: tests/e2e/security.e2e.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, PUBLIC_URL, type TestApp, type TestClient } from '../support/app.js';
import { createStaff } from '../support/factories.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const RP_ID = new URL(PUBLIC_URL).hostname;

async function enrolledAdmin(): Promise<{ admin: Awaited<ReturnType<typeof createStaff>>; key: SoftAuthenticator; c: TestClient }> {
  const admin = await createStaff(t.ctx, { role: 'admin' });
  const c = t.client();
  expect((await c.post('/api/auth/login', { email: admin.email, password: admin.password })).body.account.enrolmentRequired).toBe(true);
  const key = new SoftAuthenticator(RP_ID, PUBLIC_URL);
  const options = await c.post('/api/staff/security/passkeys/options');
  expect(options.status).toBe(200);
  expect(options.body).toMatchObject({ rp: { id: RP_ID }, authenticatorSelection: { userVerification: 'required', residentKey: 'required' } });
  const added = await c.post('/api/staff/security/passkeys', { name: 'Portable', response: key.register(options.body) });
  expect(added.status, JSON.stringify(added.body)).toBe(200);
  expect(added.body.recoveryCodes).toHaveLength(10);
  return { admin, key, c };
}

async function passkeySignIn(c: TestClient, key: SoftAuthenticator, flags: { uv?: boolean } = {}) {
  const options = await c.post('/api/auth/passkey/options');
  expect(options.status).toBe(200);
  return c.post('/api/auth/passkey/verify', { response: key.assert(options.body, flags) });
}

describe('passkeys', () => {
  it('an admin restricted to enrolment registers a passkey; the session becomes a full one', async () => {
    const { c } = await enrolledAdmin();
    expect((await c.get('/api/staff/staff-accounts')).status).toBe(200);
    const page = await c.get('/api/staff/security');
    expect(page.body.passkeys).toEqual([expect.objectContaining({ name: 'Portable', lastUsedAt: null })]);
  });

  it('signs in with the passkey alone, and the same assertion cannot be used twice', async () => {
    const { admin, key } = await enrolledAdmin();
    const d = t.client();
    const options = await d.post('/api/auth/passkey/options');
    expect(options.body.allowCredentials ?? []).toEqual([]); // discoverable: no e-mail typed
    const assertion = key.assert(options.body);
    const first = await d.post('/api/auth/passkey/verify', { response: assertion });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.account).toMatchObject({ id: admin.accountId, role: 'admin' });
    expect((await d.get('/api/staff/families')).status).toBe(200);
    const replay = await t.client().post('/api/auth/passkey/verify', { response: assertion });
    expect(replay.status).toBe(400);
    expect(replay.body.error.code).toBe('mfa.challenge_expired');
  });

  it('one assertion posted twice at once opens one session', async () => {
    const { admin, key } = await enrolledAdmin();
    const before = (await t.ctx.db.selectFrom('session').select('id').where('account_id', '=', admin.accountId).execute()).length;
    const options = await t.client().post('/api/auth/passkey/options');
    const assertion = key.assert(options.body);
    const answers = await Promise.all([t.client(), t.client(), t.client()].map((x) => x.post('/api/auth/passkey/verify', { response: assertion })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400, 400]);
    const after = (await t.ctx.db.selectFrom('session').select('id').where('account_id', '=', admin.accountId).execute()).length;
    expect(after - before).toBe(1);
  });

  it('is offered and accepted as the second step after the password', async () => {
    const { admin, key } = await enrolledAdmin();
    const d = t.client();
    const first = await d.post('/api/auth/login', { email: admin.email, password: admin.password });
    expect(first.body).toEqual({ secondStep: ['passkey', 'recovery'] });
    const options = await d.post('/api/auth/passkey/options');
    expect(options.body.allowCredentials).toEqual([expect.objectContaining({ id: key.credentialId.toString('base64url') })]);
    const res = await d.post('/api/auth/passkey/verify', { response: key.assert(options.body) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await t.ctx.db.selectFrom('mfa_pending_login').select('id').where('account_id', '=', admin.accountId).execute()).toEqual([]);
  });

  it('refuses an assertion without user verification, or made for another site', async () => {
    const { key } = await enrolledAdmin();
    const noUv = await passkeySignIn(t.client(), key, { uv: false });
    expect(noUv.status).toBe(400);
    expect(noUv.body.error.code).toBe('mfa.passkey_failed');
    const phishing = new SoftAuthenticator('portail-familles.example.com', 'https://portail-familles.example.com');
    const options = await t.client().post('/api/auth/passkey/options');
    const foreign = await t.client().post('/api/auth/passkey/verify', { response: { ...phishing.assert(options.body), id: key.assert({ challenge: 'x' }).id } });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.code).toBe('mfa.passkey_failed');
  });

  it('answers 400, never 500, to malformed WebAuthn answers', async () => {
    const { c } = await enrolledAdmin();
    for (const response of [{}, { response: {} }, { id: 'x', response: { clientDataJSON: 'not-base64-json' } }]) {
      expect((await c.post('/api/staff/security/passkeys', { name: 'Autre', response })).status).toBe(400);
      expect((await t.client().post('/api/auth/passkey/verify', { response })).status).toBe(400);
    }
  });

  it('renames, and keeps the last passkey of an admin; an agent may remove its own', async () => {
    const { c } = await enrolledAdmin();
    const id = (await c.get('/api/staff/security')).body.passkeys[0].id;
    expect((await c.patch(`/api/staff/security/passkeys/${id}`, { name: 'Clé USB' })).status).toBe(200);
    expect((await c.get('/api/staff/security')).body.passkeys[0].name).toBe('Clé USB');
    const removed = await c.delete(`/api/staff/security/passkeys/${id}`);
    expect(removed.status).toBe(409);
    expect(removed.body.error.code).toBe('mfa.last_factor');
  });
});
