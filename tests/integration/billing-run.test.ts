import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { loginAs } from '../support/login.js';
import { en } from '../../src/shared/i18n/en/index.js';
import { bookDirect, createBillingFixture, familyWith, markDirect, pdfText, runMonth, type BillingFixture } from './billing-support.js';
import { invoicePdf } from '../../src/server/modules/billing/billing.pdf.js';
import { invoiceDetail } from '../../src/server/modules/billing/billing.service.js';
import type { FamilyFixture } from '../support/factories.js';
import * as catalog from '../../src/server/modules/catalog/catalog.service.js';
import { unitInput } from '../../src/shared/booking-contracts.js';

// Monday 5 October 2026: September is over.
const START = '2026-10-05T08:00:00Z';
let t: TestApp;
let b: BillingFixture;
let A: { family: FamilyFixture; childIds: string[] };
let B: { family: FamilyFixture; childIds: string[] };
let runId: number;

beforeAll(async () => {
  t = await createTestApp({ clockStart: START });
  b = await createBillingFixture(t);
  const { matin, soir } = b.activity.units;
  A = await familyWith(t, { quotient: 600, lastName: 'Aubert', children: [{ firstName: 'Léo', birthDate: '2016-04-01' }, { firstName: 'Emma', birthDate: '2019-02-01' }] });
  B = await familyWith(t, { quotient: null, lastName: 'Bernard', postalCode: '75001', insee: '75101', children: [{ firstName: 'Zoé', birthDate: '2017-01-01' }] });
  const [leo, emma] = A.childIds;
  const early = '2026-08-20T10:00:00Z';
  const book = (f: typeof A, childId: string, unitId: string, day: string, bookedAt = early) =>
    bookDirect(t, { family: f.family, childId, activity: b.activity, unitId, day, bookedAt });
  await book(A, leo, matin, '2026-09-01');
  await book(A, leo, matin, '2026-09-02');
  await book(A, leo, matin, '2026-09-03', '2026-09-02T07:00:00Z'); // the day before: late
  await book(A, emma, matin, '2026-09-01');
  await book(A, emma, matin, '2026-09-02');
  await book(B, B.childIds[0], matin, '2026-09-07');
  await book(B, B.childIds[0], matin, '2026-09-08');
  await book(A, leo, matin, '2026-10-01'); // another month: not on September's invoice
  await markDirect(t, leo, matin, '2026-09-01', 'present');
  await markDirect(t, leo, matin, '2026-09-02', 'absent_justified');
  await markDirect(t, emma, matin, '2026-09-01', 'absent_unjustified');
  await markDirect(t, emma, matin, '2026-09-02', 'present');
  await markDirect(t, emma, soir, '2026-09-04', 'present_unbooked');
  // a unit the office invoices but nobody priced yet
  const gouter = await catalog.createUnit(t.ctx, b.agentActor, b.activity.activityId, unitInput.parse({ code: 'gouter', label: 'Goûter', position: 9, defaultCapacity: 30 }));
  await book(A, leo, gouter.id, '2026-09-01');
  await markDirect(t, leo, gouter.id, '2026-09-01', 'present');
});
afterAll(async () => {
  await t.close();
});

