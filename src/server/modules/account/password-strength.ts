import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { checkPassword, type PasswordContext, type PasswordProblem } from '../../../shared/password-policy.js';

/**
 * The server's password rule: the shared policy (length, kinds of characters, the short list of common passwords,
 * the e-mail and the names) and, in addition, a maintained estimator, zxcvbn-ts, with its common passwords,
 * keyboard patterns, dates, repeats and sequences, and the common and French dictionaries (words, first names, last
 * names, Wikipedia), the person's e-mail and names being added as words to guess. A score below MIN_SCORE
 * (0–4: 3 = « safely unguessable », about 10^8 guesses and more) is refused with « password.common ».
 *
 * The dictionaries (≈ 13 MB of heap) are loaded once, on the first check (not at start: most processes never check
 * a password), and shared by every later check.
 */
export const MIN_SCORE = 3;

/** Longer passwords are scored on their first MAX_SCORED characters: bounds the time of one check (≈ 10 ms). */
const MAX_SCORED = 100;

let estimator: Promise<ZxcvbnFactory> | null = null;

function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common, fr] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-fr'),
    ]);
    return new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...fr.dictionary },
      graphs: common.adjacencyGraphs,
      translations: fr.translations,
      // l33t variants with up to 8 substitutions: the default (100) costs 10× the time for the same scores on
      // passwords that pass the shared policy
      l33tMaxSubstitutions: 8,
      maxLength: MAX_SCORED,
    });
  })().catch((err: unknown) => {
    estimator = null; // a failed load is tried again at the next check
    throw err;
  });
  return estimator;
}

/** Loads the dictionaries now (e.g. in a benchmark); a check does it by itself otherwise. */
export async function warmUpPasswordEstimator(): Promise<void> {
  await loadEstimator();
}

/** The words a guesser would try first for this person: the e-mail, its parts, the names and their parts. */
export function userInputsOf(context: PasswordContext): string[] {
  const words = new Set<string>();
  const add = (s: string | null | undefined) => {
    const w = s?.trim().toLowerCase();
    if (w && w.length >= 2) words.add(w);
  };
  const email = context.email?.trim().toLowerCase();
  if (email) {
    add(email);
    const [local = '', domain = ''] = email.split('@');
    add(local);
    for (const part of local.split(/[^\p{L}\p{N}]+|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u)) add(part);
    // the domain's name without its extension (exemple in exemple.fr); a webmail's name is as guessable
    for (const part of domain.split('.').slice(0, -1)) add(part);
  }
  for (const name of context.names ?? []) {
    add(name);
    for (const part of name.split(/[^\p{L}\p{N}]+/u)) add(part);
    // the name without accents, as typed on a keyboard that has none
    add(name.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
  }
  return [...words];
}

/** The estimator's score (0–4) of this password for this person. */
export async function passwordScore(password: string, context: PasswordContext = {}): Promise<number> {
  const zxcvbn = await loadEstimator();
  return zxcvbn.check(password.slice(0, MAX_SCORED), userInputsOf(context)).score;
}

/** The server's check of a new password: the shared policy first, then the estimator. Null when fine. */
export async function checkNewPassword(password: string, context: PasswordContext = {}): Promise<PasswordProblem | null> {
  const problem = checkPassword(password, context);
  if (problem) return problem;
  return (await passwordScore(password, context)) < MIN_SCORE ? 'password.common' : null;
}
