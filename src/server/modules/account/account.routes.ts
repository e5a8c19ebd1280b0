import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import { UnauthorizedError } from '../../errors.js';
import { clearSessionCookie, familyOf, setSessionCookie, staffOf } from '../../plugins/access.js';
import {
  accountView,
  emailChangeInput,
  errorBody,
  languageInput,
  loginInput,
  passwordChangeInput,
  passwordResetConfirmInput,
  passwordResetRequestInput,
  registerInput,
  tokenCheckInput,
  tokenCheckResponse,
  tokenInput,
} from '../../../shared/contracts.js';
import { checkAccountToken } from './account.tokens.js';
import { toAccountView } from './account.view.js';
import { requestLanguage } from '../../i18n.js';
import * as service from './account.service.js';
import { setPendingCookie } from './account.security.routes.js';
import { secondStepResponse } from '../../../shared/security-contracts.js';

const accountResponse = z.object({ account: accountView });
const okResponse = z.object({ ok: z.literal(true) });
const pendingResponse = z.object({ status: z.literal('pending') });

/** Coarse per-IP limits in front of the finer, database-kept throttles of the service. */
const LIMITS = {
  login: { max: 20, timeWindow: '1 minute' },
  register: { max: 10, timeWindow: '1 hour' },
  resetRequest: { max: 5, timeWindow: '15 minutes' },
  tokenLink: { max: 20, timeWindow: '1 minute' },
  signedIn: { max: 20, timeWindow: '1 minute' },
} as const;

function meta(request: FastifyRequest): service.RequestMeta {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null, sessionId: request.auth?.id ?? null };
}

function currentSession(request: FastifyRequest): { accountId: string; sessionId: string } {
  if (!request.auth) throw new UnauthorizedError();
  return { accountId: request.auth.account.id, sessionId: request.auth.id };
}

export async function accountRoutes(app: App, ctx: AppContext): Promise<void> {
  app.post(
    '/api/auth/login',
    {
      schema: { body: loginInput, response: { 200: z.union([accountResponse, secondStepResponse]), 401: errorBody, 403: errorBody, 429: errorBody } },
      config: { rateLimit: LIMITS.login },
    },
    async (request, reply) => {
      const outcome = await service.login(ctx, request.body, meta(request));
      // issue 11: a staff account with a second factor gets no session yet, only its pending login (account.mfa.ts)
      if (outcome.secondStep) {
        setPendingCookie(ctx, request, reply, outcome.pendingToken);
        return { secondStep: outcome.secondStep };
      }
      setSessionCookie(ctx, request, reply, outcome.token);
      return { account: { ...toAccountView(outcome.account), ...(outcome.enrolmentRequired ? { enrolmentRequired: true } : {}) } };
    },
  );

  app.post('/api/auth/logout', async (request, reply) => {
    await service.logout(ctx, request.auth?.id ?? null);
    clearSessionCookie(ctx, request, reply);
    return reply.status(204).send();
  });

  app.post(
    '/api/accounts',
    {
      schema: { body: registerInput, response: { 201: pendingResponse, 400: errorBody } },
      config: { rateLimit: LIMITS.register },
    },
    async (request, reply) => {
      await service.register(ctx, request.body, requestLanguage(request));
      return reply.status(201).send({ status: 'pending' as const });
    },
  );

  app.post(
    '/api/auth/password-reset/request',
    {
      schema: { body: passwordResetRequestInput, response: { 202: okResponse } },
      config: { rateLimit: LIMITS.resetRequest },
    },
    async (request, reply) => {
      await service.requestPasswordReset(ctx, request.body.email);
      return reply.status(202).send({ ok: true as const });
    },
  );

  app.post(
    '/api/auth/password-reset/confirm',
    {
      schema: { body: passwordResetConfirmInput, response: { 200: okResponse, 400: errorBody } },
      config: { rateLimit: LIMITS.tokenLink },
    },
    async (request) => {
      await service.confirmPasswordReset(ctx, request.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/account/email-change',
    {
      schema: { body: emailChangeInput, response: { 202: okResponse, 400: errorBody } },
      config: { rateLimit: LIMITS.signedIn },
    },
    async (request, reply) => {
      const { accountId } = familyOf(request);
      await service.requestEmailChange(ctx, accountId, request.body);
      return reply.status(202).send({ ok: true as const });
    },
  );

  app.post(
    '/api/auth/email-change/confirm',
    {
      schema: { body: tokenInput, response: { 200: accountResponse, 400: errorBody } },
      config: { rateLimit: LIMITS.tokenLink },
    },
    async (request, reply) => {
      const { token, account } = await service.confirmEmailChange(ctx, request.body.token, meta(request));
      setSessionCookie(ctx, request, reply, token);
      return { account: toAccountView(account) };
    },
  );

  // issue 17: a mailed link's page checks its link when it opens (read only; same per-IP limit as the links themselves)
  app.post(
    '/api/auth/token-check',
    {
      schema: { body: tokenCheckInput, response: { 200: tokenCheckResponse, 400: errorBody } },
      config: { rateLimit: LIMITS.tokenLink },
    },
    async (request) => {
      const { token, purpose } = request.body;
      const status = await checkAccountToken(ctx.db, ctx, token, purpose === 'email' ? ['email_change'] : ['password_reset', 'invitation']);
      return { status };
    },
  );

  const passwordChange = { body: passwordChangeInput, response: { 200: okResponse, 400: errorBody } };

  app.post('/api/account/password', { schema: passwordChange, config: { rateLimit: LIMITS.signedIn } }, async (request) => {
    familyOf(request);
    const { accountId, sessionId } = currentSession(request);
    await service.changePassword(ctx, accountId, sessionId, request.body);
    return { ok: true as const };
  });

  app.put('/api/account/language', { schema: { body: languageInput, response: { 200: accountResponse, 400: errorBody } }, config: { rateLimit: LIMITS.signedIn } }, async (request) => {
    if (!request.auth) throw new UnauthorizedError();
    await service.setLanguage(ctx, request.auth.account.id, request.body.language);
    return { account: toAccountView({ ...request.auth.account, language: request.body.language }) };
  });

  app.post('/api/staff/password', { schema: passwordChange, config: { rateLimit: LIMITS.signedIn } }, async (request) => {
    staffOf(request);
    const { accountId, sessionId } = currentSession(request);
    await service.changePassword(ctx, accountId, sessionId, request.body);
    return { ok: true as const };
  });
}
