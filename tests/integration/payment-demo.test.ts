import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, PUBLIC_URL, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, type FamilyFixture } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { deliverDemoNotifications, pollPendingPayments } from '../../src/server/modules/payment/payment.service.js';
import { creditOf } from '../../src/server/modules/billing/billing.payments.js';
import { invoiceBalance, onlineLedger, publishedInvoices, receiptsTo } from './payment-support.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function familyWithInvoices(amounts: number[]) {
  const family = await createFamily(t.ctx);
  const client = await loginAs(t, family.accountId);
  const { invoices, officeId } = await publishedInvoices(t, family, amounts);
  return { family, client, invoices, officeId };
}

async function start(client: TestClient, invoiceIds: number[]) {
  const recap = await client.post('/api/payments/recap', { invoiceIds });
  expect(recap.status).toBe(200);
  const res = await client.post('/api/payments', { invoiceIds, totalCents: recap.body.totalCents });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const opId = new URL(res.body.redirectUrl).pathname.split('/').pop()!;
  return { payment: res.body.payment, redirectUrl: res.body.redirectUrl as string, opId };
}

/** The family's browser on the simulated bank: its choice, then back to the portal (no session, no CSRF). */
async function bankChoice(opId: string, choice: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/demo-bank/${opId}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
    payload: `choice=${choice}`,
  });
  return res;
}

async function backToPortal(returnUrl: string) {
  return t.app.inject({ method: 'GET', url: returnUrl.replace(PUBLIC_URL, '') });
}

async function notifyDemo(opId: string, form = true) {
  return t.app.inject({
    method: 'POST',
    url: '/api/payments/notify/demo',
    headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
    payload: form ? `idop=${encodeURIComponent(opId)}` : JSON.stringify({ idOp: opId }),
  });
}

async function bankSendsNotification() {
  t.clock.advance(t.ctx.config.payment.demoBankDelayMs + 1000);
  return deliverDemoNotifications(t.ctx);
}

