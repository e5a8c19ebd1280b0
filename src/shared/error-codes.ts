/**
 * Error codes (issue 10), without any sentence: their sentences are in the `errors` namespace of the catalogues
 * (src/shared/i18n/<language>/errors.ts), the code being the key (`booking.full` → `errors:booking.full`). The pages
 * import this file (not a catalogue: the login page loads its language's sentences through i18next); the server's
 * sentences come from src/server/i18n.ts (`errorMessage`). A code is a key of the French catalogue: a literal code
 * misspelt is a type error (`const c: ErrorCode = 'booking.ful'`).
 */
import type errorsFr from './i18n/fr/errors.js';

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every key of the `errors` namespace: the codes and the field-specific sentences (`fields.<field>.<code>`). */
export type ErrorKey = Leaves<typeof errorsFr>;

/** A code of the message table: a literal code misspelt is a type error. */
export type ErrorCode = Exclude<ErrorKey, `fields.${string}`>;

/**
 * The catalogue key of the sentence for `code` at `path`: the field's own sentence when there is one
 * (`fields.<path>.<code>`, else `fields.<last segment of path>.<code>`), else the code's, else the generic
 * « request.invalid » for a code the catalogue does not know. `known` tells whether a key holds a sentence in the
 * catalogue at hand (the server's, or the one the page has loaded).
 */
export function errorKey(code: string, path: string | undefined, known: (key: string) => key is ErrorKey): ErrorKey {
  if (path) {
    const leaf = path.split('.').pop() ?? path;
    for (const key of [`fields.${path}.${code}`, `fields.${leaf}.${code}`]) if (known(key)) return key;
  }
  return !code.startsWith('fields.') && known(code) ? code : 'request.invalid';
}

/** Whether `key` holds a sentence (a string, not a branch) in a catalogue tree. */
export function sentenceIn(tree: object, key: string): string | undefined {
  let node: unknown = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

