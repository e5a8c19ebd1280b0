import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import { UnauthorizedError } from '../../errors.js';
import { clearSessionCookie, familyOf, setSessionCookie } from '../../plugins/access.js';
import { requestLanguage } from '../../i18n.js';
import { errorBody } from '../../../shared/contracts.js';
import { fcRedirect, fcRegisterInput, fcRegistrationView, fcStatusView } from '../../../shared/franceconnect-contracts.js';
import * as service from './franceconnect.service.js';

/** Per-IP limits of the routes around FranceConnect (a sign-in is two requests: start and callback). */
const LIMITS = {
  start: { max: 20, timeWindow: '1 minute' },
  callback: { max: 30, timeWindow: '1 minute' },
  register: { max: 10, timeWindow: '1 hour' },
  signedIn: { max: 20, timeWindow: '1 minute' },
} as const;

/** The browser's half of a sign-in: its state, sent back on FranceConnect's (cross-site, top-level GET) redirect: Lax. */
const BINDING_COOKIE = 'pf_fc';
/** The ticket of an identity waiting for the family's registration form. */
const TICKET_COOKIE = 'pf_fc_reg';
const COOKIE_PATH = '/api/franceconnect';

/** Where each outcome lands (pages of the web app); `?fc=` carries a message code, never anything secret. */
export const PAGES = {
  signedIn: '/famille',
  register: '/creer-mon-compte?franceconnect=1',
  login: '/',
  account: '/famille/franceconnect',
} as const;

const okResponse = z.object({ ok: z.literal(true) });
const pendingResponse = z.object({ status: z.literal('pending') });
const callbackQuery = z.looseObject({
  state: z.string().max(512).optional(),
  code: z.string().max(4096).optional(),
  error: z.string().max(256).optional(),
});
const logoutQuery = z.looseObject({ state: z.string().max(512).optional() });

function cookieOptions(ctx: AppContext, request: FastifyRequest, maxAgeSeconds: number) {
  const secure = request.protocol === 'https' || ctx.config.publicUrl.startsWith('https://');
  return { path: COOKIE_PATH, httpOnly: true, sameSite: 'lax' as const, secure, maxAge: maxAgeSeconds };
}

function withCode(page: string, code: string): string {
  return `${page}${page.includes('?') ? '&' : '?'}fc=${encodeURIComponent(code)}`;
}

function rawQueryOf(request: FastifyRequest): string {
  const url = request.raw.url ?? '';
  const i = url.indexOf('?');
  return i < 0 ? '' : url.slice(i + 1);
}