describe('demo provider: the family pays several invoices (§6.3)', () => {
  let f: Awaited<ReturnType<typeof familyWithInvoices>>;
  let started: Awaited<ReturnType<typeof start>>;

  beforeAll(async () => {
    f = await familyWithInvoices([4250, 1875]);
  });

  it('shows a recap with each invoice number and the amount to be debited', async () => {
    const recap = await f.client.post('/api/payments/recap', { invoiceIds: f.invoices.map((i) => i.id) });
    expect(recap.status).toBe(200);
    expect(recap.body).toEqual({
      lines: f.invoices.map((i) => ({ invoiceId: i.id, number: i.number, amountCents: i.totalCents })),
      totalCents: 6125,
    });
  });

  it('refuses to start when the amount differs from the recap', async () => {
    const res = await f.client.post('/api/payments', { invoiceIds: f.invoices.map((i) => i.id), totalCents: 100 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('payment.amount_changed');
  });

  it('sends the family to the simulated bank page, labelled as a simulation, without any card field', async () => {
    started = await start(f.client, f.invoices.map((i) => i.id));
    expect(started.redirectUrl).toMatch(new RegExp(`^${PUBLIC_URL}/demo-bank/[A-Za-z0-9_-]{24}$`));
    expect(started.payment).toMatchObject({ status: 'pending', provider: 'demo', amountCents: 6125 });
    const page = await t.app.inject({ method: 'GET', url: `/demo-bank/${started.opId}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const html = page.body;
    expect(html).toContain('<html lang="fr">');
    expect(html.match(/SIMULATION — aucun paiement réel/g)!.length).toBeGreaterThanOrEqual(3);
    expect(html).toContain('61,25');
    for (const v of ['accepted', 'refused', 'abandoned']) expect(html).toContain(`value="${v}"`);
    expect(html).toMatch(/paiement accepté/i);
    expect(html).toMatch(/paiement refusé/i);
    expect(html).toMatch(/abandon/i);
    expect(html).not.toMatch(/<input/i); // no card number, no expiry, no CVV: nothing to type
    // in the visitor's language (lang cookie)
    const english = (await t.app.inject({ method: 'GET', url: `/demo-bank/${started.opId}`, headers: { cookie: 'lang=en' } })).body;
    expect(english).toContain('<html lang="en">');
    expect(english.match(/SIMULATION — no real payment/g)!.length).toBeGreaterThanOrEqual(3);
    expect(english).toContain('€61.25');
    expect(english).toContain('>Simulate an accepted payment</button>');
    expect(english).not.toMatch(/paiement/i);
    expect(page.headers['content-security-policy']).toContain("form-action 'self'");
  });

  it('comes back « en attente de validation par la banque », then the notification marks both invoices paid', async () => {
    const choice = await bankChoice(started.opId, 'accepted');
    expect(choice.statusCode).toBe(303);
    const returnUrl = String(choice.headers.location);
    expect(returnUrl).toBe(`${PUBLIC_URL}/api/payments/return/${started.payment.id}`);
    const back = await backToPortal(returnUrl);
    expect(back.statusCode).toBe(303);
    expect(back.headers.location).toBe(`/paiements/${started.payment.id}`);
    expect((await f.client.get(`/api/payments/${started.payment.id}`)).body.status).toBe('pending');
    for (const inv of f.invoices) expect((await invoiceBalance(t, inv.id)).paid).toBe(0);

    expect(await bankSendsNotification()).toBe(1);
    const view = await f.client.get(`/api/payments/${started.payment.id}`);
    expect(view.body).toMatchObject({ status: 'paid', amountCents: 6125 });
    expect(view.body.settledAt).not.toBeNull();
    for (const inv of f.invoices) expect(await invoiceBalance(t, inv.id)).toEqual({ paid: inv.totalCents, total: inv.totalCents });
    const ledger = await onlineLedger(t, f.family.familyId);
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ amount_cents: 6125, allocated_cents: 6125, method: 'online' });
    const receipts = await receiptsTo(t, f.family.email);
    expect(receipts).toHaveLength(1);
    expect(receipts[0]!.text_body).toContain('61,25');
    for (const inv of f.invoices) expect(receipts[0]!.text_body).toContain(inv.number);
    expect((await f.client.get('/api/payments')).body.map((p: { id: string }) => p.id)).toContain(started.payment.id);
  });

  it('a notification replayed 5 times, or the browser coming back again, pays exactly once and sends one receipt', async () => {
    await Promise.all([1, 2, 3, 4, 5].map((i) => notifyDemo(started.opId, i % 2 === 0)));
    for (let i = 0; i < 5; i++) expect((await notifyDemo(started.opId)).statusCode).toBe(200);
    await backToPortal(`/api/payments/return/${started.payment.id}`);
    await pollPendingPayments(t.ctx);
    expect(await onlineLedger(t, f.family.familyId)).toHaveLength(1);
    expect(await receiptsTo(t, f.family.email)).toHaveLength(1);
    for (const inv of f.invoices) expect((await invoiceBalance(t, inv.id)).paid).toBe(inv.totalCents);
  });

  it('the bank page cannot be answered twice', async () => {
    await bankChoice(started.opId, 'refused');
    await bankSendsNotification();
    await notifyDemo(started.opId);
    expect((await f.client.get(`/api/payments/${started.payment.id}`)).body.status).toBe('paid');
    const page = await t.app.inject({ method: 'GET', url: `/demo-bank/${started.opId}` });
    expect(page.body).toContain('Opération terminée');
  });
});

describe('demo provider: refusal, abandonment, expiry', () => {
  it('a refusal leaves the invoice unpaid, sends no receipt, and the invoice can be paid again', async () => {
    const f = await familyWithInvoices([3000]);
    const s = await start(f.client, [f.invoices[0]!.id]);
    await bankChoice(s.opId, 'refused');
    await bankSendsNotification();
    expect((await f.client.get(`/api/payments/${s.payment.id}`)).body.status).toBe('refused');
    expect((await invoiceBalance(t, f.invoices[0]!.id)).paid).toBe(0);
    expect(await receiptsTo(t, f.family.email)).toHaveLength(0);
    expect(await onlineLedger(t, f.family.familyId)).toHaveLength(0);
    const again = await start(f.client, [f.invoices[0]!.id]);
    expect(again.payment.status).toBe('pending');
  });

  it('an abandonment is recorded as such', async () => {
    const f = await familyWithInvoices([3000]);
    const s = await start(f.client, [f.invoices[0]!.id]);
    await bankChoice(s.opId, 'abandoned');
    await bankSendsNotification();
    expect((await f.client.get(`/api/payments/${s.payment.id}`)).body.status).toBe('abandoned');
    expect((await invoiceBalance(t, f.invoices[0]!.id)).paid).toBe(0);
  });

  it('a payment the family never completes is asked about by the job, then given up after 20 minutes', async () => {
    const f = await familyWithInvoices([3000]);
    const s = await start(f.client, [f.invoices[0]!.id]);
    t.clock.advance(60_000);
    expect(await pollPendingPayments(t.ctx)).toBeGreaterThanOrEqual(1);
    expect((await f.client.get(`/api/payments/${s.payment.id}`)).body.status).toBe('pending');
    t.clock.advance(20 * 60_000);
    await pollPendingPayments(t.ctx);
    expect((await f.client.get(`/api/payments/${s.payment.id}`)).body.status).toBe('expired');
  });
});

describe('demo provider: nothing but the provider decides', () => {
  it('ignores the browser’s return parameters', async () => {
    const f = await familyWithInvoices([2000]);
    const s = await start(f.client, [f.invoices[0]!.id]);
    const forged = await t.app.inject({
      method: 'POST',
      url: `/api/payments/return/${s.payment.id}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `idop=${s.opId}&resultrans=P&montant=2000&status=paid`,
    });
    expect(forged.statusCode).toBe(303);
    t.clock.advance(10_000);
    await notifyDemo(s.opId);
    expect((await f.client.get(`/api/payments/${s.payment.id}`)).body.status).toBe('pending');
    expect((await invoiceBalance(t, f.invoices[0]!.id)).paid).toBe(0);
  });

  it('a forged notification (unknown operation, other provider, malformed) changes nothing and is logged without the identifier', async () => {
    const f = await familyWithInvoices([2000]);
    const s = await start(f.client, [f.invoices[0]!.id]);
    const forgedId = 'Zm9yZ2VkLW9wZXJhdGlvbi1pZA';
    const before = t.logs.length;
    expect((await notifyDemo(forgedId)).statusCode).toBe(200);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/payments/notify/payfip', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `idop=${s.opId}` })).statusCode,
    ).toBe(200);
    expect((await notifyDemo('<script>')).statusCode).toBe(200);
    const logs = t.logs.slice(before).join('\n');
    expect(logs).toContain('unknown operation');
    expect(logs).toContain('not for the configured provider or malformed');
    expect(logs).not.toContain(forgedId);
    expect(logs).not.toContain(s.opId);
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'payment.notification_rejected').execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
    expect((await f.client.get(`/api/payments/${s.payment.id}`)).body.status).toBe('pending');
  });

  it('an amount that differs from what was asked changes nothing and is logged', async () => {
    const f = await familyWithInvoices([2000]);
    const s = await start(f.client, [f.invoices[0]!.id]);
    await bankChoice(s.opId, 'accepted');
    await t.ctx.db.updateTable('demo_bank_operation').set({ amount_cents: 200 }).where('op_id', '=', s.opId).execute();
    await bankSendsNotification();
    expect((await f.client.get(`/api/payments/${s.payment.id}`)).body.status).toBe('pending');
    expect((await invoiceBalance(t, f.invoices[0]!.id)).paid).toBe(0);
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'payment.mismatch').where('target_id', '=', s.payment.id).execute();
    expect(audit.length).toBeGreaterThanOrEqual(1); // once per answer read: the notification, then the page
    expect(JSON.parse(audit[0]!.details!)).toMatchObject({ askedCents: 2000, answeredCents: 200 });
    expect(t.logs.join('\n')).toContain('payment result does not match the order');
  });

  it('another family’s invoice cannot be paid (same answer as a missing one)', async () => {
    const owner = await familyWithInvoices([2000]);
    const other = await familyWithInvoices([1000]);
    const foreign = await other.client.post('/api/payments/recap', { invoiceIds: [owner.invoices[0]!.id] });
    const missing = await other.client.post('/api/payments/recap', { invoiceIds: [999_999_999] });
    expect(foreign.status).toBe(409);
    expect(foreign.body).toEqual(missing.body);
    expect(foreign.body.error.code).toBe('payment.invoice_not_payable');
  });
});

