import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { forUpdate } from '../../db/write.js';
import type { AccountTable } from './account.tables.js';
import { languagesOfEmails } from './account.repo.js';
import type { Language } from '../../../shared/i18n/languages.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * The languages of the accounts whose logins are among these addresses (lower case): each e-mail is written in its
 * recipient's (registered in the mail module at build, `registerRecipientLanguages` in buildApp).
 */
export const languagesOfLogins: (db: Executor, emails: string[]) => Promise<Map<string, Language>> = languagesOfEmails;

/** A family's login as other modules see it: never its password hash. */
export type FamilyLogin = Pick<
  AccountTable,
  'id' | 'email' | 'status' | 'created_at' | 'validated_at' | 'rejection_reason' | 'last_login_at' | 'password_changed_at'
>;

/** The login (family account) of a family; other modules read it through here, never in the account table. */
export async function familyLogin(db: Executor, familyId: string): Promise<FamilyLogin | undefined> {
  return db
    .selectFrom('account')
    .select(['id', 'email', 'status', 'created_at', 'validated_at', 'rejection_reason', 'last_login_at', 'password_changed_at'])
    .where('family_id', '=', familyId)
    .where('kind', '=', 'family')
    .orderBy('created_at')
    .executeTakeFirst();
}

/**
 * The family logins as a subquery another module may join in one statement (the staff's family lists and search:
 * `innerJoin(familyLoginsSubquery(db).as('account'), 'account.family_id', 'family.id')`), with only these columns.
 */
export function familyLoginsSubquery(db: Executor) {
  return db.selectFrom('account').select(['id', 'family_id', 'email', 'status', 'created_at']).where('kind', '=', 'family');
}

/** The login e-mail of each of these families that has a login, in one query. */
export async function familyLoginEmails(db: Executor, familyIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(familyIds)];
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('account').select(['family_id', 'email']).where('family_id', 'in', ids).where('kind', '=', 'family').orderBy('created_at').execute();
  const out = new Map<string, string>();
  for (const r of rows) if (r.family_id && !out.has(r.family_id)) out.set(r.family_id, r.email);
  return out;
}

/**
 * Locks a family's login row (after its family row: the closure's lock order) and returns it, undefined when the
 * family has none.
 */
export async function lockFamilyLogin(trx: Executor, familyId: string): Promise<Pick<AccountTable, 'id' | 'email'> | undefined> {
  return forUpdate(trx, trx.selectFrom('account').select(['id', 'email']).where('family_id', '=', familyId).where('kind', '=', 'family').orderBy('id')).executeTakeFirst();
}

/** The display names of these accounts (staff agents named in a family's screens), in one query. */
export async function displayNames(db: Executor, accountIds: string[]): Promise<Map<string, string | null>> {
  const ids = [...new Set(accountIds)];
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('account').select(['id', 'display_name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** The oldest admin account (the demo seeds act as it), undefined when there is none. */
export async function oldestAdmin(db: Executor): Promise<Pick<AccountTable, 'id' | 'email'> | undefined> {
  return db.selectFrom('account').select(['id', 'email']).where('kind', '=', 'staff').where('role', '=', 'admin').orderBy('created_at').executeTakeFirst();
}
