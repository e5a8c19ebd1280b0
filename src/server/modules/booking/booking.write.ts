import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../context.js';

/**
 * A short read-then-write transaction. On SQLite it starts with BEGIN IMMEDIATE: the write lock is taken at once,
 * so a second process on the same file waits (busy_timeout) instead of failing on upgrade; inside this process,
 * Kysely's single SQLite connection already queues callers FIFO. On PostgreSQL an ordinary READ COMMITTED
 * transaction: the conditional counter update re-checks its WHERE after waiting on the row lock.
 * Never await network, hashing or rendering inside `fn`.
 */
export async function writeTransaction<T>(ctx: AppContext, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  if (ctx.dialect === 'postgres') return ctx.db.transaction().execute((trx) => fn(trx));
  return ctx.db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (err) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw err;
    }
  });
}
