import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../context.js';
import { isoNow } from '../../clock.js';
import { ForbiddenError, UnauthorizedError } from '../../errors.js';
import { affected, writeTransaction } from '../../db/write.js';
import { createSession, hashToken } from './account.sessions.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * What a sign-in through an outside identity provider (FranceConnect, issue 11) needs of the account module: a
 * session opened under the login rules without a password, the accounts' guardian ranks, and whether an account
 * has a password of its own.
 */

/** The password hash of an account created through FranceConnect: matches no password until one is chosen (a reset link). */
export const NO_PASSWORD = '!franceconnect';

/** Whether the account can sign in with a password (one was chosen), so that unlinking FranceConnect leaves it a way in. */
export async function hasUsablePassword(db: Executor, accountId: string): Promise<boolean> {
  const row = await db.selectFrom('account').select('password_hash').where('id', '=', accountId).executeTakeFirst();
  return !!row && row.password_hash.startsWith('$argon2');
}

/** The family account as a provider's callback sees it, or undefined (unknown, or not a family's). */
export async function familyAccountFacts(
  db: Executor,
  accountId: string,
): Promise<{ id: string; familyId: string; email: string; status: string; guardianRank: number } | undefined> {
  const row = await db
    .selectFrom('account')
    .select(['id', 'family_id', 'email', 'status', 'kind', 'guardian_rank'])
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (!row || row.kind !== 'family' || !row.family_id) return undefined;
  return { id: row.id, familyId: row.family_id, email: row.email, status: row.status, guardianRank: row.guardian_rank ?? 1 };
}

/** The guardian each of these family accounts is (1 when the account does not say). */
export async function guardianRanksOf(db: Executor, accountIds: string[]): Promise<Map<string, number>> {
  if (!accountIds.length) return new Map();
  const rows = await db.selectFrom('account').select(['id', 'guardian_rank']).where('id', 'in', accountIds).execute();
  return new Map(rows.map((r) => [r.id, r.guardian_rank ?? 1]));
}

/**
 * Opens a session for a family account whose person an identity provider vouched for, under the login rules: a
 * refused or disabled account is told so (403 « auth.account_rejected » / « auth.account_disabled »), like a
 * password login. `inTransaction` runs in the same transaction once the session exists (to keep its ID token).
 */
export async function openProviderSession(
  ctx: AppContext,
  accountId: string,
  userAgent: string | null,
  inTransaction?: (trx: Kysely<DB>, sessionId: string, token: string) => Promise<void>,
): Promise<string> {
  const now = isoNow(ctx.clock);
  // Write discipline: conditional write, rows checked — as at password login, the session is opened only if the
  // account is still a family's and allowed in; a refusal or disabling that committed first wins.
  const token = await writeTransaction(ctx, async (trx) => {
    const stillAllowed = await trx
      .updateTable('account')
      .set({ last_login_at: now })
      .where('id', '=', accountId)
      .where('kind', '=', 'family')
      .where('status', 'not in', ['rejected', 'disabled'])
      .executeTakeFirst();
    if (affected(stillAllowed) !== 1) return null;
    const t = await createSession(trx, ctx, accountId, userAgent);
    if (inTransaction) await inTransaction(trx, sessionIdOf(t), t);
    return t;
  });
  if (token) return token;
  const state = (await ctx.db.selectFrom('account').select(['status']).where('id', '=', accountId).executeTakeFirst())?.status;
  if (state === 'rejected') throw new ForbiddenError('auth.account_rejected');
  if (state === 'disabled') throw new ForbiddenError('auth.account_disabled');
  throw new UnauthorizedError('auth.invalid_credentials');
}

/** The id of the session a cookie token opens (what `request.auth.id` holds). */
export const sessionIdOf = hashToken;
