/**
 * Invisible characters that change how a text is shown without showing themselves: the bidirectional controls
 * (U+061C, U+200E/F, U+202A–202E, U+2066–2069), which can make `facture\u202Efdp.exe` read as « facturexe.pdf », and every
 * other Unicode format character (general category Cf: zero-width space and joiners, word joiner, BOM, soft hyphen,
 * invisible operators, tags…), plus the line/paragraph separators U+2028/2029.
 */
const INVISIBLE = /[\p{Cf}\u2028\u2029]/gu;

/** The text without its invisible format characters (see INVISIBLE). */
export function stripInvisible(s: string): string {
  return s.replace(INVISIBLE, '');
}

