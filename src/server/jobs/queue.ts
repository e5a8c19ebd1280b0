import PgBoss from 'pg-boss';
import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import { pgPoolOf } from '../db/database.js';
import { recordJobRun } from './state.js';

/**
 * Durable background work (issue 16): a job enqueued on any instance runs once, survives a restart and is retried
 * with a growing delay. One interface, two implementations:
 *   - PostgreSQL: pg-boss 10 (its own schema, `pgboss`, in the portal's database; a test schema `t_x` gets
 *     `t_x_pgboss`). Jobs are rows fetched with FOR UPDATE SKIP LOCKED: one instance takes each job.
 *   - SQLite (embedded, one process): an in-process queue. It keeps nothing itself: a job's own state in the
 *     database is the source of truth, and each handler's `resume` (run when the queue starts) enqueues again what
 *     a stopped process left unfinished (an invoicing run left « computing »).
 * Periodic work (mail relay, purges…) does not go through this queue: see runner.ts.
 */
export interface JobInfo {
  /** 0 on the first attempt */
  retryCount: number;
  retryLimit: number;
  /** aborted when the queue stops: a long job stops at its next step and is taken up again later */
  signal: AbortSignal;
}

export interface JobDefinition {
  name: string;
  handler: (ctx: AppContext, payload: any, info: JobInfo) => Promise<void>;
  /** attempts after the first; each waits retryDelaySeconds × 2^(attempt-1) */
  retryLimit: number;
  retryDelaySeconds: number;
  /** a job running longer is taken as lost (process killed) and retried (PostgreSQL) */
  expireInSeconds: number;
  /** run when the queue starts: enqueue again the work a stopped process left unfinished */
  resume?: (ctx: AppContext, queue: JobQueue) => Promise<void>;
}

export interface JobQueue {
  readonly kind: 'pg-boss' | 'in-process';
  /** starts the workers (idempotent); enqueue starts the queue too */
  start(): Promise<void>;
  /** in process: a job with the singletonKey of a job still waiting is not added twice (pg-boss: not de-duplicated) */
  enqueue(name: string, payload: object, opts?: { singletonKey?: string }): Promise<void>;
  /** jobs waiting (created or waiting for a retry), per job name */
  depth(): Promise<Record<string, number>>;
  /** handlers running in this process */
  running(): number;
  readonly started: boolean;
  /** stops taking jobs, aborts the running ones' signal and waits for them (at most timeoutMs) */
  stop(timeoutMs?: number): Promise<void>;
}

const definitions = new Map<string, JobDefinition>();

/** Declares a durable job (at module load: the billing module declares « invoicing-run »). */
export function defineJob(def: JobDefinition): void {
  definitions.set(def.name, def);
}

const queues = new WeakMap<AppContext, JobQueue>();

/** The job queue of a context (built on first use, started on first enqueue or by startJobs). */
export function jobQueue(ctx: AppContext): JobQueue {
  let q = queues.get(ctx);
  if (!q) {
    q = ctx.dialect === 'postgres' ? new PgBossQueue(ctx) : new InProcessQueue(ctx);
    queues.set(ctx, q);
  }
  return q;
}

/** The context's queue if it was ever built (metrics and readiness never build one). */
export function existingJobQueue(ctx: AppContext): JobQueue | null {
  return queues.get(ctx) ?? null;
}

/** Stops the context's queue if it was ever built (buildApp's onClose, main.ts' shutdown). */
export async function stopJobQueue(ctx: AppContext, timeoutMs?: number): Promise<void> {
  await queues.get(ctx)?.stop(timeoutMs);
}

/** The pg-boss schema for the database's current schema: `pgboss` for `public`, `<schema>_pgboss` otherwise. */
export async function pgBossSchemaOf(ctx: AppContext): Promise<string> {
  const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(ctx.db);
  const s = rows[0]?.s ?? 'public';
  return s === 'public' ? 'pgboss' : `${s}_pgboss`;
}

