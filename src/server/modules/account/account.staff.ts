import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { DialectName } from '../../db/database.js';
import type { AccountTable } from './account.tables.js';
import { affected, forUpdate } from '../../db/write.js';

type Executor = Kysely<DB> | Transaction<DB>;

// The account table as the staff module needs it: pending family accounts decided by agents, and staff accounts
// managed by admins (staff/staff.service.ts). The account module owns the table, so these queries live here.

export type AccountRow = Selectable<
  Pick<AccountTable, 'id' | 'email' | 'kind' | 'role' | 'status' | 'family_id' | 'display_name' | 'last_login_at' | 'created_at' | 'member_role'>
>;

const ACCOUNT_COLUMNS = [
  'id',
  'email',
  'kind',
  'role',
  'status',
  'family_id',
  'display_name',
  'last_login_at',
  'created_at',
  'member_role', // issue 11: staff decide a family through its holder's account
] as const;

export async function findAccount(db: Executor, accountId: string): Promise<AccountRow | undefined> {
  return db.selectFrom('account').select(ACCOUNT_COLUMNS).where('id', '=', accountId).executeTakeFirst();
}

/** Locks one account's row (after the active admins: updateStaffAccount's order). */
export async function lockAccount(trx: Executor, accountId: string): Promise<void> {
  await forUpdate(trx, trx.selectFrom('account').select('id').where('id', '=', accountId)).executeTakeFirst();
}

export async function emailInUse(db: Executor, email: string): Promise<boolean> {
  const row = await db.selectFrom('account').select('id').where('email', '=', email).executeTakeFirst();
  return Boolean(row);
}

/**
 * Moves a family account out of "pending". Conditional on the status, so two agents deciding at once cannot
 * both succeed: returns false when the account was no longer pending.
 */
export async function decidePendingFamily(
  trx: Executor,
  accountId: string,
  decision:
    | { status: 'active'; validated_at: string; validated_by: string; updated_at: string }
    | { status: 'rejected'; rejection_reason: string; updated_at: string },
): Promise<boolean> {
  const res = await trx
    .updateTable('account')
    .set(decision)
    .where('id', '=', accountId)
    .where('kind', '=', 'family')
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return affected(res) === 1;
}

export async function listStaffAccounts(db: Executor): Promise<AccountRow[]> {
  return db
    .selectFrom('account')
    .select(ACCOUNT_COLUMNS)
    .where('kind', '=', 'staff')
    .orderBy('status')
    .orderBy('display_name')
    .orderBy('email')
    .execute();
}

export async function insertStaffAccount(
  trx: Executor,
  a: { id: string; email: string; passwordHash: string; displayName: string; role: 'admin' | 'agent'; now: string; by: string },
): Promise<void> {
  await trx
    .insertInto('account')
    .values({
      id: a.id,
      email: a.email,
      password_hash: a.passwordHash,
      kind: 'staff',
      role: a.role,
      status: 'active',
      family_id: null,
      display_name: a.displayName,
      rejection_reason: null,
      validated_at: a.now,
      validated_by: a.by,
      password_changed_at: null,
      last_login_at: null,
      created_at: a.now,
      updated_at: a.now,
    })
    .execute();
}

export async function updateStaffAccount(
  trx: Executor,
  accountId: string,
  values: { role?: 'admin' | 'agent'; status?: 'active' | 'disabled'; updated_at: string },
): Promise<void> {
  await trx.updateTable('account').set(values).where('id', '=', accountId).where('kind', '=', 'staff').execute();
}

/**
 * The active admins' ids. On PostgreSQL the rows are locked until the transaction ends, so two admins demoting
 * each other at the same moment are serialized and cannot leave the portal without an admin (SQLite already
 * serializes writers).
 */
export async function lockActiveAdmins(trx: Executor, dialect: DialectName): Promise<string[]> {
  let q = trx
    .selectFrom('account')
    .select('id')
    .where('kind', '=', 'staff')
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .orderBy('id'); // one order for every caller: two transactions cannot deadlock on these locks
  if (dialect === 'postgres') q = q.forUpdate();
  return (await q.execute()).map((r) => r.id);
}
