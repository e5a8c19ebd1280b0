import { describe, expect, it } from 'vitest';
import { ageAllowed, ageOn, cancelEffect, cellState, FEW_PLACES_THRESHOLD, unitRuleRefusals, type CellInput } from './grid-state.js';

const CUTOFF = '2026-09-10T10:00:00.000Z';
const inside = { outcome: 'accepted' as const, cutoff: CUTOFF, late: false };

function input(o: Partial<CellInput> = {}): CellInput {
  return {
    day: '2026-09-14',
    weekday: 1,
    inPeriod: true,
    openWeekdays: [1, 2, 4, 5],
    publicHoliday: false,
    schoolHoliday: false,
    schoolHolidayMode: 'closed',
    closureReason: null,
    ageAllowed: true,
    blocked: null,
    booking: null,
    counter: { capacity: 20, booked: 3 },
    book: inside,
    cancel: inside,
    ...o,
  };
}

describe('cellState — free cells', () => {
  it('is bookable and accepted at once inside the deadline', () => {
    expect(cellState(input())).toEqual({
      state: 'bookable',
      reason: null,
      onBook: 'accepted',
      onCancel: null,
      cutoff: CUTOFF,
      cancelCutoff: CUTOFF,
      placesLeft: null,
    });
  });

  it('gives a request when the policy asks staff to accept inside the deadline', () => {
    expect(cellState(input({ book: { outcome: 'request', cutoff: CUTOFF, late: false } }))).toMatchObject({ state: 'bookable', onBook: 'request' });
  });

  it('is past the deadline with a late request when the policy allows one', () => {
    expect(cellState(input({ book: { outcome: 'request', cutoff: CUTOFF, late: true } }))).toMatchObject({
      state: 'deadline_passed',
      onBook: 'request',
      reason: 'booking.deadline_passed',
      cutoff: CUTOFF,
    });
  });

  it('is past the deadline and not bookable when the policy refuses', () => {
    expect(cellState(input({ book: { outcome: 'refused', cutoff: CUTOFF, late: true } }))).toMatchObject({
      state: 'deadline_passed',
      onBook: null,
      cutoff: CUTOFF,
    });
  });

  it('is not bookable online at all with a closed rule (no cut-off)', () => {
    expect(cellState(input({ book: { outcome: 'refused', cutoff: null, late: false } }))).toMatchObject({ state: 'deadline_passed', onBook: null, cutoff: null });
  });

  it('is full with the waiting list offered when no place is left', () => {
    expect(cellState(input({ counter: { capacity: 5, booked: 5 } }))).toMatchObject({ state: 'full', onBook: 'waitlist', placesLeft: 0 });
    expect(cellState(input({ counter: { capacity: 0, booked: 0 } }))).toMatchObject({ state: 'full', onBook: 'waitlist' });
  });

  it('offers the waiting list on a full day even past the cut-off when a late request is allowed', () => {
    expect(cellState(input({ counter: { capacity: 5, booked: 5 }, book: { outcome: 'request', cutoff: CUTOFF, late: true } }))).toMatchObject({
      state: 'full',
      onBook: 'waitlist',
    });
  });

  it('does not offer the waiting list when the deadline refuses', () => {
    expect(cellState(input({ counter: { capacity: 5, booked: 5 }, book: { outcome: 'refused', cutoff: CUTOFF, late: true } }))).toMatchObject({
      state: 'deadline_passed',
      onBook: null,
    });
  });

  it('shows the places left only when few remain', () => {
    expect(cellState(input({ counter: { capacity: 20, booked: 20 - FEW_PLACES_THRESHOLD } })).placesLeft).toBe(FEW_PLACES_THRESHOLD);
    expect(cellState(input({ counter: { capacity: 20, booked: 19 } })).placesLeft).toBe(1);
    expect(cellState(input({ counter: { capacity: 20, booked: 20 - FEW_PLACES_THRESHOLD - 1 } })).placesLeft).toBeNull();
  });

  it('says why when the family cannot book at all (account, booking window)', () => {
    expect(cellState(input({ blocked: 'account.not_validated' }))).toMatchObject({ state: 'not_open', reason: 'account.not_validated', onBook: null });
    expect(cellState(input({ blocked: 'period.not_open' }))).toMatchObject({ state: 'not_open', reason: 'period.not_open' });
  });
});

