import { currentLanguage } from '../i18n/i18n.js';

/** A time of day in Paris: « 8 h 42 » in French, « 08:42 » in English (issue 15: arrival and departure times). */
export function clockTime(iso: string): string {
  const parts = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const h = parts.find((p) => p.type === 'hour')?.value ?? '00';
  const m = parts.find((p) => p.type === 'minute')?.value ?? '00';
  return currentLanguage() === 'fr' ? `${Number(h)} h ${m}` : `${h}:${m}`;
}
