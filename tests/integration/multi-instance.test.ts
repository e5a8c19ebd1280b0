/**
 * Several instances of the portal on one database (issue 16, « Several instances »): what one instance knows, every
 * other knows — sessions, CSRF, every rate limit — and three instances starting at the same moment migrate once.
 *
 * Each instance here has its own connection pool (PostgreSQL, the same schema) or its own connection to the same
 * SQLite FILE (not :memory:), and its own Fastify app, as separate processes would. Requests go one after another
 * except in the concurrency test, which only uses a route whose handler does not write (on SQLite, two connections
 * in one thread cannot hold write transactions across awaits at once; separate processes can).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { loadConfig, type Config } from '../../src/server/config.js';
import { ManualClock } from '../../src/server/clock.js';
import { openDatabase, type Database } from '../../src/server/db/database.js';
import { generateKey } from '../../src/server/crypto/health-crypto.js';
import { createFamily } from '../support/factories.js';
import { freshPgSchema, sharedDatabase, startInstance as startOne, type Instance as BaseInstance, type SharedDatabase } from '../support/instances.js';

const PG_URL = process.env.TEST_DATABASE_URL;
const ON = PG_URL ? 'PostgreSQL' : 'SQLite';

// ---------- one database, several instances (tests/support/instances.ts) ----------

interface Instance extends BaseInstance {
  name: string;
}

const healthDataKey = generateKey(); // one key for the deployment, as every instance reads the same env
const clock = new ManualClock(new Date().toISOString()); // one wall clock

async function startInstance(shared: SharedDatabase, name: string, config: Partial<Config> = {}): Promise<Instance> {
  return { name, ...(await startOne(shared, { clock, healthDataKey, config })) };
}

interface Res {
  status: number;
  body: any;
  headers: Record<string, string | string[] | number | undefined>;
}

/** A browser (or a script) that may reach any instance: keeps its cookies and its CSRF token across them. */
class Browser {
  private cookies = new Map<string, string>();
  csrf: string | null = null;

  /** `ip`: the TCP peer the instance sees (the proxy's address behind a proxy); `forwardedFor`: X-Forwarded-For. */
  constructor(
    readonly ip: string,
    readonly forwardedFor?: string,
  ) {}

