/** The encodings the built web app exists in (scripts/compress-web.mjs), in the order preferred on a tie. */
const ENCODINGS = ['br', 'gzip', 'identity'] as const;
export type WebEncoding = (typeof ENCODINGS)[number];

/**
 * Chooses how to send a static file from the request's Accept-Encoding (RFC 9110 §12.5.3), q-values included:
 * the acceptable encoding with the highest q, br before gzip before the plain file on a tie. No header (or an empty
 * one) means the plain file. `*` stands for any encoding not named; the plain file, when neither it nor `*` is named,
 * is acceptable with the lowest q the client gave (as jshttp/negotiator does). When the client refuses everything, even
 * `identity`, it still gets the plain file: an answer it can read is better than a 406.
 */
export function negotiateEncoding(header: string | string[] | undefined): WebEncoding {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value || !value.trim()) return 'identity';
  const q = new Map<string, number>();
  for (const part of value.split(',')) {
    const [rawName, ...params] = part.split(';');
    const name = rawName!.trim().toLowerCase();
    if (!name) continue;
    let weight = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9](?:\.[0-9]{0,3})?)\s*$/i.exec(p);
      if (m) weight = Math.min(1, Number(m[1]));
      else if (/^\s*q\s*=/i.test(p)) weight = 0; // a malformed weight is not a yes
    }
    q.set(name, Math.max(weight, q.get(name) ?? 0));
  }
  const star = q.get('*');
  // the plain file, when not named, stays acceptable but comes after anything the client did name
  const implicitIdentity = Math.min(1, ...[...q.values()].filter((w) => w > 0));
  const weightOf = (enc: WebEncoding): number => {
    const own = enc === 'gzip' ? (q.get('gzip') ?? q.get('x-gzip')) : q.get(enc);
    if (own !== undefined) return own;
    if (star !== undefined) return star;
    return enc === 'identity' ? implicitIdentity : 0;
  };
  let best: WebEncoding = 'identity';
  let bestQ = 0;
  for (const enc of ENCODINGS) {
    const w = weightOf(enc);
    if (w > bestQ) {
      best = enc;
      bestQ = w;
    }
  }
  return best;
}
