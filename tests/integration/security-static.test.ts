import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.js';
import { createLogger } from '../../src/server/logger.js';
import { buildApp } from '../../src/server/app.js';
import { ManualClock } from '../../src/server/clock.js';
import { dialectOf } from '../../src/server/db/database.js';
import { generateKey } from '../../src/server/crypto/health-crypto.js';
import type { App } from '../../src/server/http.js';
import { negotiateEncoding } from '../../src/server/plugins/encoding.js';
import { createTestDatabase } from '../support/database.js';
import { PUBLIC_URL } from '../support/app.js';

/**
 * The built web app as the server sends it: a client that asks for no compression (curl, a probe, `identity`)
 * gets the plain page, others the .br or .gz twin by the q-values of their Accept-Encoding.
 */
const INDEX = '<!doctype html><html lang="fr"><title>Portail Familles</title><div id="root"></div></html>\n';
const SCRIPT = 'console.log("portail");\n'.repeat(20);
let dir: string;
let app: App;
let closeDb: () => Promise<void>;

function writeWithTwins(file: string, content: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(content));
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(content));
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-web-'));
  writeWithTwins(path.join(dir, 'index.html'), INDEX);
  writeWithTwins(path.join(dir, 'assets', 'app-1a2b3c.js'), SCRIPT);
  const database = await createTestDatabase();
  closeDb = database.close;
  const config = { ...loadConfig({}), demo: false, publicUrl: PUBLIC_URL, healthDataKey: generateKey() };
  const ctx = { config, db: database.db, dialect: dialectOf(database.db), clock: new ManualClock(new Date().toISOString()), mailer: null, logger: createLogger('silent') };
  app = await buildApp(ctx, { webDir: dir });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await closeDb?.();
  fs.rmSync(dir, { recursive: true, force: true });
});

function decode(body: Buffer, encoding: string | undefined): string {
  if (encoding === 'br') return zlib.brotliDecompressSync(body).toString('utf8');
  if (encoding === 'gzip') return zlib.gunzipSync(body).toString('utf8');
  return body.toString('utf8');
}

async function get(url: string, acceptEncoding?: string, accept = '*/*') {
  const res = await app.inject({ method: 'GET', url, headers: { accept, ...(acceptEncoding !== undefined ? { 'accept-encoding': acceptEncoding } : {}) } });
  return { status: res.statusCode, encoding: res.headers['content-encoding'] as string | undefined, headers: res.headers, text: decode(res.rawPayload, res.headers['content-encoding'] as string | undefined) };
}

describe('the web app for a client that asks for no compression', () => {
  it('gives the page to `curl http://localhost:3000/` (no Accept-Encoding), not a 400', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.encoding).toBeUndefined();
    expect(res.text).toBe(INDEX);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
  });

  it('gives the plain file to `Accept-Encoding: identity`, on the home page, a page path and an asset', async () => {
    for (const url of ['/', '/connexion', '/assets/app-1a2b3c.js']) {
      const res = await get(url, 'identity');
      expect(res.status, url).toBe(200);
      expect(res.encoding, url).toBeUndefined();
      expect(res.text, url).toBe(url.endsWith('.js') ? SCRIPT : INDEX);
    }
    const asset = await get('/assets/app-1a2b3c.js');
    expect(asset.encoding).toBeUndefined();
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});

describe('the precompressed twins', () => {
  it('sends gzip or br when that is what the client accepts', async () => {
    for (const url of ['/', '/connexion', '/assets/app-1a2b3c.js']) {
      const expected = url.endsWith('.js') ? SCRIPT : INDEX;
      const gz = await get(url, 'gzip');
      expect([gz.status, gz.encoding, gz.text]).toEqual([200, 'gzip', expected]);
      const br = await get(url, 'br');
      expect([br.status, br.encoding, br.text]).toEqual([200, 'br', expected]);
      const browser = await get(url, 'gzip, deflate, br, zstd');
      expect([browser.status, browser.encoding, browser.text]).toEqual([200, 'br', expected]);
    }
  });

  it('follows the q-values', async () => {
    const cases: [string, string | undefined][] = [
      ['br;q=0.5, gzip', 'gzip'],
      ['gzip;q=0.2, br;q=0.8', 'br'],
      ['br;q=0, gzip;q=0', undefined],
      ['gzip;q=0.5, identity', undefined],
      ['identity;q=0, gzip;q=0.1', 'gzip'],
      ['*', 'br'],
      ['*;q=0.5, br;q=0', 'gzip'],
      ['', undefined],
    ];
    for (const [header, encoding] of cases) {
      const res = await get('/assets/app-1a2b3c.js', header);
      expect([header, res.status, res.encoding, res.text]).toEqual([header, 200, encoding, SCRIPT]);
    }
  });

  it('leaves the API alone', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    const api = await app.inject({ method: 'GET', url: '/api/nope', headers: { accept: 'text/html' } });
    expect(api.statusCode).toBe(404);
  });
});

describe('negotiateEncoding', () => {
  it('reads q-values, `*` and `identity` as RFC 9110 says', () => {
    expect(negotiateEncoding(undefined)).toBe('identity');
    expect(negotiateEncoding('')).toBe('identity');
    expect(negotiateEncoding('identity')).toBe('identity');
    expect(negotiateEncoding('gzip')).toBe('gzip');
    expect(negotiateEncoding('x-gzip')).toBe('gzip');
    expect(negotiateEncoding('GZIP, BR')).toBe('br');
    expect(negotiateEncoding('br;q=0.9, gzip;q=1.0')).toBe('gzip');
    expect(negotiateEncoding('br; q=0.001')).toBe('br');
    expect(negotiateEncoding('br;q=0.001, identity;q=0.5')).toBe('identity');
    expect(negotiateEncoding('br;q=0, gzip;q=0, identity;q=0')).toBe('identity'); // nothing acceptable: plain file
    expect(negotiateEncoding('*;q=0')).toBe('identity');
    expect(negotiateEncoding('*;q=0, identity;q=1')).toBe('identity');
    expect(negotiateEncoding('br;q=abc, gzip')).toBe('gzip');
    expect(negotiateEncoding('deflate, zstd')).toBe('identity');
    expect(negotiateEncoding(['gzip;q=0.5', 'br;q=0.6'])).toBe('br');
  });
});
