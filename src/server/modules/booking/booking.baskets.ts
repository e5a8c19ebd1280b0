/**
 * « Paiement à la réservation » (issue 13), the booking module's side: the basket of days a family booked at once for
 * a pay-at-booking activity. The days are accepted bookings (their places are taken, counted against capacity) held
 * until `expires_at` while the family pays the basket's invoice (billing.baskets.ts) online; paid → the basket is
 * confirmed; unpaid at expiry → the places are released (the waiting list first) and the invoice is cancelled by a
 * credit note; a paid day cancelled in time → a credit note of its price (the family's credit). docs/money.md.
 *
 * Lock order, the same on every path (docs/write-discipline.md, « lock what you read »):
 *   unit-day counter rows (unit, day order) → the basket's invoice row → the basket row (conditional writes).
 *   - submit: the booking engine's transaction takes the places, then billing numbers the invoice (counter row);
 *   - expiry: the basket's unit-days locked, then the invoice, then basket held → expired (rows checked);
 *   - payment settlement (payment.service settle): the invoice (applyPayment), then basket held → paid (rows checked);
 *   - cancellation of a basket day (removeBooking, under its unit-day's lock): the invoice (credit note), then the day.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { addMs, isoNow } from '../../clock.js';
import { affected, writeTransaction, type Executor } from '../../db/write.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import type { BasketView } from '../../../shared/pay-at-booking-contracts.js';
import * as catalog from '../catalog/catalog.service.js';
import type { ActivityConfig } from '../catalog/catalog.service.js';
import { childNames } from '../child/child.service.js';
import { basketInvoiceStates, creditBasketIn, issueBasketInvoiceIn, lockBasketInvoice, mailBasketNotice, type BasketPricing } from '../billing/billing.baskets.js';
import { recordAudit } from '../audit/audit.service.js';
import * as repo from './booking.repo.js';
import { removeBooking, settleWaitingLists } from './booking.waitlist.js';

export { basketPricing } from '../billing/billing.baskets.js';

type BasketRow = Awaited<ReturnType<typeof basketRow>>;

function basketRow(db: Executor, id: string) {
  return db.selectFrom('booking_basket').selectAll().where('id', '=', id).executeTakeFirst();
}

const daysText = (days: { day: string }[]) =>
  days
    .map((d) => d.day)
    .sort()
    .map((d) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`)
    .join(', ');

async function namesFor(db: Executor, b: NonNullable<BasketRow>): Promise<{ activity: string; child: string }> {
  const a = await catalog.findActivity(db, b.activity_id);
  const c = (await childNames(db, [b.child_id])).get(b.child_id);
  return { activity: a?.name ?? '', child: c ? `${c.first_name} ${c.last_name}` : '' };
}

/**
 * The booking engine's hook, INSIDE its transaction (booking.submit.ts), for a pay-at-booking activity: the days the
 * reservation accepted at once become a basket, held `holdMinutes`, priced and invoiced by billing (numbered now:
 * the number is never lost — an expired basket's invoice is cancelled by a credit note). Days waitlisted or asked of
 * staff are not in it (billed the usual way once accepted). Null when nothing was accepted or nothing is due.
 */
export async function holdBasketIn(
  trx: Executor,
  ctx: AppContext,
  q: { pricing: BasketPricing; activity: ActivityConfig; reservationId: number; familyId: string; childId: string; lines: repo.LineRow[] },
): Promise<string | null> {
  const accepted = q.lines.filter((l) => l.action === 'book' && l.state === 'accepted');
  if (!accepted.length) return null;
  const bookings = await trx
    .selectFrom('booking')
    .select(['id', 'unit_id', 'day', 'child_id'])
    .where('line_id', 'in', accepted.map((l) => l.id))
    .execute();
  if (!bookings.length) return null;
  const invoice = await issueBasketInvoiceIn(trx, ctx, q.pricing, bookings.map((b) => ({ childId: b.child_id, unitId: b.unit_id, day: b.day })));
  if (!invoice) return null;
  const now = isoNow(ctx.clock);
  const id = randomUUID();
  await trx
    .insertInto('booking_basket')
    .values({
      id,
      family_id: q.familyId,
      child_id: q.childId,
      activity_id: q.activity.id,
      reservation_id: q.reservationId,
      state: 'held',
      expires_at: addMs(now, q.activity.holdMinutes * 60_000),
      invoice_id: invoice.invoiceId,
      invoice_number: invoice.number,
      total_cents: invoice.totalCents,
      created_at: now,
      closed_at: null,
    })
    .execute();
  await trx
    .insertInto('booking_basket_day')
    .values(
      bookings.map((b) => ({
        basket_id: id,
        child_id: b.child_id,
        unit_id: b.unit_id,
        day: b.day,
        price_cents: invoice.prices.get(`${b.child_id}|${b.unit_id}|${b.day}`) ?? 0,
        booking_id: b.id,
        state: 'held' as const,
      })),
    )
    .execute();
  await recordAudit(trx, ctx.clock, null, { action: 'booking.basket_held', familyId: q.familyId, targetType: 'booking_basket', targetId: id, details: { invoice: invoice.number, totalCents: invoice.totalCents, days: bookings.length } });
  return id;
}

