/**
 * The planning grid's cell state: a pure function of what is known about one (day, unit) for one child, so the
 * planning (GET) and the submission (POST) agree on every rule. No database, no clock: `now` and the deadline
 * outcomes are inputs.
 */
import type { CellState, PlanningCell, SchoolHolidayMode } from '../../../shared/booking-contracts.js';

/** What the deadline rule says for this day at `now` (see the calendar module's decide()). */
export interface DeadlineOutcome {
  outcome: 'accepted' | 'request' | 'refused';
  /** the cut-off instant of this day (UTC ISO), when the rule has one */
  cutoff: string | null;
  /** true once the cut-off has passed (the outcome is then the policy's « after the deadline ») */
  late: boolean;
}

export interface CellInput {
  day: string;
  /** ISO weekday of `day` */
  weekday: number;
  inPeriod: boolean;
  openWeekdays: readonly number[];
  publicHoliday: boolean;
  schoolHoliday: boolean;
  schoolHolidayMode: SchoolHolidayMode;
  /** the closure's text when the establishment or the activity is closed that day */
  closureReason: string | null;
  ageAllowed: boolean;
  /** why the family cannot book at all now (account not validated, booking window not open), or null */
  blocked: string | null;
  /** the child's current booking of this cell */
  booking: { state: 'accepted' | 'pending' | 'waitlisted'; cancelRequested: boolean } | null;
  /** places: capacity and taken (accepted + pending) */
  counter: { capacity: number; booked: number };
  book: DeadlineOutcome;
  cancel: DeadlineOutcome;
}

export const FEW_PLACES_THRESHOLD = 5;

export type CellResult = Omit<PlanningCell, 'unitId'>;

function cell(state: CellState, extra: Partial<CellResult> = {}): CellResult {
  return { state, reason: null, onBook: null, onCancel: null, cutoff: null, cancelCutoff: null, placesLeft: null, ...extra };
}

/** Why a day cannot be booked whatever the deadline, capacity or account: closed, holiday, age… or null. */
export function unavailability(i: CellInput): { state: CellState; reason: string } | null {
  if (!i.inPeriod) return { state: 'closed', reason: 'outside_period' };
  // issue 17: a day the activity never runs says so first — a public holiday on a Friday showed as « Fermé » in the
  // Wednesdays' planning, which says elsewhere that there is no activity on Fridays (the grid hides those days)
  if (!i.openWeekdays.includes(i.weekday)) return { state: 'closed', reason: 'weekday' };
  if (i.closureReason) return { state: 'closed', reason: i.closureReason };
  if (i.publicHoliday) return { state: 'closed', reason: 'public_holiday' };
  if (i.schoolHolidayMode === 'closed' && i.schoolHoliday) return { state: 'holiday', reason: 'school_holiday' };
  if (i.schoolHolidayMode === 'only' && !i.schoolHoliday) return { state: 'closed', reason: 'school_term' };
  if (!i.ageAllowed) return { state: 'age_not_allowed', reason: 'age' };
  return null;
}

/**
 * What cancelling a booking does now: leaving the waiting list or withdrawing a pending request is immediate;
 * an accepted booking follows the cancellation rule (accepted at once, a request, or not online any more).
 */
export function cancelEffect(i: Pick<CellInput, 'booking' | 'cancel'>): 'accepted' | 'request' | null {
  const b = i.booking;
  if (!b || b.cancelRequested) return null;
  if (b.state !== 'accepted') return 'accepted';
  return i.cancel.outcome === 'refused' ? null : i.cancel.outcome;
}

/** The state of one cell of the planning grid, and what clicking it would do. */
export function cellState(i: CellInput): CellResult {
  const cutoffs = { cutoff: i.book.cutoff, cancelCutoff: i.cancel.cutoff };
  if (i.booking) {
    const onCancel = cancelEffect(i);
    if (i.booking.cancelRequested) return cell('cancel_requested', { ...cutoffs });
    const state: CellState =
      i.booking.state === 'accepted' ? 'accepted' : i.booking.state === 'pending' ? 'requested' : 'waitlisted';
    return cell(state, { ...cutoffs, onCancel });
  }
  const off = unavailability(i);
  if (off) return cell(off.state, { reason: off.reason });
  if (i.blocked) return cell('not_open', { reason: i.blocked, ...cutoffs });
  if (i.book.outcome === 'refused') return cell('deadline_passed', { reason: 'booking.deadline_passed', ...cutoffs });
  const pastCutoff = i.book.late;
  const left = i.counter.capacity - i.counter.booked;
  if (left <= 0) return cell('full', { onBook: 'waitlist', ...cutoffs, placesLeft: 0 });
  const onBook = i.book.outcome === 'accepted' ? 'accepted' : 'request';
  return cell(pastCutoff ? 'deadline_passed' : 'bookable', {
    onBook,
    reason: pastCutoff ? 'booking.deadline_passed' : null,
    ...cutoffs,
    placesLeft: left <= FEW_PLACES_THRESHOLD ? left : null,
  });
}

/** Age in full years on `day` (both `YYYY-MM-DD`). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function ageAllowed(birthDate: string, day: string, minAge: number | null, maxAge: number | null): boolean {
  const age = ageOn(birthDate, day);
  return (minAge === null || age >= minAge) && (maxAge === null || age <= maxAge);
}

/** A unit's same-day rules, by unit code. */
export interface UnitRule {
  requires: string | null;
  excludes: readonly string[];
}

/**
 * The changes of one day that would break a unit rule, given the units the child holds that day: a unit needing
 * another that would not be held (`booking.requires_unit`), two units excluding each other (`booking.excluded_unit`,
 * exclusion is symmetric), or cancelling a unit another one needs (`booking.required_by`). Only the changes not
 * already refused are given. Returns the refusal code per change index.
 */
export function unitRuleRefusals(
  rules: ReadonlyMap<string, UnitRule>,
  held: ReadonlySet<string>,
  changes: readonly { code: string; action: 'book' | 'cancel' }[],
): Map<number, string> {
  const after = new Set(held);
  for (const c of changes) if (c.action === 'cancel') after.delete(c.code);
  for (const c of changes) if (c.action === 'book') after.add(c.code);
  const excludes = (a: string, b: string) => (rules.get(a)?.excludes.includes(b) ?? false) || (rules.get(b)?.excludes.includes(a) ?? false);
  const out = new Map<number, string>();
  changes.forEach((c, i) => {
    if (c.action !== 'book') return;
    const needs = rules.get(c.code)?.requires;
    if (needs && !after.has(needs)) out.set(i, 'booking.requires_unit');
    else if ([...after].some((other) => other !== c.code && excludes(c.code, other))) out.set(i, 'booking.excluded_unit');
  });
  // a refused booking will not be held: it needs nothing from the cancellations
  changes.forEach((c, i) => {
    if (c.action === 'book' && out.has(i) && !held.has(c.code)) after.delete(c.code);
  });
  changes.forEach((c, i) => {
    if (c.action === 'cancel' && [...after].some((other) => rules.get(other)?.requires === c.code)) out.set(i, 'booking.required_by');
  });
  return out;
}
