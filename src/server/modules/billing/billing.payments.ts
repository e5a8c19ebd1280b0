import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../context.js';
import { isoNow } from '../../clock.js';
import { AppError, NotFoundError } from '../../errors.js';
import { parisDateOf } from '../../../shared/calendar/paris-time.js';
import type { PaymentMethod, UnpaidInvoice } from '../../../shared/billing-contracts.js';
import { recordAudit, type Actor } from '../audit/audit.service.js';
import { affected, forUpdate } from '../../db/write.js';

type Executor = Kysely<DB> | Transaction<DB>;

export interface ApplyPaymentInput {
  familyId: string;
  /** what the payer meant to pay, per invoice (amounts > 0, each invoice once) */
  allocations: { invoiceId: number; amountCents: number }[];
  method: PaymentMethod;
  /** cheque number, provider transaction id… */
  reference: string | null;
  /** the money received; default Σ allocations. Must be ≥ Σ allocations. */
  amountCents?: number;
  /** default: today in Paris */
  receivedOn?: string;
  /** the staff member recording it; null/absent for the payment module */
  actor?: Actor | null;
}

export interface AppliedPayment {
  paymentId: number;
  amountCents: number;
  /** what each invoice really received (0 when it was already paid, e.g. by a parallel payment) */
  applied: { invoiceId: number; invoiceNumber: string; amountCents: number }[];
  /** amountCents − Σ applied: kept as the family's credit, listed with its payments */
  creditCents: number;
}

/**
 * Records a payment and allocates it, INSIDE THE CALLER'S TRANSACTION (the payment module records its provider
 * transaction in the same one). Each invoice receives at most what remains due at that instant: the row is read
 * under lock (FOR UPDATE on PostgreSQL; SQLite writers are serialized) and the UPDATE is conditional, and the
 * database's CHECK (paid + credited ≤ total) holds whatever happens. What could not be applied stays as the
 * family's credit, visibly. An invoice that is not the family's, or not published, is a NotFoundError (the same
 * 404 as a missing one).
 * Concurrency — lock what you read (invoices in id order), then a conditional write with its rows checked.
 */
