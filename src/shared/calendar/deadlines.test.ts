import { describe, expect, it } from 'vitest';
import {
  activityDeadlinesSchema,
  DEADLINE_MESSAGES_FR,
  deadlineFor,
  deadlinePolicySchema,
  deadlineRuleSchema,
  decide,
  describeRule,
  formatParisInstant,
  formatParisInstantFr,
  formatWallTimeFr,
  isBeforeDeadline,
  type DeadlineOptions,
  type DeadlinePolicy,
  type DeadlineRule,
} from './deadlines.js';
import { alsaceMoselle, frenchHolidayCalendar, metropolitanFrance } from './holidays.js';
import { addDays, CalendarError, daysBetween, parisDateOf, parisStartOfDay, parisTimeOf, weekdayOf, type IsoDay } from './paris-time.js';

// ---------- the real rules, as staff would store them ----------
/** « J-2 hors week-end à 12h » */
const J2_WEEKDAYS_NOON: DeadlineRule = { kind: 'daysBefore', days: 2, skip: 'weekends', at: '12:00' };
/** « jusqu'au mardi 23h59 pour la semaine suivante » */
const TUESDAY_2359: DeadlineRule = { kind: 'weekdayOfPreviousWeek', weekday: 2, at: '23:59' };
/** « vendredi 12h pour la semaine suivante » … */
const FRIDAY_NOON: DeadlineRule = { kind: 'weekdayOfPreviousWeek', weekday: 5, at: '12:00' };
/** … « annulation la veille 12h » */
const EVE_NOON: DeadlineRule = { kind: 'daysBefore', days: 1, skip: 'none', at: '12:00' };
/** « 3 jours ouvrés avant » (at noon) */
const THREE_WORKING_DAYS: DeadlineRule = { kind: 'daysBefore', days: 3, skip: 'workingDays', at: '12:00' };
/** « la veille à 18h » */
const EVE_18: DeadlineRule = { kind: 'daysBefore', days: 1, skip: 'none', at: '18:00' };
/** « 72 h avant » */
const H72: DeadlineRule = { kind: 'hoursBefore', hours: 72 };
/** « 15 jours francs avant » */
const FIFTEEN_CLEAR: DeadlineRule = { kind: 'daysBefore', days: 15, skip: 'none', at: '23:59', clearDays: true };
/** « 8 jours avant » (EGalim canteens) */
const EIGHT_DAYS: DeadlineRule = { kind: 'daysBefore', days: 8, skip: 'none', at: '12:00' };
/** « le 20 du mois précédent à 12h » */
const TWENTIETH: DeadlineRule = { kind: 'dayOfPreviousMonth', dayOfMonth: 20, at: '12:00' };

const cutoff = (rule: DeadlineRule, day: IsoDay, options?: DeadlineOptions) => deadlineFor(rule, day, options)?.toISOString();
const plus = (isoInstant: string, ms: number) => new Date(new Date(isoInstant).getTime() + ms);
const MIN = 60_000;

/** The minute before, the exact cut-off, the end of the cut-off minute (inside) and the minute after (outside). */
function expectEdges(rule: DeadlineRule, day: IsoDay, expected: string, options?: DeadlineOptions) {
  expect(cutoff(rule, day, options)).toBe(expected);
  expect(isBeforeDeadline(rule, day, plus(expected, -MIN), options), 'minute before').toBe(true);
  expect(isBeforeDeadline(rule, day, plus(expected, 0), options), 'exact cut-off').toBe(true);
  expect(isBeforeDeadline(rule, day, plus(expected, MIN - 1), options), 'end of the cut-off minute').toBe(true);
  expect(isBeforeDeadline(rule, day, plus(expected, MIN), options), 'minute after').toBe(false);
  expect(isBeforeDeadline(rule, day, plus(expected, 365 * 86_400_000), options), 'a year later').toBe(false);
}

