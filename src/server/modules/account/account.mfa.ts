import { createHash, randomBytes, randomUUID } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { AppContext } from '../../context.js';
import { healthCipher } from '../../context.js';
import { addMs, isoNow } from '../../clock.js';
import { AppError, ConflictError, ForbiddenError, NotFoundError, TooManyRequestsError, UnauthorizedError, ValidationError } from '../../errors.js';
import { affected, forUpdate, writeTransaction, type Executor } from '../../db/write.js';
import { isUniqueViolation } from '../../db/database.js';
import { recordAudit, type Actor } from '../audit/audit.service.js';
import { createSession, deleteSession, hashToken, newToken, type SessionAccount } from './account.sessions.js';
import { blockedFor, clearThrottle, LOGIN_PER_ACCOUNT, recordFailure } from './account.throttle.js';
import * as repo from './account.repo.js';
import type { AccountRow } from './account.repo.js';

/**
 * Staff two-factor login (issue 11, docs/staff-security.md): TOTP (RFC 6238, `otpauth`) with single-use recovery
 * codes, and passkeys (WebAuthn, `@simplewebauthn/server`). Secrets, codes and challenges are never logged.
 */

export type MfaMethod = 'totp' | 'recovery' | 'passkey';

const PENDING_MS = 5 * 60_000;
const CHALLENGE_MS = 5 * 60_000;
/** wrong second-step answers allowed on one pending login (the account's login throttle counts them too) */
const PENDING_ATTEMPTS = 5;
const RECOVERY_CODES = 10;
const TOTP_PERIOD = 30;
const ISSUER = 'Portail Familles';

const loginKey = (email: string) => `login:account:${email}`;

// ---------- policy ----------

/** Whether the account must have a second factor: admins (always, in production), agents by their flag or the default. */
export async function mfaRequired(ctx: AppContext, db: Executor, account: Pick<AccountRow, 'id' | 'kind' | 'role'>): Promise<boolean> {
  if (account.kind !== 'staff') return false;
  if (account.role === 'admin') return ctx.config.staffMfa.admins === 'required';
  const row = await db.selectFrom('mfa_setting').select('requirement').where('account_id', '=', account.id).executeTakeFirst();
  return (row?.requirement ?? ctx.config.staffMfa.agents) === 'required';
}

export interface Factors {
  totp: boolean;
  passkeys: number;
  recoveryLeft: number;
}

