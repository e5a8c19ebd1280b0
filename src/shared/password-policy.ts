import { COMMON_PASSWORDS } from './common-passwords.js';

export type PasswordProblem = 'password.too_short' | 'password.too_weak' | 'password.common' | 'password.too_long';

/** Who chooses the password: parts of it are too easy to guess. */
export interface PasswordContext {
  email?: string;
  names?: string[];
}

const MAX_LENGTH = 256;

function classes(pw: string): number {
  return [/[a-zà-ÿ]/, /[A-ZÀ-Ý]/, /[0-9]/, /[^A-Za-zÀ-ÿ0-9]/].filter((re) => re.test(pw)).length;
}

/** A passphrase: at least 20 characters made of 4 or more words. */
function isPassphrase(pw: string): boolean {
  const words = pw.trim().split(/[\s\-_.,;:]+/).filter((w) => w.length >= 2);
  return pw.length >= 20 && words.length >= 4 && new Set(words.map((w) => w.toLowerCase())).size >= 4;
}

function normalizeForCommonCheck(pw: string): string {
  return pw
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[0-9!@#$%^&*?.\-_ ]+$/g, '');
}

/**
 * CNIL deliberation 2022-100: with throttling in place, at least 12 characters of 3 kinds, or a long passphrase;
 * passwords from common-password lists are refused whatever their shape. Returns the problem, or null when fine.
 * Cheap and shared with the web page (a hint while typing); the server adds an estimator of how easy the password is
 * to guess (src/server/modules/account/password-strength.ts), which has the last word.
 */
export function checkPassword(pw: string, context: PasswordContext = {}): PasswordProblem | null {
  if (pw.length > MAX_LENGTH) return 'password.too_long';
  const lowered = pw.toLowerCase();
  const stem = normalizeForCommonCheck(pw);
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (COMMON_PASSWORDS.has(lowered) || COMMON_PASSWORDS.has(stem) || (local && local.length >= 4 && lowered.includes(local)))
    return 'password.common';
  for (const name of context.names ?? []) {
    if (name.length >= 4 && lowered.includes(name.toLowerCase())) return 'password.common';
  }
  if (isPassphrase(pw)) return null;
  if (pw.length < 12) return 'password.too_short';
  if (classes(pw) < 3) return 'password.too_weak';
  if (new Set(pw).size < 6) return 'password.too_weak';
  return null;
}