describe('« J-2 hors week-end à 12h »', () => {
  it.each([
    ['2026-03-09', 'Monday → Thursday', '2026-03-05T11:00:00.000Z'],
    ['2026-03-10', 'Tuesday → Friday', '2026-03-06T11:00:00.000Z'],
    ['2026-03-11', 'Wednesday → Monday', '2026-03-09T11:00:00.000Z'],
    ['2026-03-12', 'Thursday → Tuesday', '2026-03-10T11:00:00.000Z'],
    ['2026-03-13', 'Friday → Wednesday', '2026-03-11T11:00:00.000Z'],
    ['2026-03-14', 'Saturday → Thursday', '2026-03-12T11:00:00.000Z'],
    ['2026-03-15', 'Sunday → Thursday', '2026-03-12T11:00:00.000Z'],
  ])('%s (%s) at noon Paris', (day, _, expected) => {
    expect(cutoff(J2_WEEKDAYS_NOON, day)).toBe(expected);
  });

  it('Monday’s meal: Thursday 11:59 is in time, 12:00 is the last minute, 12:01 is too late', () => {
    expectEdges(J2_WEEKDAYS_NOON, '2026-03-09', '2026-03-05T11:00:00.000Z');
  });

  it('counts public holidays (only weekends are skipped): Monday 11 May 2026 → Thursday 7 May', () => {
    expect(cutoff(J2_WEEKDAYS_NOON, '2026-05-11')).toBe('2026-05-07T10:00:00.000Z');
  });

  it('uses winter time before the spring change and summer time after it', () => {
    expect(cutoff(J2_WEEKDAYS_NOON, '2026-03-30')).toBe('2026-03-26T11:00:00.000Z'); // Thursday, CET
    expect(cutoff(J2_WEEKDAYS_NOON, '2026-04-01')).toBe('2026-03-30T10:00:00.000Z'); // Monday, CEST
    expect(cutoff(J2_WEEKDAYS_NOON, '2026-10-27')).toBe('2026-10-23T10:00:00.000Z'); // Friday, CEST
    expect(cutoff(J2_WEEKDAYS_NOON, '2026-10-28')).toBe('2026-10-26T11:00:00.000Z'); // Monday, CET
  });

  it('crosses the new year', () => {
    expect(cutoff(J2_WEEKDAYS_NOON, '2027-01-04')).toBe('2026-12-31T11:00:00.000Z');
    expect(cutoff(J2_WEEKDAYS_NOON, '2027-01-01')).toBe('2026-12-30T11:00:00.000Z');
    expect(cutoff(J2_WEEKDAYS_NOON, '2026-01-05')).toBe('2026-01-01T11:00:00.000Z');
  });

  it('can also skip chosen weekdays (offices closed on Wednesdays): Friday → Tuesday', () => {
    const rule: DeadlineRule = { ...J2_WEEKDAYS_NOON, excludedWeekdays: [3] };
    expect(cutoff(rule, '2026-03-13')).toBe('2026-03-10T11:00:00.000Z');
    expect(cutoff(rule, '2026-03-12')).toBe('2026-03-09T11:00:00.000Z'); // Thursday: Tuesday, Monday
  });

  it('always lands on a weekday at 12:00 Paris, two weekdays before, every day of 2024–2027', () => {
    for (let day = '2024-01-01'; day <= '2027-12-31'; day = addDays(day, 1)) {
      const c = deadlineFor(J2_WEEKDAYS_NOON, day) as Date;
      const cday = parisDateOf(c);
      expect(parisTimeOf(c)).toBe('12:00');
      expect(weekdayOf(cday)).toBeLessThanOrEqual(5);
      let weekdaysBetween = 0;
      for (let d = addDays(cday, 1); d < day; d = addDays(d, 1)) if (weekdayOf(d) <= 5) weekdaysBetween++;
      expect(weekdaysBetween, day).toBe(1); // the cut-off day is the 2nd, so one weekday lies between
    }
  });
});

describe('« jusqu’au mardi 23h59 pour la semaine suivante »', () => {
  it('every day of a week has the Tuesday of the week before', () => {
    for (let day = '2026-03-09'; day <= '2026-03-15'; day = addDays(day, 1)) {
      expect(cutoff(TUESDAY_2359, day), day).toBe('2026-03-03T22:59:00.000Z');
    }
    expect(cutoff(TUESDAY_2359, '2026-03-16')).toBe('2026-03-10T22:59:00.000Z');
  });

  it('23:59:59 on Tuesday is still in time; Wednesday 00:00 is too late', () => {
    expectEdges(TUESDAY_2359, '2026-03-09', '2026-03-03T22:59:00.000Z');
    expect(isBeforeDeadline(TUESDAY_2359, '2026-03-09', new Date('2026-03-03T22:59:59.999Z'))).toBe(true);
    expect(isBeforeDeadline(TUESDAY_2359, '2026-03-09', new Date('2026-03-03T23:00:00.000Z'))).toBe(false);
  });

  it('follows both daylight-saving changes', () => {
    expect(cutoff(TUESDAY_2359, '2026-03-30')).toBe('2026-03-24T22:59:00.000Z'); // CET
    expect(cutoff(TUESDAY_2359, '2026-04-06')).toBe('2026-03-31T21:59:00.000Z'); // CEST
    expect(cutoff(TUESDAY_2359, '2026-10-26')).toBe('2026-10-20T21:59:00.000Z'); // CEST
    expect(cutoff(TUESDAY_2359, '2026-11-02')).toBe('2026-10-27T22:59:00.000Z'); // CET
    expectEdges(TUESDAY_2359, '2026-04-06', '2026-03-31T21:59:00.000Z');
  });

  it('crosses the new year with ISO weeks (Friday 1 January 2027 is in the week of 28 December)', () => {
    expect(cutoff(TUESDAY_2359, '2027-01-04')).toBe('2026-12-29T22:59:00.000Z');
    expect(cutoff(TUESDAY_2359, '2027-01-01')).toBe('2026-12-22T22:59:00.000Z');
    expect(cutoff(TUESDAY_2359, '2026-01-01')).toBe('2025-12-23T22:59:00.000Z');
  });

  it('week S-2: « vendredi 12 h, deux semaines avant »', () => {
    const rule: DeadlineRule = { kind: 'weekdayOfPreviousWeek', weekday: 5, at: '12:00', weeksBefore: 2 };
    expect(cutoff(rule, '2026-03-18')).toBe('2026-03-06T11:00:00.000Z');
    expect(cutoff(rule, '2026-03-22')).toBe('2026-03-06T11:00:00.000Z');
    expect(cutoff(rule, '2026-03-23')).toBe('2026-03-13T11:00:00.000Z');
  });
});

