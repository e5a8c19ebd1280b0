import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff, TEST_PASSWORD, type FamilyFixture } from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ smtp: true });
});
afterAll(async () => {
  await t.close();
});

const tokensSeen: string[] = [];
let n = 0;
const newAddress = () => `nouvelle.adresse${++n}@exemple.fr`;

async function signedIn(): Promise<{ f: FamilyFixture; c: TestClient }> {
  const f = await createFamily(t.ctx);
  const c = t.client();
  await c.login(f.email, f.password);
  return { f, c };
}

async function confirmToken(address: string): Promise<string> {
  await t.deliverMail();
  const link = t.smtp!.last(address).links.find((l) => l.includes('/confirmer-adresse?'))!;
  expect(link).toBeDefined();
  const token = new URL(link).searchParams.get('jeton')!;
  tokensSeen.push(token);
  return token;
}

describe('e-mail change request (§4.1)', () => {
  it('mails a link to the new address and a notice to the old one; the login is unchanged until confirmed', async () => {
    const { f, c } = await signedIn();
    const target = newAddress();
    const res = await c.post('/api/account/email-change', { newEmail: target.toUpperCase(), currentPassword: f.password });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ ok: true });

    await t.deliverMail();
    const confirmMail = t.smtp!.last(target);
    expect(confirmMail.subject).toMatch(/^Confirmez votre nouvelle adresse e-mail/);
    expect(confirmMail.links.some((l) => /^http:\/\/portail\.test\/confirmer-adresse\?jeton=/.test(l))).toBe(true);
    const notice = t.smtp!.last(f.email);
    expect(notice.subject).toMatch(/^Demande de changement de votre identifiant/);
    expect(notice.text).toContain(target);

    // the old identifier still works, the new one does not yet
    expect((await t.client().post('/api/auth/login', { email: f.email, password: f.password })).status).toBe(200);
    expect((await t.client().post('/api/auth/login', { email: target, password: f.password })).status).toBe(401);
    expect((await c.get('/api/session')).body.account.email).toBe(f.email);
  });

  it('refuses a wrong current password', async () => {
    const { c } = await signedIn();
    const target = newAddress();
    const res = await c.post('/api/account/email-change', { newEmail: target, currentPassword: 'Pas-Le-Bon-2026!' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([
      { path: 'currentPassword', code: 'password.current_wrong', message: 'Le mot de passe actuel est incorrect.' },
    ]);
    await t.deliverMail();
    expect(t.smtp!.to(target)).toHaveLength(0);
  });

  it('refuses the current address', async () => {
    const { f, c } = await signedIn();
    const res = await c.post('/api/account/email-change', { newEmail: f.email, currentPassword: f.password });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([
      { path: 'newEmail', code: 'email.same_as_current', message: 'Cette adresse est déjà votre identifiant.' },
    ]);
  });

  it('refuses an invalid or empty address in French', async () => {
    const { f, c } = await signedIn();
    const bad = await c.post('/api/account/email-change', { newEmail: 'pas une adresse', currentPassword: f.password });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0]).toMatchObject({ path: 'newEmail', code: 'email.invalid' });
    const empty = await c.post('/api/account/email-change', { newEmail: '', currentPassword: '' });
    expect(empty.body.error.fields).toEqual([
      { path: 'newEmail', code: 'required', message: 'Saisissez votre nouvelle adresse e-mail.' },
      { path: 'currentPassword', code: 'required', message: 'Saisissez votre mot de passe actuel.' },
    ]);
  });

  it('does not reveal that the new address belongs to another account', async () => {
    const { f, c } = await signedIn();
    const other = await createFamily(t.ctx);
    const free = newAddress();
    const taken = await c.post('/api/account/email-change', { newEmail: other.email, currentPassword: f.password });
    const fine = await c.post('/api/account/email-change', { newEmail: free, currentPassword: f.password });
    expect(taken.status).toBe(202);
    expect(taken.body).toEqual(fine.body);
    await t.deliverMail();
    // the other account's owner gets no confirmation link
    const toOther = t.smtp!.to(other.email);
    expect(toOther.every((m) => !m.links.some((l) => l.includes('/confirmer-adresse')))).toBe(true);
    expect(toOther.map((m) => m.subject.split(' — ')[0])).toEqual(['Un compte existe déjà avec cette adresse']);
    // the requester sees the same notice in both cases
    expect(t.smtp!.to(f.email).map((m) => m.subject.split(' — ')[0])).toEqual([
      'Demande de changement de votre identifiant',
      'Demande de changement de votre identifiant',
    ]);
    const account = await t.ctx.db.selectFrom('account').select('email').where('id', '=', f.accountId).executeTakeFirstOrThrow();
    expect(account.email).toBe(f.email);
  });

  it('is for signed-in families only', async () => {
    expect((await t.client().post('/api/account/email-change', { newEmail: newAddress(), currentPassword: 'x' })).status).toBe(401);
    const s = await createStaff(t.ctx);
    const staff = t.client();
    await staff.login(s.email, s.password);
    expect((await staff.post('/api/account/email-change', { newEmail: newAddress(), currentPassword: s.password })).status).toBe(403);
  });

  it('blocks guessing the current password from a signed-in session', async () => {
    const { f, c } = await signedIn();
    for (let i = 0; i < 5; i++) {
      const res = await c.post('/api/account/email-change', { newEmail: newAddress(), currentPassword: `Essai-${i}-2026!x` });
      expect(res.status).toBe(400);
    }
    const res = await c.post('/api/account/email-change', { newEmail: newAddress(), currentPassword: f.password });
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('auth.throttled');
  });
});

