import { randomBytes } from 'node:crypto';
import type { AppContext } from '../context.js';
import { affected } from '../db/write.js';
import { deliverDueMail } from '../modules/mail/mail.service.js';
import { purgeExpiredSessions } from '../modules/account/account.sessions.js';
import { purgeThrottles } from '../modules/account/account.throttle.js';
import { purgeFranceConnect } from '../modules/franceconnect/franceconnect.service.js';
import { sendExpiryReminders } from '../modules/document/document.service.js';
import { deliverDemoNotifications, pollPendingPayments } from '../modules/payment/payment.service.js';
import { settleAllWaitingLists } from '../modules/booking/booking.waitlist.js';
import { expireDueBaskets } from '../modules/booking/booking.baskets.js';
import { sendDueReminders } from '../modules/billing/billing.money.js';
import { jobQueue, stopJobQueue } from './queue.js';
import { deliverPush, deliverSms } from '../modules/messaging/messaging.notify.js';
import { deliverAnnouncements } from '../modules/messaging/messaging.announcements.js';
import { sendDeadlineReminders } from '../modules/messaging/messaging.reminders.js';
import { refreshJanuary } from '../modules/quotient/quotient.service.js';
import { jobsState, recordJobRun, registerJobNames, type JobsState } from './state.js';
import '../modules/billing/billing.run.js'; // declares the durable « invoicing-run » job

interface PeriodicJob {
  name: string;
  everyMs: number;
  run: (ctx: AppContext) => Promise<unknown>;
}

/**
 * Periodic jobs. Each instance keeps a timer, and each period ONE instance runs the job: the one whose conditional
 * UPDATE of the job's `job_schedule` row moves `next_run_at` forward (claimPeriod). The work inside keeps its own
 * guards (row leases of the mail relay and payment status, conditional claims of the reminders, locks of the settle).
 */
const JOBS: PeriodicJob[] = [
  { name: 'mail-relay', everyMs: 2_000, run: deliverDueMail },
  { name: 'session-purge', everyMs: 10 * 60_000, run: purgeExpiredSessions },
  { name: 'throttle-purge', everyMs: 30 * 60_000, run: purgeThrottles },
  // issue 11: expired FranceConnect attempts, registrations and session tokens
  { name: 'franceconnect-purge', everyMs: 30 * 60_000, run: purgeFranceConnect },
  { name: 'document-expiry-reminders', everyMs: 60 * 60_000, run: sendExpiryReminders },
  { name: 'payment-status', everyMs: 10_000, run: pollPendingPayments },
  // issue 13: each office's reminder schedule (a step is sent once: UNIQUE (invoice, step))
  { name: 'billing-reminders', everyMs: 60 * 60_000, run: sendDueReminders },
  { name: 'demo-bank-notify', everyMs: 1_000, run: deliverDemoNotifications },
  // safety net of the settle that follows each booking commit (a process killed in between)
  { name: 'waiting-list-settle', everyMs: 60_000, run: settleAllWaitingLists },
  // issue 13, « paiement à la réservation »: unpaid baskets past their hold release their places
  { name: 'basket-expiry', everyMs: 30_000, run: expireDueBaskets },
  // issue 14 (docs/messages.md): SMS and push relays, announcement batches, deadline reminders
  { name: 'sms-relay', everyMs: 5_000, run: deliverSms },
  { name: 'push-relay', everyMs: 3_000, run: deliverPush },
  { name: 'announcement-batches', everyMs: 5_000, run: deliverAnnouncements },
  { name: 'deadline-reminders', everyMs: 30 * 60_000, run: sendDeadlineReminders },
  // issue 15 (docs/quotient.md): in January, each consenting family's quotient asked again, once a year
  { name: 'quotient-refresh', everyMs: 60 * 60_000, run: refreshJanuary },
];

/** Durable (queued) jobs reported with the periodic ones: runs and failures of this instance's workers. */
const QUEUED_JOBS = ['invoicing-run'];

registerJobNames([...JOBS.map((j) => j.name), ...QUEUED_JOBS]);

export { jobsState, recordJobRun, type JobsState };

/** The shortest job period: a runner whose last tick is much older than this has stalled. */
export const RUNNER_TICK_MS = Math.min(...JOBS.map((j) => j.everyMs));

/** This process, as written in job_schedule.claimed_by. */
export const INSTANCE_ID = `${process.pid}-${randomBytes(3).toString('hex')}`;

/** A failed run is tried again after min(period, 1 min) × 2^(failures-1), at most max(period, 1 min) later. */
export function retryDelayMs(everyMs: number, failures: number): number {
  return Math.min(Math.max(everyMs, 60_000), Math.min(everyMs, 60_000) * 2 ** Math.max(0, failures - 1));
}

