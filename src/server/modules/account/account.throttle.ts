import type { AppContext } from '../../context.js';
import { addMs, isoNow } from '../../clock.js';
import { forUpdate, writeTransaction, type Executor } from '../../db/write.js';

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

/**
 * The counter's row, created when missing (`ON CONFLICT DO NOTHING`) and then locked until the transaction ends.
 * Write discipline: lock what you read — failures counted at the same moment (many wrong passwords at once, from
 * several devices or addresses) wait for each other, so none is lost (a read-then-write loses some on PostgreSQL).
 */
async function lockedCounter(trx: Executor, key: string, nowIso: string) {
  await trx
    .insertInto('throttle')
    .values({ key, count: 0, window_started_at: nowIso, blocked_until: null })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return forUpdate(trx, trx.selectFrom('throttle').selectAll().where('key', '=', key)).executeTakeFirstOrThrow();
}

async function countOne(trx: Executor, key: string, policy: ThrottlePolicy, now: Date, row: { count: number; window_started_at: string; blocked_until: string | null }) {
  const nowIso = now.toISOString();
  const windowOver = row.count === 0 || now.getTime() - new Date(row.window_started_at).getTime() > policy.windowMs;
  const count = windowOver ? 1 : Number(row.count) + 1;
  const blocked_until = count >= policy.max ? addMs(now, policy.blockMs) : row.blocked_until;
  await trx
    .updateTable('throttle')
    .set({ count, window_started_at: windowOver ? nowIso : row.window_started_at, blocked_until })
    .where('key', '=', key)
    .execute();
}

/** Counts one failure; blocks the key when it goes over the policy's limit. */
export async function recordFailure(ctx: AppContext, key: string, policy: ThrottlePolicy): Promise<void> {
  const now = ctx.clock.now();
  await writeTransaction(ctx, async (trx) => {
    await countOne(trx, key, policy, now, await lockedCounter(trx, key, now.toISOString()));
  });
}

/**
 * Takes one use of a key limited to `policy.max` uses per window (e.g. reset e-mails of an account): false, and
 * nothing counted, while the key is blocked. Checked and counted under the row's lock, so requests at once cannot
 * all pass the check before any of them is counted.
 */
export async function takeSlot(ctx: AppContext, key: string, policy: ThrottlePolicy): Promise<boolean> {
  const now = ctx.clock.now();
  return writeTransaction(ctx, async (trx) => {
    const row = await lockedCounter(trx, key, now.toISOString());
    if (row.blocked_until && new Date(row.blocked_until).getTime() > now.getTime()) return false;
    await countOne(trx, key, policy, now, row);
    return true;
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
