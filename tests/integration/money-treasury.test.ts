/**
 * Issue 13 over HTTP on a real database: mandates, the debit batch and its pain.008, the bank's returns, one-off
 * invoices, credit and refunds, reminders, the debt rule, the unpaid export and the certificates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff, type FamilyFixture } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { publishedInvoices } from './payment-support.js';
import { pdfText } from './billing-support.js';
import { sendDueReminders } from '../../src/server/modules/billing/billing.money.js';
import { isValidCreditorId } from '../../src/server/modules/billing/billing.money.js';

const ICS = 'FR72ZZZ123456';
const FAMILY_IBAN = 'FR7630006000011234567890189';
const OFFICE_IBAN = 'FR1420041010050500013M02606';

let t: TestApp;
let admin: TestClient;
let agent: TestClient;
beforeAll(async () => {
  // the clock moves by weeks (reminders, overdue invoices): sessions that last
  t = await createTestApp({ clockStart: '2026-11-02T09:00:00Z', config: { sessionIdleMs: 400 * 86_400_000, sessionAbsoluteMs: 400 * 86_400_000 } });
  admin = await loginAs(t, (await createStaff(t.ctx, { role: 'admin' })).accountId);
  agent = await loginAs(t, (await createStaff(t.ctx, { role: 'agent' })).accountId);
});
afterAll(async () => {
  await t.close();
});

async function settings(officeId: string, extra: Record<string, unknown> = {}) {
  const r = await admin.put(`/api/staff/money/offices/${officeId}/settings`, {
    creditorId: ICS,
    creditorName: 'Régie enfance de Comines',
    creditorIban: OFFICE_IBAN,
    creditorBic: 'PSSTFRPPLIL',
    prenotificationDays: 14,
    reminderSteps: [
      { afterDays: 7, channel: 'email' },
      { afterDays: 21, channel: 'email' },
      { afterDays: 35, channel: 'letter' },
    ],
    debtMinCents: null,
    debtMinAgeDays: null,
    autoAllocateCredit: false,
    ...extra,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

async function familyClient(): Promise<{ family: FamilyFixture; client: TestClient }> {
  const family = await createFamily(t.ctx, { status: 'active' });
  return { family, client: await loginAs(t, family.accountId) };
}

describe('creditor identifier (ICS)', () => {
  it('checks the ISO 7064 check digits', () => {
    expect(isValidCreditorId(ICS)).toBe(true);
    expect(isValidCreditorId('FR73ZZZ123456')).toBe(false);
    expect(isValidCreditorId('FR55ZZZ')).toBe(false);
  });
});

describe('office money settings', () => {
  it('refuses a bad ICS, IBAN and BIC with one message per field, and saves good ones', async () => {
    const { officeId } = await publishedInvoices(t, (await familyClient()).family, []);
    const bad = await admin.put(`/api/staff/money/offices/${officeId}/settings`, {
      creditorId: 'FR00ZZZ000000',
      creditorIban: 'FR7630006000011234567890188',
      creditorBic: 'XX',
      prenotificationDays: 14,
      reminderSteps: [],
      debtMinCents: null,
      debtMinAgeDays: null,
      autoAllocateCredit: false,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['creditorBic', 'creditorIban', 'creditorId']);
    const s = await settings(officeId);
    expect(s).toMatchObject({ creditorId: ICS, prenotificationDays: 14 });
    expect((await agent.put(`/api/staff/money/offices/${officeId}/settings`, { ...s })).status).toBe(403);
  });
});

describe('SEPA: mandate, batch, pain.008, returns', () => {
  let officeId: string;
  let runId: number;
  let a: { family: FamilyFixture; client: TestClient };
  let b: { family: FamilyFixture; client: TestClient };
  let invoiceA: number;

  beforeAll(async () => {
    a = await familyClient();
    b = await familyClient();
    const pa = await publishedInvoices(t, a.family, [4250]);
    officeId = pa.officeId;
    invoiceA = pa.invoices[0]!.id;
    await publishedInvoices(t, b.family, [1800], officeId);
    runId = (await t.ctx.db.selectFrom('invoicing_run').select('id').where('office_id', '=', officeId).executeTakeFirstOrThrow()).id;
    await settings(officeId);
  });

  it('refuses a wrong IBAN or BIC and an unticked declaration, field by field', async () => {
    const r = await a.client.post('/api/money/mandates', { officeId, holderName: 'Alice Test', iban: 'FR7630006000011234567890188', bic: 'AGRIFRPP', signedPlace: 'Comines', consent: false });
    expect(r.status).toBe(400);
    const paths = r.body.error.fields.map((f: { path: string }) => f.path);
    expect(paths).toContain('consent');
    const r2 = await a.client.post('/api/money/mandates', { officeId, holderName: 'Alice Test', iban: 'FR7630006000011234567890188', bic: 'AG', signedPlace: 'Comines', consent: true });
    expect(r2.status).toBe(400);
    expect(r2.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['bic', 'iban']);
  });

  it('lets the family request a mandate (unique RUM, masked IBAN, PDF copy) and staff activate it', async () => {
    const r = await a.client.post('/api/money/mandates', { officeId, holderName: 'Alice Test', iban: 'fr76 3000 6000 0112 3456 7890 189', bic: 'agrifrpp', signedPlace: 'Comines', consent: true });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ state: 'requested', sequence: 'FRST', ibanMasked: 'FR76 **** **** 0189', bic: 'AGRIFRPP', creditorId: ICS });
    expect(r.body.rum).toMatch(/^R\d.*-2026-[A-Z0-9]{12}$/);
    const again = await a.client.post('/api/money/mandates', { officeId, holderName: 'Alice Test', iban: FAMILY_IBAN, bic: 'AGRIFRPP', signedPlace: 'Comines', consent: true });
    expect(again.status).toBe(409);
    const pdf = await a.client.request('GET', `/api/money/mandates/${r.body.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    // another family cannot read it
    expect((await b.client.request('GET', `/api/money/mandates/${r.body.id}/pdf`)).status).toBe(404);
    const act = await agent.post(`/api/staff/money/mandates/${r.body.id}/activate`, {});
    expect(act.status).toBe(200);
    expect(act.body.state).toBe('active');
    expect((await agent.post(`/api/staff/money/mandates/${r.body.id}/activate`, {})).status).toBe(409);
  });

  it('builds one batch per run: pain.008 with control sums, FRST then RCUR, the collection date after the pre-notification', async () => {
    const built = await agent.post('/api/staff/money/batches', { runId });
    expect(built.status, JSON.stringify(built.body)).toBe(200);
    expect(built.body.txCount).toBe(1);
    expect(built.body.controlSumCents).toBe(4250);
    expect(built.body.collectionDate >= '2026-11-16').toBe(true);
    expect(built.body.items[0]).toMatchObject({ invoiceId: invoiceA, sequence: 'FRST', state: 'collected' });
    // twice: the same batch
    const twice = await agent.post('/api/staff/money/batches', { runId });
    expect(twice.body.id).toBe(built.body.id);
    // the invoice is paid by direct debit, the mandate is now recurrent
    const inv = await a.client.get(`/api/billing/invoices/${invoiceA}`);
    expect(inv.body.balanceCents).toBe(0);
    expect(inv.body.allocations[0].method).toBe('direct_debit');
    const m = await a.client.get('/api/money/family');
    expect(m.body.mandates[0].sequence).toBe('RCUR');
    // the pre-notification e-mail
    const mails = await t.ctx.db.selectFrom('outbox').select(['template', 'subject', 'text_body']).where('template', '=', 'money.notice').execute();
    expect(mails.some((x) => x.subject.includes('Prélèvement à venir') && x.text_body.includes(ICS))).toBe(true);

    const xml = await agent.request('GET', `/api/staff/money/batches/${built.body.id}/pain008`);
    expect(xml.status).toBe(200);
    const doc = new XMLParser({ ignoreAttributes: false, parseTagValue: false }).parse(xml.body as unknown as string).Document;
    expect(doc['@_xmlns']).toBe('urn:iso:std:iso:20022:tech:xsd:pain.008.001.02');
    const init = doc.CstmrDrctDbtInitn;
    expect(init.GrpHdr.NbOfTxs).toBe('1');
    expect(init.GrpHdr.CtrlSum).toBe('42.50');
    const pmt = init.PmtInf;
    expect(pmt.PmtMtd).toBe('DD');
    expect(pmt.PmtTpInf).toEqual({ SvcLvl: { Cd: 'SEPA' }, LclInstrm: { Cd: 'CORE' }, SeqTp: 'FRST' });
    expect(pmt.ReqdColltnDt).toBe(built.body.collectionDate);
    expect(pmt.CdtrSchmeId.Id.PrvtId.Othr.Id).toBe(ICS);
    expect(pmt.CtrlSum).toBe('42.50');
    const tx = pmt.DrctDbtTxInf;
    expect(tx.InstdAmt).toEqual({ '#text': '42.50', '@_Ccy': 'EUR' });
    expect(tx.DrctDbtTx.MndtRltdInf.MndtId).toBe(m.body.mandates[0].rum);
    expect(tx.DrctDbtTx.MndtRltdInf.DtOfSgntr).toBe('2026-11-02');
    expect(tx.DbtrAcct.Id.IBAN).toBe(FAMILY_IBAN);
    expect(tx.PmtId.EndToEndId.length).toBeLessThanOrEqual(35);
  });

  it('imports a CSV return: the invoice is due again, the fee is invoiced, the family is told; a second import changes nothing', async () => {
    const [batch] = (await agent.get(`/api/staff/money/batches?officeId=${officeId}`)).body;
    const e2e = batch.items[0].endToEndId;
    const csv = `end_to_end_id;reason;fee\n${e2e};AM04;7,50\n`;
    const r = await agent.post('/api/staff/money/returns', { content: csv });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.rejected).toEqual([{ endToEndId: e2e, invoiceNumber: expect.any(String), reasonCode: 'AM04', feeCents: 750 }]);
    const inv = await a.client.get(`/api/billing/invoices/${invoiceA}`);
    expect(inv.body.balanceCents).toBe(4250);
    const account = await a.client.get('/api/billing/account');
    expect(account.body.creditCents).toBe(0);
    expect(account.body.invoices.some((i: { totalCents: number }) => i.totalCents === 750)).toBe(true);
    const m = await a.client.get('/api/money/family');
    expect(m.body.mandates[0].sequence).toBe('FRST');
    const again = await agent.post('/api/staff/money/returns', { content: csv });
    expect(again.body).toMatchObject({ rejected: [], alreadyKnown: 1 });
    const bad = await agent.post('/api/staff/money/returns', { content: '<Document><Other/></Document>' });
    expect(bad.status).toBe(400);
  });

  it('reads pain.002 and camt.054 returns', async () => {
    const { parseReturns } = await import('../../src/server/modules/billing/billing.sepa.js');
    const pain002 = `<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.03"><CstmrPmtStsRpt><OrgnlPmtInfAndSts><TxInfAndSts><OrgnlEndToEndId>E2E-1</OrgnlEndToEndId><TxSts>RJCT</TxSts><StsRsnInf><Rsn><Cd>AC04</Cd></Rsn></StsRsnInf></TxInfAndSts><TxInfAndSts><OrgnlEndToEndId>E2E-2</OrgnlEndToEndId><TxSts>ACCP</TxSts></TxInfAndSts></OrgnlPmtInfAndSts></CstmrPmtStsRpt></Document>`;
    expect(parseReturns(pain002)).toEqual([{ endToEndId: 'E2E-1', reasonCode: 'AC04', feeCents: null }]);
    const camt = `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"><BkToCstmrDbtCdtNtfctn><Ntfctn><Ntry><NtryDtls><TxDtls><Refs><EndToEndId>E2E-3</EndToEndId></Refs><Chrgs><TtlChrgsAndTaxAmt Ccy="EUR">3.20</TtlChrgsAndTaxAmt></Chrgs><RtrInf><Rsn><Cd>MD06</Cd></Rsn></RtrInf></TxDtls></NtryDtls></Ntry></Ntfctn></BkToCstmrDbtCdtNtfctn></Document>`;
    expect(parseReturns(camt)).toEqual([{ endToEndId: 'E2E-3', reasonCode: 'MD06', feeCents: 320 }]);
  });

  it('lets the family revoke its mandate', async () => {
    const m = (await a.client.get('/api/money/family')).body.mandates[0];
    const r = await a.client.post(`/api/money/mandates/${m.id}/revoke`, { reason: 'Changement de banque' });
    expect(r.status).toBe(200);
    expect(r.body.state).toBe('revoked');
    expect((await b.client.post(`/api/money/mandates/${m.id}/revoke`, { reason: 'x' })).status).toBe(404);
  });
});

describe('one-off invoice, credit and refunds', () => {
  it('numbers a one-off charge in the office sequence, and uses the family credit on it', async () => {
    const { family, client } = await familyClient();
    const { officeId, invoices } = await publishedInvoices(t, family, [1000]);
    // an overpayment: 1500 received for a 1000 invoice → 500 of credit
    const pay = await agent.post('/api/staff/billing/payments', { familyId: family.familyId, method: 'cheque', amountCents: 1500, reference: 'CHQ 1', receivedOn: '2026-11-02', allocations: [{ invoiceId: invoices[0]!.id, amountCents: 1000 }] });
    expect(pay.status, JSON.stringify(pay.body)).toBe(201);
    const bad = await agent.post('/api/staff/money/invoices', { officeId, familyId: family.familyId, lines: [] });
    expect(bad.status).toBe(400);
    const r = await agent.post('/api/staff/money/invoices', { officeId, familyId: family.familyId, lines: [{ label: 'Remplacement de badge', quantity: 1, unitPriceCents: 800 }] });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.number).toMatch(/-2026-\d{6}$/);
    const second = await agent.post('/api/staff/money/invoices', { officeId, familyId: family.familyId, lines: [{ label: 'Sortie', quantity: 2, unitPriceCents: 350 }] });
    expect(Number(second.body.number.slice(-6))).toBe(Number(r.body.number.slice(-6)) + 1);
    // the staff's runs list does not show the manual run
    expect((await agent.get(`/api/staff/billing/runs?officeId=${officeId}`)).body.every((x: { month: string }) => x.month !== 'manual')).toBe(true);
    const used = await agent.post('/api/staff/money/credit-allocations', { familyId: family.familyId, invoiceId: r.body.invoiceId, amountCents: 800 });
    expect(used.status, JSON.stringify(used.body)).toBe(200);
    expect(used.body).toEqual({ allocatedCents: 500, creditCents: 0 });
    expect((await client.get(`/api/billing/invoices/${r.body.invoiceId}`)).body.balanceCents).toBe(300);
    expect((await agent.post('/api/staff/money/credit-allocations', { familyId: family.familyId, invoiceId: r.body.invoiceId, amountCents: 100 })).status).toBe(409);
  });

  it('records a refund within the credit only', async () => {
    const { family, client } = await familyClient();
    await agent.post('/api/staff/billing/payments', { familyId: family.familyId, method: 'transfer', amountCents: 2000, reference: null, receivedOn: '2026-11-02', allocations: [] });
    expect((await agent.post('/api/staff/money/refunds', { familyId: family.familyId, amountCents: 2500, method: 'transfer' })).status).toBe(409);
    const r = await agent.post('/api/staff/money/refunds', { familyId: family.familyId, amountCents: 1500, method: 'transfer', reference: 'VIR 12' });
    expect(r.status).toBe(201);
    expect((await client.get('/api/billing/account')).body.creditCents).toBe(500);
  });
});

describe('reminders and the debt rule', () => {
  it('sends each step of the schedule once, logs it on the invoice, and not to a paused family', async () => {
    const { family, client } = await familyClient();
    const paused = await familyClient();
    const { officeId, invoices } = await publishedInvoices(t, family, [3000]);
    await publishedInvoices(t, paused.family, [3000], officeId);
    await settings(officeId);
    expect((await agent.put(`/api/staff/money/families/${paused.family.familyId}/reminder-pause`, { reason: 'Échéancier en cours' })).status).toBe(200);
    // due 2026-11-30: at +8 days the first step
    t.clock.set(new Date('2026-12-08T08:00:00Z'));
    await sendDueReminders(t.ctx);
    await sendDueReminders(t.ctx);
    let lines = (await agent.get(`/api/staff/money/reminders?familyId=${family.familyId}`)).body;
    expect(lines).toEqual([expect.objectContaining({ invoiceId: invoices[0]!.id, step: 1, channel: 'email', balanceCents: 3000 })]);
    expect((await agent.get(`/api/staff/money/reminders?familyId=${paused.family.familyId}`)).body).toEqual([]);
    // at +36 days: the letter step (the second, skipped meanwhile, is not sent late)
    t.clock.set(new Date('2027-01-05T08:00:00Z'));
    await sendDueReminders(t.ctx);
    lines = (await client.get('/api/money/family')).body.reminders;
    expect(lines.map((l: { step: number; channel: string }) => `${l.step}:${l.channel}`)).toEqual(['3:letter', '1:email']);
    const mails = await t.ctx.db.selectFrom('outbox').select('subject').where('family_id', '=', family.familyId).where('template', '=', 'money.notice').execute();
    expect(mails.length).toBe(2);
    // the letter step: a printable letter for the office
    const { reminderLetterPdf } = await import('../../src/server/modules/billing/billing.certificates.js');
    const letter = pdfText((await reminderLetterPdf(t.ctx, invoices[0]!.id, 'fr', false)).pdf);
    expect(letter).toContain(`Lettre de relance`);
    expect(letter).toContain(invoices[0]!.number);
    expect(letter).toMatch(/30,00/);
    expect((await agent.request('GET', `/api/staff/money/invoices/${invoices[0]!.id}/reminder-letter.pdf`)).status).toBe(200);
    expect((await client.request('GET', `/api/staff/money/invoices/${invoices[0]!.id}/reminder-letter.pdf`)).status).toBe(403);
    t.clock.set(new Date('2026-11-02T09:00:00Z'));
  });

  it('refuses a non-essential booking above the threshold, shows why, and staff can lift it', async () => {
    const { family, client } = await familyClient();
    const { officeId } = await publishedInvoices(t, family, [6000]);
    await settings(officeId, { debtMinCents: 5000, debtMinAgeDays: null });
    t.clock.set(new Date('2026-12-10T08:00:00Z'));
    const { debtBlockFor } = await import('../../src/server/modules/billing/billing.money.js');
    expect(await debtBlockFor(t.ctx.db, family.familyId, { id: 'no-policy', kind: 'ete' }, '2026-12-10')).toMatchObject({ blocked: true, overdueCents: 6000, thresholdCents: 5000 });
    // the canteen stays bookable by default
    expect(await debtBlockFor(t.ctx.db, family.familyId, { id: 'no-policy', kind: 'restauration' }, '2026-12-10')).toBeNull();
    const status = (await client.get('/api/money/family')).body.debt;
    expect(status).toMatchObject({ blocked: true, overdueCents: 6000, oldestDueOn: '2026-11-30' });
    expect((await agent.put(`/api/staff/money/families/${family.familyId}/debt-lift`, { until: '2026-12-01', reason: 'x' })).status).toBe(400);
    expect((await agent.put(`/api/staff/money/families/${family.familyId}/debt-lift`, { until: '2026-12-31', reason: 'Échéancier accordé' })).status).toBe(200);
    expect((await client.get('/api/money/family')).body.debt).toMatchObject({ blocked: false, liftedUntil: '2026-12-31' });
    expect(await debtBlockFor(t.ctx.db, family.familyId, { id: 'no-policy', kind: 'ete' }, '2026-12-10')).toBeNull();
    t.clock.set(new Date('2026-11-02T09:00:00Z'));
  });

  it('exports the overdue unpaid invoices for the public accountant (documented columns)', async () => {
    const { family } = await familyClient();
    const { officeId, invoices } = await publishedInvoices(t, family, [1234]);
    t.clock.set(new Date('2026-12-10T08:00:00Z'));
    const r = await agent.request('GET', `/api/staff/money/unpaid.csv?officeId=${officeId}`);
    t.clock.set(new Date('2026-11-02T09:00:00Z'));
    expect(r.status).toBe(200);
    const text = String(r.body);
    const [head, line] = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(head).toBe('"Régie";"Numéro de facture";"Émise le";"Échéance";"Redevable";"Adresse";"E-mail";"Montant (centimes)";"Réglé (centimes)";"Avoirs (centimes)";"Reste dû (centimes)";"Reste dû (euros)";"Relances envoyées";"Identifiant famille"');
    expect(line).toContain(`"${invoices[0]!.number}"`);
    expect(line).toContain('"1234";"0";"0";"1234";"12,34"');
  });
});

describe('certificates', () => {
  it('gives a payment certificate for a period with the amounts paid', async () => {
    const { family, client } = await familyClient();
    const { invoices } = await publishedInvoices(t, family, [2500]);
    await agent.post('/api/staff/billing/payments', { familyId: family.familyId, method: 'cheque', amountCents: 2500, reference: 'CHQ', receivedOn: '2026-11-02', allocations: [{ invoiceId: invoices[0]!.id, amountCents: 2500 }] });
    const { paymentCertificate } = await import('../../src/server/modules/billing/billing.certificates.js');
    const { pdf } = await paymentCertificate(t.ctx, family.familyId, '2026-01-01', '2026-12-31', 'fr', false);
    const text = pdfText(pdf);
    expect(text).toContain('Attestation de paiement');
    expect(text).toContain(invoices[0]!.number);
    expect(text).toMatch(/25,00/);
    const r = await client.request('GET', '/api/money/certificates/payments.pdf?from=2026-01-01&to=2026-12-31');
    expect(r.status).toBe(200);
    expect((await client.request('GET', '/api/money/certificates/payments.pdf?from=2026-12-31&to=2026-01-01')).status).toBe(400);
  });
});

describe('automatic use of the credit at the next run', () => {
  it('allocates the family credit to its new invoice when the office says so', async () => {
    const { family, client } = await familyClient();
    const { officeId } = await publishedInvoices(t, family, []);
    await settings(officeId, { autoAllocateCredit: true });
    await agent.post('/api/staff/billing/payments', { familyId: family.familyId, method: 'transfer', amountCents: 700, reference: null, receivedOn: '2026-11-02', allocations: [] });
    // a published run with one invoice of 1000 for this family (written as the run would)
    const run = await t.ctx.db.insertInto('invoicing_run').values({ office_id: officeId, month: '2026-12', state: 'published', warnings: '[]', created_at: '2026-12-01T00:00:00Z', created_by: 'test', published_at: '2026-12-01T00:00:00Z', published_by: 'test' }).returning('id').executeTakeFirstOrThrow();
    const inv = await t.ctx.db
      .insertInto('invoice')
      .values({ run_id: run.id, office_id: officeId, family_id: family.familyId, month: '2026-12', state: 'published', year: 2026, number: 900001, reference: 'AUTO-2026-900001', issued_on: '2026-12-01', due_on: '2026-12-31', total_cents: 1000, family_name: 'TEST', payer: JSON.stringify({ name: 'A', addressLines: [], email: null }), quotient: null, resident: 1, created_at: '2026-12-01T00:00:00Z' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { autoAllocateRun } = await import('../../src/server/modules/billing/billing.money.js');
    expect(await autoAllocateRun(t.ctx, run.id)).toBe(700);
    expect(await autoAllocateRun(t.ctx, run.id)).toBe(0);
    expect((await client.get(`/api/billing/invoices/${inv.id}`)).body.balanceCents).toBe(300);
    expect((await client.get('/api/billing/account')).body.creditCents).toBe(0);
  });
});
