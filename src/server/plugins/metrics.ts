import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { pgPoolOf } from '../db/database.js';
import { jobsState } from '../jobs/runner.js';
import { existingJobQueue } from '../jobs/queue.js';

/**
 * Prometheus metrics (prom-client), one registry per app instance: tests build many apps in one process and each
 * counts its own requests. Process metrics (CPU, memory, event loop) live in a registry of their own, created once
 * per process. Labels never carry a raw URL, an id or a query string: routes are Fastify's patterns.
 * What each metric means, and alert suggestions: docs/operations.md, « Supervision ».
 */
export interface AppMetrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status_class'>;
  httpRequests: Counter<'method' | 'route' | 'status_class'>;
  bookingLines: Counter<'action' | 'outcome'>;
}

const PREFIX = 'portail_';
/** an async collector (a database count) never holds a scrape longer than this */
const COLLECT_TIMEOUT_MS = 2_000;
const byContext = new WeakMap<AppContext, AppMetrics>();
let processRegistry: Registry | null = null;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    }),
  ]);
}

export function createMetrics(ctx: AppContext): AppMetrics {
  const registry = new Registry();
  const registers = [registry];

  const httpDuration = new Histogram({
    name: `${PREFIX}http_request_duration_seconds`,
    help: 'Time to answer an HTTP request, by route pattern, method and status class',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const httpRequests = new Counter({
    name: `${PREFIX}http_requests_total`,
    help: 'HTTP requests answered, by route pattern, method and status class',
    labelNames: ['method', 'route', 'status_class'] as const,
    registers,
  });
  const bookingLines = new Counter({
    name: `${PREFIX}booking_lines_total`,
    help: 'Reservation lines decided at submission (replays not counted), by action (book, cancel) and outcome',
    labelNames: ['action', 'outcome'] as const,
    registers,
  });
  for (const action of ['book', 'cancel']) for (const outcome of ['accepted', 'pending', 'waitlisted', 'refused']) bookingLines.labels(action, outcome).inc(0);

  // Read before the outbox gauge's query takes a connection: the pool as the portal uses it, not as the scrape does.
  new Gauge({
    name: `${PREFIX}db_info`,
    help: 'The database in use: always 1, the dialect as a label (pool metrics exist on PostgreSQL only)',
    labelNames: ['dialect'] as const,
    registers,
  }).labels(ctx.dialect).set(1);
  const pool = pgPoolOf(ctx.db);
  if (pool) {
    const poolGauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name: `${PREFIX}db_pool_${name}`,
        help,
        registers,
        collect() {
          this.set(read());
        },
      });
    poolGauge('connections', 'PostgreSQL pool: connections open (idle or in use)', () => pool.totalCount);
    poolGauge('idle', 'PostgreSQL pool: open connections not in use', () => pool.idleCount);
    poolGauge('waiting', 'PostgreSQL pool: queries waiting for a connection (the pool is exhausted when this stays above 0)', () => pool.waitingCount);
    poolGauge('max', 'PostgreSQL pool: the most connections it may open', () => pool.options.max ?? 10);
  }

  new Gauge({
    name: `${PREFIX}mail_outbox_messages`,
    help: 'Messages of the mail outbox not sent, by status: pending (waiting for the relay: the queue depth), failed (gave up), not_sent (no SMTP_URL)',
    labelNames: ['status'] as const,
    registers,
    async collect() {
      this.reset();
      const rows = await withTimeout(
        ctx.db.selectFrom('outbox').select((eb) => ['status', eb.fn.countAll<number>().as('n')]).where('status', '!=', 'sent').groupBy('status').execute(),
        COLLECT_TIMEOUT_MS,
      ).catch(() => null);
      if (!rows) return; // database unreachable: no sample rather than a false zero (/readyz says why)
      const counts = new Map(rows.map((r) => [r.status, Number(r.n)]));
      for (const status of ['pending', 'failed', 'not_sent']) this.labels(status).set(counts.get(status as never) ?? 0);
    },
  });

  new Counter({
    name: `${PREFIX}job_runs_total`,
    help: 'Background job runs finished (success or failure), by job',
    labelNames: ['job'] as const,
    registers,
    collect() {
      this.reset();
      for (const [job, s] of jobsState(ctx).jobs) this.labels(job).inc(s.runs);
    },
  });
  new Counter({
    name: `${PREFIX}job_failures_total`,
    help: 'Background job runs that failed (logged as "job failed"), by job',
    labelNames: ['job'] as const,
    registers,
    collect() {
      this.reset();
      for (const [job, s] of jobsState(ctx).jobs) this.labels(job).inc(s.failures);
    },
  });
  new Gauge({
    name: `${PREFIX}job_last_success_timestamp_seconds`,
    help: 'Unix time of the last successful run, by job (absent before the first one)',
    labelNames: ['job'] as const,
    registers,
    collect() {
      this.reset();
      for (const [job, s] of jobsState(ctx).jobs) if (s.lastSuccessAt) this.labels(job).set(s.lastSuccessAt / 1000);
    },
  });
  new Gauge({
    name: `${PREFIX}job_queue_depth`,
    help: 'Durable jobs waiting in the queue (created or waiting for a retry), by job: pg-boss on PostgreSQL (every instance sees the same queue), this process on SQLite',
    labelNames: ['job'] as const,
    registers,
    async collect() {
      this.reset();
      const queue = existingJobQueue(ctx);
      if (!queue?.started) return;
      const depth = await withTimeout(queue.depth(), COLLECT_TIMEOUT_MS).catch(() => null);
      if (depth) for (const [job, n] of Object.entries(depth)) this.labels(job).set(n);
    },
  });
  new Gauge({
    name: `${PREFIX}jobs_running`,
    help: '1 when the background job runner of this instance is started and not stopped',
    registers,
    collect() {
      const s = jobsState(ctx);
      this.set(s.startedAt !== null && s.stoppedAt === null ? 1 : 0);
    },
  });
  new Gauge({
    name: `${PREFIX}jobs_last_tick_timestamp_seconds`,
    help: 'Unix time of the last tick of the job runner (a stalled runner stops moving it)',
    registers,
    collect() {
      const s = jobsState(ctx);
      this.reset();
      if (s.lastTickAt) this.set(s.lastTickAt / 1000);
    },
  });

  const metrics = { registry, httpDuration, httpRequests, bookingLines };
  byContext.set(ctx, metrics);
  return metrics;
}

/** Counts the lines of a submitted reservation (booking.service.ts calls it once per submission, not on replays). */
export function countBookingLines(ctx: AppContext, lines: Iterable<{ action: string; state: string }>): void {
  const m = byContext.get(ctx);
  if (!m) return; // a script or a job without an app: nothing scrapes it
  for (const l of lines) m.bookingLines.labels(l.action, l.state).inc();
}

/** Times every answer, by the route's pattern (`/api/children/:childId`), never its URL. */
export function registerMetrics(app: FastifyInstance, ctx: AppContext): AppMetrics {
  const m = createMetrics(ctx);
  app.addHook('onResponse', (request, reply, done) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status_class: `${Math.floor(reply.statusCode / 100)}xx`,
    };
    m.httpDuration.observe(labels, reply.elapsedTime / 1000);
    m.httpRequests.inc(labels);
    done();
  });
  return m;
}

/** The Prometheus text of one app: its own registry, then the process metrics. */
export async function renderMetrics(m: AppMetrics): Promise<{ contentType: string; body: string }> {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: PREFIX });
  }
  const body = (await m.registry.metrics()) + '\n' + (await processRegistry.metrics());
  return { contentType: m.registry.contentType, body };
}
