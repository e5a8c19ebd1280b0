import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { createFamily, createStaff, TEST_PASSWORD } from '../support/factories.js';
import { createAccountToken } from '../../src/server/modules/account/account.tokens.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ smtp: true });
});
afterAll(async () => {
  await t.close();
});

const NEW_PASSWORD = 'Nouveau-Jardin-2026!';
const tokensSeen: string[] = [];

/** Asks for a reset link and returns the token from the mail. */
async function resetLink(email: string): Promise<{ link: string; token: string }> {
  const res = await t.client().post('/api/auth/password-reset/request', { email });
  expect(res.status).toBe(202);
  await t.deliverMail();
  const mail = t.smtp!.last(email);
  const link = mail.links.find((l) => l.includes('/nouveau-mot-de-passe?'))!;
  const token = new URL(link).searchParams.get('jeton')!;
  tokensSeen.push(token);
  return { link, token };
}

function confirm(token: string, password = NEW_PASSWORD) {
  return t.client().post('/api/auth/password-reset/confirm', { token, password, passwordConfirmation: password });
}

describe('password reset request', () => {
  it('mails the login e-mail and a one-time link, never a password', async () => {
    const f = await createFamily(t.ctx);
    const { link } = await resetLink(f.email);
    expect(link).toMatch(/^http:\/\/portail\.test\/nouveau-mot-de-passe\?jeton=[A-Za-z0-9_-]{40,}$/);
    const mail = t.smtp!.last(f.email);
    expect(mail.subject).toMatch(/^Votre identifiant et la réinitialisation de votre mot de passe/);
    expect(mail.text).toContain(`Votre identifiant de connexion au Portail Familles est : ${f.email}`);
    expect(mail.text).toContain('valable une heure');
    expect(mail.text).not.toContain(TEST_PASSWORD);
    expect(mail.html).not.toContain(TEST_PASSWORD);
  });

  it('answers an unknown e-mail exactly the same and sends nothing', async () => {
    const f = await createFamily(t.ctx);
    const known = await t.client().post('/api/auth/password-reset/request', { email: f.email });
    const before = t.smtp!.messages.length;
    const outboxBefore = await t.ctx.db.selectFrom('outbox').select('id').execute();
    const unknown = await t.client().post('/api/auth/password-reset/request', { email: 'inconnu@nulle-part.example' });
    expect(unknown.status).toBe(known.status);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    expect(unknown.body).toEqual({ ok: true });
    expect(await t.ctx.db.selectFrom('outbox').select('id').execute()).toHaveLength(outboxBefore.length);
    await t.deliverMail();
    expect(t.smtp!.to('inconnu@nulle-part.example')).toHaveLength(0);
    expect(t.smtp!.messages.length).toBe(before + 1); // only the known account's mail
  });

  it('sends nothing for a rejected or disabled account', async () => {
    const rejected = await createFamily(t.ctx, { status: 'rejected' });
    const disabled = await createFamily(t.ctx, { status: 'disabled' });
    for (const email of [rejected.email, disabled.email]) {
      expect((await t.client().post('/api/auth/password-reset/request', { email })).status).toBe(202);
    }
    await t.deliverMail();
    expect(t.smtp!.to(rejected.email)).toHaveLength(0);
    expect(t.smtp!.to(disabled.email)).toHaveLength(0);
  });

  it('sends a pending family its link too', async () => {
    const f = await createFamily(t.ctx, { status: 'pending' });
    const { token } = await resetLink(f.email);
    expect((await confirm(token)).status).toBe(200);
  });

  it('sends at most 3 mails per account and hour, with the same answer beyond', async () => {
    const f = await createFamily(t.ctx);
    for (let i = 0; i < 5; i++) {
      const res = await t.client().post('/api/auth/password-reset/request', { email: f.email });
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ ok: true });
    }
    await t.deliverMail();
    expect(t.smtp!.to(f.email)).toHaveLength(3);
    t.clock.advance(61 * 60_000);
    await t.client().post('/api/auth/password-reset/request', { email: f.email });
    await t.deliverMail();
    expect(t.smtp!.to(f.email)).toHaveLength(4);
  });

  it('limits requests from one address to 5 per 15 minutes', async () => {
    const c = t.client('203.0.113.50');
    for (let i = 0; i < 5; i++) expect((await c.post('/api/auth/password-reset/request', { email: `x${i}@nulle-part.example` })).status).toBe(202);
    const res = await c.post('/api/auth/password-reset/request', { email: 'x@nulle-part.example' });
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('request.rate_limited');
  });

  it('refuses a malformed e-mail with a French message', async () => {
    const res = await t.client().post('/api/auth/password-reset/request', { email: '' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0]).toEqual({ path: 'email', code: 'required', message: 'Saisissez votre adresse e-mail.' });
  });
});

