import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../context.js';
import { isoNow } from '../../clock.js';
import { writeTransaction, type Executor } from '../../db/write.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import { recordAudit, type Actor } from '../audit/audit.service.js';
import { enqueueMail } from '../mail/mail.service.js';
import { childNames, findChildRow as findChild } from '../child/child.service.js';
import { firstGuardian } from '../family/family.service.js';
import { familyLogin } from '../account/account.logins.js';
import * as catalog from '../catalog/catalog.service.js';
import type { ActivityConfig } from '../catalog/catalog.service.js';
import type { WaitingEntry } from '../../../shared/booking-contracts.js';
import * as repo from './booking.repo.js';
import { basketDayRemovedIn } from './booking.baskets.js';

/**
 * Freeing places and the waiting list. Every function here that writes runs inside a transaction that already
 * holds the counter row of the unit-day (repo.lockUnitDays) — the booking engine's lock rule — and still writes
 * conditionally (state checked in the WHERE, rows affected checked), so a lost race never frees a place twice,
 * promotes a child twice, or e-mails a family that did not get the place.
 */

/**
 * Deletes a current booking; frees its place when it held one, and promotes the waiting list in the same
 * transaction when the activity promotes automatically. `withdrawnReason` closes its still-pending request line.
 * Returns false (and changes nothing) when the booking was already gone or changed.
 */
export async function removeBooking(
  trx: Executor,
  ctx: AppContext,
  activity: ActivityConfig,
  b: repo.BookingRow,
  nowIso: string,
  withdrawnReason: string | null,
): Promise<boolean> {
  if (!(await repo.deleteBooking(trx, b.id, b.state))) return false;
  // « paiement à la réservation »: a basket's day cancelled is credited (booking.baskets.ts)
  if (b.state === 'accepted') await basketDayRemovedIn(trx, ctx, b.id);
  if (withdrawnReason) await repo.decidePendingLine(trx, b.line_id, { state: 'refused', reason: withdrawnReason, decided_at: nowIso, decided_by: null });
  if (b.state === 'waitlisted') return true;
  await repo.freePlace(trx, b.unit_id, b.day);
  if (activity.waitlistMode === 'auto') await promoteWaiting(trx, ctx, activity, b.unit_id, b.day, nowIso);
  return true;
}

/**
 * After a commit that put children on a waiting list or freed places: gives any place of these unit-days left free
 * while children wait to the waiting list (automatic mode), under the unit-days' lock.
 *
 * Why after the commit: a child goes on a waiting list without the unit-day's lock (a rush of thousands on one
 * full day would otherwise queue on that lock, each holding it through its commit's fsync), so a place freed at the
 * same moment by a transaction that could not yet see that child stays free. Both transactions settle after their
 * own commit; the one that commits last sees the other's work, so no place stays free while a child waits. The
 * check is one cheap read when nothing is due (a full day, or nobody waiting).
 */
export async function settleWaitingLists(ctx: AppContext, activity: ActivityConfig, cells: { unitId: string; day: string }[]): Promise<number> {
  if (activity.waitlistMode !== 'auto' || !cells.length) return 0;
  const due = await repo.freeWhileWaiting(ctx.db, cells);
  if (!due.length) return 0;
  const nowIso = isoNow(ctx.clock);
  return writeTransaction(ctx, async (trx) => {
    await repo.lockUnitDays(trx, due);
    let promoted = 0;
    for (const c of due) promoted += await promoteWaiting(trx, ctx, activity, c.unitId, c.day, nowIso);
    return promoted;
  });
}

/** Gives free places to the waiting list in order (FIFO), e-mailing each promoted family once, through the outbox. */
export async function promoteWaiting(trx: Executor, ctx: AppContext, activity: ActivityConfig, unitId: string, day: string, nowIso: string): Promise<number> {
  let promoted = 0;
  for (;;) {
    const w = await repo.firstWaiting(trx, unitId, day);
    if (!w) return promoted;
    if (!(await repo.takePlace(trx, unitId, day))) return promoted;
    // Under the unit-day lock nobody else changes w; the conditional move is the second guard.
    if (!(await promoteOne(trx, ctx, activity, w, nowIso, null))) throw new ConflictError('booking.not_waitlisted');
    promoted++;
  }
}

/** Where a family's booking mails go (its login) and whom they greet (guardian 1); null without either. */
export async function familyRecipient(db: Executor, familyId: string): Promise<{ email: string; first_name: string } | null> {
  const [login, guardian] = await Promise.all([familyLogin(db, familyId), firstGuardian(db, familyId)]);
  return login && guardian ? { email: login.email, first_name: guardian.firstName } : null;
}

