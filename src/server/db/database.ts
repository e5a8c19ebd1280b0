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
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
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