export async function factorsOf(db: Executor, accountId: string): Promise<Factors> {
  const totp = await db.selectFrom('mfa_totp').select('confirmed_at').where('account_id', '=', accountId).executeTakeFirst();
  const passkeys = await db.selectFrom('mfa_passkey').select((eb) => eb.fn.countAll<number | string>().as('n')).where('account_id', '=', accountId).executeTakeFirstOrThrow();
  const codes = await db
    .selectFrom('mfa_recovery_code')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('account_id', '=', accountId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { totp: Boolean(totp?.confirmed_at), passkeys: Number(passkeys.n), recoveryLeft: Number(codes.n) };
}

const hasFactor = (f: Factors) => f.totp || f.passkeys > 0;

/** The second-step methods of an account that has a factor; empty when it has none. */
export function methodsOf(f: Factors): MfaMethod[] {
  const m: MfaMethod[] = [];
  if (f.totp) m.push('totp');
  if (f.passkeys > 0) m.push('passkey');
  if (hasFactor(f) && f.recoveryLeft > 0) m.push('recovery');
  return m;
}

// ---------- the pending login (between the password and the second step) ----------

/** After a correct password: a 5-minute pending login, kept in the database so any instance can finish it. */
export async function createPendingLogin(ctx: AppContext, account: AccountRow): Promise<string> {
  const token = newToken();
  const now = ctx.clock.now();
  await ctx.db
    .insertInto('mfa_pending_login')
    .values({
      id: hashToken(token),
      account_id: account.id,
      password_hash: account.password_hash,
      created_at: now.toISOString(),
      expires_at: addMs(now, PENDING_MS),
      attempts: 0,
    })
    .execute();
  return token;
}

interface Pending {
  id: string;
  account: AccountRow;
}

/**
 * Counts one attempt on the pending login (conditional update: `attempts < 5`, not expired) and answers its account,
 * or 401 « mfa.second_step_expired ». The account's login throttle (shared with passwords) is checked first.
 */
async function takeAttempt(ctx: AppContext, token: string | undefined): Promise<Pending> {
  if (!token || token.length > 100) throw new UnauthorizedError('mfa.second_step_expired');
  const id = hashToken(token);
  const row = await ctx.db.selectFrom('mfa_pending_login').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new UnauthorizedError('mfa.second_step_expired');
  const account = await repo.findAccountById(ctx.db, row.account_id);
  if (!account || account.password_hash !== row.password_hash) throw new UnauthorizedError('mfa.second_step_expired');
  const wait = await blockedFor(ctx, loginKey(account.email));
  if (wait) throw new TooManyRequestsError('auth.throttled', wait);
  const counted = await ctx.db
    .updateTable('mfa_pending_login')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('attempts', '<', PENDING_ATTEMPTS)
    .where('expires_at', '>', isoNow(ctx.clock))
    .executeTakeFirst();
  if (affected(counted) !== 1) throw new UnauthorizedError('mfa.second_step_expired');
  return { id, account };
}

/** Counts a wrong answer on the account's login throttle; a typed code is the `code` field's problem, a passkey's is general. */
async function failedAttempt(ctx: AppContext, account: AccountRow, code: string): Promise<never> {
  await recordFailure(ctx, loginKey(account.email), LOGIN_PER_ACCOUNT);
  if (code.startsWith('mfa.passkey')) throw new AppError(code, 400);
  throw new ValidationError([{ path: 'code', code }]);
}

export interface Opened {
  token: string;
  account: AccountRow;
}

/**
 * Opens the session of a finished second step, in the transaction that spent the factor: the pending login is
 * consumed (`DELETE … WHERE id AND not expired`, rows checked: one session per pending login) and the account must
 * still be allowed in with the same password.
 */
async function openSession(trx: Executor, ctx: AppContext, account: AccountRow, pendingId: string | null, meta: { userAgent: string | null; sessionId: string | null }): Promise<string> {
  if (pendingId) {
    const gone = await trx.deleteFrom('mfa_pending_login').where('id', '=', pendingId).where('expires_at', '>', isoNow(ctx.clock)).executeTakeFirst();
    if (affected(gone) !== 1) throw new UnauthorizedError('mfa.second_step_expired');
  }
  const allowed = await trx
    .updateTable('account')
    .set({ last_login_at: isoNow(ctx.clock) })
    .where('id', '=', account.id)
    .where('password_hash', '=', account.password_hash)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (affected(allowed) !== 1) throw new UnauthorizedError('mfa.second_step_expired');
  if (meta.sessionId) await deleteSession(trx, meta.sessionId);
  return createSession(trx, ctx, account.id, meta.userAgent);
}

// ---------- TOTP ----------

function totpOf(secret: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: TOTP_PERIOD, secret: OTPAuth.Secret.fromBase32(secret) });
}

const secretContext = (accountId: string) => `account:${accountId}:totp`;

/** The time step a 6-digit code belongs to (±1 step of clock drift), or null. */
function matchingStep(ctx: AppContext, secret: string, code: string): number | null {
  const clean = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(clean)) return null;
  const timestamp = ctx.clock.now().getTime();
  const delta = totpOf(secret, 'x').validate({ token: clean, timestamp, window: 1 });
  if (delta === null) return null;
  return Math.floor(timestamp / 1000 / TOTP_PERIOD) + delta;
}

async function storedSecret(ctx: AppContext, db: Executor, accountId: string, confirmed: boolean) {
  const row = await db.selectFrom('mfa_totp').selectAll().where('account_id', '=', accountId).executeTakeFirst();
  if (!row || Boolean(row.confirmed_at) !== confirmed) return null;
  return { row, secret: healthCipher(ctx).decrypt(row.secret, secretContext(accountId)) };
}