describe('« vendredi 12h pour la semaine suivante, annulation la veille 12h »', () => {
  const policies: { booking: DeadlinePolicy; cancellation: DeadlinePolicy } = {
    booking: { deadline: FRIDAY_NOON, insideDeadline: 'accept', afterDeadline: 'refuse' },
    cancellation: { deadline: EVE_NOON, insideDeadline: 'accept', afterDeadline: 'request' },
  };

  it('has two different cut-offs for the same day', () => {
    expect(cutoff(FRIDAY_NOON, '2026-03-11')).toBe('2026-03-06T11:00:00.000Z');
    expect(cutoff(EVE_NOON, '2026-03-11')).toBe('2026-03-10T11:00:00.000Z');
    expect(cutoff(EVE_NOON, '2026-03-16')).toBe('2026-03-15T11:00:00.000Z'); // la veille of a Monday is Sunday
  });

  it('minute before and after each cut-off', () => {
    expectEdges(FRIDAY_NOON, '2026-03-11', '2026-03-06T11:00:00.000Z');
    expectEdges(EVE_NOON, '2026-03-11', '2026-03-10T11:00:00.000Z');
  });

  it('booking: accepted until Friday 12:00, refused after', () => {
    expect(decide(policies.booking, '2026-03-11', new Date('2026-03-06T10:59:00Z'))).toEqual({
      outcome: 'accepted',
      reason: 'before_cutoff',
      cutoff: new Date('2026-03-06T11:00:00Z'),
    });
    expect(decide(policies.booking, '2026-03-11', new Date('2026-03-06T11:01:00Z'))).toEqual({
      outcome: 'refused',
      reason: 'after_cutoff',
      cutoff: new Date('2026-03-06T11:00:00Z'),
    });
  });

  it('cancellation: accepted until the eve 12:00, a request to staff after', () => {
    expect(decide(policies.cancellation, '2026-03-11', new Date('2026-03-10T10:59:00Z')).outcome).toBe('accepted');
    expect(decide(policies.cancellation, '2026-03-11', new Date('2026-03-10T11:01:00Z'))).toEqual({
      outcome: 'request',
      reason: 'after_cutoff',
      cutoff: new Date('2026-03-10T11:00:00Z'),
    });
    // after the booking cut-off but before the cancellation one: a family can still cancel at once
    expect(decide(policies.booking, '2026-03-11', new Date('2026-03-09T08:00:00Z')).outcome).toBe('refused');
    expect(decide(policies.cancellation, '2026-03-11', new Date('2026-03-09T08:00:00Z')).outcome).toBe('accepted');
  });

  it('keeps a Friday that is a public holiday, or moves it to the previous working day when asked', () => {
    expect(cutoff(FRIDAY_NOON, '2026-05-13')).toBe('2026-05-08T10:00:00.000Z'); // 8 May kept
    const moved: DeadlineRule = { ...FRIDAY_NOON, ifNonWorkingDay: 'previousWorkingDay' };
    expect(cutoff(moved, '2026-05-13')).toBe('2026-05-07T10:00:00.000Z');
    expect(cutoff(moved, '2026-05-20')).toBe('2026-05-15T10:00:00.000Z'); // the « pont » is a working day
    expect(cutoff(moved, '2026-12-30')).toBe('2026-12-24T11:00:00.000Z'); // Christmas Friday → Thursday 24
    expect(cutoff(moved, '2027-01-06')).toBe('2026-12-31T11:00:00.000Z'); // New Year's Friday → Thursday 31
    const thursday: DeadlineRule = { kind: 'weekdayOfPreviousWeek', weekday: 4, at: '12:00', ifNonWorkingDay: 'previousWorkingDay' };
    expect(cutoff(thursday, '2026-05-20')).toBe('2026-05-13T10:00:00.000Z'); // Ascension → Wednesday
  });
});

describe('« 3 jours ouvrés avant » (weekends and public holidays skipped)', () => {
  it('an ordinary week', () => {
    expect(cutoff(THREE_WORKING_DAYS, '2026-03-09')).toBe('2026-03-04T11:00:00.000Z'); // Monday → Wednesday
    expect(cutoff(THREE_WORKING_DAYS, '2026-03-12')).toBe('2026-03-09T11:00:00.000Z'); // Thursday → Monday
    expect(cutoff(THREE_WORKING_DAYS, '2026-03-15')).toBe('2026-03-11T11:00:00.000Z'); // Sunday → Wednesday
  });

  it.each([
    ['Easter Monday', '2026-04-09', '2026-04-03T10:00:00.000Z'],
    ['1 May (a Friday)', '2026-05-05', '2026-04-29T10:00:00.000Z'],
    ['8 May (a Friday)', '2026-05-11', '2026-05-05T10:00:00.000Z'],
    ['Ascension (the Friday « pont » counts)', '2026-05-18', '2026-05-12T10:00:00.000Z'],
    ['Whit Monday', '2026-05-28', '2026-05-22T10:00:00.000Z'],
    ['14 July (a Tuesday)', '2026-07-16', '2026-07-10T10:00:00.000Z'],
    ['11 November (a Wednesday)', '2026-11-13', '2026-11-09T11:00:00.000Z'],
    ['Christmas (a Friday)', '2026-12-29', '2026-12-23T11:00:00.000Z'],
    ['New Year (a Friday) and the year boundary', '2027-01-04', '2026-12-29T11:00:00.000Z'],
  ])('across %s: %s → %s', (_, day, expected) => {
    expect(cutoff(THREE_WORKING_DAYS, day)).toBe(expected);
  });

  it('minute before and after, across 8 May', () => {
    expectEdges(THREE_WORKING_DAYS, '2026-05-11', '2026-05-05T10:00:00.000Z');
  });

  it('uses the calendar it is given: Alsace-Moselle adds Good Friday and 26 December', () => {
    expect(cutoff(THREE_WORKING_DAYS, '2026-04-09', { holidays: alsaceMoselle })).toBe('2026-04-02T10:00:00.000Z');
    expect(cutoff(THREE_WORKING_DAYS, '2025-12-30')).toBe('2025-12-24T11:00:00.000Z');
    expect(cutoff(THREE_WORKING_DAYS, '2025-12-30', { holidays: alsaceMoselle })).toBe('2025-12-23T11:00:00.000Z');
    const cityClosedOnThePont = frenchHolidayCalendar({}, ['2026-05-15']);
    expect(cutoff(THREE_WORKING_DAYS, '2026-05-18', { holidays: cityClosedOnThePont })).toBe('2026-05-11T10:00:00.000Z');
  });

  it('always lands on a working day with exactly two working days between, every day of 2024–2027', () => {
    const working = (d: IsoDay) => weekdayOf(d) <= 5 && !metropolitanFrance(d);
    for (let day = '2024-01-01'; day <= '2027-12-31'; day = addDays(day, 1)) {
      const cday = parisDateOf(deadlineFor(THREE_WORKING_DAYS, day) as Date);
      expect(working(cday), day).toBe(true);
      let between = 0;
      for (let d = addDays(cday, 1); d < day; d = addDays(d, 1)) if (working(d)) between++;
      expect(between, day).toBe(2);
    }
  });

  it('« jours ouvrables »: only Sundays and public holidays are skipped', () => {
    const rule: DeadlineRule = { kind: 'daysBefore', days: 2, skip: 'publicHolidays', excludedWeekdays: [7], at: '12:00' };
    expect(cutoff(rule, '2026-03-09')).toBe('2026-03-06T11:00:00.000Z'); // Monday → Saturday (1), Friday (2)
    expect(cutoff(rule, '2026-05-11')).toBe('2026-05-07T10:00:00.000Z'); // Saturday 9 (1), Friday 8 skipped, Thursday 7 (2)
  });
});

