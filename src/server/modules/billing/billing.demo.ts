import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { isoNow } from '../../clock.js';
import { addDays, daysInMonth, parisDateOf, weekdayOf } from '../../../shared/calendar/paris-time.js';
import type { TariffRule } from '../../../shared/billing-contracts.js';
import { writeTransaction } from '../../db/write.js';
import { applyPayment } from './billing.payments.js';
import { publishRun, startRun, waitForRun } from './billing.run.js';

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
  const admin = await ctx.db.selectFrom('account').select(['id', 'email']).where('kind', '=', 'staff').where('role', '=', 'admin').executeTakeFirstOrThrow();
  const acts = await ctx.db
    .selectFrom('activity')
    .select(['id', 'open_weekdays', 'kind'])
    .where('kind', 'in', ['periscolaire', 'restauration'])
    .execute();
  const units = await ctx.db.selectFrom('unit').select(['id', 'activity_id', 'code', 'default_capacity']).where('activity_id', 'in', acts.map((a) => a.id)).execute();
  const children = await ctx.db.selectFrom('child').select(['id']).where('family_id', '=', familyId).orderBy('birth_date').execute();
  const account = await ctx.db.selectFrom('account').select('id').where('family_id', '=', familyId).executeTakeFirstOrThrow();
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
    for (const a of acts) await trx.insertInto('office_activity').values({ activity_id: a.id, office_id: officeId }).execute();
    for (const u of units)
      await trx
        .insertInto('tariff')
        .values({ unit_id: u.id, activity_id: u.activity_id, rule: JSON.stringify(u.code === 'repas' ? MEAL : RULE), updated_at: now, updated_by: admin.id })
        .execute();
  });

  for (const back of [2, 1]) {
    const month = previousMonth(today, back);
    const [y, m] = month.split('-').map(Number);
    const counts = new Map<string, number>();
    await writeTransaction(ctx, async (trx) => {
      for (const a of acts) {
        const weekdays = a.open_weekdays.split(',').map(Number);
        const period = await trx.selectFrom('period').select('id').where('activity_id', '=', a.id).executeTakeFirstOrThrow();
        for (const [ci, child] of children.entries()) {
          const r = await trx
            .insertInto('reservation')
            .values({ family_id: familyId, child_id: child.id, activity_id: a.id, period_id: period.id, kind: 'booking', idempotency_key: `demo-${month}-${a.id}-${child.id}`, request_hash: 'demo', account_id: account.id, created_at: `${previousMonth(today, back + 1)}-20T09:00:00.000Z` })
            .returning('id')
            .executeTakeFirstOrThrow();
          let open = 0;
          for (let d = 1; d <= daysInMonth(y, m); d++) {
            const day = `${month}-${String(d).padStart(2, '0')}`;
            if (!weekdays.includes(weekdayOf(day))) continue;
            open++;
            for (const u of units.filter((x) => x.activity_id === a.id && (x.code !== 'matin' || ci === 0))) {
              const line = await trx
                .insertInto('reservation_line')
                .values({ reservation_id: r.id, unit_id: u.id, day, action: 'book', state: 'accepted', reason: null, decided_at: null, decided_by: null })
                .returning('id')
                .executeTakeFirstOrThrow();
              await trx
                .insertInto('booking')
                .values({ family_id: familyId, child_id: child.id, activity_id: a.id, unit_id: u.id, day, state: 'accepted', line_id: line.id, cancel_line_id: null, created_at: now, updated_at: now })
                .execute();
              counts.set(`${u.id}|${day}`, (counts.get(`${u.id}|${day}`) ?? 0) + 1);
              // attendance: mostly present; the 2nd open day a justified absence, the 3rd an unjustified one (younger child)
              const status = open === 2 ? 'absent_justified' : open === 3 && ci === 1 ? 'absent_unjustified' : 'present';
              await trx.insertInto('attendance').values({ child_id: child.id, unit_id: u.id, day, status, marked_by: admin.id, marked_at: `${day}T17:00:00.000Z` }).execute();
            }
          }
        }
      }
      for (const [key, booked] of counts) {
        const [unitId, day] = key.split('|');
        const u = units.find((x) => x.id === unitId)!;
        await trx
          .insertInto('unit_day')
          .values({ unit_id: unitId, day, capacity: Math.max(u.default_capacity, booked), booked, overridden: 0 })
          .onConflict((oc) => oc.columns(['unit_id', 'day']).doUpdateSet((eb) => ({ booked: eb('unit_day.booked', '+', booked) })))
          .execute();
      }
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
}