/**
 * Spends a TOTP step: `UPDATE mfa_totp SET last_step = s WHERE … AND (last_step IS NULL OR last_step < s)`, rows
 * checked (write discipline, shape 1). The same code posted twice at once: one request moves the step, the other finds
 * 0 rows (« code déjà utilisé »).
 */
async function spendStep(trx: Executor, accountId: string, step: number): Promise<boolean> {
  const r = await trx
    .updateTable('mfa_totp')
    .set({ last_step: step })
    .where('account_id', '=', accountId)
    .where('confirmed_at', 'is not', null)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
    .executeTakeFirst();
  return affected(r) === 1;
}

export async function loginWithTotp(ctx: AppContext, pendingToken: string | undefined, code: string, meta: { userAgent: string | null; sessionId: string | null }): Promise<Opened> {
  const { id, account } = await takeAttempt(ctx, pendingToken);
  const stored = await storedSecret(ctx, ctx.db, account.id, true);
  if (!stored) throw new UnauthorizedError('mfa.second_step_expired');
  const step = matchingStep(ctx, stored.secret, code);
  if (step === null) return failedAttempt(ctx, account, 'mfa.code_invalid');
  const token = await writeTransaction(ctx, async (trx) => {
    if (!(await spendStep(trx, account.id, step))) return null;
    return openSession(trx, ctx, account, id, meta);
  });
  if (!token) return failedAttempt(ctx, account, 'mfa.code_used');
  await clearThrottle(ctx, loginKey(account.email));
  return { token, account };
}

/** Starts (or restarts) a TOTP enrolment: a new secret, its otpauth URI and QR code. Refused when one is confirmed. */
export async function startTotp(ctx: AppContext, accountId: string): Promise<{ secret: string; uri: string; qrSvg: string }> {
  const account = await staffAccount(ctx, accountId);
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  const encrypted = healthCipher(ctx).encrypt(secret, secretContext(accountId));
  const now = isoNow(ctx.clock);
  // Write discipline: conditional write — the upsert replaces only an unconfirmed secret (`WHERE confirmed_at IS NULL`);
  // two enrolments at once: the last one wins, and the other's confirmation fails on its secret (« mfa.enrolment_changed »).
  const r = await ctx.db
    .insertInto('mfa_totp')
    .values({ account_id: accountId, secret: encrypted, confirmed_at: null, last_step: null, created_at: now })
    .onConflict((oc) => oc.column('account_id').doUpdateSet({ secret: encrypted, created_at: now, last_step: null }).where('mfa_totp.confirmed_at', 'is', null))
    .executeTakeFirst();
  if (Number(r.numInsertedOrUpdatedRows ?? 0n) !== 1) throw new ConflictError('mfa.totp_exists');
  const uri = totpOf(secret, account.email).toString();
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, uri, qrSvg };
}

/**
 * Confirms the TOTP enrolment with a first code. In one transaction, the account's row locked first (the order every
 * factor change takes): the secret confirmed only if it is still the one the code was checked against, recovery
 * codes made when the account has none, the session's enrolment restriction lifted.
 */
export async function confirmTotp(ctx: AppContext, accountId: string, sessionId: string, code: string): Promise<{ recoveryCodes: string[] | null }> {
  await staffAccount(ctx, accountId);
  const stored = await storedSecret(ctx, ctx.db, accountId, false);
  if (!stored) throw new ConflictError('mfa.totp_not_started');
  const step = matchingStep(ctx, stored.secret, code);
  if (step === null) throw new ValidationError([{ path: 'code', code: 'mfa.code_invalid' }]);
  const codes = newRecoveryCodes();
  return writeTransaction(ctx, async (trx) => {
    await lockAccountRow(trx, accountId);
    const r = await trx
      .updateTable('mfa_totp')
      .set({ confirmed_at: isoNow(ctx.clock), last_step: step })
      .where('account_id', '=', accountId)
      .where('confirmed_at', 'is', null)
      .where('secret', '=', stored.row.secret)
      .executeTakeFirst();
    if (affected(r) !== 1) throw new ConflictError('mfa.enrolment_changed');
    const recoveryCodes = await firstFactorAdded(trx, ctx, accountId, sessionId, codes, 'mfa.totp_enrolled');
    return { recoveryCodes };
  });
}

