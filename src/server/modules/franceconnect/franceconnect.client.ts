import { randomBytes } from 'node:crypto';
import * as oidc from 'openid-client';
import type { FranceConnectConfig } from '../../config.js';

/**
 * The relying party's side of FranceConnect's OpenID Connect (openid-client): discovery, the authorization and
 * end-session URLs, the code exchange with its checks (state, nonce, PKCE, signatures, issuer, audience) and the
 * UserInfo call. No other network than the configured provider. Tokens never leave this module but as values.
 */

/** The identity FranceConnect gives (its claims, under its names). */
export interface FcIdentity {
  sub: string;
  given_name: string;
  family_name: string;
  /** YYYY-MM-DD; FranceConnect gives an empty string when the day or month is unknown */
  birthdate: string | null;
  email: string | null;
}

/** Why a callback failed, as the module's error codes name it (never the provider's message, which may echo input). */
export type FcFailure = 'nonce_invalid' | 'code_invalid' | 'provider_error' | 'acr_too_low' | 'identity_incomplete' | 'unavailable';

export class FcError extends Error {
  constructor(readonly failure: FcFailure, readonly detail?: string) {
    super(failure);
    this.name = 'FcError';
  }
}

const TIMEOUT_SECONDS = 10;
const configs = new Map<string, Promise<oidc.Configuration>>();

/** The provider's metadata, discovered once per process and settings (a failed discovery is tried again next time). */
function configuration(fc: FranceConnectConfig): Promise<oidc.Configuration> {
  const key = `${fc.issuer}|${fc.clientId}|${fc.idTokenAlg}|${fc.userinfoAlg}`;
  let p = configs.get(key);
  if (!p) {
    const insecure = fc.issuer.startsWith('http://'); // loopback only (config.ts)
    p = oidc
      .discovery(
        new URL(fc.issuer),
        fc.clientId,
        {
          id_token_signed_response_alg: fc.idTokenAlg,
          ...(fc.userinfoAlg !== 'none' ? { userinfo_signed_response_alg: fc.userinfoAlg } : {}),
        },
        oidc.ClientSecretPost(fc.clientSecret),
        { timeout: TIMEOUT_SECONDS, execute: insecure ? [oidc.allowInsecureRequests] : [] },
      )
      .catch((err: unknown) => {
        configs.delete(key);
        throw new FcError('unavailable', errorName(err));
      });
    configs.set(key, p);
  }
  return p;
}

/** Random values as FranceConnect wants them: at least 32 characters, letters and digits only. */
export function randomValue(): string {
  return randomBytes(32).toString('hex');
}

export async function authorizationUrl(fc: FranceConnectConfig, p: { state: string; nonce: string; codeVerifier: string }): Promise<string> {
  const config = await configuration(fc);
  return oidc
    .buildAuthorizationUrl(config, {
      redirect_uri: fc.redirectUri,
      scope: fc.scopes,
      acr_values: fc.acrValues,
      state: p.state,
      nonce: p.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(p.codeVerifier),
      code_challenge_method: 'S256',
    })
    .toString();
}

export async function endSessionUrl(fc: FranceConnectConfig, p: { idToken: string; state: string }): Promise<string> {
  const config = await configuration(fc);
  return oidc
    .buildEndSessionUrl(config, { id_token_hint: p.idToken, state: p.state, post_logout_redirect_uri: fc.postLogoutRedirectUri })
    .toString();
}

const ACR_LEVEL: Record<string, number> = { eidas1: 1, eidas2: 2, eidas3: 3 };

/**
 * Exchanges the code of a callback (its query string as received) for the ID token and the identity. Checks:
 * state (against the stored one), nonce, PKCE, the ID token's signature, issuer, audience and expiry (openid-client),
 * the eIDAS level at least the one asked, and UserInfo's `sub` equal to the ID token's.
 */
export async function exchangeCode(
  fc: FranceConnectConfig,
  query: string,
  expected: { state: string; nonce: string; codeVerifier: string },
): Promise<{ idToken: string; identity: FcIdentity }> {
  const config = await configuration(fc);
  const callbackUrl = new URL(fc.redirectUri);
  callbackUrl.search = query;
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      expectedState: expected.state,
      expectedNonce: expected.nonce,
      pkceCodeVerifier: expected.codeVerifier,
      idTokenExpected: true,
    });
  } catch (err) {
    throw classify(err);
  }
  const claims = tokens.claims();
  const idToken = tokens.id_token;
  if (!claims || !idToken) throw new FcError('provider_error', 'no id_token');
  const asked = ACR_LEVEL[fc.acrValues] ?? 1;
  if ((ACR_LEVEL[String(claims.acr ?? '')] ?? 0) < asked) throw new FcError('acr_too_low', String(claims.acr ?? 'none'));
  let info: oidc.UserInfoResponse;
  try {
    info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
  } catch (err) {
    throw classify(err);
  }
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  const given = text(info.given_name);
  const family = text(info.family_name);
  if (!given || !family) throw new FcError('identity_incomplete');
  const birthdate = text(info.birthdate);
  return {
    idToken,
    identity: {
      sub: claims.sub,
      given_name: given.slice(0, 80),
      family_name: family.slice(0, 80),
      birthdate: birthdate && /^\d{4}-\d{2}-\d{2}$/.test(birthdate) ? birthdate : null,
      email: text(info.email)?.toLowerCase().slice(0, 254) ?? null,
    },
  };
}

function errorName(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { name?: string; code?: string; error?: string };
    return [e.name, e.code, e.error].filter(Boolean).join(' ');
  }
  return 'unknown';
}

/** The provider's or the library's error as one of ours; only names and codes are kept (never tokens or codes). */
function classify(err: unknown): FcError {
  if (err instanceof FcError) return err;
  const name = errorName(err);
  if (err instanceof oidc.ResponseBodyError && err.error === 'invalid_grant') return new FcError('code_invalid', name);
  const e = err as { code?: string; message?: string; cause?: { message?: string; cause?: { claim?: string } } } | null;
  const claim = e?.cause?.cause?.claim ?? (/"(\w+)" claim/.exec(`${e?.message} ${e?.cause?.message}`)?.[1] || undefined);
  if (e?.code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' && claim === 'nonce') return new FcError('nonce_invalid', name);
  if (e?.code === 'OAUTH_TIMEOUT' || (err as Error)?.name === 'TimeoutError' || (err as Error)?.name === 'TypeError') return new FcError('unavailable', name);
  return new FcError('provider_error', name);
}
