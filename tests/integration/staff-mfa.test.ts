/**
 * Staff two-factor login (issue 11): TOTP with a moved clock (replay refused), recovery codes (single use),
 * enforcement (an admin without a factor may only enrol), the admin's view and reset, concurrency (the same code twice
 * at once → one session; the last two factors removed at once → one stays). Passkeys are covered in the browser
 * (tests/e2e/security.e2e.ts, Chromium's virtual authenticator). Runs on SQLite, and on PostgreSQL with TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { purgeExpiredSessions } from '../../src/server/modules/account/account.sessions.js';
import { enrolTotp, signInWithTotp, totpCode } from '../support/mfa.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const STEP = 30_000;

async function passwordStep(c: TestClient, s: { email: string; password: string }) {
  return c.post('/api/auth/login', { email: s.email, password: s.password });
}

describe('an administrator without a second factor', () => {
  it('gets a session restricted to enrolment: every other staff route answers 403 with a clear message', async () => {
    const admin = await createStaff(t.ctx, { role: 'admin' });
    const c = t.client();
    const res = await passwordStep(c, admin);
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({ role: 'admin', enrolmentRequired: true });
    expect((await c.session()).body.account.enrolmentRequired).toBe(true);
    const blocked = await c.get('/api/staff/families');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('mfa.enrolment_required');
    expect(blocked.body.error.message).toMatch(/seconde méthode/);
    expect((await c.get('/api/staff/staff-accounts')).status).toBe(403);
    expect((await c.get('/metrics')).status).toBe(404); // the metrics an administrator reads: not with the password alone
    const page = await c.get('/api/staff/security');
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ required: true, enrolmentOnly: true, totp: false, passkeys: [] });
  });

  it('enrols a TOTP (QR code and key), gets 10 recovery codes once, and the session becomes a full one', async () => {
    const admin = await createStaff(t.ctx, { role: 'admin' });
    const c = t.client();
    await passwordStep(c, admin);
    const start = await c.post('/api/staff/security/totp');
    expect(start.status).toBe(200);
    expect(start.body.qrSvg).toMatch(/^<svg/);
    expect(start.body.uri).toMatch(/^otpauth:\/\/totp\//);
    const wrong = await c.post('/api/staff/security/totp/confirm', { code: '000000' === totpCode(start.body.secret, t.clock) ? '111111' : '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields[0]).toMatchObject({ path: 'code', code: 'mfa.code_invalid' });
    const ok = await c.post('/api/staff/security/totp/confirm', { code: totpCode(start.body.secret, t.clock) });
    expect(ok.status).toBe(200);
    expect(ok.body.recoveryCodes).toHaveLength(10);
    expect(new Set(ok.body.recoveryCodes).size).toBe(10);
    expect((await c.get('/api/staff/families')).status).toBe(200);
    expect((await c.session()).body.account.enrolmentRequired).toBeUndefined();
    // the secret is stored encrypted, never in clear
    const row = await t.ctx.db.selectFrom('mfa_totp').select('secret').where('account_id', '=', admin.accountId).executeTakeFirstOrThrow();
    expect(row.secret).not.toContain(start.body.secret);
    expect(row.secret).toMatch(/^hd1:/);
    // a second enrolment is refused while one is confirmed
    expect((await c.post('/api/staff/security/totp')).status).toBe(409);
    // the secret, codes and challenges never reach the logs
    expect(t.logs.join('\n')).not.toContain(start.body.secret);
    expect(t.logs.join('\n')).not.toContain(ok.body.recoveryCodes[0]);
  });

  it('a password-only restricted session cannot add a factor once one exists', async () => {
    const admin = await createStaff(t.ctx, { role: 'admin' });
    const c = t.client();
    await passwordStep(c, admin);
    const d = t.client();
    await passwordStep(d, admin);
    const start = await c.post('/api/staff/security/totp');
    await c.post('/api/staff/security/totp/confirm', { code: totpCode(start.body.secret, t.clock) });
    // d's restricted session (password only) was ended when the first factor was added
    expect((await d.post('/api/staff/security/totp')).status).toBe(401);
  });
});

describe('signing in with TOTP', () => {
  it('asks for the second step after the password, without a session; the code opens one', async () => {
    const s = await createStaff(t.ctx, { role: 'agent' });
    const secret = await enrolTotp(t, s.accountId);
    const c = t.client();
    const first = await passwordStep(c, s);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ secondStep: ['totp'] });
    expect(c.cookie('pf_session')).toBeUndefined();
    expect((await c.session()).body.account).toBeNull();
    const second = await c.post('/api/auth/second-step/totp', { code: totpCode(secret, t.clock) });
    expect(second.status).toBe(200);
    expect(second.body.account).toMatchObject({ id: s.accountId, kind: 'staff' });
    expect((await c.get('/api/staff/families')).status).toBe(200);
  });

  it('accepts a code one step off (clock drift), refuses two steps off, and refuses a code used once (replay)', async () => {
    const s = await createStaff(t.ctx, { role: 'agent' });
    const secret = await enrolTotp(t, s.accountId);
    const c = t.client();
    await passwordStep(c, s);
    const old = totpCode(secret, t.clock, -2);
    const wrong = await c.post('/api/auth/second-step/totp', { code: old === totpCode(secret, t.clock) ? '123456' : old });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields[0].code).toBe('mfa.code_invalid');
    const code = totpCode(secret, t.clock, 1);
    expect((await c.post('/api/auth/second-step/totp', { code })).status).toBe(200);
    // the same code again, on another device, 20 seconds later: refused
    t.clock.advance(20_000);
    const other = t.client();
    await passwordStep(other, s);
    const replay = await other.post('/api/auth/second-step/totp', { code });
    expect(replay.status).toBe(400);
    expect(replay.body.error.fields[0].code).toBe('mfa.code_used');
    // the next step's code works
    t.clock.advance(2 * STEP);
    expect((await other.post('/api/auth/second-step/totp', { code: totpCode(secret, t.clock) })).status).toBe(200);
  });

  it('the same code posted twice at once opens one session only', async () => {
    const s = await createStaff(t.ctx, { role: 'agent' });
    const secret = await enrolTotp(t, s.accountId);
    t.clock.advance(5 * STEP);
    const devices = [t.client(), t.client(), t.client(), t.client()];
    for (const d of devices) await passwordStep(d, s);
    const code = totpCode(secret, t.clock);
    const answers = await Promise.all(devices.map((d) => d.post('/api/auth/second-step/totp', { code })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400, 400, 400]);
    const sessions = await t.ctx.db.selectFrom('session').select('id').where('account_id', '=', s.accountId).execute();
    expect(sessions).toHaveLength(1);
  });

  it('the pending login expires after 5 minutes and allows 5 tries', async () => {
    const s = await createStaff(t.ctx, { role: 'agent' });
    const secret = await enrolTotp(t, s.accountId);
    const c = t.client();
    await passwordStep(c, s);
    t.clock.advance(5 * 60_000 + 1000);
    const late = await c.post('/api/auth/second-step/totp', { code: totpCode(secret, t.clock) });
    expect(late.status).toBe(401);
    expect(late.body.error.code).toBe('mfa.second_step_expired');
    const d = t.client();
    await passwordStep(d, s);
    const bad = totpCode(secret, t.clock) === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect((await d.post('/api/auth/second-step/totp', { code: bad })).status).toBe(400);
    // five wrong codes: the pending login is spent and the account's login throttle (shared with passwords) blocks it
    const blocked = await d.post('/api/auth/second-step/totp', { code: totpCode(secret, t.clock) });
    expect([401, 429]).toContain(blocked.status);
    expect((await passwordStep(t.client(), s)).status).toBe(429);
  });

  it('expired pending logins are purged with the sessions', async () => {
    const s = await createStaff(t.ctx, { role: 'agent' });
    await enrolTotp(t, s.accountId);
    await passwordStep(t.client(), s);
    t.clock.advance(6 * 60_000);
    await purgeExpiredSessions(t.ctx);
    expect(await t.ctx.db.selectFrom('mfa_pending_login').select('id').where('account_id', '=', s.accountId).execute()).toEqual([]);
  });

  it('without the pending login (no password first), the second step is refused', async () => {
    const res = await t.client().post('/api/auth/second-step/totp', { code: '123456' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('mfa.second_step_expired');
  });
});

describe('recovery codes', () => {
  it('each code signs in once; regenerating replaces them all', async () => {
    const admin = await createStaff(t.ctx, { role: 'admin' });
    const c = t.client();
    await passwordStep(c, admin);
    const start = await c.post('/api/staff/security/totp');
    const { body } = await c.post('/api/staff/security/totp/confirm', { code: totpCode(start.body.secret, t.clock) });
    const codes: string[] = body.recoveryCodes;

    const d = t.client();
    expect((await passwordStep(d, admin)).body.secondStep).toEqual(['totp', 'recovery']);
    expect((await d.post('/api/auth/second-step/recovery', { code: codes[0].toLowerCase() })).status).toBe(200);
    const e = t.client();
    await passwordStep(e, admin);
    const again = await e.post('/api/auth/second-step/recovery', { code: codes[0] });
    expect(again.status).toBe(400);
    expect(again.body.error.fields[0].code).toBe('mfa.recovery_invalid');
    // the same unused code twice at once: one session
    const f = t.client();
    await passwordStep(f, admin);
    const answers = await Promise.all([e, f].map((x) => x.post('/api/auth/second-step/recovery', { code: codes[1] })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400]);
    expect((await c.get('/api/staff/security')).body.recoveryCodesLeft).toBe(8);

    const fresh = await c.post('/api/staff/security/recovery-codes');
    expect(fresh.body.recoveryCodes).toHaveLength(10);
    const g = t.client();
    await passwordStep(g, admin);
    expect((await g.post('/api/auth/second-step/recovery', { code: codes[2] })).status).toBe(400);
    expect((await g.post('/api/auth/second-step/recovery', { code: fresh.body.recoveryCodes[0] })).status).toBe(200);
  });
});

describe('enrolling from two devices at once', () => {
  it('two TOTP enrolments started together: only the secret stored last can be confirmed, once', async () => {
    const agent = await createStaff(t.ctx, { role: 'agent' });
    const [a, b] = [await loginAs(t, agent.accountId), await loginAs(t, agent.accountId)];
    const starts = await Promise.all([a.post('/api/staff/security/totp'), b.post('/api/staff/security/totp')]);
    expect(starts.map((r) => r.status)).toEqual([200, 200]);
    const answers = await Promise.all(
      [a, b].map((x, i) => x.post('/api/staff/security/totp/confirm', { code: totpCode(starts[i].body.secret, t.clock) })),
    );
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    expect(answers.filter((r) => r.status !== 200).every((r) => r.status === 400 || r.status === 409)).toBe(true);
    const rows = await t.ctx.db.selectFrom('mfa_recovery_code').select('code_hash').where('account_id', '=', agent.accountId).execute();
    expect(rows).toHaveLength(10);
  });
});

describe('removing factors', () => {
  it('never leaves a required account without a factor, even from two devices at once', async () => {
    const admin = await createStaff(t.ctx, { role: 'admin' });
    const secret = await enrolTotp(t, admin.accountId);
    const c = await loginAs(t, admin.accountId);
    const removed = await c.delete('/api/staff/security/totp');
    expect(removed.status).toBe(409);
    expect(removed.body.error.code).toBe('mfa.last_factor');
    // an agent for whom it is optional may remove its only factor
    const agent = await createStaff(t.ctx, { role: 'agent' });
    await enrolTotp(t, agent.accountId);
    const a = await loginAs(t, agent.accountId);
    expect((await a.delete('/api/staff/security/totp')).status).toBe(200);
    expect((await passwordStep(t.client(), agent)).body.account).toBeDefined();
    // two factors of a required account, each removed from its own device at once: one stays
    const key = await t.ctx.db
      .insertInto('mfa_passkey')
      .values({ id: 'pk-race', account_id: admin.accountId, credential_id: 'cred-race', public_key: 'x', counter: 0, transports: null, name: 'Clé', created_at: t.clock.now().toISOString(), last_used_at: null })
      .execute();
    expect(key).toBeDefined();
    const other = await loginAs(t, admin.accountId);
    const answers = await Promise.all([c.delete('/api/staff/security/totp'), other.delete('/api/staff/security/passkeys/pk-race')]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const left = await c.get('/api/staff/security');
    expect(Number(left.body.totp) + left.body.passkeys.length).toBe(1);
    expect(secret).toBeTruthy();
  });
});

describe('the administrator and colleagues’ factors', () => {
  it('sees who has which factor, requires it of one agent, resets a colleague (audited); agents may not', async () => {
    const admin = await createStaff(t.ctx, { role: 'admin' });
    const agent = await createStaff(t.ctx, { role: 'agent' });
    await enrolTotp(t, agent.accountId);
    const c = await loginAs(t, admin.accountId);
    const list = await c.get('/api/staff/staff-security');
    expect(list.status).toBe(200);
    expect(list.body.find((x: { accountId: string }) => x.accountId === agent.accountId)).toMatchObject({ totp: true, required: false, requirement: 'default' });
    expect((await c.put(`/api/staff/staff-accounts/${agent.accountId}/mfa-requirement`, { requirement: 'required' })).status).toBe(200);
    const after = (await c.get('/api/staff/staff-security')).body.find((x: { accountId: string }) => x.accountId === agent.accountId);
    expect(after).toMatchObject({ required: true, requirement: 'required' });
    const agentSession = await loginAs(t, agent.accountId);
    expect((await agentSession.get('/api/staff/staff-security')).status).toBe(403);
    expect((await agentSession.post(`/api/staff/staff-accounts/${admin.accountId}/mfa-reset`)).status).toBe(403);
    expect((await c.post(`/api/staff/staff-accounts/${agent.accountId}/mfa-reset`)).status).toBe(200);
    expect((await agentSession.get('/api/staff/families')).status).toBe(401); // every session of the agent ended
    // required and without a factor now: the next sign-in may only enrol
    const next = await passwordStep(t.client(), agent);
    expect(next.body.account.enrolmentRequired).toBe(true);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'actor_account_id']).where('target_id', '=', agent.accountId).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['mfa.requirement_set', 'mfa.reset']));
  });

  it('STAFF_MFA_AGENTS=required makes every agent without a flag enrol', async () => {
    const strict = await createTestApp({ config: { staffMfa: { admins: 'required', agents: 'required' } } });
    try {
      const agent = await createStaff(strict.ctx, { role: 'agent' });
      const res = await strict.client().post('/api/auth/login', { email: agent.email, password: agent.password });
      expect(res.body.account.enrolmentRequired).toBe(true);
    } finally {
      await strict.close();
    }
  });

  it('families are not asked for a second factor', async () => {
    const f = await createFamily(t.ctx);
    const res = await passwordStep(t.client(), f);
    expect(res.body.account).toMatchObject({ kind: 'family' });
    expect(res.body.account.enrolmentRequired).toBeUndefined();
  });

  it('the helper signs an enrolled admin in through both steps', async () => {
    const admin = await createStaff(t.ctx, { role: 'admin' });
    const secret = await enrolTotp(t, admin.accountId);
    t.clock.advance(3 * STEP);
    const c = t.client();
    await signInWithTotp(c, t.clock, admin.email, admin.password, secret);
    expect((await c.get('/api/staff/staff-accounts')).status).toBe(200);
  });
});
