/**
 * The API's answers are compressed when the client asks (issue 17, plugins/compression.ts): brotli or gzip by
 * Accept-Encoding, nothing for a client that asks for nothing, small answers left plain, Vary always said.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

// « 59 »: every postal code of the Nord starting so — far more than 1 KiB of JSON
const BIG = '/api/postal-codes?q=59';

describe('API compression', () => {
  it('sends brotli to a browser that accepts it, and the body is the same JSON', async () => {
    const plain = await t.app.inject({ method: 'GET', url: BIG });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
    expect(plain.rawPayload.length).toBeGreaterThan(1024);

    const br = await t.app.inject({ method: 'GET', url: BIG, headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-length'] === undefined || Number(br.headers['content-length']) === br.rawPayload.length).toBe(true);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString('utf8'))).toEqual(plain.json());
  });

  it('sends gzip when brotli is not accepted, and plain JSON when identity is preferred', async () => {
    const gz = await t.app.inject({ method: 'GET', url: BIG, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString('utf8')).length).toBeGreaterThan(5);
    const none = await t.app.inject({ method: 'GET', url: BIG, headers: { 'accept-encoding': 'identity' } });
    expect(none.headers['content-encoding']).toBeUndefined();
  });

  it('leaves a small answer (and an error) plain', async () => {
    const small = await t.app.inject({ method: 'GET', url: '/api/session', headers: { 'accept-encoding': 'br' } });
    expect(small.statusCode).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json()).toHaveProperty('csrfToken');
    const bad = await t.app.inject({ method: 'GET', url: '/api/postal-codes', headers: { 'accept-encoding': 'br' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-encoding']).toBeUndefined();
  });
});
