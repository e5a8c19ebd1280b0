/**
 * Offline attendance (issue 15): the day's lists of an establishment for an agent's phone or tablet, and the marks
 * the device queued, applied under one rule — the latest mark wins (the device's time of the mark, then the mark's
 * id), whatever the order marks arrive in, and every mark is kept in `attendance_mark`.
 *
 * Write discipline (docs/write-discipline.md, shape 2 then shape 1): each mark is its own transaction, which creates
 * and locks the unit-day's counter row (the booking engine's lock rule, so the booking read and the billing month
 * lock read cannot move under it), then reads the standing mark of the child and decides; the write of `attendance`
 * is a conditional upsert on (marked_at, mark_id) as a second guard, and the history row's UNIQUE mark_id makes a
 * mark sent twice at the same moment count once.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../context.js';
import { isoNow } from '../../clock.js';
import { AppError, ConflictError, NotFoundError } from '../../errors.js';
import { writeTransaction } from '../../db/write.js';
import { errorMessage } from '../../i18n.js';
import type { Language } from '../../../shared/i18n/languages.js';
import { attendanceLocked } from '../billing/billing.locks.js';
import { recordAudit, type Actor } from '../audit/audit.service.js';
import { childrenForDayList, findChildRow } from '../child/child.service.js';
import { displayNames } from '../account/account.logins.js';
import * as catalog from '../catalog/catalog.service.js';
import type { AttendanceStatus } from '../../../shared/booking-contracts.js';
import type { AttendanceDay, AttendanceLine, AttendanceMark, AttendanceSyncResult, SyncOutcome } from '../../../shared/attendance-contracts.js';
import * as repo from './booking.repo.js';
import type { AttendanceMarkTable } from './booking.tables.js';

type Executor = Kysely<DB> | Transaction<DB>;
type MarkRow = Omit<AttendanceMarkTable, 'id'> & { id: number };

/** A device clock may run a little ahead of the server's; a mark further in the future is refused. */
const FUTURE_SLACK_MS = 5 * 60_000;
const PRESENT = new Set<AttendanceStatus>(['present', 'present_unbooked']);

/** (marked_at, mark_id) ordering: the conflict rule. */
function later(a: { at: string; id: string }, b: { at: string; id: string } | null): boolean {
  if (!b) return true;
  return a.at > b.at || (a.at === b.at && a.id > b.id);
}

const iso = (s: string) => new Date(s).toISOString();

/** What a mark asks for, once checked: the line it sets, where, by whom. */
export interface MarkToApply {
  id: string;
  unitId: string;
  day: string;
  childId: string;
  status: AttendanceStatus | null;
  arrivedAt: string | null;
  departedAt: string | null;
  markedAt: string;
}

/**
 * Records one mark and applies it if it is the latest for its child, unit and day, inside the caller's transaction
 * (which must hold the unit-day's lock). `duplicate`: this mark id was recorded before.
 */
