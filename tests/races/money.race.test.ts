/**
 * Money under concurrent callers (issue 13 and the payment items of issue 17), on SQLite and on PostgreSQL
 * (TEST_DATABASE_URL): a debit batch built by two agents at once, two agents using the same credit, refunds racing
 * an allocation, one-off invoices numbered in parallel, a bank return imported twice at once, and the family
 * abandoning a payment while the bank's late notification says it was paid. Each scenario ends with invariants
 * read in SQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff, type FamilyFixture } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { publishedInvoices } from '../integration/payment-support.js';
import { raceCounter, raceRuns } from './harness.js';
import { bankChoice, notifyDemo, opIdOf } from './billing-support.js';
import { deliverDemoNotifications } from '../../src/server/modules/payment/payment.service.js';

const ICS = 'FR72ZZZ123456';
let t: TestApp;
let agents: TestClient[];
let admin: TestClient;
const count = raceCounter('money');

beforeAll(async () => {
  t = await createTestApp({ clockStart: '2026-11-02T09:00:00Z' });
  agents = [];
  for (let i = 0; i < 3; i++) agents.push(await loginAs(t, (await createStaff(t.ctx, { role: 'agent' })).accountId));
  admin = await loginAs(t, (await createStaff(t.ctx, { role: 'admin' })).accountId);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

async function ledgerInvariants() {
  const db = t.ctx.db;
  const invoices = await db
    .selectFrom('invoice as i')
    .select(['i.id', 'i.total_cents', 'i.paid_cents', 'i.credited_cents'])
    .select((eb) => eb.selectFrom('payment_allocation as pa').select((e) => e.fn.sum<number>('pa.amount_cents').as('s')).whereRef('pa.invoice_id', '=', 'i.id').as('allocated'))
    .execute();
  count.check(invoices.filter((i) => i.paid_cents < 0 || i.paid_cents + i.credited_cents > i.total_cents), 'paid + credited ≤ total').toEqual([]);
  count.check(invoices.filter((i) => Number(i.allocated ?? 0) !== i.paid_cents), 'paid = Σ allocations').toEqual([]);
  const payments = await db
    .selectFrom('payment as p')
    .select(['p.id', 'p.family_id', 'p.amount_cents', 'p.allocated_cents'])
    .select((eb) => eb.selectFrom('payment_allocation as pa').select((e) => e.fn.sum<number>('pa.amount_cents').as('s')).whereRef('pa.payment_id', '=', 'p.id').as('allocs'))
    .execute();
  count.check(payments.filter((p) => Number(p.allocs ?? 0) !== p.allocated_cents || p.allocated_cents > p.amount_cents || p.allocated_cents < 0), 'allocated = Σ allocations ≤ amount').toEqual([]);
  // a family's credit is never negative: refunds and bank returns within what was received and not used
  const refunds = await db.selectFrom('refund').select((eb) => ['family_id', eb.fn.sum<number>('amount_cents').as('r')]).groupBy('family_id').execute();
  for (const r of refunds) {
    const credit = payments.filter((p) => p.family_id === r.family_id).reduce((s, p) => s + p.amount_cents - p.allocated_cents, 0) - Number(r.r);
    count.check(credit, `credit of ${r.family_id} ≥ 0`).toBeGreaterThanOrEqual(0);
  }
}

async function officeWithSettings(family: FamilyFixture, amounts: number[]) {
  const res = await publishedInvoices(t, family, amounts);
  const r = await admin.put(`/api/staff/money/offices/${res.officeId}/settings`, {
    creditorId: ICS,
    creditorName: 'Régie',
    creditorIban: 'FR1420041010050500013M02606',
    creditorBic: 'PSSTFRPPLIL',
    prenotificationDays: 14,
    reminderSteps: [],
    debtMinCents: null,
    debtMinAgeDays: null,
    autoAllocateCredit: false,
  });
  expect(r.status).toBe(200);
  return res;
}

describe('money races', () => {
  it('a batch built by several agents at once is one batch; each invoice debited once', async () => {
    for (let round = 0; round < raceRuns(3); round++) {
      const families = await Promise.all([0, 1, 2].map(() => createFamily(t.ctx, { status: 'active' })));
      const { officeId } = await officeWithSettings(families[0]!, [3000]);
      for (const f of families.slice(1)) await publishedInvoices(t, f, [2000, 1000], officeId);
      for (const f of families) {
        const c = await loginAs(t, f.accountId);
        const m = await c.post('/api/money/mandates', { officeId, holderName: 'Parent Test', iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP', signedPlace: 'Comines', consent: true });
        expect(m.status).toBe(201);
        expect((await agents[0]!.post(`/api/staff/money/mandates/${m.body.id}/activate`, {})).status).toBe(200);
      }
      const runId = (await t.ctx.db.selectFrom('invoicing_run').select('id').where('office_id', '=', officeId).executeTakeFirstOrThrow()).id;
      const answers = await Promise.all([...agents, ...agents].map((a) => a.post('/api/staff/money/batches', { runId })));
      count.op(answers.length);
      for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBe(200);
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
      const batches = await t.ctx.db.selectFrom('sepa_batch').select(['id', 'tx_count', 'control_sum_cents']).where('run_id', '=', runId).execute();
      count.check(batches.length, 'one batch per run').toBe(1);
      count.check(batches[0]!.tx_count).toBe(5);
      count.check(batches[0]!.control_sum_cents).toBe(9000);
      const debits = await t.ctx.db.selectFrom('payment').select(['reference']).where('method', '=', 'direct_debit').where('reference', 'like', `PF-${runId}-%`).execute();
      count.check(debits.length, 'one debit per invoice').toBe(5);
      await ledgerInvariants();
    }
  }, 120_000);

  it('two agents using the same credit at once spend it once; a refund racing them too', async () => {
    for (let round = 0; round < raceRuns(4); round++) {
      const family = await createFamily(t.ctx, { status: 'active' });
      const { invoices } = await publishedInvoices(t, family, [1000, 1000, 1000]);
      // 1500 of credit
      const pay = await agents[0]!.post('/api/staff/billing/payments', { familyId: family.familyId, method: 'transfer', amountCents: 1500, reference: null, receivedOn: '2026-11-02', allocations: [] });
      expect(pay.status).toBe(201);
      const answers = await Promise.all([
        agents[0]!.post('/api/staff/money/credit-allocations', { familyId: family.familyId, invoiceId: invoices[0]!.id, amountCents: 1000 }),
        agents[1]!.post('/api/staff/money/credit-allocations', { familyId: family.familyId, invoiceId: invoices[1]!.id, amountCents: 1000 }),
        agents[2]!.post('/api/staff/money/credit-allocations', { familyId: family.familyId, invoiceId: invoices[0]!.id, amountCents: 1000 }),
        agents[2]!.post('/api/staff/money/refunds', { familyId: family.familyId, amountCents: 1000, method: 'transfer' }),
      ]);
      count.op(answers.length);
      for (const a of answers) expect([200, 201, 409]).toContain(a.status);
      const used = answers.slice(0, 3).filter((a) => a.status === 200).reduce((s, a) => s + a.body.allocatedCents, 0);
      const refunded = answers[3]!.status === 201 ? 1000 : 0;
      count.check(used + refunded, 'credit spent at most once').toBeLessThanOrEqual(1500);
      const paid = await t.ctx.db.selectFrom('invoice').select((eb) => eb.fn.sum<number>('paid_cents').as('p')).where('family_id', '=', family.familyId).executeTakeFirst();
      count.check(Number(paid?.p), 'what the invoices received is what the agents were told').toBe(used);
      await ledgerInvariants();
    }
  }, 120_000);

  it('one-off invoices made at once take consecutive numbers, no gap, no reuse', async () => {
    const family = await createFamily(t.ctx, { status: 'active' });
    const { officeId } = await publishedInvoices(t, family, []);
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => agents[i % 3]!.post('/api/staff/money/invoices', { officeId, familyId: family.familyId, lines: [{ label: `Frais ${i}`, quantity: 1, unitPriceCents: 100 + i }] })),
    );
    count.op(answers.length);
    for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBe(201);
    const numbers = (await t.ctx.db.selectFrom('invoice').select('number').where('office_id', '=', officeId).where('state', '=', 'published').execute()).map((r) => r.number!).sort((a, b) => a - b);
    count.check(numbers, 'gap-free').toEqual(numbers.map((_, i) => numbers[0]! + i));
    count.check(new Set(numbers).size).toBe(12);
  }, 60_000);

  it('a bank return imported twice at once rejects each transaction once', async () => {
    const family = await createFamily(t.ctx, { status: 'active' });
    const { officeId, invoices } = await officeWithSettings(family, [2500]);
    const c = await loginAs(t, family.accountId);
    const m = await c.post('/api/money/mandates', { officeId, holderName: 'Parent Test', iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP', signedPlace: 'Comines', consent: true });
    await agents[0]!.post(`/api/staff/money/mandates/${m.body.id}/activate`, {});
    const runId = (await t.ctx.db.selectFrom('invoicing_run').select('id').where('office_id', '=', officeId).executeTakeFirstOrThrow()).id;
    const batch = await agents[0]!.post('/api/staff/money/batches', { runId });
    const csv = `${batch.body.items[0].endToEndId};AM04;5,00\n`;
    const answers = await Promise.all(agents.map((a) => a.post('/api/staff/money/returns', { content: csv })));
    count.op(answers.length);
    count.check(answers.reduce((s, a) => s + a.body.rejected.length, 0), 'rejected once').toBe(1);
    const inv = await t.ctx.db.selectFrom('invoice').select('paid_cents').where('id', '=', invoices[0]!.id).executeTakeFirstOrThrow();
    count.check(inv.paid_cents, 'the invoice is due again').toBe(0);
    const fees = await t.ctx.db.selectFrom('invoice_line').select('id').where('computation', 'like', 'debit-return%').where('amount_cents', '=', 500).execute();
    count.check(fees.length, 'one fee invoice').toBe(1);
    await ledgerInvariants();
  }, 60_000);

  it('the family abandoning a payment while the bank says it was paid: one outcome, the money recorded once', async () => {
    for (let round = 0; round < raceRuns(4); round++) {
      const family = await createFamily(t.ctx, { status: 'active' });
      const client = await loginAs(t, family.accountId);
      const other = await loginAs(t, family.accountId);
      const { invoices } = await publishedInvoices(t, family, [1500]);
      const started = await client.post('/api/payments', { invoiceIds: [invoices[0]!.id], totalCents: 1500 });
      expect(started.status).toBe(201);
      const opId = opIdOf(started.body.redirectUrl);
      await bankChoice(t, opId, 'accepted');
      t.clock.advance(t.ctx.config.payment.demoBankDelayMs + 1000);
      const [abandon, abandon2] = await Promise.all([
        client.post(`/api/payments/${started.body.payment.id}/abandon`, {}),
        other.post(`/api/payments/${started.body.payment.id}/abandon`, {}),
        notifyDemo(t, opId),
        deliverDemoNotifications(t.ctx),
      ]);
      count.op(4);
      expect([200, 409]).toContain(abandon.status);
      expect([200, 409]).toContain(abandon2.status);
      // whatever came first, the bank's « paid » is recorded (a late one after the abandon too)
      await notifyDemo(t, opId);
      const p = await t.ctx.db.selectFrom('online_payment').select(['status']).where('id', '=', started.body.payment.id).executeTakeFirstOrThrow();
      count.check(p.status, 'the bank’s word wins').toBe('paid');
      const ledger = await t.ctx.db.selectFrom('payment').select('id').where('family_id', '=', family.familyId).where('method', '=', 'online').execute();
      count.check(ledger.length, 'recorded once').toBe(1);
      const inv = await t.ctx.db.selectFrom('invoice').select('paid_cents').where('id', '=', invoices[0]!.id).executeTakeFirstOrThrow();
      count.check(inv.paid_cents).toBe(1500);
      await ledgerInvariants();
    }
  }, 120_000);
});