const known = new WeakMap<AppContext, Set<string>>();

/**
 * Claims this period of a job for this instance: one conditional UPDATE (shape 1 of docs/write-discipline.md),
 * `next_run_at <= now` moved to the next period; 1 row = this instance runs it, 0 = another one did (or the period is
 * not over). The next period starts a little early (a tenth of the period, at most 0.5 s) so that the timer of the
 * instance that ran it finds it due at its next tick despite timer jitter.
 */
export async function claimPeriod(ctx: AppContext, name: string, everyMs: number, now = Date.now(), instance = INSTANCE_ID): Promise<boolean> {
  let names = known.get(ctx);
  if (!names) known.set(ctx, (names = new Set()));
  if (!names.has(name)) {
    await ctx.db.insertInto('job_schedule').values({ name, next_run_at: 0, failures: 0, claimed_by: null, last_success_at: null }).onConflict((oc) => oc.column('name').doNothing()).execute();
    names.add(name);
  }
  const r = await ctx.db
    .updateTable('job_schedule')
    .set({ next_run_at: now + everyMs - Math.min(everyMs / 10, 500), claimed_by: instance })
    .where('name', '=', name)
    .where('next_run_at', '<=', now)
    .executeTakeFirst();
  return affected(r) === 1;
}

/** After a claimed run: a success resets the failures; a failure sets the next try by retryDelayMs. */
async function finishPeriod(ctx: AppContext, name: string, everyMs: number, err: unknown): Promise<void> {
  const now = Date.now();
  if (!err) {
    await ctx.db.updateTable('job_schedule').set({ failures: 0, last_success_at: now }).where('name', '=', name).execute();
    return;
  }
  const row = await ctx.db.selectFrom('job_schedule').select('failures').where('name', '=', name).executeTakeFirst();
  const failures = (row?.failures ?? 0) + 1;
  await ctx.db.updateTable('job_schedule').set({ failures, next_run_at: now + retryDelayMs(everyMs, failures) }).where('name', '=', name).execute();
}

/** Runs one period of a periodic job if this instance wins its claim; true when it ran (tests call it directly). */
export async function runPeriodicOnce(ctx: AppContext, name: string, now = Date.now()): Promise<boolean> {
  const job = JOBS.find((j) => j.name === name);
  if (!job) throw new Error(`unknown job ${name}`);
  let claimed: boolean;
  try {
    claimed = await claimPeriod(ctx, job.name, job.everyMs, now);
  } catch (err) {
    recordJobRun(ctx, job.name, err ?? new Error('job claim failed')); // database away: a failed run
    return false;
  }
  if (!claimed) return false;
  let failure: unknown = null;
  try {
    await job.run(ctx);
  } catch (err) {
    failure = err ?? new Error('job failed');
  }
  recordJobRun(ctx, job.name, failure);
  await finishPeriod(ctx, job.name, job.everyMs, failure).catch((err) => ctx.logger.error({ err, job: job.name }, 'job schedule not updated'));
  return true;
}

/**
 * Runs the background jobs in this process: the periodic timers (one instance per period, see claimPeriod) and the
 * durable job queue's workers (queue.ts: pg-boss on PostgreSQL, in process on SQLite; an invoicing run left
 * unfinished is resumed). A job never overlaps itself in one process. Returns a stop function that waits for
 * running jobs (periodic ones, and queued ones until they reach their next step).
 */
export function startJobs(ctx: AppContext): () => Promise<void> {
  const running = new Map<string, Promise<unknown>>();
  const state = jobsState(ctx);
  state.startedAt = Date.now();
  state.stoppedAt = null;
  const queue = jobQueue(ctx);
  let queueStarting: Promise<void> | null = null;
  const startQueue = () =>
    (queueStarting ??= queue
      .start()
      .catch((err) => ctx.logger.error({ err }, 'job queue not started (tried again at the next tick)'))
      .finally(() => (queueStarting = null)));
  const queueStarted = startQueue();
  const timers = JOBS.map((job) =>
    setInterval(() => {
      state.lastTickAt = Date.now();
      if (!queue.started && state.stoppedAt === null) void startQueue(); // the database was away at start
      if (running.has(job.name)) return;
      const p = runPeriodicOnce(ctx, job.name)
        .catch((err) => ctx.logger.error({ err, job: job.name }, 'job claim failed'))
        .finally(() => running.delete(job.name));
      running.set(job.name, p);
    }, job.everyMs),
  );
  return async () => {
    timers.forEach(clearInterval);
    state.stoppedAt = Date.now();
    void queueStarted; // stopJobQueue waits a little for a start under way, not for ever
    await Promise.allSettled([...running.values(), stopJobQueue(ctx)]);
  };
}
