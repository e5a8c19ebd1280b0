import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isUniqueViolation } from '../../db/database.js';
import { isoNow } from '../../clock.js';
import { ConflictError, ForbiddenError, TooManyRequestsError, UnauthorizedError, ValidationError } from '../../errors.js';
import { affected, forUpdate, writeTransaction } from '../../db/write.js';
import { followLoginEmail, guardianNames, insertNewFamily, lockOpenFamily } from '../family/family.service.js';
import type { PasswordContext } from '../../../shared/password-policy.js';
import type { Language } from '../../../shared/i18n/languages.js';
import type { z } from 'zod';
import type { registerInput } from '../../../shared/contracts.js';
import { enqueueMail } from '../mail/mail.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { findCity } from '../postal/postal.service.js';
import { hashPassword, verifyDummy, verifyPassword } from './account.password.js';
import { checkNewPassword } from './password-strength.js';
import { createSession, deleteOtherSessions, deleteSession, memberFactsOf, type SessionAccount } from './account.sessions.js';
import { consumeAccountToken, createAccountToken, linkTo } from './account.tokens.js';
import { NO_PASSWORD } from './account.external.js';
import {
  blockedFor,
  clearThrottle,
  LOGIN_PER_ACCOUNT,
  LOGIN_PER_IP,
  recordFailure,
  takeSlot,
  type ThrottlePolicy,
} from './account.throttle.js';
import * as repo from './account.repo.js';
import { createPendingLogin, factorsOf, methodsOf, mfaRequired, type MfaMethod } from './account.mfa.js';
import type { AccountRow } from './account.repo.js';

export type RegisterData = z.output<typeof registerInput>;

/**
 * A registration through FranceConnect (issue 11): no password (the account has none until a reset link sets one),
 * the guardian's birth date from the identity, and the identity linked to the new account in the same transaction.
 */
export interface RegisterIdentity {
  birthDate: string | null;
  link: (trx: Kysely<DB>, accountId: string, familyId: string) => Promise<void>;
}

/** Pages of the web app that mails link to (the login block is on the home page). */
export const PAGES = {
  login: '/',
  forgotPassword: '/identifiant-oublie',
  resetPassword: '/nouveau-mot-de-passe',
  confirmEmail: '/confirmer-adresse',
} as const;

/** At most 3 reset mails per account and hour: more would let anyone flood a family's mailbox. */
export const RESET_MAILS_PER_ACCOUNT: ThrottlePolicy = { max: 3, windowMs: 3_600_000, blockMs: 3_600_000 };

const loginKey = (email: string) => `login:account:${email}`;
const ipKey = (ip: string) => `login:ip:${ip}`;
const resetKey = (email: string) => `reset:account:${email}`;

/** Who is calling: used to rotate the session and to throttle per address. */
export interface RequestMeta {
  ip: string;
  userAgent: string | null;
  /** the caller's current session, replaced on login */
  sessionId: string | null;
}

export type AccountInfo = Omit<AccountRow, 'password_hash'>;

function toSessionAccount(a: AccountRow): SessionAccount {
  return {
    id: a.id,
    email: a.email,
    kind: a.kind,
    role: a.role,
    status: a.status,
    family_id: a.family_id,
    display_name: a.display_name,
    language: a.language,
    ...memberFactsOf(a),
  };
}

/** An account without its password hash, or undefined. For other modules (staff validation, back-office). */
export async function getAccountById(db: Database, id: string): Promise<AccountInfo | undefined> {
  const row = await repo.findAccountById(db, id);
  if (!row) return undefined;
  const { password_hash: _omit, ...rest } = row;
  return rest;
}

/** The login e-mail's account without its password hash, or undefined. */
export async function getAccountByEmail(db: Database, email: string): Promise<AccountInfo | undefined> {
  const row = await repo.findAccountByEmail(db, email.trim().toLowerCase());
  if (!row) return undefined;
  const { password_hash: _omit, ...rest } = row;
  return rest;
}

async function throwIfBlocked(ctx: AppContext, keys: string[]): Promise<void> {
  let wait = 0;
  for (const key of keys) wait = Math.max(wait, (await blockedFor(ctx, key)) ?? 0);
  if (wait > 0) throw new TooManyRequestsError('auth.throttled', wait);
}

// ---------- login / logout ----------

/**
 * Checks the credentials and opens a session. Unknown e-mail and wrong password fail alike (same error, same
 * hashing cost); a blocked key answers 429 before anything is looked up, so blocking reveals nothing either.
 */