export async function recordMark(
  trx: Executor,
  m: MarkToApply,
  by: { accountId: string; deviceId: string | null; receivedAt: string },
): Promise<Exclude<SyncOutcome, 'refused'>> {
  const known = await trx
    .selectFrom('attendance_mark')
    .select(['child_id', 'unit_id', 'day', 'status', 'marked_at', 'arrived_at', 'departed_at'])
    .where('mark_id', '=', m.id)
    .executeTakeFirst();
  if (known) {
    // the same mark again (a retried request, or resent by the next agent signed in on the device): recorded once;
    // another mark under the same id is refused
    const same =
      known.child_id === m.childId &&
      known.unit_id === m.unitId &&
      known.day === m.day &&
      known.marked_at === m.markedAt &&
      known.arrived_at === m.arrivedAt &&
      known.departed_at === m.departedAt &&
      (known.status === m.status || (known.status !== null && m.status !== null && PRESENT.has(known.status) && PRESENT.has(m.status)));
    if (!same) throw new ConflictError('attendance.mark_id_reused');
    return 'duplicate';
  }
  const current = await trx
    .selectFrom('attendance')
    .select(['marked_at', 'mark_id'])
    .where('unit_id', '=', m.unitId)
    .where('day', '=', m.day)
    .where('child_id', '=', m.childId)
    .executeTakeFirst();
  // a clear leaves no attendance row: the latest applied mark of the history stands for it
  const lastApplied = await trx
    .selectFrom('attendance_mark')
    .select(['marked_at', 'mark_id'])
    .where('unit_id', '=', m.unitId)
    .where('day', '=', m.day)
    .where('child_id', '=', m.childId)
    .where('outcome', '=', 'applied')
    .orderBy('marked_at', 'desc')
    .orderBy('mark_id', 'desc')
    .limit(1)
    .executeTakeFirst();
  let standing: { at: string; id: string } | null = current ? { at: current.marked_at, id: current.mark_id ?? '' } : null;
  if (lastApplied && later({ at: lastApplied.marked_at, id: lastApplied.mark_id }, standing)) standing = { at: lastApplied.marked_at, id: lastApplied.mark_id };
  const wins = later({ at: m.markedAt, id: m.id }, standing);
  const inserted = await trx
    .insertInto('attendance_mark')
    .values({
      mark_id: m.id,
      child_id: m.childId,
      unit_id: m.unitId,
      day: m.day,
      status: m.status,
      arrived_at: m.arrivedAt,
      departed_at: m.departedAt,
      marked_at: m.markedAt,
      received_at: by.receivedAt,
      marked_by: by.accountId,
      device_id: by.deviceId,
      outcome: wins ? 'applied' : 'overtaken',
    })
    .onConflict((oc) => oc.column('mark_id').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return 'duplicate';
  if (!wins) return 'overtaken';
  if (m.status === null) {
    await trx.deleteFrom('attendance').where('unit_id', '=', m.unitId).where('day', '=', m.day).where('child_id', '=', m.childId).execute();
    return 'applied';
  }
  const row = {
    child_id: m.childId,
    unit_id: m.unitId,
    day: m.day,
    status: m.status,
    marked_by: by.accountId,
    marked_at: m.markedAt,
    arrived_at: m.arrivedAt,
    departed_at: m.departedAt,
    mark_id: m.id,
  };
  await trx
    .insertInto('attendance')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['unit_id', 'day', 'child_id'])
        .doUpdateSet({
          status: row.status,
          marked_by: row.marked_by,
          marked_at: row.marked_at,
          arrived_at: row.arrived_at,
          departed_at: row.departed_at,
          mark_id: row.mark_id,
        })
        // second guard: only over an older mark
        .where((eb) =>
          eb.or([
            eb('attendance.marked_at', '<', row.marked_at),
            eb.and([eb('attendance.marked_at', '=', row.marked_at), eb(sql<string>`coalesce(attendance.mark_id, '')`, '<', row.mark_id)]),
          ]),
        ),
    )
    .execute();
  return 'applied';
}

/**
 * Checks one mark against the catalog, the child, the booking and billing's month lock, and applies it, in its own
 * transaction. A presence follows the booking as it is at the server (« présent » for a booked child, « présent sans
 * réservation » otherwise): the device may have listed the child before a booking changed.
 */
async function applyOne(ctx: AppContext, actor: Actor, mark: AttendanceMark, deviceId: string | null): Promise<{ outcome: SyncOutcome; familyId: string }> {
  const unit = await catalog.findUnit(ctx.db, mark.unitId);
  if (!unit) throw new AppError('attendance.unknown_unit', 404);
  const child = await findChildRow(ctx.db, mark.childId);
  if (!child) throw new AppError('booking.attendance_unknown_child', 404);
  const receivedAt = isoNow(ctx.clock);
  const markedAt = iso(mark.markedAt);
  if (Date.parse(markedAt) > ctx.clock.now().getTime() + FUTURE_SLACK_MS) throw new AppError('attendance.mark_in_future', 400);
  const outcome = await writeTransaction(ctx, async (trx) => {
    await repo.ensureAndLockUnitDays(trx, [{ unitId: unit.id, day: mark.day, capacity: unit.default_capacity }]);
    const booking = await repo.findBooking(trx, mark.childId, unit.activity_id, unit.id, mark.day);
    const expected = booking?.state === 'accepted';
    let status = mark.status;
    if (status && PRESENT.has(status)) status = expected ? 'present' : 'present_unbooked';
    else if (status && !expected) throw new ConflictError('attendance.not_booked');
    // Invoiced months are frozen (billing.locks.ts), read in the same transaction as the write.
    if (await attendanceLocked(trx, unit.activity_id, mark.day)) throw new ConflictError('billing.attendance_locked');
    const result = await recordMark(
      trx,
      {
        id: mark.id,
        unitId: unit.id,
        day: mark.day,
        childId: mark.childId,
        status,
        arrivedAt: mark.arrivedAt && iso(mark.arrivedAt),
        departedAt: mark.departedAt && iso(mark.departedAt),
        markedAt,
      },
      { accountId: actor.id, deviceId, receivedAt },
    );
    if (result !== 'duplicate')
      await recordAudit(trx, ctx.clock, actor, {
        action: 'booking.attendance_marked',
        familyId: child.family_id,
        targetType: 'child',
        targetId: child.id,
        details: { unitId: unit.id, day: mark.day, status, markId: mark.id, markedAt, deviceId, outcome: result },
      });
    return result;
  });
  return { outcome, familyId: child.family_id };
}

