import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../context.js';
import { isoNow } from '../../clock.js';
import { AppError, NotFoundError, ValidationError } from '../../errors.js';
import { recordAudit, type Actor } from '../audit/audit.service.js';
import { writeTransaction } from '../../db/write.js';
import { deepFreeze, GenerationCache, type Generations } from '../../db/generations.js';
import { isUniqueViolation } from '../../db/database.js';
import type {
  Activity,
  ActivityKind,
  activityInput,
  Closure,
  closureInput,
  DeadlinePolicy,
  Establishment,
  EstablishmentInput,
  Period,
  periodInput,
  SchoolHoliday,
  schoolHolidayInput,
  StaffCatalog,
  Unit,
  unitInput,
} from '../../../shared/booking-contracts.js';
import { describeRule } from '../../../shared/calendar/deadlines.js';
import type { Language } from '../../../shared/i18n/languages.js';
import { metropolitanFrance, type HolidayCalendar } from '../../../shared/calendar/holidays.js';
import * as repo from './catalog.repo.js';

type Executor = Kysely<DB> | Transaction<DB>;

// ---------- views ----------

export function toUnit(u: repo.UnitRow): Unit {
  return {
    id: u.id,
    activityId: u.activity_id,
    code: u.code,
    label: u.label,
    position: u.position,
    defaultCapacity: u.default_capacity,
    requires: u.requires_code,
    excludes: u.excludes_codes.split(',').filter(Boolean),
    startTime: u.start_time ?? null,
  };
}

export function toPeriod(p: repo.PeriodRow): Period {
  return {
    id: p.id,
    activityId: p.activity_id,
    label: p.label,
    startDay: p.start_day,
    endDay: p.end_day,
    opensAt: p.opens_at,
    closesAt: p.closes_at,
  };
}

export interface ActivityConfig {
  id: string;
  establishmentId: string;
  name: string;
  kind: ActivityKind;
  minAge: number | null;
  maxAge: number | null;
  openWeekdays: number[];
  schoolHolidays: 'ignore' | 'closed' | 'only';
  bookingPolicy: DeadlinePolicy;
  cancellationPolicy: DeadlinePolicy;
  waitlistMode: 'auto' | 'staff';
  /** « paiement à la réservation » (issue 13): booked days held `holdMinutes` while the family pays online */
  payAtBooking: boolean;
  holdMinutes: number;
}

export function toActivityConfig(a: repo.ActivityRow): ActivityConfig {
  return {
    id: a.id,
    establishmentId: a.establishment_id,
    name: a.name,
    kind: a.kind as ActivityKind,
    minAge: a.min_age,
    maxAge: a.max_age,
    openWeekdays: a.open_weekdays.split(',').filter(Boolean).map(Number),
    schoolHolidays: a.school_holidays,
    bookingPolicy: JSON.parse(a.booking_policy) as DeadlinePolicy,
    cancellationPolicy: JSON.parse(a.cancellation_policy) as DeadlinePolicy,
    waitlistMode: a.waitlist_mode,
    payAtBooking: a.pay_at_booking === 1,
    holdMinutes: a.hold_minutes,
  };
}

/** The activity's booking and cancellation deadlines as families read them, in `language`. */
export function ruleTexts(a: ActivityConfig, language: Language = 'fr'): { bookingRuleText: string; cancellationRuleText: string } {
  return {
    bookingRuleText: describeRule(a.bookingPolicy.deadline, 'booking', language),
    cancellationRuleText: describeRule(a.cancellationPolicy.deadline, 'cancellation', language),
  };
}

function toActivity(a: repo.ActivityRow, units: repo.UnitRow[], periods: repo.PeriodRow[]): Activity {
  const c = toActivityConfig(a);
  return {
    ...c,
    ...ruleTexts(c),
    units: units.filter((u) => u.activity_id === a.id).map(toUnit),
    periods: periods.filter((p) => p.activity_id === a.id).map(toPeriod),
  };
}

function toClosure(c: repo.ClosureRow): Closure {
  return { id: c.id, establishmentId: c.establishment_id, activityId: c.activity_id, day: c.day, reason: c.reason };
}

function toSchoolHoliday(h: repo.SchoolHolidayRow): SchoolHoliday {
  return { id: h.id, label: h.label, startDay: h.start_day, endDay: h.end_day, source: h.source };
}

