/**
 * The pure rules the planning (GET) and the submit engine (POST) share, next to grid-state.ts: who may book now, what
 * a deadline policy gives for one unit on one day, a cell's fixed facts, and a reservation's state from its lines.
 * No database, no clock: `now` and the calendar facts are inputs.
 */
import type { ActivityConfig, CalendarFacts, PeriodRow, UnitRow } from '../catalog/catalog.service.js';
import type { FamilyScope } from '../family/family.service.js';
import { decide } from '../../../shared/calendar/deadlines.js';
import type { WallTime } from '../../../shared/calendar/paris-time.js';
import { parisDateOf, weekdayOf } from '../../../shared/calendar/paris-time.js';
import type { ReservationState, ReservationSummary } from '../../../shared/booking-contracts.js';
import { ageAllowed, type CellInput, type DeadlineOutcome } from './grid-state.js';
import { custodyAllows, type CustodyPart } from '../../../shared/custody.js';

/** Who books: the family from the session, and whether its account is validated. */
export interface BookingScope extends FamilyScope {
  accountStatus: string;
}

export function blockedFor(scope: Pick<BookingScope, 'accountStatus'>): string | null {
  return scope.accountStatus === 'active' ? null : 'account.not_validated';
}

export function windowBlock(period: PeriodRow, nowIso: string): string | null {
  if (nowIso < period.opens_at) return 'period.not_open';
  if (nowIso >= period.closes_at) return 'period.closed';
  return null;
}

/** What a policy gives for one unit on one day; `hoursBefore` rules « from the unit's start » use its start time. */
export function outcome(policy: ActivityConfig['bookingPolicy'], day: string, now: Date, facts: CalendarFacts, unit: UnitRow): DeadlineOutcome {
  const d = decide(policy, day, now, { holidays: facts.publicHoliday, ...(unit.start_time ? { unitStart: unit.start_time as WallTime } : {}) });
  const cutoff = d.cutoff ? d.cutoff.toISOString() : null;
  // A day already gone (in Paris) is never booked or cancelled online, whatever the rule (even « sans délai »).
  if (day < parisDateOf(now)) return { outcome: 'refused', cutoff, late: true };
  return { outcome: d.outcome, cutoff, late: d.reason === 'after_cutoff' };
}

/** Everything the rules need about one activity and period, loaded once per request (booking.planning.ts → loadBundle). */
export interface Bundle {
  activity: ActivityConfig;
  units: UnitRow[];
  period: PeriodRow;
}

export function baseCell(
  bundle: Bundle,
  facts: CalendarFacts,
  birthDate: string,
  day: string,
): Omit<CellInput, 'blocked' | 'booking' | 'counter' | 'book' | 'cancel'> {
  const a = bundle.activity;
  return {
    day,
    weekday: weekdayOf(day),
    inPeriod: bundle.period.start_day <= day && day <= bundle.period.end_day,
    openWeekdays: a.openWeekdays,
    publicHoliday: facts.publicHoliday(day),
    schoolHoliday: facts.schoolHolidayOn(day),
    schoolHolidayMode: a.schoolHolidays,
    closureReason: facts.closureOn(day),
    ageAllowed: ageAllowed(birthDate, day, a.minAge, a.maxAge),
  };
}

/** The refusal code of a booking line on a day the planning shows unavailable (grid-state.ts → unavailability). */
export const REFUSAL_OF: Record<string, string> = {
  outside_period: 'booking.outside_period',
  public_holiday: 'booking.public_holiday',
  weekday: 'booking.weekday',
  school_holiday: 'booking.holiday',
  school_term: 'booking.closed',
  age: 'booking.age_not_allowed',
};

/** A reservation's state from the states of its lines (§5.2). */
export function stateOf(counts: ReservationSummary['counts']): ReservationState {
  if (counts.pending > 0) return 'pending';
  const total = counts.accepted + counts.waitlisted + counts.refused;
  if (counts.refused === total) return 'refused';
  if (counts.accepted === total) return 'accepted';
  if (counts.waitlisted === total) return 'waitlisted';
  return 'partial';
}

/**
 * A shared child's day for one household (issue 11): refused when the custody schedule gives it to the other
 * household (`household.other_custody`), or when the other household already booked the child that day for this
 * activity (`household.day_taken`). `custody` null: the child has one household, nothing to refuse.
 */
export function householdRefusal(custody: CustodyPart | null, day: string, otherDays: ReadonlySet<string>): string | null {
  if (!custody) return null;
  if (!custodyAllows(custody, day)) return 'household.other_custody';
  if (otherDays.has(day)) return 'household.day_taken';
  return null;
}
