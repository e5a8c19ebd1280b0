import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import { AppError, ForbiddenError, UnauthorizedError } from '../../errors.js';
import { clearSessionCookie, setSessionCookie, staffOf } from '../../plugins/access.js';
import { accountView, errorBody } from '../../../shared/contracts.js';
import {
  describeUserAgent,
  endAllInput,
  endedResponse,
  factorAdded,
  passkeyLoginInput,
  passkeyRegisterInput,
  passkeyRenameInput,
  recoveryCodeInput,
  recoveryCodes,
  requirementInput,
  securityView,
  sessionLine,
  staffFactors,
  totpCodeInput,
  totpEnrolment,
  webauthnOptions,
} from '../../../shared/security-contracts.js';
import { toAccountView } from './account.view.js';
import { deleteOtherSessions, deleteSession, endSessionOf, listSessions } from './account.sessions.js';
import * as mfa from './account.mfa.js';
import { sessionAccountOf } from './account.service.js';

const PENDING_COOKIE = 'pf_mfa';
/** The second step: a few tries per minute and address (the pending login allows 5, the account's throttle counts them). */
const SECOND_STEP = { max: 20, timeWindow: '1 minute' } as const;
const SIGNED_IN = { max: 30, timeWindow: '1 minute' } as const;

const okResponse = z.object({ ok: z.literal(true) });
const accountResponse = z.object({ account: accountView });

function https(ctx: AppContext, request: FastifyRequest): boolean {
  return request.protocol === 'https' || ctx.config.publicUrl.startsWith('https://');
}

/** The pending login of a staff sign-in (5 minutes), for the second-step routes only. */
export function setPendingCookie(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(PENDING_COOKIE, token, { path: '/api/auth', httpOnly: true, sameSite: 'strict', secure: https(ctx, request), maxAge: 300 });
}

function clearPendingCookie(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(PENDING_COOKIE, { path: '/api/auth', httpOnly: true, sameSite: 'strict', secure: https(ctx, request) });
}

const meta = (request: FastifyRequest) => ({ userAgent: request.headers['user-agent'] ?? null, sessionId: request.auth?.id ?? null });

function rpOf(ctx: AppContext, request: FastifyRequest): mfa.RelyingParty {
  const origin = typeof request.headers.origin === 'string' ? request.headers.origin : request.host ? `${request.protocol}://${request.host}` : null;
  return mfa.relyingParty(ctx, origin);
}

/** The signed-in staff member and its session; a session restricted to enrolment may enrol only while it has no factor. */
async function enrollingStaff(ctx: AppContext, request: FastifyRequest): Promise<{ accountId: string; sessionId: string }> {
  const actor = staffOf(request);
  const sessionId = request.auth!.id;
  if (request.auth!.scope === 'enrolment' && !(await mfa.mayEnrolInRestrictedSession(ctx, actor.id))) throw new ForbiddenError('mfa.already_enrolled');
  return { accountId: actor.id, sessionId };
}

function signedIn(request: FastifyRequest) {
  if (!request.auth) throw new UnauthorizedError();
  return request.auth;
}

