import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { affected, forUpdate } from '../../db/write.js';
import { dialectOf } from '../../db/database.js';
import type { AttendanceTable, BookingTable, ReservationLineTable, ReservationTable } from './booking.tables.js';

type Executor = Kysely<DB> | Transaction<DB>;

export type ReservationRow = Omit<ReservationTable, 'id'> & { id: number };
export type LineRow = Omit<ReservationLineTable, 'id'> & { id: number };
export type BookingRow = Omit<BookingTable, 'id'> & { id: number };
export type AttendanceRow = AttendanceTable;

// ---------- reservations ----------

export function findReservationByKey(db: Executor, familyId: string, key: string): Promise<ReservationRow | undefined> {
  return db
    .selectFrom('reservation')
    .selectAll()
    .where('family_id', '=', familyId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

export function findReservation(db: Executor, id: number): Promise<ReservationRow | undefined> {
  return db.selectFrom('reservation').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertReservation(db: Executor, row: Omit<ReservationRow, 'id'>): Promise<number> {
  const r = await db.insertInto('reservation').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export function reservationsOfFamily(db: Executor, familyId: string, limit = 200): Promise<ReservationRow[]> {
  return db.selectFrom('reservation').selectAll().where('family_id', '=', familyId).orderBy('id', 'desc').limit(limit).execute();
}

/** Every reservation of a family, in order (the family's data export). */
export function allReservationsOfFamily(db: Executor, familyId: string): Promise<ReservationRow[]> {
  return db.selectFrom('reservation').selectAll().where('family_id', '=', familyId).orderBy('id').execute();
}

/** Every current booking of a family, by day (the family's data export). */
export function bookingsOfFamily(db: Executor, familyId: string): Promise<BookingRow[]> {
  return db.selectFrom('booking').selectAll().where('family_id', '=', familyId).orderBy('day').orderBy('id').execute();
}

export function linesOf(db: Executor, reservationIds: number[]): Promise<LineRow[]> {
  if (!reservationIds.length) return Promise.resolve([]);
  return db.selectFrom('reservation_line').selectAll().where('reservation_id', 'in', reservationIds).orderBy('day').orderBy('id').execute();
}

export async function insertLine(db: Executor, row: Omit<LineRow, 'id'>): Promise<number> {
  const r = await db.insertInto('reservation_line').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/** Decides a line only if it is still pending: false when another agent (or a withdrawal) decided it first. */
export async function decidePendingLine(
  db: Executor,
  id: number,
  set: Pick<LineRow, 'state' | 'reason' | 'decided_at' | 'decided_by'>,
): Promise<boolean> {
  const r = await db.updateTable('reservation_line').set(set).where('id', '=', id).where('state', '=', 'pending').executeTakeFirst();
  return affected(r) === 1;
}

/** Marks a waitlisted line accepted (promotion), only if it is still waitlisted. */
export async function promoteLine(db: Executor, id: number, set: Pick<LineRow, 'reason' | 'decided_at' | 'decided_by'>): Promise<boolean> {
  const r = await db
    .updateTable('reservation_line')
    .set({ ...set, state: 'accepted' })
    .where('id', '=', id)
    .where('state', '=', 'waitlisted')
    .executeTakeFirst();
  return affected(r) === 1;
}

export function findLine(db: Executor, id: number): Promise<LineRow | undefined> {
  return db.selectFrom('reservation_line').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Reservations with at least one pending line, oldest first. */
export async function pendingReservationIds(db: Executor, activityId?: string, limit = 200): Promise<number[]> {
  let q = db
    .selectFrom('reservation_line')
    .innerJoin('reservation', 'reservation.id', 'reservation_line.reservation_id')
    .select('reservation.id')
    .distinct()
    .where('reservation_line.state', '=', 'pending')
    .orderBy('reservation.id')
    .limit(limit);
  if (activityId) q = q.where('reservation.activity_id', '=', activityId);
  return (await q.execute()).map((r) => Number(r.id));
}

// ---------- bookings ----------

/** Moves a booking from one state to another only if it is still in `from`; false when someone acted first. */
export async function moveBookingState(
  db: Executor,
  id: number,
  from: BookingRow['state'],
  to: BookingRow['state'],
  updatedAt: string,
): Promise<boolean> {
  const r = await db.updateTable('booking').set({ state: to, updated_at: updatedAt }).where('id', '=', id).where('state', '=', from).executeTakeFirst();
  return affected(r) === 1;
}

/** Sets or clears the pending cancellation of a booking, only if it is still as expected. */
export async function setCancelLine(db: Executor, id: number, expected: number | null, next: number | null, updatedAt: string): Promise<boolean> {
  const r = await db
    .updateTable('booking')
    .set({ cancel_line_id: next, updated_at: updatedAt })
    .where('id', '=', id)
    .where('cancel_line_id', expected === null ? 'is' : '=', expected)
    .executeTakeFirst();
  return affected(r) === 1;
}

/** Deletes a booking only if it is still in the state it was read in; false when it was already gone or changed. */
export async function deleteBooking(db: Executor, id: number, state: BookingRow['state']): Promise<boolean> {
  const r = await db.deleteFrom('booking').where('id', '=', id).where('state', '=', state).executeTakeFirst();
  return affected(r) === 1;
}

export function findBookingById(db: Executor, id: number): Promise<BookingRow | undefined> {
  return db.selectFrom('booking').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findBooking(db: Executor, childId: string, activityId: string, unitId: string, day: string): Promise<BookingRow | undefined> {
  return db
    .selectFrom('booking')
    .selectAll()
    .where('child_id', '=', childId)
    .where('activity_id', '=', activityId)
    .where('day', '=', day)
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
}

export function bookingByLine(db: Executor, lineId: number): Promise<BookingRow | undefined> {
  return db.selectFrom('booking').selectAll().where('line_id', '=', lineId).executeTakeFirst();
}

export function bookingByCancelLine(db: Executor, lineId: number): Promise<BookingRow | undefined> {
  return db.selectFrom('booking').selectAll().where('cancel_line_id', '=', lineId).executeTakeFirst();
}

/** The child's bookings of an activity within [from, to]; with `familyId`, only that household's (issue 11). */
export function childBookings(db: Executor, childId: string, activityId: string, from: string, to: string, familyId?: string): Promise<BookingRow[]> {
  let q = db
    .selectFrom('booking')
    .selectAll()
    .where('child_id', '=', childId)
    .where('activity_id', '=', activityId)
    .where('day', '>=', from)
    .where('day', '<=', to);
  if (familyId !== undefined) q = q.where('family_id', '=', familyId);
  return q.execute();
}

/** A child's bookings (every household's) after `afterDay`, by day. */
export function bookingsOfChild(db: Executor, childId: string, afterDay: string): Promise<BookingRow[]> {
  return db.selectFrom('booking').selectAll().where('child_id', '=', childId).where('day', '>', afterDay).orderBy('day').orderBy('id').execute();
}

/** The days within [from, to] on which another household holds a booking of this child for this activity (issue 11). */
export async function otherHouseholdDays(db: Executor, childId: string, activityId: string, familyId: string, from: string, to: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('booking')
    .select('day')
    .distinct()
    .where('child_id', '=', childId)
    .where('activity_id', '=', activityId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .where('family_id', '<>', familyId)
    .execute();
  return new Set(rows.map((r) => r.day));
}

/**
 * The first child on the waiting list of a unit-day: first come, first served by ARRIVAL — `created_at` is the
 * instant the request reached an instance (before its booking queue), so the order is the same whichever of several
 * instances, and however busy, took each request; the booking id breaks ties.
 */
export function firstWaiting(db: Executor, unitId: string, day: string): Promise<BookingRow | undefined> {
  return db
    .selectFrom('booking')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('day', '=', day)
    .where('state', '=', 'waitlisted')
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

export function waitingList(db: Executor, unitId: string, day: string) {
  return db
    .selectFrom('booking')
    .select(['id', 'family_id', 'child_id', 'unit_id', 'day', 'state', 'created_at'])
    .where('unit_id', '=', unitId)
    .where('day', '=', day)
    .where('state', '=', 'waitlisted')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function countsByState(db: Executor, unitIds: string[], from: string, to: string) {
  if (!unitIds.length) return Promise.resolve([]);
  return db
    .selectFrom('booking')
    .select(['unit_id', 'day', 'state'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('unit_id', 'in', unitIds)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy(['unit_id', 'day', 'state'])
    .execute();
}

/** The cells (unit, day) among `cells` that the child already holds. */
export async function heldCells(db: Executor, childId: string, activityId: string, cells: { unitId: string; day: string }[]): Promise<Set<string>> {
  if (!cells.length) return new Set();
  const rows = await db
    .selectFrom('booking')
    .select(['unit_id', 'day'])
    .where('child_id', '=', childId)
    .where('activity_id', '=', activityId)
    .where((eb) => eb.or(cells.map((c) => eb.and([eb('unit_id', '=', c.unitId), eb('day', '=', c.day)]))))
    .execute();
  return new Set(rows.map((r) => `${r.unit_id}|${r.day}`));
}

/** Inserts lines in one statement; returns them with their ids (matched by unit and day, unique per reservation). */
export async function insertLines(db: Executor, rows: Omit<LineRow, 'id'>[]): Promise<LineRow[]> {
  if (!rows.length) return [];
  const ids = await db.insertInto('reservation_line').values(rows).returning(['id', 'unit_id', 'day']).execute();
  const byCell = new Map(ids.map((r) => [`${r.unit_id}|${r.day}`, Number(r.id)]));
  return rows.map((r) => ({ ...r, id: byCell.get(`${r.unit_id}|${r.day}`)! }));
}

export async function insertBookings(db: Executor, rows: Omit<BookingRow, 'id'>[]): Promise<void> {
  if (rows.length) await db.insertInto('booking').values(rows).execute();
}

// ---------- capacity counters ----------

/** « Children wait on this unit-day »: a condition on a `unit_day` row (takePlaces, the settle reads). */
const childrenWait = sql<boolean>`exists (select 1 from booking w where w.unit_id = unit_day.unit_id and w.day = unit_day.day and w.state = 'waitlisted')`;

/** New counter rows for these unit-days, once each, in (unit, day) order: the order every lock is taken in. */
function counterRows(cells: { unitId: string; day: string; capacity: number }[]) {
  const uniq = [...new Map(cells.map((c) => [`${c.unitId}|${c.day}`, c])).values()].sort((a, b) =>
    a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : a.day < b.day ? -1 : a.day > b.day ? 1 : 0,
  );
  return uniq.map((r) => ({ unit_id: r.unitId, day: r.day, capacity: r.capacity, booked: 0, overridden: 0 }));
}

/**
 * Counter rows known to exist, per database (the application's `db` object): a counter row is never deleted, so
 * once one was seen committed, creating it again is a wasted round trip on the booking hot path.
 */
const knownCounters = new WeakMap<object, Set<string>>();
export function knownUnitDays(db: object): Set<string> {
  let s = knownCounters.get(db);
  if (!s || s.size > 200_000) knownCounters.set(db, (s = new Set()));
  return s;
}

/**
 * Creates the missing counter rows of these unit-days, in one statement (takes no lock on existing rows). Skips
 * those in `known` (rows seen committed, see knownUnitDays): the caller adds the cells to it after its commit.
 */
export async function ensureUnitDays(db: Executor, rows: { unitId: string; day: string; capacity: number }[], known?: ReadonlySet<string>): Promise<void> {
  if (known) rows = rows.filter((r) => !known.has(`${r.unitId}|${r.day}`));
  if (!rows.length) return;
  await db
    .insertInto('unit_day')
    .values(counterRows(rows))
    .onConflict((oc) => oc.columns(['unit_id', 'day']).doNothing())
    .execute();
}

/** Among these unit-days, those with a free place while children wait (to give to the waiting list). */
export async function freeWhileWaiting(db: Executor, cells: { unitId: string; day: string }[]): Promise<{ unitId: string; day: string }[]> {
  if (!cells.length) return [];
  const rows = await db
    .selectFrom('unit_day')
    .select(['unit_id', 'day'])
    .where((eb) => eb.or(cells.map((c) => eb.and([eb('unit_id', '=', c.unitId), eb('day', '=', c.day)]))))
    .whereRef('booked', '<', 'capacity')
    .where(childrenWait)
    .execute();
  return rows.map((r) => ({ unitId: r.unit_id, day: r.day }));
}

/** Every unit-day of these units with a free place while children wait (the settle job: the automatic-mode units). */
export async function freeWhileWaitingOn(db: Executor, unitIds: string[]): Promise<{ unitId: string; day: string }[]> {
  if (!unitIds.length) return [];
  const rows = await db
    .selectFrom('unit_day')
    .select(['unit_id', 'day'])
    .where('unit_id', 'in', unitIds)
    .whereRef('booked', '<', 'capacity')
    .where(childrenWait)
    .limit(500)
    .execute();
  return rows.map((r) => ({ unitId: r.unit_id, day: r.day }));
}

/**
 * Creates the missing counter rows of these unit-days AND locks them all, in (unit, day) order, in ONE statement
 * (`INSERT … ON CONFLICT DO UPDATE` takes the row lock of an existing row as an UPDATE would): the booking engine's
 * lock rule (see lockUnitDays) at the cost of one round trip. Returns the rows as they are now.
 */
export async function ensureAndLockUnitDays(db: Executor, cells: { unitId: string; day: string; capacity: number }[]) {
  if (!cells.length) return [];
  return db
    .insertInto('unit_day')
    .values(counterRows(cells))
    .onConflict((oc) => oc.columns(['unit_id', 'day']).doUpdateSet({ booked: sql`unit_day.booked` }))
    .returningAll()
    .execute();
}

/**
 * Locks the counter rows of these unit-days (PostgreSQL `FOR UPDATE`), in (unit, day) order, and returns them.
 * THE rule of the booking engine: every change to the bookings or the counter of a unit-day happens while its
 * counter row is locked, taken first and in this order, so two transactions never decide on the same unit-day
 * at once and never deadlock. Locks existing rows only (ensureAndLockUnitDays creates the missing ones).
 */
export async function lockUnitDays(db: Executor, cells: { unitId: string; day: string }[]) {
  if (!cells.length) return [];
  const uniq = [...new Map(cells.map((c) => [`${c.unitId}|${c.day}`, c])).values()];
  return forUpdate(
    db,
    db
      .selectFrom('unit_day')
      .selectAll()
      .where((eb) => eb.or(uniq.map((c) => eb.and([eb('unit_id', '=', c.unitId), eb('day', '=', c.day)]))))
      .orderBy('unit_id')
      .orderBy('day'),
  ).execute();
}

/** Every counter row of a unit, locked in day order (capacity changes), optionally only those without override. */
export function lockUnitDaysOfUnit(db: Executor, unitId: string, onlyDefault: boolean) {
  let q = db.selectFrom('unit_day').selectAll().where('unit_id', '=', unitId);
  if (onlyDefault) q = q.where('overridden', '=', 0);
  return forUpdate(db, q.orderBy('day')).execute();
}

/**
 * Takes one place on each of these unit-days where one is left AND nobody waits (a place freed while children
 * wait is theirs: promoted at once in automatic mode, given by staff otherwise), in ONE statement. Returns the
 * unit-days that gave a place. Run with the counter rows locked (lockUnitDays).
 */
export async function takePlaces(db: Executor, cells: { unitId: string; day: string }[]): Promise<Set<string>> {
  if (!cells.length) return new Set();
  if (cells.length > 1 && dialectOf(db) === 'postgres') {
    // One UPDATE over several rows locks them in the order it meets them, which two transactions may meet
    // differently: a deadlock, detected after a second and retried (bench:rush on 3 instances: hundreds a run).
    // The rows that have a place now are locked first, in (unit, day) order, as every other lock is taken.
    await db
      .selectFrom('unit_day')
      .select(['unit_id', 'day'])
      .where((eb) => eb.or(cells.map((c) => eb.and([eb('unit_id', '=', c.unitId), eb('day', '=', c.day)]))))
      .whereRef('booked', '<', 'capacity')
      .where(sql<boolean>`not ${childrenWait}`)
      .orderBy('unit_id')
      .orderBy('day')
      .forUpdate()
      .execute();
  }
  const rows = await db
    .updateTable('unit_day')
    .set({ booked: sql`booked + 1` })
    .where((eb) => eb.or(cells.map((c) => eb.and([eb('unit_id', '=', c.unitId), eb('day', '=', c.day)]))))
    .whereRef('booked', '<', 'capacity')
    .where(sql<boolean>`not ${childrenWait}`)
    .returning(['unit_id', 'day'])
    .execute();
  return new Set(rows.map((r) => `${r.unit_id}|${r.day}`));
}

/**
 * PostgreSQL: a reservation of booking lines only, written in ONE statement (data-modifying CTEs, atomic without
 * BEGIN/COMMIT): the reservation, the cells the child already holds, the places taken (counter rows locked in
 * (unit, day) order first when there are several, as takePlaces does), the lines with their state, the bookings.
 * Seven round trips become one, which is most of what a booking cost the portal and the database during the
 * opening rush (issue 16, bench:rush). Same rules and same outcome as insertReservation + heldCells + takePlaces +
 * insertLines + insertBookings in a transaction; the counter rows must exist (ensureUnitDays). A booking of the
 * same cell by another device at the same instant fails on the UNIQUE index, as in the transaction.
 *
 * Concurrency (READ COMMITTED): the UPDATE of a counter row changed by a transaction committed after this
 * statement's snapshot re-checks `booked < capacity` on the row's latest version (PostgreSQL's EvalPlanQual), as
 * the separate UPDATE did; the held cells read from the snapshot are backed by the UNIQUE index.
 */
export async function bookAtOnce(
  db: Kysely<DB>,
  q: {
    reservation: Omit<ReservationRow, 'id'>;
    /** the lines, refused ones included, in (unit, day) order */
    lines: { unitId: string; day: string; refused: string | null; outcome: 'accepted' | 'pending' }[];
    nowIso: string;
    /** the child's household links, share-locked (child.service.soleHouseholdGuard): booked only if exactly this family */
    households: RawBuilder<{ family_id: string }>;
  },
): Promise<{ reservationId: number; lines: LineRow[] } | null> {
  const r = q.reservation;
  const cells = sql.join(q.lines.map((l, i) => sql`(${i}::int, ${l.unitId}::text, ${l.day}::text, ${l.refused}::text, ${l.outcome}::text)`));
  const noneWaits = sql`not exists (select 1 from booking x where x.unit_id = ud.unit_id and x.day = ud.day and x.state = 'waitlisted')`;
  const several = q.lines.filter((l) => !l.refused).length > 1;
  // several counter rows: locked first, in (unit, day) order (one UPDATE would lock them in the order it meets them)
  const locked = several
    ? sql`, locked as materialized (
        select ud.unit_id, ud.day from unit_day ud join wanted w on ud.unit_id = w.unit_id and ud.day = w.day
        where ud.booked < ud.capacity and ${noneWaits}
        order by ud.unit_id, ud.day for update of ud)`
    : sql``;
  const result = await sql<{ id: number; unit_id: string; day: string; state: LineRow['state']; reason: string | null; decided_at: string | null; reservation_id: number }>`
    with links as materialized (${q.households}),
    sole as materialized (select count(*) = 1 and bool_and(family_id = ${r.family_id}) as ok from links),
    r as (
      insert into reservation (family_id, child_id, activity_id, period_id, kind, idempotency_key, request_hash, account_id, created_at)
      select ${r.family_id}, ${r.child_id}, ${r.activity_id}, ${r.period_id}, ${r.kind}, ${r.idempotency_key}, ${r.request_hash}, ${r.account_id}, ${r.created_at}
      from sole where sole.ok
      returning id
    ),
    c (pos, unit_id, day, refused, outcome) as (values ${cells}),
    held as materialized (
      select b.unit_id, b.day from booking b join c on b.unit_id = c.unit_id and b.day = c.day
      where b.child_id = ${r.child_id} and b.activity_id = ${r.activity_id}
    ),
    wanted as materialized (
      select c.unit_id, c.day from c where c.refused is null and (select ok from sole) and not exists (select 1 from held h where h.unit_id = c.unit_id and h.day = c.day)
    )${locked},
    taken as (
      update unit_day ud set booked = ud.booked + 1 from ${several ? sql`locked` : sql`wanted`} w
      where ud.unit_id = w.unit_id and ud.day = w.day and ud.booked < ud.capacity and ${noneWaits}
      returning ud.unit_id, ud.day
    ),
    decided as (
      select c.pos, c.unit_id, c.day,
        case when c.refused is not null or h.unit_id is not null then 'refused' when t.unit_id is null then 'waitlisted' else c.outcome end as state,
        case when c.refused is not null then c.refused when h.unit_id is not null then 'booking.already_booked' else null end as reason
      from c left join held h on h.unit_id = c.unit_id and h.day = c.day left join taken t on t.unit_id = c.unit_id and t.day = c.day
    ),
    lines as (
      insert into reservation_line (reservation_id, unit_id, day, action, state, reason, decided_at, decided_by)
      select r.id, d.unit_id, d.day, 'book', d.state, d.reason, case when d.state = 'pending' then null else ${q.nowIso} end, null
      from r cross join decided d order by d.pos
      returning id, unit_id, day, state, reason, decided_at, reservation_id
    ),
    bookings as (
      insert into booking (family_id, child_id, activity_id, unit_id, day, state, line_id, cancel_line_id, created_at, updated_at)
      select ${r.family_id}, ${r.child_id}, ${r.activity_id}, l.unit_id, l.day, l.state, l.id, null, ${q.nowIso}, ${q.nowIso}
      from lines l where l.state <> 'refused'
    )
    select * from lines`.execute(db);
  const rows = result.rows;
  if (!rows.length) return null; // not (or no longer) a child of this household alone: nothing was written
  const byCell = new Map(rows.map((l) => [`${l.unit_id}|${l.day}`, l]));
  const reservationId = Number(rows[0]?.reservation_id);
  return {
    reservationId,
    lines: q.lines.map((l) => {
      const w = byCell.get(`${l.unitId}|${l.day}`)!;
      return { id: Number(w.id), reservation_id: reservationId, unit_id: l.unitId, day: l.day, action: 'book' as const, state: w.state, reason: w.reason, decided_at: w.decided_at, decided_by: null };
    }),
  };
}

/** Takes one place if one is left, for a child leaving the waiting list (never more than the capacity). */
export async function takePlace(db: Executor, unitId: string, day: string): Promise<boolean> {
  const r = await db
    .updateTable('unit_day')
    .set({ booked: sql`booked + 1` })
    .where('unit_id', '=', unitId)
    .where('day', '=', day)
    .whereRef('booked', '<', 'capacity')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function freePlace(db: Executor, unitId: string, day: string): Promise<void> {
  await db
    .updateTable('unit_day')
    .set({ booked: sql`booked - 1` })
    .where('unit_id', '=', unitId)
    .where('day', '=', day)
    .where('booked', '>', 0)
    .execute();
}

/** Sets the capacity of one unit-day, only if it stays at or above the places taken; false otherwise. */
export async function setUnitDayCapacity(db: Executor, unitId: string, day: string, capacity: number, overridden: boolean): Promise<boolean> {
  const r = await db
    .updateTable('unit_day')
    .set({ capacity, overridden: overridden ? 1 : 0 })
    .where('unit_id', '=', unitId)
    .where('day', '=', day)
    .where('booked', '<=', capacity)
    .executeTakeFirst();
  return affected(r) === 1;
}

/** Applies a unit's new default capacity to its days without override, only where it stays ≥ the places taken. */
export async function setDefaultCapacityOnDays(db: Executor, unitId: string, capacity: number): Promise<void> {
  await db
    .updateTable('unit_day')
    .set({ capacity })
    .where('unit_id', '=', unitId)
    .where('overridden', '=', 0)
    .where('booked', '<=', capacity)
    .execute();
}

/** The unit-days of a unit where children wait (in day order). */
export async function daysWithWaiting(db: Executor, unitId: string): Promise<string[]> {
  const rows = await db.selectFrom('booking').select('day').distinct().where('unit_id', '=', unitId).where('state', '=', 'waitlisted').orderBy('day').execute();
  return rows.map((r) => r.day);
}

export function unitDays(db: Executor, unitIds: string[], from: string, to: string) {
  if (!unitIds.length) return Promise.resolve([]);
  return db
    .selectFrom('unit_day')
    .selectAll()
    .where('unit_id', 'in', unitIds)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .execute();
}

// ---------- attendance ----------

/** The children with an accepted booking on this unit-day. */
export async function bookedChildIds(db: Executor, unitId: string, day: string): Promise<string[]> {
  const rows = await db.selectFrom('booking').select('child_id').where('unit_id', '=', unitId).where('day', '=', day).where('state', '=', 'accepted').execute();
  return rows.map((r) => r.child_id);
}

export function attendanceOf(db: Executor, unitId: string, day: string): Promise<AttendanceRow[]> {
  return db.selectFrom('attendance').selectAll().where('unit_id', '=', unitId).where('day', '=', day).execute();
}

export async function upsertAttendance(db: Executor, row: AttendanceRow): Promise<void> {
  await db
    .insertInto('attendance')
    .values(row)
    .onConflict((oc) => oc.columns(['unit_id', 'day', 'child_id']).doUpdateSet({ status: row.status, marked_by: row.marked_by, marked_at: row.marked_at }))
    .execute();
}

export async function deleteAttendance(db: Executor, unitId: string, day: string, childId: string): Promise<void> {
  await db.deleteFrom('attendance').where('unit_id', '=', unitId).where('day', '=', day).where('child_id', '=', childId).execute();
}


