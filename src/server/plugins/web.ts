import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { negotiateEncoding } from './encoding.js';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/web');

/**
 * Serves the built browser app (precompressed .br/.gz files when the client accepts them). Hashed assets are
 * cached for a year; index.html is revalidated so a new release is picked up at once. Unknown non-API paths get
 * index.html: the browser router shows the page (or its own "page introuvable").
 *
 * The encoding is chosen here, by the q-values of Accept-Encoding (br, gzip or the file as is), and the request is
 * handed to @fastify/static asking for that one encoding only, or for none: a client that asks for no compression
 * (curl, a monitoring probe, `identity`) gets the plain file.
 */
export async function registerWeb(app: FastifyInstance, dir = WEB_DIST): Promise<boolean> {
  if (!fs.existsSync(path.join(dir, 'index.html'))) return false;
  app.addHook('onRequest', async (request) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || request.url.startsWith('/api/')) return;
    const chosen = negotiateEncoding(request.headers['accept-encoding']);
    if (chosen === 'identity') delete request.raw.headers['accept-encoding'];
    else request.raw.headers['accept-encoding'] = chosen;
  });
  await app.register(fastifyStatic, {
    root: dir,
    wildcard: true,
    preCompressed: true,
    index: ['index.html'],
    setHeaders(res, filePath) {
      if (filePath.includes(`${path.sep}assets${path.sep}`))
        res.header('cache-control', 'public, max-age=31536000, immutable');
      else res.header('cache-control', 'no-cache');
    },
  });
  return true;
}

export function isSpaPath(url: string): boolean {
  return !url.startsWith('/api/') && url !== '/healthz' && !/\.[a-z0-9]{2,5}(\?|$)/i.test(url);
}
