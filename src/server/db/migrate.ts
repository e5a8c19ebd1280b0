import { setTimeout as sleep } from 'node:timers/promises';
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { dialectOf, type Database } from './database.js';
import * as m0001 from './migrations/0001-foundation.js';
import * as m0002 from './migrations/0002-children.js';
import * as m0003 from './migrations/0003-bookings.js';
import * as m0003b from './migrations/0003b-unit-rules.js';
import * as m0004 from './migrations/0004-documents.js';
import * as m0005 from './migrations/0005-billing.js';
import * as m0006 from './migrations/0006-payments.js';
import * as m0007 from './migrations/0007-unit-start.js';
import * as m0008 from './migrations/0008-rate-limits.js';
import * as m0009 from './migrations/0009-config-generations.js';
import * as m0010 from './migrations/0010-jobs-invoicing-progress.js';
import * as m0011 from './migrations/0011-booking-indexes.js';
import * as m0012 from './migrations/0012-invoicing-indexes.js';
import * as m0013 from './migrations/0013-account-language.js';
import * as m0014 from './migrations/0014-family-members.js';
import * as m0015 from './migrations/0015-households.js';
import * as m0016 from './migrations/0016-franceconnect.js';
import * as m0017 from './migrations/0017-staff-mfa.js';
import * as m0018 from './migrations/0018-campaigns.js';
import * as m0019 from './migrations/0019-money.js';
import * as m0020 from './migrations/0020-messages.js';
import * as m0021 from './migrations/0021-attendance-times.js';
import * as m0022 from './migrations/0022-household-sharing.js';
import * as m0023 from './migrations/0023-quotient-source.js';
import * as m0024 from './migrations/0024-pay-at-booking.js';
import * as m0025 from './migrations/0025-attendance-status-index.js';

/** Migrations are listed statically: no file-system scanning, works the same under tsx, vitest and a bundle. */
const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-children': m0002,
  '0003-bookings': m0003,
  '0003b-unit-rules': m0003b,
  '0004-documents': m0004,
  '0005-billing': m0005,
  '0006-payments': m0006,
  '0007-unit-start': m0007,
  '0008-rate-limits': m0008,
  '0009-config-generations': m0009,
  '0010-jobs-invoicing-progress': m0010,
  '0011-booking-indexes': m0011,
  '0012-invoicing-indexes': m0012,
  '0013-account-language': m0013,
  '0014-family-members': m0014,
  '0015-households': m0015,
  '0016-franceconnect': m0016,
  '0017-staff-mfa': m0017,
  '0018-campaigns': m0018,
  '0019-money': m0019,
  '0020-messages': m0020,
  '0021-attendance-times': m0021,
  '0022-household-sharing': m0022,
  '0023-quotient-source': m0023,
  '0024-pay-at-booking': m0024,
  '0025-attendance-status-index': m0025,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** First key of the PostgreSQL advisory lock taken around migrations (the second is the schema's hash). */
const PG_MIGRATION_LOCK = 0x50464d31; // "PFM1"
/** SQLite: how many times BEGIN IMMEDIATE is tried, each waiting busy_timeout (5 s), before giving up. */
const SQLITE_LOCK_ATTEMPTS = 24;

/**
 * Brings the database to the latest migration. Safe when several instances start at the same moment on one
 * database: one migrates, the others wait for it, then find nothing left to do.
 *   - PostgreSQL: a session-level advisory lock keyed by the current schema (`pg_advisory_lock(PFM1,
 *     hashtext(current_schema()))`), held on one connection around the whole of Kysely's migrator, the creation of
 *     its bookkeeping tables included. Kysely 0.28 also takes an advisory lock of its own, but one constant for the
 *     whole database (every schema waits) and only around the migrations' transaction: its tables are created before
 *     it, racing (it catches the duplicate-object error and looks again). Other schemas do not wait on ours.
 *   - SQLite: Kysely takes no lock and runs no transaction there (two processes on one fresh file would both run
 *     0001, and one would fail half-way). Every migration runs instead inside one `BEGIN IMMEDIATE` transaction: a
 *     second process waits on the write lock (busy_timeout, then retried), then reads the migrations as applied.
 *     DDL is transactional in SQLite, so a failing migration leaves the file as it was.
 */
export async function migrateToLatest(db: Database): Promise<string[]> {
  return dialectOf(db) === 'postgres' ? migratePostgres(db) : migrateSqlite(db);
}

function migratePostgres(db: Database): Promise<string[]> {
  return db.connection().execute(async (conn) => {
    // The bookkeeping tables live in the current schema: Kysely would otherwise find another schema's tables
    // through introspection and skip creating its own.
    const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(conn);
    const lock = sql`${sql.lit(PG_MIGRATION_LOCK)}, hashtext(coalesce(current_schema(), ''))`;
    await sql`select pg_advisory_lock(${lock})`.execute(conn);
    try {
      return await runMigrator(conn, rows[0]?.s);
    } finally {
      // If the connection broke, the session and its lock are gone with it.
      await sql`select pg_advisory_unlock(${lock})`.execute(conn).catch(() => undefined);
    }
  });
}

async function migrateSqlite(db: Database): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn);
        try {
          const applied = await runMigrator(conn, undefined);
          await sql`commit`.execute(conn);
          return applied;
        } catch (err) {
          await sql`rollback`.execute(conn).catch(() => undefined);
          throw err;
        }
      });
    } catch (err) {
      // Another process holds the write lock longer than busy_timeout (a long migration): wait again.
      if (attempt >= SQLITE_LOCK_ATTEMPTS || !String((err as { code?: string })?.code ?? '').startsWith('SQLITE_BUSY')) throw err;
      await sleep(50 + Math.floor(Math.random() * 100));
    }
  }
}

async function runMigrator(db: Kysely<any>, migrationTableSchema: string | undefined): Promise<string[]> {
  // Issues land in parallel: 0004 (documents) was merged after 0005 (billing) had run on development databases.
  // Unordered runs apply such a late migration instead of refusing to start; each migration stands alone.
  const migrator = new Migrator({ db, provider, migrationTableSchema, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The migrations this version knows, in listed order (GET /readyz checks that every one is recorded). */
export function knownMigrations(): string[] {
  return Object.keys(migrations);
}
