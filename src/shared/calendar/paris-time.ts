/**
 * Calendar days and Europe/Paris wall time, independent of the machine's time zone.
 *
 * - A calendar day is a `YYYY-MM-DD` string (`IsoDay`); day arithmetic is done on UTC midnights, so it never
 *   depends on the process's `TZ`.
 * - An instant is a `Date` (stored and sent as a UTC ISO string).
 * - Paris wall time comes from `Intl.DateTimeFormat` with `timeZone: 'Europe/Paris'` (Node and browsers ship the
 *   IANA data), so a future change of the EU daylight-saving rules arrives with the runtime, not with our code.
 *
 * Wall times that do not exist or exist twice (RFC 5545 §3.3.5 and Temporal's "compatible" disambiguation):
 * - spring gap (last Sunday of March, 02:00 → 03:00): a time inside the gap is read with the offset in force
 *   before the gap, i.e. shifted forward by the gap's length: 02:30 → 03:30 CEST (01:30 UTC);
 * - autumn overlap (last Sunday of October, 03:00 → 02:00): a time that occurs twice means its first
 *   occurrence (summer time): 02:30 → 02:30 CEST (00:30 UTC).
 */

/** A calendar day, `YYYY-MM-DD`. */
export type IsoDay = string;
/** A wall-clock time of day, `HH:MM` from 00:00 to 23:59. */
export type WallTime = string;
/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const PARIS_TIME_ZONE = 'Europe/Paris';

/** A programming error in what was passed to a calendar function (not a user input problem: validate first). */
export class CalendarError extends Error {
  readonly code: 'calendar.invalid_day' | 'calendar.invalid_time' | 'calendar.invalid_instant' | 'calendar.no_countable_day';
  constructor(code: CalendarError['code'], message: string) {
    super(message);
    this.name = 'CalendarError';
    this.code = code;
  }
}

const MS_PER_DAY = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

interface DayParts {
  year: number;
  month: number;
  day: number;
}

function dayParts(day: IsoDay): DayParts {
  const m = DAY_PATTERN.exec(day);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const d = Number(m[3]);
    if (month >= 1 && month <= 12 && d >= 1 && d <= daysInMonth(year, month)) return { year, month, day: d };
  }
  throw new CalendarError('calendar.invalid_day', `Not a calendar day (YYYY-MM-DD): ${JSON.stringify(day)}`);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Days since 1970-01-01 of a calendar day. */
function epochDay(day: IsoDay): number {
  const p = dayParts(day);
  return Date.UTC(p.year, p.month - 1, p.day) / MS_PER_DAY;
}

