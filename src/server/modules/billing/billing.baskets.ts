/**
 * « Paiement à la réservation » (issue 13), billing's side: the price of a basket's days and its invoice. The
 * booking module owns the basket (its held places, booking.baskets.ts) and asks billing, through these functions,
 * to price the days with the tariff engine (the same rules as the monthly run: billing.compute.ts), to issue the
 * invoice that the family pays online (numbered at once, in the basket's transaction), to read its balance under
 * the invoice's lock, and to cancel all or part of it by a credit note. docs/money.md, « Paiement à la réservation ».
 */
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/write.js';
import { isoNow } from '../../clock.js';
import { parisDateOf } from '../../../shared/calendar/paris-time.js';
import { enqueueMail } from '../mail/mail.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { invoiceForFamily, type FamilyFacts, type RunUnit } from './billing.compute.js';
import { invoiceLineRow, invoiceReference, reserveNumbers, type OfficeRow } from './billing.run.js';
import * as sources from './billing.sources.js';
import { createCreditNoteIn } from './billing.service.js';
import { manualRunOf } from './billing.money.js';
import { lockInvoices } from './billing.payments.js';
import type { MoneyNotice } from './billing.mails.js';

/** What pricing a basket needs, read before the booking transaction (no read of it decides anything). */
export interface BasketPricing {
  office: OfficeRow;
  runId: number;
  units: Map<string, RunUnit>;
  facts: FamilyFacts;
}

const splitCodes = (s: string) => (s ? s.split(',') : []);

/** The office that bills this activity, its units and tariffs, the family's facts; null when no office bills it. */
export async function basketPricing(ctx: AppContext, familyId: string, activityId: string): Promise<BasketPricing | null> {
  const link = await ctx.db.selectFrom('office_activity').select('office_id').where('activity_id', '=', activityId).executeTakeFirst();
  if (!link) return null;
  const office = await ctx.db.selectFrom('collection_office').selectAll().where('id', '=', link.office_id).executeTakeFirst();
  if (!office) return null;
  const units = await sources.officeUnits(ctx.db, office.id);
  const [facts] = await sources.factsOfFamilies(ctx.db, [familyId], new Map(), '2000-01-01', '2000-01-01');
  if (!facts) return null;
  return { office: office as OfficeRow, runId: await manualRunOf(ctx, office.id, 'portal'), units, facts };
}

export interface BasketInvoice {
  invoiceId: number;
  number: string;
  totalCents: number;
  /** price of each day, by `${childId}|${unitId}|${day}` */
  prices: Map<string, number>;
}

/**
 * Prices `days` with the tariff engine (booked now: the late-booking surcharge applies as in the monthly run) and,
 * when something is due, issues the invoice INSIDE THE CALLER'S TRANSACTION: published, due today, numbered from the
 * office's gap-free sequence (reserveNumbers locks the counter row until commit), its lines the days. Null when the
 * days cost nothing (no tariff, or free): they are then ordinary bookings.
 */
