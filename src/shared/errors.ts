/**
 * Error codes and their French sentences, for the pages not yet reading the `errors` namespace through i18next and
 * for tests: the codes and the key lookup are in error-codes.ts (no sentence), the sentences in the catalogues
 * (src/shared/i18n/<language>/errors.ts, the code being the key). The server answers in the request's language
 * (src/server/i18n.ts, `errorMessage`), the pages through `errorMessage` of src/web/api/client.ts.
 */
import frErrors from './i18n/fr/errors.js';
import { errorKey, sentenceIn, type ErrorCode, type ErrorKey } from './error-codes.js';

export { errorKey, sentenceIn, type ErrorCode, type ErrorKey };

const knownFr = (key: string): key is ErrorKey => sentenceIn(frErrors, key) !== undefined;

/** Whether a code received at run time is one of the table's. */
export function isErrorCode(code: string): code is ErrorCode {
  return !code.startsWith('fields.') && knownFr(code);
}

/**
 * The French sentence of an error code (the field-specific one when `path` names a field that has one). A literal
 * code must be an ErrorCode; a code typed `string` (received at run time) is accepted and, when unknown, gets the generic
 * « request.invalid » sentence.
 */
export function messageFor<C extends string>(code: C & (string extends C ? string : ErrorCode), path?: string): string {
  return sentenceIn(frErrors, errorKey(code, path, knownFr))!;
}

/** The French table by code, for codes only known at run time (tests). */
export const MESSAGES_FR: Record<string, string> = Object.fromEntries(
  flat(frErrors).filter(([k]) => !k.startsWith('fields.')),
);

function flat(tree: object, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]): [string, string][] =>
    typeof v === 'string' ? [[`${prefix}${k}`, v]] : flat(v as object, `${prefix}${k}.`),
  );
}
