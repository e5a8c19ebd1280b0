import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import { knownMigrations } from '../../db/migrate.js';
import { jobsState, RUNNER_TICK_MS } from '../../jobs/runner.js';
import { existingJobQueue } from '../../jobs/queue.js';

/** A database check slower than this counts as a failure: a load balancer must not wait on a stuck pool. */
export const READINESS_TIMEOUT_MS = 1_500;
/** The job runner ticks every RUNNER_TICK_MS; no tick for this long means the event loop or the runner is stuck. */
export const RUNNER_STALE_MS = Math.max(30_000, 10 * RUNNER_TICK_MS);

export interface Readiness {
  ready: boolean;
  checks: {
    database: { ok: boolean; error?: string };
    migrations: { ok: boolean; expected: string; latest: string | null; pending: string[]; error?: string };
    jobs: { ok: boolean; started: boolean; stopped: boolean; lastTickSecondsAgo: number | null };
  };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), ms);
    }),
  ]);
}

/** A short, non-revealing reason (no connection string, no host). */
function reason(err: unknown): string {
  return (err as Error)?.message === 'timeout' ? 'timeout' : 'unreachable';
}

/**
 * Is this instance fit to receive traffic? All three checks are required:
 * - database: `select 1` answers within READINESS_TIMEOUT_MS;
 * - migrations: every migration this version lists (src/server/db/migrate.ts) is recorded in Kysely's table
 *   (so the latest recorded is the last listed; migrations run at start, before the app listens);
 * - jobs: this process's job runner has started (main.ts starts it once the server listens), is not stopped,
 *   and ticked within RUNNER_STALE_MS. An app built without the runner (tests, scripts) is honestly not ready.
 */
export async function readiness(ctx: AppContext, timeoutMs = READINESS_TIMEOUT_MS): Promise<Readiness> {
  const expectedList = knownMigrations();
  const expected = expectedList[expectedList.length - 1]!;

  const database: Readiness['checks']['database'] = { ok: true };
  try {
    await withTimeout(sql`select 1`.execute(ctx.db), timeoutMs);
  } catch (err) {
    database.ok = false;
    database.error = reason(err);
  }

  const migrations: Readiness['checks']['migrations'] = { ok: false, expected, latest: null, pending: expectedList };
  if (database.ok) {
    try {
      const { rows } = await withTimeout(sql<{ name: string }>`select name from kysely_migration`.execute(ctx.db), timeoutMs);
      const recorded = new Set(rows.map((r) => r.name));
      migrations.latest = rows.map((r) => r.name).sort().at(-1) ?? null;
      migrations.pending = expectedList.filter((name) => !recorded.has(name));
      migrations.ok = migrations.pending.length === 0;
    } catch (err) {
      migrations.error = reason(err);
    }
  } else {
    migrations.error = 'database';
  }

  const s = jobsState(ctx);
  const lastTick = s.lastTickAt ?? s.startedAt;
  const lastTickSecondsAgo = lastTick === null ? null : Math.round((Date.now() - lastTick) / 100) / 10;
  const started = s.startedAt !== null;
  const stopped = s.stoppedAt !== null;
  const queue = existingJobQueue(ctx);
  const jobs = {
    ok: started && !stopped && lastTick !== null && Date.now() - lastTick <= RUNNER_STALE_MS,
    started,
    stopped,
    lastTickSecondsAgo,
    // the durable job queue (pg-boss on PostgreSQL, in process on SQLite): started by the runner, retried at each
    // tick while the database is away; queued jobs wait meanwhile (informative: the runner's tick decides « ok »)
    queue: { kind: queue?.kind ?? (ctx.dialect === 'postgres' ? 'pg-boss' : 'in-process'), started: queue?.started ?? false },
  };

  return { ready: database.ok && migrations.ok && jobs.ok, checks: { database, migrations, jobs } };
}
