import type { Kysely } from 'kysely';

/**
 * Issue 11, separated parents: « partage autorisé ». By default neither household of a shared child sees the other's
 * address, bookings, invoices or documents; staff may allow one household (or both) to see the other's, for that
 * child only (`sees_other` on its link row: one-way, since a protection order may hide one parent's address only).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('child_household').addColumn('sees_other', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('child_household').dropColumn('sees_other').execute();
}
