/**
 * FranceConnect (issue 11) against a real OpenID Connect provider on loopback (oidc-provider set up like
 * FranceConnect v2: its scopes, claims, eIDAS acr values, signed ID token and UserInfo, end-session endpoint).
 * The portal runs through inject; the provider is reached over HTTP by the portal (code exchange, UserInfo) and by a
 * small cookie-keeping « browser » (its pages and redirects).
 */
import { purgeFranceConnect } from '../../src/server/modules/franceconnect/franceconnect.service.js';
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
    expect((await v.client.get('/api/franceconnect/registration')).body).toBeNull();

    // the next FranceConnect sign-in opens the (pending) family's session
    const v2 = visitor();
    const cb2 = await v2.client.get(await toProviderAndBack(v2));
    expect(cb2.headers.location).toBe('/famille');
    const session = await v2.client.get('/api/session');
    expect(session.body.account).toMatchObject({ email: fc.user.email, status: 'pending', kind: 'family' });
  });
});

/** The callback as a real browser sends it: FranceConnect's cross-site redirect carries the Lax binding cookie, not the Strict session cookie. */
function crossSiteCallback(from: TestClient, path: string) {
  const bare = t.client(from.ip);
  const binding = from.cookie('pf_fc');
  if (binding) bare.setCookie('pf_fc', binding);
  return { bare, res: bare.get(path) };
}

const familyForm = (o: Record<string, unknown> = {}) => ({
  civility: 'MME',
  email: `famille-${Math.random().toString(36).slice(2)}@exemple.fr`,
  phone: '06 12 34 56 78',
  addressLine1: '4 rue du Château',
  addressLine2: '',
  postalCode: '59560',
  city: 'Comines',
  acceptTerms: true,
  ...o,
});

async function loginAsAny(t2: TestApp, familyId: string) {
  const a = await t2.ctx.db.selectFrom('account').select('id').where('family_id', '=', familyId).executeTakeFirstOrThrow();
  return loginAs(t2, a.id);
}

/** A family account linked to `fc.user` through the account page; answers its fixture and its signed-in client. */
async function linkedFamily(o: Parameters<typeof createFamily>[1] = {}) {
  const f = await createFamily(t.ctx, o);
  const c = await loginAs(t, f.accountId);
  const v = visitor(c);
  const back = await toProviderAndBack(v, '/api/franceconnect/link');
  const { res } = crossSiteCallback(c, back);
  const r = await res;
  expect(r.status).toBe(303);
  expect(r.headers.location).toBe('/famille/franceconnect?fc=linked');
  return { f, c };
}

