import { randomBytes, randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { addMs, isoNow } from '../../clock.js';
import { isUniqueViolation } from '../../db/database.js';
import { AppError, ConflictError, NotFoundError } from '../../errors.js';
import { parisDateOf } from '../../../shared/calendar/paris-time.js';
import type { PaymentProviderName } from '../../../shared/payment-labels.js';
import type { PaymentRecap, PaymentStart, PaymentStarted, PaymentView } from '../../../shared/payment-contracts.js';
import { applyPayment, invoiceOfFamily, lockInvoices, lockInvoicesOfFamily } from '../billing/billing.payments.js';
import type { UnpaidInvoice } from '../../../shared/billing-contracts.js';
import { affected, forUpdate, writeTransaction } from '../../db/write.js';
import { enqueueMail } from '../mail/mail.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { displayNames } from '../account/account.logins.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { DemoBankProvider, sendDemoNotifications } from './demo-bank.js';
import { PayfipProvider } from './payfip.client.js';
import { ProviderUnavailableError, type PaymentProvider } from './payment.provider.js';
import { GIVE_UP_AFTER_MS, transition, type ProviderResult } from './payment.state.js';
import { basketToPay, basketsPaidIn } from '../booking/booking.baskets.js';

/** The configured provider (PAYMENT_PROVIDER), built once per context. */
export function paymentProvider(ctx: AppContext): PaymentProvider {
  if (ctx.paymentProvider) return ctx.paymentProvider;
  const c = ctx.config.payment;
  if (c.provider === 'payfip') {
    if (!c.payfip) throw new Error('PAYFIP_NUMCLI is required with PAYMENT_PROVIDER=payfip');
    ctx.paymentProvider = new PayfipProvider(c.payfip);
  } else {
    ctx.paymentProvider = new DemoBankProvider(ctx);
  }
  return ctx.paymentProvider;
}

export interface PaymentFamily {
  familyId: string;
  email: string;
  /** the member paying (issue 11) */
  accountId?: string;
}

export const NOTIFY_PATH = '/api/payments/notify';
export const RETURN_PATH = '/api/payments/return';
/** the family's page once back from the bank (browser app) */
export const RETURN_PAGE = '/paiements';

const OP_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** how often a pending payment is asked about again */
const RECHECK_MS = 30_000;
/** the family's page asks the provider at most this often */
const PAGE_CHECK_MIN_MS = 3_000;

type PaymentRow = Awaited<ReturnType<typeof loadPayment>>;

async function loadPayment(ctx: AppContext, where: { id: string } | { provider: PaymentProviderName; opId: string }) {
  let q = ctx.db.selectFrom('online_payment').selectAll();
  q = 'id' in where ? q.where('id', '=', where.id) : q.where('provider', '=', where.provider).where('provider_op_id', '=', where.opId);
  return q.executeTakeFirst();
}

async function viewOf(ctx: AppContext, p: NonNullable<PaymentRow>): Promise<PaymentView> {
  const lines = await ctx.db
    .selectFrom('online_payment_line')
    .select(['invoice_id', 'invoice_number', 'amount_cents'])
    .where('payment_id', '=', p.id)
    .orderBy('invoice_id')
    .execute();
  return {
    id: p.id,
    reference: p.reference,
    provider: p.provider,
    status: p.status,
    amountCents: p.amount_cents,
    createdAt: p.created_at,
    settledAt: p.settled_at,
    lines: lines.map((l) => ({ invoiceId: l.invoice_id, number: l.invoice_number, amountCents: l.amount_cents })),
    paidBy: p.account_id ? ((await displayNames(ctx.db, [p.account_id])).get(p.account_id) ?? null) : null,
  };
}

/** The family's online payments for its log (issue 11, « Journal du foyer »): who paid what, when; newest first. */
export async function paymentsForLog(
  db: Kysely<DB>,
  familyId: string,
): Promise<{ id: string; accountId: string | null; amountCents: number; status: string; createdAt: string; settledAt: string | null }[]> {
  const rows = await db
    .selectFrom('online_payment')
    .select(['id', 'account_id', 'amount_cents', 'status', 'created_at', 'settled_at'])
    .where('family_id', '=', familyId)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({ id: r.id, accountId: r.account_id, amountCents: r.amount_cents, status: r.status, createdAt: r.created_at, settledAt: r.settled_at }));
}