// ---------- recovery codes ----------

const ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';

function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODES }, () => {
    const bytes = randomBytes(10);
    const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

function recoveryHash(code: string): string {
  const clean = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return createHash('sha256').update(`recovery:${clean}`).digest('hex');
}

async function replaceRecoveryCodes(trx: Executor, ctx: AppContext, accountId: string, codes: string[]): Promise<void> {
  await trx.deleteFrom('mfa_recovery_code').where('account_id', '=', accountId).execute();
  const now = isoNow(ctx.clock);
  await trx
    .insertInto('mfa_recovery_code')
    .values(codes.map((c) => ({ account_id: accountId, code_hash: recoveryHash(c), created_at: now, used_at: null })))
    .execute();
}

/** New recovery codes (the old ones stop working), shown once. Only to an account that has a factor. */
export async function regenerateRecoveryCodes(ctx: AppContext, accountId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await writeTransaction(ctx, async (trx) => {
    await lockAccountRow(trx, accountId);
    if (!hasFactor(await factorsOf(trx, accountId))) throw new ConflictError('mfa.not_found');
    await replaceRecoveryCodes(trx, ctx, accountId, codes);
    await recordAudit(trx, ctx.clock, await actorOf(trx, accountId), { action: 'mfa.recovery_regenerated', targetType: 'account', targetId: accountId });
  });
  return codes;
}

/** A recovery code as second step: spent by a conditional update (`used_at IS NULL`), rows checked — single use. */
export async function loginWithRecoveryCode(ctx: AppContext, pendingToken: string | undefined, code: string, meta: { userAgent: string | null; sessionId: string | null }): Promise<Opened> {
  const { id, account } = await takeAttempt(ctx, pendingToken);
  const now = isoNow(ctx.clock);
  const token = await writeTransaction(ctx, async (trx) => {
    const r = await trx
      .updateTable('mfa_recovery_code')
      .set({ used_at: now })
      .where('account_id', '=', account.id)
      .where('code_hash', '=', recoveryHash(code))
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (affected(r) !== 1) return null;
    await recordAudit(trx, ctx.clock, { id: account.id, email: account.email }, { action: 'mfa.recovery_used', targetType: 'account', targetId: account.id });
    return openSession(trx, ctx, account, id, meta);
  });
  if (!token) return failedAttempt(ctx, account, 'mfa.recovery_invalid');
  await clearThrottle(ctx, loginKey(account.email));
  return { token, account };
}

// ---------- passkeys ----------

export interface RelyingParty {
  rpID: string;
  origins: string[];
}

/** The WebAuthn relying party: the host of PUBLIC_URL; the request's own origin is accepted too when on that host. */
export function relyingParty(ctx: AppContext, requestOrigin: string | null): RelyingParty {
  const pub = new URL(ctx.config.publicUrl);
  const origins = [pub.origin];
  if (requestOrigin) {
    try {
      const o = new URL(requestOrigin);
      if (o.hostname === pub.hostname && !origins.includes(o.origin)) origins.push(o.origin);
    } catch {
      /* not a URL: ignored */
    }
  }
  return { rpID: pub.hostname, origins };
}

async function saveChallenge(ctx: AppContext, challenge: string, accountId: string | null, purpose: 'register' | 'login'): Promise<void> {
  const now = ctx.clock.now();
  // expired challenges are cleared as new ones are made (they are useless, and small)
  await ctx.db.deleteFrom('mfa_challenge').where('expires_at', '<=', now.toISOString()).execute();
  await ctx.db.insertInto('mfa_challenge').values({ challenge, account_id: accountId, purpose, expires_at: addMs(now, CHALLENGE_MS) }).execute();
}

/** Takes a challenge (single use: `DELETE … WHERE challenge AND purpose AND not expired`, rows checked). */
async function takeChallenge(ctx: AppContext, clientDataJSON: string, purpose: 'register' | 'login', accountId: string | null): Promise<string> {
  let challenge: unknown;
  try {
    challenge = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')).challenge;
  } catch {
    challenge = null;
  }
  if (typeof challenge !== 'string' || challenge.length > 200) throw new AppError('mfa.passkey_failed', 400);
  let q = ctx.db.deleteFrom('mfa_challenge').where('challenge', '=', challenge).where('purpose', '=', purpose).where('expires_at', '>', isoNow(ctx.clock));
  q = accountId ? q.where('account_id', '=', accountId) : q;
  if (affected(await q.executeTakeFirst()) !== 1) throw new AppError('mfa.challenge_expired', 400);
  return challenge;
}

const transportsOf = (t: string | null): AuthenticatorTransportFuture[] | undefined => (t ? (JSON.parse(t) as AuthenticatorTransportFuture[]) : undefined);

export async function passkeyRegistrationOptions(ctx: AppContext, accountId: string, rp: RelyingParty) {
  const account = await staffAccount(ctx, accountId);
  const existing = await ctx.db.selectFrom('mfa_passkey').select(['credential_id', 'transports']).where('account_id', '=', accountId).execute();
  const options = await generateRegistrationOptions({
    rpName: `${ISSUER} — ${ctx.config.city.name}`,
    rpID: rp.rpID,
    userName: account.email,
    userDisplayName: account.display_name ?? account.email,
    userID: new TextEncoder().encode(account.id),
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({ id: c.credential_id, transports: transportsOf(c.transports) })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
  await saveChallenge(ctx, options.challenge, accountId, 'register');
  return options;
}

/** Registers a passkey (user verification required); the first factor of an account also gets recovery codes. */
export async function registerPasskey(
  ctx: AppContext,
  accountId: string,
  sessionId: string,
  input: { response: RegistrationResponseJSON; name: string },
  rp: RelyingParty,
): Promise<{ recoveryCodes: string[] | null }> {
  await staffAccount(ctx, accountId);
  const expectedChallenge = await takeChallenge(ctx, input.response?.response?.clientDataJSON ?? '', 'register', accountId);
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response: input.response,
      expectedChallenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.rpID,
      requireUserVerification: true,
    });
  } catch {
    throw new AppError('mfa.passkey_failed', 400);
  }
  if (!verification.verified) throw new AppError('mfa.passkey_failed', 400);
  const { credential } = verification.registrationInfo;
  const codes = newRecoveryCodes();
  const name = input.name.trim();
  try {
    return await writeTransaction(ctx, async (trx) => {
      await lockAccountRow(trx, accountId);
      const clash = await trx.selectFrom('mfa_passkey').select('id').where('account_id', '=', accountId).where('name', '=', name).executeTakeFirst();
      if (clash) throw new ValidationError([{ path: 'name', code: 'mfa.passkey_name_taken' }]);
      await trx
        .insertInto('mfa_passkey')
        .values({
          id: randomUUID(),
          account_id: accountId,
          credential_id: credential.id,
          public_key: Buffer.from(credential.publicKey).toString('base64url'),
          counter: credential.counter,
          transports: credential.transports ? JSON.stringify(credential.transports) : null,
          name,
          created_at: isoNow(ctx.clock),
          last_used_at: null,
        })
        .execute();
      return { recoveryCodes: await firstFactorAdded(trx, ctx, accountId, sessionId, codes, 'mfa.passkey_added', { name }) };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError('mfa.passkey_exists');
    throw err;
  }
}

/** Options for signing in with a passkey: for the pending login's account, or (no pending login) any discoverable passkey. */
export async function passkeyLoginOptions(ctx: AppContext, pendingToken: string | undefined, rp: RelyingParty) {
  let accountId: string | null = null;
  let allow: { id: string; transports?: AuthenticatorTransportFuture[] }[] = [];
  if (pendingToken) {
    const row = await ctx.db.selectFrom('mfa_pending_login').select('account_id').where('id', '=', hashToken(pendingToken)).where('expires_at', '>', isoNow(ctx.clock)).executeTakeFirst();
    if (row) {
      accountId = row.account_id;
      const keys = await ctx.db.selectFrom('mfa_passkey').select(['credential_id', 'transports']).where('account_id', '=', accountId).execute();
      allow = keys.map((k) => ({ id: k.credential_id, transports: transportsOf(k.transports) }));
    }
  }
  const options = await generateAuthenticationOptions({ rpID: rp.rpID, allowCredentials: allow, userVerification: 'required' });
  await saveChallenge(ctx, options.challenge, accountId, 'login');
  return options;
}

/**
 * Signs in with a passkey: as the second step of a pending login, or alone (a passkey with user verification is
 * already two factors: the device and its PIN or biometrics). The signature counter moves by compare-and-set.
 */
export async function loginWithPasskey(
  ctx: AppContext,
  pendingToken: string | undefined,
  response: AuthenticationResponseJSON,
  rp: RelyingParty,
  meta: { userAgent: string | null; sessionId: string | null },
): Promise<Opened> {
  let pending: Pending | null = null;
  if (pendingToken) pending = await takeAttempt(ctx, pendingToken);
  const key = await ctx.db.selectFrom('mfa_passkey').selectAll().where('credential_id', '=', String(response.id ?? '')).executeTakeFirst();
  const expectedChallenge = await takeChallenge(ctx, response.response?.clientDataJSON ?? '', 'login', pending?.account.id ?? null);
  if (!key) throw new AppError('mfa.passkey_unknown', 400);
  if (pending && key.account_id !== pending.account.id) return failedAttempt(ctx, pending.account, 'mfa.passkey_unknown');
  const account = pending?.account ?? (await repo.findAccountById(ctx.db, key.account_id));
  if (!account || account.kind !== 'staff') throw new AppError('mfa.passkey_unknown', 400);
  if (account.status === 'disabled') throw new ForbiddenError('auth.account_disabled');
  if (!pending) {
    const wait = await blockedFor(ctx, loginKey(account.email));
    if (wait) throw new TooManyRequestsError('auth.throttled', wait);
  }
  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.rpID,
      requireUserVerification: true,
      credential: { id: key.credential_id, publicKey: Buffer.from(key.public_key, 'base64url'), counter: Number(key.counter), transports: transportsOf(key.transports) },
    });
  } catch {
    verification = { verified: false as const };
  }
  if (!verification.verified) return failedAttempt(ctx, account, 'mfa.passkey_failed');
  const newCounter = verification.authenticationInfo.newCounter;
  const token = await writeTransaction(ctx, async (trx) => {
    // compare-and-set on the counter read: a cloned or replayed assertion at the same moment finds 0 rows
    const r = await trx
      .updateTable('mfa_passkey')
      .set({ counter: newCounter, last_used_at: isoNow(ctx.clock) })
      .where('id', '=', key.id)
      .where('counter', '=', Number(key.counter))
      .executeTakeFirst();
    if (affected(r) !== 1) return null;
    return openSession(trx, ctx, account, pending?.id ?? null, meta);
  });
  if (!token) return failedAttempt(ctx, account, 'mfa.passkey_failed');
  await clearThrottle(ctx, loginKey(account.email));
  return { token, account };
}