describe('linking an existing account', () => {
  beforeEach(() => {
    fc.user = someone();
  });

  it('links from the account page: the guardian takes the identity, locked in the family form until unlinked', async () => {
    const { f, c } = await linkedFamily();
    const status = await c.get('/api/franceconnect/status');
    expect(status.body).toMatchObject({ linked: true, hasPassword: true, guardianRank: 1, identity: { givenName: fc.user.given_name, familyName: 'Dubois', birthdate: '1962-08-24' } });
    const record = (await c.get('/api/family')).body;
    expect(record.guardian1).toMatchObject({ lastName: 'Dubois', firstName: fc.user.given_name, birthDate: '1962-08-24' });
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('family_id', '=', f.familyId).execute();
    expect(audit.map((a) => a.action)).toContain('franceconnect.linked');

    // the rest of the form is saved; the identity is not
    const input = { ...record, guardian2: null, familySituation: 'married', benefitsRegime: null, benefitsNumber: null, familyQuotient: null, payerRank: 1 };
    for (const k of ['id', 'accountStatus', 'loginEmail', 'createdAt', 'updatedAt']) delete input[k];
    const ok = await c.put('/api/family', { ...input, addressLine1: '9 rue Neuve' });
    expect(ok.status).toBe(200);
    const refused = await c.put('/api/family', { ...input, guardian1: { ...input.guardian1, lastName: 'Martin', birthDate: '1970-01-01' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toEqual([
      expect.objectContaining({ path: 'guardian1.lastName', code: 'franceconnect.identity_locked' }),
      expect.objectContaining({ path: 'guardian1.birthDate', code: 'franceconnect.identity_locked' }),
    ]);
    expect(refused.body.error.fields[0].message).toMatch(/FranceConnect/);

    // signing in with FranceConnect opens this account's session
    const v = visitor();
    const cb = await v.client.get(await toProviderAndBack(v));
    expect(cb.headers.location).toBe('/famille');
    expect((await v.client.get('/api/session')).body.account.id).toBe(f.accountId);

    // unlinked: the form is free again, and FranceConnect no longer opens the account
    expect((await c.post('/api/franceconnect/unlink')).status).toBe(200);
    expect((await c.post('/api/franceconnect/unlink')).body.error.code).toBe('franceconnect.not_linked');
    expect((await c.put('/api/family', { ...input, guardian1: { ...input.guardian1, lastName: 'Martin' } })).status).toBe(200);
    const v2 = visitor();
    const cb2 = await v2.client.get(await toProviderAndBack(v2));
    expect(cb2.headers.location).toBe('/creer-mon-compte?franceconnect=1');
  });

  it('refuses an identity already linked to another account, and a second identity for a linked account', async () => {
    await linkedFamily();
    const other = await createFamily(t.ctx);
    const c = await loginAs(t, other.accountId);
    const v = visitor(c);
    const { res } = crossSiteCallback(c, await toProviderAndBack(v, '/api/franceconnect/link'));
    expect((await res).headers.location).toBe('/famille/franceconnect?fc=franceconnect.identity_taken');
    expect(await t.ctx.db.selectFrom('fc_identity').select('sub').where('account_id', '=', other.accountId).executeTakeFirst()).toBeUndefined();
  });

  it('an account created through FranceConnect has no password: it cannot unlink until it chooses one (reset link)', async () => {
    const v = visitor();
    await v.client.get(await toProviderAndBack(v));
    const form = familyForm({ email: fc.user.email });
    expect((await v.client.post('/api/franceconnect/registration', form)).status).toBe(201);
    const account = await t.ctx.db.selectFrom('account').select(['id', 'family_id']).where('email', '=', fc.user.email).executeTakeFirstOrThrow();
    // no password works
    const pw = await t.client().post('/api/auth/login', { email: fc.user.email, password: '!franceconnect' });
    expect(pw.status).toBe(401);

    const c = await loginAs(t, account.id);
    expect((await c.get('/api/franceconnect/status')).body).toMatchObject({ linked: true, hasPassword: false });
    const refused = await c.post('/api/franceconnect/unlink');
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('franceconnect.password_needed');

    expect((await t.client().post('/api/auth/password-reset/request', { email: fc.user.email })).status).toBe(202);
    await t.deliverMail();
    const link = t.smtp!.last(fc.user.email).links.find((l) => l.includes('/nouveau-mot-de-passe?'))!;
    const token = new URL(link).searchParams.get('jeton')!;
    const password = 'Lys-Comines-2026!';
    expect((await t.client().post('/api/auth/password-reset/confirm', { token, password, passwordConfirmation: password })).status).toBe(200);
    const c2 = await loginAs(t, account.id);
    expect((await c2.get('/api/franceconnect/status')).body.hasPassword).toBe(true);
    expect((await c2.post('/api/franceconnect/unlink')).status).toBe(200);
    expect((await t.client().post('/api/auth/login', { email: fc.user.email, password })).status).toBe(200);
  });

  it('a refused or disabled account is told so, and gets no session', async () => {
    for (const status of ['rejected', 'disabled'] as const) {
      fc.user = someone();
      const { f } = await linkedFamily();
      await t.ctx.db.updateTable('account').set({ status }).where('id', '=', f.accountId).execute();
      const v = visitor();
      const cb = await v.client.get(await toProviderAndBack(v));
      expect(cb.headers.location).toBe(`/?fc=auth.account_${status}`);
      expect(v.client.cookie(SESSION_COOKIE)).toBeUndefined();
    }
  });
});

describe('a callback that is not right is refused with a message, never a 500', () => {
  beforeEach(() => {
    fc.user = someone();
  });

  async function sessions() {
    return Number((await t.ctx.db.selectFrom('session').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  }

  it('a forged state (not this browser’s, or unknown) is refused', async () => {
    await linkedFamily();
    const v = visitor();
    const back = await toProviderAndBack(v);
    const before = await sessions();
    // another browser (an attacker's page) sending this answer: no binding cookie
    const stranger = await t.client().get(back);
    expect(stranger.status).toBe(303);
    expect(stranger.headers.location).toBe('/?fc=franceconnect.state_invalid');
    // a state made up, with a cookie to match
    const forged = t.client();
    forged.setCookie('pf_fc', 'f'.repeat(64));
    const made = await forged.get(back.replace(/state=[0-9a-f]+/, `state=${'f'.repeat(64)}`));
    expect(made.headers.location).toBe('/?fc=franceconnect.state_invalid');
    expect(await sessions()).toBe(before);
    // the right browser still finishes
    expect((await v.client.get(back)).headers.location).toBe('/famille');
  });

  it('a replayed code is refused: the same answer twice, or the code under a new state', async () => {
    await linkedFamily();
    const v = visitor();
    const back = await toProviderAndBack(v);
    const binding = v.client.cookie('pf_fc')!;
    expect((await v.client.get(back)).headers.location).toBe('/famille');
    const before = await sessions();
    // the same URL again (the binding cookie put back)
    v.client.setCookie('pf_fc', binding);
    expect((await v.client.get(back)).headers.location).toBe('/?fc=franceconnect.state_used');
    // the old code with a fresh state of this browser
    const fresh = await v.client.get('/api/franceconnect/login');
    const state = new URL(String(fresh.headers.location)).searchParams.get('state')!;
    const replay = await v.client.get(back.replace(/state=[0-9a-f]+/, `state=${state}`));
    expect(replay.headers.location).toBe('/?fc=franceconnect.code_invalid');
    expect(await sessions()).toBe(before);
    const code = new URL(back, PUBLIC_URL).searchParams.get('code')!;
    expect(t.logs.join('\n')).not.toContain(code);
  });

  it('a wrong nonce (the ID token answers another sign-in) is refused', async () => {
    await linkedFamily();
    const v = visitor();
    const back = await toProviderAndBack(v);
    await t.ctx.db.updateTable('fc_login').set({ nonce: 'a'.repeat(64) }).where('used_at', 'is', null).where('purpose', '=', 'login').execute();
    const before = await sessions();
    const res = await v.client.get(back);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/?fc=franceconnect.nonce_invalid');
    expect(await sessions()).toBe(before);
    expect(t.logs.join('\n')).not.toMatch(/eyJ[\w-]{10,}\./); // no token in the logs
  });

  it('cancelled at FranceConnect, a provider error, or too late: each its message', async () => {
    const start = async () => {
      const c = t.client();
      const res = await c.get('/api/franceconnect/login');
      return { c, state: new URL(String(res.headers.location)).searchParams.get('state')! };
    };
    let s = await start();
    expect((await s.c.get(`/api/franceconnect/callback?error=access_denied&state=${s.state}`)).headers.location).toBe('/?fc=franceconnect.cancelled');
    s = await start();
    expect((await s.c.get(`/api/franceconnect/callback?error=server_error&state=${s.state}`)).headers.location).toBe('/?fc=franceconnect.provider_error');
    s = await start();
    t.clock.advance(11 * 60_000);
    expect((await s.c.get(`/api/franceconnect/callback?code=x&state=${s.state}`)).headers.location).toBe('/?fc=franceconnect.expired');
    expect((await t.client().get('/api/franceconnect/callback')).headers.location).toBe('/?fc=franceconnect.state_invalid');
    // a day later the periodic purge forgets that attempt, with nobody signing in meanwhile
    const attempts = async () => (await t.ctx.db.selectFrom('fc_login').select('id').execute()).length;
    expect(await attempts()).toBeGreaterThan(0);
    t.clock.advance(25 * 3_600_000);
    await purgeFranceConnect(t.ctx);
    expect(await attempts()).toBe(0);
  });

  it('an identity vouched for below the eIDAS level asked is refused', async () => {
    await linkedFamily();
    const settings = t.ctx.config.franceConnect!;
    t.ctx.config.franceConnect = { ...settings, acrValues: 'eidas2' };
    fc.acr = 'eidas1';
    try {
      const v = visitor();
      const back = await toProviderAndBack(v);
      expect((await v.client.get(back)).headers.location).toBe('/?fc=franceconnect.acr_too_low');
    } finally {
      t.ctx.config.franceConnect = settings;
      fc.acr = null;
    }
  });

  it('FranceConnect out of reach: the visitor is told, the portal keeps working', async () => {
    const down = await createTestApp({ config: { franceConnect: { ...fc.settings(PUBLIC_URL), issuer: 'http://127.0.0.1:9/api/v2' } } });
    try {
      const res = await down.client().get('/api/franceconnect/login');
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/?fc=franceconnect.unavailable');
      expect((await down.client().get('/api/config')).status).toBe(200);
    } finally {
      await down.close();
    }
  });

  it('two callbacks at once with the same state open one session', async () => {
    const { f } = await linkedFamily();
    const v = visitor();
    const back = await toProviderAndBack(v);
    const twin = t.client(v.client.ip);
    twin.setCookie('pf_fc', v.client.cookie('pf_fc')!);
    const before = await t.ctx.db.selectFrom('session').select('id').where('account_id', '=', f.accountId).execute();
    const [a, b] = await Promise.all([v.client.get(back), twin.get(back)]);
    expect([a.headers.location, b.headers.location].sort()).toEqual(['/?fc=franceconnect.state_used', '/famille']);
    const after = await t.ctx.db.selectFrom('session').select('id').where('account_id', '=', f.accountId).execute();
    expect(after.length - before.length).toBe(1);
  });
});

describe('signing out', () => {
  it('a session opened with FranceConnect also ends FranceConnect’s session', async () => {
    fc.user = someone();
    await linkedFamily();
    const at = new ProviderBrowser(PUBLIC_URL);
    const v = { client: t.client(), at };
    expect((await v.client.get(await toProviderAndBack(v))).headers.location).toBe('/famille');
    const logins = fc.logins;
    // FranceConnect's session is alive: a second sign-in there asks nothing
    const v2 = { client: t.client(), at };
    expect((await v2.client.get(await toProviderAndBack(v2))).headers.location).toBe('/famille');
    expect(fc.logins).toBe(logins);

    const out = await v.client.post('/api/franceconnect/logout');
    expect(out.status).toBe(200);
    const url = new URL(out.body.url);
    expect(url.href.startsWith(`${fc.issuer}/session/end?`)).toBe(true);
    expect(url.searchParams.get('id_token_hint')).toMatch(/^eyJ/);
    expect(url.searchParams.get('state')).toMatch(/^[0-9a-f]{64}$/);
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${PUBLIC_URL}/api/franceconnect/logout-callback`);
    expect((await v.client.get('/api/session')).body.account).toBeNull();

    const logouts = fc.logouts;
    const back = await at.follow(url.href);
    expect(back).toMatch(/^\/api\/franceconnect\/logout-callback\?/);
    expect((await v.client.get(back)).headers.location).toBe('/?fc=logged_out');
    expect(fc.logouts).toBe(logouts + 1);
    // a second use of that return says nothing more
    expect((await v.client.get(back)).headers.location).toBe('/');

    // FranceConnect asks again
    const v3 = { client: t.client(), at };
    expect((await v3.client.get(await toProviderAndBack(v3))).headers.location).toBe('/famille');
    expect(fc.logins).toBe(logins + 1);
  });

  it('a password session signs out of the portal only', async () => {
    const f = await createFamily(t.ctx);
    const c = t.client();
    await c.login(f.email, f.password);
    const out = await c.post('/api/franceconnect/logout');
    expect(out.body).toEqual({ url: null });
    expect((await c.get('/api/session')).body.account).toBeNull();
  });
});

describe('without FranceConnect settings', () => {
  it('offers no button and its routes answer 404', async () => {
    expect((await off.client().get('/api/config')).body.franceConnect).toBe(false);
    expect((await t.client().get('/api/config')).body.franceConnect).toBe(true);
    expect((await off.client().get('/api/franceconnect/login')).status).toBe(404);
    expect((await off.client().get('/api/franceconnect/callback?state=x&code=y')).status).toBe(404);
    expect((await off.client().get('/api/franceconnect/registration')).status).toBe(404);
    expect((await off.client().post('/api/franceconnect/logout')).status).toBe(404);
    const f = await createFamily(off.ctx);
    const c = await loginAs(off, f.accountId);
    expect((await c.get('/api/franceconnect/status')).status).toBe(404);
    expect((await c.post('/api/franceconnect/link')).status).toBe(404);
  });
});

describe('the family’s data and its closure', () => {
  it('exports the linked identity (without FranceConnect’s subject) and erases it with the family', async () => {
    fc.user = someone();
    const { f } = await linkedFamily();
    const data = await import('../../src/server/modules/privacy/privacy.registry.js');
    const p = data.privacyParticipants().find((x) => x.name === 'franceconnect')!;
    const rows = await p.exportRows!(t.ctx.db, t.ctx, f.familyId);
    expect(rows.franceconnect_identities).toEqual([expect.objectContaining({ account_id: f.accountId, family_name: 'Dubois', birthdate: '1962-08-24' })]);
    expect(JSON.stringify(rows)).not.toContain(fc.user.sub);
    const erased = await t.ctx.db.transaction().execute((trx) =>
      p.erase(trx, t.ctx, f.familyId, { familyId: f.familyId, accountId: f.accountId, childIds: [], emails: [f.email], now: t.clock.now().toISOString() }),
    );
    expect(erased.erased.fc_identity).toBe(1);
    expect(await t.ctx.db.selectFrom('fc_identity').select('sub').where('family_id', '=', f.familyId).executeTakeFirst()).toBeUndefined();
  });
});

describe('settings', () => {
  it('FranceConnect is on with a client id, needs its secret and an https issuer, and derives its addresses from PUBLIC_URL', async () => {
    const { loadConfig } = await import('../../src/server/config.js');
    expect(loadConfig({}).franceConnect).toBeNull();
    const env = {
      PUBLIC_URL: 'https://familles.ville.example/',
      FRANCECONNECT_CLIENT_ID: 'abc',
      FRANCECONNECT_CLIENT_SECRET: 'secret',
      FRANCECONNECT_ISSUER: 'https://fcp-low.integ01.dev-franceconnect.fr/api/v2',
    };
    expect(loadConfig(env).franceConnect).toMatchObject({
      clientId: 'abc',
      issuer: 'https://fcp-low.integ01.dev-franceconnect.fr/api/v2',
      scopes: 'openid given_name family_name birthdate email',
      acrValues: 'eidas1',
      redirectUri: 'https://familles.ville.example/api/franceconnect/callback',
      postLogoutRedirectUri: 'https://familles.ville.example/api/franceconnect/logout-callback',
    });
    expect(loadConfig({ ...env, FRANCECONNECT_ENABLED: 'false' }).franceConnect).toBeNull();
    expect(() => loadConfig({ ...env, FRANCECONNECT_CLIENT_SECRET: '' })).toThrow(/FRANCECONNECT_CLIENT_SECRET/);
    expect(() => loadConfig({ FRANCECONNECT_ENABLED: 'true' })).toThrow(/FRANCECONNECT_CLIENT_ID/);
    expect(() => loadConfig({ ...env, FRANCECONNECT_ISSUER: 'http://franceconnect.example/api/v2' })).toThrow(/FRANCECONNECT_ISSUER/);
    expect(loadConfig({ ...env, FRANCECONNECT_ISSUER: 'http://127.0.0.1:9000/api/v2' }).franceConnect?.issuer).toBe('http://127.0.0.1:9000/api/v2');
  });
});
