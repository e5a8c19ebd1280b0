import { describe, expect, it } from 'vitest';
import {
  addDays,
  CalendarError,
  compareDays,
  daysBetween,
  daysInMonth,
  isIsoDay,
  isLeapYear,
  isoWeekOf,
  isWallTime,
  mondayOf,
  parisDateOf,
  parisInstant,
  parisOffsetMinutes,
  parisStartOfDay,
  parisTimeOf,
  parisWallClockOf,
  weekdayOf,
} from './paris-time.js';

const iso = (d: Date) => d.toISOString();

/** The EU rule since 1996: summer time from the last Sunday of March to the last Sunday of October, 01:00 UTC. */
function euSummerTime(instant: Date): boolean {
  const y = instant.getUTCFullYear();
  const lastSunday = (month: number) => {
    const last = new Date(Date.UTC(y, month + 1, 0));
    return Date.UTC(y, month, last.getUTCDate() - last.getUTCDay(), 1);
  };
  return instant.getTime() >= lastSunday(2) && instant.getTime() < lastSunday(9);
}

describe('calendar days', () => {
  it('validates days and wall times', () => {
    expect(isIsoDay('2024-02-29')).toBe(true);
    expect(isIsoDay('2025-02-29')).toBe(false);
    expect(isIsoDay('2026-13-01')).toBe(false);
    expect(isIsoDay('2026-1-01')).toBe(false);
    expect(isIsoDay('2026-04-31')).toBe(false);
    expect(isIsoDay(20260401)).toBe(false);
    expect(isWallTime('00:00')).toBe(true);
    expect(isWallTime('23:59')).toBe(true);
    expect(isWallTime('24:00')).toBe(false);
    expect(isWallTime('12h00')).toBe(false);
    expect(isWallTime('9:00')).toBe(false);
  });

  it('throws a CalendarError with a code for a day that does not exist', () => {
    expect(() => addDays('2025-02-29', 1)).toThrow(CalendarError);
    try {
      weekdayOf('not a day');
    } catch (e) {
      expect((e as CalendarError).code).toBe('calendar.invalid_day');
    }
    expect(() => parisInstant('2026-03-01', '25:00')).toThrow(/wall time/);
  });

  it('adds days across months, years and 29 February', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01'); // not a leap year
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29'); // a leap year
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30'); // the DST night changes nothing to days
    expect(addDays('2026-01-15', 365)).toBe('2027-01-15');
    expect(addDays('2024-01-15', 366)).toBe('2025-01-15');
  });

  it('counts and compares days', () => {
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(daysBetween('2026-10-26', '2026-10-24')).toBe(-2);
    expect(compareDays('2026-01-02', '2026-01-10')).toBe(-1);
    expect(compareDays('2026-01-10', '2026-01-10')).toBe(0);
    expect(compareDays('2027-01-01', '2026-12-31')).toBe(1);
  });

  it('knows leap years and month lengths', () => {
    expect([1900, 2000, 2024, 2025, 2028, 2100].map(isLeapYear)).toEqual([false, true, true, false, true, false]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });

  it('gives ISO weekdays (1 = Monday … 7 = Sunday)', () => {
    expect(weekdayOf('2026-01-01')).toBe(4); // Thursday
    expect(weekdayOf('2026-03-09')).toBe(1);
    expect(weekdayOf('2026-03-15')).toBe(7);
    expect(weekdayOf('2024-02-29')).toBe(4);
    expect(weekdayOf('1970-01-01')).toBe(4);
    expect(weekdayOf('1969-12-28')).toBe(7); // before the epoch
    expect(mondayOf('2026-03-15')).toBe('2026-03-09');
    expect(mondayOf('2026-03-09')).toBe('2026-03-09');
    expect(mondayOf('2027-01-01')).toBe('2026-12-28');
  });

  it('gives ISO weeks, including weeks owned by the neighbouring year', () => {
    expect(isoWeekOf('2026-01-01')).toEqual({ year: 2026, week: 1 });
    expect(isoWeekOf('2027-01-01')).toEqual({ year: 2026, week: 53 }); // 2026 has 53 weeks
    expect(isoWeekOf('2027-01-04')).toEqual({ year: 2027, week: 1 });
    expect(isoWeekOf('2024-12-30')).toEqual({ year: 2025, week: 1 });
    expect(isoWeekOf('2021-01-03')).toEqual({ year: 2020, week: 53 });
    expect(isoWeekOf('2026-03-09')).toEqual({ year: 2026, week: 11 });
    expect(isoWeekOf('2026-12-31')).toEqual({ year: 2026, week: 53 });
  });
});