export async function renamePasskey(ctx: AppContext, accountId: string, passkeyId: string, name: string): Promise<void> {
  const clean = name.trim();
  await writeTransaction(ctx, async (trx) => {
    await lockAccountRow(trx, accountId);
    const clash = await trx.selectFrom('mfa_passkey').select('id').where('account_id', '=', accountId).where('name', '=', clean).where('id', '!=', passkeyId).executeTakeFirst();
    if (clash) throw new ValidationError([{ path: 'name', code: 'mfa.passkey_name_taken' }]);
    const r = await trx.updateTable('mfa_passkey').set({ name: clean }).where('id', '=', passkeyId).where('account_id', '=', accountId).executeTakeFirst();
    if (affected(r) !== 1) throw new AppError('mfa.not_found', 404);
  });
}

// ---------- removing factors ----------

/**
 * Removes a passkey or the TOTP. Write discipline: lock what you read — the account's row first, then the factors
 * are counted and the one removed: two devices removing the last two factors of a required account at once wait for
 * each other, and the second is refused (« mfa.last_factor »): never zero factors for an account that must have one.
 */
export async function removeFactor(ctx: AppContext, accountId: string, which: { passkeyId: string } | 'totp'): Promise<void> {
  const account = await staffAccount(ctx, accountId);
  await writeTransaction(ctx, async (trx) => {
    await lockAccountRow(trx, accountId);
    const f = await factorsOf(trx, accountId);
    const left = (f.totp ? 1 : 0) + f.passkeys - 1;
    if (left < 1 && (await mfaRequired(ctx, trx, account))) throw new ConflictError('mfa.last_factor');
    const r =
      which === 'totp'
        ? await trx.deleteFrom('mfa_totp').where('account_id', '=', accountId).executeTakeFirst()
        : await trx.deleteFrom('mfa_passkey').where('id', '=', which.passkeyId).where('account_id', '=', accountId).executeTakeFirst();
    if (affected(r) !== 1) throw new AppError('mfa.not_found', 404);
    if (left < 1) await trx.deleteFrom('mfa_recovery_code').where('account_id', '=', accountId).execute();
    await recordAudit(trx, ctx.clock, { id: account.id, email: account.email }, {
      action: which === 'totp' ? 'mfa.totp_removed' : 'mfa.passkey_removed',
      targetType: 'account',
      targetId: accountId,
    });
  });
}

