/**
 * « Paiement à la réservation » (issue 13) with PayFiP (the fake of tests/support/fake-payfip.ts): a held basket paid
 * through creerPaiementSecurise, the notification (idop only) asks recupererDetailPaiementSecurise and confirms the
 * basket; the same notification twice changes nothing (idempotent). SQLite and PostgreSQL (TEST_DATABASE_URL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { createFamily } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { FakePayfip } from '../support/fake-payfip.js';
import { childOf, reserve } from './booking-support.js';
import { DAY_PRICE, payAtBookingActivity } from './pay-at-booking-support.js';

let t: TestApp;
let payfip: FakePayfip;

beforeAll(async () => {
  payfip = new FakePayfip();
  const wsUrl = await payfip.start();
  t = await createTestApp({
    clockStart: '2026-12-10T09:00:00Z',
    config: { payment: { provider: 'payfip', payfip: { numcli: '012345', wsUrl, paymentUrl: 'https://payfip.test/tpa/paiementws.web', saisie: 'T' }, demoBankDelayMs: 4000 } },
  });
});
afterAll(async () => {
  await t.close();
  await payfip.stop();
});

const notify = (idOp: string) =>
  t.app.inject({ method: 'POST', url: '/api/payments/notify/payfip', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `idop=${encodeURIComponent(idOp)}` });

describe('pay at booking with PayFiP', () => {
  it('pays the basket at PayFiP; the notification confirms it once', async () => {
    const fx = await payAtBookingActivity(t);
    const family = await createFamily(t.ctx, { status: 'active' });
    const client = await loginAs(t, family.accountId);
    const childId = await childOf(t, family);
    await reserve(client, { childId, activityId: fx.activityId, periodId: fx.periodId, changes: ['2026-12-14', '2026-12-15'].map((day) => ({ day, unitId: fx.units.journee!, action: 'book' as const })) });
    const [b] = (await client.get('/api/baskets')).body;
    const started = await client.post(`/api/baskets/${b.id}/payment`, {});
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body.redirectUrl.startsWith('https://payfip.test/tpa/paiementws.web')).toBe(true);
    expect(started.body.payment.amountCents).toBe(2 * DAY_PRICE);
    const idOp = new URL(started.body.redirectUrl).searchParams.get('idop')!;
    payfip.decide(idOp, 'P');
    expect((await notify(idOp)).statusCode).toBe(200);
    expect((await notify(idOp)).statusCode).toBe(200);
    const after = (await client.get(`/api/baskets/${b.id}`)).body;
    expect(after.state).toBe('paid');
    const ledger = await t.ctx.db.selectFrom('payment').select('amount_cents').where('family_id', '=', family.familyId).execute();
    expect(ledger).toEqual([{ amount_cents: 2 * DAY_PRICE }]);
    const inv = await t.ctx.db.selectFrom('invoice').select(['paid_cents', 'total_cents']).where('id', '=', b.invoiceId).executeTakeFirstOrThrow();
    expect(inv.paid_cents).toBe(inv.total_cents);
  });
});