export async function accountSecurityRoutes(app: App, ctx: AppContext): Promise<void> {
  // ---------- the second step of a staff login ----------

  const finish = (request: FastifyRequest, reply: FastifyReply, opened: mfa.Opened) => {
    clearPendingCookie(ctx, request, reply);
    setSessionCookie(ctx, request, reply, opened.token);
    return { account: toAccountView(sessionAccountOf(opened.account)) };
  };
  const secondStepSchema = (body: z.ZodTypeAny) => ({ body, response: { 200: accountResponse, 400: errorBody, 401: errorBody, 429: errorBody } });

  app.post('/api/auth/second-step/totp', { schema: secondStepSchema(totpCodeInput), config: { rateLimit: SECOND_STEP } }, async (request, reply) => {
    const body = request.body as z.infer<typeof totpCodeInput>;
    return finish(request, reply, await mfa.loginWithTotp(ctx, request.cookies[PENDING_COOKIE], body.code, meta(request)));
  });

  app.post('/api/auth/second-step/recovery', { schema: secondStepSchema(recoveryCodeInput), config: { rateLimit: SECOND_STEP } }, async (request, reply) => {
    const body = request.body as z.infer<typeof recoveryCodeInput>;
    return finish(request, reply, await mfa.loginWithRecoveryCode(ctx, request.cookies[PENDING_COOKIE], body.code, meta(request)));
  });

  app.post('/api/auth/passkey/options', { schema: { response: { 200: webauthnOptions } }, config: { rateLimit: SECOND_STEP } }, async (request) =>
    mfa.passkeyLoginOptions(ctx, request.cookies[PENDING_COOKIE], rpOf(ctx, request)) as unknown as Record<string, unknown>,
  );

  app.post('/api/auth/passkey/verify', { schema: secondStepSchema(passkeyLoginInput), config: { rateLimit: SECOND_STEP } }, async (request, reply) => {
    const body = request.body as z.infer<typeof passkeyLoginInput>;
    const opened = await mfa.loginWithPasskey(ctx, request.cookies[PENDING_COOKIE], body.response as unknown as AuthenticationResponseJSON, rpOf(ctx, request), meta(request));
    return finish(request, reply, opened);
  });

  // ---------- the staff member's own factors ----------

  app.get('/api/staff/security', { schema: { response: { 200: securityView } } }, async (request) => {
    const actor = staffOf(request);
    return mfa.securityOverview(ctx, actor.id, request.auth!.scope === 'enrolment');
  });

  app.post('/api/staff/security/totp', { schema: { response: { 200: totpEnrolment, 409: errorBody } }, config: { rateLimit: SIGNED_IN } }, async (request) => {
    const { accountId } = await enrollingStaff(ctx, request);
    return mfa.startTotp(ctx, accountId);
  });

  app.post(
    '/api/staff/security/totp/confirm',
    { schema: { body: totpCodeInput, response: { 200: factorAdded, 400: errorBody, 409: errorBody } }, config: { rateLimit: SIGNED_IN } },
    async (request) => {
      const { accountId, sessionId } = await enrollingStaff(ctx, request);
      return mfa.confirmTotp(ctx, accountId, sessionId, request.body.code);
    },
  );

  app.delete('/api/staff/security/totp', { schema: { response: { 200: okResponse, 404: errorBody, 409: errorBody } }, config: { rateLimit: SIGNED_IN } }, async (request) => {
    await mfa.removeFactor(ctx, staffOf(request).id, 'totp');
    return { ok: true as const };
  });

  app.post('/api/staff/security/recovery-codes', { schema: { response: { 200: recoveryCodes, 409: errorBody } }, config: { rateLimit: SIGNED_IN } }, async (request) => ({
    recoveryCodes: await mfa.regenerateRecoveryCodes(ctx, staffOf(request).id),
  }));

  app.post('/api/staff/security/passkeys/options', { schema: { response: { 200: webauthnOptions } }, config: { rateLimit: SIGNED_IN } }, async (request) => {
    const { accountId } = await enrollingStaff(ctx, request);
    return (await mfa.passkeyRegistrationOptions(ctx, accountId, rpOf(ctx, request))) as unknown as Record<string, unknown>;
  });

  app.post(
    '/api/staff/security/passkeys',
    { schema: { body: passkeyRegisterInput, response: { 200: factorAdded, 400: errorBody, 409: errorBody } }, config: { rateLimit: SIGNED_IN } },
    async (request) => {
      const { accountId, sessionId } = await enrollingStaff(ctx, request);
      const body = request.body;
      return mfa.registerPasskey(ctx, accountId, sessionId, { response: body.response as unknown as RegistrationResponseJSON, name: body.name }, rpOf(ctx, request));
    },
  );

  app.patch(
    '/api/staff/security/passkeys/:passkeyId',
    { schema: { params: z.object({ passkeyId: z.string().max(64) }), body: passkeyRenameInput, response: { 200: okResponse, 400: errorBody, 404: errorBody } }, config: { rateLimit: SIGNED_IN } },
    async (request) => {
      await mfa.renamePasskey(ctx, staffOf(request).id, request.params.passkeyId, request.body.name);
      return { ok: true as const };
    },
  );

  app.delete(
    '/api/staff/security/passkeys/:passkeyId',
    { schema: { params: z.object({ passkeyId: z.string().max(64) }), response: { 200: okResponse, 404: errorBody, 409: errorBody } }, config: { rateLimit: SIGNED_IN } },
    async (request) => {
      await mfa.removeFactor(ctx, staffOf(request).id, { passkeyId: request.params.passkeyId });
      return { ok: true as const };
    },
  );

  // ---------- administrators: colleagues' factors ----------

  app.get('/api/staff/staff-security', { schema: { response: { 200: z.array(staffFactors) } } }, async () => mfa.staffFactorOverview(ctx));

  app.put(
    '/api/staff/staff-accounts/:accountId/mfa-requirement',
    { schema: { params: z.object({ accountId: z.string().max(64) }), body: requirementInput, response: { 200: okResponse, 400: errorBody, 404: errorBody } } },
    async (request) => {
      const r = request.body.requirement;
      await mfa.setRequirement(ctx, staffOf(request), request.params.accountId, r === 'default' ? null : r);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/staff/staff-accounts/:accountId/mfa-reset',
    { schema: { params: z.object({ accountId: z.string().max(64) }), response: { 200: okResponse, 404: errorBody } } },
    async (request) => {
      await mfa.resetFactors(ctx, staffOf(request), request.params.accountId);
      return { ok: true as const };
    },
  );

  // ---------- sessions of the signed-in account (families and staff) ----------

  app.get('/api/account/sessions', { schema: { response: { 200: z.array(sessionLine), 401: errorBody } } }, async (request) => {
    const auth = signedIn(request);
    const lines = await listSessions(ctx, auth.account.id, auth.id);
    return lines.map(({ userAgent, ...l }) => ({ ...l, ...describeUserAgent(userAgent) }));
  });

  app.delete(
    '/api/account/sessions/:sessionId',
    { schema: { params: z.object({ sessionId: z.string().max(64) }), response: { 200: okResponse, 401: errorBody, 404: errorBody } }, config: { rateLimit: SIGNED_IN } },
    async (request) => {
      const auth = signedIn(request);
      if (!(await endSessionOf(ctx.db, auth.account.id, request.params.sessionId))) throw new AppError('session.not_found', 404);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/account/sessions/end-all',
    { schema: { body: endAllInput, response: { 200: endedResponse, 401: errorBody } }, config: { rateLimit: SIGNED_IN } },
    async (request, reply) => {
      const auth = signedIn(request);
      const before = (await listSessions(ctx, auth.account.id, auth.id)).length;
      if (request.body.includeCurrent) {
        await deleteOtherSessions(ctx.db, auth.account.id);
        await deleteSession(ctx.db, auth.id);
        clearSessionCookie(ctx, request, reply);
      } else await deleteOtherSessions(ctx.db, auth.account.id, auth.id);
      return { ended: request.body.includeCurrent ? before : Math.max(0, before - 1) };
    },
  );
}
