import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { escapeLike, foldSql } from '../../db/text-fold.js';
import { forUpdate } from '../../db/write.js';
import { familiesByLoginEmailWord, familyLoginsSubquery, type FamilyLogin } from '../account/account.logins.js';
import type { DB } from '../../db/schema.js';
import type { FamilyTable, GuardianTable } from './family.tables.js';

type Executor = Kysely<DB> | Transaction<DB>;

export type FamilyRow = FamilyTable;
export type GuardianRow = GuardianTable;

export async function findFamily(db: Executor, familyId: string): Promise<FamilyRow | undefined> {
  return db.selectFrom('family').selectAll().where('id', '=', familyId).executeTakeFirst();
}

export async function findGuardians(db: Executor, familyId: string): Promise<GuardianRow[]> {
  return db.selectFrom('guardian').selectAll().where('family_id', '=', familyId).orderBy('rank').execute();
}

export type FamilyValues = Omit<FamilyTable, 'id' | 'created_at' | 'terms_accepted_at'>;

export async function updateFamily(trx: Executor, familyId: string, values: FamilyValues): Promise<void> {
  await trx.updateTable('family').set(values).where('id', '=', familyId).execute();
}

export type GuardianValues = Omit<GuardianTable, 'id' | 'family_id' | 'rank'>;

/** Inserts the guardian of that rank, or updates it in place (its id is kept). */
export async function upsertGuardian(trx: Executor, familyId: string, rank: 1 | 2, values: GuardianValues): Promise<void> {
  await trx
    .insertInto('guardian')
    .values({ id: randomUUID(), family_id: familyId, rank, ...values })
    .onConflict((oc) => oc.columns(['family_id', 'rank']).doUpdateSet(values))
    .execute();
}

export async function insertFamily(trx: Executor, family: FamilyRow): Promise<void> {
  await trx.insertInto('family').values(family).execute();
}

export async function insertGuardian(trx: Executor, guardian: GuardianRow): Promise<void> {
  await trx.insertInto('guardian').values(guardian).execute();
}

/** Guardian 1's contact e-mail follows the login when it was the same address. */
export async function replaceGuardian1Email(trx: Executor, familyId: string, oldEmail: string, newEmail: string): Promise<void> {
  await trx
    .updateTable('guardian')
    .set({ email: newEmail })
    .where('family_id', '=', familyId)
    .where('rank', '=', 1)
    .where('email', '=', oldEmail)
    .execute();
}

export async function deleteGuardian(trx: Executor, familyId: string, rank: 1 | 2): Promise<void> {
  await trx.deleteFrom('guardian').where('family_id', '=', familyId).where('rank', '=', rank).execute();
}

// ---------- back-office lists ----------

export interface FamilySummaryRow {
  family_id: string;
  account_id: string;
  email: string;
  status: FamilyLogin['status'];
  g1_last_name: string | null;
  g1_first_name: string | null;
  g1_mobile_phone: string | null;
  g1_home_phone: string | null;
  postal_code: string | null;
  city: string | null;
  created_at: string;
}

function summaries(db: Executor) {
  return db
    .selectFrom('family')
    .innerJoin(familyLoginsSubquery(db).as('account'), 'account.family_id', 'family.id')
    .leftJoin('guardian as g1', (j) => j.onRef('g1.family_id', '=', 'family.id').on('g1.rank', '=', 1))
    .leftJoin('guardian as g2', (j) => j.onRef('g2.family_id', '=', 'family.id').on('g2.rank', '=', 2))
    .select([
      'family.id as family_id',
      'account.id as account_id',
      'account.email',
      'account.status',
      'g1.last_name as g1_last_name',
      'g1.first_name as g1_first_name',
      'g1.mobile_phone as g1_mobile_phone',
      'g1.home_phone as g1_home_phone',
      'family.postal_code',
      'family.city',
      'account.created_at',
    ]);
}

