import { createHash, timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { FranceConnectConfig } from '../../config.js';
import type { Language } from '../../../shared/i18n/languages.js';
import type { FcRegisterInput, FcRegistrationView, FcStatusView } from '../../../shared/franceconnect-contracts.js';
import type { z } from 'zod';
import type { fcRegisterInput } from '../../../shared/franceconnect-contracts.js';
import { addMs, isoNow } from '../../clock.js';
import { isUniqueViolation } from '../../db/database.js';
import { writeTransaction } from '../../db/write.js';
import { AppError, ConflictError, NotFoundError } from '../../errors.js';
import { recordAudit, type Actor } from '../audit/audit.service.js';
import { registerGuardianIdentityLocks, setGuardianIdentity } from '../family/family.service.js';
import { familyAccountFacts, guardianRanksOf, hasUsablePassword, openProviderSession } from '../account/account.external.js';
import { logout as closePortalSession, register } from '../account/account.service.js';
import { authorizationUrl, endSessionUrl, exchangeCode, FcError, randomValue, type FcIdentity } from './franceconnect.client.js';
import * as repo from './franceconnect.repo.js';

/**
 * FranceConnect for families (issue 11, docs/franceconnect.md): sign-in, « Créer mon compte » with the identity it
 * gives, link and unlink from the account page, sign-out that ends FranceConnect's session too. The attempt (state,
 * nonce, PKCE verifier) is kept in the database, so any instance finishes what another started, and is used once.
 */

/** How long a sign-in at FranceConnect may take, and how long the family's form may wait after it. */
const LOGIN_TTL_MS = 10 * 60_000;
const REGISTRATION_TTL_MS = 30 * 60_000;
/** expired attempts are kept this long, to tell a late callback « expired » rather than « unknown » */
const KEEP_EXPIRED_MS = 24 * 3_600_000;

const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');

/** The settings, or 404 when FranceConnect is off (its routes then do not exist for the visitor). */
export function settingsOf(ctx: AppContext): FranceConnectConfig {
  if (!ctx.config.franceConnect) throw new NotFoundError();
  return ctx.config.franceConnect;
}

/** A failed FranceConnect step: its error code (errors catalogue, `franceconnect.*` or `auth.*`) and the page to show it on. */
export class FcFlowError extends Error {
  constructor(
    readonly code: string,
    readonly purpose: 'login' | 'link',
  ) {
    super(code);
    this.name = 'FcFlowError';
  }
}

const FAILURE_CODES: Record<FcError['failure'], string> = {
  nonce_invalid: 'franceconnect.nonce_invalid',
  code_invalid: 'franceconnect.code_invalid',
  provider_error: 'franceconnect.provider_error',
  acr_too_low: 'franceconnect.acr_too_low',
  identity_incomplete: 'franceconnect.identity_incomplete',
  unavailable: 'franceconnect.unavailable',
};

// ---------- start ----------

/**
 * Periodic job « franceconnect-purge » (jobs/runner.ts): forgets expired sign-in attempts, registrations and session
 * tokens even when nobody starts a FranceConnect sign-in for a while (the start also does it).
 */
export async function purgeFranceConnect(ctx: AppContext): Promise<void> {
  const now = isoNow(ctx.clock);
  await repo.purgeExpired(ctx.db, now, addMs(now, -KEEP_EXPIRED_MS));
}

export type StartRequest = { purpose: 'login'; language: Language } | { purpose: 'link'; accountId: string; sessionId: string; language: Language };

/**
 * Starts a sign-in (or a link) at FranceConnect: a new state, nonce and PKCE verifier, kept server-side; answers the
 * authorization URL and the state, which the route also puts in the browser's binding cookie.
 */
export async function start(ctx: AppContext, req: StartRequest): Promise<{ url: string; state: string }> {
  const fc = settingsOf(ctx);
  const now = isoNow(ctx.clock);
  await repo.purgeExpired(ctx.db, now, addMs(now, -KEEP_EXPIRED_MS));
  const state = randomValue();
  const nonce = randomValue();
  const codeVerifier = randomValue();
  let url: string;
  try {
    url = await authorizationUrl(fc, { state, nonce, codeVerifier });
  } catch (err) {
    throw new FcFlowError(err instanceof FcError ? FAILURE_CODES[err.failure] : 'franceconnect.unavailable', req.purpose);
  }
  await repo.insertLogin(ctx.db, {
    id: sha256(state),
    purpose: req.purpose,
    nonce,
    code_verifier: codeVerifier,
    account_id: req.purpose === 'link' ? req.accountId : null,
    session_id: req.purpose === 'link' ? req.sessionId : null,
    language: req.language,
    created_at: now,
    expires_at: addMs(now, LOGIN_TTL_MS),
    used_at: null,
  });
  return { url, state };
}

// ---------- callback ----------

export interface CallbackQuery {
  state?: string;
  code?: string;
  error?: string;
}

export type CallbackOutcome =
  | { kind: 'signed_in'; token: string }
  | { kind: 'register'; ticket: string }
  | { kind: 'linked' };

function sameValue(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * FranceConnect's redirect back: the state must be the one this browser started with (binding cookie) and an
 * attempt still open, claimed by a conditional update (two callbacks with one state: one goes on, the other is
 * refused); then the code is exchanged and checked (nonce, PKCE, signatures) and the identity read.
 */
export async function callback(
  ctx: AppContext,
  query: CallbackQuery,
  rawQuery: string,
  binding: string | undefined,
  userAgent: string | null,
): Promise<CallbackOutcome> {
  const fc = settingsOf(ctx);
  const now = isoNow(ctx.clock);
  const state = query.state ?? '';
  if (!state || !binding || !sameValue(state, binding)) throw new FcFlowError('franceconnect.state_invalid', 'login');
  const attempt = await repo.claimLogin(ctx.db, sha256(state), ['login', 'link'], now);
  if (!attempt) {
    const seen = await repo.findLogin(ctx.db, sha256(state));
    const purpose = seen?.purpose === 'link' ? 'link' : 'login';
    if (seen?.used_at) throw new FcFlowError('franceconnect.state_used', purpose);
    if (seen) throw new FcFlowError('franceconnect.expired', purpose);
    throw new FcFlowError('franceconnect.state_invalid', 'login');
  }
  const purpose = attempt.purpose === 'link' ? 'link' : 'login';
  if (query.error) throw new FcFlowError(query.error === 'access_denied' ? 'franceconnect.cancelled' : 'franceconnect.provider_error', purpose);
  if (!query.code) throw new FcFlowError('franceconnect.provider_error', purpose);

  let result: { idToken: string; identity: FcIdentity };
  try {
    result = await exchangeCode(fc, rawQuery, { state, nonce: attempt.nonce, codeVerifier: attempt.code_verifier });
  } catch (err) {
    if (!(err instanceof FcError)) throw err;
    // names and codes only: never the code, a token or the provider's text
    ctx.logger.warn({ franceconnect: err.failure, detail: err.detail }, 'FranceConnect: callback refused');
    throw new FcFlowError(FAILURE_CODES[err.failure], purpose);
  }
  if (purpose === 'link') return link(ctx, attempt, result);
  return signIn(ctx, result, userAgent);
}

async function signIn(ctx: AppContext, { idToken, identity }: { idToken: string; identity: FcIdentity }, userAgent: string | null): Promise<CallbackOutcome> {
  const now = isoNow(ctx.clock);
  const known = await repo.identityBySub(ctx.db, identity.sub);
  if (!known) {
    const ticket = randomValue();
    await repo.insertRegistration(ctx.db, {
      id: sha256(ticket),
      sub: identity.sub,
      given_name: identity.given_name,
      family_name: identity.family_name,
      birthdate: identity.birthdate,
      email: identity.email,
      created_at: now,
      expires_at: addMs(now, REGISTRATION_TTL_MS),
      used_at: null,
    });
    return { kind: 'register', ticket };
  }
  let token: string;
  try {
    // The session and its ID token (for the sign-out at FranceConnect) in one transaction, under the login rules.
    token = await openProviderSession(ctx, known.account_id, userAgent, async (trx, sessionId) => {
      await repo.keepSessionToken(trx, {
        session_id: sessionId,
        account_id: known.account_id,
        id_token: idToken,
        created_at: now,
        expires_at: addMs(now, ctx.config.sessionAbsoluteMs),
      });
    });
  } catch (err) {
    if (err instanceof AppError && err.code.startsWith('auth.')) throw new FcFlowError(err.code, 'login');
    throw err;
  }
  // Then the identity as FranceConnect gives it today, in the family's lock order (family row first, then the rest).
  try {
    await writeTransaction(ctx, async (trx) => {
      const facts = await familyAccountFacts(trx, known.account_id);
      if (facts) await setGuardianIdentity(trx, facts.familyId, facts.guardianRank, guardianIdentity(identity));
      await repo.refreshIdentity(trx, known.account_id, {
        given_name: identity.given_name,
        family_name: identity.family_name,
        birthdate: identity.birthdate,
        email: identity.email,
        last_login_at: now,
      });
    });
  } catch (err) {
    ctx.logger.warn({ franceconnect: 'identity_refresh', code: err instanceof AppError ? err.code : 'error' }, 'FranceConnect: identity not refreshed');
  }
  return { kind: 'signed_in', token };
}

function guardianIdentity(i: Pick<FcIdentity, 'given_name' | 'family_name' | 'birthdate'>) {
  return { lastName: i.family_name, firstName: i.given_name, birthDate: i.birthdate };
}

async function link(ctx: AppContext, attempt: repo.FcLoginRow, { idToken, identity }: { idToken: string; identity: FcIdentity }): Promise<CallbackOutcome> {
  const now = isoNow(ctx.clock);
  const facts = attempt.account_id ? await familyAccountFacts(ctx.db, attempt.account_id) : undefined;
  if (!facts || facts.status === 'rejected' || facts.status === 'disabled') throw new FcFlowError('franceconnect.state_invalid', 'link');
  // Write discipline: the UNIQUE indexes on fc_identity (account, sub) decide between two links at once; the checks
  // before them only give the clearer message. The guardian's row is written under the family row's lock.
  try {
    await writeTransaction(ctx, async (trx) => {
      const bySub = await repo.identityBySub(trx, identity.sub);
      if (bySub && bySub.account_id !== facts.id) throw new FcFlowError('franceconnect.identity_taken', 'link');
      const mine = await repo.identityOfAccount(trx, facts.id);
      if (mine && mine.sub !== identity.sub) throw new FcFlowError('franceconnect.already_linked', 'link');
      if (!mine)
        await repo.insertIdentity(trx, {
          account_id: facts.id,
          family_id: facts.familyId,
          sub: identity.sub,
          given_name: identity.given_name,
          family_name: identity.family_name,
          birthdate: identity.birthdate,
          email: identity.email,
          linked_at: now,
          last_login_at: null,
        });
      await setGuardianIdentity(trx, facts.familyId, facts.guardianRank, guardianIdentity(identity));
      if (attempt.session_id)
        await repo.keepSessionToken(trx, {
          session_id: attempt.session_id,
          account_id: facts.id,
          id_token: idToken,
          created_at: now,
          expires_at: addMs(now, ctx.config.sessionAbsoluteMs),
        });
      if (!mine)
        await recordAudit(trx, ctx.clock, { id: facts.id, email: facts.email }, {
          action: 'franceconnect.linked',
          familyId: facts.familyId,
          targetType: 'account',
          targetId: facts.id,
        });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new FcFlowError('franceconnect.identity_taken', 'link');
    if (err instanceof AppError && err.code === 'privacy.family_closed') throw new FcFlowError('auth.account_disabled', 'link');
    throw err;
  }
  return { kind: 'linked' };
}

// ---------- registration ----------

const expiredRegistration = () => new AppError('franceconnect.registration_expired', 400);

/** The identity waiting for the family's form (the ticket is the browser's cookie), or null when there is none (any more). */
export async function registrationOf(ctx: AppContext, ticket: string | undefined): Promise<FcRegistrationView | null> {
  settingsOf(ctx);
  const row = ticket ? await repo.liveRegistration(ctx.db, sha256(ticket), isoNow(ctx.clock)) : undefined;
  if (!row) return null;
  return { givenName: row.given_name, familyName: row.family_name, birthdate: row.birthdate, email: row.email };
}

/**
 * « Créer mon compte » with FranceConnect: the family's form without a password, the guardian's names and birth date
 * from the identity. The account module's registration runs as for any family (pending, staff validation, the same
 * answer when the address already has an account); the identity is linked in its transaction, the ticket used there.
 */
export async function registerFamily(ctx: AppContext, ticket: string | undefined, input: z.output<typeof fcRegisterInput>, language: Language): Promise<void> {
  settingsOf(ctx);
  const id = ticket ? sha256(ticket) : '';
  const reg = ticket ? await repo.liveRegistration(ctx.db, id, isoNow(ctx.clock)) : undefined;
  if (!reg) throw expiredRegistration();
  try {
    await register(
      ctx,
      { ...input, lastName: reg.family_name, firstName: reg.given_name, password: '', passwordConfirmation: '' },
      language,
      {
        birthDate: reg.birthdate,
        link: async (trx, accountId, familyId) => {
          const now = isoNow(ctx.clock);
          // Write discipline: conditional write, rows checked — the ticket is used once.
          if (!(await repo.useRegistration(trx, id, now))) throw expiredRegistration();
          if (await repo.identityBySub(trx, reg.sub)) throw new ConflictError('franceconnect.identity_taken');
          await repo.insertIdentity(trx, {
            account_id: accountId,
            family_id: familyId,
            sub: reg.sub,
            given_name: reg.given_name,
            family_name: reg.family_name,
            birthdate: reg.birthdate,
            email: reg.email,
            linked_at: now,
            last_login_at: null,
          });
        },
      },
    );
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError('franceconnect.identity_taken');
    throw err;
  }
}

// ---------- the account page ----------

export async function statusOf(ctx: AppContext, accountId: string): Promise<FcStatusView> {
  settingsOf(ctx);
  const row = await repo.identityOfAccount(ctx.db, accountId);
  const facts = await familyAccountFacts(ctx.db, accountId);
  return {
    linked: !!row,
    identity: row ? { givenName: row.given_name, familyName: row.family_name, birthdate: row.birthdate, linkedAt: row.linked_at } : null,
    hasPassword: await hasUsablePassword(ctx.db, accountId),
    guardianRank: facts?.guardianRank ?? 1,
  };
}

/**
 * « Délier FranceConnect »: refused to an account without a password of its own (it would have no way in left: it
 * chooses one first through « Mot de passe oublié »). The guardian's identity stays as it was, editable again.
 */
export async function unlink(ctx: AppContext, actor: Actor & { familyId: string }): Promise<void> {
  settingsOf(ctx);
  if (!(await hasUsablePassword(ctx.db, actor.id))) throw new ConflictError('franceconnect.password_needed');
  // Write discipline: conditional write, rows checked — a second unlink at once finds nothing (409).
  await writeTransaction(ctx, async (trx) => {
    if ((await repo.deleteIdentity(trx, actor.id)) !== 1) throw new ConflictError('franceconnect.not_linked');
    await recordAudit(trx, ctx.clock, { id: actor.id, email: actor.email }, {
      action: 'franceconnect.unlinked',
      familyId: actor.familyId,
      targetType: 'account',
      targetId: actor.id,
    });
  });
}

// ---------- sign-out ----------

/**
 * Closes the portal session; when it was opened (or linked) with FranceConnect, answers the URL of FranceConnect's
 * end-session endpoint (`id_token_hint`, `state`, `post_logout_redirect_uri`) so that the browser ends it there too.
 */
export async function logout(ctx: AppContext, sessionId: string | null, language: Language): Promise<string | null> {
  const idToken = sessionId ? await repo.takeSessionToken(ctx.db, sessionId) : undefined;
  await closePortalSession(ctx, sessionId);
  const fc = ctx.config.franceConnect;
  if (!idToken || !fc) return null;
  const state = randomValue();
  const now = isoNow(ctx.clock);
  try {
    const url = await endSessionUrl(fc, { idToken, state });
    await repo.insertLogin(ctx.db, {
      id: sha256(state),
      purpose: 'logout',
      nonce: '',
      code_verifier: '',
      account_id: null,
      session_id: null,
      language,
      created_at: now,
      expires_at: addMs(now, LOGIN_TTL_MS),
      used_at: null,
    });
    return url;
  } catch (err) {
    // The portal's session is closed whatever happens; FranceConnect's ends with its own expiry.
    ctx.logger.warn({ franceconnect: err instanceof FcError ? err.failure : 'error' }, 'FranceConnect: sign-out not sent');
    return null;
  }
}

/** FranceConnect's redirect after its sign-out: the state must be one the portal sent (used once). */
export async function logoutReturned(ctx: AppContext, state: string | undefined): Promise<boolean> {
  settingsOf(ctx);
  if (!state) return false;
  return !!(await repo.claimLogin(ctx.db, sha256(state), ['logout'], isoNow(ctx.clock)));
}

// ---------- what other modules ask ----------

/** The family module's guardian identity lock (registered at build): the guardians of the family's linked accounts. */
export function registerFranceConnectLocks(): void {
  registerGuardianIdentityLocks(async (db, familyId) => {
    const rows = await repo.identitiesOfFamily(db, familyId);
    const ranks = await guardianRanksOf(
      db,
      rows.map((r) => r.account_id),
    );
    return [...new Set(ranks.values())];
  });
}

export type { FcRegisterInput };
