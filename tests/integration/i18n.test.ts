/**
 * French and English (issue 10), as the server speaks them: each e-mail in its recipient account's language (French
 * for an address that is no account), error answers in the language of the request's `lang` cookie (French without
 * one), the account's language changed by PUT /api/account/language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff, TEST_PASSWORD, type FamilyFixture } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { writeTransaction } from '../../src/server/db/write.js';
import { enqueueMails } from '../../src/server/modules/mail/mail.service.js';
import { fr } from '../../src/shared/i18n/fr/index.js';
import { en } from '../../src/shared/i18n/en/index.js';

let t: TestApp;
let staff: TestClient;
beforeAll(async () => {
  t = await createTestApp({ smtp: true });
  staff = await loginAs(t, (await createStaff(t.ctx, { role: 'agent' })).accountId);
});
afterAll(async () => {
  await t.close();
});

async function languageOf(accountId: string) {
  return (await t.ctx.db.selectFrom('account').select('language').where('id', '=', accountId).executeTakeFirstOrThrow()).language;
}

async function outboxTo(email: string) {
  return t.ctx.db.selectFrom('outbox').select(['template', 'subject', 'text_body', 'html_body']).where('to_address', '=', email).orderBy('id').execute();
}

describe('PUT /api/account/language', () => {
  it('stores the language on the account and answers the session’s account view with it', async () => {
    const f = await createFamily(t.ctx, { status: 'active' });
    const family = await loginAs(t, f.accountId);
    expect((await family.session()).body.account.language).toBe('fr');
    const res = await family.put('/api/account/language', { language: 'en' });
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({ id: f.accountId, language: 'en' });
    expect(await languageOf(f.accountId)).toBe('en');
    expect((await family.session()).body.account.language).toBe('en');
    expect((await family.put('/api/account/language', { language: 'fr' })).body.account.language).toBe('fr');
    expect((await family.session()).body.account.language).toBe('fr');
  });

  it('two devices switching at once (double clicks included): every answer 200, the account keeps one of the choices, and the session says that one', async () => {
    const f = await createFamily(t.ctx, { status: 'active' });
    const phone = await loginAs(t, f.accountId);
    const laptop = await loginAs(t, f.accountId);
    // 2 × 6 requests: the route allows 20 a minute from one address (LIMITS.signedIn), and the file's other tests use it too
    for (let round = 0; round < 2; round++) {
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, i) => (i % 2 ? phone : laptop).put('/api/account/language', { language: (i + round) % 3 ? 'en' : 'fr' })),
      );
      expect(answers.map((r) => r.status)).toEqual(Array(6).fill(200));
      const stored = await languageOf(f.accountId);
      expect(['fr', 'en']).toContain(stored);
      expect((await phone.session()).body.account.language).toBe(stored);
      expect((await laptop.session()).body.account.language).toBe(stored);
    }
  });

  it('refuses an unknown language with 400, in French without the cookie and in English with lang=en', async () => {
    const f = await createFamily(t.ctx, { status: 'active' });
    const family = await loginAs(t, f.accountId);
    const french = await family.put('/api/account/language', { language: 'de' });
    expect(french.status).toBe(400);
    expect(french.body.error).toMatchObject({ code: 'request.invalid', message: fr.errors.request.invalid });
    expect(french.body.error.fields).toEqual([{ path: 'language', code: 'choice.invalid', message: 'Choisissez une des valeurs proposées.' }]);
    family.setCookie('lang', 'en');
    const english = await family.put('/api/account/language', { language: 'de' });
    expect(english.status).toBe(400);
    expect(english.body.error).toMatchObject({ code: 'request.invalid', message: 'The form contains errors.' });
    expect(english.body.error.fields).toEqual([{ path: 'language', code: 'choice.invalid', message: en.errors.choice.invalid }]);
    expect(await languageOf(f.accountId)).toBe('fr');
  });

  it('answers 401 without a session, and changes nothing', async () => {
    const anonymous = t.client();
    const res = await anonymous.put('/api/account/language', { language: 'en' });
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: 'auth.required', message: fr.errors.auth.required });
    anonymous.setCookie('lang', 'en');
    expect((await anonymous.put('/api/account/language', { language: 'en' })).body.error.message).toBe('You must sign in to access this page.');
  });
});

describe('error answers in the request’s language', () => {
  it('says a domain refusal in French without the cookie, in English with lang=en, the same code either way', async () => {
    const f = await createFamily(t.ctx, { status: 'pending' });
    expect((await staff.post(`/api/staff/accounts/${f.accountId}/validate`)).status).toBe(200);
    const french = await staff.post(`/api/staff/accounts/${f.accountId}/validate`);
    expect(french.status).toBe(409);
    expect(french.body.error).toEqual({ code: 'account.not_pending', message: 'Ce compte a déjà été traité.' });
    const english = t.client();
    english.setCookie('lang', 'en');
    const asStaff = await loginAs(t, (await createStaff(t.ctx, { role: 'agent' })).accountId);
    asStaff.setCookie('lang', 'en');
    const again = await asStaff.post(`/api/staff/accounts/${f.accountId}/validate`);
    expect(again.status).toBe(409);
    expect(again.body.error).toEqual({ code: 'account.not_pending', message: 'This account has already been dealt with.' });
    // the router's own answers too
    expect((await english.get('/api/no-such-route')).body.error).toEqual({ code: 'not_found', message: en.errors.not_found });
    expect((await t.client().get('/api/no-such-route')).body.error).toEqual({ code: 'not_found', message: 'Page ou élément introuvable.' });
    // an unknown cookie value is French
    const other = t.client();
    other.setCookie('lang', 'de');
    expect((await other.get('/api/no-such-route')).body.error.message).toBe('Page ou élément introuvable.');
  });
});

describe('e-mails in the recipient’s language', () => {
  let english: FamilyFixture;
  let french: FamilyFixture;
  beforeAll(async () => {
    english = await createFamily(t.ctx, { status: 'pending' });
    french = await createFamily(t.ctx, { status: 'pending' });
    expect((await (await loginAs(t, english.accountId)).put('/api/account/language', { language: 'en' })).status).toBe(200);
  });

  it('writes the validation mail in English to an English account and in French to a French one, whoever decides', async () => {
    // the agent's own page is in French: the mail follows the recipient, not the request
    for (const f of [english, french]) expect((await staff.post(`/api/staff/accounts/${f.accountId}/validate`)).status).toBe(200);
    await t.deliverMail();
    const toEnglish = t.smtp!.last(english.email);
    expect(toEnglish.subject).toBe(`${en.mail.account.validated.subject} — ${t.ctx.config.city.name}`);
    expect(toEnglish.text).toContain('Hello Alice,');
    expect(toEnglish.text).toContain('You can now book your children’s activities.');
    expect(toEnglish.text).toContain(`Go to my account: ${t.ctx.config.publicUrl}/`);
    expect(toEnglish.text).toContain(`${t.ctx.config.city.name} — Family Portal`);
    expect(toEnglish.text).not.toContain('Bonjour');
    const [row] = await outboxTo(english.email);
    expect(row!.html_body).toContain('<html lang="en">');

    const toFrench = t.smtp!.last(french.email);
    expect(toFrench.subject).toBe(`Votre compte famille est validé — ${t.ctx.config.city.name}`);
    expect(toFrench.text).toContain('Bonjour Alice,');
    expect(toFrench.text).toContain(`Accéder à mon espace : ${t.ctx.config.publicUrl}/`);
    expect(toFrench.text).toContain(`${t.ctx.config.city.name} — Portail Familles`);
    const [frRow] = await outboxTo(french.email);
    expect(frRow!.html_body).toContain('<html lang="fr">');
  });

  it('looks the languages up for a whole batch: English and French accounts, an address that is no account (French), case ignored', async () => {
    const stranger = 'personne@example.org';
    const mail = { template: 'billing.invoice_published' as const, payerName: 'M. Test', number: 'R01-2026-000042', month: '2026-10', amountCents: 123456, dueOn: '2026-11-15', url: 'http://portail.test/' };
    await writeTransaction(t.ctx, (trx) =>
      enqueueMails(trx, t.ctx, [
        { to: english.email.toUpperCase(), mail, familyId: english.familyId },
        { to: french.email, mail, familyId: french.familyId },
        { to: stranger, mail, familyId: null },
      ]),
    );
    const [toEnglish] = await t.ctx.db.selectFrom('outbox').select(['subject', 'text_body']).where('to_address', '=', english.email.toUpperCase()).execute();
    expect(toEnglish!.subject).toBe(`Your invoice no. R01-2026-000042 is available — ${t.ctx.config.city.name}`);
    expect(toEnglish!.text_body).toContain('Your invoice no. R01-2026-000042 (October 2026) for €1,234.56 is available');
    expect(toEnglish!.text_body).toContain('It is due by 15/11/2026');
    for (const to of [french.email, stranger]) {
      const [row] = await outboxTo(to).then((rows) => rows.filter((r) => r.template === 'billing.invoice_published'));
      expect(row!.subject).toBe(`Votre facture n° R01-2026-000042 est disponible — ${t.ctx.config.city.name}`);
      expect(row!.text_body).toContain('Votre facture n° R01-2026-000042 (octobre 2026) d’un montant de 1\u202f234,56 € est disponible');
      expect(row!.text_body).toContain('Elle est à régler avant le 15/11/2026');
    }
  });

  it('writes to a new address being confirmed in the language of the account it will belong to', async () => {
    const f = await createFamily(t.ctx, { status: 'active' });
    const family = await loginAs(t, f.accountId);
    expect((await family.put('/api/account/language', { language: 'en' })).status).toBe(200);
    const newEmail = `nouvelle-${f.email}`;
    expect((await family.post('/api/account/email-change', { newEmail, currentPassword: TEST_PASSWORD })).status).toBeLessThan(300);
    const [confirm] = await outboxTo(newEmail);
    expect(confirm!.subject).toBe(`${en.mail.emailChange.confirm.subject} — ${t.ctx.config.city.name}`);
    const [notice] = await outboxTo(f.email);
    expect(notice!.subject).toBe(`${en.mail.emailChange.noticeOld.subject} — ${t.ctx.config.city.name}`);
    expect(notice!.text_body).toContain(`A request has been made to change your account’s username to the address ${newEmail}.`);
  });
});