/** An administrator resets a colleague's factors: all removed, every session ended; audited. */
export async function resetFactors(ctx: AppContext, actor: Actor, accountId: string): Promise<void> {
  const target = await repo.findAccountById(ctx.db, accountId);
  if (!target || target.kind !== 'staff') throw new NotFoundError();
  await writeTransaction(ctx, async (trx) => {
    await lockAccountRow(trx, accountId);
    await trx.deleteFrom('mfa_totp').where('account_id', '=', accountId).execute();
    await trx.deleteFrom('mfa_passkey').where('account_id', '=', accountId).execute();
    await trx.deleteFrom('mfa_recovery_code').where('account_id', '=', accountId).execute();
    await trx.deleteFrom('mfa_pending_login').where('account_id', '=', accountId).execute();
    await trx.deleteFrom('session').where('account_id', '=', accountId).execute();
    await recordAudit(trx, ctx.clock, actor, { action: 'mfa.reset', targetType: 'account', targetId: accountId, details: { email: target.email } });
  });
}

/** The per-agent requirement (null: the default of STAFF_MFA_AGENTS). Audited. */
export async function setRequirement(ctx: AppContext, actor: Actor, accountId: string, requirement: 'required' | 'optional' | null): Promise<void> {
  const target = await repo.findAccountById(ctx.db, accountId);
  if (!target || target.kind !== 'staff') throw new NotFoundError();
  await writeTransaction(ctx, async (trx) => {
    await lockAccountRow(trx, accountId);
    if (requirement === null) await trx.deleteFrom('mfa_setting').where('account_id', '=', accountId).execute();
    else
      await trx
        .insertInto('mfa_setting')
        .values({ account_id: accountId, requirement, updated_at: isoNow(ctx.clock) })
        .onConflict((oc) => oc.column('account_id').doUpdateSet({ requirement, updated_at: isoNow(ctx.clock) }))
        .execute();
    await recordAudit(trx, ctx.clock, actor, { action: 'mfa.requirement_set', targetType: 'account', targetId: accountId, details: { email: target.email, requirement: requirement ?? 'default' } });
  });
}

