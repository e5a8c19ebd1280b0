/**
 * The portal's languages (issue 10): French by default, English on the family's choice. The choice travels in the
 * `lang` cookie (set by the page's language switch, read by the server for error sentences and PDFs) and is kept
 * on the account (`account.language`) for the e-mails, which are written without a request.
 */
export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'fr';

/** The cookie that carries the visitor's choice (not httpOnly: the page reads it before asking the server). */
export const LANGUAGE_COOKIE = 'lang';

/** The BCP 47 locale for dates, numbers and the date pickers. */
export const LOCALE_OF: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

/** The language's own name, as the switch shows it (written in that language, with its `lang`). */
export const LANGUAGE_NAMES: Record<Language, string> = { fr: 'Français', en: 'English' };

export function isLanguage(value: unknown): value is Language {
  return value === 'fr' || value === 'en';
}

/** Anything (a cookie, a column) → a language; French when absent or unknown. */
export function toLanguage(value: unknown): Language {
  return isLanguage(value) ? value : DEFAULT_LANGUAGE;
}
