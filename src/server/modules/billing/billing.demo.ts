import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { isoNow } from '../../clock.js';
import { addDays, parisDateOf } from '../../../shared/calendar/paris-time.js';
import type { TariffRule } from '../../../shared/billing-contracts.js';
import { writeTransaction } from '../../db/write.js';
import { applyPayment } from './billing.payments.js';
import * as catalog from '../catalog/catalog.service.js';
import { familyLogin, oldestAdmin } from '../account/account.logins.js';
import { seedDemoMonth } from '../booking/booking.demo.js';
import { publishRun, startRun, waitForRun } from './billing.run.js';
import { DEFAULT_REMINDER_STEPS } from './billing.money.js';

const RULE: TariffRule = {
  bands: [
    { upToQuotient: 500, residentCents: 120, nonResidentCents: 240 },
    { upToQuotient: 900, residentCents: 210, nonResidentCents: 380 },
    { upToQuotient: null, residentCents: 320, nonResidentCents: 480 },
  ],
  siblingReductionsPercent: [0, 10, 20],
  lateBooking: { kind: 'percent', value: 50, daysBefore: 2 },
  unbookedPresence: { kind: 'fixed', value: 500 },
  unjustifiedAbsenceCharged: true,
};
const MEAL: TariffRule = {
  ...RULE,
  bands: [
    { upToQuotient: 500, residentCents: 90, nonResidentCents: 450 },
    { upToQuotient: 900, residentCents: 285, nonResidentCents: 450 },
    { upToQuotient: null, residentCents: 395, nonResidentCents: 520 },
  ],
};

function previousMonth(day: string, back: number): string {
  let [y, m] = day.split('-').map(Number);
  m -= back;
  while (m < 1) {
    m += 12;
    y -= 1;
  }
  return `${y}-${String(m).padStart(2, '0')}`;
}

/**
 * Demo billing: the city's collection office invoicing the school activities, tariffs by quotient, and the demo
 * family's last two months of périscolaire and canteen — the older one published and paid by cheque, the last one
 * published and still to pay — so that « Mes Factures & Paiements » shows both states after `npm start`.
 */
export async function seedBillingDemo(ctx: AppContext, familyId: string): Promise<void> {
  const now = isoNow(ctx.clock);
  const today = parisDateOf(ctx.clock.now());
  const admin = await oldestAdmin(ctx.db);
  if (!admin) throw new Error('billing demo: no administrator');
  const acts = (await catalog.listActivities(ctx.db)).filter((a) => a.kind === 'periscolaire' || a.kind === 'restauration');
  // « paiement à la réservation » (issue 13): the Wednesdays are paid when booked; the office bills them too
  const prepaid = (await catalog.listActivities(ctx.db)).filter((a) => a.pay_at_booking === 1);
  const units = (await Promise.all([...acts, ...prepaid].map((a) => catalog.listUnits(ctx.db, a.id)))).flat();
  const account = await familyLogin(ctx.db, familyId);
  if (!account) throw new Error('billing demo: the family has no login');
  const officeId = randomUUID();

  await writeTransaction(ctx, async (trx) => {
    await trx
      .insertInto('collection_office')
      .values({
        id: officeId,
        name: 'Régie enfance-jeunesse',
        code: 'REJ',
        address: 'Hôtel de ville, Grand-Place, 59560 Comines',
        payment_instructions:
          'En ligne depuis « Mes Factures & Paiements », ou à la régie (mairie, du lundi au vendredi de 8 h 30 à 12 h) : chèque à l’ordre du Trésor public, espèces, CESU. Rappelez le numéro de facture.',
        resident_postal_codes: '59560',
        resident_insee_codes: '59152',
        payment_term_days: 30,
        created_at: now,
        updated_at: now,
      })
      .execute();
    for (const a of [...acts, ...prepaid]) await trx.insertInto('office_activity').values({ activity_id: a.id, office_id: officeId }).execute();
    for (const u of units)
      await trx
        .insertInto('tariff')
        .values({ unit_id: u.id, activity_id: u.activity_id, rule: JSON.stringify(u.code === 'repas' ? MEAL : RULE), updated_at: now, updated_by: admin.id })
        .execute();
  });

  for (const back of [2, 1]) {
    const month = previousMonth(today, back);
    await seedDemoMonth(ctx, {
      familyId,
      accountId: account.id,
      markedBy: admin.id,
      month,
      activityIds: acts.map((a) => a.id),
      bookedAt: `${previousMonth(today, back + 1)}-20T09:00:00.000Z`,
    });
    const runId = await startRun(ctx, admin, officeId, month);
    await waitForRun(ctx, runId); // computed by the background job
    await publishRun(ctx, admin, runId);
    if (back === 2) {
      const inv = await ctx.db.selectFrom('invoice').select(['id', 'total_cents']).where('run_id', '=', runId).where('family_id', '=', familyId).executeTakeFirstOrThrow();
      await writeTransaction(ctx, (trx) =>
        applyPayment(trx, ctx, {
          familyId,
          allocations: [{ invoiceId: inv.id, amountCents: inv.total_cents }],
          method: 'cheque',
          reference: 'Chèque n° 0001234',
          receivedOn: addDays(today, -5),
          actor: admin,
        }),
      );
    }
  }
  await seedMoneyDemo(ctx, officeId, admin.id);
}

/**
 * Issue 13's settings on the demo office, so that a newcomer can try direct debit, reminders and the debt rule after
 * `npm start`: a (valid, fictitious) creditor identifier, IBAN and BIC, the legal 14 days of pre-notification, the
 * usual reminder schedule (e-mail at +7 and +21 days, letter at +35), bookings of non-essential activities suspended
 * from 150 € overdue or an invoice 60 days late, and the establishments' identifiers for the tax certificate.
 */
async function seedMoneyDemo(ctx: AppContext, officeId: string, adminId: string): Promise<void> {
  const now = isoNow(ctx.clock);
  await writeTransaction(ctx, async (trx) => {
    await trx
      .insertInto('office_money_setting')
      .values({
        office_id: officeId,
        creditor_id: 'FR72ZZZ123456',
        creditor_name: 'Régie enfance-jeunesse de Comines',
        creditor_iban: 'FR1420041010050500013M02606',
        creditor_bic: 'PSSTFRPPLIL',
        prenotification_days: 14,
        reminder_steps: JSON.stringify(DEFAULT_REMINDER_STEPS),
        debt_min_cents: 15000,
        debt_min_age_days: 60,
        auto_allocate_credit: 0,
        updated_at: now,
        updated_by: adminId,
      })
      .execute();
    let n = 0;
    for (const e of await catalog.listEstablishments(trx))
      await trx.insertInto('establishment_identifier').values({ establishment_id: e.id, identifier: `SIRET 215 901 520 000${String(++n).padStart(2, '0')}` }).execute();
  });
}
