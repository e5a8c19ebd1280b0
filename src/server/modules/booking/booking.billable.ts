/**
 * What the monthly invoicing run reads from bookings and attendance (billing never touches these tables itself;
 * billing.sources.ts gathers them with the other modules' reads). Shaped for 50,000 families a month (issue 16):
 * the days are aggregated by the database, so a family costs a dozen rows instead of one per booked day, and the
 * run's lists come from narrow indexes rather than a scan of the month.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { dialectOf } from '../../db/database.js';
import type { AttendanceStatus } from '../../../shared/booking-contracts.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Accepted days of one child on one unit, with the same booking instant and the same attendance mark. */
export interface BookedDays {
  /** the household that booked these days: the one they are billed to (issue 11, a child shared by two households) */
  familyId: string;
  childId: string;
  unitId: string;
  /** when the family asked for these days (the reservation), for the late-booking surcharge; null if unknown */
  bookedAt: string | null;
  /** the mark taken on the attendance sheet; null: no mark */
  status: AttendanceStatus | null;
  days: string[];
}

/** The families with an accepted booking on one of the units within [first, last] (index-only: booking_unit_day_idx). */
export async function familiesWithBookings(db: Executor, unitIds: string[], first: string, last: string): Promise<string[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('booking')
    .select('family_id')
    .distinct()
    .where('unit_id', 'in', unitIds)
    .where('day', '>=', first)
    .where('day', '<=', last)
    .where('state', '=', 'accepted')
    .execute();
  return rows.map((r) => r.family_id);
}

/** The children marked « présent sans réservation » on one of the units within [first, last] (partial index). */
export async function childrenPresentUnbooked(db: Executor, unitIds: string[], first: string, last: string): Promise<string[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('attendance')
    .select('child_id')
    .distinct()
    .where('unit_id', 'in', unitIds)
    .where('day', '>=', first)
    .where('day', '<=', last)
    .where('status', '=', 'present_unbooked')
    .execute();
  return rows.map((r) => r.child_id);
}

/**
 * The accepted days of these children on these units within [first, last], grouped by child, unit, booking instant
 * and attendance mark (days sorted). Three aggregated reads (bookings by reservation, marks by status, the
 * reservations' instants) joined here: a join per booked day in SQL cost three times as much (bench/invoicing.ts).
 */
