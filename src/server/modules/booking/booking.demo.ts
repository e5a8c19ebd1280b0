/**
 * Demo history (`npm start`): a family's month of bookings, already taken and marked on the attendance sheets, as
 * if the month had been lived — what the billing demo invoices. Written straight into the booking tables in one
 * transaction (the demo is seeded before anyone signs in), with the unit-days' counters kept equal to the rows.
 */
import type { AppContext } from '../../context.js';
import { isoNow } from '../../clock.js';
import { daysInMonth, weekdayOf } from '../../../shared/calendar/paris-time.js';
import { writeTransaction } from '../../db/write.js';
import * as catalog from '../catalog/catalog.service.js';
import { childrenOfFamilies } from '../child/child.service.js';

/**
 * Books every open day of `month` for each child of the family on each unit of these activities (the morning
 * unit for the eldest only), as asked at `bookedAt`, and marks them: present, except the month's 2nd open day
 * (« absent justifié ») and, for the younger child, the 3rd (« absent non justifié »).
 */
export async function seedDemoMonth(
  ctx: AppContext,
  q: { familyId: string; accountId: string; markedBy: string; month: string; activityIds: string[]; bookedAt: string },
): Promise<void> {
  const now = isoNow(ctx.clock);
  const [y, m] = q.month.split('-').map(Number);
  const activities = (await catalog.listActivities(ctx.db)).filter((a) => q.activityIds.includes(a.id));
  const children = await childrenOfFamilies(ctx.db, [q.familyId]);
  const counts = new Map<string, number>();
  await writeTransaction(ctx, async (trx) => {
    for (const a of activities) {
      const weekdays = a.open_weekdays.split(',').map(Number);
      const [period] = await catalog.listPeriods(trx, a.id);
      const units = await catalog.listUnits(trx, a.id);
      for (const [ci, child] of children.entries()) {
        const r = await trx
          .insertInto('reservation')
          .values({ family_id: q.familyId, child_id: child.id, activity_id: a.id, period_id: period.id, kind: 'booking', idempotency_key: `demo-${q.month}-${a.id}-${child.id}`, request_hash: 'demo', account_id: q.accountId, created_at: q.bookedAt })
          .returning('id')
          .executeTakeFirstOrThrow();
        let open = 0;
        for (let d = 1; d <= daysInMonth(y, m); d++) {
          const day = `${q.month}-${String(d).padStart(2, '0')}`;
          if (!weekdays.includes(weekdayOf(day))) continue;
          open++;
          for (const u of units.filter((x) => x.code !== 'matin' || ci === 0)) {
            const line = await trx
              .insertInto('reservation_line')
              .values({ reservation_id: r.id, unit_id: u.id, day, action: 'book', state: 'accepted', reason: null, decided_at: null, decided_by: null })
              .returning('id')
              .executeTakeFirstOrThrow();
            await trx
              .insertInto('booking')
              .values({ family_id: q.familyId, child_id: child.id, activity_id: a.id, unit_id: u.id, day, state: 'accepted', line_id: line.id, cancel_line_id: null, created_at: now, updated_at: now })
              .execute();
            counts.set(`${u.id}|${day}`, (counts.get(`${u.id}|${day}`) ?? 0) + 1);
            const status = open === 2 ? 'absent_justified' : open === 3 && ci === 1 ? 'absent_unjustified' : 'present';
            await trx.insertInto('attendance').values({ child_id: child.id, unit_id: u.id, day, status, marked_by: q.markedBy, marked_at: `${day}T17:00:00.000Z` }).execute();
          }
        }
      }
      for (const u of units)
        for (const [key, booked] of counts) {
          const [unitId, day] = key.split('|');
          if (unitId !== u.id) continue;
          await trx
            .insertInto('unit_day')
            .values({ unit_id: unitId, day, capacity: Math.max(u.default_capacity, booked), booked, overridden: 0 })
            .onConflict((oc) => oc.columns(['unit_id', 'day']).doUpdateSet((eb) => ({ booked: eb('unit_day.booked', '+', booked) })))
            .execute();
          counts.delete(key);
        }
    }
  });
}
