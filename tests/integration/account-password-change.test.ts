import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { createFamily, createStaff, TEST_PASSWORD } from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ smtp: true });
});
afterAll(async () => {
  await t.close();
});

const NEW_PASSWORD = 'Beffroi-Lys-2027#';

function change(currentPassword: string, newPassword = NEW_PASSWORD, newPasswordConfirmation = newPassword) {
  return { currentPassword, newPassword, newPasswordConfirmation };
}

describe('password change (§4.2)', () => {
  it('changes the password, keeps this session, signs the other devices out and mails a notice', async () => {
    const f = await createFamily(t.ctx);
    const here = t.client();
    const elsewhere = t.client();
    await here.login(f.email, f.password);
    await elsewhere.login(f.email, f.password);

    const res = await here.post('/api/account/password', change(f.password));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });

    expect((await here.get('/api/session')).body.account?.id).toBe(f.accountId);
    expect((await elsewhere.get('/api/session')).body.account).toBeNull();
    expect((await t.client().post('/api/auth/login', { email: f.email, password: f.password })).status).toBe(401);
    expect((await t.client().post('/api/auth/login', { email: f.email, password: NEW_PASSWORD })).status).toBe(200);

    await t.deliverMail();
    const mail = t.smtp!.last(f.email);
    expect(mail.subject).toMatch(/^Votre mot de passe a été modifié/);
    expect(mail.text).not.toContain(NEW_PASSWORD);
  });

  it('refuses a wrong current password and changes nothing', async () => {
    const f = await createFamily(t.ctx);
    const c = t.client();
    await c.login(f.email, f.password);
    const res = await c.post('/api/account/password', change('Pas-Le-Bon-2026!'));
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([
      { path: 'currentPassword', code: 'password.current_wrong', message: 'Le mot de passe actuel est incorrect.' },
    ]);
    expect((await t.client().post('/api/auth/login', { email: f.email, password: f.password })).status).toBe(200);
  });

  it('refuses the current password as the new one', async () => {
    const f = await createFamily(t.ctx);
    const c = t.client();
    await c.login(f.email, f.password);
    const res = await c.post('/api/account/password', change(f.password, f.password));
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([
      { path: 'newPassword', code: 'password.same_as_current', message: 'Le nouveau mot de passe doit être différent de l’actuel.' },
    ]);
  });

  it('explains the password policy in French', async () => {
    const f = await createFamily(t.ctx, { email: 'gaston.lagaffe@exemple.fr' });
    const c = t.client();
    await c.login(f.email, f.password);
    const cases: [string, string, RegExp][] = [
      ['Court-1a!', 'password.too_short', /au moins 12 caractères/],
      ['toutenminusculesici', 'password.too_weak', /au moins 3 types/],
      ['Azerty123!', 'password.common', /trop facile à deviner/],
      ['Gaston.Lagaffe-1957', 'password.common', /votre nom ou votre adresse e-mail/],
      // 12 characters of 3 kinds, but a row of the keyboard: refused by the estimator (zxcvbn-ts)
      ['Qsdfghjklm12', 'password.common', /trop facile à deviner/],
      ['Jean-Pierre1975', 'password.common', /trop facile à deviner/],
    ];
    for (const [pw, code, message] of cases) {
      const res = await c.post('/api/account/password', change(f.password, pw));
      expect(res.status, pw).toBe(400);
      expect(res.body.error.fields, pw).toEqual([{ path: 'newPassword', code, message: expect.stringMatching(message) }]);
    }
    const mismatch = await c.post('/api/account/password', change(f.password, NEW_PASSWORD, 'Autre-Chose-2026!'));
    expect(mismatch.body.error.fields).toEqual([
      { path: 'newPasswordConfirmation', code: 'password.mismatch', message: 'Les deux mots de passe ne sont pas identiques.' },
    ]);
    const empty = await c.post('/api/account/password', { currentPassword: '', newPassword: '', newPasswordConfirmation: '' });
    expect(empty.body.error.fields.map((x: { message: string }) => x.message)).toEqual([
      'Saisissez votre mot de passe actuel.',
      'Saisissez votre nouveau mot de passe.',
      'Confirmez votre nouveau mot de passe.',
    ]);
    // a passphrase is fine
    expect((await c.post('/api/account/password', change(f.password, 'cheval agrafe pile correcte'))).status).toBe(200);
  });

  it('is for signed-in families on /api/account/password and staff on /api/staff/password', async () => {
    expect((await t.client().post('/api/account/password', change(TEST_PASSWORD))).status).toBe(401);
    expect((await t.client().post('/api/staff/password', change(TEST_PASSWORD))).status).toBe(401);

    const f = await createFamily(t.ctx);
    const family = t.client();
    await family.login(f.email, f.password);
    expect((await family.post('/api/staff/password', change(f.password))).status).toBe(403);

    const s = await createStaff(t.ctx);
    const staff = t.client();
    const staffElsewhere = t.client();
    await staff.login(s.email, s.password);
    await staffElsewhere.login(s.email, s.password);
    expect((await staff.post('/api/account/password', change(s.password))).status).toBe(403);
    const res = await staff.post('/api/staff/password', change(s.password));
    expect(res.status).toBe(200);
    expect((await staff.get('/api/session')).body.account?.id).toBe(s.accountId);
    expect((await staffElsewhere.get('/api/session')).body.account).toBeNull();
    expect((await t.client().post('/api/auth/login', { email: s.email, password: NEW_PASSWORD })).status).toBe(200);
  });

  it('blocks guessing the current password from a signed-in session', async () => {
    const f = await createFamily(t.ctx);
    const c = t.client();
    await c.login(f.email, f.password);
    for (let i = 0; i < 5; i++) expect((await c.post('/api/account/password', change(`Essai-${i}-2026!x`))).status).toBe(400);
    const res = await c.post('/api/account/password', change(f.password));
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('auth.throttled');
  });

  it('never writes a password in the logs', async () => {
    const logs = t.logs.join('\n');
    expect(logs).toContain('/api/account/password');
    for (const secret of [TEST_PASSWORD, NEW_PASSWORD, 'Pas-Le-Bon-2026!', 'Gaston.Lagaffe-1957', 'cheval agrafe pile correcte'])
      expect(logs).not.toContain(secret);
  });
});
