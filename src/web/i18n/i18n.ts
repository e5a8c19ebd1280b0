/**
 * The pages' translations (issue 10): one i18next instance, the catalogues of src/shared/i18n loaded one namespace
 * of one language at a time (each file is its own chunk: the login page carries only « common », « auth »,
 * « errors » and « labels » in the chosen language). Components read words with react-i18next's
 * `useTranslation('<namespace>')`; code outside components uses `i18n.t('<namespace>:<key>')`.
 */
import i18next, { type BackendModule, type ReadCallback } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, LANGUAGE_COOKIE, LOCALE_OF, toLanguage, type Language } from '../../shared/i18n/languages.js';
import type { Namespace } from '../../shared/i18n/namespaces.js';
import { completePlurals, type MessageTree } from '../../shared/i18n/catalogue.js';
import type { AccountView } from '../../shared/contracts.js';
import { call } from '../api/client.js';

type CatalogueModule = { default: Record<string, unknown> };
const files = import.meta.glob<CatalogueModule>(['../../shared/i18n/fr/*.ts', '../../shared/i18n/en/*.ts', '!**/index.ts']);

const backend: BackendModule = {
  type: 'backend',
  init() {},
  read(language: string, namespace: string, callback: ReadCallback) {
    const load = files[`../../shared/i18n/${language}/${namespace}.ts`];
    if (!load) {
      callback(new Error(`no catalogue ${language}/${namespace}`), false);
      return;
    }
    load().then(
      (m) => callback(null, completePlurals(m.default as MessageTree) as never),
      (e: unknown) => callback(e as Error, false),
    );
  },
};

export const i18n = i18next.createInstance();

/** What every page needs before the first render (the home page is the login page). */
const FIRST_NAMESPACES: Namespace[] = ['common', 'labels', 'errors', 'auth'];

/** The language chosen on this browser (cookie), if any. */
export function cookieLanguage(): Language | null {
  const m = /(?:^|;\s*)lang=([^;]*)/.exec(document.cookie);
  return m ? toLanguage(decodeURIComponent(m[1]!)) : null;
}

function rememberLanguage(language: Language): void {
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = `${LANGUAGE_COOKIE}=${language}; Path=/; Max-Age=${60 * 60 * 24 * 400}; SameSite=Lax${secure}`;
  document.documentElement.lang = language;
}

export async function startI18n(language: Language = DEFAULT_LANGUAGE): Promise<void> {
  await i18n
    .use(backend)
    .use(initReactI18next)
    .init({
      lng: language,
      supportedLngs: ['fr', 'en'],
      fallbackLng: false,
      ns: FIRST_NAMESPACES,
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      react: { useSuspense: true },
    });
  document.documentElement.lang = language;
}

/** Switches the pages to `language` and remembers it on this browser (the account keeps it too: see the switch). */
export async function changeLanguage(language: Language): Promise<void> {
  rememberLanguage(language);
  await i18n.changeLanguage(language);
}

export function currentLanguage(): Language {
  return toLanguage(i18n.resolvedLanguage ?? i18n.language);
}

/** The locale for Intl formats and the date pickers: fr-FR or en-GB. */
export function currentLocale(): string {
  return LOCALE_OF[currentLanguage()];
}

/**
 * On signing in (and at start): the choice made on this browser wins and is written to the account (its e-mails
 * follow the language the family reads the portal in); without one, the account's language is taken.
 */
export async function settleAccountLanguage(account: AccountView): Promise<AccountView> {
  const chosen = cookieLanguage();
  if (chosen === null) {
    if (account.language !== currentLanguage()) await changeLanguage(account.language);
    return account;
  }
  if (account.language === chosen) return account;
  return call('account.language', { body: { language: chosen } }).then((r) => r.account, () => account);
}