describe('« la veille à 18h »', () => {
  it('the day before at 18:00 Paris, weekends included', () => {
    expectEdges(EVE_18, '2026-03-09', '2026-03-08T17:00:00.000Z'); // Monday → Sunday 18:00
    expect(cutoff(EVE_18, '2026-07-15')).toBe('2026-07-14T16:00:00.000Z');
  });

  it('across the new year and 29 February', () => {
    expect(cutoff(EVE_18, '2027-01-01')).toBe('2026-12-31T17:00:00.000Z');
    expect(cutoff(EVE_18, '2026-01-01')).toBe('2025-12-31T17:00:00.000Z');
    expect(cutoff(EVE_18, '2024-03-01')).toBe('2024-02-29T17:00:00.000Z');
    expect(cutoff(EVE_18, '2025-03-01')).toBe('2025-02-28T17:00:00.000Z');
  });

  it('on the nights the clocks change', () => {
    expectEdges(EVE_18, '2026-03-30', '2026-03-29T16:00:00.000Z'); // Sunday 29 March is already CEST at 18:00
    expectEdges(EVE_18, '2026-10-26', '2026-10-25T17:00:00.000Z'); // Sunday 25 October is CET at 18:00
  });
});

describe('a cut-off at 02:30 on the nights the clocks change', () => {
  const rule: DeadlineRule = { kind: 'daysBefore', days: 1, skip: 'none', at: '02:30' };

  it('spring forward: 02:30 does not exist on 29 March 2026, the cut-off moves forward an hour (03:30 CEST)', () => {
    expectEdges(rule, '2026-03-30', '2026-03-29T01:30:00.000Z');
    expect(parisTimeOf(deadlineFor(rule, '2026-03-30') as Date)).toBe('03:30');
    expect(isBeforeDeadline(rule, '2026-03-30', new Date('2026-03-29T00:59:00Z'))).toBe(true); // 01:59 CET
  });

  it('fall back: 02:30 happens twice on 25 October 2026, the first one counts', () => {
    expectEdges(rule, '2026-10-26', '2026-10-25T00:30:00.000Z');
    expect(isBeforeDeadline(rule, '2026-10-26', new Date('2026-10-25T01:30:00Z'))).toBe(false); // the second 02:30
  });
});

describe('« 72 h avant »', () => {
  it('72 hours before 00:00 of the day', () => {
    expectEdges(H72, '2026-03-12', '2026-03-08T23:00:00.000Z');
    expect(parisTimeOf(deadlineFor(H72, '2026-03-12') as Date)).toBe('00:00');
  });

  it('spanning the autumn change, counts real hours: Tuesday 27 Oct 00:00 CET − 72 h = Saturday 24 Oct 01:00 CEST', () => {
    expectEdges(H72, '2026-10-27', '2026-10-23T23:00:00.000Z');
    const c = deadlineFor(H72, '2026-10-27') as Date;
    expect(`${parisDateOf(c)} ${parisTimeOf(c)}`).toBe('2026-10-24 01:00');
    expect((new Date('2026-10-26T23:00:00Z').getTime() - c.getTime()) / 3_600_000).toBe(72);
  });

  it('spanning the spring change: Tuesday 31 March 00:00 CEST − 72 h = Friday 27 March 23:00 CET', () => {
    expectEdges(H72, '2026-03-31', '2026-03-27T22:00:00.000Z');
    const c = deadlineFor(H72, '2026-03-31') as Date;
    expect(`${parisDateOf(c)} ${parisTimeOf(c)}`).toBe('2026-03-27 23:00');
  });

  it('from the unit’s start time when the rule says so and the caller gives it', () => {
    const fromUnit: DeadlineRule = { kind: 'hoursBefore', hours: 72, from: 'unitStart' };
    expect(cutoff(fromUnit, '2026-10-26', { unitStart: '07:30' })).toBe('2026-10-23T06:30:00.000Z'); // 08:30 CEST
    expect(cutoff(fromUnit, '2026-10-26')).toBe('2026-10-22T23:00:00.000Z'); // no start time given: 00:00
    expect(cutoff(H72, '2026-10-26', { unitStart: '07:30' })).toBe('2026-10-22T23:00:00.000Z'); // rule counts from 00:00
  });

  it('crosses the new year', () => {
    expect(cutoff(H72, '2027-01-02')).toBe('2026-12-29T23:00:00.000Z');
  });
});