/** Per staff account: its factors, its own requirement flag and whether a factor is required of it (staff accounts page). */
export async function staffFactorOverview(ctx: AppContext) {
  const staff = await ctx.db.selectFrom('account').select(['id', 'kind', 'role']).where('kind', '=', 'staff').execute();
  const settings = new Map((await ctx.db.selectFrom('mfa_setting').selectAll().execute()).map((s) => [s.account_id, s.requirement]));
  const out = [];
  for (const a of staff) {
    const f = await factorsOf(ctx.db, a.id);
    out.push({
      accountId: a.id,
      totp: f.totp,
      passkeys: f.passkeys,
      recoveryCodesLeft: f.recoveryLeft,
      requirement: (settings.get(a.id) ?? 'default') as 'required' | 'optional' | 'default',
      required: await mfaRequired(ctx, ctx.db, a),
    });
  }
  return out;
}

/** The signed-in staff member's security page: factors, passkeys, whether a factor is required. */
export async function securityOverview(ctx: AppContext, accountId: string, enrolmentOnly: boolean) {
  const account = await staffAccount(ctx, accountId);
  const f = await factorsOf(ctx.db, accountId);
  const passkeys = await ctx.db
    .selectFrom('mfa_passkey')
    .select(['id', 'name', 'created_at', 'last_used_at'])
    .where('account_id', '=', accountId)
    .orderBy('created_at')
    .execute();
  return {
    required: await mfaRequired(ctx, ctx.db, account),
    enrolmentOnly,
    totp: f.totp,
    recoveryCodesLeft: f.recoveryLeft,
    passkeys: passkeys.map((p) => ({ id: p.id, name: p.name, createdAt: p.created_at, lastUsedAt: p.last_used_at })),
  };
}