/** The whole catalog as staff configure it. */
export async function staffCatalog(ctx: AppContext): Promise<StaffCatalog> {
  const establishments = await repo.listEstablishments(ctx.db);
  const activities = await repo.listActivities(ctx.db);
  const units = await repo.listUnits(ctx.db);
  const periods = await repo.listPeriods(ctx.db);
  return {
    establishments: establishments.map((e) => ({
      id: e.id,
      name: e.name,
      address: e.address,
      activities: activities.filter((a) => a.establishment_id === e.id).map((a) => toActivity(a, units, periods)),
    })),
  };
}

/** An activity with its units and periods, or null. Used by the booking module. */
export async function activityWithUnits(db: Executor, activityId: string): Promise<ActivityBundle | null> {
  const a = await repo.findActivity(db, activityId);
  if (!a) return null;
  const units = await repo.listUnits(db, activityId);
  const periods = await repo.listPeriods(db, activityId);
  return { activity: toActivityConfig(a), units, periods };
}

export interface ActivityBundle {
  activity: ActivityConfig;
  units: repo.UnitRow[];
  periods: repo.PeriodRow[];
}

const bundles = new GenerationCache<Readonly<ActivityBundle> | null>('catalog');
const calendars = new GenerationCache<{ closures: repo.ClosureRow[]; holidays: repo.SchoolHolidayRow[] }>('catalog');

/**
 * activityWithUnits from this instance's cache while the catalog's generation has not moved (src/server/db/
 * generations.ts): the booking hot paths read one counter instead of three tables. Read-only (frozen).
 */
export function cachedActivityWithUnits(db: Executor, gens: Generations, activityId: string): Promise<Readonly<ActivityBundle> | null> {
  return bundles.get(db, gens, activityId, async () => deepFreeze(await activityWithUnits(db, activityId)));
}

export { listEstablishments, listActivities, listPeriods, listUnits, findUnit, findActivity, findPeriod, unitsWithActivity, existingActivityIds } from './catalog.repo.js';
export type { UnitRow, PeriodRow } from './catalog.repo.js';

/** The calendar facts of an activity between two days: closures (by day), school holidays, public holidays. */
export interface CalendarFacts {
  closureOn: (day: string) => string | null;
  schoolHolidayOn: (day: string) => boolean;
  publicHoliday: HolidayCalendar;
}

export async function calendarFacts(db: Executor, activity: ActivityConfig, from: string, to: string): Promise<CalendarFacts> {
  const closures = await repo.listClosures(db, { establishmentId: activity.establishmentId, from, to });
  const holidays = await repo.listSchoolHolidays(db, { from, to });
  return factsOf(activity, closures, holidays);
}

/** calendarFacts from this instance's cache of the establishment's closures and the school holidays (see cachedActivityWithUnits). */
export async function cachedCalendarFacts(db: Executor, gens: Generations, activity: ActivityConfig, from: string, to: string): Promise<CalendarFacts> {
  const { closures, holidays } = await calendars.get(db, gens, activity.establishmentId, async () =>
    deepFreeze({ closures: await repo.listClosures(db, { establishmentId: activity.establishmentId }), holidays: await repo.listSchoolHolidays(db) }),
  );
  return factsOf(
    activity,
    closures.filter((c) => from <= c.day && c.day <= to),
    holidays.filter((h) => h.start_day <= to && h.end_day >= from),
  );
}

function factsOf(activity: ActivityConfig, closures: readonly repo.ClosureRow[], holidays: readonly repo.SchoolHolidayRow[]): CalendarFacts {
  const byDay = new Map(closures.filter((c) => c.activity_id === null || c.activity_id === activity.id).map((c) => [c.day, c.reason]));
  return {
    closureOn: (day) => byDay.get(day) ?? null,
    schoolHolidayOn: (day) => holidays.some((h) => h.start_day <= day && day <= h.end_day),
    publicHoliday: metropolitanFrance,
  };
}

// ---------- staff configuration (admin), every change audited ----------

async function audit(trx: Executor, ctx: AppContext, actor: Actor, action: string, targetType: string, targetId: string, details?: Record<string, unknown>) {
  await recordAudit(trx, ctx.clock, actor, { action, targetType, targetId, details: details ?? null });
}

