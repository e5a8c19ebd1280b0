/**
 * « Paiement à la réservation » (issue 13, docs/money.md), over HTTP on SQLite and PostgreSQL: booked days of a
 * pay-at-booking activity are held and priced at once in a basket with a numbered invoice; paid at the demo bank
 * they are confirmed and the invoice paid; unpaid at expiry their places go back (to the waiting list first) and the
 * invoice is cancelled by a credit note; the bank confirming after the expiry leaves the money as credit; a paid day
 * cancelled in time is credited, late it is refused; the monthly run leaves basket days out; access per family.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { childOf, reserve } from './booking-support.js';
import { getRaw, readZip } from './document-support.js';
import { DAY_PRICE, decideAtBank, payAtBookingActivity, payAtDemoBank, unitDay } from './pay-at-booking-support.js';
import { expireDueBaskets } from '../../src/server/modules/booking/booking.baskets.js';
import { deliverDemoNotifications } from '../../src/server/modules/payment/payment.service.js';
import { bookedDaysOf } from '../../src/server/modules/booking/booking.billable.js';

let t: TestApp;
let agent: TestClient;
beforeAll(async () => {
  // sessions outlive the clock's jumps (holds of 30 minutes, deadlines days later)
  t = await createTestApp({ clockStart: '2026-12-10T09:00:00Z', config: { sessionIdleMs: 30 * 86_400_000 } });
  agent = await loginAs(t, (await createStaff(t.ctx, { role: 'agent' })).accountId);
});
afterAll(async () => {
  await t.close();
});

async function familyWithChild() {
  const family = await createFamily(t.ctx, { status: 'active' });
  const client = await loginAs(t, family.accountId);
  const childId = await childOf(t, family);
  return { family, client, childId };
}

const book = (fx: { activityId: string; periodId: string; units: Record<string, string> }, client: TestClient, childId: string, days: string[], action: 'book' | 'cancel' = 'book') =>
  reserve(client, { childId, activityId: fx.activityId, periodId: fx.periodId, changes: days.map((day) => ({ day, unitId: fx.units.journee!, action })) });

const mails = (familyId: string) => t.ctx.db.selectFrom('outbox').select(['subject', 'text_body', 'template']).where('family_id', '=', familyId).execute();
const sent = async (familyId: string, subject: string) => (await mails(familyId)).some((m) => m.subject.startsWith(subject));
const credit = async (client: TestClient) => (await client.get('/api/billing/account')).body.creditCents as number;

describe('holding and pricing at once', () => {
  it('holds the accepted days in a basket with a numbered invoice; the monthly run leaves them out', async () => {
    const fx = await payAtBookingActivity(t);
    const { family, client, childId } = await familyWithChild();
    const res = await book(fx, client, childId, ['2026-12-14', '2026-12-15']);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.lines.map((l: { state: string }) => l.state)).toEqual(['accepted', 'accepted']);
    const baskets = await client.get('/api/baskets');
    expect(baskets.status).toBe(200);
    expect(baskets.body).toHaveLength(1);
    const b = baskets.body[0];
    expect(b).toMatchObject({ state: 'held', totalCents: 2 * DAY_PRICE, balanceCents: 2 * DAY_PRICE, activityName: 'Stage multisport', reservationId: res.body.number });
    expect(b.expiresAt).toBe('2026-12-10T09:30:00.000Z');
    expect(b.invoiceNumber).toMatch(new RegExp(`^${fx.officeCode}-2026-`));
    expect(b.days.map((d: { day: string; priceCents: number; state: string }) => [d.day, d.priceCents, d.state])).toEqual([
      ['2026-12-14', DAY_PRICE, 'held'],
      ['2026-12-15', DAY_PRICE, 'held'],
    ]);
    // the places are taken: holds count against capacity
    expect((await unitDay(t, fx.units.journee!, '2026-12-14'))?.booked).toBe(1);
    // the invoice is the family's, published, due today, its lines the days
    const inv = await t.ctx.db.selectFrom('invoice').selectAll().where('id', '=', b.invoiceId).executeTakeFirstOrThrow();
    expect(inv).toMatchObject({ family_id: family.familyId, state: 'published', due_on: '2026-12-10', total_cents: 2 * DAY_PRICE });
    const lines = await t.ctx.db.selectFrom('invoice_line').select(['days', 'quantity']).where('invoice_id', '=', b.invoiceId).execute();
    expect(lines).toEqual([{ days: '2026-12-14,2026-12-15', quantity: 2 }]);
    // the monthly run would not bill them again
    const billable = await bookedDaysOf(t.ctx.db, { childIds: [childId], activityIds: [fx.activityId], unitIds: [fx.units.journee!], first: '2026-12-01', last: '2026-12-31' });
    expect(billable).toEqual([]);
    expect((await client.get(`/api/baskets/${b.id}`)).body.id).toBe(b.id);
    // the family's data export carries its baskets (booking's privacy section)
    const exported = await getRaw(t, client, '/api/family/export');
    expect(exported.status).toBe(200);
    const data = JSON.parse(readZip(exported.body).get('donnees.json')!.toString('utf8'));
    expect(data.other.booking_basket.map((x: { id: string }) => x.id)).toEqual([b.id]);
    expect(data.other.booking_basket_day).toHaveLength(2);
  });

  it('another family gets 404 on the basket and its payment; staff list a family’s baskets; families cannot', async () => {
    const fx = await payAtBookingActivity(t);
    const { family, client, childId } = await familyWithChild();
    await book(fx, client, childId, ['2026-12-16']);
    const [b] = (await client.get('/api/baskets')).body;
    const stranger = await loginAs(t, (await createFamily(t.ctx, { status: 'active' })).accountId);
    expect((await stranger.get(`/api/baskets/${b.id}`)).status).toBe(404);
    expect((await stranger.post(`/api/baskets/${b.id}/payment`, {})).status).toBe(404);
    expect((await stranger.get('/api/baskets')).body).toEqual([]);
    expect((await client.get('/api/baskets/not-a-uuid')).status).toBe(400);
    const staffView = await agent.get(`/api/staff/families/${family.familyId}/baskets`);
    expect(staffView.status).toBe(200);
    expect(staffView.body.map((x: { id: string }) => x.id)).toEqual([b.id]);
    expect((await agent.get('/api/staff/families/unknown-family/baskets')).status).toBe(404);
    expect((await client.get(`/api/staff/families/${family.familyId}/baskets`)).status).toBe(403);
  });
});

describe('paying the basket', () => {
  it('confirms the days and pays the invoice; the family is mailed; paying again is 409', async () => {
    const fx = await payAtBookingActivity(t);
    const { family, client, childId } = await familyWithChild();
    await book(fx, client, childId, ['2026-12-14', '2026-12-15']);
    const [b] = (await client.get('/api/baskets')).body;
    const { paymentId } = await payAtDemoBank(t, client, b.id);
    expect((await client.get(`/api/payments/${paymentId}`)).body.status).toBe('paid');
    const after = (await client.get(`/api/baskets/${b.id}`)).body;
    expect(after.state).toBe('paid');
    expect(after.balanceCents).toBe(0);
    expect(after.days.every((d: { state: string }) => d.state === 'paid')).toBe(true);
    const inv = await t.ctx.db.selectFrom('invoice').select(['paid_cents', 'total_cents']).where('id', '=', b.invoiceId).executeTakeFirstOrThrow();
    expect(inv.paid_cents).toBe(inv.total_cents);
    expect(await sent(family.familyId, 'Réservation confirmée et payée — Stage multisport')).toBe(true);
    const again = await client.post(`/api/baskets/${b.id}/payment`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('payAtBooking.basket_paid');
    // the expiry job later leaves a paid basket alone
    t.clock.advance(60 * 60_000);
    await expireDueBaskets(t.ctx);
    expect((await client.get(`/api/baskets/${b.id}`)).body.state).toBe('paid');
    expect((await unitDay(t, fx.units.journee!, '2026-12-14'))?.booked).toBe(1);
  });

  it('a second device gets a clear 409 while the first payment is at the bank', async () => {
    const fx = await payAtBookingActivity(t);
    const { client, childId } = await familyWithChild();
    await book(fx, client, childId, ['2026-12-17']);
    const [b] = (await client.get('/api/baskets')).body;
    expect((await client.post(`/api/baskets/${b.id}/payment`, {})).status).toBe(201);
    const second = await client.post(`/api/baskets/${b.id}/payment`, {});
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('payAtBooking.payment_in_progress');
    expect(second.body.error.message).toMatch(/déjà en cours/);
  });
});

describe('expiry', () => {
  it('releases the places to the waiting list first, cancels the invoice by a credit note and mails the family', async () => {
    const fx = await payAtBookingActivity(t, { capacity: 1 });
    const a = await familyWithChild();
    const w = await familyWithChild();
    await book(fx, a.client, a.childId, ['2026-12-14']);
    const waiting = await book(fx, w.client, w.childId, ['2026-12-14']);
    expect(waiting.body.lines[0].state).toBe('waitlisted');
    const [b] = (await a.client.get('/api/baskets')).body;
    // not yet: 29 minutes
    t.clock.advance(29 * 60_000);
    expect(await expireDueBaskets(t.ctx)).toBe(0);
    t.clock.advance(2 * 60_000);
    expect(await expireDueBaskets(t.ctx)).toBeGreaterThanOrEqual(1);
    const after = (await a.client.get(`/api/baskets/${b.id}`)).body;
    expect(after.state).toBe('expired');
    expect(after.balanceCents).toBe(0);
    expect(after.days[0].state).toBe('released');
    const inv = await t.ctx.db.selectFrom('invoice').select(['credited_cents', 'total_cents', 'paid_cents']).where('id', '=', b.invoiceId).executeTakeFirstOrThrow();
    expect(inv.credited_cents).toBe(inv.total_cents);
    const notes = await t.ctx.db.selectFrom('credit_note').select('amount_cents').where('invoice_id', '=', b.invoiceId).execute();
    expect(notes).toEqual([{ amount_cents: DAY_PRICE }]);
    // the waiting child got the place; capacity holds
    const promoted = await t.ctx.db.selectFrom('booking').select('state').where('child_id', '=', w.childId).where('day', '=', '2026-12-14').executeTakeFirstOrThrow();
    expect(promoted.state).toBe('accepted');
    expect((await unitDay(t, fx.units.journee!, '2026-12-14'))?.booked).toBe(1);
    expect(await sent(a.family.familyId, 'Places libérées — Stage multisport')).toBe(true);
    const pay = await a.client.post(`/api/baskets/${b.id}/payment`, {});
    expect(pay.status).toBe(409);
    expect(pay.body.error.code).toBe('payAtBooking.basket_expired');
    expect(await credit(a.client)).toBe(0);
  });

  it('is decided lazily when the family reads its baskets, without the job', async () => {
    const fx = await payAtBookingActivity(t, { holdMinutes: 10 });
    const { client, childId } = await familyWithChild();
    await book(fx, client, childId, ['2026-12-18']);
    t.clock.advance(11 * 60_000);
    const [b] = (await client.get('/api/baskets')).body;
    expect(b.state).toBe('expired');
    expect((await unitDay(t, fx.units.journee!, '2026-12-18'))?.booked).toBe(0);
  });

  it('the bank confirming AFTER the expiry: the money becomes the family’s credit and the family is told', async () => {
    const fx = await payAtBookingActivity(t);
    const { family, client, childId } = await familyWithChild();
    await book(fx, client, childId, ['2026-12-21', '2026-12-22']);
    const [b] = (await client.get('/api/baskets')).body;
    const started = await client.post(`/api/baskets/${b.id}/payment`, {});
    expect(started.status).toBe(201);
    const opId = new URL(started.body.redirectUrl).pathname.split('/').pop()!;
    t.clock.advance(31 * 60_000);
    await expireDueBaskets(t.ctx);
    expect((await client.get(`/api/baskets/${b.id}`)).body.state).toBe('expired');
    await decideAtBank(t, opId);
    t.clock.advance(t.ctx.config.payment.demoBankDelayMs + 1000);
    await deliverDemoNotifications(t.ctx);
    expect((await client.get(`/api/payments/${started.body.payment.id}`)).body.status).toBe('paid');
    const after = (await client.get(`/api/baskets/${b.id}`)).body;
    expect(after.state).toBe('expired');
    expect(await credit(client)).toBe(2 * DAY_PRICE);
    expect((await unitDay(t, fx.units.journee!, '2026-12-21'))?.booked).toBe(0);
    expect(await sent(family.familyId, 'Paiement reçu après l’expiration de votre panier')).toBe(true);
  });

  it('the bank confirming BEFORE the expiry job: the basket is paid and keeps its places', async () => {
    const fx = await payAtBookingActivity(t);
    const { client, childId } = await familyWithChild();
    await book(fx, client, childId, ['2026-12-23']);
    const [b] = (await client.get('/api/baskets')).body;
    const started = await client.post(`/api/baskets/${b.id}/payment`, {});
    const opId = new URL(started.body.redirectUrl).pathname.split('/').pop()!;
    await decideAtBank(t, opId);
    t.clock.advance(31 * 60_000); // the notification and the job both due: the notification first
    await deliverDemoNotifications(t.ctx);
    await expireDueBaskets(t.ctx);
    expect((await client.get(`/api/baskets/${b.id}`)).body.state).toBe('paid');
    expect((await unitDay(t, fx.units.journee!, '2026-12-23'))?.booked).toBe(1);
    expect(await credit(client)).toBe(0);
  });

  it('a basket paid at the cash office is confirmed, not expired', async () => {
    const fx = await payAtBookingActivity(t);
    const { family, client, childId } = await familyWithChild();
    await book(fx, client, childId, ['2026-12-24']);
    const [b] = (await client.get('/api/baskets')).body;
    const agent = await loginAs(t, (await createStaff(t.ctx, { role: 'agent' })).accountId);
    const cheque = await agent.post('/api/staff/billing/payments', { familyId: family.familyId, method: 'cheque', amountCents: DAY_PRICE, reference: 'CHQ 1', receivedOn: '2026-12-10', allocations: [{ invoiceId: b.invoiceId, amountCents: DAY_PRICE }] });
    expect(cheque.status, JSON.stringify(cheque.body)).toBe(201);
    t.clock.advance(31 * 60_000);
    await expireDueBaskets(t.ctx);
    expect((await client.get(`/api/baskets/${b.id}`)).body.state).toBe('paid');
  });
});

describe('cancelling a paid day', () => {
  it('inside the deadline: a credit note of its price, the family’s credit, a mail; after the deadline: refused', async () => {
    const fx = await payAtBookingActivity(t);
    const { family, client, childId } = await familyWithChild();
    await book(fx, client, childId, ['2026-12-28', '2026-12-29']);
    const [b] = (await client.get('/api/baskets')).body;
    await payAtDemoBank(t, client, b.id);
    expect((await client.get(`/api/baskets/${b.id}`)).body.state).toBe('paid');
    const cancel = await book(fx, client, childId, ['2026-12-28'], 'cancel');
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(201);
    expect(cancel.body.lines[0].state).toBe('accepted');
    const after = (await client.get(`/api/baskets/${b.id}`)).body;
    expect(after.state).toBe('paid');
    expect(after.days.map((d: { day: string; state: string }) => [d.day, d.state])).toEqual([
      ['2026-12-28', 'cancelled'],
      ['2026-12-29', 'paid'],
    ]);
    expect(await credit(client)).toBe(DAY_PRICE);
    const notes = await t.ctx.db.selectFrom('credit_note').select('amount_cents').where('invoice_id', '=', b.invoiceId).execute();
    expect(notes).toEqual([{ amount_cents: DAY_PRICE }]);
    expect(await sent(family.familyId, 'Un avoir a été ajouté à votre compte')).toBe(true);
    expect((await unitDay(t, fx.units.journee!, '2026-12-28'))?.booked).toBe(0);
    // the other day, once inside its deadline (2 days before at noon): refused, nothing credited
    t.clock.set('2026-12-27T13:00:00Z');
    const again = await loginAs(t, family.accountId); // a session signed in at the new hour
    const late = await book(fx, again, childId, ['2026-12-29'], 'cancel');
    expect(late.status, JSON.stringify(late.body)).toBe(201);
    expect(late.body.lines[0]).toMatchObject({ state: 'refused', reason: 'booking.cancel_deadline_passed' });
    expect(await credit(again)).toBe(DAY_PRICE);
    t.clock.set('2026-12-10T09:00:00Z');
  });

  it('a held day cancelled before paying is credited off the invoice; the last one cancels the basket', async () => {
    const fx = await payAtBookingActivity(t);
    const { client, childId } = await familyWithChild();
    await book(fx, client, childId, ['2027-01-04', '2027-01-05']);
    const [b] = (await client.get('/api/baskets')).body;
    await book(fx, client, childId, ['2027-01-04'], 'cancel');
    let after = (await client.get(`/api/baskets/${b.id}`)).body;
    expect(after.state).toBe('held');
    expect(after.balanceCents).toBe(DAY_PRICE);
    await book(fx, client, childId, ['2027-01-05'], 'cancel');
    after = (await client.get(`/api/baskets/${b.id}`)).body;
    expect(after.state).toBe('cancelled');
    expect(after.balanceCents).toBe(0);
    expect(await credit(client)).toBe(0);
  });
});

describe('the activity setting (catalog)', () => {
  it('saves the option and the hold; a hold out of 5–1440 minutes is a 400 with a French sentence', async () => {
    const fx = await payAtBookingActivity(t);
    const admin = await loginAs(t, (await createStaff(t.ctx, { role: 'admin' })).accountId);
    const cat = (await admin.get('/api/staff/catalog')).body;
    const a = cat.establishments.flatMap((e: { activities: { id: string }[] }) => e.activities).find((x: { id: string }) => x.id === fx.activityId);
    expect(a).toMatchObject({ payAtBooking: true, holdMinutes: 30 });
    const input = { establishmentId: fx.establishmentId, name: a.name, kind: a.kind, minAge: a.minAge, maxAge: a.maxAge, openWeekdays: a.openWeekdays, schoolHolidays: a.schoolHolidays, bookingPolicy: a.bookingPolicy, cancellationPolicy: a.cancellationPolicy, waitlistMode: a.waitlistMode };
    const bad = await admin.patch(`/api/staff/catalog/activities/${fx.activityId}`, { ...input, payAtBooking: true, holdMinutes: 2 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('entre 5 et 1440');
    const ok = await admin.patch(`/api/staff/catalog/activities/${fx.activityId}`, { ...input, payAtBooking: true, holdMinutes: 45 });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ payAtBooking: true, holdMinutes: 45 });
    const off = await admin.patch(`/api/staff/catalog/activities/${fx.activityId}`, { ...input, payAtBooking: false, holdMinutes: 45 });
    expect(off.body.payAtBooking).toBe(false);
    // without the option, booked days are ordinary bookings (no basket)
    const { client, childId } = await familyWithChild();
    await book(fx, client, childId, ['2027-01-06']);
    expect((await client.get('/api/baskets')).body).toEqual([]);
  });
});
