import type { Kysely } from 'kysely';

/** FranceConnect identities linked to accounts (issue 11). */
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
