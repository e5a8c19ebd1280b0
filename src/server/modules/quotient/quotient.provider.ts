import type { AppContext } from '../../context.js';

/** The family benefits schemes a quotient can come from. */
export type Regime = 'cnaf' | 'msa';

/** What the portal asks: the family's allocataire number and postal code (the family consented beforehand). */
export interface QuotientQuery {
  allocataireNumber: string;
  postalCode: string;
  regime: Regime;
}

/** What the scheme answers: the quotient, the month it was computed for, the allocataires' names. */
export interface QuotientAnswer {
  quotient: number;
  /** the month of the computation (« calculé au »), 1–12, and its year */
  month: number;
  year: number;
  allocataires: string[];
  regime: Regime;
}

/**
 * Why a fetch gave no quotient. `not_found`: no file for this number and postal code; `invalid_number`: the number
 * is not one; `regime_unsupported`: this provider cannot ask that scheme by number; `unavailable`: network, time-out
 * or a 5xx (try later); `refused`: the provider refused the portal itself (token) — a configuration problem.
 * `no_consent` is the service's own (it never calls a provider without the family's consent).
 */
export type QuotientErrorKind = 'not_found' | 'invalid_number' | 'regime_unsupported' | 'unavailable' | 'refused' | 'no_consent';

export class QuotientProviderError extends Error {
  constructor(
    readonly kind: QuotientErrorKind,
    detail?: string,
  ) {
    super(detail ? `${kind}: ${detail}` : kind);
    this.name = 'QuotientProviderError';
  }
}

export interface QuotientProvider {
  readonly name: 'demo' | 'api-particulier';
  fetch(q: QuotientQuery): Promise<QuotientAnswer>;
}

/** 4 to 13 digits: CAF numbers have 7, MSA ones up to 13 (no letters, no spaces once cleaned). */
export const ALLOCATAIRE_NUMBER = /^\d{4,13}$/;

/**
 * The demo provider (QUOTIENT_PROVIDER=demo, the default): nothing leaves the portal, the answers are fixed
 * (docs/quotient.md, « Numéros de démonstration »):
 * - 1234567 → 780, 7654321 → 1250, 2222222 → 450 (CNAF), 3333333 → 620 (MSA);
 * - 0000000 → not found; 9999999 → service down;
 * - any other number of 4 to 13 digits → 300 + (number mod 1200).
 * The month of the computation is the month before the clock's; the allocataire is « ALLOCATAIRE DÉMO ».
 */
export function demoProvider(ctx: Pick<AppContext, 'clock'>): QuotientProvider {
  return {
    name: 'demo',
    async fetch(q) {
      if (!ALLOCATAIRE_NUMBER.test(q.allocataireNumber)) throw new QuotientProviderError('invalid_number');
      if (q.allocataireNumber === '0000000') throw new QuotientProviderError('not_found');
      if (q.allocataireNumber === '9999999') throw new QuotientProviderError('unavailable');
      const fixed: Record<string, number> = { '1234567': 780, '7654321': 1250, '2222222': 450, '3333333': 620 };
      const quotient = fixed[q.allocataireNumber] ?? 300 + (Number(BigInt(q.allocataireNumber) % 1200n));
      const now = new Date(ctx.clock.now());
      const prev = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
      return { quotient, month: prev.getUTCMonth() + 1, year: prev.getUTCFullYear(), allocataires: ['ALLOCATAIRE DÉMO'], regime: q.regime };
    },
  };
}

/**
 * API Particulier, v2 « composition familiale » of the CNAF (docs/quotient.md gives the exact exchange):
 * `GET {url}/api/v2/composition-familiale?numeroAllocataire=…&codePostal=…`, header `X-Api-Key: <token>`; 200 →
 * `{ quotientFamilial, mois, annee, allocataires: [{ nomPrenom, dateDeNaissance, sexe }], enfants, adresse }`;
 * 404 → no file; 400/422 → bad parameters; 401/403 → token refused; 5xx, time-out, network → unavailable. This
 * endpoint asks the CNAF only: an MSA family is told so (the town hall enters its quotient on a document). The
 * number and the token are never logged (the logger redacts them; the URL is not logged either).
 */
