import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import { errorMessage, requestLanguage } from '../../i18n.js';
import { renderMetrics, type AppMetrics } from '../../plugins/metrics.js';
import { readiness } from './readiness.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest();

/**
 * Who may read /metrics: a signed-in active administrator, or a scraper with `Authorization: Bearer <METRICS_TOKEN>`
 * (compared in constant time, on digests of equal length). Both are checked here: the route is classified
 * 'public' in access.ts so that the session is loaded without demanding one.
 */
export function metricsAllowed(ctx: AppContext, request: FastifyRequest): boolean {
  const a = request.auth?.account;
  // a session restricted to enrolling a second factor (issue 11) is not enough
  if (a && a.kind === 'staff' && a.status === 'active' && a.role === 'admin' && request.auth?.scope !== 'enrolment') return true;
  const token = ctx.config.metricsToken;
  const header = request.headers.authorization;
  if (!token || typeof header !== 'string') return false;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return !!m && timingSafeEqual(sha256(m[1]!), sha256(token));
}

/** GET /readyz (load balancers, systemd, the cluster script) and GET /metrics (Prometheus). */
export async function operationsRoutes(app: App, ctx: AppContext, metrics: AppMetrics): Promise<void> {
  app.get('/readyz', { logLevel: 'warn' }, async (_request, reply) => {
    const r = await readiness(ctx);
    return reply
      .status(r.ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: r.ready ? 'ready' : 'not_ready', checks: r.checks });
  });

  // Refused callers get the portal's ordinary 404: the endpoint does not reveal that it exists.
  app.get('/metrics', { logLevel: 'warn' }, async (request, reply) => {
    if (!metricsAllowed(ctx, request)) return reply.status(404).send({ error: { code: 'not_found', message: errorMessage(requestLanguage(request), 'not_found') } });
    const { contentType, body } = await renderMetrics(metrics);
    return reply.header('cache-control', 'no-store').type(contentType).send(body);
  });
}
