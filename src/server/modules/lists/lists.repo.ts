import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ListKind } from '../../../shared/child-contracts.js';
import type { ReferenceItemTable } from './lists.tables.js';

type Executor = Kysely<DB> | Transaction<DB>;
export type ItemRow = ReferenceItemTable;

/** Items of some lists in the staff's order; removed (archived) items only when asked. */
export async function listItems(
  db: Executor,
  o: { kinds?: ListKind[]; activeOnly?: boolean; withArchived?: boolean } = {},
): Promise<ItemRow[]> {
  let q = db.selectFrom('reference_item').selectAll();
  if (o.kinds) q = q.where('kind', 'in', o.kinds);
  if (o.activeOnly) q = q.where('active', '=', 1);
  if (!o.withArchived) q = q.where('archived_at', 'is', null);
  return q.orderBy('kind').orderBy('position').orderBy('created_at').orderBy('id').execute();
}

export async function findItem(db: Executor, kind: ListKind, id: string): Promise<ItemRow | undefined> {
  return db.selectFrom('reference_item').selectAll().where('kind', '=', kind).where('id', '=', id).executeTakeFirst();
}

export async function nextPosition(db: Executor, kind: ListKind): Promise<number> {
  const row = await db
    .selectFrom('reference_item')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('kind', '=', kind)
    .executeTakeFirst();
  return Number(row?.p ?? 0) + 1;
}

export async function insertItem(db: Executor, row: ItemRow): Promise<void> {
  await db.insertInto('reference_item').values(row).execute();
}

export async function updateItem(
  db: Executor,
  id: string,
  values: Partial<Pick<ItemRow, 'label' | 'description' | 'active' | 'position' | 'archived_at' | 'updated_at'>>,
): Promise<void> {
  await db.updateTable('reference_item').set(values).where('id', '=', id).execute();
}
