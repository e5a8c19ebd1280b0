/**
 * The server's translations (issue 10): what it writes itself — error sentences, e-mails, PDFs, exports — from the
 * same catalogues as the pages (src/shared/i18n), all loaded at start. A request is answered in the language of
 * the visitor's `lang` cookie (French without one); e-mails in the recipient account's language.
 */
import { createInstance, type TFunction } from 'i18next';
import type { FastifyRequest } from 'fastify';
import { fr } from '../shared/i18n/fr/index.js';
import { en } from '../shared/i18n/en/index.js';
import { NAMESPACES } from '../shared/i18n/namespaces.js';
import { completePlurals, type MessageTree } from '../shared/i18n/catalogue.js';
import { LANGUAGE_COOKIE, toLanguage, type Language } from '../shared/i18n/languages.js';
import { errorKey, sentenceIn, type ErrorCode, type ErrorKey } from '../shared/error-codes.js';

function completeAll(catalogue: Record<string, object>): Record<string, MessageTree> {
  return Object.fromEntries(Object.entries(catalogue).map(([ns, tree]) => [ns, completePlurals(tree as MessageTree)]));
}

const instance = createInstance();
void instance.init({
  resources: { fr: completeAll(fr), en: completeAll(en) },
  lng: 'fr',
  supportedLngs: ['fr', 'en'],
  fallbackLng: false,
  ns: [...NAMESPACES],
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  initAsync: false,
});

/** A `t` that takes every namespace's keys, prefixed (`'mail:…'`, `'errors:…'`); bare keys are « common »'s. */
export type ServerT = TFunction<typeof NAMESPACES>;

/**
 * i18next's `t` costs tens of microseconds a call (it copies its options for every key); a campaign's publication or
 * an announcement renders thousands of mails of about ten sentences each, most of them the same (the frame, the
 * signature, the same counts). The catalogue never changes while the process runs, so a sentence is a pure function
 * of its key and values: remembered, up to 20,000 sentences per language (then forgotten all at once), for calls
 * whose values are strings, numbers or booleans; any other call goes to i18next as it is.
 */
function remembering(t: ServerT): ServerT {
  const raw = t as unknown as (...a: unknown[]) => unknown;
  const memo = new Map<string, string>();
  const cached = ((key: string | string[], options?: unknown, ...rest: unknown[]) => {
    if (typeof key !== 'string' || rest.length > 0 || (options !== undefined && (typeof options !== 'object' || options === null))) {
      return raw(key, options, ...rest);
    }
    let id = key;
    if (options) {
      for (const [k, v] of Object.entries(options)) {
        if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return raw(key, options);
        id += `\u0000${k}\u0001${typeof v}\u0001${String(v)}`;
      }
    }
    const known = memo.get(id);
    if (known !== undefined) return known;
    const said = raw(key, options);
    if (typeof said !== 'string') return said;
    if (memo.size >= 20_000) memo.clear();
    memo.set(id, said);
    return said;
  }) as unknown as ServerT;
  return cached;
}

const fixed: Record<Language, ServerT> = {
  fr: remembering(instance.getFixedT('fr', NAMESPACES)),
  en: remembering(instance.getFixedT('en', NAMESPACES)),
};

/** `t` in one language: `translator('en')('mail:account.validated.subject')`. */
export function translator(language: Language): ServerT {
  return fixed[language];
}

/** The language a request is answered in: the visitor's choice (cookie), else French. */
export function requestLanguage(request: FastifyRequest): Language {
  return toLanguage(request.cookies?.[LANGUAGE_COOKIE]);
}

const knownError = (key: string): key is ErrorKey => sentenceIn(fr.errors, key) !== undefined;

/**
 * The sentence of an error code in `language`: the field's own when `path` names a field that has one, the generic
 * « request.invalid » for a code the catalogue does not know (src/shared/errors.ts, `errorKey`).
 */
export function errorMessage(language: Language, code: string, path?: string): string {
  return translator(language)(`errors:${errorKey(code, path, knownError)}`);
}

/** Whether a code (a zod issue's message, a stored reason) is one of the catalogue's error codes. */
export function isErrorCode(code: string): code is ErrorCode {
  return !code.startsWith('fields.') && knownError(code);
}
