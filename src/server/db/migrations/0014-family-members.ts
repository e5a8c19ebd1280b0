import type { Kysely } from 'kysely';

/** Family members: one login per guardian, rights, invitations (issue 11). */
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
