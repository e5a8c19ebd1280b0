/**
 * Background jobs on several instances (issue 16): the invoicing run as a job (progress through the API, a run
 * interrupted and resumed by another process gives the same invoices, numbered without a gap), a job enqueued on
 * one instance runs once, and a periodic job's effect happens once per period across instances.
 *
 * Each « instance » is a context of its own (its own connection pool or SQLite connection, its own queue, its own
 * Fastify app) on one database: a PostgreSQL schema, or a SQLite FILE. Run on both databases.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/server/clock.js';
import { type Database } from '../../src/server/db/database.js';
import type { AppContext } from '../../src/server/context.js';
import { generateKey } from '../../src/server/crypto/health-crypto.js';
import { defineJob, jobQueue, stopJobQueue } from '../../src/server/jobs/queue.js';
import { jobsState, runPeriodicOnce } from '../../src/server/jobs/runner.js';
import { enqueueMail } from '../../src/server/modules/mail/mail.service.js';
import { writeTransaction } from '../../src/server/db/write.js';
import { runTuning } from '../../src/server/modules/billing/billing.run.js';
import { PUBLIC_URL, TestClient, type TestApp } from '../support/app.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { sharedDatabase as sharedDb, startInstance as startOne, type SharedDatabase } from '../support/instances.js';
import { bookDirect, createBillingFixture, familyWith, waitForRunDetail, type BillingFixture } from './billing-support.js';

const sharedDatabase = () => sharedDb('pf-jobs-');

const PG_URL = process.env.TEST_DATABASE_URL;
const ON = PG_URL ? 'PostgreSQL' : 'SQLite';
const START = '2026-10-05T08:00:00Z';
const healthDataKey = generateKey();
const clock = new ManualClock(START);

type Shared = SharedDatabase;
type Instance = TestApp;

/** An instance (tests/support/instances.ts) seen as a TestApp, for the billing helpers. */
async function startInstance(shared: Shared, smtpUrl?: string): Promise<Instance> {
  const i = await startOne(shared, { clock, healthDataKey, smtpUrl });
  return { ...i, clock, smtp: null, deliverMail: async () => 0, client: (ip) => new TestClient(i.app, ip) };
}

/** A month to invoice: `n` families with two booked days each in September. */
async function september(t: Instance, b: BillingFixture, n: number, tag: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const f = await familyWith(t, { quotient: i % 3 === 0 ? null : 400 + i * 50, lastName: `${tag}${i}`, children: [{ firstName: 'Enfant', birthDate: '2017-01-01' }] });
    for (const day of ['2026-09-08', '2026-09-09'])
      await bookDirect(t, { family: f.family, childId: f.childIds[0], activity: b.activity, unitId: b.activity.units.matin, day, bookedAt: '2026-08-01T10:00:00Z' });
    ids.push(f.family.familyId);
  }
  return ids;
}

/** What a run computed, family by family: everything but ids and dates. */
async function snapshot(db: Database, runId: number) {
  const invoices = await db.selectFrom('invoice').select(['id', 'family_id', 'total_cents', 'family_name', 'payer', 'quotient', 'resident']).where('run_id', '=', runId).execute();
  const out = [];
  for (const inv of invoices.sort((a, b) => (a.family_id < b.family_id ? -1 : 1))) {
    const lines = await db
      .selectFrom('invoice_line')
      .select(['position', 'child_id', 'kind', 'days', 'quantity', 'unit_price_cents', 'amount_cents', 'computation'])
      .where('invoice_id', '=', inv.id)
      .orderBy('position')
      .execute();
    const { id: _id, ...rest } = inv;
    out.push({ ...rest, lines });
  }
  return out;
}

afterEach(() => {
  runTuning.chunk = 250;
  runTuning.afterChunk = null;
});

