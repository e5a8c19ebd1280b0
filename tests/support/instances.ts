/**
 * Several instances of the portal on one database, in one test process (multi-instance, jobs): each instance has
 * its own connection pool (PostgreSQL: a schema of the test's own) or its own connection to the same SQLite FILE,
 * its own Fastify app and logs, as separate processes would.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/server/config.js';
import { createLogger } from '../../src/server/logger.js';
import { buildApp } from '../../src/server/app.js';
import type { Clock } from '../../src/server/clock.js';
import { dialectOf, openDatabase, type Database } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import type { AppContext } from '../../src/server/context.js';
import type { App } from '../../src/server/http.js';
import { smtpTransport } from '../../src/server/modules/mail/mail.transport.js';
import { PUBLIC_URL } from './app.js';

export interface SharedDatabase {
  open: () => Database;
  close: () => Promise<void>;
}

/** A PostgreSQL schema of its own on `url` (its pg-boss schema dropped with it). */
export async function freshPgSchema(url: string): Promise<{ schema: string; drop: () => Promise<void> }> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const run = async (query: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(query);
    } finally {
      await c.end();
    }
  };
  await run(`create schema ${schema}`);
  return {
    schema,
    drop: async () => {
      await run(`drop schema if exists ${schema} cascade`);
      await run(`drop schema if exists ${schema}_pgboss cascade`);
    },
  };
}

/** A database several instances open: a schema of its own with TEST_DATABASE_URL, else a SQLite file in a temporary directory. */
export async function sharedDatabase(prefix = 'pf-multi-'): Promise<SharedDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const { schema, drop } = await freshPgSchema(url);
    return { open: () => openDatabase({ url, pgSchema: schema, pgPoolSize: 4 }), close: drop };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const file = path.join(dir, 'portail.sqlite');
  return { open: () => openDatabase({ sqliteFile: file }), close: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface Instance {
  app: App;
  ctx: AppContext;
  logs: string[];
  /** closes the app (and its job queue), the mailer and the connection(s); idempotent */
  close: () => Promise<void>;
}

/** An instance as main.ts starts one: its own connection(s), migrations run (nothing left to do after the first). */
export async function startInstance(
  shared: SharedDatabase,
  o: { clock: Clock; healthDataKey: string; config?: Partial<Config>; smtpUrl?: string },
): Promise<Instance> {
  const db = shared.open();
  await migrateToLatest(db);
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(chunk.toString());
      cb();
    },
  });
  const ctx: AppContext = {
    config: { ...loadConfig({}), demo: false, publicUrl: PUBLIC_URL, healthDataKey: o.healthDataKey, smtpUrl: o.smtpUrl, ...o.config },
    db,
    dialect: dialectOf(db),
    clock: o.clock,
    mailer: o.smtpUrl ? smtpTransport(o.smtpUrl) : null,
    logger: createLogger('warn', sink),
  };
  const app = await buildApp(ctx, { web: false });
  await app.ready();
  let closed = false;
  return {
    app,
    ctx,
    logs,
    close: async () => {
      if (closed) return;
      closed = true;
      await app.close(); // stops its job queue
      ctx.mailer?.close();
      await db.destroy();
    },
  };
}