export async function createEstablishment(ctx: AppContext, actor: Actor, input: EstablishmentInput): Promise<Establishment> {
  const now = isoNow(ctx.clock);
  const row = { id: randomUUID(), name: input.name, address: input.address ?? null, created_at: now, updated_at: now };
  await writeTransaction(ctx, async (trx) => {
    await repo.insertEstablishment(trx, row);
    await audit(trx, ctx, actor, 'catalog.establishment_created', 'establishment', row.id, { name: row.name });
  });
  return { id: row.id, name: row.name, address: row.address };
}

export async function updateEstablishment(ctx: AppContext, actor: Actor, id: string, input: EstablishmentInput): Promise<Establishment> {
  return writeTransaction(ctx, async (trx) => {
    const n = await repo.updateEstablishment(trx, id, { name: input.name, address: input.address ?? null, updated_at: isoNow(ctx.clock) });
    if (!n) throw new NotFoundError();
    await audit(trx, ctx, actor, 'catalog.establishment_updated', 'establishment', id, { name: input.name });
    return { id, name: input.name, address: input.address ?? null };
  });
}

type ActivityInputParsed = z.output<typeof activityInput>;

function activityColumns(input: ActivityInputParsed) {
  return {
    establishment_id: input.establishmentId,
    name: input.name,
    kind: input.kind,
    min_age: input.minAge,
    max_age: input.maxAge,
    open_weekdays: [...new Set(input.openWeekdays)].sort().join(','),
    school_holidays: input.schoolHolidays,
    booking_policy: JSON.stringify(input.bookingPolicy),
    cancellation_policy: JSON.stringify(input.cancellationPolicy),
    waitlist_mode: input.waitlistMode,
    pay_at_booking: input.payAtBooking ? 1 : 0,
    hold_minutes: input.holdMinutes,
  };
}

async function activityView(db: Executor, id: string): Promise<Activity> {
  const a = await repo.findActivity(db, id);
  if (!a) throw new NotFoundError();
  return toActivity(a, await repo.listUnits(db, id), await repo.listPeriods(db, id));
}

export async function createActivity(ctx: AppContext, actor: Actor, input: ActivityInputParsed): Promise<Activity> {
  const now = isoNow(ctx.clock);
  const id = randomUUID();
  return writeTransaction(ctx, async (trx) => {
    if (!(await repo.findEstablishment(trx, input.establishmentId)))
      throw new ValidationError([{ path: 'establishmentId', code: 'choice.invalid' }]);
    await repo.insertActivity(trx, { id, ...activityColumns(input), created_at: now, updated_at: now });
    await audit(trx, ctx, actor, 'catalog.activity_created', 'activity', id, { name: input.name, kind: input.kind });
    return activityView(trx, id);
  });
}

export async function updateActivity(ctx: AppContext, actor: Actor, id: string, input: ActivityInputParsed, hooks: CapacityHooks): Promise<Activity> {
  return writeTransaction(ctx, async (trx) => {
    const before = await repo.findActivity(trx, id);
    if (!before) throw new NotFoundError();
    if (!(await repo.findEstablishment(trx, input.establishmentId)))
      throw new ValidationError([{ path: 'establishmentId', code: 'choice.invalid' }]);
    await repo.updateActivity(trx, id, { ...activityColumns(input), updated_at: isoNow(ctx.clock) });
    // Switching to automatic promotion gives the places left free by staff mode to the waiting children at once.
    if (before.waitlist_mode !== 'auto' && input.waitlistMode === 'auto') await hooks.waitlistModeChanged(trx, ctx, id);
    await audit(trx, ctx, actor, 'catalog.activity_updated', 'activity', id, {
      name: input.name,
      bookingPolicy: input.bookingPolicy,
      cancellationPolicy: input.cancellationPolicy,
      waitlistMode: input.waitlistMode,
      payAtBooking: input.payAtBooking,
      holdMinutes: input.holdMinutes,
    });
    return activityView(trx, id);
  });
}

type UnitInputParsed = z.output<typeof unitInput>;

function codeTaken(err: unknown): never {
  if (isUniqueViolation(err)) throw new ValidationError([{ path: 'code', code: 'list.label_taken' }]);
  throw err;
}

