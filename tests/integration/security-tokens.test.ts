import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff, type FamilyFixture } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { getRaw, readZip } from './document-support.js';
import { MASKED_LINK } from '../../src/server/modules/mail/mail.redact.js';
import type { FamilyExport } from '../../src/shared/document-contracts.js';

/**
 * No live single-use token may leave the mail it was sent in: a session is enough to download the family's export,
 * and an administrator reads the outbox. The links (password reset asked by anyone for the address, confirmation
 * of a new login e-mail) are masked there and in the logs, and still work from the mail received over SMTP.
 */
const NEW_PASSWORD = 'Nouveau-Verger-2026!';

async function exportData(t: TestApp, client: TestClient): Promise<{ json: string; data: FamilyExport }> {
  const r = await getRaw(t, client, '/api/family/export');
  expect(r.status).toBe(200);
  const json = readZip(r.body).get('donnees.json')!.toString('utf8');
  return { json, data: JSON.parse(json) as FamilyExport };
}

function tokenOf(link: string | undefined): string {
  expect(link).toBeDefined();
  const token = new URL(link!).searchParams.get('jeton');
  expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  return token!;
}

describe('with SMTP (a city’s set-up)', () => {
  let t: TestApp;
  let fam: FamilyFixture;
  let parent: TestClient;
  let admin: TestClient;
  const target = 'nouvelle.adresse@exemple.fr';

  beforeAll(async () => {
    t = await createTestApp({ smtp: true });
    fam = await createFamily(t.ctx);
    parent = await loginAs(t, fam.accountId);
    admin = await loginAs(t, (await createStaff(t.ctx, { role: 'admin' })).accountId);
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps the reset and confirmation links out of the export, the outbox, the database once sent, and the logs; they work from the mail', async () => {
    // anyone may ask a reset for the family's address; the family asks to change its login e-mail
    expect((await t.client().post('/api/auth/password-reset/request', { email: fam.email })).status).toBe(202);
    expect((await parent.post('/api/account/email-change', { newEmail: target, currentPassword: fam.password })).status).toBe(202);

    // exported while the mails are still queued
    const before = await exportData(t, parent);
    await t.deliverMail();
    const resetToken = tokenOf(t.smtp!.to(fam.email).flatMap((m) => m.links).find((l) => l.includes('/nouveau-mot-de-passe?')));
    const confirmToken = tokenOf(t.smtp!.last(target).links.find((l) => l.includes('/confirmer-adresse?')));
    const after = await exportData(t, parent);

    for (const { json, data } of [before, after]) {
      expect(json).not.toContain(resetToken);
      expect(json).not.toContain(confirmToken);
      expect(json).not.toMatch(/jeton=(?!\[)/);
      expect(json).not.toMatch(/\/nouveau-mot-de-passe\?|\/confirmer-adresse\?/);
      // the mails are still there, readable, with their template and subject
      const reset = data.messages.find((m) => m.template === 'password.reset')!;
      expect(reset).toMatchObject({ subject: expect.stringMatching(/réinitialisation de votre mot de passe/), to_address: fam.email });
      expect(reset.text_body).toContain(MASKED_LINK);
      expect(reset.text_body).toContain(fam.email);
      const confirm = data.messages.find((m) => m.template === 'email_change.confirm')!;
      expect(confirm).toMatchObject({ to_address: target });
      expect(confirm.text_body).toContain(MASKED_LINK);
    }

    // the outbox row keeps no live link once the mail has left
    const rows = await t.ctx.db.selectFrom('outbox').select(['id', 'template', 'status', 'text_body', 'html_body']).execute();
    for (const r of rows) {
      expect(r.status).toBe('sent');
      for (const body of [r.text_body, r.html_body]) {
        expect(body).not.toContain(resetToken);
        expect(body).not.toContain(confirmToken);
      }
    }

    // the administrator reading the outbox sees that a link was there, not the link
    for (const template of ['password.reset', 'email_change.confirm']) {
      const id = rows.find((r) => r.template === template)!.id;
      const res = await admin.get(`/api/staff/outbox/${id}`);
      expect(res.status).toBe(200);
      expect(res.body.linksMasked).toBe(true);
      expect(res.body.textBody).toContain(MASKED_LINK);
      expect(JSON.stringify(res.body)).not.toMatch(new RegExp(`${resetToken}|${confirmToken}|jeton=(?!\\[)`));
    }

    // nor in the logs or the audit log
    const logs = t.logs.join('\n');
    expect(logs).not.toContain(resetToken);
    expect(logs).not.toContain(confirmToken);
    const audit = JSON.stringify(await t.ctx.db.selectFrom('audit_log').selectAll().execute());
    expect(audit).not.toContain(resetToken);
    expect(audit).not.toContain(confirmToken);

    // the links still do their job for the addressee
    const confirmed = await t.client().post('/api/auth/email-change/confirm', { token: confirmToken });
    expect(confirmed.status).toBe(200);
    const reset = await t.client().post('/api/auth/password-reset/confirm', { token: resetToken, password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD });
    expect(reset.status).toBe(200);
    expect((await t.client().post('/api/auth/login', { email: target, password: NEW_PASSWORD })).status).toBe(200);
    expect(t.logs.join('\n')).not.toContain(resetToken);
  });

  it('a mail that failed every attempt is sent again whole by « Renvoyer », its link intact', async () => {
    const f = await createFamily(t.ctx);
    expect((await t.client().post('/api/auth/password-reset/request', { email: f.email })).status).toBe(202);
    const row = await t.ctx.db.selectFrom('outbox').select('id').where('to_address', '=', f.email).where('template', '=', 'password.reset').executeTakeFirstOrThrow();
    await t.ctx.db.updateTable('outbox').set({ status: 'failed', attempts: 12 }).where('id', '=', row.id).execute();
    const shown = await admin.get(`/api/staff/outbox/${row.id}`);
    expect(shown.body.textBody).toContain(MASKED_LINK);
    expect((await admin.post(`/api/staff/outbox/${row.id}/retry`)).status).toBe(200);
    await t.deliverMail();
    const token = tokenOf(t.smtp!.last(f.email).links.find((l) => l.includes('/nouveau-mot-de-passe?')));
    const res = await t.client().post('/api/auth/password-reset/confirm', { token, password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD });
    expect(res.status).toBe(200);
  });
});

describe('without SMTP', () => {
  async function resetWithoutSmtp(demo: boolean) {
    const t = await createTestApp({ config: { demo } });
    const fam = await createFamily(t.ctx);
    const parent = await loginAs(t, fam.accountId);
    const admin = await loginAs(t, (await createStaff(t.ctx, { role: 'admin' })).accountId);
    expect((await t.client().post('/api/auth/password-reset/request', { email: fam.email })).status).toBe(202);
    const row = await t.ctx.db.selectFrom('outbox').select(['id', 'status']).where('to_address', '=', fam.email).executeTakeFirstOrThrow();
    expect(row.status).toBe('not_sent');
    const shown = await admin.get(`/api/staff/outbox/${row.id}`);
    expect(shown.status).toBe(200);
    const exported = await exportData(t, parent);
    return { t, shown: shown.body, exported };
  }

  it('in the demo, the administrator can follow the link of a mail kept unsent (the README’s way), never the family’s export', async () => {
    const { t, shown, exported } = await resetWithoutSmtp(true);
    expect(shown.linksMasked).toBe(false);
    const link = /http:\/\/portail\.test\/nouveau-mot-de-passe\?jeton=[A-Za-z0-9_-]+/.exec(shown.textBody)?.[0];
    const token = tokenOf(link);
    expect(exported.json).not.toContain(token);
    expect(exported.json).toContain(MASKED_LINK);
    const res = await t.client().post('/api/auth/password-reset/confirm', { token, password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD });
    expect(res.status).toBe(200);
    await t.close();
  });

  it('outside the demo, the outbox shows no link either', async () => {
    const { t, shown, exported } = await resetWithoutSmtp(false);
    expect(shown.linksMasked).toBe(true);
    expect(shown.textBody).toContain(MASKED_LINK);
    expect(JSON.stringify(shown)).not.toMatch(/jeton=(?!\[)/);
    expect(exported.json).not.toMatch(/jeton=(?!\[)/);
    await t.close();
  });
});
