import type { AppContext } from '../context.js';

/*
 * The jobs' state of one context, apart from the runner (runner.ts) and the queue (queue.ts) that both report to it:
 * the queue does not import the runner, whose periodic jobs import the modules that declare queued jobs (no import
 * cycle, whatever module is loaded first).
 */

const knownNames = new Set<string>();

/** The jobs a fresh state lists with zero runs (the runner registers its periodic and queued jobs). */
export function registerJobNames(names: string[]): void {
  for (const n of names) knownNames.add(n);
}

/** What the runner of one context has done: read by /readyz and /metrics (src/server/modules/system). */
export interface JobsState {
  /** Date.now() when startJobs ran; null when the runner was never started for this context (tests, scripts) */
  startedAt: number | null;
  stoppedAt: number | null;
  /** Date.now() of the last timer tick of any job (the runner is alive even when every job is still running) */
  lastTickAt: number | null;
  /** per job: runs this instance finished, failed runs, Date.now() of the last success */
  jobs: Map<string, { runs: number; failures: number; lastSuccessAt: number | null }>;
}

const states = new WeakMap<AppContext, JobsState>();

/** The runner state of a context (a fresh, never-started state when startJobs was not called). */
export function jobsState(ctx: AppContext): JobsState {
  let s = states.get(ctx);
  if (!s) {
    s = {
      startedAt: null,
      stoppedAt: null,
      lastTickAt: null,
      jobs: new Map([...knownNames].map((name) => [name, { runs: 0, failures: 0, lastSuccessAt: null }])),
    };
    states.set(ctx, s);
  }
  return s;
}

/** Counts a finished run of a job on this instance (periodic runs here, queued jobs from queue.ts). */
export function recordJobRun(ctx: AppContext, name: string, err: unknown): void {
  const jobs = jobsState(ctx).jobs;
  let stats = jobs.get(name);
  if (!stats) jobs.set(name, (stats = { runs: 0, failures: 0, lastSuccessAt: null }));
  stats.runs++;
  if (err) {
    stats.failures++;
    ctx.logger.error({ err, job: name }, 'job failed');
  } else stats.lastSuccessAt = Date.now();
}