export async function login(
  ctx: AppContext,
  input: { email: string; password: string },
  meta: RequestMeta,
): Promise<LoginOutcome> {
  const keys = [loginKey(input.email), ipKey(meta.ip)];
  await throwIfBlocked(ctx, keys);
  const account = await repo.findAccountByEmail(ctx.db, input.email);
  const ok = account ? await verifyPassword(account.password_hash, input.password) : await verifyDummy(input.password);
  if (!account || !ok) {
    await recordFailure(ctx, keys[0], LOGIN_PER_ACCOUNT);
    await recordFailure(ctx, keys[1], LOGIN_PER_IP);
    throw new UnauthorizedError('auth.invalid_credentials');
  }
  // Only now, with the right password, may the account's state be told.
  if (account.status === 'rejected') throw new ForbiddenError('auth.account_rejected');
  if (account.status === 'disabled') throw new ForbiddenError('auth.account_disabled');
  await clearThrottle(ctx, keys[0]);
  // Staff two-factor login (issue 11, account.mfa.ts): an account with a factor gets no session yet, but a pending
  // login to finish with its second step; one that must have a factor and has none gets a session restricted to
  // enrolling one.
  let scope: 'enrolment' | null = null;
  if (account.kind === 'staff' && account.status === 'active') {
    const methods = methodsOf(await factorsOf(ctx.db, account.id));
    if (methods.length > 0) return { secondStep: methods, pendingToken: await createPendingLogin(ctx, account) };
    if (await mfaRequired(ctx, ctx.db, account)) scope = 'enrolment';
  }
  const now = isoNow(ctx.clock);
  // Write discipline: conditional write, rows checked — the session is opened only if the account is still allowed in
  // (`UPDATE account … WHERE status NOT IN ('rejected', 'disabled')`): a refusal, a disabling or a closure that
  // committed after the password check wins, and no session is left behind.
  const token = await writeTransaction(ctx, async (trx) => {
    const stillAllowed = await trx
      .updateTable('account')
      .set({ last_login_at: now })
      .where('id', '=', account.id)
      .where('password_hash', '=', account.password_hash)
      .where('status', 'not in', ['rejected', 'disabled'])
      .executeTakeFirst();
    if (affected(stillAllowed) !== 1) return null;
    if (meta.sessionId) await deleteSession(trx, meta.sessionId);
    return createSession(trx, ctx, account.id, meta.userAgent, scope);
  });
  if (!token) {
    const state = (await repo.findAccountById(ctx.db, account.id))?.status;
    if (state === 'rejected') throw new ForbiddenError('auth.account_rejected');
    if (state === 'disabled') throw new ForbiddenError('auth.account_disabled');
    throw new UnauthorizedError('auth.invalid_credentials'); // the password changed in between
  }
  return { token, account: toSessionAccount(account), enrolmentRequired: scope === 'enrolment' };
}

/** What a correct password gives: a session, or (staff with a second factor) the second step to take. */
export type LoginOutcome =
  | { token: string; account: SessionAccount; enrolmentRequired: boolean; secondStep?: undefined }
  | { secondStep: MfaMethod[]; pendingToken: string };

/** The session account of an account row (for the second step of a staff login). */
export function sessionAccountOf(a: AccountRow): SessionAccount {
  return toSessionAccount(a);
}

/** The language of the account's pages and e-mails (issue 10). */
export async function setLanguage(ctx: AppContext, accountId: string, language: Language): Promise<void> {
  await repo.setLanguage(ctx.db, accountId, language);
}

export async function logout(ctx: AppContext, sessionId: string | null): Promise<void> {
  if (sessionId) await deleteSession(ctx.db, sessionId);
}

// ---------- registration ----------

/**
 * « Créer mon compte »: family, guardian 1 and a pending account in one transaction, with the acknowledgement
 * mail. An address that already has an account gets a mail saying so, and the caller the very same answer.
 */