describe(`invoicing run as a background job (${ON})`, () => {
  let shared: Shared;
  const instances: Instance[] = [];
  beforeAll(async () => {
    shared = await sharedDatabase();
  });
  afterAll(async () => {
    for (const i of instances) await i.close();
    await shared.close();
  });

  it('shows its progress through the API while it runs, then the result', async () => {
    const a = await startInstance(shared);
    instances.push(a);
    const b = await createBillingFixture(a, 'PRG');
    await september(a, b, 7, 'Progres');
    runTuning.chunk = 2;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    runTuning.afterChunk = async (_runId, done) => {
      if (done === 4) await gate; // holds the job after two chunks
    };
    const started = await b.agent.post('/api/staff/billing/runs', { officeId: b.officeId, month: '2026-09' });
    expect(started.status).toBe(202);
    expect(started.body.computing).toBe(true);
    let seen: any = null;
    for (let i = 0; i < 400 && !seen; i++) {
      const r = await b.agent.get(`/api/staff/billing/runs/${started.body.id}`);
      if (r.body.familiesDone === 4) seen = r.body;
      else await new Promise((res) => setTimeout(res, 10));
    }
    expect(seen).toMatchObject({ computing: true, familiesDone: 4, familiesTotal: 7, state: 'draft', invoiceCount: 4 });
    const list = await b.agent.get('/api/staff/billing/runs');
    expect(list.body.find((r: any) => r.id === started.body.id)).toMatchObject({ computing: true, familiesDone: 4, familiesTotal: 7 });
    // not publishable half-way
    const early = await b.agent.post(`/api/staff/billing/runs/${started.body.id}/publish`);
    expect(early.status).toBe(409);
    release();
    const done = await waitForRunDetail(b.agent, started.body.id);
    expect(done).toMatchObject({ computing: false, familiesDone: 7, familiesTotal: 7, invoiceCount: 7, state: 'draft' });
    expect(done.warnings.filter((w: any) => w.code === 'missing_quotient')).toHaveLength(3);
    const d = await b.agent.post(`/api/staff/billing/runs/${started.body.id}/discard`);
    expect(d.status).toBe(200);
    await a.close();
  });

  it('a run interrupted mid-way (its process stopped) is resumed by the next one: the same invoices, none twice, numbers without a gap', async () => {
    const a = await startInstance(shared);
    instances.push(a);
    const b = await createBillingFixture(a, 'RES');
    const families = await september(a, b, 11, 'Reprise');

    // the reference: the same month computed in one go, then discarded
    const ref = await b.agent.post('/api/staff/billing/runs', { officeId: b.officeId, month: '2026-09' });
    const refDetail = await waitForRunDetail(b.agent, ref.body.id);
    const expected = await snapshot(a.ctx.db, ref.body.id);
    expect(expected).toHaveLength(11);
    expect((await b.agent.post(`/api/staff/billing/runs/${ref.body.id}/discard`)).status).toBe(200);

    // the same month again, its process stopped after two chunks of three families
    runTuning.chunk = 3;
    let stopping: Promise<void> | null = null;
    runTuning.afterChunk = (_runId, done) => {
      if (done === 6 && !stopping) stopping = stopJobQueue(a.ctx); // the job sees it before its next chunk
    };
    const started = await b.agent.post('/api/staff/billing/runs', { officeId: b.officeId, month: '2026-09' });
    expect(started.status).toBe(202);
    const runId = started.body.id as number;
    for (let i = 0; i < 500 && !stopping; i++) await new Promise((r) => setTimeout(r, 10));
    await stopping;
    const half = await a.ctx.db.selectFrom('invoicing_run').select(['families_done', 'families_total', 'warnings']).where('id', '=', runId).executeTakeFirstOrThrow();
    expect(half).toMatchObject({ families_done: 6, families_total: 11, warnings: 'computing' });
    expect(await a.ctx.db.selectFrom('invoice').select('id').where('run_id', '=', runId).execute()).toHaveLength(6);
    await a.close();

    // the next process: its queue resumes the run left computing
    runTuning.afterChunk = null;
    const b2 = await startInstance(shared);
    instances.push(b2);
    await jobQueue(b2.ctx).start();
    const agent = b2.client();
    agent.setCookie('pf_session', b.agent.cookie('pf_session')!); // the agent's session is in the database
    const after = await waitForRunDetail(agent, runId);
    expect(after).toMatchObject({ computing: false, familiesDone: 11, familiesTotal: 11, invoiceCount: 11 });
    expect(after.warnings).toEqual(refDetail.warnings);
    expect(await snapshot(b2.ctx.db, runId)).toEqual(expected);
    // no family twice in the run
    const rows = await b2.ctx.db.selectFrom('invoice').select('family_id').where('run_id', '=', runId).execute();
    expect(new Set(rows.map((r) => r.family_id))).toEqual(new Set(families));
    expect(rows).toHaveLength(11);
    // published: numbers 1…11
    const pub = await agent.post(`/api/staff/billing/runs/${runId}/publish`);
    expect(pub.status).toBe(200);
    const numbers = await b2.ctx.db.selectFrom('invoice').select('number').where('run_id', '=', runId).orderBy('number').execute();
    expect(numbers.map((n) => n.number)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
    await b2.close();
  });
});

// ---------- several instances on one database ----------

const handled: { instance: string; n: number }[] = [];
const owner = new WeakMap<AppContext, string>();
defineJob({
  name: 'test-count',
  retryLimit: 0,
  retryDelaySeconds: 1,
  expireInSeconds: 60,
  handler: async (ctx, payload: { n: number }) => {
    handled.push({ instance: owner.get(ctx) ?? '?', n: payload.n });
    await new Promise((r) => setTimeout(r, 20)); // a job takes a little time: the other instance fetches meanwhile
  },
});

describe(`two instances on one database (${ON})`, () => {
  let shared: Shared;
  let smtp: SmtpSink;
  let a: Instance;
  let b: Instance;
  beforeAll(async () => {
    shared = await sharedDatabase();
    smtp = new SmtpSink();
    const url = await smtp.start();
    a = await startInstance(shared, url);
    b = await startInstance(shared, url);
    owner.set(a.ctx, 'A');
    owner.set(b.ctx, 'B');
    await Promise.all([jobQueue(a.ctx).start(), jobQueue(b.ctx).start()]);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await smtp?.stop();
    await shared.close();
  });

  // Each in-process queue (SQLite) runs what its own process enqueued: on SQLite the portal is one process.
  it.runIf(!!PG_URL)('a job enqueued on one instance runs once, on whichever instance fetched it', async () => {
    handled.length = 0;
    for (let n = 0; n < 30; n++) await jobQueue(a.ctx).enqueue('test-count', { n });
    for (let i = 0; i < 600 && handled.length < 30; i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 1500)); // a duplicate would show up now
    expect(handled.map((h) => h.n).sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(new Set(handled.map((h) => h.instance))).toEqual(new Set(['A', 'B'])); // both instances took jobs
  });

  it.runIf(!!PG_URL)('an invoicing run started on one instance is computed once: one set of invoices', async () => {
    const fx = await createBillingFixture(a, 'DUO');
    await september(a, fx, 9, 'Duo');
    runTuning.chunk = 2;
    const before = ['A', 'B'].map((_, i) => jobsState([a, b][i].ctx).jobs.get('invoicing-run')!.runs);
    const started = await fx.agent.post('/api/staff/billing/runs', { officeId: fx.officeId, month: '2026-09' });
    expect(started.status).toBe(202);
    const done = await waitForRunDetail(fx.agent, started.body.id);
    expect(done.invoiceCount).toBe(9);
    await new Promise((r) => setTimeout(r, 1500));
    const after = ['A', 'B'].map((_, i) => jobsState([a, b][i].ctx).jobs.get('invoicing-run')!.runs);
    expect(after[0] - before[0] + (after[1] - before[1])).toBe(1);
    const rows = await a.ctx.db.selectFrom('invoice').select('family_id').where('run_id', '=', started.body.id).execute();
    expect(rows).toHaveLength(9);
    expect(new Set(rows.map((r) => r.family_id)).size).toBe(9);
  });

  it.runIf(!!PG_URL)('two workers on the same run (a resume racing the first worker) write each family once', async () => {
    const { runInvoicingJob } = await import('../../src/server/modules/billing/billing.run.js');
    const fx = await createBillingFixture(a, 'TWO');
    await september(a, fx, 8, 'Deux');
    runTuning.chunk = 2;
    await stopJobQueue(a.ctx); // nobody else takes it: the two workers below are the only ones
    await stopJobQueue(b.ctx);
    const started = await fx.agent.post('/api/staff/billing/runs', { officeId: fx.officeId, month: '2026-09' });
    expect(started.status).toBe(202);
    const info = { retryCount: 0, retryLimit: 0, signal: new AbortController().signal };
    await Promise.all([runInvoicingJob(a.ctx, { runId: started.body.id }, info), runInvoicingJob(b.ctx, { runId: started.body.id }, info)]);
    const rows = await a.ctx.db.selectFrom('invoice').select('family_id').where('run_id', '=', started.body.id).execute();
    expect(rows).toHaveLength(8);
    expect(new Set(rows.map((r) => r.family_id)).size).toBe(8);
    const run = await a.ctx.db.selectFrom('invoicing_run').select(['families_done', 'warnings']).where('id', '=', started.body.id).executeTakeFirstOrThrow();
    expect(run.families_done).toBe(8);
    expect(run.warnings).not.toBe('computing');
  });

  it('a periodic job runs on one instance per period, and its mail is delivered once', async () => {
    await writeTransaction(a.ctx, (trx) =>
      enqueueMail(trx, a.ctx, 'famille@example.test', { template: 'billing.invoice_published', payerName: 'Mme Test', number: 'R-1', month: '2026-09', amountCents: 1200, dueOn: '2026-11-04', url: PUBLIC_URL }),
    );
    // both instances' timers fire at the same moment: one claims the period
    const now = Date.now() + 60_000; // past any period claimed by the tests above
    const ran = await Promise.all([runPeriodicOnce(a.ctx, 'mail-relay', now), runPeriodicOnce(b.ctx, 'mail-relay', now)]);
    expect(ran.filter(Boolean)).toHaveLength(1);
    // the next tick of either one within the period does nothing
    expect(await runPeriodicOnce(b.ctx, 'mail-relay', now + 1000)).toBe(false);
    expect(await runPeriodicOnce(a.ctx, 'mail-relay', now + 1000)).toBe(false);
    // the next period: one of them again
    const next = await Promise.all([runPeriodicOnce(b.ctx, 'mail-relay', now + 2000), runPeriodicOnce(a.ctx, 'mail-relay', now + 2000)]);
    expect(next.filter(Boolean)).toHaveLength(1);
    for (let i = 0; i < 100 && smtp.messages.length < 1; i++) await new Promise((r) => setTimeout(r, 20));
    expect(smtp.messages.filter((m) => m.to.includes('famille@example.test'))).toHaveLength(1);
    // every periodic job: two instances ticking together run it once
    for (const name of ['session-purge', 'throttle-purge', 'franceconnect-purge', 'document-expiry-reminders', 'payment-status', 'waiting-list-settle']) {
      const r = await Promise.all([runPeriodicOnce(a.ctx, name, now), runPeriodicOnce(b.ctx, name, now)]);
      expect(r.filter(Boolean), name).toHaveLength(1);
    }
  });
});