/** The recap (§6.3): each chosen invoice with what remains to pay on it, computed here, never taken from the browser. */
export async function paymentRecap(ctx: AppContext, familyId: string, invoiceIds: number[]): Promise<PaymentRecap & { officeId: string }> {
  const found: UnpaidInvoice[] = [];
  for (const id of new Set(invoiceIds)) {
    const inv = await invoiceOfFamily(ctx.db, familyId, id);
    if (inv) found.push(inv);
  }
  return recapOf(invoiceIds, found);
}

/** The recap of `invoiceIds` from the family's invoices `found` (read, or locked by startPayment). */
function recapOf(invoiceIds: number[], found: UnpaidInvoice[]): PaymentRecap & { officeId: string } {
  const lines: PaymentRecap['lines'] = [];
  const offices = new Set<string>();
  for (const id of [...new Set(invoiceIds)].sort((a, b) => a - b)) {
    const inv = found.find((f) => f.id === id);
    if (!inv || inv.balanceCents <= 0) throw new ConflictError('payment.invoice_not_payable');
    offices.add(inv.officeId);
    lines.push({ invoiceId: inv.id, number: inv.number, amountCents: inv.balanceCents });
  }
  // one PayFiP client number per collection office: one office per payment
  if (offices.size !== 1) throw new ConflictError('payment.mixed_offices');
  return { lines, totalCents: lines.reduce((s, l) => s + l.amountCents, 0), officeId: [...offices][0]! };
}

function newReference(ctx: AppContext): string {
  // PayFiP's refdet: 1–30 letters and digits; the year helps the cash office, the rest makes it unique
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(12);
  let tail = '';
  for (const b of bytes) tail += alphabet[b % alphabet.length];
  return `PF${parisDateOf(ctx.clock.now()).slice(0, 4)}${tail}`;
}

/**
 * « Continuer »: records the payment and its invoices (one payment in progress per invoice, enforced by the
 * database), then asks the provider for an operation, outside any transaction, and returns its page.
 *
 * Concurrency — lock what you read: the invoices are locked (id order, as applyPayment and settle lock them) and
 * their balance is read again under the lock, so a payment settled, a cheque recorded or a credit note made a
 * moment earlier is seen (409 invoice_not_payable or amount_changed) instead of asking the family to pay twice;
 * two starts at once (double click, two devices) are decided by the UNIQUE (invoice, active) index: 409 in_progress.
 */
