/**
 * Statistics for the CAF and the city (issue 15, docs/statistics.md): every figure of the page and of the exports
 * checked against a small dataset counted by hand (below), on SQLite and on PostgreSQL (TEST_DATABASE_URL).
 *
 * Durations: matin 1.5 h, soir 2.3 h → 2.25 h (rounded to the quarter hour), any other unit 8 h (the default).
 * Activity « Accueil périscolaire » (units matin, soir; office resident 59560 / 59152); September 2026 (Tue 1 … ).
 *   A (resident, QF 600 → band « 501–800 »): Léo (born 2016, six or older), Emma (born 2020-09-03: six on the 3rd)
 *   B (not resident, QF unknown): Zoé (born 2021, under six)
 *   C (resident, QF 1 500 → band « 1 201 and over »): Tom (born 2018)
 *   Bookings (accepted): Léo matin 1, 2, 3 and 1 Oct, soir 1; Emma matin 1, 2, 3, 4; Zoé matin 7, 8; Tom soir 7;
 *   Tom matin 8 on the waiting list (recorded by an agent). Marks: Léo matin 1 P, 2 AJ, 3 P, soir 1 P;
 *   Emma matin 1 ANJ, 2 P, 3 P, 4 none, soir 4 present without booking; Zoé matin 7 P, 8 ANJ; Tom soir 7 P.
 * Second activity « Centre de loisirs » (other establishment, no office), unit journee: Zoé 2 Sep booked, present.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../support/app.js';
import { loginAs } from '../support/login.js';
import { bookDirect, createBillingFixture, familyWith, markDirect, pdfText, runMonth, type BillingFixture } from './billing-support.js';
import { createActivityFixture, type ActivityFixture } from './booking-support.js';
import type { FamilyFixture } from '../support/factories.js';
import { applyPayment } from '../../src/server/modules/billing/billing.payments.js';
import { hoursReport } from '../../src/server/modules/stats/stats.service.js';
import { hoursPdf } from '../../src/server/modules/stats/stats.export.js';

const START = '2026-10-05T08:00:00Z';
let t: TestApp;
let b: BillingFixture;
let loisirs: ActivityFixture;
let A: { family: FamilyFixture; childIds: string[] };
let B: { family: FamilyFixture; childIds: string[] };
let C: { family: FamilyFixture; childIds: string[] };
const SEP = { from: '2026-09-01', to: '2026-09-30' };
const ALL = { from: '2026-08-01', to: '2026-10-31' };

beforeAll(async () => {
  t = await createTestApp({ clockStart: START, config: { statsUnitHours: 'matin=1.5, soir=2.3', statsDefaultUnitHours: 8 } });
  b = await createBillingFixture(t);
  loisirs = await createActivityFixture(t, { units: { journee: 10 }, activity: { name: 'Centre de loisirs' }, period: { startDay: '2026-08-01', endDay: '2026-10-31' } });
  const { matin, soir } = b.activity.units;
  A = await familyWith(t, { quotient: 600, lastName: 'Aubert', children: [{ firstName: 'Léo', birthDate: '2016-04-01' }, { firstName: 'Emma', birthDate: '2020-09-03' }] });
  B = await familyWith(t, { quotient: null, lastName: 'Bernard', postalCode: '75001', insee: '75101', children: [{ firstName: 'Zoé', birthDate: '2021-01-01' }] });
  C = await familyWith(t, { quotient: 1500, lastName: 'Colin', children: [{ firstName: 'Tom', birthDate: '2018-05-05' }] });
  const [leo, emma] = A.childIds;
  const zoe = B.childIds[0]!;
  const tom = C.childIds[0]!;
  const book = (f: typeof A, childId: string, unitId: string, day: string, activity = b.activity) =>
    bookDirect(t, { family: f.family, childId, activity, unitId, day, bookedAt: '2026-08-20T10:00:00Z' });
  for (const d of ['01', '02', '03']) await book(A, leo!, matin!, `2026-09-${d}`);
  await book(A, leo!, matin!, '2026-10-01');
  await book(A, leo!, soir!, '2026-09-01');
  for (const d of ['01', '02', '03', '04']) await book(A, emma!, matin!, `2026-09-${d}`);
  await book(B, zoe, matin!, '2026-09-07');
  await book(B, zoe, matin!, '2026-09-08');
  await book(C, tom, soir!, '2026-09-07');
  await book(B, zoe, loisirs.units.journee!, '2026-09-02', loisirs);
  // Tom on the waiting list for matin on the 8th, recorded by an agent
  const r = await t.ctx.db
    .insertInto('reservation')
    .values({ family_id: C.family.familyId, child_id: tom, activity_id: b.activity.activityId, period_id: b.activity.periodId, kind: 'booking', idempotency_key: randomUUID(), request_hash: 'test', account_id: b.agentActor.id, created_at: '2026-08-25T09:00:00Z' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const line = await t.ctx.db
    .insertInto('reservation_line')
    .values({ reservation_id: r.id, unit_id: matin!, day: '2026-09-08', action: 'book', state: 'waitlisted', reason: null, decided_at: null, decided_by: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.ctx.db
    .insertInto('booking')
    .values({ family_id: C.family.familyId, child_id: tom, activity_id: b.activity.activityId, unit_id: matin!, day: '2026-09-08', state: 'waitlisted', line_id: line.id, cancel_line_id: null, created_at: '2026-08-25T09:00:00Z', updated_at: '2026-08-25T09:00:00Z' })
    .execute();
  // the capacity counters, as the booking engine keeps them (matin on the 8th: 1 place, taken)
  const counters: [string, string, number, number][] = [
    [matin!, '2026-09-01', 2, 50],
    [matin!, '2026-09-02', 2, 50],
    [matin!, '2026-09-03', 2, 50],
    [matin!, '2026-09-04', 1, 50],
    [matin!, '2026-09-07', 1, 50],
    [matin!, '2026-09-08', 1, 1],
    [soir!, '2026-09-01', 1, 50],
    [soir!, '2026-09-07', 1, 50],
    [loisirs.units.journee!, '2026-09-02', 1, 10],
  ];
  for (const [unit_id, day, booked, capacity] of counters)
    await t.ctx.db.insertInto('unit_day').values({ unit_id, day, booked, capacity, overridden: capacity === 50 || capacity === 10 ? 0 : 1 }).execute();
  await markDirect(t, leo!, matin!, '2026-09-01', 'present');
  await markDirect(t, leo!, matin!, '2026-09-02', 'absent_justified');
  await markDirect(t, leo!, matin!, '2026-09-03', 'present');
  await markDirect(t, leo!, soir!, '2026-09-01', 'present');
  await markDirect(t, emma!, matin!, '2026-09-01', 'absent_unjustified');
  await markDirect(t, emma!, matin!, '2026-09-02', 'present');
  await markDirect(t, emma!, matin!, '2026-09-03', 'present');
  await markDirect(t, emma!, soir!, '2026-09-04', 'present_unbooked');
  await markDirect(t, zoe, matin!, '2026-09-07', 'present');
  await markDirect(t, zoe, matin!, '2026-09-08', 'absent_unjustified');
  await markDirect(t, tom, soir!, '2026-09-07', 'present');
  await markDirect(t, zoe, loisirs.units.journee!, '2026-09-02', 'present');

  // September invoiced and published; a credit note, three payments (one online)
  const run = await runMonth(b.agent, b.officeId, '2026-09');
  if (run.body.state !== 'draft') throw new Error(JSON.stringify(run.body));
  const pub = await b.agent.post(`/api/staff/billing/runs/${run.body.id}/publish`);
  if (pub.status !== 200) throw new Error(JSON.stringify(pub.body));
  const invoices = await t.ctx.db.selectFrom('invoice').select(['id', 'family_id', 'total_cents']).execute();
  const inv = (f: typeof A) => invoices.find((i) => i.family_id === f.family.familyId)!;
  const credit = await b.agent.post(`/api/staff/billing/invoices/${inv(A).id}/credit-notes`, { amountCents: 200, reason: 'Erreur de pointage' });
  if (credit.status !== 201) throw new Error(JSON.stringify(credit.body));
  for (const [f, method, amount] of [
    [A, 'cheque', 1000],
    [B, 'cash', 200],
  ] as const) {
    const p = await b.agent.post('/api/staff/billing/payments', { familyId: f.family.familyId, method, amountCents: amount, reference: null, receivedOn: '2026-10-05', allocations: [{ invoiceId: inv(f).id, amountCents: amount }] });
    if (p.status !== 201) throw new Error(JSON.stringify(p.body));
  }
  await t.ctx.db.transaction().execute((trx) => applyPayment(trx, t.ctx, { familyId: C.family.familyId, allocations: [{ invoiceId: inv(C).id, amountCents: 455 }], method: 'online', reference: 'TX-1', receivedOn: '2026-10-05' }));
});
afterAll(async () => {
  await t?.close();
});

const q = (o: Record<string, string>) => new URLSearchParams(o).toString();
/** A staff download as bytes (the test client reads bodies as text), in a language. */
async function download(url: string, lang: 'fr' | 'en' = 'fr') {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const cookie = `${(b.agent as any).cookieHeader()}; lang=${lang}`;
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
  return { status: res.statusCode, headers: res.headers, raw: res.rawPayload, text: res.body };
}

