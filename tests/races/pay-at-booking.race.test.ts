/**
 * « Paiement à la réservation » under concurrent callers (issue 13, docs/money.md), on SQLite and on PostgreSQL
 * (TEST_DATABASE_URL): many families holding the last places at once, two devices and double clicks paying the same
 * basket, the expiry racing the bank's confirmation (job, lazy reads, notification and return at the same instant),
 * two expiries at once, and the family cancelling a held day while the basket expires. Each scenario ends with
 * invariants read in SQL: capacity never exceeded, one outcome per basket, money and credit notes counted once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createFamily } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { childOf, reserve } from '../integration/booking-support.js';
import { DAY_PRICE, payAtBookingActivity } from '../integration/pay-at-booking-support.js';
import { raceCounter, raceRuns } from './harness.js';
import { bankChoice, notifyDemo, opIdOf, returnFromBank } from './billing-support.js';
import { expireDueBaskets, settleBasket } from '../../src/server/modules/booking/booking.baskets.js';
import { deliverDemoNotifications } from '../../src/server/modules/payment/payment.service.js';

let t: TestApp;
const count = raceCounter('pay-at-booking');

beforeAll(async () => {
  t = await createTestApp({ clockStart: '2026-12-10T09:00:00Z', config: { sessionIdleMs: 365 * 86_400_000 } });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

async function familyWithChild(): Promise<{ familyId: string; client: TestClient; childId: string }> {
  const family = await createFamily(t.ctx, { status: 'active' });
  const client = await loginAs(t, family.accountId);
  return { familyId: family.familyId, client, childId: await childOf(t, family) };
}

/** Invariants over every basket, invoice and counter row of the database. */
async function invariants() {
  const db = t.ctx.db;
  const days = await db.selectFrom('unit_day').select(['unit_id', 'day', 'booked', 'capacity']).execute();
  count.check(days.filter((d) => d.booked > d.capacity || d.booked < 0), 'booked ≤ capacity').toEqual([]);
  for (const d of days) {
    const n = await db.selectFrom('booking').select((eb) => eb.fn.countAll<number>().as('n')).where('unit_id', '=', d.unit_id).where('day', '=', d.day).where('state', 'in', ['accepted', 'pending']).executeTakeFirstOrThrow();
    count.check(Number(n.n), `counter of ${d.unit_id} ${d.day} = its bookings`).toBe(d.booked);
  }
  const baskets = await db.selectFrom('booking_basket').selectAll().execute();
  for (const b of baskets) {
    const inv = await db.selectFrom('invoice').select(['total_cents', 'paid_cents', 'credited_cents']).where('id', '=', b.invoice_id).executeTakeFirstOrThrow();
    count.check(inv.paid_cents + inv.credited_cents, `invoice of basket ${b.id}: paid + credited ≤ total`).toBeLessThanOrEqual(inv.total_cents);
    const notes = await db.selectFrom('credit_note').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_cents'), eb.lit(0)).as('s')).where('invoice_id', '=', b.invoice_id).executeTakeFirstOrThrow();
    count.check(Number(notes.s), `credit notes of basket ${b.id} = credited`).toBe(inv.credited_cents);
    const held = await db.selectFrom('booking_basket_day').select(['state', 'booking_id']).where('basket_id', '=', b.id).execute();
    if (b.state === 'expired') {
      count.check(held.filter((d) => d.state === 'held' || d.state === 'paid' || d.booking_id !== null), `expired basket ${b.id} holds nothing`).toEqual([]);
      count.check(inv.paid_cents, `expired basket ${b.id}: nothing paid on its invoice`).toBe(0);
    }
    if (b.state === 'paid') {
      count.check(inv.paid_cents + inv.credited_cents, `paid basket ${b.id}: invoice settled`).toBe(inv.total_cents);
      for (const d of held.filter((x) => x.state === 'paid')) {
        const booking = await db.selectFrom('booking').select('id').where('id', '=', d.booking_id!).executeTakeFirst();
        count.check(booking, `paid day of ${b.id} keeps its booking`).toBeDefined();
      }
    }
  }
}

