/**
 * Issue 17's payment items and issue 13's rule at the booking's door, over HTTP: abandoning a payment in progress,
 * the bank's return address without PUBLIC_URL, PUBLIC_URL required in production, the demo bank's stylesheet, a
 * booking refused to a family in debt (canteen exempt, lift by staff), the money data in the family's export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, PUBLIC_URL, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { publishedInvoices } from './payment-support.js';
import { childOf, createActivityFixture, NO_DEADLINE, reserve } from './booking-support.js';
import { loadConfig } from '../../src/server/config.js';
import { deliverDemoNotifications } from '../../src/server/modules/payment/payment.service.js';
import { privacyParticipants } from '../../src/server/modules/privacy/privacy.registry.js';

let t: TestApp;
let agent: TestClient;
beforeAll(async () => {
  t = await createTestApp({ clockStart: '2026-12-10T09:00:00Z' });
  agent = await loginAs(t, (await createStaff(t.ctx, { role: 'agent' })).accountId);
});
afterAll(async () => {
  await t.close();
});

describe('abandoning a payment left at the bank (issue 17)', () => {
  it('frees the invoices at once; a second abandon is 409; another family gets 404', async () => {
    const family = await createFamily(t.ctx, { status: 'active' });
    const client = await loginAs(t, family.accountId);
    const stranger = await loginAs(t, (await createFamily(t.ctx, { status: 'active' })).accountId);
    const { invoices } = await publishedInvoices(t, family, [2000]);
    const body = { invoiceIds: [invoices[0]!.id], totalCents: 2000 };
    const first = await client.post('/api/payments', body);
    expect(first.status).toBe(201);
    expect((await client.post('/api/payments', body)).status).toBe(409);
    expect((await stranger.post(`/api/payments/${first.body.payment.id}/abandon`, {})).status).toBe(404);
    const left = await client.post(`/api/payments/${first.body.payment.id}/abandon`, {});
    expect(left.status).toBe(200);
    expect(left.body.status).toBe('abandoned');
    expect((await client.post(`/api/payments/${first.body.payment.id}/abandon`, {})).status).toBe(409);
    // paying again works at once
    const again = await client.post('/api/payments', body);
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    // the demo bank's page of the abandoned operation says it is over
    const opId = new URL(first.body.redirectUrl).pathname.split('/').pop()!;
    const page = await t.app.inject({ method: 'GET', url: `/demo-bank/${opId}` });
    expect(page.body).toContain('Opération terminée');
  });

  it('records a late « paid » of an abandoned payment, the excess as credit', async () => {
    const family = await createFamily(t.ctx, { status: 'active' });
    const client = await loginAs(t, family.accountId);
    const { invoices } = await publishedInvoices(t, family, [1500]);
    const first = await client.post('/api/payments', { invoiceIds: [invoices[0]!.id], totalCents: 1500 });
    const opId = new URL(first.body.redirectUrl).pathname.split('/').pop()!;
    // the family pays at the bank in another tab, then abandons on the portal before the bank's word arrives
    await t.app.inject({ method: 'POST', url: `/demo-bank/${opId}`, headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' }, payload: 'choice=accepted' });
    expect((await client.post(`/api/payments/${first.body.payment.id}/abandon`, {})).status).toBe(200);
    // and pays again by cheque at the office
    await agent.post('/api/staff/billing/payments', { familyId: family.familyId, method: 'cheque', amountCents: 1500, reference: 'CHQ', receivedOn: '2026-12-10', allocations: [{ invoiceId: invoices[0]!.id, amountCents: 1500 }] });
    t.clock.advance(t.ctx.config.payment.demoBankDelayMs + 1000);
    await deliverDemoNotifications(t.ctx);
    const p = await client.get(`/api/payments/${first.body.payment.id}`);
    expect(p.body.status).toBe('paid');
    expect((await client.get('/api/billing/account')).body.creditCents).toBe(1500);
  });
});

describe('return address and PUBLIC_URL (issue 17)', () => {
  it('builds the bank return from the request address when PUBLIC_URL is left at its default', async () => {
    const local = await createTestApp({ config: { publicUrl: 'http://localhost:3000', port: 3000 } });
    try {
      const family = await createFamily(local.ctx, { status: 'active' });
      const client = await loginAs(local, family.accountId);
      const { invoices } = await publishedInvoices(local, family, [1000]);
      const res = await client.request('POST', '/api/payments', { invoiceIds: [invoices[0]!.id], totalCents: 1000 }, { host: '192.168.1.20:3000' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.redirectUrl.startsWith('http://192.168.1.20:3000/demo-bank/')).toBe(true);
      const op = await local.ctx.db.selectFrom('demo_bank_operation').select(['return_url', 'notify_url']).executeTakeFirstOrThrow();
      expect(op.return_url.startsWith('http://192.168.1.20:3000/api/payments/return/')).toBe(true);
    } finally {
      await local.close();
    }
  });

  it('keeps PUBLIC_URL when it is set, whatever the request says', async () => {
    const family = await createFamily(t.ctx, { status: 'active' });
    const client = await loginAs(t, family.accountId);
    const { invoices } = await publishedInvoices(t, family, [1000]);
    const res = await client.request('POST', '/api/payments', { invoiceIds: [invoices[0]!.id], totalCents: 1000 }, { host: 'evil.example' });
    expect(res.status).toBe(201);
    expect(res.body.redirectUrl.startsWith(`${PUBLIC_URL}/demo-bank/`)).toBe(true);
  });

  it('refuses to start in production without PUBLIC_URL', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/PUBLIC_URL/);
    expect(loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://famille.ville.fr' }).publicUrl).toBe('https://famille.ville.fr');
  });

  it('serves the demo bank’s stylesheet, which its page links', async () => {
    const css = await t.app.inject({ method: 'GET', url: '/demo-bank/assets/bank.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
    expect(css.body).toContain('.bank-card');
  });
});

describe('the debt rule at the booking’s door (issue 13)', () => {
  it('refuses a non-essential booking with a clear message, lets the canteen through, and staff can lift it', async () => {
    const leisure = await createActivityFixture(t, { activity: { kind: 'mercredi', bookingPolicy: NO_DEADLINE, cancellationPolicy: NO_DEADLINE, openWeekdays: [1, 2, 3, 4, 5] }, period: { startDay: '2027-01-04', endDay: '2027-02-26' } });
    const canteen = await createActivityFixture(t, { activity: { kind: 'restauration', bookingPolicy: NO_DEADLINE, cancellationPolicy: NO_DEADLINE, openWeekdays: [1, 2, 3, 4, 5] }, period: { startDay: '2027-01-04', endDay: '2027-02-26' } });
    const family = await createFamily(t.ctx, { status: 'active' });
    const client = await loginAs(t, family.accountId);
    const childId = await childOf(t, family);
    const { officeId } = await publishedInvoices(t, family, [8000]); // due 2026-11-30: overdue on 2026-12-10
    const admin = await loginAs(t, (await createStaff(t.ctx, { role: 'admin' })).accountId);
    const s = await admin.put(`/api/staff/money/offices/${officeId}/settings`, { prenotificationDays: 14, reminderSteps: [], debtMinCents: 5000, debtMinAgeDays: null, autoAllocateCredit: false });
    expect(s.status, JSON.stringify(s.body)).toBe(200);

    const book = (a: typeof leisure, day: string) => reserve(client, { childId, activityId: a.activityId, periodId: a.periodId, changes: [{ day, unitId: a.units.matin!, action: 'book' }] });
    const refused = await book(leisure, '2027-01-06');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('money.debt_blocked');
    expect(refused.body.error.message).toContain('Réglez vos factures');
    expect((await book(canteen, '2027-01-06')).status).toBe(201);

    // the admin makes the canteen non-essential: refused too; then back
    expect((await admin.put(`/api/staff/money/debt-policies/${canteen.activityId}`, { essential: false })).status).toBe(200);
    expect((await book(canteen, '2027-01-07')).status).toBe(403);
    const policies = (await admin.get('/api/staff/money/debt-policies')).body;
    expect(policies.find((p: { activityId: string }) => p.activityId === canteen.activityId)).toMatchObject({ essential: false, byDefault: false });

    expect((await agent.put(`/api/staff/money/families/${family.familyId}/debt-lift`, { until: '2026-12-31', reason: 'Échéancier' })).status).toBe(200);
    expect((await book(leisure, '2027-01-06')).status).toBe(201);
    expect((await agent.delete(`/api/staff/money/families/${family.familyId}/debt-lift`)).status).toBe(200);
    expect((await book(leisure, '2027-01-13')).status).toBe(403);
  });
});

describe('the family’s data (GDPR)', () => {
  it('exports the mandates, and the closure erases an unused mandate', async () => {
    const family = await createFamily(t.ctx, { status: 'active' });
    const client = await loginAs(t, family.accountId);
    const { officeId } = await publishedInvoices(t, family, [1000]);
    const m = await client.post('/api/money/mandates', { officeId, holderName: 'Alice Test', iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP', signedPlace: 'Comines', consent: true });
    expect(m.status).toBe(201);
    const billing = privacyParticipants().find((p) => p.name === 'billing')!;
    const rows = await billing.exportRows!(t.ctx.db, t.ctx, family.familyId);
    expect(rows.sepa_mandates).toEqual([expect.objectContaining({ iban: 'FR7630006000011234567890189', state: 'requested' })]);
    const result = await t.ctx.db.transaction().execute((trx) => billing.erase(trx, t.ctx, family.familyId));
    expect(result.erased).toMatchObject({ sepa_mandate: 1 });
    expect(await t.ctx.db.selectFrom('sepa_mandate').select('id').where('family_id', '=', family.familyId).execute()).toEqual([]);
  });
});
