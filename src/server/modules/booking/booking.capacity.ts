import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../context.js';
import { isoNow } from '../../clock.js';
import { writeTransaction } from '../../db/write.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import { recordAudit, type Actor } from '../audit/audit.service.js';
import * as catalog from '../catalog/catalog.service.js';
import type { CapacityHooks } from '../catalog/catalog.service.js';
import type { UnitRow } from '../catalog/catalog.service.js';
import * as repo from './booking.repo.js';
import { promoteWaiting, settleWaitingLists } from './booking.waitlist.js';

/**
 * Capacity changes of the booking engine's day counters (unit_day). Shape: lock what you read — the counter rows
 * are locked (FOR UPDATE, day order) before the places taken are compared with the new capacity, so a booking
 * cannot slip in between (which made the CHECK constraint answer 500); the write is also conditional
 * (`booked <= capacity`). A place added goes to the waiting list first, in order, in automatic mode.
 */

/** Sets (or removes, with null) the capacity of one unit on one day. */
export async function setCapacityOverride(ctx: AppContext, actor: Actor, unitId: string, day: string, capacity: number | null): Promise<void> {
  const nowIso = isoNow(ctx.clock);
  const activity = await writeTransaction(ctx, async (trx) => {
    const u = await catalog.findUnit(trx, unitId);
    const a = u && (await catalog.findActivity(trx, u.activity_id));
    if (!u || !a) throw new NotFoundError();
    const [current] = await repo.ensureAndLockUnitDays(trx, [{ unitId, day, capacity: u.default_capacity }]);
    const next = capacity ?? u.default_capacity;
    if ((current && next < current.booked) || !(await repo.setUnitDayCapacity(trx, unitId, day, next, capacity !== null)))
      throw new ValidationError([{ path: 'capacity', code: 'booking.capacity_below_booked' }]);
    const activity = catalog.toActivityConfig(a);
    if (activity.waitlistMode === 'auto') await promoteWaiting(trx, ctx, activity, unitId, day, nowIso);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'catalog.capacity_set',
      targetType: 'unit',
      targetId: unitId,
      details: { day, capacity },
    });
    return activity;
  });
  await settleWaitingLists(ctx, activity, [{ unitId, day }]);
}

/** A unit's new default capacity on its days without override (inside catalog's unit update transaction). */
async function defaultCapacityChanged(trx: Kysely<DB>, ctx: AppContext, unit: UnitRow, capacity: number): Promise<void> {
  const days = await repo.lockUnitDaysOfUnit(trx, unit.id, true);
  if (days.some((d) => d.booked > capacity)) throw new ValidationError([{ path: 'defaultCapacity', code: 'booking.capacity_below_booked' }]);
  await repo.setDefaultCapacityOnDays(trx, unit.id, capacity);
  const a = await catalog.findActivity(trx, unit.activity_id);
  if (a?.waitlist_mode !== 'auto') return;
  const activity = catalog.toActivityConfig(a);
  const nowIso = isoNow(ctx.clock);
  for (const day of await repo.daysWithWaiting(trx, unit.id)) await promoteWaiting(trx, ctx, activity, unit.id, day, nowIso);
}

/** An activity switched to automatic promotion: every place left free while children wait goes to them. */
async function waitlistModeChanged(trx: Kysely<DB>, ctx: AppContext, activityId: string): Promise<void> {
  const a = await catalog.findActivity(trx, activityId);
  if (!a) return;
  const activity = catalog.toActivityConfig(a);
  const nowIso = isoNow(ctx.clock);
  for (const unit of await catalog.listUnits(trx, activityId)) {
    const days = await repo.daysWithWaiting(trx, unit.id);
    if (!days.length) continue;
    await repo.lockUnitDays(trx, days.map((day) => ({ unitId: unit.id, day })));
    for (const day of days) await promoteWaiting(trx, ctx, activity, unit.id, day, nowIso);
  }
}

export const capacityHooks: CapacityHooks = { defaultCapacityChanged, waitlistModeChanged };

/**
 * After a unit's or an activity's change has committed: the places it added go to children who joined a waiting
 * list meanwhile (see settleWaitingLists). Called by the routes once catalog's transaction is over.
 */
export async function settleActivity(ctx: AppContext, activityId: string): Promise<void> {
  const a = await catalog.findActivity(ctx.db, activityId);
  if (!a || a.waitlist_mode !== 'auto') return;
  const cells: { unitId: string; day: string }[] = [];
  for (const unit of await catalog.listUnits(ctx.db, activityId))
    for (const day of await repo.daysWithWaiting(ctx.db, unit.id)) cells.push({ unitId: unit.id, day });
  await settleWaitingLists(ctx, catalog.toActivityConfig(a), cells);
}
