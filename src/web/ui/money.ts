import { formatEuros as formatEurosIn } from '../../shared/billing-labels.js';
import { currentLanguage } from '../i18n/i18n.js';

/**
 * Euros typed by a person → integer cents. Accepts « 12 », « 12,5 », « 12,50 », « 1 234,56 € », « 12.50 », and the
 * English "€1,234.56" (with both a comma and a point, the last one is the decimal mark); anything else (letters,
 * three decimals, negative) is null so the form can say so.
 */
export function parseEuros(text: string): number | null {
  let s = text.replace(/[\s\u00a0\u202f€]/g, '');
  if (s.includes(',') && s.includes('.')) s = s.lastIndexOf('.') > s.lastIndexOf(',') ? s.replace(/,/g, '') : s.replace(/\./g, '');
  s = s.replace('.', ',');
  const m = /^(\d{1,7})(?:,(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Cents → the text a person would type back (« 12,50 » / "12.50"), for prefilled amount fields. */
export function centsToInput(cents: number): string {
  const mark = currentLanguage() === 'en' ? '.' : ',';
  return `${Math.floor(cents / 100)}${mark}${String(cents % 100).padStart(2, '0')}`;
}

/** Cents → euros in the page's language: « 12,34 € » / "€12.34". */
export function formatEuros(cents: number): string {
  return formatEurosIn(cents, currentLanguage());
}