describe('« 15 jours francs avant » and « 8 jours avant »', () => {
  it('jours francs: neither the day of the act nor the booked day counts (15 full days in between)', () => {
    expectEdges(FIFTEEN_CLEAR, '2026-07-20', '2026-07-04T21:59:00.000Z');
    const last = parisDateOf(deadlineFor(FIFTEEN_CLEAR, '2026-07-20') as Date);
    expect(daysBetween(last, '2026-07-20') - 1).toBe(15);
  });

  it('jours francs across the new year and February', () => {
    expect(cutoff(FIFTEEN_CLEAR, '2027-01-05')).toBe('2026-12-20T22:59:00.000Z');
    expect(cutoff(FIFTEEN_CLEAR, '2024-03-10')).toBe('2024-02-23T22:59:00.000Z'); // leap year
    expect(cutoff(FIFTEEN_CLEAR, '2025-03-10')).toBe('2025-02-22T22:59:00.000Z');
  });

  it('jours francs ouvrés: two full working days between the act and the day', () => {
    const rule: DeadlineRule = { kind: 'daysBefore', days: 2, skip: 'workingDays', at: '23:59', clearDays: true };
    expect(cutoff(rule, '2026-03-09')).toBe('2026-03-04T22:59:00.000Z'); // Thursday and Friday in between
  });

  it('8 calendar days before', () => {
    expectEdges(EIGHT_DAYS, '2026-03-20', '2026-03-12T11:00:00.000Z');
    expect(cutoff(EIGHT_DAYS, '2026-04-03')).toBe('2026-03-26T11:00:00.000Z');
    expect(cutoff(EIGHT_DAYS, '2026-04-05')).toBe('2026-03-28T11:00:00.000Z'); // Saturday before the change
    expect(cutoff(EIGHT_DAYS, '2026-04-06')).toBe('2026-03-29T10:00:00.000Z'); // the change's Sunday at noon
  });

  it('0 days: the day itself at a given time (« le jour même à 9 h »)', () => {
    const rule: DeadlineRule = { kind: 'daysBefore', days: 0, skip: 'none', at: '09:00' };
    expectEdges(rule, '2026-03-09', '2026-03-09T08:00:00.000Z');
  });
});

describe('« le 20 du mois précédent à 12h »', () => {
  it('every day of a month has the 20th of the month before', () => {
    expect(cutoff(TWENTIETH, '2026-03-01')).toBe('2026-02-20T11:00:00.000Z');
    expect(cutoff(TWENTIETH, '2026-03-31')).toBe('2026-02-20T11:00:00.000Z');
    expectEdges(TWENTIETH, '2026-03-15', '2026-02-20T11:00:00.000Z');
  });

  it('crosses the new year and the time changes', () => {
    expect(cutoff(TWENTIETH, '2026-01-10')).toBe('2025-12-20T11:00:00.000Z');
    expect(cutoff(TWENTIETH, '2026-04-15')).toBe('2026-03-20T11:00:00.000Z');
    expect(cutoff(TWENTIETH, '2026-05-15')).toBe('2026-04-20T10:00:00.000Z');
    expect(cutoff(TWENTIETH, '2026-11-15')).toBe('2026-10-20T10:00:00.000Z');
    expect(cutoff(TWENTIETH, '2026-12-15')).toBe('2026-11-20T11:00:00.000Z');
  });

  it('clamps to the last day of shorter months, leap years included', () => {
    const last: DeadlineRule = { kind: 'dayOfPreviousMonth', dayOfMonth: 31, at: '12:00' };
    expect(cutoff(last, '2024-03-05')).toBe('2024-02-29T11:00:00.000Z');
    expect(cutoff(last, '2025-03-05')).toBe('2025-02-28T11:00:00.000Z');
    expect(cutoff(last, '2026-05-02')).toBe('2026-04-30T10:00:00.000Z');
    expect(cutoff(last, '2026-08-02')).toBe('2026-07-31T10:00:00.000Z');
    const thirtieth: DeadlineRule = { kind: 'dayOfPreviousMonth', dayOfMonth: 30, at: '12:00' };
    expect(cutoff(thirtieth, '2028-03-01')).toBe('2028-02-29T11:00:00.000Z');
  });

  it('two months before, and a cut-off moved off a public holiday', () => {
    expect(cutoff({ ...TWENTIETH, monthsBefore: 2 }, '2026-02-10')).toBe('2025-12-20T11:00:00.000Z');
    const first: DeadlineRule = { kind: 'dayOfPreviousMonth', dayOfMonth: 1, at: '12:00' };
    expect(cutoff(first, '2026-06-10')).toBe('2026-05-01T10:00:00.000Z');
    expect(cutoff({ ...first, ifNonWorkingDay: 'previousWorkingDay' }, '2026-06-10')).toBe('2026-04-30T10:00:00.000Z');
    expect(cutoff({ ...TWENTIETH, ifNonWorkingDay: 'previousWorkingDay' }, '2026-07-10')).toBe('2026-06-19T10:00:00.000Z'); // Saturday 20 June → Friday
  });
});

