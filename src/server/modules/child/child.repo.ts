import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { familiesByGuardianWord } from '../family/family.service.js';
import type { ChildAuthorizationTable, ChildContactTable, ChildHistoryTable, ChildHouseholdTable, ChildPickupTable, ChildTable } from './child.tables.js';
import { forUpdate } from '../../db/write.js';
import { escapeLike } from '../../db/text-fold.js';

type Executor = Kysely<DB> | Transaction<DB>;
export type ChildRow = ChildTable;
export type ContactRow = ChildContactTable;
export type PickupRow = ChildPickupTable;
export type AuthorizationRow = ChildAuthorizationTable;
export type HouseholdRow = ChildHouseholdTable;
export type HistoryRow = Omit<ChildHistoryTable, 'id'> & { id: number };

/** `forUpdate`: on PostgreSQL, holds the row until the transaction ends (two saves of one child run one after the other). */
/** Several children's rows, by id (one query). */
export function childrenByIds(db: Executor, childIds: string[]): Promise<ChildRow[]> {
  if (!childIds.length) return Promise.resolve([]);
  return db.selectFrom('child').selectAll().where('id', 'in', [...new Set(childIds)]).execute();
}

export async function findChild(db: Executor, childId: string, o: { forUpdate?: boolean } = {}): Promise<ChildRow | undefined> {
  let q = db.selectFrom('child').selectAll().where('id', '=', childId);
  if (o.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** The children of a household (through `child_household`), youngest last. */
export async function childrenOf(db: Executor, familyId: string): Promise<ChildRow[]> {
  return db
    .selectFrom('child')
    .selectAll('child')
    .where('child.id', 'in', (eb) => eb.selectFrom('child_household').select('child_id').where('family_id', '=', familyId))
    .orderBy('child.birth_date')
    .orderBy('child.first_name')
    .execute();
}

// ---------- households (issue 11) ----------

/** A child's households, oldest link first. */
export function householdsOf(db: Executor, childId: string): Promise<HouseholdRow[]> {
  return db.selectFrom('child_household').selectAll().where('child_id', '=', childId).orderBy('linked_at').orderBy('family_id').execute();
}

/** The links of these children that have two households (billing: whose custody covers a day). */
export function sharedHouseholdsOf(db: Executor, childIds: string[]): Promise<HouseholdRow[]> {
  return db
    .selectFrom('child_household')
    .selectAll()
    .where('child_id', 'in', childIds)
    .where((eb) => eb.exists(eb.selectFrom('child_household as o').select('o.child_id').whereRef('o.child_id', '=', 'child_household.child_id').whereRef('o.family_id', '<>', 'child_household.family_id')))
    .orderBy('child_id')
    .orderBy('family_id')
    .execute();
}

/** The link of a child to one household, if any. */
export function householdOf(db: Executor, childId: string, familyId: string): Promise<HouseholdRow | undefined> {
  return db.selectFrom('child_household').selectAll().where('child_id', '=', childId).where('family_id', '=', familyId).executeTakeFirst();
}

/**
 * Locks a child's link rows in family order (PostgreSQL FOR UPDATE; SQLite's BEGIN IMMEDIATE holds the one lock):
 * two households booking the shared child, a custody change and a link/unlink run one after the other.
 */
/**
 * PostgreSQL only: a query (to embed as a CTE in one statement) that share-locks the child's household links and
 * returns their families — see child.service.soleHouseholdGuard.
 */
export function shareLockHouseholdsSql(childId: string) {
  return sql<{ family_id: string }>`select family_id from child_household where child_id = ${childId} order by family_id for share`;
}

export function lockHouseholds(db: Executor, childId: string): Promise<HouseholdRow[]> {
  return forUpdate(db, db.selectFrom('child_household').selectAll().where('child_id', '=', childId).orderBy('family_id')).execute();
}

/** The child with this household's link and the number of its households, or undefined when not of this household. */
export async function childOfHousehold(
  db: Executor,
  childId: string,
  familyId: string,
): Promise<{ child: ChildRow; link: HouseholdRow; households: number } | undefined> {
  const row = await db
    .selectFrom('child')
    .innerJoin('child_household as h', (j) => j.onRef('h.child_id', '=', 'child.id').on('h.family_id', '=', familyId))
    .selectAll('child')
    .select([
      'h.custody_kind',
      'h.custody_anchor',
      'h.custody_weekdays',
      'h.linked_at',
      'h.linked_by',
      'h.sees_other',
      (eb) => eb.selectFrom('child_household as h2').select((e) => e.fn.countAll<number>().as('n')).whereRef('h2.child_id', '=', 'child.id').as('households'),
    ])
    .where('child.id', '=', childId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { custody_kind, custody_anchor, custody_weekdays, linked_at, linked_by, sees_other, households, ...child } = row;
  return {
    child: child as ChildRow,
    link: { child_id: childId, family_id: familyId, custody_kind, custody_anchor, custody_weekdays, linked_at, linked_by, sees_other },
    households: Number(households ?? 1),
  };
}

export async function insertHousehold(db: Executor, row: HouseholdRow): Promise<void> {
  await db.insertInto('child_household').values(row).execute();
}

/** Removes a link; returns whether it existed (conditional: a second unlink finds nothing). */
export async function deleteHousehold(db: Executor, childId: string, familyId: string): Promise<boolean> {
  const r = await db.deleteFrom('child_household').where('child_id', '=', childId).where('family_id', '=', familyId).executeTakeFirst();
  return Number(r.numDeletedRows ?? 0) > 0;
}

export async function setCustody(
  db: Executor,
  childId: string,
  familyId: string,
  v: Partial<Pick<HouseholdRow, 'custody_kind' | 'custody_anchor' | 'custody_weekdays' | 'sees_other'>>,
): Promise<void> {
  await db.updateTable('child_household').set(v).where('child_id', '=', childId).where('family_id', '=', familyId).execute();
}

/** The child's first household (child.family_id) moves to another one (its first was unlinked or closed). */
export async function setFirstHousehold(db: Executor, childId: string, familyId: string): Promise<void> {
  await db.updateTable('child').set({ family_id: familyId }).where('id', '=', childId).execute();
}

/** Removes one household's own contacts and pick-up persons of a child (unlink, closure). */
export async function deletePeopleOfHousehold(db: Executor, childIds: string[], familyId: string): Promise<number> {
  if (!childIds.length) return 0;
  const a = await db.deleteFrom('child_pickup').where('child_id', 'in', childIds).where('family_id', '=', familyId).executeTakeFirst();
  const b = await db.deleteFrom('child_contact').where('child_id', 'in', childIds).where('family_id', '=', familyId).executeTakeFirst();
  return Number(a.numDeletedRows ?? 0) + Number(b.numDeletedRows ?? 0);
}

export async function insertChild(db: Executor, row: ChildRow): Promise<void> {
  await db.insertInto('child').values(row).execute();
}

export async function updateChild(db: Executor, id: string, values: Omit<ChildRow, 'id' | 'family_id' | 'created_at'>): Promise<void> {
  await db.updateTable('child').set(values).where('id', '=', id).execute();
}

/** A child's contacts: one household's own (familyId), or every household's for staff (null). */
export async function contactsOf(db: Executor, childId: string, familyId: string | null): Promise<ContactRow[]> {
  let q = db.selectFrom('child_contact').selectAll().where('child_id', '=', childId);
  if (familyId !== null) q = q.where('family_id', '=', familyId);
  return q.orderBy('family_id').orderBy('position').execute();
}

/** A child's pick-up persons: one household's own (familyId), or every household's for staff (null). */
export async function pickupsOf(db: Executor, childId: string, familyId: string | null): Promise<PickupRow[]> {
  let q = db.selectFrom('child_pickup').selectAll().where('child_id', '=', childId);
  if (familyId !== null) q = q.where('family_id', '=', familyId);
  return q.orderBy('family_id').orderBy('position').execute();
}

/** The pick-up persons of several children, every household's (issue 15: the agent's day lists). */
export async function pickupsOfChildren(db: Executor, childIds: string[]): Promise<PickupRow[]> {
  if (!childIds.length) return [];
  return db.selectFrom('child_pickup').selectAll().where('child_id', 'in', childIds).orderBy('child_id').orderBy('family_id').orderBy('position').execute();
}

export async function authorizationsOf(db: Executor, childId: string): Promise<AuthorizationRow[]> {
  return db.selectFrom('child_authorization').selectAll().where('child_id', '=', childId).execute();
}

/**
 * Replaces the contacts and pick-up persons of a child: pick-ups go first (they may point to a contact being
 * removed), contacts are updated in place (ids kept), added or removed, then pick-ups are written again.
 */
export async function replacePeople(db: Executor, childId: string, familyId: string, contacts: ContactRow[], pickups: PickupRow[]): Promise<void> {
  // one household's own: the other household's contacts and pick-up persons are never touched
  await db.deleteFrom('child_pickup').where('child_id', '=', childId).where('family_id', '=', familyId).execute();
  const keep = contacts.map((c) => c.id);
  let del = db.deleteFrom('child_contact').where('child_id', '=', childId).where('family_id', '=', familyId);
  if (keep.length) del = del.where('id', 'not in', keep);
  await del.execute();
  for (const c of contacts) {
    const { id, child_id: _c, family_id: _f, ...values } = c;
    await db
      .insertInto('child_contact')
      .values(c)
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
  }
  if (pickups.length) await db.insertInto('child_pickup').values(pickups).execute();
}

/** Writes the answers to the given authorizations (others, e.g. removed items, are left as they were). */
export async function replaceAuthorizations(db: Executor, childId: string, itemIds: string[], rows: AuthorizationRow[]): Promise<void> {
  if (itemIds.length) await db.deleteFrom('child_authorization').where('child_id', '=', childId).where('item_id', 'in', itemIds).execute();
  if (rows.length) await db.insertInto('child_authorization').values(rows).execute();
}

export async function insertHistory(db: Executor, rows: Omit<ChildHistoryTable, 'id'>[]): Promise<void> {
  // In chunks: one statement per row would be slow, a single huge one may pass SQLite's variable limit.
  for (let i = 0; i < rows.length; i += 50) await db.insertInto('child_history').values(rows.slice(i, i + 50)).execute();
}

export async function historyOf(db: Executor, childId: string, limit = 1000): Promise<HistoryRow[]> {
  return db.selectFrom('child_history').selectAll().where('child_id', '=', childId).orderBy('id', 'desc').limit(limit).execute();
}

/**
 * Children by words (each must appear in the child's folded names or, through `guardianWord`, in a name of one of its
 * family's guardians), birth date or family; by name.
 */
export async function searchChildren(
  db: Executor,
  s: { words: string[]; birthDate?: string; familyId?: string; limit: number },
  guardianWord: (foldedWord: string) => ReturnType<typeof familiesByGuardianWord>,
): Promise<ChildRow[]> {
  let q = db.selectFrom('child').selectAll('child');
  // a word has no space, so matching it in each name is matching it in all the names put end to end
  for (const w of s.words)
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`child.search_key like ${`%${escapeLike(w)}%`} escape '\\'`,
        eb('child.id', 'in', eb.selectFrom('child_household').select('child_id').where('family_id', 'in', guardianWord(w))),
      ]),
    );
  if (s.birthDate) q = q.where('child.birth_date', '=', s.birthDate);
  if (s.familyId) q = q.where('child.id', 'in', (eb) => eb.selectFrom('child_household').select('child_id').where('family_id', '=', s.familyId!));
  return q.orderBy(sql`lower(child.last_name)`).orderBy(sql`lower(child.first_name)`).orderBy('child.id').limit(s.limit).execute();
}

