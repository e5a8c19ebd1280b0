/**
 * Booking and cancellation deadlines as French cities publish them, as declarative JSON rules computed in
 * Europe/Paris (the rules cities publish: « J-2 avant 12 h », « la veille avant 18 h », working days, week-ends skipped).
 *
 * Interpretation choices (the wording families read comes from `describeRule`):
 * - The cut-off is the instant Paris clocks show the rule's `HH:MM` on the cut-off day. The named minute is
 *   included: « à 12 h » still accepts 12:00:59.999 and refuses from 12:01:00; « 23 h 59 » runs to the end of the day.
 * - `daysBefore` counts back from the booked day, one day at a time, counting only days not skipped; the cut-off is
 *   on the N-th counted day. « J-2 hors week-end » for a Monday: Friday (1), Thursday (2) → Thursday.
 *   `workingDays` (jours ouvrés) skips Saturdays, Sundays and public holidays. `days: 0` is the day itself.
 * - Jours francs (`clearDays: true`): neither the day of the act nor the booked day counts, so N full counted days
 *   must lie between them; the last day to act is the day before the N-th counted day (J-(N+1) in calendar days),
 *   until `at` (usually 23:59).
 * - `hoursBefore` is elapsed time: 72 h before 00:00 on the Tuesday after the autumn change is 01:00 on the
 *   Saturday (a 25-hour Sunday lies between), not 00:00.
 * - Weeks are ISO weeks (Monday to Sunday): a Sunday belongs to the week that started the Monday before.
 * - `dayOfPreviousMonth` clamps to the month's last day (31 → 28, 29 or 30).
 * - `ifNonWorkingDay: 'previousWorkingDay'` moves a weekday- or month-anchored cut-off that falls on a weekend or
 *   public holiday back to the previous working day; by default (`'keep'`) it stays where it is.
 * - Wall times in the DST gap or overlap: see paris-time.ts (02:30 on the spring night → 03:30 CEST; on the autumn
 *   night → the first 02:30).
 */
import { z } from 'zod';
import { metropolitanFrance, type HolidayCalendar } from './holidays.js';
import {
  addDays,
  CalendarError,
  daysInMonth,
  makeDay,
  mondayOf,
  parisInstant,
  splitDay,
  weekdayOf,
  type IsoDay,
  type WallTime,
  type Weekday,
} from './paris-time.js';
import { DEADLINE_MESSAGES_FR } from './deadline-messages.js';

// ---------- the rule, as staff configure it (one zod schema: type, validation, API description) ----------

export { DEADLINE_MESSAGES_FR };
export type DeadlineErrorCode = keyof typeof DEADLINE_MESSAGES_FR;

const err = (code: DeadlineErrorCode) => ({ error: code });
const wholeNumber = (min: number, max: number, code: DeadlineErrorCode) =>
  z.number(err(code)).int(err(code)).min(min, err(code)).max(max, err(code));

const wallTimeSchema = z.string(err('deadline.time_invalid')).regex(/^([01]\d|2[0-3]):[0-5]\d$/, err('deadline.time_invalid'));
const weekdaySchema = z.literal([1, 2, 3, 4, 5, 6, 7], err('deadline.weekday_invalid'));
const ifNonWorkingDaySchema = z.enum(['keep', 'previousWorkingDay'], err('deadline.non_working_day_invalid')).optional();

/** Days not counted by `daysBefore`: `workingDays` = weekends and public holidays (jours ouvrés). */
export const SKIP_SETS = ['none', 'weekends', 'publicHolidays', 'workingDays'] as const;
export type SkipSet = (typeof SKIP_SETS)[number];

const daysBeforeSchema = z
  .strictObject(
    {
      kind: z.literal('daysBefore'),
      /** N days before the booked day (0 = the day itself). */
      days: wholeNumber(0, 366, 'deadline.days_invalid'),
      /** Cut-off time on the cut-off day. */
      at: wallTimeSchema,
      skip: z.enum(SKIP_SETS, err('deadline.skip_invalid')),
      /** Weekdays not counted either (1 = Monday … 7 = Sunday). */
      excludedWeekdays: z
        .array(weekdaySchema, err('deadline.weekdays_invalid'))
        .max(7, err('deadline.weekdays_invalid'))
        .refine((a) => new Set(a).size === a.length, err('deadline.weekdays_invalid'))
        .optional(),
      /** Jours francs: neither the day of the act nor the booked day is counted. */
      clearDays: z.boolean(err('deadline.clear_days_invalid')).optional(),
    },
    err('deadline.unknown_field'),
  )
  .refine((r) => countedWeekdays(r.skip, r.excludedWeekdays).size > 0, {
    error: 'deadline.no_countable_day',
    path: ['excludedWeekdays'],
  });

