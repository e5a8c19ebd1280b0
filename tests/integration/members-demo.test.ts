import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { TEST_PASSWORD } from '../support/factories.js';
import { DEMO_LOGINS, demoLoginLines, seedDemo } from '../../src/server/demo/seed.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('demo data: a family with two guardians, two logins (issue 11)', () => {
  it('the validated demo family has a second login, guardian 2, allowed to book only; the start banner prints it', async () => {
    expect(await seedDemo(t.ctx, TEST_PASSWORD)).toBe(true);
    const second = t.client();
    await second.login(DEMO_LOGINS.secondGuardian, TEST_PASSWORD);
    const session = await second.get('/api/session');
    expect(session.body.account).toMatchObject({ email: DEMO_LOGINS.secondGuardian, status: 'active', member: { role: 'member', guardianRank: 2, canBook: true, canPay: false, canEdit: false } });
    const members = (await second.get('/api/family/members')).body.members;
    expect(members.map((m: any) => [m.email, m.role])).toEqual([
      [DEMO_LOGINS.family, 'holder'],
      [DEMO_LOGINS.secondGuardian, 'member'],
    ]);
    // sees the invoices, cannot pay them nor edit the record
    expect((await second.get('/api/billing/account')).status).toBe(200);
    expect((await second.post('/api/payments', { invoiceIds: [1], totalCents: 100 })).body.error.code).toBe('member.right_missing_pay');
    expect((await second.put('/api/family', {})).body.error.code).toBe('member.right_missing_edit');
    expect(demoLoginLines('x').join('\n')).toContain(DEMO_LOGINS.secondGuardian);
  });
});
