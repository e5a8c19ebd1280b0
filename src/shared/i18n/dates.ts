/**
 * Days and months in French and English, written once for the server (mails, PDFs, warnings), the shared rules'
 * wording and the web pages. French is the default of every function (`language` last). Calendar days only
 * ("YYYY-MM-DD"): no time zone is involved. Zod-free and small: the planning page, which families open on their
 * phones, imports it.
 */
import type { Language } from './languages.js';

export const WEEKDAY_NAMES_FR = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const;
export const MONTH_NAMES_FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'] as const;
const SHORT_MONTHS_FR = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'] as const;

const WEEKDAY_NAMES_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
const MONTH_NAMES_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function parts(day: string): { y: number; m: number; d: number; weekday: number } {
  const [y, m, d] = day.split('-').map(Number);
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return { y, m, d, weekday: w === 0 ? 7 : w };
}

/** 1 = Monday … 7 = Sunday. */
export function weekdayOfDay(day: string): number {
  return parts(day).weekday;
}

/** The weekday's name, capitalised: 1 → « Lundi » / "Monday". */
export function weekdayName(weekday: number, language: Language = 'fr'): string {
  return language === 'en' ? WEEKDAY_NAMES_EN[weekday - 1]! : capitalize(WEEKDAY_NAMES_FR[weekday - 1]!);
}

/** "2026-07-08" → « Mercredi 8 juillet » / "Wednesday 8 July" (with the year on demand; « 1er » for the first). */
export function dayLabel(day: string, withYear = false, language: Language = 'fr'): string {
  const { y, m, d, weekday } = parts(day);
  const year = withYear ? ` ${y}` : '';
  if (language === 'en') return `${WEEKDAY_NAMES_EN[weekday - 1]} ${d} ${MONTH_NAMES_EN[m - 1]}${year}`;
  return `${capitalize(WEEKDAY_NAMES_FR[weekday - 1])} ${d === 1 ? '1er' : d} ${MONTH_NAMES_FR[m - 1]}${year}`;
}

/** "2026-09-07" → « lundi 7 septembre 2026 » / "Monday 7 September 2026", as a sentence says it (the booking mails). */
export function longDay(day: string, language: Language = 'fr'): string {
  const { y, m, d, weekday } = parts(day);
  if (language === 'en') return `${WEEKDAY_NAMES_EN[weekday - 1]} ${d} ${MONTH_NAMES_EN[m - 1]} ${y}`;
  return `${WEEKDAY_NAMES_FR[weekday - 1]} ${d === 1 ? '1er' : d} ${MONTH_NAMES_FR[m - 1]} ${y}`;
}

/** "2026-07-08" → « mer. 8 juil. » / "Wed 8 Jul" for narrow places. */
export function shortDayLabel(day: string, language: Language = 'fr'): string {
  const { m, d, weekday } = parts(day);
  if (language === 'en') return `${WEEKDAY_NAMES_EN[weekday - 1]!.slice(0, 3)} ${d} ${MONTH_NAMES_EN[m - 1]!.slice(0, 3)}`;
  return `${WEEKDAY_NAMES_FR[weekday - 1].slice(0, 3)}. ${d} ${SHORT_MONTHS_FR[m - 1]}`;
}

/** "2026-07-08" → « 08/07/2026 » (invoices, mails; the same in British English). */
export function numericDay(day: string): string {
  return day.split('-').reverse().join('/');
}

/** "2026-10" → « octobre 2026 » / "October 2026" (an unreadable value is returned as it is). */
export function monthLabel(month: string, language: Language = 'fr'): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  const names = language === 'en' ? MONTH_NAMES_EN : MONTH_NAMES_FR;
  return `${names[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/** « du 6 juillet au 28 août 2026 » / "from 6 July to 28 August 2026" (the first year written too across years). */
export function formatDayRange(start: string, end: string, language: Language = 'fr'): string {
  const sameYear = start.slice(0, 4) === end.slice(0, 4);
  const short = (d: string, year: boolean) => dayLabel(d, year, language).replace(/^\S+ /, '');
  return language === 'en' ? `from ${short(start, !sameYear)} to ${short(end, true)}` : `du ${short(start, !sameYear)} au ${short(end, true)}`;
}
