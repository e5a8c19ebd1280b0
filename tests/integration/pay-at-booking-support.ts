/** Set-up of the « paiement à la réservation » tests: a pay-at-booking activity billed by an office with a tariff. */
import { randomUUID } from 'node:crypto';
import type { TestApp, TestClient } from '../support/app.js';
import { createActivityFixture, NO_DEADLINE, type ActivityFixture } from './booking-support.js';
import type { DeadlinePolicy } from '../../src/shared/booking-contracts.js';
import { deliverDemoNotifications } from '../../src/server/modules/payment/payment.service.js';

/** Cancellation accepted until 2 days before the day at noon, refused after (today's rule shape). */
export const CANCEL_J2: DeadlinePolicy = { deadline: { kind: 'daysBefore', days: 2, skip: 'none', at: '12:00' }, insideDeadline: 'accept', afterDeadline: 'refuse' };

export const DAY_PRICE = 1500;

let seq = 0;
export async function payAtBookingActivity(
  t: TestApp,
  o: { capacity?: number; holdMinutes?: number; waitlist?: 'auto' | 'staff'; period?: { startDay: string; endDay: string } } = {},
): Promise<ActivityFixture & { officeId: string; officeCode: string }> {
  const fx = await createActivityFixture(t, {
    units: { journee: o.capacity ?? 10 },
    activity: { name: 'Stage multisport', kind: 'petites_vacances', payAtBooking: true, holdMinutes: o.holdMinutes ?? 30, bookingPolicy: NO_DEADLINE, cancellationPolicy: CANCEL_J2, waitlistMode: o.waitlist ?? 'auto' },
    period: o.period ?? { startDay: '2026-12-14', endDay: '2027-01-29' },
  });
  const now = t.clock.now().toISOString();
  const officeId = randomUUID();
  const officeCode = `PB${++seq}${officeId.slice(0, 3).toUpperCase()}`;
  await t.ctx.db
    .insertInto('collection_office')
    .values({ id: officeId, name: `Régie ${officeCode}`, code: officeCode, address: null, payment_instructions: null, resident_postal_codes: '', resident_insee_codes: '', payment_term_days: 30, created_at: now, updated_at: now })
    .execute();
  await t.ctx.db.insertInto('office_activity').values({ activity_id: fx.activityId, office_id: officeId }).execute();
  const rule = { bands: [{ upToQuotient: null, residentCents: DAY_PRICE, nonResidentCents: DAY_PRICE }], siblingReductionsPercent: [], lateBooking: null, unbookedPresence: null, unjustifiedAbsenceCharged: true };
  for (const unitId of Object.values(fx.units))
    await t.ctx.db.insertInto('tariff').values({ unit_id: unitId, activity_id: fx.activityId, rule: JSON.stringify(rule), updated_at: now, updated_by: 'test' }).execute();
  return { ...fx, officeId, officeCode };
}

/** The family pays a basket at the demo bank (accepted) and the bank's notification is delivered. */
export async function payAtDemoBank(t: TestApp, client: TestClient, basketId: string): Promise<{ paymentId: string }> {
  const started = await client.post(`/api/baskets/${basketId}/payment`, {});
  if (started.status !== 201) throw new Error(`payment start ${started.status} ${JSON.stringify(started.body)}`);
  const opId = new URL(started.body.redirectUrl).pathname.split('/').pop()!;
  await decideAtBank(t, opId);
  t.clock.advance(t.ctx.config.payment.demoBankDelayMs + 1000);
  await deliverDemoNotifications(t.ctx);
  return { paymentId: started.body.payment.id };
}

export async function decideAtBank(t: TestApp, opId: string, choice: 'accepted' | 'refused' = 'accepted'): Promise<void> {
  await t.app.inject({ method: 'POST', url: `/demo-bank/${opId}`, headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' }, payload: `choice=${choice}` });
}

export async function unitDay(t: TestApp, unitId: string, day: string) {
  return t.ctx.db.selectFrom('unit_day').select(['booked', 'capacity']).where('unit_id', '=', unitId).where('day', '=', day).executeTakeFirst();
}
