import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../context.js';
import {
  LIST_KINDS,
  type ListItem,
  type ListKind,
  type ReferenceLists,
} from '../../../shared/child-contracts.js';
import { isoNow } from '../../clock.js';
import { isUniqueViolation } from '../../db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import { recordAudit, type Actor } from '../audit/audit.service.js';
import { affected, forUpdate, writeTransaction } from '../../db/write.js';
import * as repo from './lists.repo.js';

type Executor = Kysely<DB> | Transaction<DB>;
export type ReferenceItem = repo.ItemRow;

function toItem(r: repo.ItemRow): ListItem {
  return { id: r.id, kind: r.kind, label: r.label, description: r.description, position: r.position, active: r.active === 1 };
}

function grouped(rows: repo.ItemRow[]): ReferenceLists {
  const out = Object.fromEntries(LIST_KINDS.map((k) => [k, [] as ListItem[]])) as ReferenceLists;
  for (const r of rows) out[r.kind].push(toItem(r));
  return out;
}

/** The lists as families see them: active items only, in the staff's order. */
export async function activeLists(ctx: AppContext): Promise<ReferenceLists> {
  return grouped(await repo.listItems(ctx.db, { activeOnly: true }));
}

/** The lists as admins manage them: active and deactivated items (removed ones are gone from view). */
export async function managedLists(ctx: AppContext): Promise<ReferenceLists> {
  return grouped(await repo.listItems(ctx.db));
}

/** Every item of the given lists, removed ones included: the child module resolves answers against them. */
export async function itemsOf(db: Executor, kinds: ListKind[]): Promise<ReferenceItem[]> {
  return repo.listItems(db, { kinds, withArchived: true });
}

export function isOffered(item: ReferenceItem): boolean {
  return item.active === 1 && item.archived_at === null;
}

/** Whole-list decisions: SERIALIZABLE, retried up to 10 times (each round of conflicting admins lets one through). */
const LIST_SERIALIZABLE = { serializable: true, attempts: 10 } as const;

const labelTaken = () => new ValidationError([{ path: 'label', code: 'list.label_taken' }]);

/** The item, locked until the transaction ends (PostgreSQL; SQLite serializes writers): 404 once removed. */
async function lockedLiveItem(trx: Executor, kind: ListKind, id: string): Promise<repo.ItemRow> {
  const item = await forUpdate(trx, trx.selectFrom('reference_item').selectAll().where('kind', '=', kind).where('id', '=', id)).executeTakeFirst();
  if (!item || item.archived_at) throw new NotFoundError();
  return item;
}

/** Adds an item at the end of a list. Two items of a list never share a label (case ignored). */
export async function addItem(
  ctx: AppContext,
  actor: Actor,
  kind: ListKind,
  input: { label: string; description: string | null },
): Promise<ListItem> {
  const now = isoNow(ctx.clock);
  const id = randomUUID();
  // Write discipline: SERIALIZABLE with retry. The new position is max(position) + 1 over the whole list — a decision
  // over many rows (none to lock in an empty list): two adds at once, or an add racing a reorder, would otherwise
  // share a position. A label taken meanwhile: the unique index decides (400 « list.label_taken »).
  try {
    return await writeTransaction(ctx, async (trx) => {
      const row: repo.ItemRow = {
        id,
        kind,
        label: input.label,
        description: input.description,
        position: await repo.nextPosition(trx, kind),
        active: 1,
        archived_at: null,
        created_at: now,
        updated_at: now,
      };
      await repo.insertItem(trx, row);
      await recordAudit(trx, ctx.clock, actor, { action: 'list.item_added', targetType: `list:${kind}`, targetId: id, details: { label: input.label } });
      return toItem(row);
    }, LIST_SERIALIZABLE);
  } catch (err) {
    if (isUniqueViolation(err)) throw labelTaken();
    throw err;
  }
}

/**
 * Renames, describes, deactivates or reactivates an item. A deactivated item is no longer offered to families;
 * children who answered it keep their answer (with the label they had).
 */
