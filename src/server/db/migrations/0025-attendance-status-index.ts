import type { Kysely } from 'kysely';

/**
 * Issue 15, statistics: the marks of a period per unit, day and status (occupancy, absences on booked days) read in
 * one pass over an index that holds the status — the key (unit, day, child) does not, so counting by status fetched
 * every row of the table.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('attendance_unit_day_status_idx').on('attendance').columns(['unit_id', 'day', 'status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('attendance_unit_day_status_idx').execute();
}