describe('monthly invoicing run', () => {
  it('marks attendance freely before the run', async () => {
    const r = await b.agent.put('/api/staff/booking/attendance', { unitId: b.activity.units.matin, day: '2026-09-03', childId: A.childIds[0], status: 'present' });
    expect(r.status).toBe(200);
  });

  it('refuses a month that is not over', async () => {
    const r = await b.agent.post('/api/staff/billing/runs', { officeId: b.officeId, month: '2026-10' });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('billing.month_not_over');
  });

  it('computes a draft with every line’s computation, one invoice per family, and the warnings', async () => {
    const r = await runMonth(b.agent, b.officeId, '2026-09');
    expect(r.status).toBe(202);
    runId = r.body.id;
    expect(r.body).toMatchObject({ state: 'draft', invoiceCount: 2, month: '2026-09' });
    const a = r.body.invoices.find((i: any) => i.familyId === A.family.familyId);
    expect(a.number).toBeNull();
    const lines = a.lines.map((l: any) => [l.childName, l.unitLabel, l.kind, l.days.join(','), l.quantity, l.unitPriceCents, l.amountCents]);
    expect(lines).toEqual([
      ['Emma AUBERT', 'matin', 'attended', '2026-09-02', 1, 247, 247],
      ['Emma AUBERT', 'matin', 'absence_unjustified', '2026-09-01', 1, 247, 247],
      ['Emma AUBERT', 'soir', 'unbooked_presence', '2026-09-04', 1, 747, 747],
      ['Léo AUBERT', 'matin', 'attended', '2026-09-01', 1, 275, 275],
      ['Léo AUBERT', 'matin', 'attended', '2026-09-03', 1, 413, 413],
      ['Léo AUBERT', 'matin', 'absence_justified', '2026-09-02', 1, 0, 0],
    ]);
    expect(a.totalCents).toBe(1929);
    const late = a.lines.find((l: any) => l.unitPriceCents === 413);
    expect(late.computation).toContain('Tranche 2 (QF 501 à 800), résident : 2,75 €');
    expect(late.computation).toContain('réservation tardive +50 %');
    expect(a.lines.find((l: any) => l.unitPriceCents === 247).computation).toContain('2e enfant −10 %');

    const bInv = r.body.invoices.find((i: any) => i.familyId === B.family.familyId);
    expect(bInv.totalCents).toBe(1200);
    expect(bInv.resident).toBe(false);
    expect(bInv.lines[0].computation).toContain('QF non déclaré : tranche la plus haute, non-résident : 6,00 €');

    const codes = r.body.warnings.map((w: any) => [w.code, w.familyId]);
    expect(codes).toContainEqual(['missing_quotient', B.family.familyId]);
    expect(codes).not.toContainEqual(['missing_quotient', A.family.familyId]);
    const noTariff = r.body.warnings.filter((w: any) => w.code === 'missing_tariff');
    expect(noTariff.map((w: any) => w.detail)).toEqual(['Accueil périscolaire — Goûter : 1 jour(s) non facturé(s)']);
    const notTaken = r.body.warnings.find((w: any) => w.code === 'attendance_not_taken');
    expect(notTaken.detail).toContain('07/09/2026');
    expect(notTaken.detail).toContain('08/09/2026');
    expect(notTaken.detail).not.toContain('01/09/2026');
    // an agent reading in English gets the warnings' details in English (said again from what they are made of)
    b.agent.setCookie('lang', 'en');
    const english = await b.agent.get(`/api/staff/billing/runs/${runId}`);
    b.agent.setCookie('lang', 'fr');
    const details = (code: string) => english.body.warnings.filter((w: any) => w.code === code).map((w: any) => w.detail);
    expect(details('missing_tariff')).toEqual(['Accueil périscolaire — Goûter: 1 day(s) not invoiced']);
    expect(details('missing_quotient')).toEqual([en.server.runWarning.missingQuotient]);
    expect(details('attendance_not_taken')[0]).toContain('07/09/2026');
    expect((await b.agent.get(`/api/staff/billing/runs/${runId}`)).body.warnings).toEqual(r.body.warnings);
  });

  it('locks the month’s attendance while the draft exists, not the next month', async () => {
    const locked = await b.agent.put('/api/staff/booking/attendance', { unitId: b.activity.units.matin, day: '2026-09-03', childId: A.childIds[0], status: null });
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe('billing.attendance_locked');
    const mark = await t.ctx.db.selectFrom('attendance').select('status').where('child_id', '=', A.childIds[0]).where('day', '=', '2026-09-03').executeTakeFirst();
    expect(mark?.status).toBe('present');
    const october = await b.agent.put('/api/staff/booking/attendance', { unitId: b.activity.units.matin, day: '2026-10-01', childId: A.childIds[0], status: 'present' });
    expect(october.status).toBe(200);
  });

  it('refuses a second run of the same month', async () => {
    const r = await b.agent.post('/api/staff/billing/runs', { officeId: b.officeId, month: '2026-09' });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('billing.run_exists');
  });

  it('shows nothing of a draft to the family', async () => {
    const fam = await loginAs(t, A.family.accountId);
    const r = await fam.get('/api/billing/account');
    expect(r.body.invoices).toEqual([]);
  });

  it('publishes: sequential numbers, due date, one e-mail per family; publishing twice is refused', async () => {
    const r = await b.agent.post(`/api/staff/billing/runs/${runId}/publish`);
    expect(r.status).toBe(200);
    expect(r.body.state).toBe('published');
    const numbers = r.body.invoices.map((i: any) => [i.familyName, i.number, i.issuedOn, i.dueOn]);
    expect(numbers).toEqual([
      ['AUBERT', 'R01-2026-000001', '2026-10-05', '2026-11-04'],
      ['BERNARD', 'R01-2026-000002', '2026-10-05', '2026-11-04'],
    ]);
    const mails = await t.ctx.db.selectFrom('outbox').select(['to_address', 'subject', 'text_body']).where('template', '=', 'billing.invoice_published').execute();
    expect(mails.map((m) => m.to_address).sort()).toEqual([A.family.email, B.family.email].sort());
    expect(mails.find((m) => m.to_address === A.family.email)!.text_body).toContain('19,29 €');
    const again = await b.agent.post(`/api/staff/billing/runs/${runId}/publish`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('billing.run_not_draft');
    const discard = await b.agent.post(`/api/staff/billing/runs/${runId}/discard`);
    expect(discard.status).toBe(409);
  });

  it('lists the family’s invoices, its detail; another family’s invoice is a 404 like a missing one', async () => {
    const fam = await loginAs(t, A.family.accountId);
    const list = await fam.get('/api/billing/account');
    expect(list.status).toBe(200);
    expect(list.body.invoices).toHaveLength(1);
    expect(list.body.invoices[0]).toMatchObject({ number: 'R01-2026-000001', state: 'unpaid', balanceCents: 1929 });
    expect(list.body.outstandingCents).toBe(1929);
    const mine = list.body.invoices[0].id;
    const detail = await fam.get(`/api/billing/invoices/${mine}`);
    expect(detail.status).toBe(200);
    expect(detail.body.payer.name).toContain('AUBERT');
    const theirs = (await loginAs(t, B.family.accountId)).get(`/api/billing/invoices/${mine}`);
    const missing = await fam.get('/api/billing/invoices/999999');
    expect((await theirs).status).toBe(404);
    expect((await theirs).body).toEqual(missing.body);
    const theirPdf = await (await loginAs(t, B.family.accountId)).get(`/api/billing/invoices/${mine}/pdf`);
    expect(theirPdf.status).toBe(404);
    const pdf = await fam.get(`/api/billing/invoices/${mine}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(String(pdf.body).startsWith('%PDF')).toBe(true);
    expect(pdf.headers['content-disposition']).toBe('inline; filename="facture-R01-2026-000001.pdf"');
    // downloaded from an English page (lang cookie): the English invoice
    fam.setCookie('lang', 'en');
    const english = await fam.get(`/api/billing/invoices/${mine}/pdf`);
    fam.setCookie('lang', 'fr');
    expect(english.status).toBe(200);
    expect(english.headers['content-disposition']).toBe('inline; filename="invoice-R01-2026-000001.pdf"');
    const unpaid = await fam.get('/api/billing/unpaid');
    expect(unpaid.body).toEqual([expect.objectContaining({ id: mine, number: 'R01-2026-000001', balanceCents: 1929 })]);
    // staff only
    expect((await fam.get('/api/staff/billing/invoices')).status).toBe(403);
  });

  it('renders the PDF with the city, office, payer, lines with dates, quantities, unit prices, totals, due date and how to pay', async () => {
    const inv = await invoiceDetail(t.ctx, (await t.ctx.db.selectFrom('invoice').select('id').where('reference', '=', 'R01-2026-000001').executeTakeFirstOrThrow()).id);
    const text = pdfText(await invoicePdf(inv, t.ctx.config.city, { compress: false }));
    for (const s of [
      t.ctx.config.city.name,
      'Régie : Régie enfance (R01)',
      'Facture n° R01-2026-000001',
      'Prestations de septembre 2026',
      'AUBERT',
      'Emma AUBERT — Accueil périscolaire',
      'Léo AUBERT — Accueil périscolaire',
      'matin — Présence sans réservation'.replace('matin', 'soir'),
      '01/09/2026',
      '03/09/2026',
      '4,13 €',
      '7,47 €',
      'Total de la facture',
      '19,29 €',
      'Reste à payer',
      'à régler avant le 04/11/2026',
      'Comment payer',
      'Chèque à l’ordre du Trésor public, ou en ligne.',
    ])
      expect(text).toContain(s);
  });

  it('renders the PDF in English when asked (words from the « pdf » and « labels » catalogues, euros and months in English)', async () => {
    const inv = await invoiceDetail(t.ctx, (await t.ctx.db.selectFrom('invoice').select('id').where('reference', '=', 'R01-2026-000001').executeTakeFirstOrThrow()).id);
    const text = pdfText(await invoicePdf(inv, t.ctx.config.city, { compress: false, language: 'en' }));
    for (const s of ['Billing office: Régie enfance (R01)', 'Invoice no. R01-2026-000001', 'Services for September 2026', 'Invoice total', '€19.29', 'Balance due', 'due by 04/11/2026', 'How to pay'])
      expect(text).toContain(s);
    expect(text).toContain(`soir — ${en.labels.lineKind.unbooked_presence}`);
    for (const s of ['Facture', 'Reste à payer', 'Prestations de']) expect(text).not.toContain(s);
  });

  it('exports the invoices as CSV', async () => {
    const r = await b.agent.get(`/api/staff/billing/invoices.csv?month=2026-09`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('text/csv');
    const rows = String(r.body).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toContain('"R01-2026-000001"');
    expect(rows[1]).toContain('"19,29"');
  });
});
