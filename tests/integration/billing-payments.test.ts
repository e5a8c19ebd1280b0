import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { loginAs } from '../support/login.js';
import { bookDirect, createBillingFixture, familyWith, runMonth, type BillingFixture } from './billing-support.js';
import { applyPayment, unpaidInvoicesOf } from '../../src/server/modules/billing/billing.payments.js';
import { writeTransaction } from '../../src/server/db/write.js';
import type { FamilyFixture } from '../support/factories.js';

const START = '2026-10-05T08:00:00Z';
let t: TestApp;
let b: BillingFixture;
let A: { family: FamilyFixture; childIds: string[] };
let B: { family: FamilyFixture; childIds: string[] };
let invA: { id: number; number: string };
let invB: { id: number; number: string };

beforeAll(async () => {
  t = await createTestApp({ clockStart: START });
  b = await createBillingFixture(t, 'R02');
  A = await familyWith(t, { quotient: 900, lastName: 'Aubert', children: [{ firstName: 'Léo', birthDate: '2016-04-01' }] });
  B = await familyWith(t, { quotient: 900, lastName: 'Bernard', children: [{ firstName: 'Zoé', birthDate: '2016-04-01' }] });
  // 4 days × 4,55 € = 18,20 € each
  for (const f of [A, B])
    for (const day of ['2026-09-07', '2026-09-08', '2026-09-09', '2026-09-10'])
      await bookDirect(t, { family: f.family, childId: f.childIds[0], activity: b.activity, unitId: b.activity.units.matin, day, bookedAt: '2026-08-01T10:00:00Z' });
  const run = await runMonth(b.agent, b.officeId, '2026-09');
  const pub = await b.agent.post(`/api/staff/billing/runs/${run.body.id}/publish`);
  invA = pub.body.invoices.find((i: any) => i.familyId === A.family.familyId);
  invB = pub.body.invoices.find((i: any) => i.familyId === B.family.familyId);
});
afterAll(async () => {
  await t.close();
});

const detail = async (id: number) => (await b.agent.get(`/api/staff/billing/invoices/${id}`)).body;

