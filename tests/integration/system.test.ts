import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('system routes', () => {
  it('answers /healthz with 200 while the database is reachable', async () => {
    const res = await t.client().get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('hands out a CSRF token and no account to an anonymous visitor', async () => {
    const c = t.client();
    const res = await c.session();
    expect(res.status).toBe(200);
    expect(res.body.account).toBeNull();
    expect(res.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(String(res.headers['set-cookie'])).toMatch(/pf_csrf=.*HttpOnly/i);
  });

  it('sends security headers with a Content-Security-Policy', async () => {
    const res = await t.client().get('/api/config');
    expect(res.status).toBe(200);
    expect(res.body.city.name).toBe('Ville de Comines');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'a@b.fr', password: 'x' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('request.csrf');
  });

  it('refuses a request whose CSRF header does not match the cookie', async () => {
    const c = t.client();
    await c.session();
    const res = await c.request('POST', '/api/auth/login', { email: 'a@b.fr', password: 'x' }, { 'x-csrf-token': 'A'.repeat(32) });
    expect(res.status).toBe(403);
  });

  it('lists communes for a postal code and for the start of a city name', async () => {
    const c = t.client();
    const byCode = await c.get('/api/postal-codes?q=59560');
    expect(byCode.status).toBe(200);
    expect(byCode.body).toContainEqual({ postalCode: '59560', city: 'Comines', inseeCode: '59152' });
    const byName = await c.get('/api/postal-codes?q=comin');
    expect(byName.body.map((m: { city: string }) => m.city)).toContain('Comines');
    const accents = await c.get(`/api/postal-codes?q=${encodeURIComponent('saint-etienne')}`);
    expect(accents.body.map((m: { city: string }) => m.city)).toContain('Saint-Étienne');
  });

  it('answers 400 with a French field message for a too-short postal-code query', async () => {
    const res = await t.client().get('/api/postal-codes?q=5');
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0]).toMatchObject({ path: 'q', code: 'too_short' });
    expect(res.body.error.fields[0].message).toMatch(/court/);
  });

  it('describes the API in OpenAPI from the same zod schemas', async () => {
    const res = await t.client().get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toContain('/api/postal-codes');
  });

  it('answers 404 in JSON for an unknown API path', async () => {
    const res = await t.client().get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('answers 413 for an oversized body and 400 for malformed JSON, never 500', async () => {
    const c = t.client();
    await c.session();
    const big = await c.request('POST', '/api/auth/login', JSON.stringify({ email: 'x'.repeat(200_000), password: 'y' }));
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('request.too_large');
    const bad = await c.request('POST', '/api/auth/login', '{"email": ');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('request.malformed');
  });
});
