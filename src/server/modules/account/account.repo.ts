import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AccountTable, AccountTokenTable } from './account.tables.js';
import { hashToken } from './account.sessions.js';
import type { Language } from '../../../shared/i18n/languages.js';

type Executor = Kysely<DB> | Transaction<DB>;

export type AccountRow = Selectable<AccountTable>;

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

export async function insertAccount(trx: Executor, account: Insertable<AccountTable>): Promise<void> {
  await trx.insertInto('account').values(account).execute();
}

export async function setLanguage(db: Executor, accountId: string, language: Language): Promise<void> {
  await db.updateTable('account').set({ language }).where('id', '=', accountId).execute();
}

/** The language of each address that is an account's login (e-mails are written in it); French for the others. */
export async function languagesOfEmails(db: Executor, emails: string[]): Promise<Map<string, Language>> {
  const out = new Map<string, Language>();
  for (let i = 0; i < emails.length; i += 500) {
    const rows = await db.selectFrom('account').select(['email', 'language']).where('email', 'in', emails.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.email, r.language);
  }
  return out;
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
