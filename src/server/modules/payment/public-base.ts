import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';

/**
 * The address the family's browser uses, for the links that bring it back (the bank's return, the demo bank's page).
 * With PUBLIC_URL set (required in production, see config.ts) it is PUBLIC_URL. Left at its default
 * (`http://localhost:PORT`: a demo on a laptop, a portal opened as http://192.168.1.20:3000 or http://127.0.0.1:3000),
 * the request's own scheme and host: the family comes back where its session cookie lives instead of `localhost`,
 * where it has none (issue 17).
 */
export function publicBase(ctx: AppContext, request: FastifyRequest): string {
  if (ctx.config.publicUrl !== `http://localhost:${ctx.config.port}`) return ctx.config.publicUrl;
  const host = request.host;
  if (!host || !/^[A-Za-z0-9.\-[\]:]+$/.test(host)) return ctx.config.publicUrl;
  return `${request.protocol}://${host}`;
}