describe('hours of presence (actes), counted by hand', () => {
  it('gives each line by unit, month, age band on the day, residence and quotient band, as booked, invoiced and attended', async () => {
    const r = await b.agent.get(`/api/staff/stats/hours?${q({ ...SEP, activityId: b.activity.activityId })}`);
    expect(r.status).toBe(200);
    const rows = r.body.rows.map((x: any) => [x.unitLabel, x.month, x.ageBand, x.residence, x.quotientBand, x.bookedDays, x.invoicedDays, x.attendedDays, x.bookedHours, x.invoicedHours, x.attendedHours]);
    expect(rows).toEqual([
      ['matin', '2026-09', 'under6', 'resident', 1, 2, 2, 1, 3, 3, 1.5],
      ['matin', '2026-09', 'under6', 'non_resident', -1, 2, 2, 1, 3, 3, 1.5],
      ['matin', '2026-09', 'from6', 'resident', 1, 5, 4, 3, 7.5, 6, 4.5],
      ['soir', '2026-09', 'from6', 'resident', 1, 1, 2, 2, 2.25, 4.5, 4.5],
      ['soir', '2026-09', 'from6', 'resident', 3, 1, 1, 1, 2.25, 2.25, 2.25],
    ]);
    expect(r.body.total).toEqual({
      bookedDays: 11,
      invoicedDays: 11,
      attendedDays: 8,
      bookedHours: 18,
      invoicedHours: 18.75,
      attendedHours: 14.25,
      bookedHoursRounded: 18,
      invoicedHoursRounded: 19,
      attendedHoursRounded: 14,
    });
    expect(r.body.byActivityMonth).toEqual([{ activityId: b.activity.activityId, activityName: 'Accueil périscolaire', month: '2026-09', ...r.body.total }]);
    expect(r.body.quotientBands).toEqual([
      { index: -1, min: null, max: null },
      { index: 0, min: 0, max: 500 },
      { index: 1, min: 501, max: 800 },
      { index: 2, min: 801, max: 1200 },
      { index: 3, min: 1201, max: null },
    ]);
    expect(r.body.durations.map((d: any) => [d.unitLabel, d.hours, d.configured])).toEqual([
      ['matin', 1.5, true],
      ['soir', 2.25, true],
    ]);
  });

  it('counts every activity without a filter, the default duration for a unit without one, and the period asked', async () => {
    const sep = await b.agent.get(`/api/staff/stats/hours?${q(SEP)}`);
    expect(sep.body.total).toMatchObject({ bookedDays: 12, invoicedDays: 11, attendedDays: 9, bookedHours: 26, invoicedHours: 18.75, attendedHours: 22.25, attendedHoursRounded: 22 });
    expect(sep.body.rows.filter((x: any) => x.activityName === 'Centre de loisirs')).toEqual([
      expect.objectContaining({ unitLabel: 'journee', ageBand: 'under6', residence: 'non_resident', quotientBand: -1, bookedDays: 1, invoicedDays: 0, attendedDays: 1, bookedHours: 8, attendedHours: 8 }),
    ]);
    expect(sep.body.durations.find((d: any) => d.unitLabel === 'journee')).toMatchObject({ hours: 8, configured: false });
    // August to October: Léo's 1 October is booked too (not invoiced, not marked)
    const all = await b.agent.get(`/api/staff/stats/hours?${q({ ...ALL, activityId: b.activity.activityId })}`);
    expect(all.body.total).toMatchObject({ bookedDays: 12, bookedHours: 19.5, invoicedDays: 11, attendedDays: 8 });
    expect(all.body.byActivityMonth.map((x: any) => [x.month, x.bookedDays])).toEqual([
      ['2026-09', 11],
      ['2026-10', 1],
    ]);
    // an establishment: only its activities
    const est = await b.agent.get(`/api/staff/stats/hours?${q({ ...SEP, establishmentId: loisirs.establishmentId })}`);
    expect(est.body.total).toMatchObject({ bookedDays: 1, invoicedDays: 0, attendedDays: 1, bookedHours: 8 });
  });

  it('groups by the quotient bands asked', async () => {
    const r = await b.agent.get(`/api/staff/stats/hours?${q({ ...SEP, activityId: b.activity.activityId, quotientBands: '700' })}`);
    expect(r.status).toBe(200);
    const bands = r.body.rows.map((x: any) => [x.unitLabel, x.ageBand, x.quotientBand, x.bookedDays]);
    expect(bands).toEqual([
      ['matin', 'under6', 0, 2],
      ['matin', 'under6', -1, 2],
      ['matin', 'from6', 0, 5],
      ['soir', 'from6', 0, 1],
      ['soir', 'from6', 1, 1],
    ]);
  });
});

