/**
 * Compresses the API's answers (issue 17: Lighthouse found the JSON of `/api` sent uncompressed). The built web app is
 * precompressed at build time (`web.ts` + `encoding.ts`); everything else the server writes itself — JSON, and the
 * few text answers (the simulated bank page, `/metrics`) — goes through this `onSend` hook: brotli (quality 4, fast
 * enough for every request) or gzip, chosen from Accept-Encoding by the same negotiation as the static files.
 *
 * Left alone: answers that already have a Content-Encoding, streams (files, exports: they are already compressed or
 * sent as they are read), binary types (PDF, images), small bodies (under 1 KiB the headers cost more than they save),
 * HEAD requests and 204/304 answers. `Vary: Accept-Encoding` is added to every compressible answer so a cache never
 * hands a compressed body to a client that did not ask for one.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { negotiateEncoding } from './encoding.js';

/** Below this many bytes an answer is sent as it is. */
export const COMPRESS_THRESHOLD = 1024;

const COMPRESSIBLE = /^(application\/(json|problem\+json|xml|javascript)|text\/|image\/svg\+xml)/i;

function addVary(current: unknown): string {
  const value = typeof current === 'string' ? current : Array.isArray(current) ? current.join(', ') : '';
  if (/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(value)) return value;
  return value ? `${value}, Accept-Encoding` : 'Accept-Encoding';
}

export function registerCompression(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method === 'HEAD' || reply.statusCode === 204 || reply.statusCode === 304) return payload;
    if (reply.getHeader('content-encoding')) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload; // streams and nothing
    const type = String(reply.getHeader('content-type') ?? '');
    if (!COMPRESSIBLE.test(type)) return payload;
    reply.header('vary', addVary(reply.getHeader('vary')));
    const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
    if (body.length < COMPRESS_THRESHOLD) return payload;
    const encoding = negotiateEncoding(request.headers['accept-encoding']);
    if (encoding === 'identity') return payload;
    const out =
      encoding === 'br'
        ? brotliCompressSync(body, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: 4,
              [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
              [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
            },
          })
        : gzipSync(body, { level: 6 });
    reply.header('content-encoding', encoding);
    reply.removeHeader('content-length');
    return out;
  });
}