  async send(to: Instance, method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res> {
    const res = await to.app.inject({
      method: method as 'GET',
      url,
      remoteAddress: this.ip,
      headers: {
        ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...(this.forwardedFor ? { 'x-forwarded-for': this.forwardedFor } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = res.headers['set-cookie'];
    for (const c of setCookie ? (Array.isArray(setCookie) ? setCookie : [setCookie]) : []) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const [k, v] = [pair.slice(0, i).trim(), pair.slice(i + 1).trim()];
      if (v === '' || attrs.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a))) this.cookies.delete(k);
      else this.cookies.set(k, v);
    }
    const json = String(res.headers['content-type'] ?? '').includes('json') && res.body;
    return { status: res.statusCode, body: json ? JSON.parse(res.body) : res.body, headers: res.headers };
  }

  /** GET /api/session on `to`: keeps the CSRF token the page would get. */
  async session(to: Instance): Promise<Res> {
    const res = await this.send(to, 'GET', '/api/session');
    this.csrf = res.body.csrfToken;
    return res;
  }

  login(to: Instance, email: string, password: string): Promise<Res> {
    return this.send(to, 'POST', '/api/auth/login', { email, password });
  }
}

const WRONG = 'Mauvais-Mot-2026!';
let seq = 0;
/** A login attempt for an address nobody has: 401, and never the per-account block (5 failures on one e-mail). */
const unknownEmail = () => `inconnu-${++seq}-${randomBytes(3).toString('hex')}@nulle-part.example`;

/** The client addresses the rate limiter counted for a route (its counters' keys end with the address). */
async function countedAddresses(db: Database, route: string): Promise<string[]> {
  const { rows } = await sql<{ key: string }>`select key from rate_limit where key like ${`${route} %`} order by key`.execute(db);
  return rows.map((r) => r.key.slice(route.length + 1));
}

describe(`several instances on one ${ON} database`, () => {
  let shared: SharedDatabase;
  let A: Instance;
  let B: Instance;
  let C: Instance;

  beforeAll(async () => {
    shared = await sharedDatabase();
    A = await startInstance(shared, 'A');
    B = await startInstance(shared, 'B');
    C = await startInstance(shared, 'C');
  });

  afterAll(async () => {
    for (const i of [A, B, C]) await i?.close();
    await shared?.close();
  });

  it('a family signs in on instance A and goes on on instance B with the same session and CSRF token', async () => {
    const f = await createFamily(A.ctx);
    const browser = new Browser('192.0.2.1');
    const csrfOnA = (await browser.session(A)).body.csrfToken;
    expect((await browser.login(A, f.email, f.password)).status).toBe(200);

    // B knows the session (sessions table) and accepts the CSRF token A handed out (double-submit cookie)
    const onB = await browser.session(B);
    expect(onB.body.account?.email).toBe(f.email);
    expect(onB.body.csrfToken).toBe(csrfOnA);
    expect((await browser.send(B, 'GET', '/api/family')).status).toBe(200);
    // a state-changing request on B without the token is refused, with it accepted
    const noToken = await browser.send(B, 'POST', '/api/auth/logout', undefined, { 'x-csrf-token': 'x'.repeat(32) });
    expect(noToken.status).toBe(403);
    expect(noToken.body.error.code).toBe('request.csrf');
    expect((await browser.send(B, 'POST', '/api/auth/logout')).status).toBe(204);
    // signed out on B: A no longer knows the session either
    expect((await browser.session(A)).body.account).toBeNull();
    expect((await browser.send(A, 'GET', '/api/family')).status).toBe(401);
  });

  it('refuses the 21st login attempt in a minute from one address whichever instance gets it (A, B alternately)', async () => {
    const browser = new Browser('192.0.2.21');
    await browser.session(A);
    for (let i = 0; i < 20; i++) {
      const res = await browser.login(i % 2 ? B : A, unknownEmail(), WRONG);
      expect(res.status).toBe(401);
      // the remaining count is the deployment's, not the instance's
      expect(res.headers['x-ratelimit-remaining']).toBe(String(20 - (i + 1)));
    }
    for (const to of [A, B, C]) {
      const res = await browser.login(to, unknownEmail(), WRONG);
      expect(res.status, `instance ${to.name}`).toBe(429);
      expect(res.body.error.code).toBe('request.rate_limited');
      expect(res.body.error.retryAfterSeconds).toBeGreaterThan(0);
      expect(res.body.error.retryAfterSeconds).toBeLessThanOrEqual(60);
    }
    // another address is not affected
    const other = new Browser('192.0.2.22');
    await other.session(B);
    expect((await other.login(B, unknownEmail(), WRONG)).status).toBe(401);
  });

  it('holds the other limits across instances too: 5 password-reset requests per 15 minutes per address', async () => {
    const browser = new Browser('192.0.2.31');
    await browser.session(B);
    for (let i = 0; i < 5; i++) {
      const res = await browser.send(i % 2 ? A : B, 'POST', '/api/auth/password-reset/request', { email: unknownEmail() });
      expect(res.status).toBe(202);
    }
    for (const to of [C, A, B]) {
      const res = await browser.send(to, 'POST', '/api/auth/password-reset/request', { email: unknownEmail() });
      expect(res.status, `instance ${to.name}`).toBe(429);
      expect(res.body.error.code).toBe('request.rate_limited');
    }
    // the login limit of the same address is a separate counter
    expect((await browser.login(A, unknownEmail(), WRONG)).status).toBe(401);
  });

  it('counts hits arriving at the same moment on three instances exactly once each (130 at once, limit 120)', async () => {
    const browser = new Browser('192.0.2.41');
    const instances = [A, B, C];
    const results = await Promise.all(
      Array.from({ length: 130 }, (_, i) => browser.send(instances[i % 3], 'GET', '/api/postal-codes?q=5956')),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(120);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    const { rows } = await sql<{ count: number }>`select count from rate_limit where key = ${'GET /api/postal-codes 192.0.2.41'}`.execute(A.ctx.db);
    expect(Number(rows[0].count)).toBe(130);
    for (const i of instances) expect(i.logs.filter((l) => /"level":50/.test(l))).toEqual([]);
  });

  it('without TRUST_PROXY, everyone behind a proxy shares its address: X-Forwarded-For is not believed', async () => {
    for (let i = 0; i < 20; i++) {
      const family = new Browser('127.0.0.9', `203.0.113.${100 + i}`);
      await family.session(A);
      expect((await family.login(i % 2 ? B : A, unknownEmail(), WRONG)).status).toBe(401);
    }
    const another = new Browser('127.0.0.9', '203.0.113.200');
    await another.session(B);
    expect((await another.login(B, unknownEmail(), WRONG)).status).toBe(429);
    expect(await countedAddresses(A.ctx.db, 'POST /api/auth/login')).toContain('127.0.0.9');
    expect(await countedAddresses(A.ctx.db, 'POST /api/auth/login')).not.toContain('203.0.113.100');
  });

  it('with TRUST_PROXY set to the proxy, X-Forwarded-For decides the address, across instances', async () => {
    // two instances behind nginx on loopback, configured as a city would: by the proxy's address or range name
    const P = await startInstance(shared, 'P', { trustProxy: loadConfig({ TRUST_PROXY: '127.0.0.1' }).trustProxy });
    const Q = await startInstance(shared, 'Q', { trustProxy: loadConfig({ TRUST_PROXY: 'loopback' }).trustProxy });
    try {
      const family = new Browser('127.0.0.1', '198.51.100.20');
      await family.session(P);
      for (let i = 0; i < 20; i++) expect((await family.login(i % 2 ? Q : P, unknownEmail(), WRONG)).status).toBe(401);
      expect((await family.login(P, unknownEmail(), WRONG)).status).toBe(429);
      expect((await family.login(Q, unknownEmail(), WRONG)).status).toBe(429);

      // another family through the same proxy has its own count
      const neighbour = new Browser('127.0.0.1', '198.51.100.21');
      await neighbour.session(Q);
      expect((await neighbour.login(Q, unknownEmail(), WRONG)).status).toBe(401);
      // a client reaching the instance directly cannot pick its address with the header: its own is counted
      const direct = new Browser('192.0.2.99', '198.51.100.22');
      await direct.session(P);
      expect((await direct.login(P, unknownEmail(), WRONG)).status).toBe(401);
      const counted = await countedAddresses(P.ctx.db, 'POST /api/auth/login');
      expect(counted).toEqual(expect.arrayContaining(['198.51.100.20', '198.51.100.21', '192.0.2.99']));
      expect(counted).not.toContain('198.51.100.22');
      expect(counted).not.toContain('127.0.0.1');

      // the account-level throttle sees the same address (its per-address key is the forwarded one)
      const { rows } = await sql<{ key: string }>`select key from throttle where key like ${'login:ip:%'}`.execute(P.ctx.db);
      expect(rows.map((r) => r.key)).toContain('login:ip:198.51.100.20');
    } finally {
      await P.close();
      await Q.close();
    }
  });

  it('behind two proxies, TRUST_PROXY lists both; `true` takes the leftmost X-Forwarded-For address', async () => {
    const both = await startInstance(shared, 'both', { trustProxy: loadConfig({ TRUST_PROXY: '127.0.0.1, 198.51.100.0/30' }).trustProxy });
    const all = await startInstance(shared, 'all', { trustProxy: loadConfig({ TRUST_PROXY: 'true' }).trustProxy });
    try {
      // family 203.0.113.61 → proxy 198.51.100.1 → nginx 127.0.0.1 → instance
      const viaTwo = new Browser('127.0.0.1', '203.0.113.61, 198.51.100.1');
      await viaTwo.send(both, 'GET', '/api/postal-codes?q=5956');
      // a forged header: with `true` the leftmost address, whoever wrote it, is believed
      const forged = new Browser('127.0.0.1', '203.0.113.66, 203.0.113.62');
      await forged.send(all, 'GET', '/api/postal-codes?q=5956');
      const counted = await countedAddresses(both.ctx.db, 'GET /api/postal-codes');
      expect(counted).toEqual(expect.arrayContaining(['203.0.113.61', '203.0.113.66']));
      expect(counted).not.toContain('198.51.100.1');
      expect(counted).not.toContain('203.0.113.62');
    } finally {
      await both.close();
      await all.close();
    }
  });

  it('a window that ended on one instance is over on all, and expired counters are purged', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    try {
      const browser = new Browser('192.0.2.21'); // refused in the test above
      await browser.session(B);
      expect((await browser.login(B, unknownEmail(), WRONG)).status).toBe(429);
      vi.setSystemTime(Date.now() + 61_000);
      expect((await browser.login(B, unknownEmail(), WRONG)).status).toBe(401);
      expect((await browser.login(A, unknownEmail(), WRONG)).headers['x-ratelimit-remaining']).toBe('18');
      // the request above started each instance's periodic purge of the counters whose window is over
      await vi.waitFor(async () => {
        const { rows } = await sql<{ n: number }>`select count(*) as n from rate_limit where expires_at <= ${Date.now()}`.execute(A.ctx.db);
        expect(Number(rows[0].n)).toBe(0);
      });
      // the reset-request counters (15 minutes) are still there
      expect(await countedAddresses(A.ctx.db, 'POST /api/auth/password-reset/request')).toContain('192.0.2.31');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('TRUST_PROXY values', () => {
  it.each([
    [undefined, false],
    ['false', false],
    ['0', false],
    ['true', true],
    ['yes', true],
    ['1', true],
    ['127.0.0.1', ['127.0.0.1']],
    ['loopback', ['loopback']],
    ['10.0.0.5, 10.0.0.6', ['10.0.0.5', '10.0.0.6']],
    ['loopback,10.0.0.0/8,fd00::/8,::1', ['loopback', '10.0.0.0/8', 'fd00::/8', '::1']],
  ])('TRUST_PROXY=%s → %j', (value, expected) => {
    expect(loadConfig(value === undefined ? {} : { TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each(['nginx', '10.0.0.0/33', '300.1.1.1', ',', '2'])('refuses TRUST_PROXY=%s, naming the variable', (value) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
  });
});

// ---------- three instances starting at the same moment ----------

interface MigratorRun {
  code: number | null;
  out: string;
  err: string;
}

/** Runs tests/support/migrate-at.ts in its own process, told to migrate at `at` (epoch ms). */
function migrator(env: Record<string, string>, at: number): Promise<MigratorRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/migrate-at.ts'], {
    env: { ...process.env, ...env, MIGRATE_AT: String(at) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (err += c));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

async function threeMigratorsAtOnce(env: Record<string, string>): Promise<string[][]> {
  const at = Date.now() + 6_000; // three Node processes load tsx on 2 CPUs first
  const runs = await Promise.all([migrator(env, at), migrator(env, at), migrator(env, at)]);
  for (const r of runs) expect(r.code, r.err).toBe(0);
  const reports = runs.map((r) => JSON.parse(r.out.trim().split('\n').at(-1)!) as { applied: string[]; startedAt: number; finishedAt: number });
  // they did start together: every one began migrating before the first one was done
  expect(Math.max(...reports.map((r) => r.startedAt))).toBeLessThan(Math.min(...reports.map((r) => r.finishedAt)));
  return reports.map((r) => r.applied);
}

async function expectMigratedOnce(db: Database, applied: string[][]): Promise<void> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  const names = rows.map((r) => r.name);
  expect(names.length).toBeGreaterThanOrEqual(8);
  expect(names).toContain('0008-rate-limits');
  // one process applied every migration, the two others found nothing left to do
  expect(applied.map((a) => a.length).sort((x, y) => x - y)).toEqual([0, 0, names.length]);
  expect([...applied.flat()].sort()).toEqual(names);
  // and the schema is whole: the last migration's table answers
  await sql`select count(*) from rate_limit`.execute(db);
}

describe('three instances migrating the same fresh database at the same moment', () => {
  it.runIf(PG_URL)('PostgreSQL: one migrates under the advisory lock, the two others wait and find nothing to do', { timeout: 60_000 }, async () => {
    const { schema, drop } = await freshPgSchema(PG_URL!);
    const db = openDatabase({ url: PG_URL, pgSchema: schema, pgPoolSize: 1 });
    try {
      const applied = await threeMigratorsAtOnce({ PG_URL: PG_URL!, PG_SCHEMA: schema });
      await expectMigratedOnce(db, applied);
    } finally {
      await db.destroy();
      await drop();
    }
  });

  it('SQLite: one file, three processes: one migrates inside BEGIN IMMEDIATE, the others wait and find nothing to do', { timeout: 60_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-migrate-'));
    const file = path.join(dir, 'portail.sqlite');
    try {
      const applied = await threeMigratorsAtOnce({ SQLITE_FILE: file, PG_URL: '' });
      const db = openDatabase({ sqliteFile: file });
      try {
        await expectMigratedOnce(db, applied);
      } finally {
        await db.destroy();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