describe('cellState — days the activity does not run', () => {
  const cases: [Partial<CellInput>, string, string][] = [
    [{ inPeriod: false }, 'closed', 'outside_period'],
    [{ closureReason: 'Journée pédagogique' }, 'closed', 'Journée pédagogique'],
    [{ publicHoliday: true }, 'closed', 'public_holiday'],
    [{ weekday: 3, day: '2026-09-16' }, 'closed', 'weekday'],
    [{ schoolHoliday: true, schoolHolidayMode: 'closed' }, 'holiday', 'school_holiday'],
    [{ schoolHoliday: false, schoolHolidayMode: 'only' }, 'closed', 'school_term'],
    [{ ageAllowed: false }, 'age_not_allowed', 'age'],
  ];
  for (const [o, state, reason] of cases) {
    it(`${state} (${reason})`, () => {
      expect(cellState(input(o))).toMatchObject({ state, reason, onBook: null, onCancel: null });
    });
  }

  it('runs during school holidays when the activity is a holiday one, and ignores them when told', () => {
    expect(cellState(input({ schoolHoliday: true, schoolHolidayMode: 'only' })).state).toBe('bookable');
    expect(cellState(input({ schoolHoliday: true, schoolHolidayMode: 'ignore' })).state).toBe('bookable');
  });

  it('a closure wins over everything else but an existing booking; holidays before the account state', () => {
    expect(cellState(input({ closureReason: 'Grève', counter: { capacity: 1, booked: 1 }, blocked: 'account.not_validated' }))).toMatchObject({
      state: 'closed',
      reason: 'Grève',
    });
    expect(cellState(input({ publicHoliday: true, blocked: 'period.closed' })).state).toBe('closed');
  });
});

describe('cellState — booked cells', () => {
  it('shows an accepted booking and what cancelling does inside the cancellation deadline', () => {
    expect(cellState(input({ booking: { state: 'accepted', cancelRequested: false } }))).toMatchObject({ state: 'accepted', onCancel: 'accepted', onBook: null });
  });

  it('turns cancellation into a request or refuses it after the cancellation cut-off', () => {
    const late = (outcome: 'request' | 'refused') => ({ outcome, cutoff: CUTOFF, late: true });
    expect(cellState(input({ booking: { state: 'accepted', cancelRequested: false }, cancel: late('request') })).onCancel).toBe('request');
    expect(cellState(input({ booking: { state: 'accepted', cancelRequested: false }, cancel: late('refused') })).onCancel).toBeNull();
  });

  it('shows a pending request and a waiting-list place; both can be withdrawn at once', () => {
    const late = { outcome: 'refused' as const, cutoff: CUTOFF, late: true };
    expect(cellState(input({ booking: { state: 'pending', cancelRequested: false }, cancel: late }))).toMatchObject({ state: 'requested', onCancel: 'accepted' });
    expect(cellState(input({ booking: { state: 'waitlisted', cancelRequested: false }, cancel: late }))).toMatchObject({ state: 'waitlisted', onCancel: 'accepted' });
  });

  it('shows a cancellation request that staff have not decided yet', () => {
    expect(cellState(input({ booking: { state: 'accepted', cancelRequested: true } }))).toMatchObject({ state: 'cancel_requested', onCancel: null, onBook: null });
  });

  it('keeps showing a booking on a day closed afterwards (the family must see it to cancel it)', () => {
    expect(cellState(input({ closureReason: 'Grève', booking: { state: 'accepted', cancelRequested: false } })).state).toBe('accepted');
  });

  it('cancelEffect: nothing to cancel without a booking', () => {
    expect(cancelEffect({ booking: null, cancel: inside })).toBeNull();
  });
});