describe('every rule', () => {
  const rules: [string, DeadlineRule][] = [
    ['J-2', J2_WEEKDAYS_NOON], ['mardi', TUESDAY_2359], ['vendredi', FRIDAY_NOON], ['veille 12h', EVE_NOON],
    ['3 ouvrés', THREE_WORKING_DAYS], ['veille 18h', EVE_18], ['72 h', H72], ['15 francs', FIFTEEN_CLEAR],
    ['8 jours', EIGHT_DAYS], ['20 du mois', TWENTIETH],
  ];

  it.each(rules)('%s: the cut-off never moves back as the day moves on, and is before the day starts', (_, rule) => {
    let previous = -Infinity;
    for (let day = '2025-12-01'; day <= '2027-01-31'; day = addDays(day, 1)) {
      const c = (deadlineFor(rule, day) as Date).getTime();
      expect(c, day).toBeGreaterThanOrEqual(previous);
      expect(c, day).toBeLessThan(parisStartOfDay(day).getTime());
      previous = c;
    }
  });

  it('a rule that leaves nothing to count (bypassing the schema) throws a CalendarError, never loops', () => {
    const everyDayExcluded = { kind: 'daysBefore', days: 1, skip: 'weekends', excludedWeekdays: [1, 2, 3, 4, 5], at: '12:00' } as DeadlineRule;
    expect(() => deadlineFor(everyDayExcluded, '2026-03-09')).toThrow(CalendarError);
    const everyDayAHoliday = () => true;
    expect(() => deadlineFor(THREE_WORKING_DAYS, '2026-03-09', { holidays: everyDayAHoliday })).toThrow(/No countable day/);
  });

  it('none: always inside, no cut-off; closed: never inside, no cut-off', () => {
    expect(deadlineFor({ kind: 'none' }, '2026-03-09')).toBeNull();
    expect(deadlineFor({ kind: 'closed' }, '2026-03-09')).toBeNull();
    expect(isBeforeDeadline({ kind: 'none' }, '2026-03-09', new Date('2030-01-01T00:00:00Z'))).toBe(true);
    expect(isBeforeDeadline({ kind: 'closed' }, '2026-03-09', new Date('2020-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('decide', () => {
  const inTime = new Date('2026-03-05T10:00:00Z');
  const late = new Date('2026-03-05T11:01:00Z');
  const day = '2026-03-09';
  const cut = new Date('2026-03-05T11:00:00Z');

  it.each([
    ['accept', 'request', inTime, 'accepted', 'before_cutoff'],
    ['accept', 'request', late, 'request', 'after_cutoff'],
    ['accept', 'refuse', inTime, 'accepted', 'before_cutoff'],
    ['accept', 'refuse', late, 'refused', 'after_cutoff'],
    ['request', 'request', inTime, 'request', 'before_cutoff'],
    ['request', 'request', late, 'request', 'after_cutoff'],
    ['request', 'refuse', inTime, 'request', 'before_cutoff'],
    ['request', 'refuse', late, 'refused', 'after_cutoff'],
  ] as const)('inside %s / after %s, at %s → %s', (insideDeadline, afterDeadline, now, outcome, reason) => {
    const policy: DeadlinePolicy = { deadline: J2_WEEKDAYS_NOON, insideDeadline, afterDeadline };
    expect(decide(policy, day, now)).toEqual({ outcome, reason, cutoff: cut });
  });

  it('the exact cut-off instant is still inside', () => {
    const policy: DeadlinePolicy = { deadline: J2_WEEKDAYS_NOON, insideDeadline: 'accept', afterDeadline: 'refuse' };
    expect(decide(policy, day, cut).outcome).toBe('accepted');
  });

  it('no deadline follows insideDeadline; closed (« pas d’annulation en ligne ») is refused whatever the policy', () => {
    expect(decide({ deadline: { kind: 'none' }, insideDeadline: 'accept', afterDeadline: 'refuse' }, day, late)).toEqual({
      outcome: 'accepted',
      reason: 'no_deadline',
      cutoff: null,
    });
    expect(decide({ deadline: { kind: 'none' }, insideDeadline: 'request', afterDeadline: 'refuse' }, day, late).outcome).toBe('request');
    expect(decide({ deadline: { kind: 'closed' }, insideDeadline: 'accept', afterDeadline: 'request' }, day, inTime)).toEqual({
      outcome: 'refused',
      reason: 'closed',
      cutoff: null,
    });
  });

  it('passes the holiday calendar and unit start through', () => {
    const policy: DeadlinePolicy = { deadline: THREE_WORKING_DAYS, insideDeadline: 'accept', afterDeadline: 'refuse' };
    const now = new Date('2026-04-02T11:00:00Z'); // Thursday 2 April 13:00 CEST
    expect(decide(policy, '2026-04-09', now).outcome).toBe('accepted'); // cut-off Friday 3 April
    expect(decide(policy, '2026-04-09', now, { holidays: alsaceMoselle }).outcome).toBe('refused'); // Thursday 2 April 12:00
  });
});

describe('describeRule (what families read)', () => {
  it.each([
    [J2_WEEKDAYS_NOON, 'J-2 hors week-end à 12 h'],
    [TUESDAY_2359, 'jusqu’au mardi 23 h 59 de la semaine précédente'],
    [FRIDAY_NOON, 'jusqu’au vendredi 12 h de la semaine précédente'],
    [EVE_NOON, 'la veille à 12 h'],
    [THREE_WORKING_DAYS, '3 jours ouvrés avant, à 12 h'],
    [EVE_18, 'la veille à 18 h'],
    [H72, '72 h avant le début de la journée'],
    [{ kind: 'hoursBefore', hours: 48, from: 'unitStart' }, '48 h avant le début de l’activité'],
    [FIFTEEN_CLEAR, '15 jours francs avant, jusqu’à 23 h 59 (jour de la demande et jour réservé non comptés)'],
    [EIGHT_DAYS, '8 jours avant, à 12 h'],
    [TWENTIETH, 'jusqu’au 20 du mois précédent à 12 h'],
    [{ kind: 'dayOfPreviousMonth', dayOfMonth: 1, at: '08:30' }, 'jusqu’au 1er du mois précédent à 8 h 30'],
    [{ kind: 'dayOfPreviousMonth', dayOfMonth: 31, at: '12:00' }, 'jusqu’au dernier jour du mois précédent à 12 h'],
    [{ kind: 'dayOfPreviousMonth', dayOfMonth: 20, at: '12:00', monthsBefore: 2 }, 'jusqu’au 20, deux mois avant, à 12 h'],
    [{ kind: 'weekdayOfPreviousWeek', weekday: 5, at: '12:00', weeksBefore: 2 }, 'jusqu’au vendredi 12 h, deux semaines avant'],
    [
      { ...FRIDAY_NOON, ifNonWorkingDay: 'previousWorkingDay' },
      'jusqu’au vendredi 12 h de la semaine précédente (ou le jour ouvré précédent si ce jour est férié ou chômé)',
    ],
    [{ kind: 'daysBefore', days: 0, skip: 'none', at: '09:00' }, 'le jour même à 9 h'],
    [{ kind: 'daysBefore', days: 1, skip: 'workingDays', at: '17:00' }, '1 jour ouvré avant, à 17 h'],
    [{ ...J2_WEEKDAYS_NOON, excludedWeekdays: [3] }, 'J-2 hors week-end et mercredis à 12 h'],
    [{ kind: 'daysBefore', days: 2, skip: 'publicHolidays', excludedWeekdays: [7], at: '12:00' }, '2 jours ouvrables avant, à 12 h'],
    [{ kind: 'daysBefore', days: 2, skip: 'publicHolidays', at: '12:00' }, '2 jours avant hors jours fériés, à 12 h'],
    [{ kind: 'daysBefore', days: 4, skip: 'none', excludedWeekdays: [3, 7], at: '12:00' }, '4 jours avant hors mercredis et dimanches, à 12 h'],
    [{ kind: 'none' }, 'sans délai'],
    [{ kind: 'closed' }, 'impossible en ligne'],
  ] as [DeadlineRule, string][])('%j → %s', (rule, text) => {
    expect(describeRule(rule)).toBe(text);
  });

  it.each([
    [J2_WEEKDAYS_NOON, '2 days before excluding weekends, at 12:00'],
    [TUESDAY_2359, 'until Tuesday 23:59 of the previous week'],
    [EVE_NOON, 'the day before at 12:00'],
    [THREE_WORKING_DAYS, '3 working days before, at 12:00'],
    [H72, '72 hours before the start of the day'],
    [{ kind: 'hoursBefore', hours: 48, from: 'unitStart' }, '48 hours before the start of the activity'],
    [FIFTEEN_CLEAR, '15 clear days before, until 23:59 (the day of the request and the booked day not counted)'],
    [EIGHT_DAYS, '8 days before, at 12:00'],
    [TWENTIETH, 'until the 20th of the previous month at 12:00'],
    [{ kind: 'dayOfPreviousMonth', dayOfMonth: 1, at: '08:30' }, 'until the 1st of the previous month at 8:30'],
    [{ kind: 'dayOfPreviousMonth', dayOfMonth: 31, at: '12:00' }, 'until the last day of the previous month at 12:00'],
    [{ kind: 'dayOfPreviousMonth', dayOfMonth: 22, at: '12:00', monthsBefore: 2 }, 'until the 22nd, two months before, at 12:00'],
    [{ kind: 'weekdayOfPreviousWeek', weekday: 5, at: '12:00', weeksBefore: 2 }, 'until Friday 12:00, two weeks before'],
    [{ ...FRIDAY_NOON, ifNonWorkingDay: 'previousWorkingDay' }, 'until Friday 12:00 of the previous week (or the previous working day if that day is a public holiday or a day off)'],
    [{ kind: 'daysBefore', days: 0, skip: 'none', at: '09:00' }, 'the same day at 9:00'],
    [{ kind: 'daysBefore', days: 1, skip: 'workingDays', at: '17:00' }, '1 working day before, at 17:00'],
    [{ ...J2_WEEKDAYS_NOON, excludedWeekdays: [3] }, '2 days before excluding weekends and Wednesdays, at 12:00'],
    [{ kind: 'daysBefore', days: 2, skip: 'publicHolidays', excludedWeekdays: [7], at: '12:00' }, '2 business days (Monday to Saturday) before, at 12:00'],
    [{ kind: 'daysBefore', days: 4, skip: 'none', excludedWeekdays: [3, 7], at: '12:00' }, '4 days before excluding Wednesdays and Sundays, at 12:00'],
    [{ kind: 'none' }, 'no deadline'],
  ] as [DeadlineRule, string][])('in English: %j → %s', (rule, text) => {
    expect(describeRule(rule, undefined, 'en')).toBe(text);
  });

  it('words a cut-off instant in English, in Paris time', () => {
    expect(describeRule({ kind: 'closed' }, 'booking', 'en')).toBe('no online booking');
    expect(formatParisInstant(new Date('2026-03-05T11:00:00Z'), 'en')).toBe('Thursday 5 March 2026 at 12:00');
    expect(formatParisInstant(new Date('2026-03-05T11:00:00Z'))).toBe('jeudi 5 mars 2026 à 12 h');
  });

  it('words « closed » by action', () => {
    expect(describeRule({ kind: 'closed' }, 'cancellation')).toBe('pas d’annulation en ligne');
    expect(describeRule({ kind: 'closed' }, 'booking')).toBe('pas de réservation en ligne');
  });

  it('formats times and cut-off instants the French way, in Paris time', () => {
    expect(['00:00', '08:30', '12:00', '18:05', '23:59'].map(formatWallTimeFr)).toEqual(['0 h', '8 h 30', '12 h', '18 h 05', '23 h 59']);
    expect(formatParisInstantFr(new Date('2026-03-05T11:00:00Z'))).toBe('jeudi 5 mars 2026 à 12 h');
    expect(formatParisInstantFr(new Date('2026-05-01T10:00:00Z'))).toBe('vendredi 1er mai 2026 à 12 h');
    expect(formatParisInstantFr(new Date('2026-12-29T22:59:00Z'))).toBe('mardi 29 décembre 2026 à 23 h 59');
  });
});

describe('deadlineRuleSchema (staff input)', () => {
  const real = [J2_WEEKDAYS_NOON, TUESDAY_2359, FRIDAY_NOON, EVE_NOON, THREE_WORKING_DAYS, EVE_18, H72, FIFTEEN_CLEAR, EIGHT_DAYS, TWENTIETH];

  it('accepts every real rule, and what it returns survives a JSON round trip', () => {
    for (const rule of real) {
      const parsed = deadlineRuleSchema.parse(JSON.parse(JSON.stringify(rule)));
      expect(parsed).toEqual(rule);
      expect(JSON.parse(JSON.stringify(parsed))).toEqual(rule);
    }
    expect(deadlineRuleSchema.parse({ kind: 'closed' })).toEqual({ kind: 'closed' });
  });

  const issues = (input: unknown) =>
    deadlineRuleSchema.safeParse(input).error?.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) ?? [];

  it.each([
    ['an unknown kind', { kind: 'soon' }, 'kind', 'deadline.kind_invalid'],
    ['not an object', 'J-2', '', 'deadline.kind_invalid'],
    ['a time with h', { ...J2_WEEKDAYS_NOON, at: '12h' }, 'at', 'deadline.time_invalid'],
    ['24:00', { ...J2_WEEKDAYS_NOON, at: '24:00' }, 'at', 'deadline.time_invalid'],
    ['a missing time', { kind: 'daysBefore', days: 2, skip: 'weekends' }, 'at', 'deadline.time_invalid'],
    ['negative days', { ...J2_WEEKDAYS_NOON, days: -1 }, 'days', 'deadline.days_invalid'],
    ['fractional days', { ...J2_WEEKDAYS_NOON, days: 1.5 }, 'days', 'deadline.days_invalid'],
    ['days as text', { ...J2_WEEKDAYS_NOON, days: '2' }, 'days', 'deadline.days_invalid'],
    ['an unknown skip set', { ...J2_WEEKDAYS_NOON, skip: 'sundays' }, 'skip', 'deadline.skip_invalid'],
    ['weekday 0', { ...TUESDAY_2359, weekday: 0 }, 'weekday', 'deadline.weekday_invalid'],
    ['weekday 8', { ...TUESDAY_2359, weekday: 8 }, 'weekday', 'deadline.weekday_invalid'],
    ['a repeated excluded weekday', { ...J2_WEEKDAYS_NOON, excludedWeekdays: [3, 3] }, 'excludedWeekdays', 'deadline.weekdays_invalid'],
    ['no day left to count', { ...THREE_WORKING_DAYS, excludedWeekdays: [1, 2, 3, 4, 5] }, 'excludedWeekdays', 'deadline.no_countable_day'],
    ['0 weeks before', { ...TUESDAY_2359, weeksBefore: 0 }, 'weeksBefore', 'deadline.weeks_invalid'],
    ['day 32 of the month', { ...TWENTIETH, dayOfMonth: 32 }, 'dayOfMonth', 'deadline.day_of_month_invalid'],
    ['13 months before', { ...TWENTIETH, monthsBefore: 13 }, 'monthsBefore', 'deadline.months_invalid'],
    ['hours out of range', { kind: 'hoursBefore', hours: 9000 }, 'hours', 'deadline.hours_invalid'],
    ['an unknown start', { kind: 'hoursBefore', hours: 72, from: 'noon' }, 'from', 'deadline.from_invalid'],
    ['an unknown field', { ...J2_WEEKDAYS_NOON, cutoff: '12:00' }, '', 'deadline.unknown_field'],
    ['a field of another kind', { kind: 'none', days: 2 }, '', 'deadline.unknown_field'],
    ['clearDays as text', { ...FIFTEEN_CLEAR, clearDays: 'oui' }, 'clearDays', 'deadline.clear_days_invalid'],
    ['an unknown holiday option', { ...TUESDAY_2359, ifNonWorkingDay: 'after' }, 'ifNonWorkingDay', 'deadline.non_working_day_invalid'],
  ])('refuses %s with a code at the field', (_, input, path, message) => {
    expect(issues(input)).toContainEqual({ path, message });
  });

  it('every code has a French sentence', () => {
    for (const [code, sentence] of Object.entries(DEADLINE_MESSAGES_FR)) {
      expect(code).toMatch(/^deadline\./);
      expect(sentence).toMatch(/^[A-Z].+\.$/);
    }
  });

  it('validates a whole policy and an activity’s booking and cancellation policies', () => {
    const activity = {
      booking: { deadline: FRIDAY_NOON, insideDeadline: 'accept', afterDeadline: 'refuse' },
      cancellation: { deadline: EVE_NOON, insideDeadline: 'accept', afterDeadline: 'request' },
    };
    expect(activityDeadlinesSchema.parse(activity)).toEqual(activity);
    const bad = deadlinePolicySchema.safeParse({ deadline: { kind: 'closed' }, insideDeadline: 'refuse', afterDeadline: 'accept' });
    expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['insideDeadline', 'deadline.inside_invalid'],
      ['afterDeadline', 'deadline.after_invalid'],
    ]);
    const nested = activityDeadlinesSchema.safeParse({ ...activity, cancellation: { ...activity.cancellation, deadline: { kind: 'daysBefore' } } });
    expect(nested.error?.issues.map((i) => i.path.join('.'))).toContain('cancellation.deadline.days');
  });
});
