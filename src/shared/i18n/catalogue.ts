/**
 * The message catalogues (issue 10): one folder per language (`fr/`, `en/`), one file per namespace, the same keys in
 * both. French is the reference: every other language's file is typed `Catalogue<typeof fr…>`, so a key missing or
 * left over is a type error, and src/shared/i18n/catalogue.test.ts checks the same at run time (keys, placeholders,
 * plural forms).
 *
 * Values follow i18next's format: `{{name}}` placeholders, plural forms as `key_one` / `key_other`.
 */
export type Catalogue<T> = { [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]> };

export interface MessageTree {
  [key: string]: string | MessageTree;
}

/**
 * French has a third plural form for large round numbers (« 1 000 000 de jours »: Intl's `many`), which i18next asks
 * for and, absent, answers with the bare key. The catalogues write `_one` and `_other` only; this copies each
 * `_other` as `_many` where none is written, when a catalogue is loaded (pages and server alike).
 */
export function completePlurals<T extends MessageTree>(tree: T): T {
  const out: MessageTree = {};
  for (const [key, value] of Object.entries(tree)) {
    out[key] = typeof value === 'string' ? value : completePlurals(value);
    if (typeof value === 'string' && key.endsWith('_other')) {
      const many = `${key.slice(0, -'_other'.length)}_many`;
      if (!(many in tree)) out[many] = value;
    }
  }
  return out as T;
}

/** Every leaf of a catalogue as `a.b.c` → text. */
export function flatten(tree: MessageTree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** The `{{placeholders}}` of a message, sorted (formats such as `{{n, number}}` count by their name). */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]!).sort();
}