/** held → paid (rows checked), its held days paid, the family told. Under the invoice's lock (the caller's). */
async function markPaidIn(trx: Executor, ctx: AppContext, b: NonNullable<BasketRow>): Promise<boolean> {
  const now = isoNow(ctx.clock);
  const moved = await trx.updateTable('booking_basket').set({ state: 'paid', closed_at: now }).where('id', '=', b.id).where('state', '=', 'held').executeTakeFirst();
  if (affected(moved) !== 1) return false;
  await trx.updateTable('booking_basket_day').set({ state: 'paid' }).where('basket_id', '=', b.id).where('state', '=', 'held').execute();
  const days = await trx.selectFrom('booking_basket_day').select('day').where('basket_id', '=', b.id).where('state', '=', 'paid').execute();
  const names = await namesFor(trx, b);
  await mailBasketNotice(trx, ctx, b.invoice_id, b.family_id, 'basketPaid', { amountCents: b.total_cents, number: b.invoice_number, activity: names.activity, child: names.child, days: daysText(days), url: `${ctx.config.publicUrl}/planning` });
  await recordAudit(trx, ctx.clock, null, { action: 'booking.basket_paid', familyId: b.family_id, targetType: 'booking_basket', targetId: b.id });
  return true;
}

/**
 * The online payment's settlement hook (payment.service.ts), INSIDE its transaction, after billing's applyPayment
 * locked and paid the invoices: a held basket whose invoice is now paid is confirmed; a basket already expired (the
 * bank confirmed after the expiry released its places) leaves the money as the family's credit — applyPayment found
 * nothing due on its invoice, cancelled by the credit note — and the family is told.
 */
export async function basketsPaidIn(trx: Executor, ctx: AppContext, paid: { invoiceId: number; askedCents: number; appliedCents: number }[]): Promise<void> {
  if (!paid.length) return;
  const baskets = await trx.selectFrom('booking_basket').selectAll().where('invoice_id', 'in', paid.map((p) => p.invoiceId)).execute();
  for (const b of baskets) {
    const p = paid.find((x) => x.invoiceId === b.invoice_id)!;
    if (b.state === 'held') {
      const inv = await lockBasketInvoice(trx, b.invoice_id);
      if (inv.balanceCents <= 0 && inv.paidCents > 0) await markPaidIn(trx, ctx, b);
    } else if ((b.state === 'expired' || b.state === 'cancelled') && p.askedCents > p.appliedCents) {
      const names = await namesFor(trx, b);
      await mailBasketNotice(trx, ctx, b.invoice_id, b.family_id, 'basketLate', { amountCents: p.askedCents - p.appliedCents, activity: names.activity, child: names.child, url: `${ctx.config.publicUrl}/factures` });
      await recordAudit(trx, ctx.clock, null, { action: 'booking.basket_paid_late', familyId: b.family_id, targetType: 'booking_basket', targetId: b.id, details: { creditCents: p.askedCents - p.appliedCents } });
    }
  }
}

/**
 * removeBooking's hook (booking.waitlist.ts), under the booking's unit-day lock: a day of a basket cancelled — by the
 * family inside the cancellation deadline, or by staff — is credited: a credit note of its price on the basket's
 * invoice (money already paid becomes the family's credit, and it is told); a held basket whose last day goes is
 * cancelled. Days released by the expiry are no longer held or paid here: nothing is credited twice.
 */
