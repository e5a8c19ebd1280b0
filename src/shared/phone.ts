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

/** ITU country calling codes of two digits (the others have one — 1, 7 — or three). */
const TWO_DIGIT_CODES = new Set([
  20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55, 56, 57, 58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90,
  91, 92, 93, 94, 95, 98,
]);

/**
 * How a number is shown (issue 17: `+32470123456` was shown as stored): "0612345678" → "06 12 34 56 78";
 * international numbers split after their country code, then in pairs — "+32 470 12 34 56", "+44 20 79 46 09 58",
 * North America as "+1 415 555 2671". Anything else is shown as stored.
 */
export function formatPhone(stored: string): string {
  if (/^0\d{9}$/.test(stored)) return stored.replace(/(\d{2})(?=\d)/g, '$1 ');
  const m = /^\+(\d{8,15})$/.exec(stored);
  if (!m) return stored;
  const digits = m[1];
  const ccLength = digits[0] === '1' || digits[0] === '7' ? 1 : TWO_DIGIT_CODES.has(Number(digits.slice(0, 2))) ? 2 : 3;
  const cc = digits.slice(0, ccLength);
  const national = digits.slice(ccLength);
  if (cc === '1' && national.length === 10) return `+1 ${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`;
  // pairs from the end; an odd length keeps three digits first (« 470 12 34 56 »)
  const head = national.length % 2 ? national.slice(0, 3) : national.slice(0, 2);
  const pairs = national.slice(head.length).match(/\d{2}/g) ?? [];
  return [`+${cc}`, head, ...pairs].join(' ');
}
