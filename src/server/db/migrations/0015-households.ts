import type { Kysely } from 'kysely';

/** Children shared by two households and custody schedules (issue 11). */
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
