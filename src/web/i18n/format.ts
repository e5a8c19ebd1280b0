/**
 * Dates for the pages, in the reading language (fr-FR or en-GB, Paris time): « 26/11/2026 à 14:05 » /
 * "26/11/2026 at 14:05".
 */
import { currentLocale, i18n } from './i18n.js';

const TZ = 'Europe/Paris';
const formats = new Map<string, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

function formatsOf(locale: string) {
  let f = formats.get(locale);
  if (!f) {
    f = {
      date: new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: TZ }),
      time: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TZ }),
    };
    formats.set(locale, f);
  }
  return f;
}

/** "2026-11-26T13:05:00Z" → "26/11/2026" (Paris time). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatsOf(currentLocale()).date.format(d);
}

/** "2026-11-26T13:05:00Z" → « 26/11/2026 à 14:05 » / "26/11/2026 at 14:05" (Paris time). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const f = formatsOf(currentLocale());
  const date = f.date.format(d);
  const time = f.time.format(d);
  return i18n.isInitialized ? i18n.t('common:format.dateTime', { date, time }) : `${date} à ${time}`;
}

/** A calendar day "2015-03-09" → "09/03/2015" (the same in both languages), without time-zone shifts. */
export function formatDay(day: string | null | undefined): string {
  if (!day) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : day;
}
