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

const fixed = { fr: instance.getFixedT('fr'), en: instance.getFixedT('en') } as Record<Language, TFunction>;

/** `t` in one language: `translator('en')('mail:account.validated.subject')`. */
export function translator(language: Language): TFunction {
  return fixed[language];
}

/** The language a request is answered in: the visitor's choice (cookie), else French. */
export function requestLanguage(request: FastifyRequest): Language {
  return toLanguage(request.cookies?.[LANGUAGE_COOKIE]);
}
