import type { Kysely } from 'kysely';

/**
 * Request rate limits shared by every instance (issue 16): one row per (route, client address) counter of
 * @fastify/rate-limit, bumped by one atomic upsert per request (src/server/plugins/rate-limit-store.ts).
 * Times are milliseconds since the epoch (bigint: they exceed 32 bits); `expires_at` is the window's end, so the
 * purge and the read need no knowledge of the route's window.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limit')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limit_expires_idx').on('rate_limit').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limit').ifExists().execute();
}
