/**
 * Support of the billing and payment race tests: fast fixtures written in bulk, the provider's and the bank's
 * requests over HTTP, a ledger of what the server acknowledged, and the invariants checked in SQL afterwards.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { sql } from 'kysely';
import { PUBLIC_URL, type Res, type TestApp, type TestClient } from '../support/app.js';
import type { ActivityFixture } from '../integration/booking-support.js';
import { MESSAGES_FR, messageFor } from '../../src/shared/errors.js';
import { RaceCounter } from './harness.js';

let ipSeq = 0;
/** Each provider or browser call from its own address: the per-IP limits of the public routes stay out of the way. */
const nextIp = () => `172.16.${Math.floor(ipSeq / 250) % 250}.${(ipSeq++ % 250) + 1}`;

export async function bankChoice(t: TestApp, opId: string, choice: 'accepted' | 'refused' | 'abandoned') {
  return t.app.inject({
    method: 'POST',
    url: `/demo-bank/${opId}`,
    remoteAddress: nextIp(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
    payload: `choice=${choice}`,
  });
}

export async function notifyDemo(t: TestApp, opId: string, form = true) {
  return t.app.inject({
    method: 'POST',
    url: '/api/payments/notify/demo',
    remoteAddress: nextIp(),
    headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
    payload: form ? `idop=${encodeURIComponent(opId)}` : JSON.stringify({ idOp: opId }),
  });
}

export async function returnFromBank(t: TestApp, paymentId: string) {
  return t.app.inject({ method: 'GET', url: `/api/payments/return/${paymentId}`, remoteAddress: nextIp() });
}

export const opIdOf = (redirectUrl: string) => new URL(redirectUrl, PUBLIC_URL).pathname.split('/').pop()!;

/** Families with one child each, booked on `days` in `unitId`: written in bulk (hundreds in a few statements). */
export async function bulkBookedFamilies(t: TestApp, activity: ActivityFixture, unitId: string, n: number, days: string[]): Promise<string[]> {
  const now = t.clock.now().toISOString();
  const ids: string[] = [];
  const batch = 100;
  for (let start = 0; start < n; start += batch) {
    const families = [];
    const guardians = [];
    const children = [];
    const bookings = [];
    for (let i = start; i < Math.min(n, start + batch); i++) {
      const familyId = randomUUID();
      const childId = randomUUID();
      ids.push(familyId);
      families.push({
        id: familyId,
        address_line1: `${i} rue des Courses`,
        address_line2: null,
        postal_code: '59560',
        city: 'Comines',
        insee_code: '59152',
        family_situation: 'married',
        benefits_regime: null,
        benefits_number: null,
        family_quotient: 900,
        payer_rank: 1,
        terms_accepted_at: now,
        created_at: now,
        updated_at: now,
      });
      guardians.push({
        id: randomUUID(),
        family_id: familyId,
        rank: 1,
        civility: 'MME' as const,
        last_name: `Course${String(i).padStart(4, '0')}`,
        first_name: 'Alice',
        birth_date: '1985-05-05',
        mobile_phone: '0612345678',
        home_phone: null,
        work_phone: null,
        email: `course${i}-${familyId.slice(0, 6)}@example.org`,
        profession: null,
        employer: null,
      });
      children.push({
        id: childId,
        family_id: familyId,
        last_name: `Course${i}`,
        first_name: 'Léo',
        sex: 'M' as const,
        birth_date: '2017-03-10',
        school: null,
        school_class: null,
        diet_item_id: null,
        diet_label: null,
        health_data: '',
        search_key: `leo course${i}`,
        created_at: now,
        updated_at: now,
      });
      for (const day of days)
        bookings.push({ family_id: familyId, child_id: childId, activity_id: activity.activityId, unit_id: unitId, day, state: 'accepted' as const, line_id: 0, cancel_line_id: null, created_at: now, updated_at: now });
    }
    await t.ctx.db.insertInto('family').values(families as never).execute();
    await t.ctx.db.insertInto('guardian').values(guardians as never).execute();
    await t.ctx.db.insertInto('child').values(children as never).execute();
    // issue 11: each child's household link (the invoicing run lists a family's children through it)
    await t.ctx.db
      .insertInto('child_household')
      .values(children.map((c) => ({ child_id: c.id, family_id: c.family_id, custody_kind: 'free' as const, custody_anchor: null, custody_weekdays: null, linked_at: now, linked_by: null, sees_other: 0 })))
      .execute();
    await t.ctx.db.insertInto('booking').values(bookings as never).execute();
  }
  return ids;
}

// ---------- what the server acknowledged ----------

export type Ack =
  | { kind: 'credit_note'; id: number; invoiceId: number; amountCents: number }
  | { kind: 'manual_payment'; id: number; amountCents: number; allocations: { invoiceId: number; amountCents: number }[] }
  | { kind: 'online_start'; paymentId: string; invoiceIds: number[]; amountCents: number }
  | { kind: 'run_published'; runId: number }
  | { kind: 'run_discarded'; runId: number };

/** Every answer of a race: 2xx acknowledged (and recorded), or a refusal with a code and a French message. */
export class Ledger {
  readonly acks: Ack[] = [];
  readonly refusals: { status: number; code: string }[] = [];

  /** `count` counts the invariant checks of checkInvariants() (and the race file's operations). */
  constructor(readonly count: RaceCounter = new RaceCounter('billing')) {}

  /** Checks the answer's shape: never a 5xx; a refusal carries a known code and its French sentence. */
  answer(res: Res, allowed: number[], codes: string[]): void {
    expect(res.status, `answer ${res.status} ${JSON.stringify(res.body)}`).toBeLessThan(500);
    if (res.status < 300) return;
    expect(allowed, `status ${res.status} ${JSON.stringify(res.body)}`).toContain(res.status);
    const err = res.body?.error;
    const field = err?.fields?.[0];
    const code = field?.code ?? err?.code;
    expect(codes, `code ${code} (${res.status})`).toContain(code);
    expect(MESSAGES_FR[code], `French sentence of ${code}`).toBeTruthy();
    expect(field ? field.message : err.message).toBe(messageFor(code, field?.path));
    this.refusals.push({ status: res.status, code });
  }

  async creditNote(agent: TestClient, invoiceId: number, amountCents: number, reason = 'Journée annulée par la ville'): Promise<Res> {
    const res = await agent.post(`/api/staff/billing/invoices/${invoiceId}/credit-notes`, { amountCents, reason });
    this.answer(res, [400, 409], ['billing.credit_too_large', 'billing.invoice_not_published']);
    if (res.status === 201) this.acks.push({ kind: 'credit_note', id: res.body.id, invoiceId, amountCents });
    return res;
  }

  async manualPayment(
    agent: TestClient,
    familyId: string,
    method: string,
    amountCents: number,
    allocations: { invoiceId: number; amountCents: number }[],
  ): Promise<Res> {
    const res = await agent.post('/api/staff/billing/payments', { familyId, method, amountCents, reference: `${method} ${randomUUID().slice(0, 8)}`, receivedOn: '2026-10-05', allocations });
    this.answer(res, [400, 409], ['billing.allocation_too_large', 'billing.allocation_exceeds_payment']);
    if (res.status === 201) this.acks.push({ kind: 'manual_payment', id: res.body.id, amountCents, allocations: res.body.allocations });
    return res;
  }

  /** The family's « Continuer »: the recap, then the start with the recap's total (a double click sends it twice). */
  async onlineStart(device: TestClient, invoiceIds: number[], totalCents?: number): Promise<Res> {
    let total = totalCents;
    if (total === undefined) {
      const recap = await device.post('/api/payments/recap', { invoiceIds });
      this.answer(recap, [409], ['payment.invoice_not_payable', 'payment.mixed_offices']);
      if (recap.status !== 200) return recap;
      total = recap.body.totalCents as number;
    }
    const res = await device.post('/api/payments', { invoiceIds, totalCents: total });
    this.answer(res, [409], ['payment.in_progress', 'payment.invoice_not_payable', 'payment.amount_changed']);
    if (res.status === 201) this.acks.push({ kind: 'online_start', paymentId: res.body.payment.id, invoiceIds, amountCents: res.body.payment.amountCents });
    return res;
  }

  async publish(agent: TestClient, runId: number): Promise<Res> {
    const res = await agent.post(`/api/staff/billing/runs/${runId}/publish`);
    this.answer(res, [409], ['billing.run_not_draft', 'billing.run_computing', 'billing.run_empty']);
    if (res.status === 200) this.acks.push({ kind: 'run_published', runId });
    return res;
  }

  async discard(agent: TestClient, runId: number): Promise<Res> {
    const res = await agent.post(`/api/staff/billing/runs/${runId}/discard`);
    this.answer(res, [409], ['billing.run_not_draft']);
    if (res.status === 200) this.acks.push({ kind: 'run_discarded', runId });
    return res;
  }
}

// ---------- invariants, in SQL ----------

const n = (v: unknown) => Number(v ?? 0);

/** The invariants of billing and payment, read from the database after a race (each assertion counted in ledger.count). */
export async function checkInvariants(t: TestApp, ledger: Ledger): Promise<void> {
  const db = t.ctx.db;
  /** check(), counted as one invariant check */
  const check = <T>(actual: T, message?: string) => ledger.count.check(actual, message);

  // paid + credited ≤ total, each ≥ 0; paid = Σ allocations; credited = Σ credit notes
  const invoices = await db
    .selectFrom('invoice as i')
    .select(['i.id', 'i.total_cents', 'i.paid_cents', 'i.credited_cents', 'i.state'])
    .select((eb) => [
      eb.selectFrom('payment_allocation as pa').select((e) => e.fn.sum<number>('pa.amount_cents').as('s')).whereRef('pa.invoice_id', '=', 'i.id').as('allocated'),
      eb.selectFrom('credit_note as cn').select((e) => e.fn.sum<number>('cn.amount_cents').as('s')).whereRef('cn.invoice_id', '=', 'i.id').as('credited'),
    ])
    .execute();
  const badAmounts = invoices.filter((i) => i.paid_cents < 0 || i.credited_cents < 0 || i.paid_cents + i.credited_cents > i.total_cents);
  check(badAmounts, 'paid + credited ≤ total').toEqual([]);
  check(invoices.filter((i) => n(i.allocated) !== i.paid_cents).map((i) => ({ id: i.id, paid: i.paid_cents, allocated: n(i.allocated) })), 'paid = Σ allocations').toEqual([]);
  check(invoices.filter((i) => n(i.credited) !== i.credited_cents).map((i) => ({ id: i.id, credited: i.credited_cents, notes: n(i.credited) })), 'credited = Σ credit notes').toEqual([]);

  // a payment's allocated amount is the sum of its allocations, within what was received
  const payments = await db
    .selectFrom('payment as p')
    .select(['p.id', 'p.amount_cents', 'p.allocated_cents', 'p.method', 'p.reference'])
    .select((eb) => eb.selectFrom('payment_allocation as pa').select((e) => e.fn.sum<number>('pa.amount_cents').as('s')).whereRef('pa.payment_id', '=', 'p.id').as('allocs'))
    .execute();
  check(payments.filter((p) => n(p.allocs) !== p.allocated_cents || p.allocated_cents < 0 || p.allocated_cents > p.amount_cents), 'allocated = Σ allocations ≤ amount').toEqual([]);

  // an online payment is settled once: one ledger row per provider transaction, one per paid payment, one receipt each
  const online = await db.selectFrom('online_payment').select(['id', 'status', 'provider', 'provider_transaction_id', 'settled_at', 'reference']).execute();
  const ledgerRefs = new Map<string, number>();
  for (const p of payments.filter((x) => x.method === 'online')) ledgerRefs.set(p.reference ?? '', (ledgerRefs.get(p.reference ?? '') ?? 0) + 1);
  check([...ledgerRefs].filter(([, c]) => c > 1), 'one ledger row per provider transaction').toEqual([]);
  const paid = online.filter((p) => p.status === 'paid');
  for (const p of paid) {
    check(p.provider_transaction_id, `paid ${p.id} has its transaction`).not.toBeNull();
    check(p.settled_at).not.toBeNull();
    check(ledgerRefs.get(`${p.provider}:${p.provider_transaction_id}`), `paid ${p.id} is in the ledger once`).toBe(1);
  }
  check(payments.filter((p) => p.method === 'online').length, 'no ledger row without a paid payment').toBe(paid.length);
  const receipts = await db.selectFrom('outbox').select('text_body').where('template', '=', 'payment.receipt').execute();
  for (const p of paid) check(receipts.filter((r) => r.text_body.includes(p.reference)).length, `one receipt for ${p.reference}`).toBe(1);
  check(receipts.length).toBe(paid.length);

  // in flight: only pending payments hold their invoices
  const strayActive = await db
    .selectFrom('online_payment_line as l')
    .innerJoin('online_payment as p', 'p.id', 'l.payment_id')
    .select(['l.payment_id', 'p.status'])
    .where('l.active', '=', 1)
    .where('p.status', '<>', 'pending')
    .execute();
  check(strayActive, 'active lines belong to pending payments').toEqual([]);

  // numbers: per office, kind and year, exactly 1..counter (gap-free, no duplicate)
  const counters = await db.selectFrom('invoice_counter').selectAll().execute();
  for (const c of counters) {
    const rows =
      c.kind === 'invoice'
        ? await db.selectFrom('invoice').select('number').where('office_id', '=', c.office_id).where('year', '=', c.year).where('state', '=', 'published').execute()
        : await db.selectFrom('credit_note').select('number').where('office_id', '=', c.office_id).where('year', '=', c.year).execute();
    const numbers = rows.map((r) => n(r.number)).sort((a, b) => a - b);
    check(numbers, `${c.kind} numbers of office ${c.office_id} ${c.year}`).toEqual(Array.from({ length: c.last_number }, (_, i) => i + 1));
  }
  const orphanNotes = await db
    .selectFrom('credit_note as cn')
    .leftJoin('invoice_counter as c', (j) => j.onRef('c.office_id', '=', 'cn.office_id').onRef('c.year', '=', 'cn.year').on('c.kind', '=', 'credit_note'))
    .select('cn.id')
    .where('c.office_id', 'is', null)
    .execute();
  check(orphanNotes).toEqual([]);

  // runs: an invoice has its run's state; one live invoice per family, office and month (runs made by the portal)
  const mismatched = await db
    .selectFrom('invoice as i')
    .innerJoin('invoicing_run as r', 'r.id', 'i.run_id')
    .select(['i.id', 'i.state', 'r.state as run_state', 'r.id as run_id'])
    .whereRef('i.state', '<>', 'r.state')
    .execute();
  check(mismatched, 'invoices in their run’s state').toEqual([]);
  const duplicates = await db
    .selectFrom('invoice as i')
    .innerJoin('invoicing_run as r', 'r.id', 'i.run_id')
    .select(['i.office_id', 'i.family_id', 'i.month', (eb) => eb.fn.countAll<number>().as('c')])
    .where('i.state', '<>', 'discarded')
    .where('r.created_by', '<>', 'test')
    .groupBy(['i.office_id', 'i.family_id', 'i.month'])
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
  check(duplicates, 'one invoice per family and month').toEqual([]);
  const live = await sql<{ office_id: string; month: string; c: number }>`select office_id, month, count(*) as c from invoicing_run where state <> 'discarded' group by office_id, month having count(*) > 1`.execute(db);
  check(live.rows).toEqual([]);

  // every acknowledged request has its effect
  for (const a of ledger.acks) {
    if (a.kind === 'credit_note') {
      const row = await db.selectFrom('credit_note').select(['invoice_id', 'amount_cents']).where('id', '=', a.id).executeTakeFirst();
      check(row, `credit note ${a.id} acknowledged`).toEqual({ invoice_id: a.invoiceId, amount_cents: a.amountCents });
    } else if (a.kind === 'manual_payment') {
      const row = await db.selectFrom('payment').select(['amount_cents']).where('id', '=', a.id).executeTakeFirst();
      check(row, `payment ${a.id} acknowledged`).toEqual({ amount_cents: a.amountCents });
      const allocs = await db.selectFrom('payment_allocation').select(['invoice_id', 'amount_cents']).where('payment_id', '=', a.id).where('amount_cents', '>', 0).orderBy('invoice_id').execute();
      check(allocs.map((x) => ({ invoiceId: x.invoice_id, amountCents: x.amount_cents }))).toEqual([...a.allocations].sort((x, y) => x.invoiceId - y.invoiceId).map((x) => ({ invoiceId: x.invoiceId, amountCents: x.amountCents })));
    } else if (a.kind === 'online_start') {
      const row = await db.selectFrom('online_payment').select(['amount_cents', 'provider_op_id']).where('id', '=', a.paymentId).executeTakeFirst();
      check(row?.amount_cents, `online payment ${a.paymentId} acknowledged`).toBe(a.amountCents);
      check(row?.provider_op_id).not.toBeNull();
      const lines = await db.selectFrom('online_payment_line').select('invoice_id').where('payment_id', '=', a.paymentId).orderBy('invoice_id').execute();
      check(lines.map((l) => l.invoice_id)).toEqual([...a.invoiceIds].sort((x, y) => x - y));
    } else {
      const row = await db.selectFrom('invoicing_run').select('state').where('id', '=', a.runId).executeTakeFirst();
      check(row?.state, `run ${a.runId} acknowledged`).toBe(a.kind === 'run_published' ? 'published' : 'discarded');
    }
  }
}