describe('the page’s figures, counted by hand', () => {
  it('occupancy per week and unit, waiting lists, absences on booked days', async () => {
    const r = await b.agent.get(`/api/staff/stats/overview?${q({ ...SEP, activityId: b.activity.activityId })}`);
    expect(r.status).toBe(200);
    const { matin, soir } = b.activity.units;
    const name = (id: string) => (id === matin ? 'matin' : id === soir ? 'soir' : id);
    const occupancy = Object.fromEntries(r.body.occupancy.map((o: any) => [`${o.week} ${name(o.unitId)}`, [o.booked, o.capacity, o.days]]));
    expect(occupancy).toEqual({
      '2026-08-31 matin': [7, 200, 4],
      '2026-08-31 soir': [1, 50, 1],
      '2026-09-07 matin': [2, 51, 2],
      '2026-09-07 soir': [1, 50, 1],
    });
    expect(r.body.waiting.map((w: any) => [w.week, name(w.unitId), w.waiting])).toEqual([['2026-09-07', 'matin', 1]]);
    const shows = Object.fromEntries(r.body.noShows.map((n: any) => [`${n.week} ${name(n.unitId)}`, [n.booked, n.absentJustified, n.absentUnjustified, n.unmarked]]));
    expect(shows).toEqual({
      '2026-08-31 matin': [7, 1, 1, 1],
      '2026-08-31 soir': [1, 0, 0, 0],
      '2026-09-07 matin': [2, 0, 1, 0],
      '2026-09-07 soir': [1, 0, 0, 0],
    });
    // the page's hours summary is the exports' total
    expect(r.body.hours.total).toEqual({
      bookedDays: 11,
      invoicedDays: 11,
      attendedDays: 8,
      bookedHours: 18,
      invoicedHours: 18.75,
      attendedHours: 14.25,
      bookedHoursRounded: 18,
      invoicedHoursRounded: 19,
      attendedHoursRounded: 14,
    });
    expect(r.body.hours.rows).toEqual([]);
  });

  it('revenue per month, payment methods, share of online bookings and payments', async () => {
    const r = await b.agent.get(`/api/staff/stats/overview?${q(ALL)}`);
    expect(r.status).toBe(200);
    // A: Léo 2 × 2.75 + 2.75 (soir) = 8.25 €; Emma (second child, −10 %: 2.47) 3 + 1 unjustified + presence without
    // booking (2.47 + 5) = 17.35 € → 25.60 €; B (no quotient, not resident: 6 €) 2 days → 12 €; C (4.55 €) 1 → 4.55 €
    expect(r.body.revenue).toEqual([
      { month: '2026-08', invoicedCents: 0, creditedCents: 0, collectedCents: 0 },
      { month: '2026-09', invoicedCents: 4215, creditedCents: 0, collectedCents: 0 },
      { month: '2026-10', invoicedCents: 0, creditedCents: 200, collectedCents: 1655 },
    ]);
    expect(r.body.paymentMethods).toEqual([
      { method: 'cheque', count: 1, amountCents: 1000 },
      { method: 'online', count: 1, amountCents: 455 },
      { method: 'cash', count: 1, amountCents: 200 },
    ]);
    expect(r.body.online).toEqual([
      { month: '2026-08', reservationsOnline: 13, reservationsStaff: 1, paymentsOnline: 0, paymentsOther: 0, paymentsOnlineCents: 0, paymentsOtherCents: 0 },
      { month: '2026-09', reservationsOnline: 0, reservationsStaff: 0, paymentsOnline: 0, paymentsOther: 0, paymentsOnlineCents: 0, paymentsOtherCents: 0 },
      { month: '2026-10', reservationsOnline: 0, reservationsStaff: 0, paymentsOnline: 1, paymentsOther: 2, paymentsOnlineCents: 455, paymentsOtherCents: 1200 },
    ]);
    // an activity no office invoices: no revenue, no payments; its own reservation
    const l = await b.agent.get(`/api/staff/stats/overview?${q({ ...ALL, activityId: loisirs.activityId })}`);
    expect(l.body.revenue.every((m: any) => m.invoicedCents === 0 && m.collectedCents === 0)).toBe(true);
    expect(l.body.paymentMethods).toEqual([]);
    expect(l.body.online[0]).toMatchObject({ month: '2026-08', reservationsOnline: 1, reservationsStaff: 0 });
  });
});

