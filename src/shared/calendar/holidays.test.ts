import { describe, expect, it } from 'vitest';
import {
  alsaceMoselle,
  easterSunday,
  frenchHolidayCalendar,
  frenchPublicHolidays,
  isFrenchPublicHoliday,
  metropolitanFrance,
} from './holidays.js';
import { weekdayOf } from './paris-time.js';

describe('Easter (Meeus/Jones/Butcher)', () => {
  it.each([
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'], // latest possible is 25 April (2038); 24 April is close
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2038, '2038-04-25'], // the latest date
    [2285, '2285-03-22'], // the earliest date
  ])('Easter %i is %s', (year, day) => {
    expect(easterSunday(year)).toBe(day);
    expect(weekdayOf(day)).toBe(7);
  });
});

describe('French public holidays', () => {
  it('lists the eleven days of 2026 in order, with their French names', () => {
    expect(frenchPublicHolidays(2026)).toEqual([
      { day: '2026-01-01', name: 'Jour de l’an' },
      { day: '2026-04-06', name: 'Lundi de Pâques' },
      { day: '2026-05-01', name: 'Fête du Travail' },
      { day: '2026-05-08', name: 'Victoire 1945' },
      { day: '2026-05-14', name: 'Ascension' },
      { day: '2026-05-25', name: 'Lundi de Pentecôte' },
      { day: '2026-07-14', name: 'Fête nationale' },
      { day: '2026-08-15', name: 'Assomption' },
      { day: '2026-11-01', name: 'Toussaint' },
      { day: '2026-11-11', name: 'Armistice 1918' },
      { day: '2026-12-25', name: 'Noël' },
    ]);
  });

  it('computes the movable feasts of other years', () => {
    const movable = (y: number) =>
      frenchPublicHolidays(y)
        .filter((h) => ['Lundi de Pâques', 'Ascension', 'Lundi de Pentecôte'].includes(h.name))
        .map((h) => h.day);
    expect(movable(2024)).toEqual(['2024-04-01', '2024-05-09', '2024-05-20']);
    expect(movable(2025)).toEqual(['2025-04-21', '2025-05-29', '2025-06-09']);
    expect(movable(2027)).toEqual(['2027-03-29', '2027-05-06', '2027-05-17']);
    // Ascension is always a Thursday, the two Mondays are Mondays
    for (let y = 1990; y <= 2100; y++) {
      const days = movable(y);
      expect(days.map(weekdayOf)).toEqual([1, 4, 1]);
    }
  });

  it('adds Good Friday and 26 December for Alsace-Moselle only', () => {
    const list = frenchPublicHolidays(2026, { alsaceMoselle: true });
    expect(list).toHaveLength(13);
    expect(list).toContainEqual({ day: '2026-04-03', name: 'Vendredi saint' });
    expect(list).toContainEqual({ day: '2026-12-26', name: 'Saint-Étienne' });
    expect(isFrenchPublicHoliday('2026-04-03')).toBe(false);
    expect(isFrenchPublicHoliday('2026-04-03', { alsaceMoselle: true })).toBe(true);
    expect(alsaceMoselle('2026-12-26')).toBe(true);
    expect(metropolitanFrance('2026-12-26')).toBe(false);
  });

  it('answers per day, for any year, and ignores ordinary days', () => {
    expect(metropolitanFrance('2026-05-14')).toBe(true);
    expect(metropolitanFrance('2026-05-15')).toBe(false); // the « pont » is not a public holiday
    expect(metropolitanFrance('2031-07-14')).toBe(true);
    expect(metropolitanFrance('2024-02-29')).toBe(false);
    expect(isFrenchPublicHoliday('2027-01-01')).toBe(true);
    expect(isFrenchPublicHoliday('2026-12-24')).toBe(false);
  });

  it('lets a city add its own non-working days', () => {
    const city = frenchHolidayCalendar({}, ['2026-05-15']);
    expect(city('2026-05-15')).toBe(true);
    expect(city('2026-05-14')).toBe(true);
    expect(metropolitanFrance('2026-05-15')).toBe(false);
  });
});