/** Moves one waitlisted booking to accepted (its place already taken) and e-mails the family; false if it moved. */
async function promoteOne(trx: Executor, ctx: AppContext, activity: ActivityConfig, w: repo.BookingRow, nowIso: string, actor: Actor | null): Promise<boolean> {
  if (!(await repo.moveBookingState(trx, w.id, 'waitlisted', 'accepted', nowIso))) return false;
  await repo.promoteLine(trx, w.line_id, { reason: 'booking.promoted', decided_at: nowIso, decided_by: actor?.id ?? null });
  const line = await repo.findLine(trx, w.line_id);
  const family = await familyRecipient(trx, w.family_id);
  const child = await findChild(trx, w.child_id);
  const unit = await catalog.findUnit(trx, w.unit_id);
  if (family && child) {
    await enqueueMail(
      trx,
      ctx,
      family.email,
      {
        template: 'booking.promoted',
        firstName: family.first_name,
        childName: `${child.first_name} ${child.last_name}`,
        activityName: activity.name,
        day: w.day,
        unitLabel: unit?.label ?? '',
        number: line?.reservation_id ?? 0,
      },
      w.family_id,
    );
  }
  return true;
}

export async function waitingList(ctx: AppContext, unitId: string, day: string): Promise<WaitingEntry[]> {
  const rows = await repo.waitingList(ctx.db, unitId, day);
  const names = await childNames(ctx.db, rows.map((r) => r.child_id));
  return rows.map((r, i) => ({
    bookingId: Number(r.id),
    position: i + 1,
    child: { id: r.child_id, firstName: names.get(r.child_id)?.first_name ?? '', lastName: names.get(r.child_id)?.last_name ?? '' },
    familyId: r.family_id,
    day: r.day,
    unitId: r.unit_id,
    state: 'waitlisted' as const,
    since: r.created_at,
  }));
}

/**
 * Staff promote one child from the waiting list by hand: only if a place is free (never overbook), only once
 * (a double click or two agents: the second gets 409 booking.not_waitlisted).
 */
export async function promoteByStaff(ctx: AppContext, actor: Actor, bookingId: number): Promise<WaitingEntry> {
  const nowIso = isoNow(ctx.clock);
  return writeTransaction(ctx, async (trx: Kysely<DB>) => {
    const seen = await repo.findBookingById(trx, bookingId);
    if (!seen) throw new NotFoundError();
    const a = await catalog.findActivity(trx, seen.activity_id);
    const unit = await catalog.findUnit(trx, seen.unit_id);
    if (!a || !unit) throw new NotFoundError();
    await repo.ensureAndLockUnitDays(trx, [{ unitId: seen.unit_id, day: seen.day, capacity: unit.default_capacity }]);
    const b = await repo.findBookingById(trx, bookingId); // read again under the lock
    if (!b) throw new NotFoundError();
    if (b.state !== 'waitlisted') throw new ConflictError('booking.not_waitlisted');
    if (!(await repo.takePlace(trx, b.unit_id, b.day))) throw new ConflictError('booking.full');
    if (!(await promoteOne(trx, ctx, catalog.toActivityConfig(a), b, nowIso, actor))) throw new ConflictError('booking.not_waitlisted');
    await recordAudit(trx, ctx.clock, actor, {
      action: 'booking.waitlist_promoted',
      familyId: b.family_id,
      targetType: 'booking',
      targetId: String(b.id),
      details: { unitId: b.unit_id, day: b.day },
    });
    const child = await findChild(trx, b.child_id);
    return {
      bookingId: b.id,
      position: 0,
      child: { id: b.child_id, firstName: child?.first_name ?? '', lastName: child?.last_name ?? '' },
      familyId: b.family_id,
      day: b.day,
      unitId: b.unit_id,
      state: 'accepted' as const,
      since: b.created_at,
    };
  });
}

/**
 * The background safety net of settleWaitingLists (a process that died between a commit and its settle): every
 * unit-day of an automatic-mode activity with a free place while children wait is settled. One read when all is
 * well.
 */
export async function settleAllWaitingLists(ctx: AppContext): Promise<number> {
  const auto = new Map((await catalog.listActivities(ctx.db)).filter((a) => a.waitlist_mode === 'auto').map((a) => [a.id, a]));
  const activityOfUnit = new Map((await catalog.listUnits(ctx.db)).filter((u) => auto.has(u.activity_id)).map((u) => [u.id, u.activity_id]));
  const due = await repo.freeWhileWaitingOn(ctx.db, [...activityOfUnit.keys()]);
  let promoted = 0;
  const byActivity = new Map<string, { unitId: string; day: string }[]>();
  for (const d of due) {
    const activityId = activityOfUnit.get(d.unitId)!;
    byActivity.set(activityId, [...(byActivity.get(activityId) ?? []), d]);
  }
  for (const [activityId, cells] of byActivity) promoted += await settleWaitingLists(ctx, catalog.toActivityConfig(auto.get(activityId)!), cells);
  return promoted;
}