export async function startPayment(ctx: AppContext, family: PaymentFamily, input: PaymentStart, baseUrl: string = ctx.config.publicUrl): Promise<PaymentStarted> {
  const provider = paymentProvider(ctx);
  const now = isoNow(ctx.clock);
  const id = randomUUID();
  const reference = newReference(ctx);
  let recap: PaymentRecap;
  try {
    recap = await writeTransaction(ctx, async (trx) => {
      const locked = recapOf(input.invoiceIds, await lockInvoicesOfFamily(trx, family.familyId, input.invoiceIds));
      if (locked.totalCents !== input.totalCents) throw new ConflictError('payment.amount_changed');
      await trx
        .insertInto('online_payment')
        .values({
          id,
          family_id: family.familyId,
          provider: provider.name,
          reference,
          amount_cents: locked.totalCents,
          status: 'pending',
          provider_op_id: null,
          provider_transaction_id: null,
          result_code: null,
          email: family.email,
          account_id: family.accountId ?? null,
          created_at: now,
          updated_at: now,
          settled_at: null,
          next_check_at: addMs(now, RECHECK_MS),
          locked_until: null,
        })
        .execute();
      await trx
        .insertInto('online_payment_line')
        .values(locked.lines.map((l) => ({ payment_id: id, invoice_id: l.invoiceId, invoice_number: l.number, amount_cents: l.amountCents, active: 1 })))
        .execute();
      return locked;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError('payment.in_progress');
    throw err;
  }
  let op: { opId: string; redirectUrl: string };
  try {
    op = await provider.create({
      reference,
      amountCents: recap.totalCents,
      object: `Factures ${recap.lines.map((l) => l.number).join(' ')}`,
      email: family.email,
      notifyUrl: `${ctx.config.publicUrl}${NOTIFY_PATH}/${provider.name}`,
      // the family's browser comes back to the address it left from (issue 17: a portal without PUBLIC_URL)
      returnUrl: `${baseUrl}${RETURN_PATH}/${id}`,
      year: Number(parisDateOf(ctx.clock.now()).slice(0, 4)),
    });
  } catch (err) {
    ctx.logger.error({ err: err instanceof ProviderUnavailableError ? err.message : err, paymentId: id }, 'payment provider did not create the operation');
    // conditional write: only a payment still pending fails (the job may have given it up meanwhile)
    await writeTransaction(ctx, async (trx) => {
      const failed = await trx
        .updateTable('online_payment')
        .set({ status: 'failed', result_code: 'create_failed', next_check_at: null, updated_at: isoNow(ctx.clock) })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (affected(failed) === 1) await trx.updateTable('online_payment_line').set({ active: null }).where('payment_id', '=', id).execute();
    });
    throw new AppError('payment.provider_unavailable', 503);
  }
  // conditional write: the operation id is given once
  await ctx.db.updateTable('online_payment').set({ provider_op_id: op.opId, updated_at: isoNow(ctx.clock) }).where('id', '=', id).where('provider_op_id', 'is', null).execute();
  ctx.logger.info({ paymentId: id, provider: provider.name, amountCents: recap.totalCents }, 'payment started');
  const row = await loadPayment(ctx, { id });
  return { payment: await viewOf(ctx, row!), redirectUrl: op.redirectUrl };
}

/**
 * « Payer maintenant » on a basket (« paiement à la réservation », issue 13): the basket's invoice, what remains on
 * it, through startPayment (its lock and the UNIQUE (invoice, active) index: a second device or a double click gets
 * 409 with a sentence that says a payment of this basket is already under way).
 */
export async function startBasketPayment(ctx: AppContext, family: PaymentFamily, basketId: string, baseUrl: string = ctx.config.publicUrl): Promise<PaymentStarted> {
  const b = await basketToPay(ctx, family.familyId, basketId);
  try {
    return await startPayment(ctx, family, { invoiceIds: [b.invoiceId], totalCents: b.balanceCents }, baseUrl);
  } catch (err) {
    if (err instanceof AppError && err.code === 'payment.in_progress') throw new ConflictError('payAtBooking.payment_in_progress');
    // expired (credit note) or paid between the basket's read and the invoice's lock
    if (err instanceof AppError && (err.code === 'payment.invoice_not_payable' || err.code === 'payment.amount_changed')) throw new ConflictError('payAtBooking.basket_not_payable');
    throw err;
  }
}

export async function listPayments(ctx: AppContext, familyId: string): Promise<PaymentView[]> {
  const rows = await ctx.db.selectFrom('online_payment').selectAll().where('family_id', '=', familyId).orderBy('created_at', 'desc').limit(100).execute();
  return Promise.all(rows.map((r) => viewOf(ctx, r)));
}

/** One payment of the family (the same 404 for another family's as for a missing one); a pending one is asked about. */
export async function paymentOf(ctx: AppContext, familyId: string, paymentId: string): Promise<PaymentView> {
  let row = await loadPayment(ctx, { id: paymentId });
  if (!row || row.family_id !== familyId) throw new NotFoundError();
  // The return page polls: ask the provider at most every few seconds (each check pushes next_check_at RECHECK_MS on).
  const lastCheckedLongAgo = !row.next_check_at || row.next_check_at <= addMs(isoNow(ctx.clock), RECHECK_MS - PAGE_CHECK_MIN_MS);
  if (row.status === 'pending' && row.provider_op_id && lastCheckedLongAgo) row = (await checkPayment(ctx, row, 'return')) ?? row;
  return viewOf(ctx, row);
}

/** result_code of a payment the family left on the portal (issue 17) */
export const LEFT_BY_FAMILY = 'left_by_family';

/**
 * « Abandonner ce paiement » (issue 17): the family came back from the bank without paying (or closed its page) and
 * wants to pay again at once instead of waiting for the bank's silence to run out (about 20 minutes). The payment
 * moves pending → abandoned by a conditional write (rows checked) and frees its invoices; the demo bank's operation,
 * if still undecided, is closed as abandoned too. Race with a late bank notification: both lock the payment row;
 * if the bank's « paid » came first the family gets 409 (nothing to abandon, the invoices are paid); if the family
 * came first, the late « paid » is still recorded (transition: left by family + paid → paid; an excess is credit).
 */
export async function abandonPayment(ctx: AppContext, familyId: string, paymentId: string): Promise<PaymentView> {
  const opId = await writeTransaction(ctx, async (trx) => {
    const row = await forUpdate(trx, trx.selectFrom('online_payment').select(['id', 'family_id', 'status', 'provider', 'provider_op_id']).where('id', '=', paymentId)).executeTakeFirst();
    if (!row || row.family_id !== familyId) throw new NotFoundError();
    const now = isoNow(ctx.clock);
    const moved = await trx
      .updateTable('online_payment')
      .set({ status: 'abandoned', result_code: LEFT_BY_FAMILY, updated_at: now, next_check_at: addMs(now, RECHECK_MS), locked_until: null })
      .where('id', '=', paymentId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (affected(moved) !== 1) throw new ConflictError('money.payment_not_pending');
    await trx.updateTable('online_payment_line').set({ active: null }).where('payment_id', '=', paymentId).execute();
    await recordAudit(trx, ctx.clock, null, { action: 'payment.left_by_family', familyId, targetType: 'online_payment', targetId: paymentId });
    return row.provider === 'demo' ? row.provider_op_id : null;
  });
  if (opId) await ctx.db.updateTable('demo_bank_operation').set({ outcome: 'abandoned', decided_at: isoNow(ctx.clock), notify_at: isoNow(ctx.clock) }).where('op_id', '=', opId).where('outcome', 'is', null).execute();
  return viewOf(ctx, (await loadPayment(ctx, { id: paymentId }))!);
}

type Source = 'notification' | 'return' | 'job';

/**
 * A provider's notification (a POST carrying only the operation id, PayFiP's idOp): its content is never trusted.
 * The operation must be one of ours, and its result is asked of the provider, server to server. Unknown or forged
 * notifications change nothing and are logged (without the full identifier).
 */
export async function handleNotification(ctx: AppContext, providerName: string, opId: unknown): Promise<void> {
  const provider = paymentProvider(ctx);
  const shown = typeof opId === 'string' ? opId.slice(0, 6) : typeof opId;
  if (providerName !== provider.name || typeof opId !== 'string' || !OP_ID.test(opId)) {
    ctx.logger.warn({ provider: String(providerName).slice(0, 10), op: shown }, 'payment notification rejected: not for the configured provider or malformed');
    return;
  }
  const row = await loadPayment(ctx, { provider: provider.name, opId });
  if (!row) {
    ctx.logger.warn({ provider: provider.name, op: shown }, 'payment notification rejected: unknown operation');
    await recordAudit(ctx.db, ctx.clock, null, { action: 'payment.notification_rejected', targetType: 'payment_operation', details: { provider: provider.name, op: shown, reason: 'unknown_operation' } });
    return;
  }
  await checkPayment(ctx, row, 'notification');
}

/** The family's browser came back: its parameters are ignored; the provider is asked. */
export async function handleReturn(ctx: AppContext, paymentId: string): Promise<void> {
  const row = await loadPayment(ctx, { id: paymentId });
  if (row?.status === 'pending' && row.provider_op_id) await checkPayment(ctx, row, 'return');
}

/** Asks the provider about one payment and applies the answer. Returns the payment as it is afterwards. */
export async function checkPayment(ctx: AppContext, row: NonNullable<PaymentRow>, source: Source): Promise<PaymentRow> {
  if (!row.provider_op_id) return row;
  let result: ProviderResult;
  try {
    result = await paymentProvider(ctx).status(row.provider_op_id);
  } catch (err) {
    ctx.logger.warn({ paymentId: row.id, source, err: (err as Error).message }, 'payment provider did not answer; will ask again');
    await ctx.db.updateTable('online_payment').set({ next_check_at: addMs(isoNow(ctx.clock), RECHECK_MS) }).where('id', '=', row.id).where('status', '=', 'pending').execute();
    return row;
  }
  const asked = (result.kind === 'paid' || result.kind === 'refused') && result.amountCents !== null ? result.amountCents : row.amount_cents;
  const ref = result.kind === 'paid' || result.kind === 'refused' ? result.reference : row.reference;
  if (asked !== row.amount_cents || (ref !== null && ref !== row.reference)) {
    ctx.logger.error(
      { paymentId: row.id, source, askedCents: row.amount_cents, answeredCents: asked, referenceMatches: ref === row.reference },
      'payment result does not match the order: nothing changed',
    );
    await recordAudit(ctx.db, ctx.clock, null, {
      action: 'payment.mismatch',
      familyId: row.family_id,
      targetType: 'online_payment',
      targetId: row.id,
      details: { askedCents: row.amount_cents, answeredCents: asked, referenceMatches: ref === row.reference, result: result.kind },
    });
    await ctx.db.updateTable('online_payment').set({ next_check_at: addMs(isoNow(ctx.clock), RECHECK_MS) }).where('id', '=', row.id).where('status', '=', 'pending').execute();
    return row;
  }
  return settle(ctx, row.id, result, source);
}

/**
 * Applies a verified result, once: the status moves by a conditional UPDATE, the provider's transaction id is
 * UNIQUE, and billing's applyPayment and the receipt are written in that same transaction.
 *
 * Concurrency — lock what you read, then a conditional write: the notification, the return page, the family's page
 * and the job may settle the same payment at the same instant. A paid result locks the payment's invoices first
 * (id order, as startPayment and applyPayment do: no deadlock), then the payment row; the status moves only from
 * the state read (rows checked): one caller settles, the others find it done and change nothing.
 */
async function settle(ctx: AppContext, paymentId: string, result: ProviderResult, source: Source): Promise<PaymentRow> {
  const done = await writeTransaction(ctx, async (trx) => {
      if (result.kind === 'paid') {
        const invoices = await trx.selectFrom('online_payment_line').select('invoice_id').where('payment_id', '=', paymentId).orderBy('invoice_id').execute();
        await lockInvoices(trx, invoices.map((l) => l.invoice_id));
      }
      const row = await forUpdate(trx, trx.selectFrom('online_payment').selectAll().where('id', '=', paymentId)).executeTakeFirst();
      if (!row) return null; // erased meanwhile (a closed family's payment that had not gone through)
      const now = isoNow(ctx.clock);
      const overdue = ctx.clock.now().getTime() - new Date(row.created_at).getTime() > GIVE_UP_AFTER_MS;
      const t = transition(row.status, result, { overdue, leftByFamily: row.result_code === LEFT_BY_FAMILY });
      if (t.next === row.status) {
        if (row.status === 'pending')
          await trx.updateTable('online_payment').set({ next_check_at: addMs(now, RECHECK_MS) }).where('id', '=', paymentId).where('status', '=', 'pending').execute();
        return null;
      }
      const moved = await trx
        .updateTable('online_payment')
        .set({
          status: t.next,
          result_code: result.code,
          updated_at: now,
          next_check_at: null,
          locked_until: null,
          ...(t.settle && result.kind === 'paid' ? { settled_at: now, provider_transaction_id: result.transactionId } : {}),
        })
        .where('id', '=', paymentId)
        .where('status', '=', row.status)
        .executeTakeFirst();
      if (affected(moved) !== 1) return null; // another instance or request got there first
      await trx.updateTable('online_payment_line').set({ active: null }).where('payment_id', '=', paymentId).execute();
      if (!t.settle || result.kind !== 'paid') return { row, next: t.next, credit: 0 };
      const lines = await trx.selectFrom('online_payment_line').selectAll().where('payment_id', '=', paymentId).orderBy('invoice_id').execute();
      const applied = await applyPayment(trx, ctx, {
        familyId: row.family_id,
        allocations: lines.map((l) => ({ invoiceId: l.invoice_id, amountCents: l.amount_cents })),
        method: 'online',
        reference: `${row.provider}:${result.transactionId}`.slice(0, 200),
        amountCents: row.amount_cents,
      });
      // « paiement à la réservation » (issue 13): a basket whose invoice is now paid is confirmed; one expired before
      // the bank's answer keeps the money as credit and its family is told (booking.baskets.ts)
      await basketsPaidIn(
        trx,
        ctx,
        lines.map((l) => ({ invoiceId: l.invoice_id, askedCents: l.amount_cents, appliedCents: applied.applied.find((a) => a.invoiceId === l.invoice_id)?.amountCents ?? 0 })),
      );
      await enqueueMail(
        trx,
        ctx,
        row.email,
        {
          template: 'payment.receipt',
          reference: row.reference,
          amountCents: row.amount_cents,
          lines: applied.applied.map((a) => ({ invoiceNumber: a.invoiceNumber, amountCents: a.amountCents })),
          creditCents: applied.creditCents > 0 ? applied.creditCents : null,
          paidOn: parisDateOf(ctx.clock.now()),
        },
        row.family_id,
      );
      return { row, next: t.next, credit: applied.creditCents };
    }).catch((err) => {
      if (isUniqueViolation(err)) {
        ctx.logger.error({ paymentId, source }, 'payment result carries a transaction already recorded: nothing changed');
        return null;
      }
      throw err;
    });
  if (done) ctx.logger.info({ paymentId, source, from: done.row.status, to: done.next, creditCents: done.credit }, 'payment state changed');
  return loadPayment(ctx, { id: paymentId });
}

/**
 * The job "payment-status": asks again about pending payments whose notification has not come (PayFiP's P5, a lost
 * notification), and gives them up after GIVE_UP_AFTER_MS. Rows are leased: safe on N instances.
 */
export async function pollPendingPayments(ctx: AppContext, batch = 20): Promise<number> {
  const now = isoNow(ctx.clock);
  const due = await ctx.db
    .selectFrom('online_payment')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_check_at', '<=', now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .orderBy('next_check_at')
    .limit(batch)
    .execute();
  let checked = 0;
  const lease = addMs(now, 120_000);
  for (const { id } of due) {
    // conditional write: the lease is taken by one instance only (rows checked)
    const claimed = await ctx.db
      .updateTable('online_payment')
      .set({ locked_until: lease })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
      .executeTakeFirst();
    if (affected(claimed) !== 1) continue;
    const row = (await loadPayment(ctx, { id }))!;
    if (row.provider_op_id) await checkPayment(ctx, row, 'job');
    else await settle(ctx, id, { kind: 'unknown', code: 'no_operation' }, 'job'); // crashed before the provider answered
    // our own lease only (it may have run out and been taken by another instance)
    await ctx.db.updateTable('online_payment').set({ locked_until: null }).where('id', '=', id).where('locked_until', '=', lease).execute();
    checked++;
  }
  return checked;
}

/** The job "demo-bank-notify": the simulated bank's notifications, through the same handler as a provider's POST. */
export function deliverDemoNotifications(ctx: AppContext): Promise<number> {
  return sendDemoNotifications(ctx, (opId) => handleNotification(ctx, 'demo', opId));
}