describe('password reset confirmation', () => {
  it('sets the new password, signs every device out, mails a notice and works only once', async () => {
    const f = await createFamily(t.ctx);
    const phone = t.client();
    const laptop = t.client();
    await phone.login(f.email, f.password);
    await laptop.login(f.email, f.password);
    const { token } = await resetLink(f.email);

    const res = await confirm(token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });

    expect((await phone.get('/api/session')).body.account).toBeNull();
    expect((await laptop.get('/api/session')).body.account).toBeNull();
    expect((await t.client().post('/api/auth/login', { email: f.email, password: f.password })).status).toBe(401);
    expect((await t.client().post('/api/auth/login', { email: f.email, password: NEW_PASSWORD })).status).toBe(200);

    await t.deliverMail();
    expect(t.smtp!.last(f.email).subject).toMatch(/^Votre mot de passe a été modifié/);
    const account = await t.ctx.db.selectFrom('account').select('password_changed_at').where('id', '=', f.accountId).executeTakeFirstOrThrow();
    expect(account.password_changed_at).toBe(t.clock.now().toISOString());

    const again = await confirm(token, 'Encore-Autre-Chose-2026!');
    expect(again.status).toBe(400);
    expect(again.body.error.fields).toEqual([{ path: 'token', code: 'token.invalid', message: expect.stringMatching(/plus valable/) }]);
    expect((await t.client().post('/api/auth/login', { email: f.email, password: NEW_PASSWORD })).status).toBe(200);
  });

  it('expires after one hour', async () => {
    const f = await createFamily(t.ctx);
    const { token } = await resetLink(f.email);
    t.clock.advance(59 * 60_000);
    const { token: second } = await resetLink(f.email);
    // the newer link replaces the older one
    expect((await confirm(token)).status).toBe(400);
    t.clock.advance(60 * 60_000 + 1000);
    const res = await confirm(second);
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].code).toBe('token.invalid');
    expect((await t.client().post('/api/auth/login', { email: f.email, password: f.password })).status).toBe(200);
  });

  it('still works just before the hour is over', async () => {
    const f = await createFamily(t.ctx);
    const { token } = await resetLink(f.email);
    t.clock.advance(59 * 60_000);
    expect((await confirm(token)).status).toBe(200);
  });

  it('refuses an unknown token and changes nothing', async () => {
    const res = await confirm('X'.repeat(43));
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ path: 'token', code: 'token.invalid', message: expect.any(String) }]);
  });

  it('applies the password policy, including a password made from the e-mail, and keeps the link usable', async () => {
    const f = await createFamily(t.ctx, { email: 'marguerite.duras@exemple.fr', lastName: 'Lefebvre' });
    const { token } = await resetLink(f.email);
    const weak = await confirm(token, 'motdepasse');
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields[0]).toMatchObject({ path: 'password' });
    const fromEmail = await confirm(token, 'Marguerite.Duras-1914');
    expect(fromEmail.status).toBe(400);
    expect(fromEmail.body.error.fields).toEqual([{ path: 'password', code: 'password.common', message: expect.any(String) }]);
    // easy to guess although of 12 characters and 3 kinds (zxcvbn-ts), or made of the guardian's name
    for (const pw of ['Qsdfghjklm12', 'Duras-Lefebvre-1914']) {
      const guessable = await confirm(token, pw);
      expect(guessable.status, pw).toBe(400);
      expect(guessable.body.error.fields, pw).toEqual([{ path: 'password', code: 'password.common', message: expect.stringMatching(/trop facile à deviner/) }]);
    }
    const mismatch = await t.client().post('/api/auth/password-reset/confirm', {
      token,
      password: NEW_PASSWORD,
      passwordConfirmation: 'Autre-Chose-2026!',
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.fields).toEqual([{ path: 'passwordConfirmation', code: 'password.mismatch', message: expect.any(String) }]);
    expect((await confirm(token)).status).toBe(200);
  });

  it('lifts a login block on the account', async () => {
    const f = await createFamily(t.ctx);
    for (let i = 0; i < 5; i++) await t.client().post('/api/auth/login', { email: f.email, password: `Mauvais-${i}-2026!x` });
    expect((await t.client().post('/api/auth/login', { email: f.email, password: f.password })).status).toBe(429);
    const { token } = await resetLink(f.email);
    expect((await confirm(token)).status).toBe(200);
    expect((await t.client().post('/api/auth/login', { email: f.email, password: NEW_PASSWORD })).status).toBe(200);
  });

  it('does not accept an e-mail change token', async () => {
    const f = await createFamily(t.ctx);
    const token = await createAccountToken(t.ctx.db, t.ctx, f.accountId, 'email_change', 'autre@exemple.fr');
    tokensSeen.push(token);
    expect((await confirm(token)).status).toBe(400);
  });

  it('lets an invited agent choose a password and activates the account', async () => {
    const s = await createStaff(t.ctx);
    await t.ctx.db.updateTable('account').set({ status: 'pending' }).where('id', '=', s.accountId).execute();
    const token = await createAccountToken(t.ctx.db, t.ctx, s.accountId, 'invitation');
    tokensSeen.push(token);
    expect((await confirm(token)).status).toBe(200);
    const res = await t.client().post('/api/auth/login', { email: s.email, password: NEW_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({ kind: 'staff', status: 'active' });
  });

  it('never writes a password or a token in the logs', async () => {
    expect(tokensSeen.length).toBeGreaterThan(5);
    const logs = t.logs.join('\n');
    expect(logs).toContain('/api/auth/password-reset/confirm');
    for (const secret of [TEST_PASSWORD, NEW_PASSWORD, 'Marguerite.Duras-1914', ...tokensSeen]) expect(logs).not.toContain(secret);
  });
});
