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

const fixed: Record<Language, ServerT> = { fr: instance.getFixedT('fr', NAMESPACES), en: instance.getFixedT('en', NAMESPACES) };

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
