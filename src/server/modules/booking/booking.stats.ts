/**
 * The booking module's part of the statistics (issue 15, docs/statistics.md): grouped aggregates computed in SQL
 * (GROUP BY, the same text on SQLite and PostgreSQL), never rows of bookings. The stats module
 * (src/server/modules/stats/stats.service.ts) puts them together with billing's and the catalog's.
 *
 * Children's birth dates and families' communes and quotients come from their modules as subqueries
 * (`childBirthSubquery`, `familyFactsSubquery`), joined here in one statement; staff accounts likewise
 * (`staffAccountIdsSubquery`).
 */
import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../db/write.js';
import { quotientBandSql, sixOrOlderSql } from '../../db/stats-sql.js';
import { childBirthSubquery } from '../child/child.stats.js';
import { familyFactsSubquery } from '../family/family.stats.js';
import { staffAccountIdsSubquery } from '../account/account.stats.js';

/** Which days and units: `unitIds`/`activityIds` null = all. */
export interface BookingStatsScope {
  from: string;
  to: string;
  unitIds: string[] | null;
  activityIds: string[] | null;
  /** every unit's activity (the catalog's) */
  unitActivity: ReadonlyMap<string, string>;
}

/** `case attendance.unit_id when <unit> then <its activity> … end` */
function activityOfUnitSql(unitActivity: ReadonlyMap<string, string>) {
  if (unitActivity.size === 0) return sql`null`;
  return sql`case attendance.unit_id ${sql.join([...unitActivity].map(([u, a]) => sql`when ${u} then ${a}`), sql` `)} end`;
}

/** One group of acts: a unit, a month, an age band, a commune and a quotient band (see `quotientBandSql`). */
export interface ActGroup {
  unitId: string;
  month: string;
  /** 1 = six or older on the day of the act */
  from6: number;
  postalCode: string | null;
  inseeCode: string | null;
  /** index of the quotient band, -1 = unknown */
  band: number;
  days: number;
}

const num = (v: unknown) => Number(v ?? 0);

/**
 * Accepted bookings of the period (« as booked »), grouped by unit, month, age band on the day, commune and quotient
 * band (the exports; the page's summary by unit and day is `bookingsByUnitDay`).
 */
export async function bookedActs(db: Executor, scope: BookingStatsScope, bounds: readonly number[]): Promise<ActGroup[]> {
  if (scope.unitIds?.length === 0) return [];
  let inner = db
    .selectFrom('booking')
    .innerJoin(childBirthSubquery(db).as('c'), 'c.id', 'booking.child_id')
    .innerJoin(familyFactsSubquery(db).as('f'), 'f.id', 'booking.family_id')
    .select([
      'booking.unit_id as unit_id',
      sql<string>`substr(booking.day, 1, 7)`.as('month'),
      sixOrOlderSql(sql.ref('booking.day'), sql.ref('c.birth_date')).as('from6'),
      'f.postal_code as postal_code',
      'f.insee_code as insee_code',
      quotientBandSql(sql.ref('f.family_quotient'), bounds).as('band'),
    ])
    .where('booking.state', '=', 'accepted')
    .where('booking.day', '>=', scope.from)
    .where('booking.day', '<=', scope.to);
  if (scope.unitIds) inner = inner.where('booking.unit_id', 'in', scope.unitIds);
  return grouped(db, inner);
}

/**
 * Presences of the period (« really attended »): attendance marked present or present without booking, grouped like
 * `bookedActs` (the page's summary: `marksByUnitDay`). The family is the booking's (the household that booked the day) or, for a presence without booking,
 * the child's first household. Only the mark is read (not arrival or departure times).
 */
export async function attendedActs(db: Executor, scope: BookingStatsScope, bounds: readonly number[]): Promise<ActGroup[]> {
  if (scope.unitIds?.length === 0) return [];
  let inner = db
    .selectFrom('attendance')
    .innerJoin(childBirthSubquery(db).as('c'), 'c.id', 'attendance.child_id')
    // the booking of the marked day through its unique index (child, activity, day, unit): the unit's activity is
    // written in the statement (a CASE over the catalog's few units), attendance having no activity column
    .leftJoin('booking', (j) =>
      j
        .onRef('booking.child_id', '=', 'attendance.child_id')
        .on(sql<SqlBool>`booking.activity_id = ${activityOfUnitSql(scope.unitActivity)}`)
        .onRef('booking.day', '=', 'attendance.day')
        .onRef('booking.unit_id', '=', 'attendance.unit_id')
        .on('booking.state', '=', 'accepted'),
    )
    .innerJoin(familyFactsSubquery(db).as('f'), (j) => j.on(sql<SqlBool>`f.id = coalesce(booking.family_id, c.family_id)`))
    .select([
      'attendance.unit_id as unit_id',
      sql<string>`substr(attendance.day, 1, 7)`.as('month'),
      sixOrOlderSql(sql.ref('attendance.day'), sql.ref('c.birth_date')).as('from6'),
      'f.postal_code as postal_code',
      'f.insee_code as insee_code',
      quotientBandSql(sql.ref('f.family_quotient'), bounds).as('band'),
    ])
    .where('attendance.status', 'in', ['present', 'present_unbooked'])
    .where('attendance.day', '>=', scope.from)
    .where('attendance.day', '<=', scope.to);
  if (scope.unitIds) inner = inner.where('attendance.unit_id', 'in', scope.unitIds);
  return grouped(db, inner);
}