const hoursBeforeSchema = z.strictObject(
  {
    kind: z.literal('hoursBefore'),
    hours: wholeNumber(0, 8784, 'deadline.hours_invalid'),
    /** Counted from 00:00 of the booked day (default) or from the unit's start time when the caller gives it. */
    from: z.enum(['dayStart', 'unitStart'], err('deadline.from_invalid')).optional(),
  },
  err('deadline.unknown_field'),
);

const weekdayOfPreviousWeekSchema = z.strictObject(
  {
    kind: z.literal('weekdayOfPreviousWeek'),
    weekday: weekdaySchema,
    at: wallTimeSchema,
    /** 1 = the week before the booked day's week (default), 2 = week S-2… */
    weeksBefore: wholeNumber(1, 52, 'deadline.weeks_invalid').optional(),
    ifNonWorkingDay: ifNonWorkingDaySchema,
  },
  err('deadline.unknown_field'),
);

const dayOfPreviousMonthSchema = z.strictObject(
  {
    kind: z.literal('dayOfPreviousMonth'),
    /** Day of the month, clamped to the month's length. */
    dayOfMonth: wholeNumber(1, 31, 'deadline.day_of_month_invalid'),
    at: wallTimeSchema,
    /** 1 = the month before the booked day's month (default). */
    monthsBefore: wholeNumber(1, 12, 'deadline.months_invalid').optional(),
    ifNonWorkingDay: ifNonWorkingDaySchema,
  },
  err('deadline.unknown_field'),
);

/** The rule schema, for the API to validate what staff enter. */
export const deadlineRuleSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('none') }, err('deadline.unknown_field')),
    z.strictObject({ kind: z.literal('closed') }, err('deadline.unknown_field')),
    daysBeforeSchema,
    hoursBeforeSchema,
    weekdayOfPreviousWeekSchema,
    dayOfPreviousMonthSchema,
  ],
  err('deadline.kind_invalid'),
);

/**
 * A deadline rule (JSON). `none`: no deadline; `closed`: not possible online (« pas d'annulation en ligne »).
 * Examples: « J-2 hors week-end à 12h » = `{ kind: 'daysBefore', days: 2, skip: 'weekends', at: '12:00' }`;
 * « jusqu'au mardi 23h59 pour la semaine suivante » = `{ kind: 'weekdayOfPreviousWeek', weekday: 2, at: '23:59' }`.
 */
export type DeadlineRule = z.infer<typeof deadlineRuleSchema>;
export type DeadlineRuleKind = DeadlineRule['kind'];

/** What happens to a booking or a cancellation before (« inside ») and after the cut-off. */
export const deadlinePolicySchema = z.strictObject(
  {
    deadline: deadlineRuleSchema,
    insideDeadline: z.enum(['accept', 'request'], err('deadline.inside_invalid')),
    afterDeadline: z.enum(['request', 'refuse'], err('deadline.after_invalid')),
  },
  err('deadline.unknown_field'),
);
export type DeadlinePolicy = z.infer<typeof deadlinePolicySchema>;

/** An activity's two policies: booking and cancellation. */
export const activityDeadlinesSchema = z.strictObject(
  { booking: deadlinePolicySchema, cancellation: deadlinePolicySchema },
  err('deadline.required'),
);
export type ActivityDeadlines = z.infer<typeof activityDeadlinesSchema>;

// ---------- computation ----------

