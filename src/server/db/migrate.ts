import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import { dialectOf, type Database } from './database.js';
import * as m0001 from './migrations/0001-foundation.js';
import * as m0002 from './migrations/0002-children.js';
import * as m0003 from './migrations/0003-bookings.js';
import * as m0003b from './migrations/0003b-unit-rules.js';
import * as m0004 from './migrations/0004-documents.js';
import * as m0005 from './migrations/0005-billing.js';
import * as m0006 from './migrations/0006-payments.js';
import * as m0007 from './migrations/0007-unit-start.js';

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
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Database): Promise<string[]> {
  // On PostgreSQL the bookkeeping tables live in the current schema: Kysely would otherwise find another
  // schema's tables through introspection and skip creating its own.
  let migrationTableSchema: string | undefined;
  if (dialectOf(db) === 'postgres') {
    const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(db);
    migrationTableSchema = rows[0]?.s;
  }
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