/**
 * POST /api/staff/attendance/sync: the device's queued marks, each applied on its own (a refused mark — closed
 * month, unknown child — does not stop the others), then the resulting lines of the children touched.
 */
export async function syncMarks(
  ctx: AppContext,
  actor: Actor,
  input: { deviceId: string | null; marks: AttendanceMark[] },
  language: Language,
): Promise<AttendanceSyncResult> {
  const results: AttendanceSyncResult['results'] = [];
  const cells = new Map<string, { unitId: string; day: string; childId: string }>();
  // in the device's order of marking: on one device a later mark is also later in the queue
  const ordered = [...input.marks].sort((a, b) => Date.parse(a.markedAt) - Date.parse(b.markedAt));
  for (const mark of ordered) {
    try {
      const { outcome } = await applyOne(ctx, actor, mark, input.deviceId);
      results.push({ id: mark.id, outcome, code: null, message: null });
      cells.set(`${mark.unitId}|${mark.day}|${mark.childId}`, { unitId: mark.unitId, day: mark.day, childId: mark.childId });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      results.push({ id: mark.id, outcome: 'refused', code: e.code, message: errorMessage(language, e.code) });
      if (e.status !== 404) cells.set(`${mark.unitId}|${mark.day}|${mark.childId}`, { unitId: mark.unitId, day: mark.day, childId: mark.childId });
    }
  }
  const byId = new Map(results.map((r) => [r.id, r]));
  const lines: AttendanceLine[] = [];
  const byUnitDay = new Map<string, { unitId: string; day: string; childIds: Set<string> }>();
  for (const c of cells.values()) {
    const k = `${c.unitId}|${c.day}`;
    (byUnitDay.get(k) ?? byUnitDay.set(k, { unitId: c.unitId, day: c.day, childIds: new Set() }).get(k)!).childIds.add(c.childId);
  }
  for (const g of byUnitDay.values()) {
    const got = await linesOf(ctx, [g.unitId], g.day, g.childIds);
    lines.push(...(got.get(g.unitId) ?? []));
  }
  if (lines.length)
    await recordAudit(ctx.db, ctx.clock, actor, {
      action: 'booking.attendance_viewed',
      targetType: 'attendance_sync',
      targetId: input.deviceId,
      details: { children: lines.length, marks: input.marks.length },
    });
  return { results: input.marks.map((m) => byId.get(m.id)!), lines };
}