describe('exports', () => {
  it('CSV in French: BOM, « ; », decimal comma, one line per group and the total', async () => {
    const r = await download(`/api/staff/stats/hours.csv?${q({ ...SEP, activityId: b.activity.activityId })}`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('text/csv');
    expect(String(r.headers['content-disposition'])).toContain('statistiques-2026-09-01-2026-09-30.csv');
    const text = r.text;
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trim().split('\r\n').map((l) => l.split(';').map((c) => c.replace(/^"|"$/g, '')));
    expect(lines[0]!.slice(0, 7)).toEqual(['Activité', 'Unité', 'Mois', 'Tranche d’âge', 'Résidence', 'Tranche de quotient', 'Durée de l’unité (h)']);
    expect(lines).toHaveLength(1 + 5 + 1);
    expect(lines[1]).toEqual(['Accueil périscolaire', 'matin', '2026-09', 'Moins de 6 ans', 'Commune', 'QF de 501 à 800', '1,50', '2', '2', '1', '3,00', '3,00', '1,50', '', '', '']);
    expect(lines[2]!.slice(3, 6)).toEqual(['Moins de 6 ans', 'Hors commune', 'QF inconnu']);
    expect(lines[5]!.slice(5, 7)).toEqual(['QF de 1201 et plus', '2,25']);
    expect(lines[6]).toEqual(['Total', '', '', '', '', '', '', '11', '11', '8', '18,00', '18,75', '14,25', '18', '19', '14']);
  });

  it('CSV in English: « , » and a decimal point', async () => {
    const r = await download(`/api/staff/stats/hours.csv?${q({ ...SEP, activityId: b.activity.activityId })}`, 'en');
    expect(r.status).toBe(200);
    const lines = r.text.slice(1).trim().split('\r\n');
    expect(lines[0]).toContain('"Activity","Unit","Month","Age band"');
    expect(lines.at(-1)).toBe('"Total","","","","","","","11","11","8","18.00","18.75","14.25","18","19","14"');
  });

  it('the spreadsheet opens back with exceljs: numbers as numbers, the total, the rules', async () => {
    const r = await download(`/api/staff/stats/hours.xlsx?${q({ ...SEP, activityId: b.activity.activityId })}`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.raw as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Heures détaillées', 'Par activité et mois', 'Règles']);
    const detail = wb.getWorksheet('Heures détaillées')!;
    expect(detail.rowCount).toBe(7);
    expect(detail.getRow(4).getCell(11).value).toBe(7.5);
    expect(detail.getRow(7).values).toEqual([undefined, 'Total', undefined, undefined, undefined, undefined, undefined, undefined, 11, 11, 8, 18, 18.75, 14.25, 18, 19, 14]);
    const months = wb.getWorksheet('Par activité et mois')!;
    expect(months.getRow(2).getCell(1).value).toBe('Accueil périscolaire');
    expect(months.getRow(2).getCell(10).value).toBe(19);
    const rules = wb.getWorksheet('Règles')!;
    const ruleText = rules.getColumn(2).values.join('\n');
    expect(ruleText).toContain('arrondie au quart d’heure');
    expect(ruleText).toContain('1,50 h');
  });

  it('the PDF summary: %PDF, the totals as declared and exact, the rules', async () => {
    const r = await download(`/api/staff/stats/summary.pdf?${q({ ...SEP, activityId: b.activity.activityId })}`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.raw.subarray(0, 5).toString()).toBe('%PDF-');
    const report = await hoursReport(t.ctx, { ...SEP, activityId: b.activity.activityId });
    const text = pdfText(await hoursPdf(report, t.ctx.config.city, { language: 'fr', scope: 'Accueil périscolaire', madeOn: '2026-10-05', compress: false }));
    expect(text).toContain('Heures réservées : 18 h · facturées : 19 h · réalisées : 14 h');
    expect(text).toContain('Valeurs exactes : 18,00 h · 18,75 h · 14,25 h');
    expect(text).toContain('Moins de 6 ans');
    expect(text).toContain('Période : du 01/09/2026 au 30/09/2026');
  });
});

describe('who may see them, and bad filters', () => {
  it('answers a family 403 and a visitor 401, on the page and the exports', async () => {
    const fam = await loginAs(t, A.family.accountId);
    for (const path of ['overview', 'hours', 'hours.csv', 'hours.xlsx', 'summary.pdf']) {
      expect((await fam.get(`/api/staff/stats/${path}?${q(SEP)}`)).status).toBe(403);
      expect((await t.client().get(`/api/staff/stats/${path}?${q(SEP)}`)).status).toBe(401);
    }
  });

  it('lets an administrator in too', async () => {
    expect((await b.admin.get(`/api/staff/stats/overview?${q(SEP)}`)).status).toBe(200);
  });

  it('refuses a reversed or too long period, bad bands, an unknown activity, with French field messages', async () => {
    const reversed = await b.agent.get(`/api/staff/stats/overview?${q({ from: '2026-09-30', to: '2026-09-01' })}`);
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.fields).toEqual([{ path: 'to', code: 'stats.range_reversed', message: 'La fin de la période doit suivre son début.' }]);
    const long = await b.agent.get(`/api/staff/stats/hours.csv?${q({ from: '2020-01-01', to: '2026-09-01' })}`);
    expect(long.status).toBe(400);
    expect(long.body.error.fields[0].code).toBe('stats.range_too_long');
    const bands = await b.agent.get(`/api/staff/stats/hours?${q({ ...SEP, quotientBands: '800,500' })}`);
    expect(bands.status).toBe(400);
    expect(bands.body.error.fields[0].code).toBe('stats.bands_invalid');
    const day = await b.agent.get(`/api/staff/stats/hours?${q({ from: '2026-02-30', to: '2026-03-01' })}`);
    expect(day.status).toBe(400);
    const unknown = await b.agent.get(`/api/staff/stats/overview?${q({ ...SEP, activityId: randomUUID() })}`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toEqual([{ path: 'activityId', code: 'stats.activity_unknown', message: 'Cette activité n’existe pas.' }]);
  });
});

