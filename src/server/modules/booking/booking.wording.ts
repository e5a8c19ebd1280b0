import { addDays, isoWeekOf } from '../../../shared/calendar/paris-time.js';

const frDate = (day: string, options: Intl.DateTimeFormatOptions) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('fr-FR', { ...options, timeZone: 'UTC' });
};

/** « Semaine 37 — du 7 septembre au 13 septembre », the planning's week selector. */
export function weekLabel(monday: string): string {
  const short = (d: string) => frDate(d, { day: 'numeric', month: 'long' });
  return `Semaine ${isoWeekOf(monday).week} — du ${short(monday)} au ${short(addDays(monday, 6))}`;
}