/** FranceConnect (issue 11). Every route answers 404 while FranceConnect is not configured. Access: src/server/access.ts. */
export async function franceConnectRoutes(app: App, ctx: AppContext): Promise<void> {
  const failed = (reply: FastifyReply, err: unknown, fallbackPage: string) => {
    if (err instanceof service.FcFlowError) return reply.redirect(withCode(err.purpose === 'link' ? PAGES.account : PAGES.login, err.code), 303);
    if (err instanceof Error && 'status' in err && (err as { status: number }).status === 404) throw err;
    ctx.logger.error({ err: err instanceof Error ? err.name : 'error' }, 'FranceConnect: unexpected failure');
    return reply.redirect(withCode(fallbackPage, 'franceconnect.failed'), 303);
  };

  // « S'identifier avec FranceConnect » (login and registration pages): a top-level navigation, answered by a redirect.
  app.get('/api/franceconnect/login', { config: { rateLimit: LIMITS.start } }, async (request, reply) => {
    try {
      const { url, state } = await service.start(ctx, { purpose: 'login', language: requestLanguage(request) });
      reply.setCookie(BINDING_COOKIE, state, cookieOptions(ctx, request, 600));
      return reply.redirect(url, 303);
    } catch (err) {
      return failed(reply, err, PAGES.login);
    }
  });

  // « Lier mon compte à FranceConnect »: a signed-in, CSRF-checked request; the page then goes to the URL.
  app.post('/api/franceconnect/link', { schema: { response: { 200: fcRedirect, 404: errorBody } }, config: { rateLimit: LIMITS.start } }, async (request, reply) => {
    const { accountId } = familyOf(request);
    if (!request.auth) throw new UnauthorizedError();
    try {
      const { url, state } = await service.start(ctx, { purpose: 'link', accountId, sessionId: request.auth.id, language: requestLanguage(request) });
      reply.setCookie(BINDING_COOKIE, state, cookieOptions(ctx, request, 600));
      return { url };
    } catch (err) {
      if (err instanceof service.FcFlowError) return { url: withCode(PAGES.account, err.code) };
      throw err;
    }
  });

  // FranceConnect's redirect back. The session cookie (SameSite=Strict) is not sent on this cross-site navigation, and
  // is not needed: the attempt says what to do; a new session's cookie is set here and the browser lands same-site.
  app.get('/api/franceconnect/callback', { schema: { querystring: callbackQuery }, config: { rateLimit: LIMITS.callback } }, async (request, reply) => {
    const binding = request.cookies[BINDING_COOKIE];
    reply.clearCookie(BINDING_COOKIE, { path: COOKIE_PATH });
    try {
      const outcome = await service.callback(ctx, request.query, rawQueryOf(request), binding, request.headers['user-agent'] ?? null);
      if (outcome.kind === 'signed_in') {
        setSessionCookie(ctx, request, reply, outcome.token);
        return reply.redirect(PAGES.signedIn, 303);
      }
      if (outcome.kind === 'register') {
        reply.setCookie(TICKET_COOKIE, outcome.ticket, cookieOptions(ctx, request, 30 * 60));
        return reply.redirect(PAGES.register, 303);
      }
      return reply.redirect(withCode(PAGES.account, 'linked'), 303);
    } catch (err) {
      return failed(reply, err, PAGES.login);
    }
  });

  app.get('/api/franceconnect/registration', { schema: { response: { 200: fcRegistrationView.nullable() } } }, async (request) =>
    service.registrationOf(ctx, request.cookies[TICKET_COOKIE]),
  );

  app.post(
    '/api/franceconnect/registration',
    { schema: { body: fcRegisterInput, response: { 201: pendingResponse, 400: errorBody, 409: errorBody } }, config: { rateLimit: LIMITS.register } },
    async (request, reply) => {
      await service.registerFamily(ctx, request.cookies[TICKET_COOKIE], request.body, requestLanguage(request));
      reply.clearCookie(TICKET_COOKIE, { path: COOKIE_PATH });
      return reply.status(201).send({ status: 'pending' as const });
    },
  );

  app.get('/api/franceconnect/status', { schema: { response: { 200: fcStatusView } } }, async (request) =>
    service.statusOf(ctx, familyOf(request).accountId),
  );

  app.post('/api/franceconnect/unlink', { schema: { response: { 200: okResponse, 409: errorBody } }, config: { rateLimit: LIMITS.signedIn } }, async (request) => {
    const { accountId, familyId, account } = familyOf(request);
    await service.unlink(ctx, { id: accountId, email: account.email, familyId });
    return { ok: true as const };
  });

  // « Se déconnecter » when FranceConnect is on: the portal's session ends here; when it came from FranceConnect, the
  // answer is the end-session URL the page goes to, so that FranceConnect's session ends too.
  app.post('/api/franceconnect/logout', { schema: { response: { 200: fcRedirect } } }, async (request, reply) => {
    service.settingsOf(ctx);
    const url = await service.logout(ctx, request.auth?.id ?? null, requestLanguage(request));
    clearSessionCookie(ctx, request, reply);
    return { url };
  });

  app.get('/api/franceconnect/logout-callback', { schema: { querystring: logoutQuery }, config: { rateLimit: LIMITS.callback } }, async (request, reply) => {
    const ours = await service.logoutReturned(ctx, request.query.state);
    return reply.redirect(ours ? withCode(PAGES.login, 'logged_out') : PAGES.login, 303);
  });
}