describe('ages', () => {
  it('counts full years on the booked day', () => {
    expect(ageOn('2020-09-14', '2026-09-13')).toBe(5);
    expect(ageOn('2020-09-14', '2026-09-14')).toBe(6);
    expect(ageOn('2020-02-29', '2026-02-28')).toBe(5);
    expect(ageOn('2020-02-29', '2026-03-01')).toBe(6);
  });

  it('applies inclusive limits, each optional', () => {
    expect(ageAllowed('2020-09-14', '2026-09-14', 3, 6)).toBe(true);
    expect(ageAllowed('2020-09-14', '2026-09-13', 6, null)).toBe(false);
    expect(ageAllowed('2020-09-14', '2027-09-14', null, 6)).toBe(false);
    expect(ageAllowed('2020-09-14', '2027-09-13', null, 6)).toBe(true);
    expect(ageAllowed('2020-09-14', '2040-01-01', null, null)).toBe(true);
  });
});

describe('unit rules (same day)', () => {
  const rules = new Map([
    ['matin', { requires: null, excludes: [] }],
    ['repas', { requires: 'matin', excludes: [] }],
    ['apres_midi', { requires: null, excludes: [] }],
    ['journee', { requires: null, excludes: ['matin', 'apres_midi'] }],
  ]);
  const run = (held: string[], changes: [string, 'book' | 'cancel'][]) =>
    Object.fromEntries(unitRuleRefusals(rules, new Set(held), changes.map(([code, action]) => ({ code, action }))));

  it('a meal needs the morning, held already or booked in the same request', () => {
    expect(run([], [['repas', 'book']])).toEqual({ 0: 'booking.requires_unit' });
    expect(run(['matin'], [['repas', 'book']])).toEqual({});
    expect(run([], [['matin', 'book'], ['repas', 'book']])).toEqual({});
    expect(run(['matin'], [['matin', 'cancel'], ['repas', 'book']])).toEqual({ 1: 'booking.requires_unit' });
  });

  it('the whole day excludes the half days, both ways', () => {
    expect(run(['matin'], [['journee', 'book']])).toEqual({ 0: 'booking.excluded_unit' });
    expect(run(['journee'], [['apres_midi', 'book']])).toEqual({ 0: 'booking.excluded_unit' });
    expect(run([], [['journee', 'book'], ['matin', 'book']])).toEqual({ 0: 'booking.excluded_unit', 1: 'booking.excluded_unit' });
    expect(run(['matin'], [['matin', 'cancel'], ['journee', 'book']])).toEqual({});
  });

  it('cancelling the morning while keeping the meal is refused; cancelling both is fine', () => {
    expect(run(['matin', 'repas'], [['matin', 'cancel']])).toEqual({ 0: 'booking.required_by' });
    expect(run(['matin', 'repas'], [['matin', 'cancel'], ['repas', 'cancel']])).toEqual({});
  });
});

describe('cellState — a day the activity never runs (issue 17)', () => {
  it('says « no activity this weekday » even on a public holiday or a closure, so the grid hides it with the others', () => {
    // Friday 25 December 2026 for a Wednesdays-only activity
    const friday = { day: '2026-12-25', weekday: 5, openWeekdays: [3] };
    expect(cellState(input({ ...friday, publicHoliday: true }))).toMatchObject({ state: 'closed', reason: 'weekday' });
    expect(cellState(input({ ...friday, closureReason: 'Fermeture' }))).toMatchObject({ state: 'closed', reason: 'weekday' });
    // a Wednesday that is a public holiday still says why
    expect(cellState(input({ day: '2026-11-11', weekday: 3, openWeekdays: [3], publicHoliday: true }))).toMatchObject({ state: 'closed', reason: 'public_holiday' });
  });
});
