/**
 * A real OpenID Connect provider on loopback (the `oidc-provider` package) set up like FranceConnect v2 for the
 * tests: its scopes and claims (given_name, family_name, birthdate, email, gender, birthplace, birthcountry,
 * preferred_username), eIDAS acr values, ID token and UserInfo signed ES256, the end-session endpoint with
 * `id_token_hint`, `state` and `post_logout_redirect_uri`. Its « login page » signs in `provider.user` at once
 * (FranceConnect's identity providers are out of scope) and counts how many times it had to.
 */
import { createServer, type Server } from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';
import type { FranceConnectConfig } from '../../src/server/config.js';

export interface FcUser {
  sub: string;
  given_name: string;
  family_name: string;
  birthdate: string;
  email: string;
  gender?: string;
  birthplace?: string;
  birthcountry?: string;
  preferred_username?: string;
}

export const ANGELA: FcUser = {
  sub: 'b6048e95bb134ec5b1d1e1fa69f287172e91722b9354d637a1bcf2ebb0fd2ef5v1',
  given_name: 'Angela Claire Louise',
  family_name: 'Dubois',
  birthdate: '1962-08-24',
  email: 'angela.dubois@exemple.fr',
  gender: 'female',
  birthplace: '75107',
  birthcountry: '99100',
  preferred_username: '',
};

export interface FakeFranceConnect {
  issuer: string;
  /** who the provider's login page signs in next */
  user: FcUser;
  /** how many times the provider had to sign someone in (a live provider session signs in without it) */
  logins: number;
  /** how many sign-outs ended the provider's session */
  logouts: number;
  /** the eIDAS level the provider vouches for (default: the one asked) */
  acr: string | null;
  /** the portal's settings for this provider */
  settings: (publicUrl: string) => FranceConnectConfig;
  stop: () => Promise<void>;
}

const CLIENT_ID = 'portail-familles-test';
const CLIENT_SECRET = randomBytes(24).toString('hex');

function jwk(kind: 'ec' | 'rsa') {
  const { privateKey } =
    kind === 'ec' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: `${kind}-${randomBytes(4).toString('hex')}`, use: 'sig' };
}

/**
 * Starts the provider on 127.0.0.1 (a random port), with the portal at `publicUrls` as its client. `host`: the name
 * in its issuer — `localhost` makes it another site than a portal at 127.0.0.1, as FranceConnect is for a city's
 * portal (its redirect back is then a cross-site navigation, without the portal's SameSite=Strict cookie).
 */