/** GROUP BY over the computed keys of an inner statement (PostgreSQL does not group by a parameterised CASE). */
async function grouped(
  db: Executor,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  inner: any,
): Promise<ActGroup[]> {
  const rows = await db
    .selectFrom(inner.as('k'))
    .select((eb) => [
      sql<string>`k.unit_id`.as('unitId'),
      sql<string>`k.month`.as('month'),
      sql<number>`k.from6`.as('from6'),
      sql<string | null>`k.postal_code`.as('postalCode'),
      sql<string | null>`k.insee_code`.as('inseeCode'),
      sql<number>`k.band`.as('band'),
      eb.fn.countAll<number>().as('days'),
    ])
    .groupBy([sql`k.unit_id`, sql`k.month`, sql`k.from6`, sql`k.postal_code`, sql`k.insee_code`, sql`k.band`])
    .execute();
  return rows.map((r) => ({
    unitId: r.unitId,
    month: r.month,
    from6: num(r.from6),
    postalCode: r.postalCode ?? null,
    inseeCode: r.inseeCode ?? null,
    band: num(r.band),
    days: num(r.days),
  }));
}

/** Places taken and offered per unit and day (the capacity counters that exist: a day nobody booked has none). */
export async function placesByDay(db: Executor, scope: BookingStatsScope): Promise<{ unitId: string; day: string; booked: number; capacity: number }[]> {
  if (scope.unitIds?.length === 0) return [];
  let q = db.selectFrom('unit_day').select(['unit_id', 'day', 'booked', 'capacity']).where('day', '>=', scope.from).where('day', '<=', scope.to);
  if (scope.unitIds) q = q.where('unit_id', 'in', scope.unitIds);
  return (await q.execute()).map((r) => ({ unitId: r.unit_id, day: r.day, booked: num(r.booked), capacity: num(r.capacity) }));
}

/**
 * Per unit and day: accepted bookings and children on a waiting list. Grouped in the order of the index
 * (unit, day, state): one pass over it, no sort — the page's figures of a whole year read it once.
 */
export async function bookingsByUnitDay(db: Executor, scope: BookingStatsScope): Promise<{ unitId: string; day: string; accepted: number; waitlisted: number }[]> {
  if (scope.unitIds?.length === 0) return [];
  let q = db
    .selectFrom('booking')
    .select([
      'unit_id',
      'day',
      sql<number>`sum(case when state = 'accepted' then 1 else 0 end)`.as('accepted'),
      sql<number>`sum(case when state = 'waitlisted' then 1 else 0 end)`.as('waitlisted'),
    ])
    .where('day', '>=', scope.from)
    .where('day', '<=', scope.to)
    .groupBy(['unit_id', 'day']);
  if (scope.unitIds) q = q.where('unit_id', 'in', scope.unitIds);
  return (await q.execute()).map((r) => ({ unitId: r.unit_id, day: r.day, accepted: num(r.accepted), waitlisted: num(r.waitlisted) }));
}

/**
 * Per unit and day: the attendance marks by status, in one pass over the index (unit, day, status) of migration
 * 0025 (the key (unit, day, child) does not hold the status).
 */
export async function marksByUnitDay(
  db: Executor,
  scope: BookingStatsScope,
): Promise<{ unitId: string; day: string; present: number; presentUnbooked: number; absentJustified: number; absentUnjustified: number }[]> {
  if (scope.unitIds?.length === 0) return [];
  let q = db
    .selectFrom('attendance')
    .select((eb) => ['unit_id', 'day', 'status', eb.fn.countAll<number>().as('n')])
    .where('day', '>=', scope.from)
    .where('day', '<=', scope.to)
    .groupBy(['unit_id', 'day', 'status'])
    .orderBy('unit_id')
    .orderBy('day');
  if (scope.unitIds) q = q.where('unit_id', 'in', scope.unitIds);
  const out: { unitId: string; day: string; present: number; presentUnbooked: number; absentJustified: number; absentUnjustified: number }[] = [];
  let cur: (typeof out)[number] | undefined;
  for (const r of await q.execute()) {
    if (!cur || cur.unitId !== r.unit_id || cur.day !== r.day) {
      cur = { unitId: r.unit_id, day: r.day, present: 0, presentUnbooked: 0, absentJustified: 0, absentUnjustified: 0 };
      out.push(cur);
    }
    const n = num(r.n);
    if (r.status === 'present') cur.present += n;
    else if (r.status === 'present_unbooked') cur.presentUnbooked += n;
    else if (r.status === 'absent_justified') cur.absentJustified += n;
    else if (r.status === 'absent_unjustified') cur.absentUnjustified += n;
  }
  return out;
}

/**
 * Reservations asking for days (booking or mixed; cancellations alone are not counted) sent in the period, per month
 * of sending (UTC) and by who sent them: a family account (online) or a staff account.
 */
export async function reservationsByMonth(db: Executor, scope: BookingStatsScope): Promise<{ month: string; online: number; staff: number }[]> {
  if (scope.activityIds?.length === 0) return [];
  let q = db
    .selectFrom('reservation')
    .select([
      sql<string>`substr(reservation.created_at, 1, 7)`.as('month'),
      sql<number>`sum(case when reservation.account_id in (${staffAccountIdsSubquery(db)}) then 0 else 1 end)`.as('online'),
      sql<number>`sum(case when reservation.account_id in (${staffAccountIdsSubquery(db)}) then 1 else 0 end)`.as('staff'),
    ])
    .where('reservation.kind', 'in', ['booking', 'mixed'])
    .where(sql<string>`substr(reservation.created_at, 1, 10)`, '>=', scope.from)
    .where(sql<string>`substr(reservation.created_at, 1, 10)`, '<=', scope.to)
    .groupBy(sql`substr(reservation.created_at, 1, 7)`);
  if (scope.activityIds) q = q.where('reservation.activity_id', 'in', scope.activityIds);
  return (await q.execute()).map((r) => ({ month: r.month, online: num(r.online), staff: num(r.staff) }));
}