function dayFromEpochDay(n: number): IsoDay {
  const d = new Date(n * MS_PER_DAY);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Whether `value` is an existing calendar day written `YYYY-MM-DD`. */
export function isIsoDay(value: unknown): value is IsoDay {
  if (typeof value !== 'string') return false;
  try {
    dayParts(value);
    return true;
  } catch {
    return false;
  }
}

/** Whether `value` is a wall time written `HH:MM` (00:00 to 23:59). */
export function isWallTime(value: unknown): value is WallTime {
  return typeof value === 'string' && TIME_PATTERN.test(value);
}

/** Builds a day from its parts (month 1–12); throws CalendarError when the day does not exist. */
export function makeDay(year: number, month: number, day: number): IsoDay {
  const s = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  dayParts(s);
  return s;
}

/** Year, month (1–12) and day of month of a calendar day. */
export function splitDay(day: IsoDay): { year: number; month: number; day: number } {
  return dayParts(day);
}

/** Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days of a month (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** The day `n` days after `day` (negative `n` goes back). */
export function addDays(day: IsoDay, n: number): IsoDay {
  return dayFromEpochDay(epochDay(day) + n);
}

/** Number of days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDay, to: IsoDay): number {
  return epochDay(to) - epochDay(from);
}

/** Orders two days: negative, zero or positive like a comparator. */
export function compareDays(a: IsoDay, b: IsoDay): number {
  return Math.sign(epochDay(a) - epochDay(b));
}

/** ISO weekday of a day: 1 = Monday … 7 = Sunday. */
export function weekdayOf(day: IsoDay): Weekday {
  // 1970-01-01 was a Thursday (4).
  return ((((epochDay(day) + 3) % 7) + 7) % 7 + 1) as Weekday;
}

/** Monday of the ISO week containing `day`. */
export function mondayOf(day: IsoDay): IsoDay {
  return addDays(day, 1 - weekdayOf(day));
}

/** ISO 8601 week: the year that owns the week (may differ from the day's year around 1 January) and its number. */
export function isoWeekOf(day: IsoDay): { year: number; week: number } {
  const thursday = addDays(day, 4 - weekdayOf(day));
  const year = dayParts(thursday).year;
  const week = Math.floor(daysBetween(`${pad(year, 4)}-01-01`, thursday) / 7) + 1;
  return { year, week };
}

/** Minutes since midnight of a `HH:MM` wall time; throws CalendarError on anything else. */
export function wallTimeMinutes(time: WallTime): number {
  const m = TIME_PATTERN.exec(time);
  if (!m) throw new CalendarError('calendar.invalid_time', `Not a wall time (HH:MM): ${JSON.stringify(time)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

// ---------- Europe/Paris ----------

let formatter: Intl.DateTimeFormat | undefined;

function parisFormatter(): Intl.DateTimeFormat {
  formatter ??= new Intl.DateTimeFormat('en-US', {
    timeZone: PARIS_TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return formatter;
}

/** Paris wall-clock reading of an instant. */
export interface ParisWallClock {
  day: IsoDay;
  hour: number;
  minute: number;
  second: number;
}

function checkInstant(instant: Date): number {
  const t = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(t)) throw new CalendarError('calendar.invalid_instant', 'Not a valid Date');
  return t;
}

function formattedOffsetMinutes(t: number): number {
  const parts: Record<string, number> = {};
  for (const p of parisFormatter().formatToParts(new Date(t))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  // Some engines still write midnight as 24.
  const wallAsUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
  return Math.round((wallAsUtc - Math.floor(t / 1000) * 1000) / 60_000);
}

// Paris changes offset on whole UTC hours, so one formatting per UTC hour is enough (formatToParts is slow
// next to a map lookup, and a planning grid asks for hundreds of cut-offs).
const offsetByUtcHour = new Map<number, number>();

/** Offset of Paris time from UTC at `instant`, in minutes (60 in winter, 120 in summer). */
export function parisOffsetMinutes(instant: Date): number {
  const t = checkInstant(instant);
  const hour = Math.floor(t / 3_600_000);
  let offset = offsetByUtcHour.get(hour);
  if (offset === undefined) {
    if (offsetByUtcHour.size > 100_000) offsetByUtcHour.clear();
    offset = formattedOffsetMinutes(t);
    offsetByUtcHour.set(hour, offset);
  }
  return offset;
}

/** What a clock in Paris shows at `instant`. */
export function parisWallClockOf(instant: Date): ParisWallClock {
  const wall = new Date(checkInstant(instant) + parisOffsetMinutes(instant) * 60_000);
  return {
    day: `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`,
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

/** The calendar day in Paris at `instant`. */
export function parisDateOf(instant: Date): IsoDay {
  return parisWallClockOf(instant).day;
}

/** The Paris wall time `HH:MM` at `instant`. */
export function parisTimeOf(instant: Date): WallTime {
  const c = parisWallClockOf(instant);
  return `${pad(c.hour)}:${pad(c.minute)}`;
}

/**
 * The instant at which Paris clocks show `time` on `day`.
 * A time skipped by the spring change is shifted forward by the gap (02:30 → 03:30 CEST); a time repeated by the
 * autumn change is its first occurrence (CEST). See the module comment.
 */
export function parisInstant(day: IsoDay, time: WallTime): Date {
  const p = dayParts(day);
  const minutes = wallTimeMinutes(time);
  const wallAsUtc = Date.UTC(p.year, p.month - 1, p.day) + minutes * 60_000;
  // Paris changes offset at most once within any 72 hours: the offsets a day and a half either side are the only
  // candidates.
  const before = parisOffsetMinutes(new Date(wallAsUtc - 36 * 3_600_000));
  const after = parisOffsetMinutes(new Date(wallAsUtc + 36 * 3_600_000));
  const matches: number[] = [];
  for (const offset of new Set([before, after])) {
    const t = wallAsUtc - offset * 60_000;
    if (parisOffsetMinutes(new Date(t)) === offset) matches.push(t);
  }
  if (matches.length > 0) return new Date(Math.min(...matches));
  return new Date(wallAsUtc - before * 60_000); // in the spring gap
}

/** Midnight in Paris at the start of `day`. */
export function parisStartOfDay(day: IsoDay): Date {
  return parisInstant(day, '00:00');
}
