/**
 * One migrator process, as an instance starting up would run it (tests/integration/multi-instance.test.ts starts
 * three at once). Opens the database first, waits until MIGRATE_AT (epoch ms) so that the three migrate at the same
 * moment, then runs migrateToLatest and prints the migrations it applied as JSON on stdout.
 *   SQLite: SQLITE_FILE=/tmp/…/portail.sqlite   PostgreSQL: PG_URL=postgres://… PG_SCHEMA=t_…
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { openDatabase } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';

const db = process.env.PG_URL
  ? openDatabase({ url: process.env.PG_URL, pgSchema: process.env.PG_SCHEMA, pgPoolSize: 2 })
  : openDatabase({ sqliteFile: process.env.SQLITE_FILE });
try {
  await sql`select 1`.execute(db); // connected before the start signal: the race is the migration's, not the connect's
  await sleep(Math.max(0, Number(process.env.MIGRATE_AT) - Date.now()));
  const startedAt = Date.now();
  const applied = await migrateToLatest(db);
  process.stdout.write(JSON.stringify({ applied, startedAt, finishedAt: Date.now() }) + '\n');
} catch (err) {
  process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
