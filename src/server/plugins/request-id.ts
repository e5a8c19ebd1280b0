import { AsyncResource } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { requestLogContext } from '../logger.js';

export const REQUEST_ID_HEADER = 'x-request-id';

/** A request id taken from a proxy must be a short, harmless token (it is logged and sent back as a header). */
const SAFE_ID = /^[A-Za-z0-9._-]{8,64}$/;

const RANGES: Record<string, string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/**
 * Whether the socket's peer is a proxy TRUST_PROXY trusts (same reading as Fastify's trustProxy): `true` or a hop
 * count trust the nearest hop; a list trusts the listed addresses, CIDR ranges and named ranges.
 */
export function trustedPeer(trustProxy: boolean | number | string[]): (address: string | undefined) => boolean {
  if (trustProxy === true || (typeof trustProxy === 'number' && trustProxy > 0)) return () => true;
  if (!Array.isArray(trustProxy) || trustProxy.length === 0) return () => false;
  const list = new BlockList();
  for (const entry of trustProxy.flatMap((e) => RANGES[e] ?? [e])) {
    const [addr, bits] = entry.split('/') as [string, string | undefined];
    const family = isIP(addr) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(addr, family);
    else list.addSubnet(addr, Number(bits), family);
  }
  return (address) => {
    if (!address) return false;
    const a = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
    const family = isIP(a);
    return family !== 0 && list.check(a, family === 6 ? 'ipv6' : 'ipv4');
  };
}

/**
 * Fastify's `genReqId`: the proxy's X-Request-Id (nginx `$request_id`) when TRUST_PROXY is on, the request comes
 * from a trusted proxy and the value is a safe short token, so the proxy's access log and the portal's lines share
 * one id; otherwise a fresh UUID. Without TRUST_PROXY the header comes from anyone and is ignored.
 */
export function requestIdGenerator(trustProxy: boolean | number | string[]): (req: IncomingMessage) => string {
  const trusted = trustedPeer(trustProxy);
  return (req) => {
    const incoming = req.headers[REQUEST_ID_HEADER];
    if (typeof incoming === 'string' && SAFE_ID.test(incoming) && trusted(req.socket?.remoteAddress)) return incoming;
    return randomUUID();
  };
}

const kResource = Symbol('requestLogResource');

/**
 * Sends the request id back (X-Request-Id, on every answer, errors included) and makes it the log context of the
 * code that serves the request, so services logging through `ctx.logger` write it too. The body is parsed from
 * stream events that lose the async context: preValidation re-enters it (the @fastify/request-context pattern).
 */
export function registerRequestId(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    requestLogContext.run({ reqId: request.id }, () => {
      (request as unknown as Record<symbol, AsyncResource>)[kResource] = new AsyncResource('portail-request');
      done();
    });
  });
  app.addHook('preValidation', (request, _reply, done) => {
    const resource = (request as unknown as Record<symbol, AsyncResource | undefined>)[kResource];
    if (resource) resource.runInAsyncScope(done, request.raw);
    else done();
  });
}
