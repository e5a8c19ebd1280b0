/**
 * POST /api/auth/token-check (issue 17): a mailed link's page learns, when it opens, whether its link still works —
 * valid, used (or replaced by a newer one), expired, unknown — without using it, for the purpose the page serves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { createFamily, createStaff } from '../support/factories.js';
import { createAccountToken } from '../../src/server/modules/account/account.tokens.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ smtp: true });
});
afterAll(async () => t.close());

const PASSWORD = 'Nouveau-Jardin-2026!';
const check = (token: string, purpose: 'password' | 'email' = 'password', ip?: string) =>
  t.client(ip).post('/api/auth/token-check', { token, purpose });

describe('token check', () => {
  it('says valid, then used once the link served, and never uses the link itself', async () => {
    const f = await createFamily(t.ctx);
    const token = await createAccountToken(t.ctx.db, t.ctx, f.accountId, 'password_reset');
    expect((await check(token)).body).toEqual({ status: 'valid' });
    expect((await check(token)).body).toEqual({ status: 'valid' }); // asking twice changes nothing
    const set = await t.client().post('/api/auth/password-reset/confirm', { token, password: PASSWORD, passwordConfirmation: PASSWORD });
    expect(set.status).toBe(200);
    expect((await check(token)).body).toEqual({ status: 'used' });
  });

  it('says used for a link replaced by a newer one, expired after its hour', async () => {
    const f = await createFamily(t.ctx);
    const first = await createAccountToken(t.ctx.db, t.ctx, f.accountId, 'password_reset');
    const second = await createAccountToken(t.ctx.db, t.ctx, f.accountId, 'password_reset');
    expect((await check(first)).body.status).toBe('used');
    expect((await check(second)).body.status).toBe('valid');
    t.clock.advance(60 * 60_000 + 1000);
    expect((await check(second)).body.status).toBe('expired');
  });

  it('keeps purposes apart: an e-mail link is unknown to the password page and the other way round', async () => {
    const f = await createFamily(t.ctx);
    const email = await createAccountToken(t.ctx.db, t.ctx, f.accountId, 'email_change', 'ailleurs@exemple.fr');
    expect((await check(email, 'password')).body.status).toBe('unknown');
    expect((await check(email, 'email')).body.status).toBe('valid');
    const agent = await createStaff(t.ctx);
    const invitation = await createAccountToken(t.ctx.db, t.ctx, agent.accountId, 'invitation');
    expect((await check(invitation, 'password')).body.status).toBe('valid');
    expect((await check(invitation, 'email')).body.status).toBe('unknown');
  });

  it('answers unknown for a made-up or truncated link, and a French 400 for a bad purpose', async () => {
    expect((await check('X'.repeat(43))).body.status).toBe('unknown');
    expect((await check('abc')).body.status).toBe('unknown');
    const bad = await t.client().post('/api/auth/token-check', { token: 'X'.repeat(43), purpose: 'autre' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/[a-zé]/);
  });

  it('is limited per address like the links themselves', async () => {
    const ip = '192.0.2.77';
    const answers = [];
    for (let i = 0; i < 21; i++) answers.push((await check('Y'.repeat(43), 'password', ip)).status);
    expect(answers.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(answers[20]).toBe(429);
  });
});