describe('manual payments and allocation', () => {
  it('records a cheque allocated in part: the invoice is partly paid', async () => {
    const r = await b.agent.post('/api/staff/billing/payments', {
      familyId: A.family.familyId,
      method: 'cheque',
      amountCents: 1000,
      reference: 'CHQ 1234567',
      receivedOn: '2026-10-05',
      allocations: [{ invoiceId: invA.id, amountCents: 1000 }],
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ method: 'cheque', amountCents: 1000, allocatedCents: 1000, unallocatedCents: 0 });
    expect(r.body.allocations).toEqual([{ invoiceId: invA.id, invoiceNumber: invA.number, amountCents: 1000 }]);
    expect(await detail(invA.id)).toMatchObject({ paidCents: 1000, balanceCents: 820, state: 'partly_paid' });
  });

  it('refuses to allocate more than what remains due, or more than the payment, and saves nothing', async () => {
    const before = await t.ctx.db.selectFrom('payment').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const tooMuch = await b.agent.post('/api/staff/billing/payments', {
      familyId: A.family.familyId, method: 'cash', amountCents: 5000, reference: null, receivedOn: '2026-10-05',
      allocations: [{ invoiceId: invA.id, amountCents: 821 }],
    });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error.fields[0].code).toBe('billing.allocation_too_large');
    const overPayment = await b.agent.post('/api/staff/billing/payments', {
      familyId: A.family.familyId, method: 'cash', amountCents: 100, reference: null, receivedOn: '2026-10-05',
      allocations: [{ invoiceId: invA.id, amountCents: 200 }],
    });
    expect(overPayment.status).toBe(400);
    expect(overPayment.body.error.fields[0].code).toBe('billing.allocation_exceeds_payment');
    const otherFamily = await b.agent.post('/api/staff/billing/payments', {
      familyId: A.family.familyId, method: 'cash', amountCents: 100, reference: null, receivedOn: '2026-10-05',
      allocations: [{ invoiceId: invB.id, amountCents: 100 }],
    });
    expect(otherFamily.status).toBe(400);
    expect(otherFamily.body.error.fields[0].code).toBe('billing.invoice_other_family');
    const after = await t.ctx.db.selectFrom('payment').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect((await detail(invA.id)).paidCents).toBe(1000);
  });

  it('keeps what is not allocated as the family’s credit, shown in its balance', async () => {
    const r = await b.agent.post('/api/staff/billing/payments', {
      familyId: A.family.familyId, method: 'cesu', amountCents: 1000, reference: 'CESU 42', receivedOn: '2026-10-05',
      allocations: [{ invoiceId: invA.id, amountCents: 820 }],
    });
    expect(r.status).toBe(201);
    expect(r.body.unallocatedCents).toBe(180);
    expect(await detail(invA.id)).toMatchObject({ paidCents: 1820, balanceCents: 0, state: 'paid' });
    const fam = await loginAs(t, A.family.accountId);
    const mine = await fam.get('/api/billing/account');
    expect(mine.body).toMatchObject({ outstandingCents: 0, creditCents: 180 });
    expect(mine.body.payments.map((p: any) => p.method).sort()).toEqual(['cesu', 'cheque']);
    expect((await fam.get('/api/billing/unpaid')).body).toEqual([]);
  });

  it('lists the ledger, the balances and exports the payments as CSV', async () => {
    const ledger = await b.agent.get(`/api/staff/billing/payments?familyId=${A.family.familyId}`);
    expect(ledger.body.map((p: any) => p.amountCents)).toEqual([1000, 1000]);
    const balances = await b.agent.get('/api/staff/billing/balances');
    expect(balances.body.find((x: any) => x.familyId === A.family.familyId)).toMatchObject({ outstandingCents: 0, creditCents: 180 });
    expect(balances.body.find((x: any) => x.familyId === B.family.familyId)).toMatchObject({ outstandingCents: 1820, overdueCents: 0 });
    const csv = await b.agent.get('/api/staff/billing/payments.csv?from=2026-10-01&to=2026-10-31');
    expect(String(csv.body)).toContain('"CESU 42"');
    expect(String(csv.body)).toContain('"Chèque"');
    expect(String(csv.body)).toContain('"N° règlement";"Reçu le"');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="reglements.csv"');
    // an agent reading the portal in English gets an English export (headings, methods, decimal point, commas)
    b.agent.setCookie('lang', 'en');
    const english = await b.agent.get('/api/staff/billing/payments.csv?from=2026-10-01&to=2026-10-31');
    b.agent.setCookie('lang', 'fr');
    expect(english.headers['content-disposition']).toBe('attachment; filename="payments.csv"');
    expect(String(english.body)).toContain('"Payment no.","Received on","Family","Method"');
    expect(String(english.body)).toContain('"Cheque"');
    expect(String(english.body)).not.toContain('Chèque');
  });
});

describe('credit notes', () => {
  it('corrects a published invoice without editing it; a paid amount beyond the new net becomes a credit', async () => {
    const r = await b.agent.post(`/api/staff/billing/invoices/${invA.id}/credit-notes`, { amountCents: 455, reason: 'Journée du 10/09 annulée par la ville' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ number: 'R02-AV-2026-000001', amountCents: 455, invoiceNumber: invA.number });
    const d = await detail(invA.id);
    expect(d).toMatchObject({ totalCents: 1820, creditedCents: 455, paidCents: 1365, balanceCents: 0, state: 'paid' });
    expect(d.lines.reduce((s: number, l: any) => s + l.amountCents, 0)).toBe(1820); // lines untouched
    const fam = await loginAs(t, A.family.accountId);
    expect((await fam.get('/api/billing/account')).body.creditCents).toBe(180 + 455);
  });

  it('refuses a credit note larger than what the invoice still asks, and numbers credit notes without gaps', async () => {
    const tooLarge = await b.agent.post(`/api/staff/billing/invoices/${invB.id}/credit-notes`, { amountCents: 1821, reason: 'x' });
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body.error.fields[0].code).toBe('billing.credit_too_large');
    const whole = await b.agent.post(`/api/staff/billing/invoices/${invB.id}/credit-notes`, { amountCents: 1820, reason: 'Facture annulée' });
    expect(whole.body.number).toBe('R02-AV-2026-000002');
    expect(await detail(invB.id)).toMatchObject({ balanceCents: 0, state: 'credited' });
    const again = await b.agent.post(`/api/staff/billing/invoices/${invB.id}/credit-notes`, { amountCents: 1, reason: 'x' });
    expect(again.status).toBe(400);
  });
});