/** The lines of these units on a day (optionally only these children): booked children, marked ones, and history. */
async function linesOf(ctx: AppContext, unitIds: string[], day: string, only?: Set<string>): Promise<Map<string, AttendanceLine[]>> {
  const out = new Map<string, AttendanceLine[]>();
  if (!unitIds.length) return out;
  let bq = ctx.db.selectFrom('booking').select(['unit_id', 'child_id']).where('unit_id', 'in', unitIds).where('day', '=', day).where('state', '=', 'accepted');
  let aq = ctx.db.selectFrom('attendance').selectAll().where('unit_id', 'in', unitIds).where('day', '=', day);
  let hq = ctx.db.selectFrom('attendance_mark').selectAll().where('unit_id', 'in', unitIds).where('day', '=', day);
  if (only) {
    const ids = [...only];
    bq = bq.where('child_id', 'in', ids);
    aq = aq.where('child_id', 'in', ids);
    hq = hq.where('child_id', 'in', ids);
  }
  const booked = await bq.execute();
  const marks = await aq.execute();
  const history = (await hq.orderBy('marked_at').orderBy('mark_id').execute()) as MarkRow[];
  const key = (u: string, c: string) => `${u}|${c}`;
  const expected = new Set(booked.map((b) => key(b.unit_id, b.child_id)));
  const markOf = new Map(marks.map((m) => [key(m.unit_id, m.child_id), m]));
  const historyOf = new Map<string, MarkRow[]>();
  for (const h of history) (historyOf.get(key(h.unit_id, h.child_id)) ?? historyOf.set(key(h.unit_id, h.child_id), []).get(key(h.unit_id, h.child_id))!).push(h);
  const cells = new Map<string, { unitId: string; childId: string }>();
  for (const c of [...booked, ...marks, ...history]) cells.set(key(c.unit_id, c.child_id), { unitId: c.unit_id, childId: c.child_id });
  const children = new Map((await childrenForDayList(ctx, [...new Set([...cells.values()].map((c) => c.childId))])).map((c) => [c.id, c]));
  const names = await displayNames(ctx.db, history.map((h) => h.marked_by));
  for (const { unitId, childId } of cells.values()) {
    const c = children.get(childId);
    if (!c) continue;
    const k = key(unitId, childId);
    const m = markOf.get(k);
    const isExpected = expected.has(k);
    // a child neither booked nor marked (a cleared presence without booking) leaves the list; its history stays
    if (!isExpected && !m) continue;
    (out.get(unitId) ?? out.set(unitId, []).get(unitId)!).push({
      unitId,
      day,
      child: { id: c.id, firstName: c.firstName, lastName: c.lastName, birthDate: c.birthDate },
      expected: isExpected,
      allergy: c.allergy,
      carePlan: c.carePlan,
      pickups: c.pickups,
      status: m?.status ?? null,
      arrivedAt: m?.arrived_at ?? null,
      departedAt: m?.departed_at ?? null,
      markedAt: m?.marked_at ?? null,
      markId: m?.mark_id ?? null,
      history: (historyOf.get(k) ?? []).map((h) => ({
        markId: h.mark_id,
        status: h.status,
        arrivedAt: h.arrived_at,
        departedAt: h.departed_at,
        markedAt: h.marked_at,
        receivedAt: h.received_at,
        by: names.get(h.marked_by) ?? '',
        deviceId: h.device_id,
        outcome: h.outcome,
      })),
    });
  }
  for (const list of out.values())
    list.sort((a, b) => a.child.lastName.localeCompare(b.child.lastName, 'fr') || a.child.firstName.localeCompare(b.child.firstName, 'fr'));
  return out;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a YYYY-MM-DD day. */
function isoWeekday(day: string): number {
  return new Date(`${day}T12:00:00Z`).getUTCDay() || 7;
}

/**
 * GET /api/staff/attendance/day: every unit of the establishment's activities that runs that day (or has children
 * on it), with its lines. Reading it shows health flags: audited, as the staff sheet.
 */
export async function dayLists(ctx: AppContext, actor: Actor, establishmentId: string, day: string): Promise<AttendanceDay> {
  const establishment = (await catalog.listEstablishments(ctx.db)).find((e) => e.id === establishmentId);
  if (!establishment) throw new NotFoundError();
  const activities = (await catalog.listActivities(ctx.db)).filter((a) => a.establishment_id === establishmentId);
  const units: { activity: { id: string; name: string; open: boolean }; unit: catalog.UnitRow }[] = [];
  for (const a of activities) {
    const open = a.open_weekdays.split(',').map(Number).includes(isoWeekday(day));
    for (const u of await catalog.listUnits(ctx.db, a.id)) units.push({ activity: { id: a.id, name: a.name, open }, unit: u });
  }
  const lines = await linesOf(ctx, units.map((u) => u.unit.id), day);
  const result: AttendanceDay = {
    establishment: { id: establishment.id, name: establishment.name },
    day,
    loadedAt: isoNow(ctx.clock),
    units: units
      .filter((u) => u.activity.open || (lines.get(u.unit.id)?.length ?? 0) > 0)
      .map((u) => ({
        activity: { id: u.activity.id, name: u.activity.name },
        unit: { id: u.unit.id, code: u.unit.code, label: u.unit.label, startTime: u.unit.start_time },
        lines: lines.get(u.unit.id) ?? [],
      })),
  };
  await recordAudit(ctx.db, ctx.clock, actor, {
    action: 'booking.attendance_viewed',
    targetType: 'establishment',
    targetId: establishment.id,
    details: { day, children: result.units.reduce((n, u) => n + u.lines.length, 0), offline: true },
  });
  return result;
}

/** A mark id for a mark made on the staff page (PUT /api/staff/booking/attendance). */
export function serverMarkId(): string {
  return `srv-${randomUUID()}`;
}
