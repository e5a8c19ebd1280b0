import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { DB } from './schema.js';
import { dialectOf, type Database, type DialectName } from './database.js';

/**
 * The write discipline of the whole server (docs/write-discipline.md): every read-then-write runs in
 * `writeTransaction` and uses one of three shapes:
 *   1. a conditional write whose affected rows are checked (`affected(...)`),
 *   2. the rows the decision depends on locked first (`forUpdate(...)`, in a fixed order),
 *   3. SERIALIZABLE with a bounded retry (`{ serializable: true }`), for decisions over many rows.
 * SQLite's BEGIN IMMEDIATE serialises every writer; PostgreSQL (READ COMMITTED) does not, which is why the shapes
 * above are required, and why the code is the same on both databases.
 */

export type Executor = Kysely<DB> | Transaction<DB>;

/** What a transaction needs to know: the database and its dialect (an AppContext fits). */
export interface WriteTarget {
  db: Database;
  dialect: DialectName;
}

export interface WriteOptions {
  /** PostgreSQL: run SERIALIZABLE (SQLite always is). Retried on serialization failures and deadlocks. */
  serializable?: boolean;
  /** How many attempts in all on a serialization failure or a deadlock (default 5). */
  attempts?: number;
}

/**
 * A short read-then-write transaction. On SQLite it starts with BEGIN IMMEDIATE: the write lock is taken at once,
 * so a second process on the same file waits (busy_timeout) instead of failing on upgrade; inside this process,
 * Kysely's single SQLite connection already queues callers FIFO. On PostgreSQL a READ COMMITTED transaction (or
 * SERIALIZABLE when asked), retried with jitter on SQLSTATE 40001 / 40P01 a bounded number of times: `fn` may run
 * more than once, so it must not have effects outside the database. Never await network, hashing or rendering
 * inside `fn`.
 */
export async function writeTransaction<T>(target: WriteTarget, fn: (trx: Kysely<DB>) => Promise<T>, options: WriteOptions = {}): Promise<T> {
  if (target.dialect !== 'postgres') return sqliteImmediate(target.db, fn);
  const attempts = options.attempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    try {
      const builder = target.db.transaction();
      return await (options.serializable ? builder.setIsolationLevel('serializable') : builder).execute((trx) => fn(trx));
    } catch (err) {
      if (attempt >= attempts || !isRetryable(err)) throw err;
      await sleep(Math.floor(Math.random() * 8 * attempt) + 1);
    }
  }
}

function sqliteImmediate<T>(db: Database, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
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

/** Serialization failure or deadlock (PostgreSQL): nothing was written, the transaction may run again. */
export function isRetryable(err: unknown): boolean {
  const code = (err as { code?: string })?.code;
  return code === '40001' || code === '40P01';
}

/** A CHECK constraint refused the write, on either database (a guard that lost a race, never a 500). */
export function isCheckViolation(err: unknown): boolean {
  const code = (err as { code?: string })?.code;
  return code === '23514' || code === 'SQLITE_CONSTRAINT_CHECK';
}

/**
 * `SELECT … FOR UPDATE` on PostgreSQL; unchanged on SQLite, whose BEGIN IMMEDIATE already holds the one write lock
 * (SQLite has no FOR UPDATE). Order the query (ORDER BY the key) when it locks several rows, so two transactions
 * take the locks in the same order.
 */
export function forUpdate<QB extends SelectQueryBuilder<any, any, any>>(db: Executor, qb: QB): QB {
  return (dialectOf(db) === 'postgres' ? qb.forUpdate() : qb) as QB;
}

/** `SELECT … FOR SHARE` on PostgreSQL (readers that must not overlap a writer's FOR UPDATE); unchanged on SQLite. */
export function forShare<QB extends SelectQueryBuilder<any, any, any>>(db: Executor, qb: QB): QB {
  return (dialectOf(db) === 'postgres' ? qb.forShare() : qb) as QB;
}

/** Rows changed by an UPDATE, DELETE or INSERT … ON CONFLICT DO NOTHING (Kysely gives bigints). */
export function affected(result: { numUpdatedRows?: bigint; numDeletedRows?: bigint; numInsertedOrUpdatedRows?: bigint } | undefined): number {
  if (!result) return 0;
  return Number(result.numUpdatedRows ?? result.numDeletedRows ?? result.numInsertedOrUpdatedRows ?? 0n);
}
