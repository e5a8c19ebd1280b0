/**
 * Euros typed by a person → integer cents. Accepts « 12 », « 12,5 », « 12,50 », « 1 234,56 € », « 12.50 »;
 * anything else (letters, three decimals, negative) is null so the form can say so.
 */
export function parseEuros(text: string): number | null {
  const s = text.replace(/[\s\u00a0\u202f€]/g, '').replace('.', ',');
  const m = /^(\d{1,7})(?:,(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Cents → the text a person would type back (« 12,50 »), for prefilled amount fields. */
export function centsToInput(cents: number): string {
  return `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
}