/** A unit's rules may only name other units of the same activity. */
function checkUnitRules(input: UnitInputParsed, siblings: repo.UnitRow[]): void {
  const codes = new Set(siblings.map((u) => u.code));
  const problems = [];
  if (input.requires !== null && (input.requires === input.code || !codes.has(input.requires)))
    problems.push({ path: 'requires', code: 'booking.unit_rule_unknown' });
  input.excludes.forEach((c, i) => {
    if (c === input.code || !codes.has(c)) problems.push({ path: `excludes.${i}`, code: 'booking.unit_rule_unknown' });
  });
  if (problems.length) throw new ValidationError(problems);
}

function unitRuleColumns(input: UnitInputParsed) {
  return { requires_code: input.requires, excludes_codes: [...new Set(input.excludes)].join(','), start_time: input.startTime };
}

export async function createUnit(ctx: AppContext, actor: Actor, activityId: string, input: UnitInputParsed): Promise<Unit> {
  const row = {
    id: randomUUID(),
    activity_id: activityId,
    code: input.code,
    label: input.label,
    position: input.position,
    default_capacity: input.defaultCapacity,
    ...unitRuleColumns(input),
  };
  // Shape: the UNIQUE (activity, code) constraint decides between two agents adding the same code at once.
  return writeTransaction(ctx, async (trx) => {
    if (!(await repo.findActivity(trx, activityId))) throw new NotFoundError();
    const siblings = await repo.listUnits(trx, activityId);
    if (siblings.some((u) => u.code === input.code)) throw new ValidationError([{ path: 'code', code: 'list.label_taken' }]);
    checkUnitRules(input, siblings);
    await repo.insertUnit(trx, row);
    await audit(trx, ctx, actor, 'catalog.unit_created', 'unit', row.id, { activityId, code: input.code, defaultCapacity: input.defaultCapacity, requires: input.requires, excludes: input.excludes });
    return toUnit(row);
  }).catch(codeTaken);
}

/**
 * What the booking engine does when a unit's default capacity or an activity's waiting-list mode changes: its
 * day counters are the booking module's (it locks them, refuses a capacity below the places taken and gives new
 * places to the waiting list). Passed in by the routes so that catalog does not depend on booking.
 */
export interface CapacityHooks {
  defaultCapacityChanged(trx: Kysely<DB>, ctx: AppContext, unit: repo.UnitRow, capacity: number): Promise<void>;
  waitlistModeChanged(trx: Kysely<DB>, ctx: AppContext, activityId: string): Promise<void>;
}

/**
 * Changes a unit; a new default capacity applies to every day without a staff override, in the same transaction
 * (hooks.defaultCapacityChanged refuses it in French when it falls below the places already taken on such a day).
 */
export async function updateUnit(ctx: AppContext, actor: Actor, unitId: string, input: UnitInputParsed, hooks: CapacityHooks): Promise<Unit> {
  return writeTransaction(ctx, async (trx) => {
    const u = await repo.findUnit(trx, unitId);
    if (!u) throw new NotFoundError();
    const siblings = (await repo.listUnits(trx, u.activity_id)).filter((o) => o.id !== unitId);
    if (siblings.some((o) => o.code === input.code)) throw new ValidationError([{ path: 'code', code: 'list.label_taken' }]);
    checkUnitRules(input, siblings);
    const next = { ...u, code: input.code, label: input.label, position: input.position, default_capacity: input.defaultCapacity, ...unitRuleColumns(input) };
    await repo.updateUnit(trx, unitId, {
      code: input.code,
      label: input.label,
      position: input.position,
      default_capacity: input.defaultCapacity,
      ...unitRuleColumns(input),
    });
    if (input.defaultCapacity !== u.default_capacity) await hooks.defaultCapacityChanged(trx, ctx, next, input.defaultCapacity);
    await audit(trx, ctx, actor, 'catalog.unit_updated', 'unit', unitId, { code: input.code, defaultCapacity: input.defaultCapacity });
    return toUnit(next);
  }).catch(codeTaken);
}

type PeriodInputParsed = z.output<typeof periodInput>;

function periodColumns(p: PeriodInputParsed) {
  return {
    label: p.label,
    start_day: p.startDay,
    end_day: p.endDay,
    opens_at: new Date(p.opensAt).toISOString(),
    closes_at: new Date(p.closesAt).toISOString(),
  };
}

export async function createPeriod(ctx: AppContext, actor: Actor, activityId: string, input: PeriodInputParsed): Promise<Period> {
  const row = { id: randomUUID(), activity_id: activityId, ...periodColumns(input) };
  return writeTransaction(ctx, async (trx) => {
    if (!(await repo.findActivity(trx, activityId))) throw new NotFoundError();
    await repo.insertPeriod(trx, row);
    await audit(trx, ctx, actor, 'catalog.period_created', 'period', row.id, { activityId, ...periodColumns(input) });
    return toPeriod(row);
  });
}

