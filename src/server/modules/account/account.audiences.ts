import type { Executor } from '../../db/write.js';

/**
 * The account module's answers to the messaging module (issue 14, docs/messages.md): which families can be written
 * to (an active login) and the staff agents a thread can be assigned to.
 */

/** Families whose holder's login is active (« toutes les familles » of an announcement). */
export async function activeFamilyIds(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('account')
    .select('family_id')
    .where('kind', '=', 'family')
    .where('member_role', '=', 'holder')
    .where('status', '=', 'active')
    .where('family_id', 'is not', null)
    .orderBy('family_id')
    .execute();
  return [...new Set(rows.map((r) => r.family_id!))];
}

/** Active staff accounts, for the inbox's assignment (id and a name to show). */
export async function activeStaff(db: Executor): Promise<{ id: string; name: string }[]> {
  const rows = await db
    .selectFrom('account')
    .select(['id', 'display_name', 'email'])
    .where('kind', '=', 'staff')
    .where('status', '=', 'active')
    .orderBy('display_name')
    .orderBy('email')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name ?? r.email }));
}

/** Whether an account is an active staff member (an assignment names one). */
export async function isActiveStaff(db: Executor, accountId: string): Promise<boolean> {
  const r = await db.selectFrom('account').select('id').where('id', '=', accountId).where('kind', '=', 'staff').where('status', '=', 'active').executeTakeFirst();
  return Boolean(r);
}