export async function startFakeFranceConnect(publicUrls: string[], host: '127.0.0.1' | 'localhost' = '127.0.0.1'): Promise<FakeFranceConnect> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://${host}:${(server.address() as AddressInfo).port}/api/v2`;
  const state: FakeFranceConnect = {
    issuer,
    user: ANGELA,
    logins: 0,
    logouts: 0,
    acr: null,
    settings: (publicUrl) => ({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      issuer,
      scopes: 'openid given_name family_name birthdate email',
      acrValues: 'eidas1',
      idTokenAlg: 'ES256',
      userinfoAlg: 'ES256',
      redirectUri: `${publicUrl}/api/franceconnect/callback`,
      postLogoutRedirectUri: `${publicUrl}/api/franceconnect/logout-callback`,
    }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const users = new Map<string, FcUser>();

  const configuration: Configuration = {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: publicUrls.map((u) => `${u}/api/franceconnect/callback`),
        post_logout_redirect_uris: publicUrls.map((u) => `${u}/api/franceconnect/logout-callback`),
        token_endpoint_auth_method: 'client_secret_post',
        id_token_signed_response_alg: 'ES256',
        userinfo_signed_response_alg: 'ES256',
      },
    ],
    jwks: { keys: [jwk('ec'), jwk('rsa')] as never },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    acrValues: ['eidas1', 'eidas2', 'eidas3'],
    claims: {
      openid: ['sub'],
      given_name: ['given_name'],
      family_name: ['family_name'],
      birthdate: ['birthdate'],
      email: ['email'],
      gender: ['gender'],
      birthplace: ['birthplace'],
      birthcountry: ['birthcountry'],
      preferred_username: ['preferred_username'],
    },
    features: {
      devInteractions: { enabled: false },
      jwtUserinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        // FranceConnect ends its session without asking: the confirmation form is sent at once
        logoutSource: async (ctx, form) => {
          ctx.body = `<!doctype html><html lang="fr"><head><title>Déconnexion</title></head><body><main>${form.replace(
            '</form>',
            '<input type="hidden" name="logout" value="yes"/><button type="submit">Se déconnecter</button></form>',
          )}</main><script>document.getElementById('op.logoutForm').submit()</script></body></html>`;
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // FranceConnect v2's paths
    routes: { authorization: '/authorize', token: '/token', userinfo: '/userinfo', jwks: '/jwks', end_session: '/session/end' },
    findAccount: async (_ctx, sub) => {
      const user = users.get(sub);
      if (!user) return undefined;
      return { accountId: sub, claims: async () => ({ ...user }) };
    },
    pkce: { required: () => true },
    ttl: { Session: 3600, Interaction: 600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600, Grant: 3600 },
  };
  const provider = new Provider(issuer, configuration);
  provider.on('end_session.success', () => {
    state.logouts += 1;
  });
  const handle = provider.callback();
  server.on('request', (req, res) => {
    if (!req.url?.startsWith('/interaction/')) {
      // the provider lives under /api/v2, as FranceConnect's does
      if (req.url?.startsWith('/api/v2')) {
        (req as typeof req & { originalUrl?: string }).originalUrl = req.url;
        req.url = req.url.slice('/api/v2'.length) || '/';
      }
      return handle(req, res);
    }
    void (async () => {
      try {
        const details = await provider.interactionDetails(req, res);
        if (details.prompt.name === 'login') {
          state.logins += 1;
          users.set(state.user.sub, state.user);
          const acr = state.acr ?? String(details.params.acr_values ?? 'eidas1').split(' ')[0];
          await provider.interactionFinished(req, res, { login: { accountId: state.user.sub, acr } }, { mergeWithLastSubmission: false });
          return;
        }
        const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) });
        const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
        if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
        if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
        const grantId = await grant.save();
        await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      } catch (err) {
        res.statusCode = 500;
        res.end(String(err));
      }
    })();
  });
  return state;
}

/**
 * A browser at the provider: follows its redirects with its cookies until it is sent back to the portal, and
 * answers that URL (callback or logout-callback). The provider's own pages (the sign-out form) are submitted.
 */
export class ProviderBrowser {
  private cookies = new Map<string, { value: string; path: string }>();

  constructor(private portalUrl: string) {}

  private cookieHeader(url: URL): string {
    return [...this.cookies]
      .filter(([, c]) => url.pathname.startsWith(c.path))
      .map(([k, c]) => `${k.split('|')[0]}=${c.value}`)
      .join('; ');
  }

  private keep(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const path = attrs.map((a) => a.trim()).find((a) => /^path=/i.test(a))?.slice(5) ?? '/';
      const expired = attrs.some((a) => /expires=thu, 01 jan 1970/i.test(a) || /max-age=0/i.test(a)) || value === '';
      if (expired) this.cookies.delete(`${name}|${path}`);
      else this.cookies.set(`${name}|${path}`, { value, path });
    }
  }

  /** Forgets the provider's cookies (another browser). */
  clear(): void {
    this.cookies.clear();
  }

  async follow(start: string): Promise<string> {
    let url = new URL(start);
    let method = 'GET';
    let body: string | undefined;
    for (let hops = 0; hops < 20; hops++) {
      if (url.href.startsWith(this.portalUrl)) return url.pathname + url.search;
      const res = await fetch(url, {
        method,
        redirect: 'manual',
        headers: { cookie: this.cookieHeader(url), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        body,
      });
      this.keep(res);
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        url = new URL(location, url);
        method = 'GET';
        body = undefined;
        continue;
      }
      const html = await res.text();
      const form = /<form[^>]*method="post"[^>]*action="([^"]+)"/i.exec(html);
      if (res.status === 200 && form) {
        const fields = [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\s*\/?>/g)].map(([, k, v]) => [k!, v!] as [string, string]);
        url = new URL(form[1], url);
        method = 'POST';
        body = new URLSearchParams(fields).toString();
        continue;
      }
      throw new Error(`provider answered ${res.status}: ${html.slice(0, 300)}`);
    }
    throw new Error('too many redirects at the provider');
  }
}
