import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';

/**
 * A fresh, migrated database for one test file: SQLite in memory by default; with TEST_DATABASE_URL, a schema
 * of its own in that PostgreSQL database (dropped on close), so test files never see each other's rows.
 */
export async function createTestDatabase(): Promise<{ db: Database; close: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const db = openDatabase({ sqliteFile: ':memory:' });
    await migrateToLatest(db);
    return { db, close: () => db.destroy() };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const db = openDatabase({ url, pgSchema: schema, pgPoolSize: 5 });
  await migrateToLatest(db);
  return {
    db,
    close: async () => {
      await db.destroy().catch(() => undefined); // a test may have closed it on purpose
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.query(`drop schema if exists ${schema}_pgboss cascade`); // the job queue's, when a test started it
      await c.end();
    },
  };
}
