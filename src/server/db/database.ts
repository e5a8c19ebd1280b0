import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql, PostgresAdapter } from 'kysely';
import type { DB } from './schema.js';

export type Database = Kysely<DB>;
export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseOptions {
  /** postgres://… ; otherwise SQLite */
  url?: string;
  /** SQLite file path, or ':memory:' */
  sqliteFile?: string;
  /** PostgreSQL schema to use as search_path (test isolation) */
  pgSchema?: string;
  pgPoolSize?: number;
}

export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

const pgPools = new WeakMap<Kysely<any>, pg.Pool>();
/** The pg.Pool behind a PostgreSQL database opened here (its use is reported by /metrics); null on SQLite. */
export function pgPoolOf(db: Kysely<any>): pg.Pool | null {
  return pgPools.get(db) ?? null;
}

/** Opens the database: PostgreSQL when a URL is given, SQLite (WAL, foreign keys, synchronous=FULL) otherwise. */
export function openDatabase(options: DatabaseOptions): Database {
  if (options.url && /^postgres(ql)?:\/\//.test(options.url)) {
    // Dates stay ISO strings: money and days are never parsed by the driver.
    pg.types.setTypeParser(20, (v) => Number(v)); // int8 (count(*)) → number
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.pgPoolSize ?? 10,
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: withPreparedStatements(pool) }) });
    pgPools.set(db, pool);
    return db;
  }
  const file = options.sqliteFile ?? ':memory:';
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  // 64 MiB of page cache (SQLite's default is 2 MiB): a city's month of bookings is read by the invoicing run and
  // the planning pages again and again; at 50,000 families the run's reads took twice as long per family with
  // the default (bench/invoicing.ts)
  sqlite.pragma('cache_size = -65536');
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
}

/**
 * Kysely prepares every query anew; preparing was the largest single cost of a booking (17 % of its CPU, measured
 * with bench/rush.ts). The same SQL text reuses its prepared statement (a bounded LRU: queries with IN lists of
 * varying length make new texts). Safe because nothing here streams (iterate) a statement while reusing it.
 */
function withStatementCache(sqlite: SQLite.Database, max = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let stmt = cache.get(text);
      if (stmt) {
        cache.delete(text); // most recently used goes last
      } else {
        stmt = sqlite.prepare(text);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
      }
      cache.set(text, stmt);
      return stmt;
    },
  };
}

/**
 * PostgreSQL: the statements the portal runs again and again are prepared once per connection (pg's named
 * statements) instead of parsed, planned and described at every call. Measured on this 2-vCPU machine: a short
 * query costs the portal's process about half the CPU, and the database less (Kysely sends a new text each time).
 * A text is named after it was seen `after` times (a migration's DDL or a rare IN-list length never is), at most
 * `max` texts per pool (each connection keeps at most that many). A prepared plan invalidated by a schema change
 * (« cached plan must not change result type », during a rolling upgrade) is forgotten and the query runs again
 * unnamed; inside a transaction the error stands, the transaction fails and the request is answered 409/503.
 */
function withPreparedStatements(pool: pg.Pool, { after = 3, max = 1000 } = {}) {
  const seen = new Map<string, number>();
  const names = new Map<string, string>();
  const patched = new WeakSet<pg.PoolClient>();
  const nameOf = (text: string): string | null => {
    const known = names.get(text);
    if (known) return known;
    if (names.size >= max) return null;
    const count = (seen.get(text) ?? 0) + 1;
    if (count < after) {
      if (seen.size >= 10 * max) seen.clear();
      seen.set(text, count);
      return null;
    }
    seen.delete(text);
    const name = `pf_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
    return name;
  };
  const patch = (client: pg.PoolClient) => {
    patched.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => Promise<pg.QueryResult>;
    const parsed = (client as unknown as { connection?: { parsedStatements?: Record<string, string> } }).connection?.parsedStatements;
    // Only Kysely's form, query(text, values), is named; any other (a config object, a callback — pool.query,
    // which pg-boss uses on the same clients) passes through untouched.
    (client as unknown as { query: unknown }).query = (...args: unknown[]) => {
      const [text, values] = args;
      if (args.length !== 2 || typeof text !== 'string' || !Array.isArray(values)) return query(...args);
      const name = nameOf(text);
      if (!name) return query(text, values);
      return query({ name, text, values }).catch(async (err: { code?: string }) => {
        // 0A000: the plan's result type changed under it (a column added or dropped); 26000: unknown statement
        if (err?.code !== '0A000' && err?.code !== '26000') throw err;
        if (parsed) delete parsed[name];
        await query(`deallocate ${name}`).catch(() => undefined);
        return query(text, values);
      });
    };
  };
  return {
    connect: async () => {
      const client = await pool.connect();
      if (!patched.has(client)) patch(client);
      return client;
    },
    end: () => pool.end(),
  };
}

export async function pingDatabase(db: Database): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/** Unique-constraint violation, on either database. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
