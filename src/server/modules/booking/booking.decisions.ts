import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { isoNow } from '../../clock.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import { familyNames } from '../family/family.service.js';
import { recordAudit, type Actor } from '../audit/audit.service.js';
import { enqueueMail } from '../mail/mail.service.js';
import { findChildRow as findChild } from '../child/child.service.js';
import * as catalog from '../catalog/catalog.service.js';
import { addDays } from '../../../shared/calendar/paris-time.js';
import type { decisionInput, Occupancy, PendingRequest, Reservation } from '../../../shared/booking-contracts.js';
import * as repo from './booking.repo.js';
import { writeTransaction } from '../../db/write.js';
import { familyRecipient, removeBooking, settleWaitingLists } from './booking.waitlist.js';
import { reservationView, reservationViews } from './booking.reservations.js';

/**
 * What the staff decide and watch: the requests waiting for a decision, the decision on them (same lock rule as the
 * engine: the unit-days of the chosen lines first), and the occupancy of an activity's days. Waiting lists and
 * promotions by hand are in booking.waitlist.ts, attendance in booking.attendance.ts.
 */

/** The reservations with a line waiting for the staff's decision (the 200 oldest), with the family's name. */
export async function pendingRequests(ctx: AppContext, activityId?: string): Promise<PendingRequest[]> {
  const ids = await repo.pendingReservationIds(ctx.db, activityId);
  if (!ids.length) return [];
  const rows = await ctx.db.selectFrom('reservation').selectAll().where('id', 'in', ids).orderBy('id').execute();
  const views = await reservationViews(ctx.db, rows);
  const names = await familyNames(ctx.db, views.map((v) => v.familyId));
  return views.map((v) => ({ ...v, familyName: names.get(v.familyId) ?? '' }));
}

/**
 * Accepts or refuses pending lines of a reservation (a whole reservation when `lineIds` is null), with the
 * reason sent to the family; audited; the family is e-mailed in the same transaction.
 */
export async function decideRequest(
  ctx: AppContext,
  actor: Actor,
  number: number,
  input: z.output<typeof decisionInput>,
): Promise<Reservation> {
  const nowIso = isoNow(ctx.clock);
  const settle = await writeTransaction(ctx, async (trx) => {
    const r = await repo.findReservation(trx, number);
    if (!r) throw new NotFoundError();
    const activityRow = await catalog.findActivity(trx, r.activity_id);
    if (!activityRow) throw new NotFoundError();
    const activity = catalog.toActivityConfig(activityRow);
    const choose = (lines: repo.LineRow[]) => {
      const pending = lines.filter((l) => l.state === 'pending');
      const chosen = input.lineIds === null ? pending : pending.filter((l) => input.lineIds!.includes(l.id));
      if (!chosen.length || (input.lineIds && chosen.length !== new Set(input.lineIds).size)) throw new ConflictError('booking.not_pending');
      return chosen;
    };
    // Lock the unit-days of the chosen lines (the engine's lock rule), then read the lines again: a second agent
    // (or a double click) waits here and then finds them decided → 409, nothing freed twice.
    const first = choose(await repo.linesOf(trx, [r.id]));
    await repo.lockUnitDays(trx, first.map((l) => ({ unitId: l.unit_id, day: l.day })));
    const chosen = choose(await repo.linesOf(trx, [r.id]));
    const refuseReason = input.reason ?? 'booking.refused_by_staff';
    const decided = { decided_at: nowIso, decided_by: actor.id };
    const decide = async (l: repo.LineRow, state: 'accepted' | 'refused') => {
      if (!(await repo.decidePendingLine(trx, l.id, { state, reason: state === 'refused' ? refuseReason : null, ...decided })))
        throw new ConflictError('booking.not_pending');
    };
    for (const l of chosen) {
      if (l.action === 'book') {
        const b = await repo.bookingByLine(trx, l.id);
        if (input.decision === 'accept') {
          await decide(l, 'accepted');
          if (b && !(await repo.moveBookingState(trx, b.id, 'pending', 'accepted', nowIso))) throw new ConflictError('booking.not_pending');
        } else {
          await decide(l, 'refused');
          if (b && !(await removeBooking(trx, ctx, activity, b, nowIso, null))) throw new ConflictError('booking.not_pending');
        }
      } else {
        const b = await repo.bookingByCancelLine(trx, l.id);
        if (input.decision === 'accept') {
          await decide(l, 'accepted');
          if (b && !(await removeBooking(trx, ctx, activity, b, nowIso, null))) throw new ConflictError('booking.not_pending');
        } else {
          await decide(l, 'refused');
          if (b && !(await repo.setCancelLine(trx, b.id, l.id, null, nowIso))) throw new ConflictError('booking.not_pending');
        }
      }
    }
    await recordAudit(trx, ctx.clock, actor, {
      action: input.decision === 'accept' ? 'booking.request_accepted' : 'booking.request_refused',
      familyId: r.family_id,
      targetType: 'reservation',
      targetId: String(r.id),
      details: { lineIds: chosen.map((l) => l.id), reason: input.reason ?? null },
    });
    const family = await familyRecipient(trx, r.family_id);
    const child = await findChild(trx, r.child_id);
    const units = new Map((await catalog.listUnits(trx, r.activity_id)).map((u) => [u.id, u.label]));
    if (family && child) {
      await enqueueMail(
        trx,
        ctx,
        family.email,
        {
          template: 'booking.decided',
          firstName: family.first_name,
          childName: `${child.first_name} ${child.last_name}`,
          activityName: activity.name,
          number: r.id,
          decision: input.decision,
          lines: chosen.map((l) => ({ day: l.day, unitLabel: units.get(l.unit_id) ?? '', action: l.action })),
          reason: input.reason ?? null,
        },
        r.family_id,
      );
    }
    return { activity, cells: chosen.map((l) => ({ unitId: l.unit_id, day: l.day })) };
  });
  await settleWaitingLists(ctx, settle.activity, settle.cells);
  const row = await repo.findReservation(ctx.db, number);
  return reservationView(ctx.db, row!);
}

/** Per unit and day of an activity (93 days at most): capacity, places taken, pending requests, children waiting. */
export async function occupancy(ctx: AppContext, q: { activityId: string; from: string; to: string }): Promise<Occupancy> {
  const a = await catalog.activityWithUnits(ctx.db, q.activityId);
  if (!a) throw new NotFoundError();
  const to = q.to < q.from ? q.from : q.to > addDays(q.from, 92) ? addDays(q.from, 92) : q.to;
  const unitIds = a.units.map((u) => u.id);
  const counters = new Map((await repo.unitDays(ctx.db, unitIds, q.from, to)).map((r) => [`${r.unit_id}|${r.day}`, r]));
  const counts = new Map<string, number>();
  for (const r of await repo.countsByState(ctx.db, unitIds, q.from, to)) counts.set(`${r.unit_id}|${r.day}|${r.state}`, Number(r.n));
  const days: Occupancy['days'] = [];
  for (let day = q.from; day <= to; day = addDays(day, 1)) {
    days.push({
      day,
      cells: a.units.map((u) => {
        const k = `${u.id}|${day}`;
        const c = counters.get(k);
        return {
          unitId: u.id,
          capacity: c?.capacity ?? u.default_capacity,
          booked: c?.booked ?? 0,
          pending: counts.get(`${k}|pending`) ?? 0,
          waiting: counts.get(`${k}|waitlisted`) ?? 0,
        };
      }),
    });
  }
  return { activityId: a.activity.id, units: a.units.map((u) => ({ id: u.id, code: u.code, label: u.label })), days };
}
