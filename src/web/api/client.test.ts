import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, call, errorMessage, fileUrl, onUnauthorized, setCsrfToken, urlFor } from './client.js';
import { i18n } from '../i18n/i18n.js';
import enErrors from '../../shared/i18n/en/errors.js';
import frErrors from '../../shared/i18n/fr/errors.js';
import { ResponseMismatchError } from './validate.js';

const session = { csrfToken: 't', account: null };
let fetchMock: ReturnType<typeof vi.fn>;

function answer(status: number, body: unknown) {
  fetchMock.mockResolvedValueOnce(new Response(body === undefined ? null : JSON.stringify(body), { status }));
}

beforeEach(() => {
  fetchMock = vi.fn();
  vi.stubGlobal('fetch', fetchMock);
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  onUnauthorized(null);
});

describe('the API client', () => {
  it('builds a route’s URL from its name: path parameters encoded, empty query values left out', () => {
    expect(urlFor('children.get', { params: { childId: 'a/b' } })).toBe('/api/children/a%2Fb');
    expect(urlFor('staffBilling.invoices', { query: { officeId: 'o1', month: '', familyId: undefined } })).toBe('/api/staff/billing/invoices?officeId=o1');
    expect(fileUrl('staffDocuments.file', { params: { fileId: 'f1' }, query: { disposition: 'inline' } })).toBe('/api/staff/documents/files/f1?disposition=inline');
  });

  it('sends a state-changing call with the CSRF header and its JSON body, and answers the typed response', async () => {
    setCsrfToken('csrf-1');
    answer(200, { ok: true });
    const r = await call('catalog.setCapacity', { params: { unitId: 'u1' }, body: { day: '2026-09-01', capacity: 12 } });
    expect(r.ok).toBe(true);
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/api/staff/catalog/units/u1/capacity');
    expect(init.method).toBe('PUT');
    expect(init.headers['x-csrf-token']).toBe('csrf-1');
    expect(JSON.parse(init.body)).toEqual({ day: '2026-09-01', capacity: 12 });
  });

  it('reads without a CSRF header or body', async () => {
    answer(200, session);
    expect(await call('system.session')).toEqual(session);
    const [, init] = fetchMock.mock.calls[0];
    expect(init.method).toBe('GET');
    expect(init.body).toBeUndefined();
    expect(init.headers['x-csrf-token']).toBeUndefined();
  });

  it('turns a refusal into an ApiError with the server’s French sentence, and a 401 calls the handler', async () => {
    const handler = vi.fn();
    onUnauthorized(handler);
    answer(401, { error: { code: 'auth.required', message: 'Connectez-vous.' } });
    const e = await call('family.get').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 401, code: 'auth.required', message: 'Connectez-vous.' });
    expect(handler).toHaveBeenCalledOnce();
  });

  it('in tests and development, refuses an answer that does not match the route’s response schema', async () => {
    answer(200, { csrfToken: 42 });
    await expect(call('system.session')).rejects.toBeInstanceOf(ResponseMismatchError);
  });

  it('does not check a route that answers no JSON (204)', async () => {
    answer(204, undefined);
    await expect(call('auth.logout')).resolves.toBeNull();
  });

  it('without a sentence from the server, says the code’s sentence in the page’s language (the field’s own when it has one)', async () => {
    if (!i18n.isInitialized) await i18n.init({ lng: 'en', resources: { en: { errors: enErrors }, fr: { errors: frErrors } }, interpolation: { escapeValue: false } });
    await i18n.changeLanguage('en');
    answer(409, { error: { code: 'booking.full', fields: [{ path: 'guardian1.lastName', code: 'required' }, { path: 'x', code: 'not.a.code' }] } });
    const e = (await call('family.get').catch((x: unknown) => x)) as ApiError;
    expect(e.message).toBe('There are no places left that day.');
    expect(e.fields.map((f) => f.message)).toEqual(['Enter the surname.', 'The form contains errors.']);
    await i18n.changeLanguage('fr');
    expect(errorMessage('booking.full')).toBe('Il n’y a plus de place ce jour-là.');
    expect(errorMessage('required', 'guardian1.lastName')).toBe('Saisissez le nom.');
    // @ts-expect-error — not a code of the catalogue: a misspelt literal code does not compile
    expect(errorMessage('booking.ful')).toBe('Le formulaire contient des erreurs.');
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    expect(await call('family.get').catch((x: unknown) => (x as ApiError).message)).toBe('Le serveur ne répond pas. Vérifiez votre connexion à Internet et réessayez.');
  });
});
