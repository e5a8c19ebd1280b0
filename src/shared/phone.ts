/**
 * Normalizes a phone number typed by a family: French numbers (0X XX XX XX XX, +33 X XX XX XX XX, 0033…)
 * become "0XXXXXXXXX"; international numbers become "+CCC…" (E.164, 8 to 15 digits). Returns null when invalid.
 */
export function normalizePhone(input: string): string | null {
  const compact = input.replace(/[\s.\-()/]/g, '');
  if (/^0[1-9]\d{8}$/.test(compact)) return compact;
  const intl = compact.replace(/^00/, '+');
  const fr = /^\+33(0?)([1-9]\d{8})$/.exec(intl);
  if (fr) return `0${fr[2]}`;
  if (/^\+[1-9]\d{7,14}$/.test(intl)) return intl;
  return null;
}

/** "0612345678" → "06 12 34 56 78"; international numbers are kept as stored. */
export function formatPhone(stored: string): string {
  return /^0\d{9}$/.test(stored) ? stored.replace(/(\d{2})(?=\d)/g, '$1 ') : stored;
}
