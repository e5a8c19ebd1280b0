import type { Kysely } from 'kysely';

/**
 * Unit rules (issue 4): a unit may need another unit the same day (« le repas nécessite le matin ») and may exclude
 * others (« la journée exclut la matinée et l'après-midi »). Unit codes of the same activity; added after 0003
 * had shipped to development databases, hence a migration of its own.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('unit').addColumn('requires_code', 'text').execute();
  // comma-separated unit codes, '' for none
  await db.schema.alterTable('unit').addColumn('excludes_codes', 'text', (c) => c.notNull().defaultTo('')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('unit').dropColumn('excludes_codes').execute();
  await db.schema.alterTable('unit').dropColumn('requires_code').execute();
}