/** `language`: the page's language when the family signed up (its e-mails are written in it). */
export async function register(ctx: AppContext, input: RegisterData, language: Language = 'fr', identity?: RegisterIdentity): Promise<void> {
  const city = findCity(input.postalCode, input.city);
  const problems: { path: string; code: string }[] = [];
  if (!city) problems.push({ path: 'city', code: 'postal_code.unknown_city' });
  const pwProblem = identity ? null : await checkNewPassword(input.password, { email: input.email, names: [input.firstName, input.lastName] });
  if (pwProblem) problems.push({ path: 'password', code: pwProblem });
  if (problems.length || !city) throw new ValidationError(problems);

  // Hashed even for an existing address, so both answers take the same time. Through FranceConnect: no password yet.
  const passwordHash = identity ? NO_PASSWORD : await hashPassword(input.password);
  const now = isoNow(ctx.clock);
  const familyId = randomUUID();
  const accountId = randomUUID();
  let created: boolean;
  // Write discipline: conditional write — the unique index on account.email decides between two registrations of one
  // address at once: the loser's whole transaction (family, guardian, account, mail, audit) is rolled back and it gets
  // the « already exists » mail, the very same answer to the caller.
  try {
    created = await writeTransaction(ctx, async (trx) => {
      if (await repo.findAccountByEmail(trx, input.email)) return false;
      await insertNewFamily(
        trx,
        {
          id: familyId,
          address_line1: input.addressLine1,
          address_line2: input.addressLine2,
          postal_code: city.postalCode,
          city: city.city,
          insee_code: city.inseeCode,
          family_situation: null,
          benefits_regime: null,
          benefits_number: null,
          family_quotient: null,
          payer_rank: 1,
          terms_accepted_at: now,
          created_at: now,
          updated_at: now,
        },
        {
          id: randomUUID(),
          civility: input.civility,
          last_name: input.lastName,
          first_name: input.firstName,
          birth_date: identity?.birthDate ?? null,
          mobile_phone: input.phone,
          home_phone: null,
          work_phone: null,
          email: input.email,
          profession: null,
          employer: null,
        },
      );
      await repo.insertAccount(trx, {
        id: accountId,
        email: input.email,
        password_hash: passwordHash,
        kind: 'family',
        role: null,
        status: 'pending',
        family_id: familyId,
        display_name: `${input.firstName} ${input.lastName}`,
        language,
        member_role: 'holder',
        can_book: 1,
        can_pay: 1,
        can_edit: 1,
        guardian_rank: 1,
        rejection_reason: null,
        validated_at: null,
        validated_by: null,
        password_changed_at: now,
        last_login_at: null,
        created_at: now,
        updated_at: now,
      });
      if (identity) await identity.link(trx, accountId, familyId);
      await enqueueMail(trx, ctx, input.email, { template: 'account.registered', firstName: input.firstName }, familyId);
      await recordAudit(trx, ctx.clock, null, {
        action: 'account.registered',
        familyId,
        targetType: 'account',
        targetId: accountId,
        ...(identity ? { details: { via: 'franceconnect' } } : {}),
      });
      return true;
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    created = false; // another request registered the same address in between
  }
  if (!created) await enqueueMail(ctx.db, ctx, input.email, alreadyExistsMail(ctx));
}

function alreadyExistsMail(ctx: AppContext) {
  return {
    template: 'account.already_exists' as const,
    loginUrl: `${ctx.config.publicUrl}${PAGES.login}`,
    resetUrl: `${ctx.config.publicUrl}${PAGES.forgotPassword}`,
  };
}

// ---------- password reset ----------

/** Mails a one-hour, single-use link when the address belongs to a usable account; says nothing either way. */
export async function requestPasswordReset(ctx: AppContext, email: string): Promise<void> {
  const account = await repo.findAccountByEmail(ctx.db, email);
  if (!account || (account.status !== 'active' && account.status !== 'pending')) return;
  // At most 3 mails an hour, counted under the counter's lock (takeSlot): requests at once cannot all pass.
  if (!(await takeSlot(ctx, resetKey(account.email), RESET_MAILS_PER_ACCOUNT))) return;
  // createAccountToken locks the account's row: of requests at once, only the latest link stays valid.
  await writeTransaction(ctx, async (trx) => {
    const token = await createAccountToken(trx, ctx, account.id, 'password_reset');
    await enqueueMail(
      trx,
      ctx,
      account.email,
      { template: 'password.reset', email: account.email, resetUrl: linkTo(ctx, PAGES.resetPassword, token) },
      account.family_id,
    );
  });
}

const invalidToken = () => new ValidationError([{ path: 'token', code: 'token.invalid' }]);

/**
 * Sets a new password from a mailed link (reset, or a staff invitation): the token is consumed in the same
 * transaction that writes the hash, every session of the account is closed.
 */
export async function confirmPasswordReset(ctx: AppContext, input: { token: string; password: string }): Promise<void> {
  const peek = await repo.findLiveToken(ctx.db, input.token, isoNow(ctx.clock));
  if (!peek || (peek.purpose !== 'password_reset' && peek.purpose !== 'invitation')) throw invalidToken();
  const account = await repo.findAccountById(ctx.db, peek.account_id);
  if (!account || account.status === 'rejected' || account.status === 'disabled') throw invalidToken();
  const problem = await checkNewPassword(input.password, await passwordContextOf(ctx, account));
  if (problem) throw new ValidationError([{ path: 'password', code: problem }]);

  const passwordHash = await hashPassword(input.password);
  const now = isoNow(ctx.clock);
  // Write discipline: conditional write, rows checked — consumeAccountToken is `UPDATE account_token SET used_at …
  // WHERE id = ? AND used_at IS NULL`: of one link used twice at once, one request changes the row and sets the
  // password, the other finds 0 rows and answers 400 « token.invalid »; one e-mail, one audit line. The account's row is
  // then locked and its state read again (refused or disabled meanwhile: the link no longer works).
  await writeTransaction(ctx, async (trx) => {
    const used = await consumeAccountToken(trx, ctx, input.token, ['password_reset', 'invitation']);
    if (!used || used.account_id !== account.id) throw invalidToken();
    const current = await forUpdate(trx, trx.selectFrom('account').select(['status']).where('id', '=', account.id)).executeTakeFirst();
    if (!current || current.status === 'rejected' || current.status === 'disabled') throw invalidToken();
    await repo.setPasswordHash(trx, account.id, passwordHash, now);
    // An invited agent becomes active by choosing a password.
    if (used.purpose === 'invitation' && account.kind === 'staff' && current.status === 'pending')
      await repo.setAccountStatus(trx, account.id, 'active', now);
    await deleteOtherSessions(trx, account.id);
    await enqueueMail(trx, ctx, account.email, { template: 'password.changed' }, account.family_id);
    await recordAudit(trx, ctx.clock, { id: account.id, email: account.email }, {
      action: 'account.password_reset',
      familyId: account.family_id,
      targetType: 'account',
      targetId: account.id,
    });
  });
  await clearThrottle(ctx, loginKey(account.email));
}

// ---------- signed-in changes ----------

/**
 * The signed-in person's current password, checked under the same per-account throttle as logins: a stolen
 * session cookie must not allow guessing the password.
 */
/** What a guesser knows of the account's person: its e-mail, and the family's guardians' names or the agent's name. */
async function passwordContextOf(ctx: AppContext, account: AccountRow): Promise<PasswordContext> {
  const names = account.display_name ? [account.display_name] : [];
  if (account.family_id) {
    for (const g of await guardianNames(ctx.db, account.family_id)) names.push(g.firstName, g.lastName);
  }
  return { email: account.email, names };
}

async function checkCurrentPassword(ctx: AppContext, account: AccountRow, currentPassword: string): Promise<void> {
  const key = loginKey(account.email);
  await throwIfBlocked(ctx, [key]);
  if (!(await verifyPassword(account.password_hash, currentPassword))) {
    await recordFailure(ctx, key, LOGIN_PER_ACCOUNT);
    throw new ValidationError([{ path: 'currentPassword', code: 'password.current_wrong' }]);
  }
}

async function signedInAccount(ctx: AppContext, accountId: string): Promise<AccountRow> {
  const account = await repo.findAccountById(ctx.db, accountId);
  if (!account) throw new UnauthorizedError();
  return account;
}

/**
 * §4.1: asks to change the login e-mail. The login stays the same until the link mailed to the new address is
 * opened; the old address is told. An address already used by another account gets no link, and the caller
 * the same answer.
 */
export async function requestEmailChange(
  ctx: AppContext,
  accountId: string,
  input: { newEmail: string; currentPassword: string },
): Promise<void> {
  const account = await signedInAccount(ctx, accountId);
  if (input.newEmail === account.email) throw new ValidationError([{ path: 'newEmail', code: 'email.same_as_current' }]);
  await checkCurrentPassword(ctx, account, input.currentPassword);
  const taken = Boolean(await repo.findAccountByEmail(ctx.db, input.newEmail));
  // createAccountToken locks the account's row: of requests at once, only the latest link stays valid. (Whether the
  // address is free is decided again, by the unique index, when the link is opened.)
  await writeTransaction(ctx, async (trx) => {
    if (taken) {
      await enqueueMail(trx, ctx, input.newEmail, alreadyExistsMail(ctx));
    } else {
      const token = await createAccountToken(trx, ctx, account.id, 'email_change', input.newEmail);
      await enqueueMail(
        trx,
        ctx,
        input.newEmail,
        { template: 'email_change.confirm', confirmUrl: linkTo(ctx, PAGES.confirmEmail, token) },
        account.family_id,
        account.language, // not a login yet: in the language of the account it will be
      );
    }
    await enqueueMail(trx, ctx, account.email, { template: 'email_change.notice_old', newEmail: input.newEmail }, account.family_id);
  });
}

/**
 * Confirms a new login e-mail from the mailed link (possibly on another device): the account's other sessions
 * are closed and the person is signed in with a fresh one.
 */
export async function confirmEmailChange(
  ctx: AppContext,
  tokenValue: string,
  meta: RequestMeta,
): Promise<{ token: string; account: SessionAccount }> {
  const now = isoNow(ctx.clock);
  let result: { token: string; account: SessionAccount };
  // Write discipline: conditional write, rows checked (the single-use token, see confirmPasswordReset: one device
  // wins, the other answers 400 « token.invalid »), then lock what you read in the fixed order of a family's data —
  // the family row (a closed family's link no longer works), then the account row — and the unique index on the
  // e-mail decides between two accounts moving to one address at once (400 « email.taken »).
  try {
    result = await writeTransaction(ctx, async (trx) => {
      const used = await consumeAccountToken(trx, ctx, tokenValue, ['email_change']);
      if (!used?.new_email) throw invalidToken();
      const familyId = (await repo.findAccountById(trx, used.account_id))?.family_id;
      if (familyId) await lockOpenFamily(trx, familyId);
      const account = await forUpdate(trx, trx.selectFrom('account').selectAll().where('id', '=', used.account_id)).executeTakeFirst();
      if (!account || account.status === 'rejected' || account.status === 'disabled') throw invalidToken();
      const oldEmail = account.email;
      const newEmail = used.new_email;
      if (newEmail !== oldEmail) {
        if (await repo.findAccountByEmail(trx, newEmail)) throw new ValidationError([{ path: 'token', code: 'email.taken' }]);
        await repo.setAccountEmail(trx, account.id, newEmail, now);
        if (account.family_id) await followLoginEmail(trx, account.family_id, oldEmail, newEmail);
        await enqueueMail(trx, ctx, oldEmail, { template: 'email_change.done', newEmail }, account.family_id, account.language); // no longer a login
        await recordAudit(trx, ctx.clock, { id: account.id, email: newEmail }, {
          action: 'account.email_changed',
          familyId: account.family_id,
          targetType: 'account',
          targetId: account.id,
          details: { oldEmail, newEmail },
        });
      }
      await deleteOtherSessions(trx, account.id);
      if (meta.sessionId) await deleteSession(trx, meta.sessionId);
      await repo.setLastLogin(trx, account.id, now);
      const token = await createSession(trx, ctx, account.id, meta.userAgent);
      return { token, account: toSessionAccount({ ...account, email: newEmail }) };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ValidationError([{ path: 'token', code: 'email.taken' }]);
    throw err;
  }
  return result;
}

/**
 * §4.2: changes the password of the signed-in person (family or staff). The current session stays open, every
 * other one is closed.
 */
export async function changePassword(
  ctx: AppContext,
  accountId: string,
  currentSessionId: string,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const account = await signedInAccount(ctx, accountId);
  await checkCurrentPassword(ctx, account, input.currentPassword);
  if (input.newPassword === input.currentPassword)
    throw new ValidationError([{ path: 'newPassword', code: 'password.same_as_current' }]);
  const problem = await checkNewPassword(input.newPassword, await passwordContextOf(ctx, account));
  if (problem) throw new ValidationError([{ path: 'newPassword', code: problem }]);

  const passwordHash = await hashPassword(input.newPassword);
  const now = isoNow(ctx.clock);
  // Write discipline: conditional write, rows checked — the new hash is written only over the hash the current
  // password was checked against (`WHERE password_hash = <hash read>`). Two devices changing the password at once:
  // one wins; the other finds 0 rows and answers 409 « password.changed_meanwhile », without an e-mail or audit line.
  await writeTransaction(ctx, async (trx) => {
    const changed = await trx
      .updateTable('account')
      .set({ password_hash: passwordHash, password_changed_at: now, updated_at: now })
      .where('id', '=', account.id)
      .where('password_hash', '=', account.password_hash)
      .executeTakeFirst();
    if (affected(changed) !== 1) throw new ConflictError('password.changed_meanwhile');
    await deleteOtherSessions(trx, account.id, currentSessionId);
    await enqueueMail(trx, ctx, account.email, { template: 'password.changed' }, account.family_id);
    await recordAudit(trx, ctx.clock, { id: account.id, email: account.email }, {
      action: 'account.password_changed',
      familyId: account.family_id,
      targetType: 'account',
      targetId: account.id,
    });
  });
}
