import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { FcIdentityTable, FcLoginTable, FcRegistrationTable } from './franceconnect.tables.js';

type Executor = Kysely<DB> | Transaction<DB>;

export type FcIdentityRow = Selectable<FcIdentityTable>;
export type FcLoginRow = Selectable<FcLoginTable>;
export type FcRegistrationRow = Selectable<FcRegistrationTable>;

export async function insertLogin(db: Executor, row: FcLoginRow): Promise<void> {
  await db.insertInto('fc_login').values(row).execute();
}

/**
 * Claims an attempt: `UPDATE … SET used_at WHERE id AND used_at IS NULL AND expires_at > now RETURNING *`. Of two
 * callbacks with the same state at once, one gets the row, the other nothing.
 */
export async function claimLogin(db: Executor, id: string, purposes: FcLoginRow['purpose'][], now: string): Promise<FcLoginRow | undefined> {
  return db
    .updateTable('fc_login')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .where('purpose', 'in', purposes)
    .returningAll()
    .executeTakeFirst();
}

export async function findLogin(db: Executor, id: string): Promise<FcLoginRow | undefined> {
  return db.selectFrom('fc_login').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function identityBySub(db: Executor, sub: string): Promise<FcIdentityRow | undefined> {
  return db.selectFrom('fc_identity').selectAll().where('sub', '=', sub).executeTakeFirst();
}

export async function identityOfAccount(db: Executor, accountId: string): Promise<FcIdentityRow | undefined> {
  return db.selectFrom('fc_identity').selectAll().where('account_id', '=', accountId).executeTakeFirst();
}

export async function identitiesOfFamily(db: Executor, familyId: string): Promise<FcIdentityRow[]> {
  return db.selectFrom('fc_identity').selectAll().where('family_id', '=', familyId).orderBy('linked_at').execute();
}

export async function insertIdentity(db: Executor, row: FcIdentityRow): Promise<void> {
  await db.insertInto('fc_identity').values(row).execute();
}

export async function refreshIdentity(
  db: Executor,
  accountId: string,
  v: Pick<FcIdentityRow, 'given_name' | 'family_name' | 'birthdate' | 'email' | 'last_login_at'>,
): Promise<void> {
  await db.updateTable('fc_identity').set(v).where('account_id', '=', accountId).execute();
}

export async function deleteIdentity(db: Executor, accountId: string): Promise<number> {
  const r = await db.deleteFrom('fc_identity').where('account_id', '=', accountId).executeTakeFirst();
  return Number(r.numDeletedRows ?? 0);
}

export async function insertRegistration(db: Executor, row: FcRegistrationRow): Promise<void> {
  await db.insertInto('fc_registration').values(row).execute();
}

export async function liveRegistration(db: Executor, id: string, now: string): Promise<FcRegistrationRow | undefined> {
  return db
    .selectFrom('fc_registration')
    .selectAll()
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/** Single use: `UPDATE … WHERE id AND used_at IS NULL AND expires_at > now`, rows checked by the caller. */
export async function useRegistration(db: Executor, id: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('fc_registration')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows ?? 0) === 1;
}

/** Keeps the ID token of a portal session (a second link from the same session replaces it). */
export async function keepSessionToken(
  db: Executor,
  row: { session_id: string; account_id: string; id_token: string; created_at: string; expires_at: string },
): Promise<void> {
  await db
    .insertInto('fc_session')
    .values(row)
    .onConflict((oc) => oc.column('session_id').doUpdateSet({ id_token: row.id_token, account_id: row.account_id, expires_at: row.expires_at }))
    .execute();
}

/** Takes (and forgets) the ID token of a session being closed: one sign-out at FranceConnect per session. */
export async function takeSessionToken(db: Executor, sessionId: string): Promise<string | undefined> {
  const row = await db.deleteFrom('fc_session').where('session_id', '=', sessionId).returning('id_token').executeTakeFirst();
  return row?.id_token;
}

/**
 * Forgets session tokens past their session's longest life, and attempts and registrations expired before `keepAfter`
 * (kept a while after their expiry, so that a late callback is told « expired » rather than « unknown »).
 */
export async function purgeExpired(db: Executor, now: string, keepAfter: string): Promise<void> {
  await db.deleteFrom('fc_login').where('expires_at', '<=', keepAfter).execute();
  await db.deleteFrom('fc_registration').where('expires_at', '<=', keepAfter).execute();
  await db.deleteFrom('fc_session').where('expires_at', '<=', now).execute();
}