export async function applyPayment(trx: Executor, ctx: AppContext, input: ApplyPaymentInput): Promise<AppliedPayment> {
  const requested = input.allocations.reduce((s, a) => s + a.amountCents, 0);
  const amountCents = input.amountCents ?? requested;
  if (!Number.isInteger(amountCents) || amountCents <= 0) throw new AppError('billing.amount_invalid', 400);
  if (requested > amountCents) throw new AppError('billing.allocation_exceeds_payment', 400);
  const ids = input.allocations.map((a) => a.invoiceId);
  if (new Set(ids).size !== ids.length) throw new AppError('billing.allocation_duplicate', 400);
  for (const a of input.allocations) if (!Number.isInteger(a.amountCents) || a.amountCents <= 0) throw new AppError('billing.amount_invalid', 400);

  const now = isoNow(ctx.clock);
  const payment = await trx
    .insertInto('payment')
    .values({
      family_id: input.familyId,
      method: input.method,
      amount_cents: amountCents,
      reference: input.reference,
      received_on: input.receivedOn ?? parisDateOf(ctx.clock.now()),
      created_at: now,
      created_by: input.actor?.id ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const applied: AppliedPayment['applied'] = [];
  let allocated = 0;
  // A fixed order (by id) so that two payments touching the same invoices lock them in the same order.
  for (const a of [...input.allocations].sort((x, y) => x.invoiceId - y.invoiceId)) {
    const inv = await forUpdate(
      trx,
      trx
        .selectFrom('invoice')
        .select(['id', 'reference', 'total_cents', 'paid_cents', 'credited_cents'])
        .where('id', '=', a.invoiceId)
        .where('family_id', '=', input.familyId)
        .where('state', '=', 'published'),
    ).executeTakeFirst();
    if (!inv) throw new NotFoundError();
    const take = Math.min(a.amountCents, inv.total_cents - inv.credited_cents - inv.paid_cents);
    if (take > 0) {
      const r = await trx
        .updateTable('invoice')
        .set((eb) => ({ paid_cents: eb('paid_cents', '+', take) }))
        .where('id', '=', inv.id)
        .where((eb) => eb(eb('paid_cents', '+', eb('credited_cents', '+', take)), '<=', eb.ref('total_cents')))
        .executeTakeFirst();
      if (affected(r) !== 1) throw new Error('invoice balance changed under lock');
      await trx.insertInto('payment_allocation').values({ payment_id: payment.id, invoice_id: inv.id, amount_cents: take, created_at: now }).execute();
      allocated += take;
    }
    applied.push({ invoiceId: inv.id, invoiceNumber: inv.reference ?? '', amountCents: Math.max(take, 0) });
  }
  if (allocated > 0) await trx.updateTable('payment').set({ allocated_cents: allocated }).where('id', '=', payment.id).execute();
  await recordAudit(trx, ctx.clock, input.actor ?? null, {
    action: 'billing.payment_recorded',
    familyId: input.familyId,
    targetType: 'payment',
    targetId: String(payment.id),
    details: { method: input.method, amountCents, allocatedCents: allocated, invoices: applied.map((x) => x.invoiceId) },
  });
  return { paymentId: payment.id, amountCents, applied, creditCents: amountCents - allocated };
}

const UNPAID_COLUMNS = ['id', 'reference', 'office_id', 'month', 'due_on', 'total_cents', 'paid_cents', 'credited_cents'] as const;

function toUnpaid(r: { id: number; reference: string | null; office_id: string; month: string; due_on: string | null; total_cents: number; paid_cents: number; credited_cents: number }): UnpaidInvoice {
  return {
    id: r.id,
    number: r.reference ?? '',
    officeId: r.office_id,
    month: r.month,
    dueOn: r.due_on ?? '',
    totalCents: r.total_cents,
    balanceCents: r.total_cents - r.credited_cents - r.paid_cents,
  };
}

/** The family's published invoices that still have something to pay, oldest first (the « payer en ligne » list). */
export async function unpaidInvoicesOf(ctxOrDb: AppContext | Executor, familyId: string): Promise<UnpaidInvoice[]> {
  const db = 'db' in ctxOrDb ? ctxOrDb.db : ctxOrDb;
  const rows = await db
    .selectFrom('invoice')
    .select([...UNPAID_COLUMNS])
    .where('family_id', '=', familyId)
    .where('state', '=', 'published')
    .where((eb) => eb(eb('paid_cents', '+', eb.ref('credited_cents')), '<', eb.ref('total_cents')))
    .orderBy('due_on')
    .orderBy('id')
    .execute();
  return rows.map(toUnpaid);
}

/** One published invoice of the family (any balance), or null: for the payment module's checks. */
export async function invoiceOfFamily(db: Executor, familyId: string, invoiceId: number): Promise<UnpaidInvoice | null> {
  const r = await db
    .selectFrom('invoice')
    .select([...UNPAID_COLUMNS])
    .where('id', '=', invoiceId)
    .where('family_id', '=', familyId)
    .where('state', '=', 'published')
    .executeTakeFirst();
  return r ? toUnpaid(r) : null;
}

/**
 * The family's published invoices among `invoiceIds`, LOCKED (FOR UPDATE on PostgreSQL) in id order — the order
 * applyPayment and the online payment's settlement lock them in — for a decision on their balance inside the
 * caller's transaction. Missing, foreign or unpublished ones are absent from the answer.
 */
export async function lockInvoicesOfFamily(trx: Executor, familyId: string, invoiceIds: number[]): Promise<UnpaidInvoice[]> {
  if (invoiceIds.length === 0) return [];
  const rows = await forUpdate(
    trx,
    trx
      .selectFrom('invoice')
      .select([...UNPAID_COLUMNS])
      .where('id', 'in', [...new Set(invoiceIds)])
      .where('family_id', '=', familyId)
      .where('state', '=', 'published')
      .orderBy('id'),
  ).execute();
  return rows.map(toUnpaid);
}

/** The invoices `invoiceIds` locked in id order (FOR UPDATE on PostgreSQL), whoever they belong to. */
export async function lockInvoices(trx: Executor, invoiceIds: number[]): Promise<void> {
  if (invoiceIds.length === 0) return;
  await forUpdate(trx, trx.selectFrom('invoice').select('id').where('id', 'in', [...new Set(invoiceIds)]).orderBy('id')).execute();
}

/** The family's credit: money received and not allocated to any invoice, less refunds and debits taken back (issue 13). */
export async function creditOf(db: Executor, familyId: string): Promise<number> {
  const r = await db
    .selectFrom('payment')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>(eb('amount_cents', '-', eb.ref('allocated_cents'))), eb.lit(0)).as('credit'))
    .where('family_id', '=', familyId)
    .executeTakeFirst();
  const back = await db.selectFrom('refund').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_cents'), eb.lit(0)).as('c')).where('family_id', '=', familyId).executeTakeFirst();
  return Number(r?.credit ?? 0) - Number(back?.c ?? 0);
}