describe('pay at booking under concurrency', () => {
  it('many families holding the last places: capacity never exceeded, each hold invoiced once with gap-free numbers', async () => {
    for (let round = 0; round < raceRuns(2); round++) {
      const fx = await payAtBookingActivity(t, { capacity: 3 });
      const fams = await Promise.all(Array.from({ length: 8 }, () => familyWithChild()));
      const res = await Promise.all(fams.map((f) => reserve(f.client, { childId: f.childId, activityId: fx.activityId, periodId: fx.periodId, changes: [{ day: '2026-12-14', unitId: fx.units.journee!, action: 'book' }] })));
      count.op(res.length);
      count.check(res.map((r) => r.status), 'every reservation answered').toEqual(res.map(() => 201));
      const states = res.map((r) => r.body.lines[0].state as string);
      count.check(states.filter((s) => s === 'accepted').length, 'three places taken').toBe(3);
      const baskets = await t.ctx.db.selectFrom('booking_basket').select(['invoice_number', 'state']).where('activity_id', '=', fx.activityId).execute();
      count.check(baskets.length, 'one basket per accepted family').toBe(3);
      const numbers = baskets.map((b) => Number(b.invoice_number.split('-').pop())).sort((a, b) => a - b);
      count.check(numbers, 'invoice numbers gap-free').toEqual([1, 2, 3]);
      await invariants();
    }
  });

  it('two devices and double clicks on « Payer »: one payment, the others a clear 409', async () => {
    for (let round = 0; round < raceRuns(3); round++) {
      const fx = await payAtBookingActivity(t);
      const f = await familyWithChild();
      const other = await loginAs(t, (await t.ctx.db.selectFrom('account').select('id').where('family_id', '=', f.familyId).executeTakeFirstOrThrow()).id);
      await reserve(f.client, { childId: f.childId, activityId: fx.activityId, periodId: fx.periodId, changes: [{ day: '2026-12-15', unitId: fx.units.journee!, action: 'book' }] });
      const [b] = (await f.client.get('/api/baskets')).body;
      const clicks = await Promise.all([f.client, f.client, other, other].map((c) => c.post(`/api/baskets/${b.id}/payment`, {})));
      count.op(clicks.length);
      count.check(clicks.filter((c) => c.status === 201).length, 'one payment started').toBe(1);
      count.check(clicks.filter((c) => c.status === 409).map((c) => c.body.error.code), 'the others told it is under way').toEqual(['payAtBooking.payment_in_progress', 'payAtBooking.payment_in_progress', 'payAtBooking.payment_in_progress']);
      const active = await t.ctx.db.selectFrom('online_payment_line').select('payment_id').where('invoice_id', '=', b.invoiceId).where('active', '=', 1).execute();
      count.check(active.length, 'one payment in flight for the basket').toBe(1);
    }
  });

  it('the expiry racing the bank’s confirmation: one outcome — paid with its places, or expired with the money as credit', async () => {
    const outcomes = new Set<string>();
    for (let round = 0; round < raceRuns(6); round++) {
      const fx = await payAtBookingActivity(t, { holdMinutes: 5 });
      const f = await familyWithChild();
      await reserve(f.client, { childId: f.childId, activityId: fx.activityId, periodId: fx.periodId, changes: [{ day: '2026-12-16', unitId: fx.units.journee!, action: 'book' }] });
      const [b] = (await f.client.get('/api/baskets')).body;
      const started = await f.client.post(`/api/baskets/${b.id}/payment`, {});
      expect(started.status).toBe(201);
      const opId = opIdOf(started.body.redirectUrl);
      await bankChoice(t, opId, 'accepted');
      // the bank's answer and the end of the hold fall due at the same instant
      t.clock.advance(Math.max(5 * 60_000, t.ctx.config.payment.demoBankDelayMs) + 1000);
      const order = round % 2 === 0;
      await Promise.all([
        ...(order ? [expireDueBaskets(t.ctx), notifyDemo(t, opId)] : [notifyDemo(t, opId), expireDueBaskets(t.ctx)]),
        settleBasket(t.ctx, b.id),
        returnFromBank(t, started.body.payment.id),
        deliverDemoNotifications(t.ctx),
        f.client.get('/api/baskets'),
      ]);
      count.op(6);
      const after = (await f.client.get(`/api/baskets/${b.id}`)).body;
      const payment = (await f.client.get(`/api/payments/${started.body.payment.id}`)).body;
      count.check(payment.status, 'the bank’s money recorded').toBe('paid');
      const credit = (await f.client.get('/api/billing/account')).body.creditCents;
      const booked = await t.ctx.db.selectFrom('booking').select('id').where('child_id', '=', f.childId).execute();
      const ledger = await t.ctx.db.selectFrom('payment').select('amount_cents').where('family_id', '=', f.familyId).execute();
      count.check(ledger.length, 'one payment in the ledger').toBe(1);
      if (after.state === 'paid') {
        count.check([booked.length, credit], 'paid: the day kept, no credit').toEqual([1, 0]);
      } else {
        count.check(after.state, 'else expired').toBe('expired');
        count.check([booked.length, credit], 'expired: the place released, the money as credit').toEqual([0, DAY_PRICE]);
        const late = await t.ctx.db.selectFrom('outbox').select('subject').where('family_id', '=', f.familyId).where('subject', 'like', 'Paiement reçu après%').execute();
        count.check(late.length, 'the family told once').toBe(1);
      }
      outcomes.add(after.state);
      await invariants();
    }
    expect(outcomes.size).toBeGreaterThanOrEqual(1);
  });

  it('two expiries at once and a held day cancelled meanwhile: places freed once, credited once, one mail', async () => {
    for (let round = 0; round < raceRuns(4); round++) {
      const fx = await payAtBookingActivity(t, { holdMinutes: 5 });
      const f = await familyWithChild();
      await reserve(f.client, {
        childId: f.childId,
        activityId: fx.activityId,
        periodId: fx.periodId,
        changes: ['2027-01-11', '2027-01-12'].map((day) => ({ day, unitId: fx.units.journee!, action: 'book' as const })),
      });
      const [b] = (await f.client.get('/api/baskets')).body;
      t.clock.advance(5 * 60_000 + 1000);
      await Promise.all([
        settleBasket(t.ctx, b.id),
        settleBasket(t.ctx, b.id),
        expireDueBaskets(t.ctx),
        reserve(f.client, { childId: f.childId, activityId: fx.activityId, periodId: fx.periodId, changes: [{ day: '2027-01-11', unitId: fx.units.journee!, action: 'cancel' }] }),
      ]);
      count.op(4);
      const after = (await f.client.get(`/api/baskets/${b.id}`)).body;
      count.check(after.state, 'expired').toBe('expired');
      const inv = await t.ctx.db.selectFrom('invoice').select(['total_cents', 'credited_cents']).where('id', '=', b.invoiceId).executeTakeFirstOrThrow();
      count.check(inv.credited_cents, 'the invoice cancelled exactly').toBe(inv.total_cents);
      const mails = await t.ctx.db.selectFrom('outbox').select('subject').where('family_id', '=', f.familyId).where('subject', 'like', 'Places libérées%').execute();
      count.check(mails.length, 'one expiry mail').toBe(1);
      const days = await t.ctx.db.selectFrom('unit_day').select('booked').where('unit_id', '=', fx.units.journee!).execute();
      count.check(days.map((d) => d.booked), 'every place freed').toEqual(days.map(() => 0));
      await invariants();
    }
  });
});
