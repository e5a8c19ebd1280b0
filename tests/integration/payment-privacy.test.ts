import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { createFamily, createStaff } from '../support/factories.js';
import { closeFamily } from '../../src/server/modules/privacy/privacy.service.js';
import { handleNotification, startPayment } from '../../src/server/modules/payment/payment.service.js';
import { decideDemoOperation } from '../../src/server/modules/payment/demo-bank.js';
import { publishedInvoices } from './payment-support.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('online payments when a family is closed', () => {
  it('erases the e-mail given to the provider, deletes payments that did not go through, keeps paid ones as accounting records', async () => {
    const family = await createFamily(t.ctx, { lastName: 'Clôture' });
    const staff = await createStaff(t.ctx, { role: 'admin' });
    const { invoices } = await publishedInvoices(t, family, [1000, 2000]);
    const who = { familyId: family.familyId, email: family.email };
    const paid = await startPayment(t.ctx, who, { invoiceIds: [invoices[0]!.id], totalCents: 1000 });
    const refused = await startPayment(t.ctx, who, { invoiceIds: [invoices[1]!.id], totalCents: 2000 });
    for (const [p, choice] of [[paid, 'accepted'], [refused, 'refused']] as const) {
      const opId = p.redirectUrl.split('/').pop()!;
      await decideDemoOperation(t.ctx, opId, choice);
      t.clock.advance(t.ctx.config.payment.demoBankDelayMs + 1000);
      await handleNotification(t.ctx, 'demo', opId);
    }
    const report = await closeFamily(t.ctx, { id: staff.accountId, email: staff.email }, family.familyId, 'Clôture');
    expect(report.erased).toMatchObject({ online_payment: 1, online_payment_line: 1 });
    expect(report.kept.find((k) => k.table === 'online_payment')?.rows).toBe(1);
    expect(report.kept.find((k) => k.table === 'online_payment')?.reason).toBe(
      'Paiements en ligne aboutis ou en cours : pièces comptables conservées 10 ans (adresse e-mail effacée).',
    );
    expect(report.kept.find((k) => k.table === 'invoice')?.reason).toBe('Factures publiées (et leurs avoirs) : pièces comptables conservées 10 ans, jamais modifiées.');
    const rows = await t.ctx.db.selectFrom('online_payment').selectAll().where('family_id', '=', family.familyId).execute();
    expect(rows.map((r) => [r.id, r.status, r.email])).toEqual([[paid.payment.id, 'paid', '']]);
  });
});
