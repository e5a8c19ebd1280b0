/**
 * Days and months in French, written once for the server (mails, PDFs, warnings), the shared rules' wording and the
 * web pages. Calendar days only ("YYYY-MM-DD"): no time zone is involved. Zod-free and small: the planning page,
 * which families open on their phones, imports it.
 */

export const WEEKDAY_NAMES_FR = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const;
export const MONTH_NAMES_FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'] as const;
const SHORT_MONTHS_FR = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'] as const;

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

/** "2026-07-08" → « Mercredi 8 juillet » (« … 2026 » with the year; « 1er » for the first). */
export function dayLabel(day: string, withYear = false): string {
  const { y, m, d, weekday } = parts(day);
  return `${capitalize(WEEKDAY_NAMES_FR[weekday - 1])} ${d === 1 ? '1er' : d} ${MONTH_NAMES_FR[m - 1]}${withYear ? ` ${y}` : ''}`;
}

/** "2026-09-07" → « lundi 7 septembre 2026 », as a sentence says it (the booking mails). */
export function longDayFr(day: string): string {
  const { y, m, d, weekday } = parts(day);
  return `${WEEKDAY_NAMES_FR[weekday - 1]} ${d === 1 ? '1er' : d} ${MONTH_NAMES_FR[m - 1]} ${y}`;
}

/** "2026-07-08" → « mer. 8 juil. » for narrow places. */
export function shortDayLabel(day: string): string {
  const { m, d, weekday } = parts(day);
  return `${WEEKDAY_NAMES_FR[weekday - 1].slice(0, 3)}. ${d} ${SHORT_MONTHS_FR[m - 1]}`;
}

/** "2026-07-08" → « 08/07/2026 » (invoices, mails). */
export function numericDayFr(day: string): string {
  return day.split('-').reverse().join('/');
}

/** "2026-10" → « octobre 2026 » (an unreadable value is returned as it is). */
export function monthLabel(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  return `${MONTH_NAMES_FR[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/** « du 6 juillet au 28 août 2026 » (« du 6 juillet 2026 au 5 janvier 2027 » across years). */
export function formatDayRange(start: string, end: string): string {
  const sameYear = start.slice(0, 4) === end.slice(0, 4);
  const short = (d: string, year: boolean) => dayLabel(d, year).replace(/^\S+ /, '');
  return `du ${short(start, !sameYear)} au ${short(end, true)}`;
}
