import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-proc-'));
  dirs.push(d);
  return d;
}

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Starts `main.ts start` as `npm start` would (without the web build), and waits for its banner. */
function start(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', 'start'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: '', SMTP_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner:\n${out}`)), 30_000);
    child.stdout!.on('data', () => {
      const m = /http:\/\/localhost:(\d+)/.exec(out);
      if (m && /mot de passe|Courriels/.test(out)) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${m[1]}`, output: () => out });
      }
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)));
  });
}

function stop(s: Started): Promise<number | null> {
  return new Promise((resolve) => {
    s.child.removeAllListeners('exit');
    s.child.once('exit', (code) => resolve(code));
    s.child.kill('SIGTERM');
  });
}

/** The demo's logins: two families, a second guardian, two separated parents' households, an admin and an agent. */
const DEMO_ACCOUNTS = 7;

async function countAccounts(dataDir: string): Promise<number> {
  const db = openDatabase({ sqliteFile: path.join(dataDir, 'portail.sqlite') });
  const row = await db.selectFrom('account').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  await db.destroy();
  return Number(row.n);
}

describe('the portal as a process (npm start)', () => {
  it('migrates, seeds the demo once, prints the URL and logins, serves /healthz and stops cleanly on SIGTERM', async () => {
    const dataDir = tempDir();
    const first = await start({ DATA_DIR: dataDir, DEMO_PASSWORD: 'Demo-Process-2026!' });
    expect(first.output()).toContain('famille@example.org');
    expect(first.output()).toContain('nouvelle-famille@example.org');
    expect(first.output()).toContain('admin@example.org');
    // issue 11: the demo family's second guardian, and the two households of a child of separated parents
    expect(first.output()).toContain('julien.martin@example.org');
    expect(first.output()).toContain('sophie.bernard@example.org');
    expect(first.output()).toContain('thomas.roussel@example.org');
    expect(first.output()).toContain('Demo-Process-2026!');
    expect(first.output()).toContain('Ville de Comines');
    const health = await fetch(`${first.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await stop(first)).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'portail.sqlite'))).toBe(true);
    expect(await countAccounts(dataDir)).toBe(DEMO_ACCOUNTS);

    // a second start on the same data adds nothing
    const second = await start({ DATA_DIR: dataDir, DEMO_PASSWORD: 'Demo-Process-2026!' });
    expect(await stop(second)).toBe(0);
    expect(await countAccounts(dataDir)).toBe(DEMO_ACCOUNTS);
  });

  it('generates, prints and remembers a demo password when DEMO_PASSWORD is unset', async () => {
    const dataDir = tempDir();
    const env = { DATA_DIR: dataDir, DEMO_PASSWORD: '' }; // empty counts as unset
    const first = await start(env);
    const m = /mot de passe \/ password (\S+)/.exec(first.output());
    expect(m).not.toBeNull();
    expect(await stop(first)).toBe(0);
    const second = await start(env);
    expect(second.output()).toContain(m![1]);
    expect(await stop(second)).toBe(0);
  });

  it('writes no demo data when demo mode is off', async () => {
    const dataDir = tempDir();
    const s = await start({ DATA_DIR: dataDir, DEMO: 'false' });
    expect(s.output()).not.toContain('famille@example.org');
    expect(await stop(s)).toBe(0);
    expect(await countAccounts(dataDir)).toBe(0);
  });
});

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))('the portal as a process on PostgreSQL (DATABASE_URL)', () => {
  it('migrates and seeds a fresh PostgreSQL schema, then answers /healthz', async () => {
    const { default: pg } = await import('pg');
    const url = process.env.TEST_DATABASE_URL!;
    const schema = `proc_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    try {
      const databaseUrl = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      const s = await start({ DATA_DIR: tempDir(), DATABASE_URL: databaseUrl, DEMO: 'true', DEMO_PASSWORD: 'Demo-Process-2026!' });
      expect(s.output()).toContain('PostgreSQL');
      expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
      expect(await stop(s)).toBe(0);
      const { rows } = await admin.query(`select count(*)::int as n from ${schema}.account`);
      expect(rows[0].n).toBe(DEMO_ACCOUNTS);
    } finally {
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.query(`drop schema if exists ${schema}_pgboss cascade`); // the job queue's (the demo's invoicing run)
      await admin.end();
    }
  });
});
