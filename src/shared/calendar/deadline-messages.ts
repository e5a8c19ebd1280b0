// Kept apart from deadlines.ts (which imports zod). The sentences are in the `errors` namespace of the catalogues
// (src/shared/i18n/<language>/errors.ts, under `deadline`): this is the French table by code, for the rule schema's
// codes and their test.
import errors from '../i18n/fr/errors.js';

type DeadlineSentences = typeof errors.deadline;

/** Error codes of the rule schema, with their French sentence (`errors:deadline.…`). */
export const DEADLINE_MESSAGES_FR = Object.fromEntries(Object.entries(errors.deadline).map(([k, v]) => [`deadline.${k}`, v])) as {
  readonly [K in keyof DeadlineSentences & string as `deadline.${K}`]: string;
};
