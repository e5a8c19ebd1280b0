import type { AppContext } from '../context.js';
import { deliverDueMail } from '../modules/mail/mail.service.js';
import { purgeExpiredSessions } from '../modules/account/account.sessions.js';
import { purgeThrottles } from '../modules/account/account.throttle.js';
import { sendExpiryReminders } from '../modules/document/document.service.js';
import { deliverDemoNotifications, pollPendingPayments } from '../modules/payment/payment.service.js';
import { settleAllWaitingLists } from '../modules/booking/booking.waitlist.js';

interface Job {
  name: string;
  everyMs: number;
  run: (ctx: AppContext) => Promise<unknown>;
}

const JOBS: Job[] = [
  { name: 'mail-relay', everyMs: 2_000, run: deliverDueMail },
  { name: 'session-purge', everyMs: 10 * 60_000, run: purgeExpiredSessions },
  { name: 'throttle-purge', everyMs: 30 * 60_000, run: purgeThrottles },
  { name: 'document-expiry-reminders', everyMs: 60 * 60_000, run: sendExpiryReminders },
  { name: 'payment-status', everyMs: 10_000, run: pollPendingPayments },
  { name: 'demo-bank-notify', everyMs: 1_000, run: deliverDemoNotifications },
  // safety net of the settle that follows each booking commit (a process killed in between)
  { name: 'waiting-list-settle', everyMs: 60_000, run: settleAllWaitingLists },
];

/** What the runner of one context has done: read by /readyz and /metrics (src/server/modules/system). */
export interface JobsState {
  /** Date.now() when startJobs ran; null when the runner was never started for this context (tests, scripts) */
  startedAt: number | null;
  stoppedAt: number | null;
  /** Date.now() of the last timer tick of any job (the runner is alive even when every job is still running) */
  lastTickAt: number | null;
  /** per job: finished runs, failed runs, Date.now() of the last success */
  jobs: Map<string, { runs: number; failures: number; lastSuccessAt: number | null }>;
}

const states = new WeakMap<AppContext, JobsState>();

/** The runner state of a context (a fresh, never-started state when startJobs was not called). */
export function jobsState(ctx: AppContext): JobsState {
  let s = states.get(ctx);
  if (!s) {
    s = { startedAt: null, stoppedAt: null, lastTickAt: null, jobs: new Map(JOBS.map((j) => [j.name, { runs: 0, failures: 0, lastSuccessAt: null }])) };
    states.set(ctx, s);
  }
  return s;
}

/** The shortest job period: a runner whose last tick is much older than this has stalled. */
export const RUNNER_TICK_MS = Math.min(...JOBS.map((j) => j.everyMs));

/**
 * Runs the background jobs in this process. Each job is safe on N instances (row leases), never overlaps
 * itself, and a failure is logged and retried at the next tick. Returns a stop function that waits for
 * running jobs to finish.
 */
export function startJobs(ctx: AppContext): () => Promise<void> {
  const running = new Map<string, Promise<unknown>>();
  const state = jobsState(ctx);
  state.startedAt = Date.now();
  state.stoppedAt = null;
  const timers = JOBS.map((job) =>
    setInterval(() => {
      state.lastTickAt = Date.now();
      if (running.has(job.name)) return;
      const stats = state.jobs.get(job.name)!;
      const p = job
        .run(ctx)
        .then(() => {
          stats.lastSuccessAt = Date.now();
        })
        .catch((err) => {
          stats.failures++;
          ctx.logger.error({ err, job: job.name }, 'job failed');
        })
        .finally(() => {
          stats.runs++;
          running.delete(job.name);
        });
      running.set(job.name, p);
    }, job.everyMs),
  );
  return async () => {
    timers.forEach(clearInterval);
    state.stoppedAt = Date.now();
    await Promise.allSettled([...running.values()]);
  };
}
