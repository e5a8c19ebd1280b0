import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { AppContext } from '../context.js';
import { ENROLMENT_ROUTES, ROUTE_ACCESS, routeKey, type Access, type FamilyRight } from '../access.js';
import { AppError, ForbiddenError, UnauthorizedError } from '../errors.js';
import { loadSession, SESSION_COOKIE, type LoadedSession, type SessionAccount } from '../modules/account/account.sessions.js';
import type { Actor } from '../modules/audit/audit.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** the signed-in session, loaded for every route but static files */
    auth: LoadedSession | null;
  }
}

const CSRF_COOKIE = 'pf_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function isHttps(ctx: AppContext, request: FastifyRequest): boolean {
  return request.protocol === 'https' || ctx.config.publicUrl.startsWith('https://');
}

function cookieBase(ctx: AppContext, request: FastifyRequest) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: isHttps(ctx, request) };
}

export function setSessionCookie(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, { ...cookieBase(ctx, request), sameSite: 'strict' });
}

export function clearSessionCookie(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { ...cookieBase(ctx, request), sameSite: 'strict' });
}

/** The double-submit CSRF token: set as an httpOnly cookie, handed to the page by GET /api/session. */
export function ensureCsrfToken(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): string {
  const existing = request.cookies[CSRF_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{32,64}$/.test(existing)) return existing;
  const token = randomBytes(24).toString('base64url');
  reply.setCookie(CSRF_COOKIE, token, cookieBase(ctx, request));
  return token;
}

/**
 * The `Origin` a browser puts on a state-changing request must be the portal's own: PUBLIC_URL's origin, or the
 * origin the request came to (its Host, and with TRUST_PROXY the forwarded host and scheme), which covers a portal
 * reached under another name (a test, the Vite dev server's proxy). `Origin: null` (a sandboxed frame, a redirect
 * across sites, a file) is refused. No Origin at all is let through: old browsers and scripts send none, and the
 * CSRF token is still required of them.
 */
export function originAllowed(ctx: AppContext, request: FastifyRequest): boolean {
  const header = request.headers.origin;
  if (header === undefined) return true;
  if (typeof header !== 'string') return false;
  const origin = originOf(header.trim());
  if (!origin) return false;
  if (origin === originOf(ctx.config.publicUrl)) return true;
  return !!request.host && origin === originOf(`${request.protocol}://${request.host}`);
}

function originOf(url: string): string | null {
  if (!/^https?:\/\//i.test(url)) return null; // "null", other schemes, garbage
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

function csrfMatches(request: FastifyRequest): boolean {
  const cookie = request.cookies[CSRF_COOKIE];
  const header = request.headers['x-csrf-token'];
  if (!cookie || typeof header !== 'string' || cookie.length !== header.length) return false;
  return timingSafeEqual(Buffer.from(cookie), Buffer.from(header));
}

/** The signed-in family: its account and family ids. */
export function familyOf(request: FastifyRequest): { accountId: string; familyId: string; account: SessionAccount } {
  const a = request.auth?.account;
  if (!a || a.kind !== 'family' || !a.family_id) throw new UnauthorizedError();
  return { accountId: a.id, familyId: a.family_id, account: a };
}

/** The signed-in staff member, as the actor of audit lines. */
export function staffOf(request: FastifyRequest): Actor & { role: 'admin' | 'agent' } {
  const a = request.auth?.account;
  if (!a || a.kind !== 'staff' || !a.role) throw new UnauthorizedError();
  return { id: a.id, email: a.email, role: a.role };
}

/** Whether a family member holds a right (issue 11): the holder holds them all, « holder » is the holder's alone. */
export function hasFamilyRight(a: SessionAccount, right: FamilyRight): boolean {
  if (a.member_role === 'holder') return true;
  if (right === 'family:book') return a.can_book;
  if (right === 'family:pay') return a.can_pay;
  if (right === 'family:edit') return a.can_edit;
  return false;
}

function enforce(access: Access, request: FastifyRequest): void {
  if (access === 'public' || access === 'webhook') return;
  const a = request.auth?.account;
  if (!a) throw new UnauthorizedError();
  if (access === 'family' || access.startsWith('family:')) {
    if (a.kind !== 'family') throw new ForbiddenError();
    if (access !== 'family' && !hasFamilyRight(a, access as FamilyRight)) throw new ForbiddenError(`member.right_missing_${access.slice('family:'.length)}`);
    return;
  }
  if (a.kind !== 'staff' || a.status !== 'active') throw new ForbiddenError();
  if (access === 'admin' && a.role !== 'admin') throw new ForbiddenError();
}

/**
 * Gives every route its guard from ROUTE_ACCESS; a route missing from the table stops the app at start.
 * Guards run in onRequest, before the body is parsed: no work is done for a caller who may not call.
 */
export function registerAccessControl(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('auth', null);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (!ROUTE_ACCESS[routeKey(method, route.url)])
        throw new Error(`Route non classée dans src/server/access.ts : ${routeKey(method, route.url)}`);
    }
    const isStatic = route.url === '/*';
    const guard: onRequestHookHandler = async (request, reply) => {
      const access = ROUTE_ACCESS[routeKey(request.method, route.url)] ?? 'admin';
      const changes = !SAFE_METHODS.has(request.method) && access !== 'webhook';
      if (changes && !originAllowed(ctx, request)) throw new AppError('request.origin', 403);
      if (!isStatic && access !== 'webhook') {
        const token = request.cookies[SESSION_COOKIE];
        request.auth = token ? await loadSession(ctx, token) : null;
        if (token && !request.auth) clearSessionCookie(ctx, request, reply);
      }
      // A signed-in route without a session says « connectez-vous » (401) before anything else: a device whose
      // session ended meanwhile (closed account, sign-out elsewhere) is told so, not that its page is too old.
      if (access !== 'public' && access !== 'webhook' && !request.auth) throw new UnauthorizedError();
      if (changes && (request.headers['sec-fetch-site'] === 'cross-site' || !csrfMatches(request))) throw new AppError('request.csrf', 403);
      enforce(access, request);
      // issue 11: a session opened with the password alone by someone who must have a second factor enrols one first
      if (request.auth?.scope === 'enrolment' && (access === 'staff' || access === 'admin') && !ENROLMENT_ROUTES.has(routeKey(request.method, route.url)))
        throw new ForbiddenError('mfa.enrolment_required');
    };
    const existing = route.onRequest;
    route.onRequest = existing ? [guard, ...(Array.isArray(existing) ? existing : [existing])] : [guard];
  });
}