// ---------- PostgreSQL: pg-boss ----------

class PgBossQueue implements JobQueue {
  readonly kind = 'pg-boss' as const;
  started = false;
  private boss: PgBoss | null = null;
  private starting: Promise<void> | null = null;
  private stopping: Promise<void> | null = null;
  private abort = new AbortController();
  private active = 0;
  private workers = new Map<string, string>();

  constructor(private ctx: AppContext) {}

  start(): Promise<void> {
    if (this.stopping) return Promise.reject(new Error('job queue stopped'));
    // a failed start (database away) is tried again by the next enqueue or start
    return (this.starting ??= this.doStart().catch((err) => {
      this.starting = null;
      throw err;
    }));
  }

  private async doStart(): Promise<void> {
    const pool = pgPoolOf(this.ctx.db);
    if (!pool) throw new Error('pg-boss needs the PostgreSQL pool');
    const schema = await pgBossSchemaOf(this.ctx);
    // pg-boss runs its queries on the portal's pool (schema-qualified: the pool's search_path does not matter)
    const boss = new PgBoss({
      db: { executeSql: (text, values) => pool.query(text, values) },
      schema,
      migrate: true,
      supervise: true, // expires lost jobs (retried), archives and deletes old ones
      schedule: false, // no cron here: periodic work is runner.ts
      maintenanceIntervalSeconds: 60,
    });
    boss.on('error', (err) => this.ctx.logger.error({ err }, 'job queue error'));
    await boss.start();
    this.boss = boss;
    if (this.stopping) {
      // stopped while it was starting (and no longer waiting for it): stop what was just started
      await boss.stop({ graceful: false, close: false }).catch(() => undefined);
      throw new Error('job queue stopped');
    }
    for (const def of definitions.values()) {
      await createQueueOnce(boss, {
        name: def.name,
        // 'standard': no de-duplication by pg-boss ('short' keeps one waiting job per queue when jobs have no key).
        // A job enqueued twice (a resume while another instance computes) is harmless: see runInvoicingJob.
        policy: 'standard',
        retryLimit: def.retryLimit,
        retryDelay: def.retryDelaySeconds,
        retryBackoff: true,
        expireInSeconds: def.expireInSeconds,
      });
      const workerId = await boss.work<object>(def.name, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
        this.active++;
        try {
          await def.handler(this.ctx, job.data, { retryCount: job.retryCount, retryLimit: job.retryLimit, signal: this.abort.signal });
          recordJobRun(this.ctx, def.name, null);
        } catch (err) {
          recordJobRun(this.ctx, def.name, err ?? new Error('job failed'));
          throw err; // pg-boss retries it (retryLimit, growing delay)
        } finally {
          this.active--;
        }
      });
      this.workers.set(def.name, workerId);
    }
    this.started = true;
    for (const def of definitions.values()) await def.resume?.(this.ctx, this);
  }

  async enqueue(name: string, payload: object, opts: { singletonKey?: string } = {}): Promise<void> {
    if (!this.started) await this.start();
    await this.boss!.send(name, payload, opts.singletonKey ? { singletonKey: opts.singletonKey } : {});
    // this instance's worker looks at once (any instance may take it: the first to fetch it)
    const worker = this.workers.get(name);
    if (worker) this.boss!.notifyWorker(worker);
  }

  async depth(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const name of definitions.keys()) out[name] = this.boss && this.started ? await this.boss.getQueueSize(name) : 0;
    return out;
  }

  running(): number {
    return this.active;
  }

  stop(timeoutMs = 10_000): Promise<void> {
    if (!this.stopping) this.abort.abort(); // at once: a running job sees it before its next step
    return (this.stopping ??= (async () => {
      // a start under way is waited for, at most the timeout (a query cut by the pool's end may never answer);
      // a start that ends later stops itself (doStart)
      await Promise.race([this.starting?.catch(() => undefined), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
      // graceful: waits for running handlers (they stop at their next step), then fails what is left (retried)
      await this.boss?.stop({ graceful: true, timeout: timeoutMs, close: false, wait: true });
      this.started = false;
    })());
  }
}

/**
 * Creates a pg-boss queue unless it exists. Instances starting together may create it at the same moment: pg-boss's
 * create_queue then deadlocks one of them (40P01) — it looks again after a short random wait.
 */
async function createQueueOnce(boss: PgBoss, queue: PgBoss.Queue): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (await boss.getQueue(queue.name)) return;
    try {
      await boss.createQueue(queue.name, queue);
      return;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (attempt >= 8 || (code !== '40P01' && code !== '23505' && code !== '42P07')) throw err;
      await new Promise((r) => setTimeout(r, 20 + Math.random() * 100 * attempt));
    }
  }
}