describe('e-mail change confirmation', () => {
  it('changes the login, signs the family in on the device that opened the link, signs other devices out and tells the old address', async () => {
    const { f, c } = await signedIn();
    const target = newAddress();
    await c.post('/api/account/email-change', { newEmail: target, currentPassword: f.password });
    const token = await confirmToken(target);

    const otherDevice = t.client();
    const res = await otherDevice.post('/api/auth/email-change/confirm', { token });
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({ id: f.accountId, email: target, kind: 'family', familyId: f.familyId });
    expect([res.headers['set-cookie']].flat().join('\n')).toMatch(/pf_session=[^;]+;.*HttpOnly/i);
    expect((await otherDevice.get('/api/session')).body.account.email).toBe(target);
    // the session where the change was asked is closed
    expect((await c.get('/api/session')).body.account).toBeNull();

    expect((await t.client().post('/api/auth/login', { email: f.email, password: f.password })).status).toBe(401);
    expect((await t.client().post('/api/auth/login', { email: target, password: f.password })).status).toBe(200);

    const guardian = await t.ctx.db
      .selectFrom('guardian')
      .select('email')
      .where('family_id', '=', f.familyId)
      .where('rank', '=', 1)
      .executeTakeFirstOrThrow();
    expect(guardian.email).toBe(target);

    await t.deliverMail();
    const done = t.smtp!.last(f.email);
    expect(done.subject).toMatch(/^Votre identifiant a été modifié/);
    expect(done.text).toContain(target);

    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('family_id', '=', f.familyId).execute();
    expect(audit.map((a) => a.action)).toContain('account.email_changed');

    // the link works once
    const again = await t.client().post('/api/auth/email-change/confirm', { token });
    expect(again.status).toBe(400);
    expect(again.body.error.fields).toEqual([{ path: 'token', code: 'token.invalid', message: expect.stringMatching(/plus valable/) }]);
  });

  it('leaves a guardian e-mail that differs from the login untouched', async () => {
    const { f, c } = await signedIn();
    await t.ctx.db.updateTable('guardian').set({ email: 'contact.perso@exemple.fr' }).where('family_id', '=', f.familyId).execute();
    const target = newAddress();
    await c.post('/api/account/email-change', { newEmail: target, currentPassword: f.password });
    const token = await confirmToken(target);
    expect((await t.client().post('/api/auth/email-change/confirm', { token })).status).toBe(200);
    const g = await t.ctx.db.selectFrom('guardian').select('email').where('family_id', '=', f.familyId).executeTakeFirstOrThrow();
    expect(g.email).toBe('contact.perso@exemple.fr');
  });

  it('refuses when the address was taken by another account in the meantime, changing nothing', async () => {
    const { f, c } = await signedIn();
    const target = newAddress();
    await c.post('/api/account/email-change', { newEmail: target, currentPassword: f.password });
    const token = await confirmToken(target);
    await createFamily(t.ctx, { email: target });
    const res = await t.client().post('/api/auth/email-change/confirm', { token });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ path: 'token', code: 'email.taken', message: expect.any(String) }]);
    const account = await t.ctx.db.selectFrom('account').select('email').where('id', '=', f.accountId).executeTakeFirstOrThrow();
    expect(account.email).toBe(f.email);
    expect((await c.get('/api/session')).body.account?.id).toBe(f.accountId);
  });

  it('expires after 24 hours', async () => {
    const { f, c } = await signedIn();
    const target = newAddress();
    await c.post('/api/account/email-change', { newEmail: target, currentPassword: f.password });
    const token = await confirmToken(target);
    t.clock.advance(24 * 3_600_000 + 1000);
    const res = await t.client().post('/api/auth/email-change/confirm', { token });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].code).toBe('token.invalid');
  });

  it('only the latest link works', async () => {
    const { f, c } = await signedIn();
    const first = newAddress();
    const second = newAddress();
    await c.post('/api/account/email-change', { newEmail: first, currentPassword: f.password });
    const firstToken = await confirmToken(first);
    await c.post('/api/account/email-change', { newEmail: second, currentPassword: f.password });
    const secondToken = await confirmToken(second);
    expect((await t.client().post('/api/auth/email-change/confirm', { token: firstToken })).status).toBe(400);
    expect((await t.client().post('/api/auth/email-change/confirm', { token: secondToken })).body.account.email).toBe(second);
  });

  it('refuses a garbage token', async () => {
    const res = await t.client().post('/api/auth/email-change/confirm', { token: 'abc' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0]).toMatchObject({ path: 'token', code: 'token.invalid' });
  });

  it('never writes a password or a token in the logs', async () => {
    expect(tokensSeen.length).toBeGreaterThan(3);
    const logs = t.logs.join('\n');
    expect(logs).toContain('/api/auth/email-change/confirm');
    for (const secret of [TEST_PASSWORD, 'Pas-Le-Bon-2026!', ...tokensSeen]) expect(logs).not.toContain(secret);
  });
});
