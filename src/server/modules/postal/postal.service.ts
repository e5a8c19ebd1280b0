import fs from 'node:fs';
import zlib from 'node:zlib';
import type { PostalCodeMatch } from '../../../shared/contracts.js';

interface Indexed extends PostalCodeMatch {
  key: string; // city name without accents, lower case, hyphens as spaces
}

let entries: Indexed[] | null = null;

/** Removes accents and punctuation so "saint-étienne" matches "St Etienne"-style typing. */
export function normalizeCity(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’\-]/g, ' ')
    .replace(/\bst\b/g, 'saint')
    .replace(/\bste\b/g, 'sainte')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The official postal-code file (La Poste / INSEE, Licence Ouverte), shipped beside this module as
 * postal-data.tsv.gz: postal code, INSEE code, commune, one line per (postal code, commune). Built from the
 * codes-postaux package by scripts/build-postal-data.ts; loaded once on first use (≈ 35,700 lines).
 */
export const POSTAL_DATA = new URL('./postal-data.tsv.gz', import.meta.url);

function load(): Indexed[] {
  if (entries) return entries;
  const text = zlib.gunzipSync(fs.readFileSync(POSTAL_DATA)).toString('utf8');
  const loaded: Indexed[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [postalCode, inseeCode, city] = line.split('\t');
    if (!postalCode || !inseeCode || !city) throw new Error(`postal-data.tsv.gz: malformed line ${JSON.stringify(line.slice(0, 80))}`);
    loaded.push({ postalCode, city, inseeCode, key: normalizeCity(city) });
  }
  // the file is in this order already; sorting again keeps the listing's order independent of the file's
  loaded.sort((a, b) => a.postalCode.localeCompare(b.postalCode) || a.city.localeCompare(b.city));
  entries = loaded;
  return entries;
}

/** Typing a postal code (or its start) or the start of a city name lists the matches, at most `limit`. */
export function searchPostalCodes(query: string, limit = 20): PostalCodeMatch[] {
  const all = load();
  const q = query.trim();
  const out: PostalCodeMatch[] = [];
  if (/^\d{2,5}$/.test(q)) {
    for (const e of all) {
      if (e.postalCode.startsWith(q)) out.push({ postalCode: e.postalCode, city: e.city, inseeCode: e.inseeCode });
      if (out.length >= limit) break;
    }
    return out;
  }
  const nq = normalizeCity(q);
  if (nq.length < 2) return [];
  const starts: Indexed[] = [];
  const words: Indexed[] = [];
  for (const e of all) {
    if (e.key.startsWith(nq)) starts.push(e);
    else if (e.key.includes(` ${nq}`)) words.push(e);
  }
  for (const e of [...starts.sort((a, b) => a.key.length - b.key.length), ...words]) {
    out.push({ postalCode: e.postalCode, city: e.city, inseeCode: e.inseeCode });
    if (out.length >= limit) break;
  }
  return out;
}

/** The commune named `city` at `postalCode`, with its official spelling, or null when they do not match. */
export function findCity(postalCode: string, city: string): PostalCodeMatch | null {
  const nc = normalizeCity(city);
  for (const e of load()) {
    if (e.postalCode === postalCode && e.key === nc) return { postalCode: e.postalCode, city: e.city, inseeCode: e.inseeCode };
  }
  return null;
}
