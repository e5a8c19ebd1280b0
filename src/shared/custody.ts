/**
 * The custody schedule of a child shared by two households (issue 11): which days each household may book. Pure:
 * the planning, the submit engine and the pages compute it the same way.
 */
import { daysBetween, mondayOf, weekdayOf } from './calendar/paris-time.js';

export const CUSTODY_KINDS = ['free', 'alternate_weeks', 'weekdays'] as const;
export type CustodyKind = (typeof CUSTODY_KINDS)[number];

/** One household's part of the schedule. */
export interface CustodyPart {
  kind: CustodyKind;
  /** alternate weeks: a Monday of one of this household's weeks (every other week from there) */
  anchor: string | null;
  /** weekdays: this household's ISO weekdays (1 = Monday … 7 = Sunday) */
  weekdays: readonly number[];
}

/** Whether the schedule gives `day` to this household. « free »: every day (a day is then the first to book it). */
export function custodyAllows(part: CustodyPart, day: string): boolean {
  if (part.kind === 'alternate_weeks') {
    if (!part.anchor) return true;
    const weeks = Math.round(daysBetween(mondayOf(part.anchor), mondayOf(day)) / 7);
    return ((weeks % 2) + 2) % 2 === 0;
  }
  if (part.kind === 'weekdays') return part.weekdays.includes(weekdayOf(day));
  return true;
}

/** « 1,3,5 » ↔ [1, 3, 5] (how the link row stores weekdays). */
export function parseWeekdays(s: string | null): number[] {
  return (s ?? '')
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n >= 1 && n <= 7);
}