export async function basketDayRemovedIn(trx: Executor, ctx: AppContext, bookingId: number): Promise<void> {
  const d = await trx
    .selectFrom('booking_basket_day')
    .select(['basket_id', 'unit_id', 'day', 'price_cents', 'state'])
    .where('booking_id', '=', bookingId)
    .where('state', 'in', ['held', 'paid'])
    .executeTakeFirst();
  if (!d) return;
  const b = (await basketRow(trx, d.basket_id))!;
  const moved = await trx
    .updateTable('booking_basket_day')
    .set({ state: 'cancelled', booking_id: null })
    .where('basket_id', '=', d.basket_id)
    .where('unit_id', '=', d.unit_id)
    .where('day', '=', d.day)
    .where('state', '=', d.state)
    .executeTakeFirst();
  if (affected(moved) !== 1) return;
  const credit = await creditBasketIn(trx, ctx, b.invoice_id, d.price_cents, `Annulation du ${d.day} (paiement à la réservation)`);
  if (credit > 0) await mailBasketNotice(trx, ctx, b.invoice_id, b.family_id, 'basketCredit', { amountCents: credit });
  if (b.state === 'held') {
    const left = await trx.selectFrom('booking_basket_day').select('day').where('basket_id', '=', b.id).where('state', '=', 'held').executeTakeFirst();
    if (!left) await trx.updateTable('booking_basket').set({ state: 'cancelled', closed_at: isoNow(ctx.clock) }).where('id', '=', b.id).where('state', '=', 'held').execute();
  }
}

/**
 * Decides a held basket: paid by any means (online, cash office, credit) → paid; past its expiry and unpaid →
 * expired: its places released in the same transaction (the waiting list promoted first, automatic mode), its
 * invoice cancelled by a credit note for what it still carries (money paid on part of it becomes credit), the
 * family e-mailed; then the waiting lists are settled. Safe from any number of callers (job, lazy reads, two
 * instances): unit-days then invoice locked, the basket moved by a conditional write. Returns the basket's state.
 */
export async function settleBasket(ctx: AppContext, basketId: string): Promise<string | null> {
  const b = await basketRow(ctx.db, basketId);
  if (!b || b.state !== 'held') return b?.state ?? null;
  const heldDays = await ctx.db.selectFrom('booking_basket_day').selectAll().where('basket_id', '=', b.id).where('state', '=', 'held').orderBy('unit_id').orderBy('day').execute();
  const bundle = await catalog.activityWithUnits(ctx.db, b.activity_id);
  if (!bundle) return b.state;
  const activity = bundle.activity;
  const out = await writeTransaction(ctx, async (trx) => {
    await repo.lockUnitDays(trx, heldDays.map((d) => ({ unitId: d.unit_id, day: d.day })));
    const inv = await lockBasketInvoice(trx, b.invoice_id);
    const cur = (await basketRow(trx, b.id))!;
    if (cur.state !== 'held') return { state: cur.state, cells: [] };
    if (inv.balanceCents <= 0 && inv.paidCents > 0) {
      await markPaidIn(trx, ctx, cur);
      return { state: 'paid', cells: [] };
    }
    const now = isoNow(ctx.clock);
    if (now < cur.expires_at) return { state: 'held', cells: [] };
    const moved = await trx.updateTable('booking_basket').set({ state: 'expired', closed_at: now }).where('id', '=', b.id).where('state', '=', 'held').executeTakeFirst();
    if (affected(moved) !== 1) return { state: null, cells: [] };
    // read again under the locks: a day cancelled meanwhile is no longer held
    const days = await trx.selectFrom('booking_basket_day').selectAll().where('basket_id', '=', b.id).where('state', '=', 'held').execute();
    const cells: { unitId: string; day: string }[] = [];
    for (const d of days) {
      await trx.updateTable('booking_basket_day').set({ state: 'released', booking_id: null }).where('basket_id', '=', b.id).where('unit_id', '=', d.unit_id).where('day', '=', d.day).where('state', '=', 'held').execute();
      const booking = d.booking_id === null ? undefined : await repo.findBookingById(trx, d.booking_id);
      if (booking && (await removeBooking(trx, ctx, activity, booking, now, null))) cells.push({ unitId: d.unit_id, day: d.day });
    }
    await creditBasketIn(trx, ctx, b.invoice_id, inv.totalCents - inv.creditedCents, 'Panier non payé à temps : places libérées (paiement à la réservation)');
    const names = await namesFor(trx, cur);
    await mailBasketNotice(trx, ctx, b.invoice_id, b.family_id, 'basketExpired', { number: b.invoice_number, activity: names.activity, child: names.child, days: daysText(days), url: `${ctx.config.publicUrl}/planning` });
    await recordAudit(trx, ctx.clock, null, { action: 'booking.basket_expired', familyId: b.family_id, targetType: 'booking_basket', targetId: b.id, details: { days: days.length } });
    return { state: 'expired', cells };
  });
  if (out.cells.length) await settleWaitingLists(ctx, activity, out.cells);
  return out.state ?? (await basketRow(ctx.db, basketId))?.state ?? null;
}

