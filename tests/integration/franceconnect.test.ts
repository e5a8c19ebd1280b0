/**
 * FranceConnect (issue 11) against a real OpenID Connect provider on loopback (oidc-provider set up like
 * FranceConnect v2: its scopes, claims, eIDAS acr values, signed ID token and UserInfo, end-session endpoint).
 * The portal runs through inject; the provider is reached over HTTP by the portal (code exchange, UserInfo) and by a
 * small cookie-keeping « browser » (its pages and redirects).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, PUBLIC_URL, type TestApp, type TestClient } from '../support/app.js';
import { createFamily } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { ANGELA, ProviderBrowser, startFakeFranceConnect, type FakeFranceConnect, type FcUser } from '../support/fake-franceconnect.js';
import { SESSION_COOKIE } from '../../src/server/modules/account/account.sessions.js';

let fc: FakeFranceConnect;
let t: TestApp;
let off: TestApp;

beforeAll(async () => {
  fc = await startFakeFranceConnect([PUBLIC_URL]);
  t = await createTestApp({ smtp: true, config: { franceConnect: fc.settings(PUBLIC_URL) } });
  off = await createTestApp();
});
afterAll(async () => {
  await t?.close();
  await off?.close();
  await fc?.stop();
});

let n = 0;
function someone(o: Partial<FcUser> = {}): FcUser {
  n++;
  return { ...ANGELA, sub: `sub-${n}-${Math.random().toString(36).slice(2)}`, email: `fc${n}@exemple.fr`, ...o };
}

/** A visitor's browser: the portal's cookies (client) and the provider's (at). */
function visitor(client: TestClient = t.client()) {
  return { client, at: new ProviderBrowser(PUBLIC_URL) };
}

/** Clicks « S'identifier avec FranceConnect » and signs in at the provider: answers the portal URL FranceConnect sends back to. */
async function toProviderAndBack(v: ReturnType<typeof visitor>, start = '/api/franceconnect/login'): Promise<string> {
  const res = start.startsWith('/api/franceconnect/link') ? await v.client.post(start) : await v.client.get(start);
  const url = start.startsWith('/api/franceconnect/link') ? res.body.url : res.headers.location;
  expect(String(url)).toMatch(new RegExp(`^${fc.issuer}/authorize\\?`));
  return v.at.follow(String(url));
}

describe('FranceConnect sign-in', () => {
  beforeEach(() => {
    fc.user = someone();
  });

  it('asks FranceConnect for its scopes, eidas1, a state and a nonce of 64 letters and digits, and PKCE', async () => {
    const res = await t.client().get('/api/franceconnect/login');
    expect(res.status).toBe(303);
    const url = new URL(String(res.headers.location));
    expect(url.searchParams.get('scope')).toBe('openid given_name family_name birthdate email');
    expect(url.searchParams.get('acr_values')).toBe('eidas1');
    expect(url.searchParams.get('state')).toMatch(/^[0-9a-f]{64}$/);
    expect(url.searchParams.get('nonce')).toMatch(/^[0-9a-f]{64}$/);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toBe(`${PUBLIC_URL}/api/franceconnect/callback`);
  });

  it('an unknown identity lands on the registration form, prefilled; the family is created pending, to be validated', async () => {
    const v = visitor();
    const back = await toProviderAndBack(v);
    expect(back).toMatch(/^\/api\/franceconnect\/callback\?/);
    const cb = await v.client.get(back);
    expect(cb.status).toBe(303);
    expect(cb.headers.location).toBe('/creer-mon-compte?franceconnect=1');
    expect(v.client.cookie(SESSION_COOKIE)).toBeUndefined();

    const prefill = await v.client.get('/api/franceconnect/registration');
    expect(prefill.status).toBe(200);
    expect(prefill.body).toEqual({ givenName: fc.user.given_name, familyName: fc.user.family_name, birthdate: fc.user.birthdate, email: fc.user.email });

    const reg = await v.client.post('/api/franceconnect/registration', {
      civility: 'MME',
      email: fc.user.email,
      phone: '06 12 34 56 78',
      addressLine1: '4 rue du Château',
      addressLine2: '',
      postalCode: '59560',
      city: 'Comines',
      acceptTerms: true,
    });
    expect(reg.status).toBe(201);
    expect(reg.body).toEqual({ status: 'pending' });
    const account = await t.ctx.db.selectFrom('account').selectAll().where('email', '=', fc.user.email).executeTakeFirstOrThrow();
    expect(account).toMatchObject({ kind: 'family', status: 'pending', password_hash: '!franceconnect' });
    const guardian = await t.ctx.db.selectFrom('guardian').selectAll().where('family_id', '=', account.family_id!).executeTakeFirstOrThrow();
    expect(guardian).toMatchObject({ rank: 1, last_name: 'Dubois', first_name: 'Angela Claire Louise', birth_date: '1962-08-24' });
    const link = await t.ctx.db.selectFrom('fc_identity').selectAll().where('account_id', '=', account.id).executeTakeFirstOrThrow();
    expect(link.sub).toBe(fc.user.sub);

    // the ticket is used: a second form with it is refused
    const again = await v.client.post('/api/franceconnect/registration', { civility: 'MME', email: 'autre@exemple.fr', phone: '06 12 34 56 78', addressLine1: '4 rue', addressLine2: '', postalCode: '59560', city: 'Comines', acceptTerms: true });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('franceconnect.registration_expired');

    // the next FranceConnect sign-in opens the (pending) family's session
    const v2 = visitor();
    const cb2 = await v2.client.get(await toProviderAndBack(v2));
    expect(cb2.headers.location).toBe('/famille');
    const session = await v2.client.get('/api/session');
    expect(session.body.account).toMatchObject({ email: fc.user.email, status: 'pending', kind: 'family' });
  });
});
