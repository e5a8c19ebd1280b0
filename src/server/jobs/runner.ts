import type { AppContext } from '../context.js';
import { deliverDueMail } from '../modules/mail/mail.service.js';
import { purgeExpiredSessions } from '../modules/account/account.sessions.js';
import { purgeThrottles } from '../modules/account/account.throttle.js';
import { sendExpiryReminders } from '../modules/document/document.service.js';
import { deliverDemoNotifications, pollPendingPayments } from '../modules/payment/payment.service.js';

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
];

/**
 * Runs the background jobs in this process. Each job is safe on N instances (row leases), never overlaps
 * itself, and a failure is logged and retried at the next tick. Returns a stop function that waits for
 * running jobs to finish.
 */
export function startJobs(ctx: AppContext): () => Promise<void> {
  const running = new Map<string, Promise<unknown>>();
  const timers = JOBS.map((job) =>
    setInterval(() => {
      if (running.has(job.name)) return;
      const p = job
        .run(ctx)
        .catch((err) => ctx.logger.error({ err, job: job.name }, 'job failed'))
        .finally(() => running.delete(job.name));
      running.set(job.name, p);
    }, job.everyMs),
  );
  return async () => {
    timers.forEach(clearInterval);
    await Promise.allSettled([...running.values()]);
  };
}