// ---------- SQLite: in process ----------

interface Pending {
  def: JobDefinition;
  payload: object;
  key: string | undefined;
  retryCount: number;
  notBefore: number;
}

class InProcessQueue implements JobQueue {
  readonly kind = 'in-process' as const;
  started = false;
  private pending: Pending[] = [];
  private runningJobs = new Map<Pending, Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private starting: Promise<void> | null = null;
  private stopped = false;
  private abort = new AbortController();

  constructor(private ctx: AppContext) {}

  start(): Promise<void> {
    if (this.stopped) return Promise.reject(new Error('job queue stopped'));
    return (this.starting ??= (async () => {
      this.started = true;
      this.timer = setInterval(() => this.pump(), 250);
      this.timer.unref();
      for (const def of definitions.values()) await def.resume?.(this.ctx, this);
    })());
  }

  async enqueue(name: string, payload: object, opts: { singletonKey?: string } = {}): Promise<void> {
    const def = definitions.get(name);
    if (!def) throw new Error(`unknown job ${name}`);
    if (!this.started) await this.start();
    const key = opts.singletonKey;
    if (key && this.pending.some((p) => p.def.name === name && p.key === key)) return;
    this.pending.push({ def, payload, key, retryCount: 0, notBefore: 0 });
    setImmediate(() => this.pump());
  }

  private pump(): void {
    if (this.stopped) return;
    const now = Date.now();
    for (const job of [...this.pending]) {
      if (job.notBefore > now) continue;
      // one job at a time per name and key (a resumed run never runs twice at once here)
      if ([...this.runningJobs.keys()].some((r) => r.def.name === job.def.name && r.key === job.key)) continue;
      this.pending.splice(this.pending.indexOf(job), 1);
      const p = job.def
        .handler(this.ctx, job.payload, { retryCount: job.retryCount, retryLimit: job.def.retryLimit, signal: this.abort.signal })
        .then(() => recordJobRun(this.ctx, job.def.name, null))
        .catch((err) => {
          recordJobRun(this.ctx, job.def.name, err ?? new Error('job failed'));
          if (!this.stopped && job.retryCount < job.def.retryLimit) {
            const delay = job.def.retryDelaySeconds * 1000 * 2 ** job.retryCount;
            this.pending.push({ ...job, retryCount: job.retryCount + 1, notBefore: Date.now() + delay });
          }
        })
        .finally(() => {
          this.runningJobs.delete(job);
        });
      this.runningJobs.set(job, p);
    }
  }

  async depth(): Promise<Record<string, number>> {
    const out: Record<string, number> = Object.fromEntries([...definitions.keys()].map((n) => [n, 0]));
    for (const p of this.pending) out[p.def.name] = (out[p.def.name] ?? 0) + 1;
    return out;
  }

  running(): number {
    return this.runningJobs.size;
  }

  async stop(timeoutMs = 10_000): Promise<void> {
    this.stopped = true;
    this.started = false;
    if (this.timer) clearInterval(this.timer);
    this.abort.abort();
    this.pending = [];
    await Promise.race([Promise.allSettled([...this.runningJobs.values()]), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
  }
}
