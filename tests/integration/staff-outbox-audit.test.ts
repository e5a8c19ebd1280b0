import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, PUBLIC_URL, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { MAX_MAIL_ATTEMPTS } from '../../src/server/modules/mail/mail.service.js';

let t: TestApp;
let admin: { accountId: string; email: string };
let adminClient: TestClient;
let agentClient: TestClient;
let agentId: string;
beforeAll(async () => {
  t = await createTestApp({ smtp: true });
  admin = await createStaff(t.ctx, { role: 'admin' });
  agentId = (await createStaff(t.ctx, { role: 'agent' })).accountId;
});
/** Fresh sessions: some tests move the clock past the idle timeout. */
async function signIn() {
  adminClient = await loginAs(t, admin.accountId);
  agentClient = await loginAs(t, agentId);
}
beforeEach(signIn);
afterAll(async () => {
  await t.close();
});

/** Validates a pending family through the API, which queues one mail to it. */
async function validatedFamily() {
  const f = await createFamily(t.ctx, { status: 'pending' });
  expect((await agentClient.post(`/api/staff/accounts/${f.accountId}/validate`)).status).toBe(200);
  const row = await t.ctx.db.selectFrom('outbox').select('id').where('to_address', '=', f.email).executeTakeFirstOrThrow();
  return { ...f, messageId: row.id };
}

describe('GET /api/staff/outbox', () => {
  it('lists mails newest first, and pages with before=', async () => {
    const a = await validatedFamily();
    const b = await validatedFamily();
    const res = await adminClient.get('/api/staff/outbox');
    expect(res.status).toBe(200);
    const ids = res.body.map((m: { id: number }) => m.id);
    expect(ids.indexOf(b.messageId)).toBeLessThan(ids.indexOf(a.messageId));
    expect(res.body.find((m: { id: number }) => m.id === b.messageId)).toMatchObject({
      template: 'account.validated',
      toAddress: b.email,
      status: 'pending',
      attempts: 0,
      lastError: null,
      sentAt: null,
    });
    expect(res.body[0]).not.toHaveProperty('textBody');
    const older = await adminClient.get(`/api/staff/outbox?before=${b.messageId}`);
    expect(older.body.every((m: { id: number }) => m.id < b.messageId)).toBe(true);
    expect(older.body.map((m: { id: number }) => m.id)).toContain(a.messageId);
  });

  it('is for admins only', async () => {
    expect((await agentClient.get('/api/staff/outbox')).status).toBe(403);
  });
});

describe('GET /api/staff/outbox/:messageId', () => {
  it('shows the whole message and writes who read it to the audit log', async () => {
    const f = await validatedFamily();
    const res = await adminClient.get(`/api/staff/outbox/${f.messageId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: f.messageId, template: 'account.validated', toAddress: f.email });
    expect(res.body.textBody).toContain(`${PUBLIC_URL}/`);
    expect(res.body.htmlBody).toContain('<html');
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'outbox.read')
      .where('target_id', '=', String(f.messageId))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_account_id: admin.accountId, actor_email: admin.email, target_type: 'outbox' });
  });

  it('answers 404 for an unknown message and 400 for a malformed id', async () => {
    expect((await adminClient.get('/api/staff/outbox/999999')).status).toBe(404);
    expect((await adminClient.get('/api/staff/outbox/abc')).status).toBe(400);
  });
});

describe('POST /api/staff/outbox/:messageId/retry', () => {
  it('puts a mail that failed every attempt back in the queue, and it is then delivered', async () => {
    await validatedFamily();
    await t.deliverMail(); // earlier mails out of the way
    const others = await t.ctx.db.selectFrom('outbox').select('id').where('status', '=', 'pending').execute();
    expect(others).toEqual([]);

    const g = await validatedFamily();
    t.smtp!.failNext(MAX_MAIL_ATTEMPTS);
    for (let i = 0; i < MAX_MAIL_ATTEMPTS; i++) {
      await t.deliverMail();
      t.clock.advance(3_600_000);
    }
    await signIn();
    const row = await adminClient.get(`/api/staff/outbox/${g.messageId}`);
    expect(row.body).toMatchObject({ status: 'failed', attempts: MAX_MAIL_ATTEMPTS });
    expect(row.body.lastError).toBeTruthy();
    expect(t.smtp!.to(g.email)).toHaveLength(0);

    const res = await adminClient.post(`/api/staff/outbox/${g.messageId}/retry`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
    expect((await adminClient.get(`/api/staff/outbox/${g.messageId}`)).body).toMatchObject({ status: 'pending', attempts: 0 });
    await t.deliverMail();
    expect(t.smtp!.last(g.email).subject).toMatch(/validé/);
    expect((await adminClient.get(`/api/staff/outbox/${g.messageId}`)).body.status).toBe('sent');

    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'outbox.retried')
      .where('target_id', '=', String(g.messageId))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_email).toBe(admin.email);
  });

  it('answers 409 for a mail already sent or still queued, and 404 for an unknown one', async () => {
    const f = await validatedFamily();
    const queued = await adminClient.post(`/api/staff/outbox/${f.messageId}/retry`);
    expect(queued.status).toBe(409);
    expect(queued.body.error.code).toBe('outbox.not_retryable');
    await t.deliverMail();
    expect((await adminClient.post(`/api/staff/outbox/${f.messageId}/retry`)).status).toBe(409);
    expect(t.smtp!.to(f.email)).toHaveLength(1);
    expect((await adminClient.post('/api/staff/outbox/999999/retry')).status).toBe(404);
  });

  it('is for admins only', async () => {
    const f = await validatedFamily();
    expect((await agentClient.post(`/api/staff/outbox/${f.messageId}/retry`)).status).toBe(403);
  });
});

describe('GET /api/staff/audit', () => {
  it('lists a family’s audit lines, newest first, with who did what', async () => {
    const f = await createFamily(t.ctx, { status: 'pending' });
    const agent = await createStaff(t.ctx, { role: 'agent' });
    const agentC = await loginAs(t, agent.accountId);
    await agentC.post(`/api/staff/accounts/${f.accountId}/validate`);
    await agentC.get(`/api/staff/families/${f.familyId}`);
    const res = await adminClient.get(`/api/staff/audit?familyId=${f.familyId}`);
    expect(res.status).toBe(200);
    expect(res.body.map((e: { action: string }) => e.action)).toEqual(['family.viewed', 'account.validated']);
    expect(res.body[1]).toMatchObject({
      actorEmail: agent.email,
      familyId: f.familyId,
      targetType: 'account',
      targetId: f.accountId,
      details: null,
      at: expect.any(String),
    });
    const older = await adminClient.get(`/api/staff/audit?familyId=${f.familyId}&before=${res.body[0].id}`);
    expect(older.body.map((e: { action: string }) => e.action)).toEqual(['account.validated']);
  });

  it('is for admins only', async () => {
    expect((await agentClient.get('/api/staff/audit')).status).toBe(403);
  });
});
