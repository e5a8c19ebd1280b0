/**
 * Issue 11, separated parents: when staff unlink a child from one of its households, that household's bookings of
 * the child after `afterDay` are removed — places freed (the waiting list promoted in automatic mode), pending
 * requests withdrawn, waiting-list entries left: the child is no longer theirs to bring. Past days stay (attended,
 * invoiced). Called inside the unlink's transaction, which already holds the child's link rows (the fixed order:
 * child links, then unit-days); the counter rows are locked in (unit, day) order before the bookings are read again.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/write.js';
import * as catalog from '../catalog/catalog.service.js';
import type { ActivityConfig } from '../catalog/catalog.service.js';
import * as repo from './booking.repo.js';
import { removeBooking, settleWaitingLists } from './booking.waitlist.js';
import { addDays } from '../../../shared/calendar/paris-time.js';
import type { OtherHouseholdView } from '../../../shared/household-contracts.js';

export interface RemovedBookings {
  count: number;
  /** what to settle after the commit, per activity */
  settle: { activity: ActivityConfig; cells: { unitId: string; day: string }[] }[];
}

export async function removeHouseholdBookings(
  trx: Executor,
  ctx: AppContext,
  childId: string,
  familyId: string,
  afterDay: string,
  nowIso: string,
  /** the agent who unlinked: the household's history gets a cancellation made by the service */
  actorId: string,
): Promise<RemovedBookings> {
  const ofHousehold = (rows: repo.BookingRow[]) => rows.filter((b) => b.family_id === familyId && b.day > afterDay);
  const first = ofHousehold(await repo.bookingsOfChild(trx, childId, afterDay));
  if (!first.length) return { count: 0, settle: [] };
  const cells = [...new Map(first.map((b) => [`${b.unit_id}|${b.day}`, { unitId: b.unit_id, day: b.day }])).values()].sort((a, b) =>
    a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : a.day < b.day ? -1 : a.day > b.day ? 1 : 0,
  );
  await repo.lockUnitDays(trx, cells);
  const activities = new Map<string, ActivityConfig>();
  const settle = new Map<string, { unitId: string; day: string }[]>();
  let count = 0;
  const removed: repo.BookingRow[] = [];
  // read again under the lock: a booking cancelled or decided meanwhile is as it is now
  for (const b of ofHousehold(await repo.bookingsOfChild(trx, childId, afterDay))) {
    let activity = activities.get(b.activity_id);
    if (!activity) {
      const row = await catalog.findActivity(trx, b.activity_id);
      if (!row) continue;
      activities.set(b.activity_id, (activity = catalog.toActivityConfig(row)));
    }
    if (await removeBooking(trx, ctx, activity, b, nowIso, b.state === 'pending' ? 'booking.withdrawn' : null)) {
      count++;
      if (b.state !== 'pending') removed.push(b);
      settle.set(b.activity_id, [...(settle.get(b.activity_id) ?? []), { unitId: b.unit_id, day: b.day }]);
    }
  }
  await recordUnlinkCancellations(trx, removed, nowIso, actorId);
  return { count, settle: [...settle].map(([id, c]) => ({ activity: activities.get(id)!, cells: c })) };
}

/**
 * The household's history says what became of the days it had booked (accepted or on a waiting list): one
 * cancellation per (activity, period), made by the service, each line accepted with the reason `household.unlinked`
 * (« L’enfant n’est plus rattaché à votre foyer… »). Pending requests were refused `booking.withdrawn` on their own line.
 */
async function recordUnlinkCancellations(trx: Executor, removed: repo.BookingRow[], nowIso: string, actorId: string): Promise<void> {
  const groups = new Map<string, { b: repo.BookingRow; periodId: string }[]>();
  for (const b of removed) {
    const bundle = await catalog.activityWithUnits(trx, b.activity_id);
    const period = bundle?.periods.find((p) => p.start_day <= b.day && b.day <= p.end_day);
    if (!period) continue;
    const key = `${b.activity_id}|${period.id}`;
    groups.set(key, [...(groups.get(key) ?? []), { b, periodId: period.id }]);
  }
  for (const [key, rows] of groups) {
    const first = rows[0];
    const id = await repo.insertReservation(trx, {
      family_id: first.b.family_id,
      child_id: first.b.child_id,
      activity_id: first.b.activity_id,
      period_id: first.periodId,
      kind: 'cancellation',
      idempotency_key: `unlink-${randomUUID()}`,
      request_hash: `unlink:${key}`,
      account_id: actorId,
      created_at: nowIso,
    });
    await repo.insertLines(
      trx,
      rows.map(({ b }) => ({ reservation_id: id, unit_id: b.unit_id, day: b.day, action: 'cancel' as const, state: 'accepted' as const, reason: 'household.unlinked', decided_at: nowIso, decided_by: actorId })),
    );
  }
}

/** After the unlink's commit: the places freed go to the waiting lists (see settleWaitingLists). */
export async function settleRemovedBookings(ctx: AppContext, removed: RemovedBookings): Promise<void> {
  for (const s of removed.settle) await settleWaitingLists(ctx, s.activity, s.cells);
}

/**
 * « Partage autorisé » (issue 11): one household's bookings of the child from `fromDay` on, with the activity's name
 * and the unit's label, for the other household when staff allowed it to see them (read-only; the caller checked).
 */
export async function householdBookingsOfChild(db: Executor, childId: string, familyId: string, fromDay: string): Promise<OtherHouseholdView['bookings']> {
  const rows = (await repo.bookingsOfChild(db, childId, addDays(fromDay, -1))).filter((b) => b.family_id === familyId);
  const bundles = new Map<string, Awaited<ReturnType<typeof catalog.activityWithUnits>>>();
  const out: OtherHouseholdView['bookings'] = [];
  for (const b of rows.slice(0, 200)) {
    if (!bundles.has(b.activity_id)) bundles.set(b.activity_id, await catalog.activityWithUnits(db, b.activity_id));
    const bundle = bundles.get(b.activity_id);
    if (!bundle) continue;
    out.push({ day: b.day, activityName: bundle.activity.name, unitLabel: bundle.units.find((u) => u.id === b.unit_id)?.label ?? '', state: b.state });
  }
  return out;
}