// ---------- helpers ----------

async function staffAccount(ctx: AppContext, accountId: string): Promise<AccountRow> {
  const account = await repo.findAccountById(ctx.db, accountId);
  if (!account) throw new UnauthorizedError();
  if (account.kind !== 'staff') throw new ForbiddenError('mfa.not_staff');
  return account;
}

async function lockAccountRow(trx: Executor, accountId: string): Promise<void> {
  await forUpdate(trx, trx.selectFrom('account').select('id').where('id', '=', accountId)).executeTakeFirst();
}

async function actorOf(db: Executor, accountId: string): Promise<Actor> {
  const a = await db.selectFrom('account').select(['id', 'email']).where('id', '=', accountId).executeTakeFirstOrThrow();
  return { id: a.id, email: a.email };
}

/**
 * After a factor is added: recovery codes when the account had none (returned, shown once), the current session's
 * enrolment restriction lifted, and the account's other restricted sessions ended (they were opened with the
 * password alone). Audited.
 */
async function firstFactorAdded(
  trx: Executor,
  ctx: AppContext,
  accountId: string,
  sessionId: string,
  codes: string[],
  action: string,
  details?: Record<string, unknown>,
): Promise<string[] | null> {
  const hasCodes = await trx.selectFrom('mfa_recovery_code').select('code_hash').where('account_id', '=', accountId).where('used_at', 'is', null).executeTakeFirst();
  let shown: string[] | null = null;
  if (!hasCodes) {
    await replaceRecoveryCodes(trx, ctx, accountId, codes);
    shown = codes;
  }
  await trx.updateTable('session').set({ scope: null }).where('id', '=', sessionId).where('account_id', '=', accountId).execute();
  await trx.deleteFrom('session').where('account_id', '=', accountId).where('scope', '=', 'enrolment').execute();
  await recordAudit(trx, ctx.clock, await actorOf(trx, accountId), { action, targetType: 'account', targetId: accountId, details });
  return shown;
}

/** Whether a session restricted to enrolment may still enrol: only while the account has no factor at all. */
export async function mayEnrolInRestrictedSession(ctx: AppContext, accountId: string): Promise<boolean> {
  return !hasFactor(await factorsOf(ctx.db, accountId));
}

export type { SessionAccount };
