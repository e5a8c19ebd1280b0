import { addDays, isoWeekOf } from '../../../shared/calendar/paris-time.js';
import { dayLabel } from '../../../shared/i18n/dates.js';
import type { Language } from '../../../shared/i18n/languages.js';
import { translator } from '../../i18n.js';

/** « Semaine 37 — du 7 septembre au 13 septembre » / "Week 37 — 7 September to 13 September", the planning's week selector. */
export function weekLabel(monday: string, language: Language = 'fr'): string {
  const short = (d: string) => dayLabel(d, false, language).replace(/^\S+ /, '');
  return translator(language)('server:planning.week', { number: isoWeekOf(monday).week, from: short(monday), to: short(addDays(monday, 6)) });
}