export async function updatePeriod(ctx: AppContext, actor: Actor, periodId: string, input: PeriodInputParsed): Promise<Period> {
  return writeTransaction(ctx, async (trx) => {
    const p = await repo.findPeriod(trx, periodId);
    if (!p) throw new NotFoundError();
    await repo.updatePeriod(trx, periodId, periodColumns(input));
    await audit(trx, ctx, actor, 'catalog.period_updated', 'period', periodId, periodColumns(input));
    return toPeriod({ ...p, ...periodColumns(input) });
  });
}

export async function listClosures(ctx: AppContext): Promise<Closure[]> {
  return (await repo.listClosures(ctx.db)).map(toClosure);
}

export async function createClosure(ctx: AppContext, actor: Actor, input: z.output<typeof closureInput>): Promise<Closure> {
  const row = { id: randomUUID(), establishment_id: input.establishmentId, activity_id: input.activityId, day: input.day, reason: input.reason };
  return writeTransaction(ctx, async (trx) => {
    if (!(await repo.findEstablishment(trx, input.establishmentId)))
      throw new ValidationError([{ path: 'establishmentId', code: 'choice.invalid' }]);
    if (input.activityId) {
      const a = await repo.findActivity(trx, input.activityId);
      if (!a || a.establishment_id !== input.establishmentId) throw new ValidationError([{ path: 'activityId', code: 'choice.invalid' }]);
    }
    await repo.insertClosure(trx, row);
    await audit(trx, ctx, actor, 'catalog.closure_created', 'closure', row.id, { ...input });
    return toClosure(row);
  });
}

export async function deleteClosure(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  await writeTransaction(ctx, async (trx) => {
    const row = await repo.deleteClosure(trx, id);
    if (!row) throw new NotFoundError();
    await audit(trx, ctx, actor, 'catalog.closure_deleted', 'closure', id, { day: row.day, reason: row.reason });
  });
}

export async function listSchoolHolidays(ctx: AppContext): Promise<SchoolHoliday[]> {
  return (await repo.listSchoolHolidays(ctx.db)).map(toSchoolHoliday);
}

export async function createSchoolHoliday(ctx: AppContext, actor: Actor, input: z.output<typeof schoolHolidayInput>): Promise<SchoolHoliday> {
  const row = { id: randomUUID(), label: input.label, start_day: input.startDay, end_day: input.endDay, source: 'staff' as const };
  await writeTransaction(ctx, async (trx) => {
    await repo.insertSchoolHoliday(trx, row);
    await audit(trx, ctx, actor, 'catalog.school_holiday_created', 'school_holiday', row.id, { ...input });
  });
  return toSchoolHoliday(row);
}

export async function deleteSchoolHoliday(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  await writeTransaction(ctx, async (trx) => {
    const row = await repo.deleteSchoolHoliday(trx, id);
    if (!row) throw new NotFoundError();
    await audit(trx, ctx, actor, 'catalog.school_holiday_deleted', 'school_holiday', id, { label: row.label });
  });
}

/** Replaces (or adds to) the imported school holidays with those parsed from an ICS file, in one transaction. */
export async function importSchoolHolidays(
  ctx: AppContext,
  actor: Actor,
  holidays: { label: string; startDay: string; endDay: string }[],
  replace: boolean,
): Promise<SchoolHoliday[]> {
  const rows = holidays.map((h) => ({ id: randomUUID(), label: h.label, start_day: h.startDay, end_day: h.endDay, source: 'ics' as const }));
  // SERIALIZABLE (retried): two imports « replace » at once would otherwise each delete what it saw and both insert.
  await writeTransaction(
    ctx,
    async (trx) => {
      if (replace) await repo.deleteImportedSchoolHolidays(trx);
      for (const r of rows) await repo.insertSchoolHoliday(trx, r);
      await audit(trx, ctx, actor, 'catalog.school_holidays_imported', 'school_holiday', 'ics', { count: rows.length, replace });
    },
    { serializable: true },
  );
  return rows.map(toSchoolHoliday);
}

export class IcsError extends AppError {
  constructor() {
    super('ics.invalid', 400);
  }
}