describe('demo provider: two payments of the same invoice', () => {
  it('started in parallel, only one goes to the bank; the other is refused', async () => {
    const f = await familyWithInvoices([5000]);
    const id = f.invoices[0]!.id;
    const [a, b] = await Promise.all([
      f.client.post('/api/payments', { invoiceIds: [id], totalCents: 5000 }),
      (await loginAs(t, f.family.accountId)).post('/api/payments', { invoiceIds: [id], totalCents: 5000 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect([a, b].find((r) => r.status === 409)!.body.error.code).toBe('payment.in_progress');
  });

  it('money taken for a payment given up becomes a visible credit, never a second payment of the invoice', async () => {
    const f = await familyWithInvoices([5000]);
    const id = f.invoices[0]!.id;
    const first = await start(f.client, [id]);
    t.clock.advance(21 * 60_000);
    await pollPendingPayments(t.ctx);
    expect((await f.client.get(`/api/payments/${first.payment.id}`)).body.status).toBe('expired');
    const second = await start(f.client, [id]);
    await bankChoice(second.opId, 'accepted');
    await bankSendsNotification();
    expect((await f.client.get(`/api/payments/${second.payment.id}`)).body.status).toBe('paid');
    // the first bank page was still open: the family pays there too, and the bank notifies
    await bankChoice(first.opId, 'accepted');
    await bankSendsNotification();
    expect((await f.client.get(`/api/payments/${first.payment.id}`)).body.status).toBe('paid');
    expect(await invoiceBalance(t, id)).toEqual({ paid: 5000, total: 5000 });
    expect(await creditOf(t.ctx.db, f.family.familyId)).toBe(5000);
    const receipts = await receiptsTo(t, f.family.email);
    expect(receipts).toHaveLength(2);
    expect(receipts.some((r) => r.text_body.includes('reste à votre crédit'))).toBe(true);
  });
});

describe('demo provider: one collection office per payment', () => {
  it('refuses invoices of two offices in one payment (one PayFiP client number per office)', async () => {
    const f = await familyWithInvoices([1000]);
    const other = await publishedInvoices(t, f.family, [2000]);
    expect(other.officeId).not.toBe(f.officeId);
    const res = await f.client.post('/api/payments/recap', { invoiceIds: [f.invoices[0]!.id, other.invoices[0]!.id] });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('payment.mixed_offices');
    expect(res.body.error.message).toMatch(/régies différentes/);
  });
});
