import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../context.js';
import type { AccountTable } from './account.tables.js';
import type { Language } from '../../../shared/i18n/languages.js';
import { addMs, isoNow } from '../../clock.js';

type Executor = Kysely<DB> | Transaction<DB>;

export const SESSION_COOKIE = 'pf_session';
/** Only refresh last_seen (one write) when the previous refresh is older than this. */
const TOUCH_EVERY_MS = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export type SessionAccount = Pick<
  AccountTable,
  'id' | 'email' | 'kind' | 'role' | 'status' | 'family_id' | 'display_name'
> & { language: Language } & MemberFacts;

/** A family member's place and rights (issue 11); staff: null role, no rights. */
export interface MemberFacts {
  member_role: 'holder' | 'member' | null;
  guardian_rank: number | null;
  can_book: boolean;
  can_pay: boolean;
  can_edit: boolean;
}

/** The member facts of an account row (the holder holds every right whatever its columns say). */
export function memberFactsOf(a: { member_role: string | null; guardian_rank: number | null; can_book: number; can_pay: number; can_edit: number }): MemberFacts {
  const holder = a.member_role === 'holder';
  return {
    member_role: a.member_role === 'holder' || a.member_role === 'member' ? a.member_role : null,
    guardian_rank: a.guardian_rank,
    can_book: holder || a.can_book === 1,
    can_pay: holder || a.can_pay === 1,
    can_edit: holder || a.can_edit === 1,
  };
}

export interface LoadedSession {
  id: string;
  /** 'enrolment': a staff member who must enrol a second factor may only do that (issue 11) */
  scope: 'enrolment' | null;
  account: SessionAccount;
}

/** Creates a session; returns the cookie token (only its hash is stored). */
export async function createSession(
  trx: Executor,
  ctx: AppContext,
  accountId: string,
  userAgent: string | null,
  scope: 'enrolment' | null = null,
): Promise<string> {
  const token = newToken();
  const now = isoNow(ctx.clock);
  await trx
    .insertInto('session')
    .values({
      id: hashToken(token),
      account_id: accountId,
      created_at: now,
      last_seen_at: now,
      idle_expires_at: addMs(now, ctx.config.sessionIdleMs),
      absolute_expires_at: addMs(now, ctx.config.sessionAbsoluteMs),
      user_agent: userAgent?.slice(0, 200) ?? null,
      scope,
    })
    .execute();
  return token;
}

/**
 * Finds the live session for a cookie token: past its idle or absolute expiry, or for an account no longer
 * allowed in, it is deleted and null is returned. Sliding idle expiry, written at most once a minute.
 */
export async function loadSession(ctx: AppContext, token: string): Promise<LoadedSession | null> {
  if (!token || token.length > 100) return null;
  const id = hashToken(token);
  const row = await ctx.db
    .selectFrom('session')
    .innerJoin('account', 'account.id', 'session.account_id')
    .select([
      'session.id as session_id',
      'session.last_seen_at',
      'session.idle_expires_at',
      'session.absolute_expires_at',
      'session.scope',
      'account.id',
      'account.email',
      'account.kind',
      'account.role',
      'account.status',
      'account.family_id',
      'account.display_name',
      'account.language',
      'account.member_role',
      'account.guardian_rank',
      'account.can_book',
      'account.can_pay',
      'account.can_edit',
    ])
    .where('session.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  if (row.idle_expires_at <= nowIso || row.absolute_expires_at <= nowIso || row.status === 'disabled' || row.status === 'rejected') {
    await ctx.db.deleteFrom('session').where('id', '=', id).execute();
    return null;
  }
  if (now.getTime() - new Date(row.last_seen_at).getTime() >= TOUCH_EVERY_MS) {
    await ctx.db
      .updateTable('session')
      .set({ last_seen_at: nowIso, idle_expires_at: addMs(now, ctx.config.sessionIdleMs) })
      .where('id', '=', id)
      .execute();
  }
  return {
    id,
    scope: row.scope,
    account: {
      id: row.id,
      email: row.email,
      kind: row.kind,
      role: row.role,
      status: row.status,
      family_id: row.family_id,
      display_name: row.display_name,
      language: row.language,
      ...memberFactsOf(row),
    },
  };
}

export async function deleteSession(db: Executor, sessionId: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', sessionId).execute();
}

/** Signs the account out everywhere, except the given session when there is one. */
export async function deleteOtherSessions(db: Executor, accountId: string, keepSessionId?: string): Promise<void> {
  let q = db.deleteFrom('session').where('account_id', '=', accountId);
  if (keepSessionId) q = q.where('id', '!=', keepSessionId);
  await q.execute();
}

export async function purgeExpiredSessions(ctx: AppContext): Promise<void> {
  const now = isoNow(ctx.clock);
  await ctx.db
    .deleteFrom('session')
    .where((eb) => eb.or([eb('idle_expires_at', '<=', now), eb('absolute_expires_at', '<=', now)]))
    .execute();
  // the staff sign-in's expired pending logins and WebAuthn challenges (issue 11) go with them
  await ctx.db.deleteFrom('mfa_pending_login').where('expires_at', '<=', now).execute();
  await ctx.db.deleteFrom('mfa_challenge').where('expires_at', '<=', now).execute();
}

// ---------- the account's sessions (issue 11) ----------

/** The public id of a session in the list: derived from its stored id (itself a hash of the cookie), never the cookie. */
export function publicSessionId(sessionId: string): string {
  return createHash('sha256').update(`session:${sessionId}`).digest('base64url').slice(0, 22);
}

export interface SessionLine {
  id: string;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

/** The account's live sessions, the most recently used first; `current` marks the caller's. */
export async function listSessions(ctx: AppContext, accountId: string, currentSessionId: string): Promise<SessionLine[]> {
  const now = isoNow(ctx.clock);
  const rows = await ctx.db
    .selectFrom('session')
    .select(['id', 'user_agent', 'created_at', 'last_seen_at'])
    .where('account_id', '=', accountId)
    .where('idle_expires_at', '>', now)
    .where('absolute_expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: publicSessionId(r.id),
    userAgent: r.user_agent,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    current: r.id === currentSessionId,
  }));
}

/** Ends one of the account's sessions by its public id; false when the account has no such session (another's, or ended). */
export async function endSessionOf(db: Executor, accountId: string, publicId: string): Promise<boolean> {
  const ids = await db.selectFrom('session').select('id').where('account_id', '=', accountId).execute();
  const target = ids.find((r) => publicSessionId(r.id) === publicId);
  if (!target) return false;
  const r = await db.deleteFrom('session').where('id', '=', target.id).where('account_id', '=', accountId).executeTakeFirst();
  return Number(r.numDeletedRows ?? 0n) === 1;
}
