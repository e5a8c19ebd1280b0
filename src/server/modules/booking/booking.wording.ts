import { addDays, isoWeekOf } from '../../../shared/calendar/paris-time.js';
import { dayLabel } from '../../../shared/i18n/dates.js';

/** « Semaine 37 — du 7 septembre au 13 septembre », the planning's week selector. */
export function weekLabel(monday: string): string {
  const short = (d: string) => dayLabel(d).replace(/^\S+ /, '');
  return `Semaine ${isoWeekOf(monday).week} — du ${short(monday)} au ${short(addDays(monday, 6))}`;
}
