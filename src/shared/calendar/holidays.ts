/**
 * French public holidays (jours fériés) of metropolitan France, optionally with Alsace-Moselle's two extra days,
 * computed for any Gregorian year with today's list (no historical changes are modelled).
 * Whit Monday is listed: it is a public holiday in law even where it serves as the « journée de solidarité »;
 * a city that works that day can pass its own calendar to the deadline functions.
 */
import { addDays, makeDay, splitDay, type IsoDay } from './paris-time.js';

export interface PublicHoliday {
  day: IsoDay;
  /** French name, as shown to families. */
  name: string;
}

export interface PublicHolidayOptions {
  /** Alsace-Moselle (Bas-Rhin, Haut-Rhin, Moselle): adds Good Friday and 26 December. */
  alsaceMoselle?: boolean;
}

/** Tells whether a day is a public holiday (or, more generally, a non-working day besides weekends). */
export type HolidayCalendar = (day: IsoDay) => boolean;

/** Easter Sunday of a Gregorian year (Meeus/Jones/Butcher algorithm). */
export function easterSunday(year: number): IsoDay {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return makeDay(year, month, day);
}

/** The public holidays of `year`, in date order. */
export function frenchPublicHolidays(year: number, options: PublicHolidayOptions = {}): PublicHoliday[] {
  const easter = easterSunday(year);
  const list: PublicHoliday[] = [
    { day: makeDay(year, 1, 1), name: 'Jour de l’an' },
    { day: addDays(easter, 1), name: 'Lundi de Pâques' },
    { day: makeDay(year, 5, 1), name: 'Fête du Travail' },
    { day: makeDay(year, 5, 8), name: 'Victoire 1945' },
    { day: addDays(easter, 39), name: 'Ascension' },
    { day: addDays(easter, 50), name: 'Lundi de Pentecôte' },
    { day: makeDay(year, 7, 14), name: 'Fête nationale' },
    { day: makeDay(year, 8, 15), name: 'Assomption' },
    { day: makeDay(year, 11, 1), name: 'Toussaint' },
    { day: makeDay(year, 11, 11), name: 'Armistice 1918' },
    { day: makeDay(year, 12, 25), name: 'Noël' },
  ];
  if (options.alsaceMoselle) {
    list.push({ day: addDays(easter, -2), name: 'Vendredi saint' }, { day: makeDay(year, 12, 26), name: 'Saint-Étienne' });
  }
  return list.sort((x, y) => (x.day < y.day ? -1 : x.day > y.day ? 1 : 0));
}

/**
 * A holiday calendar for French public holidays, computed per year on first use and cached.
 * `extraDays` adds local non-working days (e.g. a day the town hall is closed).
 */
export function frenchHolidayCalendar(options: PublicHolidayOptions = {}, extraDays: Iterable<IsoDay> = []): HolidayCalendar {
  const extra = new Set(extraDays);
  const byYear = new Map<number, Set<IsoDay>>();
  return (day) => {
    const { year } = splitDay(day);
    let days = byYear.get(year);
    if (!days) {
      days = new Set(frenchPublicHolidays(year, options).map((h) => h.day));
      byYear.set(year, days);
    }
    return days.has(day) || extra.has(day);
  };
}

/** Metropolitan France's public holidays (the default calendar of the deadline rules). */
export const metropolitanFrance: HolidayCalendar = frenchHolidayCalendar();

/** Alsace-Moselle's public holidays: metropolitan France's plus Good Friday and 26 December. */
export const alsaceMoselle: HolidayCalendar = frenchHolidayCalendar({ alsaceMoselle: true });

/** Whether `day` is a public holiday in metropolitan France (or Alsace-Moselle with the option). */
export function isFrenchPublicHoliday(day: IsoDay, options: PublicHolidayOptions = {}): boolean {
  return options.alsaceMoselle ? alsaceMoselle(day) : metropolitanFrance(day);
}
