/**
 * The pages' calendar words in the reading language: days and months (src/shared/i18n/dates.ts, the page's language
 * passed last), yes/no, the months an invoicing run may bill. The enums' words are in the « labels » catalogue
 * (src/shared/i18n/<language>/labels.ts): `t('labels:…')`.
 */
import * as dates from '../../shared/i18n/dates.js';
import { currentLanguage, i18n } from './i18n.js';

/** « Oui », « Non », « Non renseigné » / "Yes", "No", "Not given", in the reading language. */
export function yesNoLabel(v: boolean | null | undefined): string {
  return i18n.t(v === true ? 'labels:yesNo.yes' : v === false ? 'labels:yesNo.no' : 'labels:yesNo.unknown');
}

// Days and months: one home for both sides (src/shared/i18n/dates.ts), here in the reading language.
export { weekdayOfDay } from '../../shared/i18n/dates.js';

/** "2026-07-08" → « Mercredi 8 juillet » / "Wednesday 8 July" (with the year on demand). */
export function dayLabel(day: string, withYear = false): string {
  return dates.dayLabel(day, withYear, currentLanguage());
}

/** "2026-07-08" → « mer. 8 juil. » / "Wed 8 Jul" for narrow places. */
export function shortDayLabel(day: string): string {
  return dates.shortDayLabel(day, currentLanguage());
}

/** « du 6 juillet au 28 août 2026 » / "from 6 July to 28 August 2026". */
export function formatDayRange(start: string, end: string): string {
  return dates.formatDayRange(start, end, currentLanguage());
}

/** "2026-10" → « octobre 2026 » / "October 2026". */
export function monthLabel(month: string): string {
  return dates.monthLabel(month, currentLanguage());
}

/** The `count` months before the current one (Paris time), most recent first: the months an invoicing run may bill. */
export function pastMonths(count: number, now = new Date()): string[] {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' }).format(now);
  let [y, m] = today.split('-').map(Number);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
    out.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  return out;
}
