import type { FastifyInstance } from 'fastify';
import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { sql } from 'kysely';
import type { AppContext } from '../context.js';

/** Expired counters are deleted at most this often by each instance (lazily, on a request). */
const PURGE_EVERY_MS = 60_000;

interface Shared {
  ctx: Pick<AppContext, 'db' | 'logger'>;
  lastPurgeAt: number;
  purging: Promise<void> | null;
}

/** What the plugin passes to the store (its merged options; the types do not list these). */
interface StoreOptions {
  continueExceeding?: boolean;
  exponentialBackoff?: boolean;
  routeInfo?: { method?: string | string[]; url?: string };
}

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * The counters of @fastify/rate-limit kept in the database (table `rate_limit`, migration 0008), so that every
 * instance in front of one PostgreSQL counts the same requests: the 21st login attempt in a minute from one address
 * is refused whichever instance gets it. On the embedded SQLite default it is the same table in the same file.
 *
 * One statement per request, atomic on both databases (write discipline, docs/write-discipline.md: a conditional
 * write): `INSERT … ON CONFLICT (key) DO UPDATE` starts a window or counts one more in it, and `RETURNING` gives the
 * count the request is judged on. Two instances counting the same key at the same moment on PostgreSQL: the second
 * upsert waits for the first one's row and updates it, so no hit is lost and no two requests get the same count.
 * Semantics are the plugin's LocalStore's: a fixed window opened by the first hit (`continueExceeding` restarts it
 * on every hit over the limit); time is the instance's clock (`Date.now()`), so instances must be NTP-synchronised.
 *
 * Expired rows are deleted lazily: at most once a minute per instance, after a request (not awaited by it).
 */
export function sharedRateLimitStore(app: FastifyInstance, ctx: Pick<AppContext, 'db' | 'logger'>): FastifyRateLimitStoreCtor {
  const shared: Shared = { ctx, lastPurgeAt: 0, purging: null };
  // A purge still running when the app closes finishes before the database is closed after it.
  app.addHook('onClose', async () => {
    await shared.purging;
  });
  return class RootStore extends DatabaseRateLimitStore {
    constructor(options: FastifyRateLimitOptions) {
      super(shared, '', options as StoreOptions);
    }
  };
}

export class DatabaseRateLimitStore implements FastifyRateLimitStore {
  private readonly continueExceeding: boolean;

  constructor(
    private readonly shared: Shared,
    /** one counter per route: "POST /api/auth/login " + the client's key (its address) */
    private readonly prefix: string,
    options: StoreOptions,
  ) {
    if (options.exponentialBackoff) throw new Error('rate limit: exponentialBackoff is not supported by the database store');
    this.continueExceeding = options.continueExceeding === true;
  }

  /** Called by the plugin with the route's merged options (typed there as the route's options). */
  child(options: object): FastifyRateLimitStore {
    const routeOptions = options as StoreOptions;
    const method = routeOptions.routeInfo?.method;
    const route = `${Array.isArray(method) ? method.join(',') : (method ?? '')} ${routeOptions.routeInfo?.url ?? ''}`.trim();
    return new DatabaseRateLimitStore(this.shared, route ? `${route} ` : '', routeOptions);
  }

  incr(key: string, callback: Callback, timeWindow: number, max: number): void {
    this.hit(this.prefix + key, timeWindow, max).then(
      (result) => callback(null, result),
      (err: Error) => callback(err),
    );
  }

  /** The counter as it stands, without counting (`{ increment: false }`). */
  read(key: string, callback: Callback): void {
    const now = Date.now();
    sql<{ count: number; expires_at: number | string }>`
      select count, expires_at from rate_limit where key = ${this.prefix + key} and expires_at > ${now}`
      .execute(this.shared.ctx.db)
      .then(
        ({ rows }) => callback(null, rows[0] ? { current: Number(rows[0].count), ttl: Number(rows[0].expires_at) - now } : { current: 0, ttl: 0 }),
        (err: Error) => callback(err),
      );
  }

  private async hit(key: string, timeWindow: number, max: number): Promise<{ current: number; ttl: number }> {
    const now = Date.now();
    const end = now + timeWindow;
    // A new window when the stored one is over; with continueExceeding, also on every hit over the limit.
    const restart = this.continueExceeding
      ? sql`(rate_limit.expires_at <= ${now} or rate_limit.count + 1 > ${max})`
      : sql`rate_limit.expires_at <= ${now}`;
    const { rows } = await sql<{ count: number; expires_at: number | string }>`
      insert into rate_limit (key, window_start, expires_at, count) values (${key}, ${now}, ${end}, 1)
      on conflict (key) do update set
        count = case when rate_limit.expires_at <= ${now} then 1 else rate_limit.count + 1 end,
        window_start = case when ${restart} then ${now} else rate_limit.window_start end,
        expires_at = case when ${restart} then ${end} else rate_limit.expires_at end
      returning count, expires_at`.execute(this.shared.ctx.db);
    this.purgeNowAndThen(now);
    const row = rows[0];
    return { current: Number(row.count), ttl: Math.max(0, Number(row.expires_at) - now) };
  }

  private purgeNowAndThen(now: number): void {
    const s = this.shared;
    if (s.purging || now - s.lastPurgeAt < PURGE_EVERY_MS) return;
    s.lastPurgeAt = now;
    s.purging = sql`delete from rate_limit where expires_at <= ${now}`
      .execute(s.ctx.db)
      .then(
        () => undefined,
        (err: unknown) => s.ctx.logger.warn({ err }, 'rate limit: purge of expired counters failed'),
      )
      .finally(() => {
        s.purging = null;
      });
  }
}
