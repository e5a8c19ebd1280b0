import type { AppContext } from '../../context.js';
import { addMs, isoNow } from '../../clock.js';

export interface ThrottlePolicy {
  /** failures allowed within the window */
  max: number;
  windowMs: number;
  /** how long the key stays blocked once over the limit */
  blockMs: number;
}

export const LOGIN_PER_ACCOUNT: ThrottlePolicy = { max: 5, windowMs: 15 * 60_000, blockMs: 15 * 60_000 };
export const LOGIN_PER_IP: ThrottlePolicy = { max: 30, windowMs: 15 * 60_000, blockMs: 15 * 60_000 };

/**
 * Failure counters kept in the database, so every instance sees the same count. Keys are free-form:
 * "login:account:<email>", "login:ip:<address>". Returns the seconds left when the key is blocked, else null.
 */
export async function blockedFor(ctx: AppContext, key: string): Promise<number | null> {
  const row = await ctx.db.selectFrom('throttle').select('blocked_until').where('key', '=', key).executeTakeFirst();
  if (!row?.blocked_until) return null;
  const left = new Date(row.blocked_until).getTime() - ctx.clock.now().getTime();
  return left > 0 ? Math.ceil(left / 1000) : null;
}

/** Counts one failure; blocks the key when it goes over the policy's limit. */
export async function recordFailure(ctx: AppContext, key: string, policy: ThrottlePolicy): Promise<void> {
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('throttle').selectAll().where('key', '=', key).executeTakeFirst();
    const windowOver = !row || now.getTime() - new Date(row.window_started_at).getTime() > policy.windowMs;
    const count = windowOver ? 1 : row.count + 1;
    const blocked_until = count >= policy.max ? addMs(now, policy.blockMs) : (row?.blocked_until ?? null);
    const values = { count, window_started_at: windowOver ? nowIso : row!.window_started_at, blocked_until };
    if (row) await trx.updateTable('throttle').set(values).where('key', '=', key).execute();
    else await trx.insertInto('throttle').values({ key, ...values }).onConflict((oc) => oc.column('key').doUpdateSet(values)).execute();
  });
}

export async function clearThrottle(ctx: AppContext, key: string): Promise<void> {
  await ctx.db.deleteFrom('throttle').where('key', '=', key).execute();
}

export async function purgeThrottles(ctx: AppContext): Promise<void> {
  const cutoff = addMs(ctx.clock.now(), -24 * 3_600_000);
  const now = isoNow(ctx.clock);
  await ctx.db
    .deleteFrom('throttle')
    .where('window_started_at', '<', cutoff)
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', now)]))
    .execute();
}
