import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, PUBLIC_URL, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff } from '../support/factories.js';
import { loginAs } from '../support/login.js';

let t: TestApp;
let agent: { accountId: string; email: string };
let staff: TestClient;
beforeAll(async () => {
  t = await createTestApp({ smtp: true });
  agent = await createStaff(t.ctx, { role: 'agent' });
  staff = await loginAs(t, agent.accountId);
});
afterAll(async () => {
  await t.close();
});

async function account(id: string) {
  return t.ctx.db.selectFrom('account').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
async function auditOf(action: string, targetId: string) {
  return t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('target_id', '=', targetId).execute();
}
async function sessionsOf(accountId: string) {
  return t.ctx.db.selectFrom('session').select('id').where('account_id', '=', accountId).execute();
}

describe('GET /api/staff/accounts/pending', () => {
  it('lists the families awaiting validation, oldest first, with what is needed to decide', async () => {
    const ids: string[] = [];
    for (const lastName of ['Premier', 'Deuxième', 'Troisième']) {
      t.clock.advance(60_000);
      ids.push((await createFamily(t.ctx, { status: 'pending', lastName, postalCode: '59000', city: 'Lille' })).accountId);
    }
    await createFamily(t.ctx, { status: 'active', lastName: 'Active' });
    await createFamily(t.ctx, { status: 'rejected', lastName: 'Refusée' });

    const res = await staff.get('/api/staff/accounts/pending');
    expect(res.status).toBe(200);
    const mine = res.body.filter((s: { accountId: string }) => ids.includes(s.accountId));
    expect(mine.map((s: { accountId: string }) => s.accountId)).toEqual(ids);
    expect(res.body.every((s: { accountStatus: string }) => s.accountStatus === 'pending')).toBe(true);
    expect(mine[0]).toMatchObject({
      accountStatus: 'pending',
      guardian1Name: 'Premier Alice',
      phone: '0612345678',
      postalCode: '59000',
      city: 'Lille',
    });
    expect(mine[0].createdAt < mine[1].createdAt).toBe(true);
  });
});

describe('POST /api/staff/accounts/:accountId/validate', () => {
  it('activates the account, mails the family and writes the audit line', async () => {
    const f = await createFamily(t.ctx, { status: 'pending', lastName: 'Valide' });
    const res = await staff.post(`/api/staff/accounts/${f.accountId}/validate`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });

    const a = await account(f.accountId);
    expect(a).toMatchObject({ status: 'active', validated_by: agent.accountId, validated_at: t.clock.now().toISOString() });

    const outbox = await t.ctx.db.selectFrom('outbox').selectAll().where('to_address', '=', f.email).execute();
    expect(outbox.map((m) => [m.template, m.family_id])).toEqual([['account.validated', f.familyId]]);
    await t.deliverMail();
    const mail = t.smtp!.last(f.email);
    expect(mail.subject).toMatch(/compte famille est validé/);
    expect(mail.text).toContain('Bonjour Alice');
    expect(mail.links).toContain(`${PUBLIC_URL}/`);

    const audit = await auditOf('account.validated', f.accountId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_account_id: agent.accountId, actor_email: agent.email, family_id: f.familyId, target_type: 'account' });

    const pending = await staff.get('/api/staff/accounts/pending');
    expect(pending.body.map((s: { accountId: string }) => s.accountId)).not.toContain(f.accountId);
  });

  it('answers 409 the second time, and for an account already rejected, without a second mail', async () => {
    const f = await createFamily(t.ctx, { status: 'pending' });
    expect((await staff.post(`/api/staff/accounts/${f.accountId}/validate`)).status).toBe(200);
    const again = await staff.post(`/api/staff/accounts/${f.accountId}/validate`);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'account.not_pending', message: 'Ce compte a déjà été traité.' });
    const rejected = await createFamily(t.ctx, { status: 'rejected' });
    expect((await staff.post(`/api/staff/accounts/${rejected.accountId}/validate`)).status).toBe(409);
    expect(await t.ctx.db.selectFrom('outbox').select('id').where('to_address', 'in', [f.email, rejected.email]).execute()).toHaveLength(1);
    expect(await auditOf('account.validated', f.accountId)).toHaveLength(1);
  });

  it('answers 404 for an unknown id and for a staff account', async () => {
    expect((await staff.post('/api/staff/accounts/00000000-0000-0000-0000-000000000000/validate')).status).toBe(404);
    const other = await createStaff(t.ctx);
    const res = await staff.post(`/api/staff/accounts/${other.accountId}/validate`);
    expect(res.status).toBe(404);
    expect((await account(other.accountId)).validated_by).toBeNull();
  });

  it('lets exactly one of two simultaneous decisions win', async () => {
    const f = await createFamily(t.ctx, { status: 'pending' });
    const other = await loginAs(t, (await createStaff(t.ctx)).accountId);
    const results = await Promise.all([
      staff.post(`/api/staff/accounts/${f.accountId}/validate`),
      other.post(`/api/staff/accounts/${f.accountId}/reject`, { reason: 'Doublon' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const outbox = await t.ctx.db.selectFrom('outbox').select('template').where('to_address', '=', f.email).execute();
    expect(outbox).toHaveLength(1);
  });
});

describe('POST /api/staff/accounts/:accountId/reject', () => {
  it('rejects with the reason, signs the family out, mails the reason and audits it', async () => {
    const f = await createFamily(t.ctx, { status: 'pending', lastName: 'Refus' });
    const family = await loginAs(t, f.accountId);
    expect((await family.get('/api/family')).status).toBe(200);
    expect(await sessionsOf(f.accountId)).toHaveLength(1);

    const reason = 'Adresse hors de la commune : merci de contacter la mairie.';
    const res = await staff.post(`/api/staff/accounts/${f.accountId}/reject`, { reason: `  ${reason} ` });
    expect(res.status).toBe(200);
    expect(await account(f.accountId)).toMatchObject({ status: 'rejected', rejection_reason: reason, validated_at: null });
    expect(await sessionsOf(f.accountId)).toHaveLength(0);
    expect((await family.get('/api/family')).status).toBe(401);

    await t.deliverMail();
    const mail = t.smtp!.last(f.email);
    expect(mail.subject).toMatch(/n’a pas été acceptée/);
    expect(mail.text).toContain(`« ${reason} »`);

    const audit = await auditOf('account.rejected', f.accountId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_email: agent.email, family_id: f.familyId });
    expect(JSON.parse(audit[0].details!)).toEqual({ reason });

    const again = await staff.post(`/api/staff/accounts/${f.accountId}/reject`, { reason: 'Encore' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('account.not_pending');
    expect((await staff.post(`/api/staff/accounts/${f.accountId}/validate`)).status).toBe(409);
    expect((await account(f.accountId)).rejection_reason).toBe(reason);
  });

  it('requires a reason, in French, and changes nothing without one', async () => {
    const f = await createFamily(t.ctx, { status: 'pending' });
    const res = await staff.post(`/api/staff/accounts/${f.accountId}/reject`, { reason: '   ' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([
      { path: 'reason', code: 'required', message: 'Indiquez le motif du refus : il sera envoyé à la famille.' },
    ]);
    expect((await account(f.accountId)).status).toBe('pending');
  });

  it('answers 404 for an unknown id', async () => {
    expect((await staff.post('/api/staff/accounts/nope/reject', { reason: 'x' })).status).toBe(404);
  });
});
