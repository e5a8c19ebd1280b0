import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../database.js';

/**
 * Catalog (establishments, activities, units, periods, closures, school holidays) and bookings (reservations,
 * their lines, current bookings, per-unit-day counters, attendance). Issue 4.
 *
 * Invariants held by the database, whatever the code does:
 *   - unit_day: 0 <= booked <= capacity (CHECK); the service only increments with `where booked < capacity`;
 *   - booking: one current row per (child, activity, day, unit) (UNIQUE); a cancelled or refused booking is
 *     deleted, its history stays in reservation_line;
 *   - reservation: one per (family, idempotency key) (UNIQUE); its id is the number families see.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  const serial = (t: any) =>
    pg ? t.addColumn('id', 'serial', (c: any) => c.primaryKey()) : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement());
  const check = (expr: string) => sql.raw(expr);

  await db.schema
    .createTable('establishment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('activity')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('establishment_id', 'text', (c) => c.notNull().references('establishment.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('min_age', 'integer')
    .addColumn('max_age', 'integer')
    // ISO weekdays, e.g. "1,2,4,5"
    .addColumn('open_weekdays', 'text', (c) => c.notNull())
    .addColumn('school_holidays', 'text', (c) => c.notNull().check(check("school_holidays in ('ignore', 'closed', 'only')")))
    // JSON DeadlinePolicy (rule + inside + after)
    .addColumn('booking_policy', 'text', (c) => c.notNull())
    .addColumn('cancellation_policy', 'text', (c) => c.notNull())
    .addColumn('waitlist_mode', 'text', (c) => c.notNull().check(check("waitlist_mode in ('auto', 'staff')")))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('activity_establishment_idx').on('activity').column('establishment_id').execute();

  await db.schema
    .createTable('unit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activity.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('default_capacity', 'integer', (c) => c.notNull().check(check('default_capacity >= 0')))
    .addUniqueConstraint('unit_activity_code_uq', ['activity_id', 'code'])
    .execute();

  // The capacity counter of one unit on one day: created on first use (or by a staff override).
  await db.schema
    .createTable('unit_day')
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('booked', 'integer', (c) => c.notNull().defaultTo(0))
    // 1 when staff set this day's capacity: a change of the unit's default leaves it alone
    .addColumn('overridden', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('unit_day_pk', ['unit_id', 'day'])
    .addCheckConstraint('unit_day_capacity_ck', check('booked >= 0 and booked <= capacity'))
    .execute();

  await db.schema
    .createTable('period')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activity.id'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('start_day', 'text', (c) => c.notNull())
    .addColumn('end_day', 'text', (c) => c.notNull())
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'text', (c) => c.notNull())
    .addCheckConstraint('period_days_ck', check('start_day <= end_day'))
    .execute();
  await db.schema.createIndex('period_activity_idx').on('period').column('activity_id').execute();

  await db.schema
    .createTable('closure')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('establishment_id', 'text', (c) => c.notNull().references('establishment.id'))
    .addColumn('activity_id', 'text', (c) => c.references('activity.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('closure_day_idx').on('closure').columns(['establishment_id', 'day']).execute();

  await db.schema
    .createTable('school_holiday')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('start_day', 'text', (c) => c.notNull())
    .addColumn('end_day', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(check("source in ('staff', 'ics')")))
    .addCheckConstraint('school_holiday_days_ck', check('start_day <= end_day'))
    .execute();

  await serial(db.schema.createTable('reservation'))
    .addColumn('family_id', 'text', (c: any) => c.notNull().references('family.id'))
    .addColumn('child_id', 'text', (c: any) => c.notNull().references('child.id'))
    .addColumn('activity_id', 'text', (c: any) => c.notNull().references('activity.id'))
    .addColumn('period_id', 'text', (c: any) => c.notNull().references('period.id'))
    .addColumn('kind', 'text', (c: any) => c.notNull().check(check("kind in ('booking', 'cancellation', 'mixed')")))
    .addColumn('idempotency_key', 'text', (c: any) => c.notNull())
    // sha-256 of the canonical request: the same key with another body is refused
    .addColumn('request_hash', 'text', (c: any) => c.notNull())
    .addColumn('account_id', 'text', (c: any) => c.notNull())
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addUniqueConstraint('reservation_idempotency_uq', ['family_id', 'idempotency_key'])
    .execute();
  await db.schema.createIndex('reservation_family_idx').on('reservation').columns(['family_id', 'id']).execute();

  await serial(db.schema.createTable('reservation_line'))
    .addColumn('reservation_id', 'integer', (c: any) => c.notNull().references('reservation.id'))
    .addColumn('unit_id', 'text', (c: any) => c.notNull().references('unit.id'))
    .addColumn('day', 'text', (c: any) => c.notNull())
    .addColumn('action', 'text', (c: any) => c.notNull().check(check("action in ('book', 'cancel')")))
    .addColumn('state', 'text', (c: any) =>
      c.notNull().check(check("state in ('accepted', 'pending', 'waitlisted', 'refused')")),
    )
    .addColumn('reason', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .execute();
  await db.schema.createIndex('reservation_line_reservation_idx').on('reservation_line').column('reservation_id').execute();
  await db.schema.createIndex('reservation_line_pending_idx').on('reservation_line').columns(['state', 'reservation_id']).execute();

  // Current bookings only. state: accepted | pending (a request, holds its place) | waitlisted (holds no place).
  await serial(db.schema.createTable('booking'))
    .addColumn('family_id', 'text', (c: any) => c.notNull().references('family.id'))
    .addColumn('child_id', 'text', (c: any) => c.notNull().references('child.id'))
    .addColumn('activity_id', 'text', (c: any) => c.notNull().references('activity.id'))
    .addColumn('unit_id', 'text', (c: any) => c.notNull().references('unit.id'))
    .addColumn('day', 'text', (c: any) => c.notNull())
    .addColumn('state', 'text', (c: any) => c.notNull().check(check("state in ('accepted', 'pending', 'waitlisted')")))
    // the line that created it, and the pending cancellation request's line when there is one
    .addColumn('line_id', 'integer', (c: any) => c.notNull())
    .addColumn('cancel_line_id', 'integer')
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addUniqueConstraint('booking_child_unit_day_uq', ['child_id', 'activity_id', 'day', 'unit_id'])
    .execute();
  await db.schema.createIndex('booking_unit_day_idx').on('booking').columns(['unit_id', 'day', 'state', 'id']).execute();
  await db.schema.createIndex('booking_family_idx').on('booking').column('family_id').execute();

  await db.schema
    .createTable('attendance')
    .addColumn('child_id', 'text', (c) => c.notNull().references('child.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(check("status in ('present', 'absent_justified', 'absent_unjustified', 'present_unbooked')")),
    )
    .addColumn('marked_by', 'text', (c) => c.notNull())
    .addColumn('marked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('attendance_pk', ['unit_id', 'day', 'child_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'attendance',
    'booking',
    'reservation_line',
    'reservation',
    'school_holiday',
    'closure',
    'period',
    'unit_day',
    'unit',
    'activity',
    'establishment',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
