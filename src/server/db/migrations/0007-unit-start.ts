import type { Kysely } from 'kysely';

/**
 * A unit's start time (« 07:30 » for the morning care): `hoursBefore` deadline rules counted from the unit's start
 * (« 48 h avant le début de l'activité ») count from it instead of midnight. Null: the rule counts from 00:00.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('unit').addColumn('start_time', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('unit').dropColumn('start_time').execute();
}
