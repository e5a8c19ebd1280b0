import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { TEST_PASSWORD } from '../support/factories.js';
import { DEMO_LOGINS, seedDemo } from '../../src/server/demo/seed.js';

let t: TestApp;
beforeAll(async () => {
  // Tuesday 10 November 2026, 9:00 Paris
  t = await createTestApp({ clockStart: '2026-11-10T08:00:00Z' });
  expect(await seedDemo(t.ctx, TEST_PASSWORD)).toBe(true);
});
afterAll(async () => {
  await t.close();
});

describe('demo billing', () => {
  it('shows the demo family a paid month and a month to pay, with its PDF', async () => {
    const c = t.client();
    await c.login(DEMO_LOGINS.family, TEST_PASSWORD);
    const mine = await c.get('/api/billing/account');
    expect(mine.status).toBe(200);
    const byMonth = Object.fromEntries(mine.body.invoices.map((i: any) => [i.month, i]));
    expect(Object.keys(byMonth).sort()).toEqual(['2026-09', '2026-10']);
    expect(byMonth['2026-09']).toMatchObject({ state: 'paid', balanceCents: 0, number: 'REJ-2026-000001' });
    expect(byMonth['2026-10']).toMatchObject({ state: 'unpaid', number: 'REJ-2026-000002' });
    expect(byMonth['2026-10'].totalCents).toBeGreaterThan(0);
    expect(mine.body.payments).toEqual([expect.objectContaining({ method: 'cheque', amountCents: byMonth['2026-09'].totalCents })]);
    const detail = await c.get(`/api/billing/invoices/${byMonth['2026-10'].id}`);
    const kinds = new Set(detail.body.lines.map((l: any) => l.kind));
    expect(kinds).toEqual(new Set(['attended', 'absence_justified', 'absence_unjustified']));
    expect(new Set(detail.body.lines.map((l: any) => l.activityName))).toEqual(new Set(['Accueil périscolaire', 'Restauration scolaire']));
    const pdf = await c.get(`/api/billing/invoices/${byMonth['2026-10'].id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((await c.get('/api/billing/unpaid')).body).toEqual([expect.objectContaining({ id: byMonth['2026-10'].id })]);
  });
});