describe('Paris wall time', () => {
  it('gives the Paris day of an instant near midnight, winter and summer', () => {
    expect(parisDateOf(new Date('2026-03-08T22:59:59Z'))).toBe('2026-03-08');
    expect(parisDateOf(new Date('2026-03-08T23:00:00Z'))).toBe('2026-03-09'); // 00:00 CET
    expect(parisDateOf(new Date('2026-07-14T21:59:59Z'))).toBe('2026-07-14');
    expect(parisDateOf(new Date('2026-07-14T22:00:00Z'))).toBe('2026-07-15'); // 00:00 CEST
    expect(parisDateOf(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
    expect(parisTimeOf(new Date('2026-12-31T23:00:00Z'))).toBe('00:00');
  });

  it('gives the instant of a Paris wall time in winter and in summer', () => {
    expect(iso(parisInstant('2026-01-15', '12:00'))).toBe('2026-01-15T11:00:00.000Z');
    expect(iso(parisInstant('2026-07-15', '12:00'))).toBe('2026-07-15T10:00:00.000Z');
    expect(iso(parisInstant('2027-01-01', '00:00'))).toBe('2026-12-31T23:00:00.000Z');
    expect(iso(parisStartOfDay('2026-08-01'))).toBe('2026-07-31T22:00:00.000Z');
    expect(iso(parisInstant('2024-02-29', '23:59'))).toBe('2024-02-29T22:59:00.000Z');
  });

  it('spring forward (2026-03-29, 02:00 → 03:00): times around and inside the gap', () => {
    expect(iso(parisInstant('2026-03-29', '01:59'))).toBe('2026-03-29T00:59:00.000Z');
    // 02:00–02:59 never show on Paris clocks: read with the winter offset, i.e. shifted forward an hour.
    expect(iso(parisInstant('2026-03-29', '02:00'))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(parisInstant('2026-03-29', '02:30'))).toBe('2026-03-29T01:30:00.000Z');
    expect(parisTimeOf(parisInstant('2026-03-29', '02:30'))).toBe('03:30');
    expect(iso(parisInstant('2026-03-29', '03:00'))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(parisInstant('2026-03-29', '12:00'))).toBe('2026-03-29T10:00:00.000Z');
    expect(parisOffsetMinutes(new Date('2026-03-29T00:59:59Z'))).toBe(60);
    expect(parisOffsetMinutes(new Date('2026-03-29T01:00:00Z'))).toBe(120);
  });

  it('fall back (2026-10-25, 03:00 → 02:00): an ambiguous time is its first occurrence', () => {
    expect(iso(parisInstant('2026-10-25', '01:59'))).toBe('2026-10-24T23:59:00.000Z');
    expect(iso(parisInstant('2026-10-25', '02:00'))).toBe('2026-10-25T00:00:00.000Z');
    expect(iso(parisInstant('2026-10-25', '02:30'))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(parisInstant('2026-10-25', '02:59'))).toBe('2026-10-25T00:59:00.000Z');
    expect(iso(parisInstant('2026-10-25', '03:00'))).toBe('2026-10-25T02:00:00.000Z');
    // both 02:30s read 02:30 on Paris clocks
    expect(parisTimeOf(new Date('2026-10-25T00:30:00Z'))).toBe('02:30');
    expect(parisTimeOf(new Date('2026-10-25T01:30:00Z'))).toBe('02:30');
    expect(parisOffsetMinutes(new Date('2026-10-25T00:59:59Z'))).toBe(120);
    expect(parisOffsetMinutes(new Date('2026-10-25T01:00:00Z'))).toBe(60);
  });

  it('agrees with the EU summer-time rule every hour-boundary night from 1996 to 2037', () => {
    for (let y = 1996; y <= 2037; y++) {
      for (const month of [2, 9]) {
        const last = new Date(Date.UTC(y, month + 1, 0));
        const sunday = Date.UTC(y, month, last.getUTCDate() - last.getUTCDay());
        for (let h = -2; h <= 4; h++) {
          for (const edge of [-1, 0]) {
            const t = new Date(sunday + h * 3_600_000 + edge * 1000);
            expect(parisOffsetMinutes(t), t.toISOString()).toBe(euSummerTime(t) ? 120 : 60);
          }
        }
      }
    }
  });

  it('round-trips seven wall times (around the DST hours) of every day from 2020 to 2030; gap times move forward', () => {
    let checked = 0;
    for (let day = '2020-01-01'; day <= '2030-12-31'; day = addDays(day, 1)) {
      const times = ['00:00', '01:59', '02:00', '02:30', '03:00', '12:00', '23:59'];
      for (const time of times) {
        const instant = parisInstant(day, time);
        const c = parisWallClockOf(instant);
        const inGap = time.startsWith('02:') && weekdayOf(day) === 7 && day.slice(5, 7) === '03' && Number(day.slice(8)) >= 25;
        if (inGap) {
          expect(parisTimeOf(instant)).toBe(`03:${time.slice(3)}`);
        } else {
          expect(`${c.day} ${parisTimeOf(instant)}`).toBe(`${day} ${time}`);
        }
        checked++;
      }
    }
    expect(checked).toBe(4018 * 7);
  });

  it('refuses an invalid Date', () => {
    expect(() => parisDateOf(new Date('nope'))).toThrow(CalendarError);
  });
});
