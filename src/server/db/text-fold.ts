import { sql, type Expression, type RawBuilder } from 'kysely';

/**
 * Case- and accent-insensitive search, the same folding on both sides: in JS for the typed words and the stored
 * search keys, in portable SQL (nested replace(), understood by SQLite and PostgreSQL alike) for columns. Both
 * databases lower-case ASCII only under some collations (SQLite always), so accented capitals are listed too.
 * Hyphens and apostrophes become spaces ("Jean-Pierre" = "jean pierre"). Used by the family and child searches.
 */
const FOLDS: [string, string][] = [
  ...pairs('àáâãäåÀÁÂÃÄÅ', 'a'),
  ...pairs('çÇ', 'c'),
  ...pairs('èéêëÈÉÊË', 'e'),
  ...pairs('ìíîïÌÍÎÏ', 'i'),
  ...pairs('ñÑ', 'n'),
  ...pairs('òóôõöÒÓÔÕÖ', 'o'),
  ...pairs('ùúûüÙÚÛÜ', 'u'),
  ...pairs('ÿŸ', 'y'),
  ['œ', 'oe'],
  ['Œ', 'oe'],
  ['æ', 'ae'],
  ['Æ', 'ae'],
  ...pairs("-'’", ' '),
];

function pairs(chars: string, to: string): [string, string][] {
  return [...chars].map((c) => [c, to]);
}

export function foldText(s: string): string {
  let out = s.toLowerCase();
  for (const [from, to] of FOLDS) out = out.split(from).join(to);
  return out.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

export function foldSql(expr: Expression<string> | RawBuilder<string>): RawBuilder<string> {
  let out: RawBuilder<string> = sql<string>`lower(${expr})`;
  for (const [from, to] of FOLDS) out = sql<string>`replace(${out}, ${from}, ${to})`;
  return out;
}

/** Escapes LIKE wildcards; the queries say `escape '\\'`. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