export interface DeadlineOptions {
  /** Public holidays for `workingDays` / `publicHolidays` / `ifNonWorkingDay` (default: metropolitan France). */
  holidays?: HolidayCalendar;
  /**
   * The unit's start time on the booked day, for `hoursBefore` rules with `from: 'unitStart'`. Without it those
   * rules count from 00:00: an earlier cut-off, never a later one.
   */
  unitStart?: WallTime;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;

function countedWeekdays(skip: SkipSet, excluded: readonly number[] = []): Set<number> {
  const days = new Set([1, 2, 3, 4, 5, 6, 7]);
  if (skip === 'weekends' || skip === 'workingDays') {
    days.delete(6);
    days.delete(7);
  }
  for (const d of excluded) days.delete(d);
  return days;
}

function isWorkingDay(day: IsoDay, holidays: HolidayCalendar): boolean {
  return weekdayOf(day) <= 5 && !holidays(day);
}

function previousWorkingDayIfNeeded(day: IsoDay, mode: 'keep' | 'previousWorkingDay' | undefined, holidays: HolidayCalendar): IsoDay {
  if (mode !== 'previousWorkingDay') return day;
  let d = day;
  for (let i = 0; i < 31 && !isWorkingDay(d, holidays); i++) d = addDays(d, -1);
  return d;
}

/** The day of the cut-off of a `daysBefore` rule. */
function daysBeforeCutoffDay(rule: Extract<DeadlineRule, { kind: 'daysBefore' }>, day: IsoDay, holidays: HolidayCalendar): IsoDay {
  const weekdays = countedWeekdays(rule.skip, rule.excludedWeekdays);
  const skipsHolidays = rule.skip === 'workingDays' || rule.skip === 'publicHolidays';
  if (weekdays.size === 0) throw new CalendarError('calendar.no_countable_day', 'The rule excludes every weekday');
  let d = day;
  let counted = 0;
  // Ten years without a countable day is a broken holiday calendar, not a deadline: stop instead of looping.
  for (let steps = 0; counted < rule.days; steps++) {
    if (steps > 3_700) throw new CalendarError('calendar.no_countable_day', 'No countable day within ten years');
    d = addDays(d, -1);
    if (weekdays.has(weekdayOf(d)) && !(skipsHolidays && holidays(d))) counted++;
  }
  return rule.clearDays ? addDays(d, -1) : d;
}

/**
 * The cut-off instant of `rule` for the booked `day`, or null when the rule has none (`none`, `closed`).
 * Pure: depends only on its arguments and the Europe/Paris time-zone data.
 */
export function deadlineFor(rule: DeadlineRule, day: IsoDay, options: DeadlineOptions = {}): Date | null {
  const holidays = options.holidays ?? metropolitanFrance;
  switch (rule.kind) {
    case 'none':
    case 'closed':
      return null;
    case 'daysBefore':
      return parisInstant(daysBeforeCutoffDay(rule, day, holidays), rule.at);
    case 'hoursBefore': {
      const start = rule.from === 'unitStart' && options.unitStart ? options.unitStart : '00:00';
      return new Date(parisInstant(day, start).getTime() - rule.hours * HOUR);
    }
    case 'weekdayOfPreviousWeek': {
      const target = addDays(mondayOf(day), -7 * (rule.weeksBefore ?? 1) + (rule.weekday - 1));
      return parisInstant(previousWorkingDayIfNeeded(target, rule.ifNonWorkingDay, holidays), rule.at);
    }
    case 'dayOfPreviousMonth': {
      const { year, month } = splitDay(day);
      const index = year * 12 + (month - 1) - (rule.monthsBefore ?? 1);
      const y = Math.floor(index / 12);
      const m = (index % 12) + 1;
      const target = makeDay(y, m, Math.min(rule.dayOfMonth, daysInMonth(y, m)));
      return parisInstant(previousWorkingDayIfNeeded(target, rule.ifNonWorkingDay, holidays), rule.at);
    }
  }
}

/**
 * Whether an action at `now` on the booked `day` is before the cut-off (« inside the deadline »).
 * The cut-off minute is included (see the module comment). `none` is always inside, `closed` never.
 */
export function isBeforeDeadline(rule: DeadlineRule, day: IsoDay, now: Date, options: DeadlineOptions = {}): boolean {
  if (rule.kind === 'none') return true;
  if (rule.kind === 'closed') return false;
  const cutoff = deadlineFor(rule, day, options) as Date;
  return now.getTime() < cutoff.getTime() + MINUTE;
}

export type DeadlineOutcome = 'accepted' | 'request' | 'refused';
/** Why: no deadline, before the cut-off, after it, or not possible online at all. */
export type DeadlineReason = 'no_deadline' | 'before_cutoff' | 'after_cutoff' | 'closed';

export interface DeadlineDecision {
  outcome: DeadlineOutcome;
  reason: DeadlineReason;
  /** The cut-off instant, null for `none` and `closed`. */
  cutoff: Date | null;
}

/**
 * What happens to a booking (or a cancellation) of `day` asked at `now` under `policy`:
 * accepted at once, a request staff must accept, or refused. A `closed` rule is always refused (the family must
 * contact the service); `none` follows `insideDeadline`.
 */
export function decide(policy: DeadlinePolicy, day: IsoDay, now: Date, options: DeadlineOptions = {}): DeadlineDecision {
  const rule = policy.deadline;
  if (rule.kind === 'closed') return { outcome: 'refused', reason: 'closed', cutoff: null };
  const inside: DeadlineOutcome = policy.insideDeadline === 'accept' ? 'accepted' : 'request';
  if (rule.kind === 'none') return { outcome: inside, reason: 'no_deadline', cutoff: null };
  const cutoff = deadlineFor(rule, day, options) as Date;
  if (now.getTime() < cutoff.getTime() + MINUTE) return { outcome: inside, reason: 'before_cutoff', cutoff };
  return { outcome: policy.afterDeadline === 'request' ? 'request' : 'refused', reason: 'after_cutoff', cutoff };
}

// ---------- French wording: in wording.ts, which does not import zod (the planning on families' phones needs it) ----------

export { describeRule, formatParisInstant, formatParisInstantFr, formatWallTimeEn, formatWallTimeFr } from './wording.js';
