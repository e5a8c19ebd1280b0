import { randomUUID } from 'node:crypto';
import { Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type Driver } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Res, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff, type FamilyFixture } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { fullChildInput, lists } from '../support/children.js';
import { createActivityFixture, reserve } from './booking-support.js';
import { knownMigrations } from '../../src/server/db/migrate.js';
import { startJobs } from '../../src/server/jobs/runner.js';
import { readiness } from '../../src/server/modules/system/readiness.js';
import type { FamilyInput } from '../../src/shared/contracts.js';
import type { Config } from '../../src/server/config.js';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789abcdef';
const CLOCK_START = '2026-08-24T08:00:00.000Z';
const BOOKED_DAY = '2026-09-08'; // a Tuesday of the fixture's period, well before its J-2 deadline

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { metricsToken: METRICS_TOKEN }, clockStart: CLOCK_START });
});
afterAll(async () => {
  await t.close();
});

describe('GET /readyz', () => {
  it('is not ready while the job runner is not started (the tests’ app), and says which check fails', async () => {
    const res = await t.client().get('/readyz');
    expect(res.status).toBe(503);
    const last = knownMigrations().at(-1);
    expect(res.body).toEqual({
      status: 'not_ready',
      checks: {
        database: { ok: true },
        migrations: { ok: true, expected: last, latest: last, pending: [] },
        jobs: { ok: false, started: false, stopped: false, lastTickSecondsAgo: null, queue: { kind: t.ctx.dialect === 'postgres' ? 'pg-boss' : 'in-process', started: false } },
      },
    });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('is ready once the runner has started, and no longer once it is stopped', async () => {
    const stop = startJobs(t.ctx);
    let res: Res;
    try {
      res = await t.client().get('/readyz');
    } finally {
      await stop();
    }
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ready');
    expect(res.body.checks.jobs).toMatchObject({ ok: true, started: true, stopped: false });
    const after = await t.client().get('/readyz');
    expect(after.status).toBe(503);
    expect(after.body.checks.jobs).toMatchObject({ ok: false, started: true, stopped: true });
  });

  it('names the migrations the database lacks', async () => {
    const u = await createTestApp();
    const stop = startJobs(u.ctx);
    try {
      expect((await u.client().get('/readyz')).status).toBe(200);
      const last = knownMigrations().at(-1)!;
      await u.ctx.db.deleteFrom('kysely_migration' as never).where('name' as never, '=', last as never).execute();
      const res = await u.client().get('/readyz');
      expect(res.status).toBe(503);
      expect(res.body.checks.migrations).toMatchObject({ ok: false, expected: last, pending: [last] });
      expect(res.body.checks.migrations.latest).not.toBe(last);
      expect(res.body.checks.database.ok).toBe(true);
    } finally {
      await stop();
      await u.close();
    }
  });

  it('answers 503 when the database is gone, without details of the connection', async () => {
    const u = await createTestApp();
    const stop = startJobs(u.ctx);
    try {
      await u.ctx.db.destroy();
      const res = await u.client().get('/readyz');
      expect(res.status).toBe(503);
      expect(res.body.checks.database).toEqual({ ok: false, error: 'unreachable' });
      expect(res.body.checks.migrations.ok).toBe(false);
      expect(res.body.checks.jobs.ok).toBe(true);
      expect((await u.client().get('/healthz')).status).toBe(503);
    } finally {
      await stop();
      await u.close();
    }
  });

  it('gives up on a database that does not answer after the short timeout', async () => {
    // a database whose connections never come (a stuck pool)
    const stuck: Driver = {
      init: async () => undefined,
      acquireConnection: () => new Promise(() => undefined),
      beginTransaction: async () => undefined,
      commitTransaction: async () => undefined,
      rollbackTransaction: async () => undefined,
      releaseConnection: async () => undefined,
      destroy: async () => undefined,
    };
    const db = new Kysely<any>({
      dialect: {
        createAdapter: () => new SqliteAdapter(),
        createDriver: () => stuck,
        createIntrospector: (k) => new SqliteIntrospector(k),
        createQueryCompiler: () => new SqliteQueryCompiler(),
      },
    });
    const started = Date.now();
    const r = await readiness({ ...t.ctx, db }, 200);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(r.ready).toBe(false);
    expect(r.checks.database).toEqual({ ok: false, error: 'timeout' });
  });
});

describe('GET /metrics', () => {
  let family: FamilyFixture;
  let familyClient: TestClient;
  let agentClient: TestClient;
  let adminClient: TestClient;
  beforeAll(async () => {
    family = await createFamily(t.ctx);
    familyClient = await loginAs(t, family.accountId);
    agentClient = await loginAs(t, (await createStaff(t.ctx, { role: 'agent' })).accountId);
    adminClient = await loginAs(t, (await createStaff(t.ctx, { role: 'admin' })).accountId);
  });

  const withToken = (token: string, client = t.client()) => client.request('GET', '/metrics', undefined, { authorization: `Bearer ${token}` });

  it('answers the ordinary 404 to the public, a family, an agent and a wrong token', async () => {
    const unknown = await t.client().get('/no-such-page');
    expect(unknown.status).toBe(404);
    for (const res of [
      await t.client().get('/metrics'),
      await familyClient.get('/metrics'),
      await agentClient.get('/metrics'),
      await withToken('wrong-token'),
      await withToken(METRICS_TOKEN.slice(0, -1)),
      await withToken(`${METRICS_TOKEN}x`),
      await t.client().request('GET', '/metrics', undefined, { authorization: METRICS_TOKEN }),
      await t.client().request('GET', '/metrics', undefined, { authorization: `Basic ${METRICS_TOKEN}` }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body).toEqual(unknown.body);
    }
  });

  it('is read by a signed-in administrator, or with the bearer token', async () => {
    const asAdmin = await adminClient.get('/metrics');
    expect(asAdmin.status).toBe(200);
    expect(String(asAdmin.headers['content-type'])).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(asAdmin.headers['cache-control']).toBe('no-store');
    const scraped = await withToken(METRICS_TOKEN);
    expect(scraped.status).toBe(200);
    expect(scraped.body).toContain('# TYPE portail_http_request_duration_seconds histogram');
  });

  it('without METRICS_TOKEN, no token opens it', async () => {
    const u = await createTestApp();
    try {
      const res = await u.client().request('GET', '/metrics', undefined, { authorization: 'Bearer undefined' });
      expect(res.status).toBe(404);
      const res2 = await u.client().request('GET', '/metrics', undefined, { authorization: 'Bearer ' });
      expect(res2.status).toBe(404);
    } finally {
      await u.close();
    }
  });

  it('counts requests by route pattern and status class, never by URL or query string', async () => {
    const childId = randomUUID();
    await familyClient.get(`/api/children/${childId}`); // 404
    await familyClient.get('/api/family'); // 200
    await t.client().get('/api/postal-codes?q=59560'); // 200
    await t.client().get(`/no-such-page-${childId}`);
    const text = (await withToken(METRICS_TOKEN)).body as string;
    expect(text).toMatch(/portail_http_requests_total\{method="GET",route="\/api\/children\/:childId",status_class="4xx"\} [1-9]/);
    expect(text).toMatch(/portail_http_requests_total\{method="GET",route="\/api\/family",status_class="2xx"\} [1-9]/);
    expect(text).toMatch(/portail_http_requests_total\{method="GET",route="\/api\/postal-codes",status_class="2xx"\} [1-9]/);
    expect(text).toMatch(/portail_http_requests_total\{method="GET",route="unmatched",status_class="4xx"\} [1-9]/);
    expect(text).toMatch(/portail_http_request_duration_seconds_bucket\{le="0\.1",method="GET",route="\/api\/family",status_class="2xx"\} [1-9]/);
    expect(text).not.toContain(childId);
    expect(text).not.toContain('59560');
    expect(text).not.toContain(family.email);
  });

  it('reports booking outcomes, the outbox, the jobs and the database', async () => {
    const act = await createActivityFixture(t, { units: { matin: 1 } });
    const l = await lists(t);
    const [a, b] = [await createFamily(t.ctx), await createFamily(t.ctx)];
    for (const f of [a, b]) {
      const c = await loginAs(t, f.accountId);
      const child = await c.post('/api/children', fullChildInput(l));
      expect(child.status).toBe(201);
      const res = await reserve(c, {
        childId: child.body.id,
        activityId: act.activityId,
        periodId: act.periodId,
        changes: [
          { day: BOOKED_DAY, unitId: act.units.matin!, action: 'book' },
          { day: '2026-09-12', unitId: act.units.matin!, action: 'book' }, // a Saturday: closed
        ],
      });
      expect(res.status).toBe(201);
    }
    // one mail kept in the outbox (no SMTP in tests): a password-reset request
    await t.client().post('/api/auth/password-reset/request', { email: a.email });
    const text = (await withToken(METRICS_TOKEN)).body as string;
    expect(text).toContain('portail_booking_lines_total{action="book",outcome="accepted"} 1\n');
    expect(text).toContain('portail_booking_lines_total{action="book",outcome="waitlisted"} 1\n');
    expect(text).toContain('portail_booking_lines_total{action="book",outcome="refused"} 2\n');
    expect(text).toContain('portail_booking_lines_total{action="book",outcome="pending"} 0\n');
    expect(text).toMatch(/portail_mail_outbox_messages\{status="not_sent"\} [1-9]/);
    expect(text).toContain('portail_mail_outbox_messages{status="pending"} 0\n');
    expect(text).toContain('portail_job_runs_total{job="mail-relay"}');
    expect(text).toContain('portail_job_failures_total{job="mail-relay"}');
    expect(text).toContain('portail_jobs_running 0\n');
    expect(text).toContain(`portail_db_info{dialect="${t.ctx.dialect}"} 1`);
    if (t.ctx.dialect === 'postgres') {
      expect(text).toMatch(/portail_db_pool_connections [1-9]/);
      expect(text).toMatch(/portail_db_pool_idle \d+/);
      expect(text).toContain('portail_db_pool_waiting 0\n');
      expect(text).toMatch(/portail_db_pool_max \d+/);
    } else {
      expect(text).not.toContain('portail_db_pool_');
    }
    expect(text).toContain('portail_process_cpu_seconds_total'); // process metrics
  });

  it('counts job runs and failures', async () => {
    const u = await createTestApp({ config: { metricsToken: METRICS_TOKEN } });
    try {
      const stop = startJobs(u.ctx);
      await new Promise((r) => setTimeout(r, 1_300)); // the 1 s jobs ran once
      await u.ctx.db.destroy(); // every job fails from now on
      await new Promise((r) => setTimeout(r, 1_100));
      await stop();
      const text = (await withToken(METRICS_TOKEN, u.client())).body as string;
      const runs = Number(/portail_job_runs_total\{job="demo-bank-notify"\} (\d+)/.exec(text)?.[1]);
      const failures = Number(/portail_job_failures_total\{job="demo-bank-notify"\} (\d+)/.exec(text)?.[1]);
      expect(runs).toBeGreaterThanOrEqual(2);
      expect(failures).toBeGreaterThanOrEqual(1);
      expect(failures).toBeLessThan(runs);
      expect(text).toMatch(/portail_job_last_success_timestamp_seconds\{job="demo-bank-notify"\} \d+/);
      expect(u.logs.some((line) => line.includes('"job failed"') || line.includes('job failed'))).toBe(true);
    } finally {
      await u.close();
    }
  });

  it('keeps one registry per app: apps built in one process count their own requests', async () => {
    const u = await createTestApp({ config: { metricsToken: METRICS_TOKEN } });
    try {
      await u.client().get('/api/config');
      await u.client().get('/api/config');
      const mine = (await withToken(METRICS_TOKEN, u.client())).body as string;
      expect(mine).toContain('portail_http_requests_total{method="GET",route="/api/config",status_class="2xx"} 2\n');
      expect(mine).not.toContain('route="/api/family"');
    } finally {
      await u.close();
    }
  });
});

describe('request id', () => {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

  it('sends a fresh id back on every answer, errors included, and ignores a client’s without TRUST_PROXY', async () => {
    const a = await t.client().get('/api/config');
    const b = await t.client().get('/no-such-page');
    const c = await t.client().request('GET', '/api/config', undefined, { 'x-request-id': 'chosen-by-client-123' });
    for (const res of [a, b, c]) expect(String(res.headers['x-request-id'])).toMatch(UUID);
    expect(new Set([a, b, c].map((r) => r.headers['x-request-id'])).size).toBe(3);
  });

  it('with TRUST_PROXY, keeps the proxy’s id when it is a safe short token', async () => {
    const u = await createTestApp({ config: { trustProxy: true } });
    try {
      const ok = await u.client().request('GET', '/api/config', undefined, { 'x-request-id': '3f9c0a1b2c3d4e5f60718293a4b5c6d7' });
      expect(ok.headers['x-request-id']).toBe('3f9c0a1b2c3d4e5f60718293a4b5c6d7');
      expect(u.logs.some((l) => l.includes('"reqId":"3f9c0a1b2c3d4e5f60718293a4b5c6d7"'))).toBe(true);
      for (const bad of ['short', 'x'.repeat(65), 'has space inside', '<script>alert(1)</script>', 'a/b/c/d/e/f/g/h', '"quoted-value"']) {
        const res = await u.client().request('GET', '/api/config', undefined, { 'x-request-id': bad });
        expect(String(res.headers['x-request-id']), bad).toMatch(UUID);
      }
    } finally {
      await u.close();
    }
  });

  it('with TRUST_PROXY as a list, keeps it only from a listed proxy', async () => {
    // a list of proxies (TRUST_PROXY=10.9.9.9,loopback); cast: the list form is newer than some Config typings
    const u = await createTestApp({ config: { trustProxy: ['10.9.9.9', 'loopback'] } as unknown as Partial<Config> });
    try {
      const id = 'nginx-request-id-0001';
      expect((await u.client('10.9.9.9').request('GET', '/api/config', undefined, { 'x-request-id': id })).headers['x-request-id']).toBe(id);
      expect((await u.client('127.0.0.1').request('GET', '/api/config', undefined, { 'x-request-id': id })).headers['x-request-id']).toBe(id);
      expect(String((await u.client('10.9.9.8').request('GET', '/api/config', undefined, { 'x-request-id': id })).headers['x-request-id'])).toMatch(UUID);
    } finally {
      await u.close();
    }
  });
});

describe('logs', () => {
  function familyInput(email: string): FamilyInput {
    return {
      guardian1: {
        civility: 'MME',
        lastName: 'Vanderkerckhove',
        firstName: 'Philomène',
        birthDate: '1984-03-21',
        mobilePhone: '06 11 22 33 44',
        homePhone: null,
        workPhone: null,
        email,
        profession: 'Infirmière',
        employer: 'CH de Tourcoing',
      },
      guardian2: null,
      addressLine1: '4 rue du Fort',
      addressLine2: null,
      postalCode: '59560',
      city: 'Comines',
      familySituation: 'single',
      benefitsRegime: 'CAF',
      benefitsNumber: 'AB12345',
      familyQuotient: 812,
      payerRank: 1,
    } as FamilyInput;
  }

  it('every line of a request carries the id sent back; no e-mail, token or name is written', async () => {
    const u = await createTestApp({ clockStart: CLOCK_START });
    try {
      const act = await createActivityFixture(u, { units: { matin: 5 } });
      const l = await lists(u);
      const f = await createFamily(u.ctx, { lastName: 'Vanderkerckhove' });
      const c = u.client();
      const requests: { res: Res; lines: string[] }[] = [];
      const track = async (p: () => Promise<Res>) => {
        const from = u.logs.length;
        const res = await p();
        requests.push({ res, lines: u.logs.slice(from).join('').split('\n').filter(Boolean) });
        return res;
      };

      await track(() => c.session());
      expect((await track(() => c.post('/api/auth/login', { email: f.email, password: f.password }))).status).toBe(200);
      expect((await track(() => c.put('/api/family', familyInput(f.email)))).status).toBe(200);
      const child = await track(() => c.post('/api/children', fullChildInput(l, { firstName: 'Zéphyrine', lastName: 'Quenouillard' })));
      expect(child.status).toBe(201);
      const booked = await track(() =>
        reserve(c, { childId: child.body.id, activityId: act.activityId, periodId: act.periodId, changes: [{ day: BOOKED_DAY, unitId: act.units.matin!, action: 'book' }] }),
      );
      expect(booked.status).toBe(201);
      await track(() => c.get(`/api/booking/reservations/${booked.body.number}`));
      // a service that logs through ctx.logger during the request (the mail kept unsent: no SMTP here)
      const anonymous = u.client();
      await track(() => anonymous.session()); // one request per tracked call: the client fetches its CSRF token first
      const reset = await track(() => anonymous.post('/api/auth/password-reset/request', { email: f.email }));
      expect(reset.status).toBeLessThan(300);
      await track(() => c.get('/no-such-page?token=abcdefghijklmnopqrstuvwxyz0123456789'));

      let serviceLines = 0;
      for (const { res, lines } of requests) {
        const id = res.headers['x-request-id'];
        expect(id).toBeTruthy();
        expect(lines.length).toBeGreaterThan(0);
        for (const line of lines) {
          const parsed = JSON.parse(line);
          expect(parsed.reqId, line).toBe(id);
          expect(line.split('"reqId"').length, `one reqId key: ${line}`).toBe(2);
          if (!parsed.req && !parsed.res) serviceLines++;
        }
      }
      expect(serviceLines, 'a line written by a service, not by Fastify').toBeGreaterThan(0);

      const all = u.logs.join('');
      expect(all).not.toMatch(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/); // any e-mail address
      for (const secret of [f.password, c.cookie('pf_session')!, c.cookie('pf_csrf')!, 'abcdefghijklmnopqrstuvwxyz0123456789'])
        expect(all).not.toContain(secret);
      for (const name of ['Zéphyrine', 'Quenouillard', 'Philomène', 'Vanderkerckhove']) expect(all).not.toContain(name);
      const resetToken = await u.ctx.db.selectFrom('outbox').select('text_body').execute();
      for (const m of resetToken.map((r) => /token=([A-Za-z0-9_-]{16,})/.exec(r.text_body)?.[1]).filter(Boolean))
        expect(all).not.toContain(m!);
    } finally {
      await u.close();
    }
  });
});