describe('paid ≤ total', () => {
  it('is enforced by the database itself', async () => {
    await expect(
      t.ctx.db.updateTable('invoice').set({ paid_cents: 999_999 }).where('id', '=', invB.id).execute(),
    ).rejects.toThrow();
    await expect(t.ctx.db.updateTable('payment').set({ allocated_cents: 999_999 }).where('family_id', '=', A.family.familyId).execute()).rejects.toThrow();
  });

  it('two full payments of the same invoice at once: one pays it, the other becomes a visible credit', async () => {
    const C = await familyWith(t, { quotient: 900, lastName: 'Carré', children: [{ firstName: 'Ana', birthDate: '2016-01-01' }] });
    const run = await t.ctx.db.selectFrom('invoicing_run').select('id').where('office_id', '=', b.officeId).executeTakeFirstOrThrow();
    const inv = await t.ctx.db
      .insertInto('invoice')
      .values({ run_id: run.id, office_id: b.officeId, family_id: C.family.familyId, month: '2026-09', state: 'published', year: 2026, number: 900, reference: 'R02-2026-000900', issued_on: '2026-10-05', due_on: '2026-11-04', total_cents: 2500, family_name: 'CARRÉ', payer: '{"name":"C","addressLines":[],"email":null}', quotient: 900, resident: 1, created_at: START })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await unpaidInvoicesOf(t.ctx, C.family.familyId)).toEqual([expect.objectContaining({ id: inv.id, balanceCents: 2500 })]);
    const pay = (ref: string) =>
      writeTransaction(t.ctx, (trx) =>
        applyPayment(trx, t.ctx, { familyId: C.family.familyId, allocations: [{ invoiceId: inv.id, amountCents: 2500 }], method: 'online', reference: ref }),
      );
    const results = await Promise.all([pay('TX-1'), pay('TX-2'), pay('TX-3')]);
    expect(results.map((r) => r.applied[0].amountCents).sort((x, y) => x - y)).toEqual([0, 0, 2500]);
    expect(results.map((r) => r.creditCents).sort((x, y) => x - y)).toEqual([0, 2500, 2500]);
    const row = await t.ctx.db.selectFrom('invoice').select(['paid_cents']).where('id', '=', inv.id).executeTakeFirstOrThrow();
    expect(row.paid_cents).toBe(2500);
    expect(await unpaidInvoicesOf(t.ctx, C.family.familyId)).toEqual([]);
    const fam = await loginAs(t, C.family.accountId);
    expect((await fam.get('/api/billing/account')).body.creditCents).toBe(5000);
  });

  it('refuses an invoice of another family inside applyPayment', async () => {
    await expect(
      writeTransaction(t.ctx, (trx) => applyPayment(trx, t.ctx, { familyId: B.family.familyId, allocations: [{ invoiceId: invA.id, amountCents: 1 }], method: 'online', reference: 'x' })),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('data protection', () => {
  it('exports the family’s invoices and payments; on closure keeps published invoices and payments (10 years), erases drafts', async () => {
    const { privacyParticipants } = await import('../../src/server/modules/privacy/privacy.registry.js');
    const billing = privacyParticipants().find((p) => p.name === 'billing')!;
    expect(billing).toBeTruthy();
    const exported = await billing.exportRows!(t.ctx.db, t.ctx, A.family.familyId);
    expect(exported.invoices.map((i) => i.reference)).toEqual([invA.number]);
    expect(exported.payments).toHaveLength(2);
    expect(exported.credit_notes).toHaveLength(1);
    const report = await t.ctx.db.transaction().execute((trx) => billing.erase(trx, t.ctx, A.family.familyId));
    expect(report.kept.map((k) => [k.table, k.rows])).toEqual([['invoice', 1], ['payment', 2]]);
    expect(await t.ctx.db.selectFrom('invoice').select('reference').where('family_id', '=', A.family.familyId).execute()).toEqual([{ reference: invA.number }]);
  });
});
