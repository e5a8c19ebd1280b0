import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../context.js';
import { addMs, isoNow } from '../../clock.js';
import { hashToken, newToken } from './account.sessions.js';
import { affected, forUpdate } from '../../db/write.js';
import type { AccountTokenTable } from './account.tables.js';

type Executor = Kysely<DB> | Transaction<DB>;
export type TokenPurpose = AccountTokenTable['purpose'];

export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
  password_reset: 60 * 60_000, // one hour (issue §3)
  email_change: 24 * 60 * 60_000,
  invitation: 72 * 60 * 60_000,
};

/**
 * Issues a single-use token for a mailed link; only its SHA-256 is stored. Earlier unused tokens of the same
 * purpose for the account are revoked, so only the latest link works.
 */
export async function createAccountToken(
  trx: Executor,
  ctx: AppContext,
  accountId: string,
  purpose: TokenPurpose,
  newEmail: string | null = null,
): Promise<string> {
  const token = newToken();
  const now = isoNow(ctx.clock);
  // Lock what you read: the account's row, so two links asked for at once are issued one after the other and the
  // second revokes the first (only the latest link works). Call inside a transaction (writeTransaction).
  await forUpdate(trx, trx.selectFrom('account').select('id').where('id', '=', accountId)).executeTakeFirst();
  await trx
    .updateTable('account_token')
    .set({ used_at: now })
    .where('account_id', '=', accountId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
  await trx
    .insertInto('account_token')
    .values({
      id: hashToken(token),
      account_id: accountId,
      purpose,
      new_email: newEmail,
      created_at: now,
      expires_at: addMs(now, TOKEN_TTL_MS[purpose]),
      used_at: null,
    })
    .execute();
  return token;
}

/**
 * Marks a token used and returns it, or null when it is unknown, expired, already used or of another purpose.
 * Write discipline: conditional write, rows checked — `UPDATE … SET used_at WHERE id = ? AND used_at IS NULL`, so the
 * token is single-use even when two requests race (PostgreSQL re-checks the WHERE after waiting for the row's lock).
 */
export async function consumeAccountToken(
  trx: Executor,
  ctx: AppContext,
  token: string,
  purposes: TokenPurpose[],
): Promise<Pick<AccountTokenTable, 'account_id' | 'purpose' | 'new_email'> | null> {
  const id = hashToken(token);
  const now = isoNow(ctx.clock);
  const row = await trx
    .selectFrom('account_token')
    .select(['account_id', 'purpose', 'new_email', 'expires_at', 'used_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || row.used_at || row.expires_at <= now || !purposes.includes(row.purpose)) return null;
  const res = await trx
    .updateTable('account_token')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (affected(res) !== 1) return null;
  return { account_id: row.account_id, purpose: row.purpose, new_email: row.new_email };
}

/**
 * What a mailed link's page shows when it opens (issue 17), without using the token: `used` also covers a link
 * replaced by a newer one (createAccountToken marks the older ones used). A token of another purpose is `unknown`
 * to the page that asked, as a token never issued is. Read only: the conditional write of consumeAccountToken still
 * decides when the form is sent.
 */
export async function checkAccountToken(
  db: Executor,
  ctx: AppContext,
  token: string,
  purposes: TokenPurpose[],
): Promise<'valid' | 'used' | 'expired' | 'unknown'> {
  if (token.length < 10) return 'unknown';
  const row = await db
    .selectFrom('account_token')
    .select(['purpose', 'expires_at', 'used_at'])
    .where('id', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || !purposes.includes(row.purpose)) return 'unknown';
  if (row.used_at) return 'used';
  if (row.expires_at <= isoNow(ctx.clock)) return 'expired';
  return 'valid';
}

/** The link a family opens from a mail, on the portal's public URL. */
export function linkTo(ctx: AppContext, pagePath: string, token: string): string {
  return `${ctx.config.publicUrl}${pagePath}?jeton=${encodeURIComponent(token)}`;
}