/** Family accounts awaiting validation, oldest request first. */
export async function listPendingFamilies(db: Executor, limit = 500): Promise<FamilySummaryRow[]> {
  return summaries(db)
    .where('account.status', '=', 'pending')
    .orderBy('account.created_at')
    .orderBy('account.id')
    .limit(limit)
    .execute();
}

export interface FamilySearch {
  /** words, already folded: each must appear in a guardian's name or the login e-mail */
  words: string[];
  postalCodePrefix?: string;
  status?: FamilyLogin['status'];
  limit: number;
}

export async function searchFamilies(db: Executor, s: FamilySearch): Promise<FamilySummaryRow[]> {
  let q = summaries(db);
  if (s.words.length) {
    // One haystack per family, so a word may match any of the names or the e-mail.
    const haystack = foldSql(
      sql<string>`' ' || coalesce(g1.last_name, '') || ' ' || coalesce(g1.first_name, '') || ' ' || coalesce(g2.last_name, '') || ' ' || coalesce(g2.first_name, '') || ' ' || account.email`,
    );
    // (or any member login's e-mail, issue 11: a second guardian's own address finds the family)
    for (const w of s.words) q = q.where((eb) => eb.or([sql<boolean>`${haystack} like ${`%${escapeLike(w)}%`} escape '\\'`, eb('family.id', 'in', familiesByLoginEmailWord(db, w))]));
  }
  if (s.postalCodePrefix) q = q.where(sql<boolean>`family.postal_code like ${`${escapeLike(s.postalCodePrefix)}%`} escape '\\'`);
  if (s.status) q = q.where('account.status', '=', s.status);
  return q
    .orderBy(sql`lower(g1.last_name)`)
    .orderBy(sql`lower(g1.first_name)`)
    .orderBy('account.created_at')
    .limit(s.limit)
    .execute();
}

/**
 * The ids of the families one of whose guardians (1 or 2) has this word, already folded, in a name: a subquery other
 * modules put in their search (`family_id in (…)`), so a search word may match a child's or a guardian's name.
 */
export function familiesByGuardianWord(db: Executor, foldedWord: string) {
  const pattern = `%${escapeLike(foldedWord)}%`;
  return db
    .selectFrom('guardian')
    .select('guardian.family_id')
    .where('guardian.rank', 'in', [1, 2])
    .where((eb) =>
      eb.or([
        sql<boolean>`${foldSql(sql<string>`guardian.last_name`)} like ${pattern} escape '\\'`,
        sql<boolean>`${foldSql(sql<string>`guardian.first_name`)} like ${pattern} escape '\\'`,
      ]),
    );
}

/** Locks the family row (the first lock of every write to a family's data); false when there is no such family. */
export async function lockFamilyRow(trx: Executor, familyId: string): Promise<boolean> {
  return (await forUpdate(trx, trx.selectFrom('family').select('id').where('id', '=', familyId)).executeTakeFirst()) !== undefined;
}

/** The families' rows, for invoicing (address, quotient, payer). */
export function familiesById(db: Executor, familyIds: string[]): Promise<FamilyRow[]> {
  if (!familyIds.length) return Promise.resolve([]);
  return db.selectFrom('family').selectAll().where('id', 'in', familyIds).execute();
}

/** The guardians of these families, by family then rank. */
export function guardiansOfFamilies(db: Executor, familyIds: string[]): Promise<GuardianRow[]> {
  if (!familyIds.length) return Promise.resolve([]);
  return db.selectFrom('guardian').selectAll().where('family_id', 'in', familyIds).orderBy('family_id').orderBy('rank').execute();
}

/** Guardian 1 of each of these families (the « first guardian » the staff screens name a family by). */
export async function firstGuardians(db: Executor, familyIds: string[]): Promise<Pick<GuardianRow, 'family_id' | 'first_name' | 'last_name'>[]> {
  if (!familyIds.length) return [];
  return db.selectFrom('guardian').select(['family_id', 'first_name', 'last_name']).where('family_id', 'in', familyIds).where('rank', '=', 1).execute();
}