export async function bookedDaysOf(
  db: Executor,
  q: { childIds: string[]; activityIds: string[]; unitIds: string[]; first: string; last: string },
): Promise<BookedDays[]> {
  if (q.childIds.length === 0 || q.unitIds.length === 0) return [];
  const pg = dialectOf(db) === 'postgres';
  const days = pg ? sql<string>`string_agg(b.day, ',')` : sql<string>`group_concat(b.day, ',')`;
  const markDays = pg ? sql<string>`string_agg(at.day, ',')` : sql<string>`group_concat(at.day, ',')`;
  const units = new Set(q.unitIds);
  const [booked, marks] = await Promise.all([
    db
      .selectFrom('booking as b')
      .leftJoin('reservation_line as rl', 'rl.id', 'b.line_id')
      .select(['b.family_id', 'b.child_id', 'b.unit_id', 'rl.reservation_id', days.as('days')])
      // by child, activity and day: booking_billing_idx covers it; the units are filtered below, as a unit
      // condition draws the planners to the unit index (the whole month of every family, for each chunk)
      .where('b.child_id', 'in', q.childIds)
      .where('b.activity_id', 'in', q.activityIds)
      .where('b.day', '>=', q.first)
      .where('b.day', '<=', q.last)
      .where('b.state', '=', 'accepted')
      // « paiement à la réservation »: a basket's days are invoiced by the basket (booking.baskets.ts), not the month
      .where((eb) => eb.not(eb.exists(eb.selectFrom('booking_basket_day as bd').select('bd.booking_id').whereRef('bd.booking_id', '=', 'b.id'))))
      .groupBy(['b.family_id', 'b.child_id', 'b.unit_id', 'rl.reservation_id'])
      .execute(),
    db
      .selectFrom('attendance as at')
      .select(['at.child_id', 'at.unit_id', 'at.status', markDays.as('days')])
      .where('at.child_id', 'in', q.childIds)
      .where('at.day', '>=', q.first)
      .where('at.day', '<=', q.last)
      .groupBy(['at.child_id', 'at.unit_id', 'at.status'])
      .execute(),
  ]);
  const reservationIds = [...new Set(booked.map((b) => b.reservation_id).filter((id): id is number => id !== null))];
  const bookedAt = new Map<number, string>();
  for (let i = 0; i < reservationIds.length; i += 1000)
    for (const r of await db.selectFrom('reservation').select(['id', 'created_at']).where('id', 'in', reservationIds.slice(i, i + 1000)).execute())
      bookedAt.set(r.id, r.created_at);
  // the marks by child and unit, then by day (one string key per child-unit, not per day)
  const marksOf = new Map<string, Map<string, AttendanceStatus>>();
  for (const m of marks) {
    if (!units.has(m.unit_id)) continue;
    const key = `${m.child_id}|${m.unit_id}`;
    let byDay = marksOf.get(key);
    if (!byDay) marksOf.set(key, (byDay = new Map()));
    for (const day of m.days.split(',')) byDay.set(day, m.status);
  }

  const out: BookedDays[] = [];
  for (const b of booked) {
    if (!units.has(b.unit_id)) continue;
    const at = b.reservation_id === null ? null : (bookedAt.get(b.reservation_id) ?? null);
    const byDay = marksOf.get(`${b.child_id}|${b.unit_id}`);
    const byStatus = new Map<AttendanceStatus | null, string[]>();
    for (const day of b.days.split(',').sort()) {
      const status = byDay?.get(day) ?? null;
      const list = byStatus.get(status);
      if (list) list.push(day);
      else byStatus.set(status, [day]);
    }
    for (const [status, list] of byStatus) out.push({ familyId: b.family_id, childId: b.child_id, unitId: b.unit_id, bookedAt: at, status, days: list });
  }
  return out;
}

/** Days these children were marked « présent sans réservation » with no accepted booking that day. */
export async function unbookedPresencesOf(
  db: Executor,
  q: { childIds: string[]; unitIds: string[]; first: string; last: string },
): Promise<{ childId: string; unitId: string; day: string }[]> {
  if (q.childIds.length === 0 || q.unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('attendance as at')
    .select(['at.child_id', 'at.unit_id', 'at.day'])
    .where('at.unit_id', 'in', q.unitIds)
    .where('at.day', '>=', q.first)
    .where('at.day', '<=', q.last)
    .where('at.status', '=', 'present_unbooked')
    .where('at.child_id', 'in', q.childIds)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('booking as b')
            .select('b.id')
            .whereRef('b.child_id', '=', 'at.child_id')
            .whereRef('b.unit_id', '=', 'at.unit_id')
            .whereRef('b.day', '=', 'at.day')
            .where('b.state', '=', 'accepted'),
        ),
      ),
    )
    .orderBy('at.child_id')
    .orderBy('at.unit_id')
    .orderBy('at.day')
    .execute();
  return rows.map((r) => ({ childId: r.child_id, unitId: r.unit_id, day: r.day }));
}

/**
 * The unit-days of `days` with accepted bookings and no mark at all on their attendance sheet (« pointage non
 * fait »): two index probes per unit-day, whatever the number of bookings.
 */
export async function unitDaysWithoutAttendance(db: Executor, unitIds: string[], days: string[]): Promise<{ unitId: string; day: string }[]> {
  const out: { unitId: string; day: string }[] = [];
  for (const unitId of [...unitIds].sort())
    for (const day of days) {
      const booked = await db.selectFrom('booking').select('id').where('unit_id', '=', unitId).where('day', '=', day).where('state', '=', 'accepted').limit(1).executeTakeFirst();
      if (!booked) continue;
      const marked = await db.selectFrom('attendance').select('child_id').where('unit_id', '=', unitId).where('day', '=', day).limit(1).executeTakeFirst();
      if (!marked) out.push({ unitId, day });
    }
  return out;
}