/** A family's children's names, youngest last (by birth date, then id). */
export function namesOfFamily(db: Executor, familyId: string): Promise<{ id: string; first_name: string; last_name: string }[]> {
  return db
    .selectFrom('child')
    .select(['id', 'first_name', 'last_name'])
    .where('id', 'in', (eb) => eb.selectFrom('child_household').select('child_id').where('family_id', '=', familyId))
    .orderBy('birth_date')
    .orderBy('id')
    .execute();
}

/**
 * The children of these households, for invoicing: identity only, no health data (by birth date, then id). A child
 * shared by two of them comes once per household, `family_id` being the household.
 */
export function childrenOfFamilies(db: Executor, familyIds: string[]): Promise<Pick<ChildRow, 'id' | 'family_id' | 'first_name' | 'last_name' | 'birth_date'>[]> {
  if (!familyIds.length) return Promise.resolve([]);
  return db
    .selectFrom('child')
    .innerJoin('child_household as h', 'h.child_id', 'child.id')
    .select(['child.id', 'h.family_id', 'child.first_name', 'child.last_name', 'child.birth_date'])
    .where('h.family_id', 'in', familyIds)
    .orderBy('child.birth_date')
    .orderBy('child.id')
    .orderBy('h.family_id')
    .execute();
}

/** The first households of these children (child.family_id), without duplicates. */
export async function familyIdsOfChildren(db: Executor, childIds: string[]): Promise<string[]> {
  if (!childIds.length) return [];
  // every household of each child (issue 11): a presence without a booking may be billed to either one
  return (await db.selectFrom('child_household').select('family_id').distinct().where('child_id', 'in', childIds).execute()).map((c) => c.family_id);
}

/** First and last names of these children, by id (one query). */
export async function childNames(db: Executor, childIds: string[]): Promise<Map<string, { first_name: string; last_name: string }>> {
  const ids = [...new Set(childIds)];
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('child').select(['id', 'first_name', 'last_name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, { first_name: r.first_name, last_name: r.last_name }]));
}

export function firstHouseholdsOf(db: Executor, childIds: string[]): Promise<{ id: string; family_id: string }[]> {
  if (!childIds.length) return Promise.resolve([]);
  return db.selectFrom('child').select(['id', 'family_id']).where('id', 'in', childIds).execute();
}
