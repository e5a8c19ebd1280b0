import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AccountTable, AccountTokenTable } from './account.tables.js';
import { hashToken } from './account.sessions.js';

type Executor = Kysely<DB> | Transaction<DB>;

export type AccountRow = AccountTable;

export async function findAccountByEmail(db: Executor, email: string): Promise<AccountRow | undefined> {
  return db.selectFrom('account').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findAccountById(db: Executor, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom('account').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A token that would be accepted now, without consuming it (to know whose it is before hashing). */
export async function findLiveToken(
  db: Executor,
  token: string,
  now: string,
): Promise<Pick<AccountTokenTable, 'account_id' | 'purpose' | 'new_email'> | undefined> {
  return db
    .selectFrom('account_token')
    .select(['account_id', 'purpose', 'new_email'])
    .where('id', '=', hashToken(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

export async function insertAccount(trx: Executor, account: AccountTable): Promise<void> {
  await trx.insertInto('account').values(account).execute();
}

export async function setLastLogin(trx: Executor, accountId: string, at: string): Promise<void> {
  await trx.updateTable('account').set({ last_login_at: at }).where('id', '=', accountId).execute();
}

export async function setPasswordHash(trx: Executor, accountId: string, passwordHash: string, at: string): Promise<void> {
  await trx
    .updateTable('account')
    .set({ password_hash: passwordHash, password_changed_at: at, updated_at: at })
    .where('id', '=', accountId)
    .execute();
}

export async function setAccountStatus(trx: Executor, accountId: string, status: AccountTable['status'], at: string): Promise<void> {
  await trx.updateTable('account').set({ status, updated_at: at }).where('id', '=', accountId).execute();
}

export async function setAccountEmail(trx: Executor, accountId: string, email: string, at: string): Promise<void> {
  await trx.updateTable('account').set({ email, updated_at: at }).where('id', '=', accountId).execute();
}