export function apiParticulierProvider(ctx: Pick<AppContext, 'config' | 'logger'>): QuotientProvider {
  const conf = ctx.config.quotient;
  const api = conf.apiParticulier;
  return {
    name: 'api-particulier',
    async fetch(q) {
      if (!ALLOCATAIRE_NUMBER.test(q.allocataireNumber)) throw new QuotientProviderError('invalid_number');
      if (q.regime !== 'cnaf') throw new QuotientProviderError('regime_unsupported');
      if (!api) throw new QuotientProviderError('refused', 'no token configured');
      const url = new URL('/api/v2/composition-familiale', api.url + '/');
      url.searchParams.set('numeroAllocataire', q.allocataireNumber);
      url.searchParams.set('codePostal', q.postalCode);
      let res: Response;
      try {
        res = await fetch(url, { headers: { 'X-Api-Key': api.token, Accept: 'application/json' }, signal: AbortSignal.timeout(conf.timeoutMs), redirect: 'error' });
      } catch (err) {
        const timeout = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
        ctx.logger.warn({ provider: 'api-particulier', cause: timeout ? 'timeout' : 'network' }, 'API Particulier unreachable');
        throw new QuotientProviderError('unavailable', timeout ? 'timeout' : 'network');
      }
      if (res.status !== 200) {
        await res.body?.cancel().catch(() => undefined);
        ctx.logger.warn({ provider: 'api-particulier', status: res.status }, 'API Particulier answered an error');
        if (res.status === 404) throw new QuotientProviderError('not_found');
        if (res.status === 400 || res.status === 422) throw new QuotientProviderError('invalid_number');
        if (res.status === 401 || res.status === 403) throw new QuotientProviderError('refused', `status ${res.status}`);
        throw new QuotientProviderError('unavailable', `status ${res.status}`);
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        throw new QuotientProviderError('unavailable', 'not JSON');
      }
      return parseCompositionFamiliale(body);
    },
  };
}

/** The v2 answer, checked field by field: anything unexpected counts as the service being down (nothing saved). */
export function parseCompositionFamiliale(body: unknown): QuotientAnswer {
  const b = (body ?? {}) as Record<string, unknown>;
  const quotient = b.quotientFamilial;
  const month = b.mois;
  const year = b.annee;
  if (typeof quotient !== 'number' || !Number.isInteger(quotient) || quotient < 0 || quotient > 100_000)
    throw new QuotientProviderError('unavailable', 'bad quotientFamilial');
  if (typeof month !== 'number' || month < 1 || month > 12 || typeof year !== 'number' || year < 2000 || year > 2200)
    throw new QuotientProviderError('unavailable', 'bad mois/annee');
  const allocataires = Array.isArray(b.allocataires)
    ? b.allocataires.map((a) => (a && typeof (a as Record<string, unknown>).nomPrenom === 'string' ? String((a as Record<string, unknown>).nomPrenom) : '')).filter(Boolean)
    : [];
  return { quotient, month, year, allocataires, regime: 'cnaf' };
}

const overrides = new WeakMap<object, QuotientProvider>();

/** The configured provider (QUOTIENT_PROVIDER); a test may set its own for a context. */
export function quotientProvider(ctx: AppContext): QuotientProvider {
  const own = overrides.get(ctx);
  if (own) return own;
  return ctx.config.quotient.provider === 'api-particulier' ? apiParticulierProvider(ctx) : demoProvider(ctx);
}

/** Tests: this context uses this provider (e.g. a slow one for the race tests). */
export function setQuotientProvider(ctx: AppContext, provider: QuotientProvider): void {
  overrides.set(ctx, provider);
}