export async function updateItem(
  ctx: AppContext,
  actor: Actor,
  kind: ListKind,
  id: string,
  patch: { label?: string; description?: string | null; active?: boolean },
): Promise<ListItem> {
  const now = isoNow(ctx.clock);
  // Write discipline: lock what you read — the item's row (lockedLiveItem), so a rename racing a removal or another
  // rename runs after it: the audit line says what really changed, and a removed item is never renamed (404).
  try {
    return await writeTransaction(ctx, async (trx) => {
      const item = await lockedLiveItem(trx, kind, id);
      const values: Parameters<typeof repo.updateItem>[2] = { updated_at: now };
      const changes: Record<string, unknown> = {};
      if (patch.label !== undefined && patch.label !== item.label) changes.label = { from: item.label, to: (values.label = patch.label) };
      if (patch.description !== undefined && patch.description !== item.description) changes.description = true;
      if (patch.description !== undefined) values.description = patch.description;
      if (patch.active !== undefined && (patch.active ? 1 : 0) !== item.active)
        changes.active = { from: item.active === 1, to: patch.active };
      if (patch.active !== undefined) values.active = patch.active ? 1 : 0;
      if (!Object.keys(changes).length) return toItem(item);
      await repo.updateItem(trx, id, values);
      await recordAudit(trx, ctx.clock, actor, { action: 'list.item_updated', targetType: `list:${kind}`, targetId: id, details: changes });
      return toItem((await repo.findItem(trx, kind, id))!);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw labelTaken();
    throw err;
  }
}

/** Puts a list in the given order; `ids` must be exactly the list's current (non-removed) items. */
export async function reorder(ctx: AppContext, actor: Actor, kind: ListKind, ids: string[]): Promise<ListItem[]> {
  const now = isoNow(ctx.clock);
  // Write discipline: SERIALIZABLE with retry — the check « exactly the list's current items » is over the whole list,
  // and an item added at the same moment must not end up sharing a position (409 « list.order_mismatch » once it
  // shows: the page reloads the list).
  return writeTransaction(ctx, async (trx) => {
    const current = await repo.listItems(trx, { kinds: [kind] });
    const known = new Set(current.map((r) => r.id));
    if (ids.length !== known.size || new Set(ids).size !== ids.length || ids.some((i) => !known.has(i)))
      throw new ConflictError('list.order_mismatch');
    for (const [i, id] of ids.entries()) await repo.updateItem(trx, id, { position: i + 1, updated_at: now });
    await recordAudit(trx, ctx.clock, actor, { action: 'list.reordered', targetType: `list:${kind}` });
    return (await repo.listItems(trx, { kinds: [kind] })).map(toItem);
  }, LIST_SERIALIZABLE);
}

/**
 * Removes an item from a list. It is archived, never erased: the answers that name it keep pointing to a row
 * with the label they were given, and its label becomes free for a new item.
 */
export async function removeItem(ctx: AppContext, actor: Actor, kind: ListKind, id: string): Promise<void> {
  const now = isoNow(ctx.clock);
  // Write discipline: lock what you read (the item's row), then a conditional write `… WHERE archived_at IS NULL`
  // whose rows are checked: of two removals at once one archives the item, the other answers 404 as for an item
  // removed earlier; one audit line, with the label the item had when it was removed.
  await writeTransaction(ctx, async (trx) => {
    const item = await lockedLiveItem(trx, kind, id);
    const archived = await trx
      .updateTable('reference_item')
      .set({ archived_at: now, active: 0, updated_at: now })
      .where('id', '=', id)
      .where('archived_at', 'is', null)
      .executeTakeFirst();
    if (affected(archived) !== 1) throw new NotFoundError();
    await recordAudit(trx, ctx.clock, actor, { action: 'list.item_removed', targetType: `list:${kind}`, targetId: id, details: { label: item.label } });
  });
}