export async function issueBasketInvoiceIn(
  trx: Executor,
  ctx: AppContext,
  pricing: BasketPricing,
  days: { childId: string; unitId: string; day: string }[],
): Promise<BasketInvoice | null> {
  if (!days.length) return null;
  const nowIso = isoNow(ctx.clock);
  const byGroup = new Map<string, { childId: string; unitId: string; days: string[] }>();
  for (const d of days) {
    const k = `${d.childId}|${d.unitId}`;
    const g = byGroup.get(k) ?? { childId: d.childId, unitId: d.unitId, days: [] };
    g.days.push(d.day);
    byGroup.set(k, g);
  }
  const facts: FamilyFacts = { ...pricing.facts, booked: [...byGroup.values()].map((g) => ({ ...g, days: g.days.sort(), bookedAt: nowIso, status: null })), unbooked: [] };
  const residence = { postalCodes: splitCodes(pricing.office.resident_postal_codes), inseeCodes: splitCodes(pricing.office.resident_insee_codes) };
  const { invoice } = invoiceForFamily(facts, pricing.units, residence, (instant) => parisDateOf(new Date(instant)));
  if (!invoice || invoice.totalCents <= 0) return null;
  const prices = new Map<string, number>();
  for (const l of invoice.lines) {
    const unit = [...pricing.units.values()].find((u) => u.label === l.unitLabel && u.activityName === l.activityName && byGroup.has(`${l.childId}|${u.id}`));
    if (unit) for (const day of l.days) prices.set(`${l.childId}|${unit.id}|${day}`, l.unitPriceCents);
  }
  const today = parisDateOf(ctx.clock.now());
  const year = Number(today.slice(0, 4));
  const number = await reserveNumbers(trx, pricing.office.id, 'invoice', year, 1);
  const reference = invoiceReference(pricing.office.code, year, number);
  const inv = await trx
    .insertInto('invoice')
    .values({
      run_id: pricing.runId,
      office_id: pricing.office.id,
      family_id: invoice.familyId,
      month: today.slice(0, 7),
      state: 'published',
      year,
      number,
      reference,
      issued_on: today,
      due_on: today,
      total_cents: invoice.totalCents,
      family_name: invoice.familyName,
      payer: invoice.payer,
      quotient: invoice.quotient,
      resident: invoice.resident ? 1 : 0,
      created_at: nowIso,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('invoice_line')
    .values(invoice.lines.map((l, position) => invoiceLineRow(inv.id, position, l)))
    .execute();
  await recordAudit(trx, ctx.clock, null, { action: 'money.basket_invoice', familyId: invoice.familyId, targetType: 'invoice', targetId: String(inv.id), details: { number: reference, totalCents: invoice.totalCents } });
  return { invoiceId: inv.id, number: reference, totalCents: invoice.totalCents, prices };
}

export interface BasketInvoiceState {
  totalCents: number;
  paidCents: number;
  creditedCents: number;
  balanceCents: number;
}

/** The basket's invoice LOCKED (FOR UPDATE on PostgreSQL; applyPayment and credit notes lock the same row), and its amounts. */
export async function lockBasketInvoice(trx: Executor, invoiceId: number): Promise<BasketInvoiceState> {
  await lockInvoices(trx, [invoiceId]);
  const r = await trx.selectFrom('invoice').select(['total_cents', 'paid_cents', 'credited_cents']).where('id', '=', invoiceId).executeTakeFirstOrThrow();
  return { totalCents: r.total_cents, paidCents: r.paid_cents, creditedCents: r.credited_cents, balanceCents: r.total_cents - r.paid_cents - r.credited_cents };
}

/** The amounts of basket invoices, unlocked (for the pages). */
export async function basketInvoiceStates(db: Executor, invoiceIds: number[]): Promise<Map<number, BasketInvoiceState>> {
  if (!invoiceIds.length) return new Map();
  const rows = await db.selectFrom('invoice').select(['id', 'total_cents', 'paid_cents', 'credited_cents']).where('id', 'in', invoiceIds).execute();
  return new Map(rows.map((r) => [r.id, { totalCents: r.total_cents, paidCents: r.paid_cents, creditedCents: r.credited_cents, balanceCents: r.total_cents - r.paid_cents - r.credited_cents }]));
}

/**
 * A credit note of `amountCents` on the basket's invoice, inside the caller's transaction (its lock is taken there):
 * an expired basket's whole invoice, or a cancelled day. Money already paid on it goes back to the family's credit
 * (createCreditNote's rule). Returns the amount that became credit (0 for an unpaid invoice).
 */
export async function creditBasketIn(trx: Executor, ctx: AppContext, invoiceId: number, amountCents: number, reason: string): Promise<number> {
  if (amountCents <= 0) return 0;
  const before = await lockBasketInvoice(trx, invoiceId);
  const credited = Math.min(amountCents, before.totalCents - before.creditedCents);
  if (credited <= 0) return 0;
  await createCreditNoteIn(trx, ctx, null, invoiceId, { amountCents: credited, reason });
  const after = await lockBasketInvoice(trx, invoiceId);
  return before.paidCents - after.paidCents;
}

/** A money e-mail about a basket to the family's payer (the invoice's payer address). */
export async function mailBasketNotice(trx: Executor, ctx: AppContext, invoiceId: number, familyId: string, notice: MoneyNotice, params: Record<string, string | number>): Promise<void> {
  const inv = await trx.selectFrom('invoice').select('payer').where('id', '=', invoiceId).executeTakeFirst();
  const email = inv ? (JSON.parse(inv.payer) as { email: string | null }).email : null;
  if (email) await enqueueMail(trx, ctx, email, { template: 'money.notice', notice, params }, familyId);
}