/** The job « basket-expiry » (every 30 s, one instance per period): held baskets past their expiry. */
export async function expireDueBaskets(ctx: AppContext, batch = 100): Promise<number> {
  const due = await ctx.db
    .selectFrom('booking_basket')
    .select('id')
    .where('state', '=', 'held')
    .where('expires_at', '<=', isoNow(ctx.clock))
    .orderBy('expires_at')
    .limit(batch)
    .execute();
  let n = 0;
  for (const { id } of due) if ((await settleBasket(ctx, id)) === 'expired') n++;
  return n;
}

async function viewsOf(ctx: AppContext, rows: NonNullable<BasketRow>[]): Promise<BasketView[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const days = await ctx.db.selectFrom('booking_basket_day').selectAll().where('basket_id', 'in', ids).orderBy('day').orderBy('unit_id').execute();
  const units = await catalog.unitsWithActivity(ctx.db, { activityIds: [...new Set(rows.map((r) => r.activity_id))] });
  const unitLabel = new Map(units.map((u) => [u.id, u.label]));
  const activityName = new Map(units.map((u) => [u.activity_id, u.activity_name]));
  for (const r of rows)
    if (!activityName.has(r.activity_id)) activityName.set(r.activity_id, (await catalog.findActivity(ctx.db, r.activity_id))?.name ?? '');
  const names = await childNames(ctx.db, [...new Set(rows.map((r) => r.child_id))]);
  const invoices = await basketInvoiceStates(ctx.db, rows.map((r) => r.invoice_id));
  return rows.map((r) => {
    const c = names.get(r.child_id);
    return {
      id: r.id,
      state: r.state,
      activityId: r.activity_id,
      activityName: activityName.get(r.activity_id) ?? '',
      childId: r.child_id,
      childName: c ? `${c.first_name} ${c.last_name}` : '',
      reservationId: r.reservation_id,
      expiresAt: r.expires_at,
      invoiceId: r.invoice_id,
      invoiceNumber: r.invoice_number,
      totalCents: r.total_cents,
      balanceCents: Math.max(0, invoices.get(r.invoice_id)?.balanceCents ?? 0),
      createdAt: r.created_at,
      closedAt: r.closed_at,
      days: days.filter((d) => d.basket_id === r.id).map((d) => ({ unitId: d.unit_id, unitLabel: unitLabel.get(d.unit_id) ?? '', day: d.day, priceCents: d.price_cents, state: d.state })),
    };
  });
}

/** Held baskets past their expiry, or paid by another means, are decided before they are shown (lazily, as the job does). */
async function settleShown(ctx: AppContext, rows: NonNullable<BasketRow>[]): Promise<boolean> {
  const now = isoNow(ctx.clock);
  const held = rows.filter((r) => r.state === 'held');
  if (!held.length) return false;
  const invoices = await basketInvoiceStates(ctx.db, held.map((r) => r.invoice_id));
  let changed = false;
  for (const r of held) {
    const inv = invoices.get(r.invoice_id);
    if (r.expires_at <= now || (inv && inv.balanceCents <= 0)) changed = (await settleBasket(ctx, r.id)) !== 'held' || changed;
  }
  return changed;
}

/** The family's baskets, newest first (held, paid, expired, cancelled). */
export async function familyBaskets(ctx: AppContext, familyId: string): Promise<BasketView[]> {
  const read = () => ctx.db.selectFrom('booking_basket').selectAll().where('family_id', '=', familyId).orderBy('created_at', 'desc').limit(100).execute();
  let rows = await read();
  if (await settleShown(ctx, rows)) rows = await read();
  return viewsOf(ctx, rows);
}

/** One basket of the family (the same 404 for another family's as for a missing one). */
export async function familyBasket(ctx: AppContext, familyId: string, basketId: string): Promise<BasketView> {
  let row = await basketRow(ctx.db, basketId);
  if (!row || row.family_id !== familyId) throw new NotFoundError();
  if (await settleShown(ctx, [row])) row = (await basketRow(ctx.db, basketId))!;
  return (await viewsOf(ctx, [row]))[0]!;
}

/**
 * What the online payment of a basket pays (payment.service.ts startBasketPayment): its invoice and what remains on
 * it, once the basket is decided (an expired basket cannot be paid: 409 with the reason).
 */
export async function basketToPay(ctx: AppContext, familyId: string, basketId: string): Promise<{ invoiceId: number; balanceCents: number; activityName: string }> {
  const v = await familyBasket(ctx, familyId, basketId);
  if (v.state === 'expired') throw new ConflictError('payAtBooking.basket_expired');
  if (v.state === 'paid') throw new ConflictError('payAtBooking.basket_paid');
  if (v.state === 'cancelled' || v.balanceCents <= 0) throw new ConflictError('payAtBooking.basket_cancelled');
  return { invoiceId: v.invoiceId, balanceCents: v.balanceCents, activityName: v.activityName };
}
