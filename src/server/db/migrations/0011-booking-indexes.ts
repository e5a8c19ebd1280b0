import type { Kysely } from 'kysely';

/**
 * Booking indexes found missing by the PostgreSQL rush (issue 16, pg_stat_statements):
 *   - a staff decision finds the booking of a request line (`booking.line_id`, `booking.cancel_line_id`): a
 *     sequential scan of every booking before (10 ms a call with 30,000 bookings);
 *   - a waiting list is read in arrival order (created_at, id) for one unit-day.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('booking_line_idx').on('booking').column('line_id').execute();
  await db.schema.createIndex('booking_cancel_line_idx').on('booking').column('cancel_line_id').execute();
  await db.schema.createIndex('booking_waiting_idx').on('booking').columns(['unit_id', 'day', 'state', 'created_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['booking_line_idx', 'booking_cancel_line_idx', 'booking_waiting_idx']) await db.schema.dropIndex(name).ifExists().execute();
}
