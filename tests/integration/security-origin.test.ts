import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, PUBLIC_URL, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff, type FamilyFixture } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { publishedInvoices } from './payment-support.js';

/**
 * Next to the CSRF token, a state-changing request whose `Origin` is not the portal's own is refused (403, in French):
 * the portal's origin is PUBLIC_URL's, or the one the request came to (its Host; with TRUST_PROXY, the forwarded host
 * and scheme). `Origin: null` is refused; no Origin at all is let through (the token is still required). The bank's
 * server-to-server notification and the browser coming back from the bank are not concerned.
 */
let t: TestApp;
let fam: FamilyFixture;
let parent: TestClient;
let admin: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  fam = await createFamily(t.ctx);
  parent = await loginAs(t, fam.accountId);
  admin = await loginAs(t, (await createStaff(t.ctx, { role: 'admin' })).accountId);
});
afterAll(async () => {
  await t.close();
});

const FOREIGN = ['https://attaquant.example', 'http://portail.test.attaquant.example', 'http://portail.test:8080', 'https://portail.test', 'null', 'file://', 'not a url'];

function expectOriginRefused(res: { status: number; body: any }, origin: string) {
  expect(res.status, origin).toBe(403);
  expect(res.body.error.code, origin).toBe('request.origin');
  expect(res.body.error.message, origin).toMatch(/autre site que le Portail Familles/);
}

describe('state-changing requests from another origin', () => {
  it('are refused with 403 and a French message, for a family, a staff member and a public form', async () => {
    for (const origin of FOREIGN) {
      expectOriginRefused(await parent.request('POST', '/api/account/password', { currentPassword: fam.password, newPassword: 'Un-Autre-Verger-2026!', newPasswordConfirmation: 'Un-Autre-Verger-2026!' }, { origin }), origin);
      expectOriginRefused(await admin.request('POST', '/api/staff/staff-accounts', { email: 'intrus@example.org', displayName: 'Intrus', role: 'admin' }, { origin }), origin);
      expectOriginRefused(await t.client().request('POST', '/api/auth/login', { email: fam.email, password: fam.password }, { origin }), origin);
    }
    for (const [method, url] of [['PUT', '/api/staff/lists/allergy/order'], ['PATCH', '/api/staff/lists/allergy/x'], ['DELETE', '/api/staff/lists/allergy/x']] as const) {
      const res = await admin.request(method, url, method === 'DELETE' ? undefined : {}, { origin: 'https://attaquant.example' });
      expectOriginRefused(res, method);
    }
    // nothing was changed
    expect(await t.ctx.db.selectFrom('account').select('id').where('email', '=', 'intrus@example.org').executeTakeFirst()).toBeUndefined();
    expect((await t.client().post('/api/auth/login', { email: fam.email, password: fam.password })).status).toBe(200);
  });

  it('are refused even with a valid token and Sec-Fetch-Site: same-origin', async () => {
    const res = await parent.request('PUT', '/api/family', {}, { origin: 'https://attaquant.example', 'sec-fetch-site': 'same-origin' });
    expectOriginRefused(res, 'PUT /api/family');
  });

  it('reading is not concerned (GET with a foreign Origin)', async () => {
    const res = await parent.request('GET', '/api/family', undefined, { origin: 'https://attaquant.example' });
    expect(res.status).toBe(200);
  });
});

describe('state-changing requests from the portal itself', () => {
  it('pass with PUBLIC_URL’s origin, in any spelling of it', async () => {
    for (const origin of [PUBLIC_URL, 'HTTP://Portail.Test', 'http://portail.test:80']) {
      const res = await t.client().request('POST', '/api/auth/login', { email: fam.email, password: fam.password }, { origin });
      expect(res.status, origin).toBe(200);
    }
  });

  it('pass with the origin the request came to (its Host)', async () => {
    const res = await t.client().request('POST', '/api/auth/login', { email: fam.email, password: fam.password }, { host: '127.0.0.1:41234', origin: 'http://127.0.0.1:41234' });
    expect(res.status).toBe(200);
    const other = await t.client().request('POST', '/api/auth/login', { email: fam.email, password: fam.password }, { host: '127.0.0.1:41234', origin: 'http://127.0.0.1:41235' });
    expectOriginRefused(other, 'other port');
    // without TRUST_PROXY, forwarded headers are not believed
    const forwarded = await t.client().request('POST', '/api/auth/login', { email: fam.email, password: fam.password }, { 'x-forwarded-host': 'attaquant.example', 'x-forwarded-proto': 'https', origin: 'https://attaquant.example' });
    expectOriginRefused(forwarded, 'x-forwarded-host');
  });

  it('pass without any Origin, the CSRF token still being required', async () => {
    expect((await t.client().post('/api/auth/login', { email: fam.email, password: fam.password })).status).toBe(200);
    const noToken = await parent.request('PUT', '/api/family', {}, { 'x-csrf-token': 'x'.repeat(32) });
    expect(noToken.status).toBe(403);
    expect(noToken.body.error.code).toBe('request.csrf');
  });
});

describe('behind a reverse proxy (TRUST_PROXY)', () => {
  it('takes the forwarded host and scheme as the portal’s origin', async () => {
    const p = await createTestApp({ config: { trustProxy: true, publicUrl: 'https://portail.ville.fr' } });
    const f = await createFamily(p.ctx);
    const login = (headers: Record<string, string>) => p.client().request('POST', '/api/auth/login', { email: f.email, password: f.password }, headers);
    expect((await login({ origin: 'https://portail.ville.fr' })).status).toBe(200);
    expect((await login({ host: 'portail-interne:3000', 'x-forwarded-host': 'familles.ville.fr', 'x-forwarded-proto': 'https', origin: 'https://familles.ville.fr' })).status).toBe(200);
    expectOriginRefused(await login({ 'x-forwarded-host': 'familles.ville.fr', 'x-forwarded-proto': 'https', origin: 'http://familles.ville.fr' }), 'scheme');
    expectOriginRefused(await login({ origin: 'https://attaquant.example' }), 'foreign');
    await p.close();
  });
});

describe('the bank', () => {
  it('still notifies the portal and sends the family back, whatever its Origin', async () => {
    const { invoices } = await publishedInvoices(t, fam, [1500]);
    const recap = await parent.post('/api/payments/recap', { invoiceIds: [invoices[0]!.id] });
    const started = await parent.post('/api/payments', { invoiceIds: [invoices[0]!.id], totalCents: recap.body.totalCents });
    expect(started.status).toBe(201);
    const opId = new URL(started.body.redirectUrl).pathname.split('/').pop()!;
    const bankOrigin = 'https://www.payfip.gouv.fr';
    const choice = await t.app.inject({
      method: 'POST',
      url: `/demo-bank/${opId}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'null' },
      payload: 'choice=accepted',
    });
    expect(choice.statusCode).toBe(303);
    const back = await t.app.inject({ method: 'POST', url: `/api/payments/return/${started.body.payment.id}`, headers: { origin: bankOrigin, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'idop=x' });
    expect(back.statusCode).toBe(303);
    t.clock.advance(t.ctx.config.payment.demoBankDelayMs + 1000); // the bank knows the result from then on
    const notified = await t.app.inject({
      method: 'POST',
      url: '/api/payments/notify/demo',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: bankOrigin },
      payload: `idop=${encodeURIComponent(opId)}`,
    });
    expect(notified.statusCode).toBe(200);
    expect((await parent.get(`/api/payments/${started.body.payment.id}`)).body.status).toBe('paid');
  });
});
