import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, PUBLIC_URL, type TestApp } from '../support/app.js';
import { createFamily } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { FakePayfip } from '../support/fake-payfip.js';
import { pollPendingPayments } from '../../src/server/modules/payment/payment.service.js';
import { invoiceBalance, onlineLedger, publishedInvoices, receiptsTo } from './payment-support.js';

const PAYMENT_PAGE = 'https://payfip.test/tpa/paiementws.web';
let t: TestApp;
let payfip: FakePayfip;

beforeAll(async () => {
  payfip = new FakePayfip();
  const wsUrl = await payfip.start();
  t = await createTestApp({
    config: { payment: { provider: 'payfip', payfip: { numcli: '012345', wsUrl, paymentUrl: PAYMENT_PAGE, saisie: 'T' }, demoBankDelayMs: 4000 } },
  });
});
afterAll(async () => {
  await t.close();
  await payfip.stop();
});

async function familyPays(amounts: number[]) {
  const family = await createFamily(t.ctx);
  const client = await loginAs(t, family.accountId);
  const { invoices } = await publishedInvoices(t, family, amounts);
  const total = amounts.reduce((s, a) => s + a, 0);
  const res = await client.post('/api/payments', { invoiceIds: invoices.map((i) => i.id), totalCents: total });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const idOp = new URL(res.body.redirectUrl).searchParams.get('idop')!;
  return { family, client, invoices, total, payment: res.body.payment, redirectUrl: res.body.redirectUrl as string, idOp };
}

/** PayFiP's notification: a form POST carrying only idop. */
function notify(idOp: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/payments/notify/payfip',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `idop=${encodeURIComponent(idOp)}`,
  });
}

async function statusOf(p: { client: { get: (u: string) => Promise<{ body: { status: string } }> }; payment: { id: string } }) {
  return (await p.client.get(`/api/payments/${p.payment.id}`)).body.status;
}

describe('PayFiP: the documented messages', () => {
  it('creerPaiementSecurise carries numcli, exer, refdet, objet, montant in cents, mel, urlnotif, urlredirect and saisie; the family goes to the page of the idOp', async () => {
    payfip.exchanges.length = 0;
    const p = await familyPays([4250, 1875]);
    const create = payfip.exchanges.find((e) => e.operation === 'creerPaiementSecurise')!;
    expect(create.status).toBe(200);
    // request: SOAP 1.1 envelope, namespace of PaiementSecuriseService, arg0 with the fields in alphabetical order
    expect(create.request).toContain('xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"');
    expect(create.request).toContain(
      'xmlns:pai="http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/contrat_paiement_securise/PaiementSecuriseService"',
    );
    const arg0 = /<pai:creerPaiementSecurise><arg0>(.*)<\/arg0><\/pai:creerPaiementSecurise>/.exec(create.request)![1]!;
    const fields = [...arg0.matchAll(/<(\w+)>([^<]*)<\/\1>/g)].map((m) => [m[1], m[2]]);
    expect(fields.map(([k]) => k)).toEqual(['exer', 'mel', 'montant', 'numcli', 'objet', 'refdet', 'saisie', 'urlnotif', 'urlredirect']);
    const f = Object.fromEntries(fields);
    expect(f).toMatchObject({
      exer: String(new Date(t.clock.now()).getUTCFullYear()),
      mel: p.family.email,
      montant: '6125',
      numcli: '012345',
      refdet: p.payment.reference,
      saisie: 'T',
      urlnotif: `${PUBLIC_URL}/api/payments/notify/payfip`,
      urlredirect: `${PUBLIC_URL}/api/payments/return/${p.payment.id}`,
    });
    expect(f.refdet).toMatch(/^[A-Za-z0-9]{1,30}$/);
    expect(f.objet).toMatch(/^[A-Za-z0-9 ]{1,100}$/);
    expect(f.objet).toContain(p.invoices[0]!.number.replace('-', ' '));
    // response: return/idOp
    expect(create.response).toMatch(/<ns2:creerPaiementSecuriseResponse [^>]*><return><idOp>[^<]+<\/idOp><\/return>/);
    expect(p.redirectUrl).toBe(`${PAYMENT_PAGE}?idop=${p.idOp}`);
    expect(p.payment.status).toBe('pending');
  });

  it('recupererDetailPaiementSecurise asks with the idOp only, and the answer is read field by field', async () => {
    const p = await familyPays([1000]);
    payfip.decide(p.idOp, 'P');
    payfip.exchanges.length = 0;
    await notify(p.idOp);
    const detail = payfip.exchanges.find((e) => e.operation === 'recupererDetailPaiementSecurise')!;
    expect(detail.request).toContain(`<pai:recupererDetailPaiementSecurise><arg0><idOp>${p.idOp}</idOp></arg0></pai:recupererDetailPaiementSecurise>`);
    for (const k of ['dattrans', 'exer', 'heurtrans', 'idOp', 'mel', 'montant', 'numauto', 'numcli', 'objet', 'refdet', 'resultrans', 'saisie'])
      expect(detail.response).toContain(`<${k}>`);
    expect(await statusOf(p)).toBe('paid');
  });
});

describe('PayFiP: the state machine', () => {
  it.each([
    ['P', 'paid'],
    ['V', 'paid'],
    ['R', 'refused'],
    ['Z', 'refused'],
    ['A', 'abandoned'],
  ] as const)('resultrans %s → %s', async (resultrans, expected) => {
    const p = await familyPays([2500]);
    payfip.decide(p.idOp, resultrans);
    expect((await notify(p.idOp)).statusCode).toBe(200);
    expect(await statusOf(p)).toBe(expected);
    expect((await invoiceBalance(t, p.invoices[0]!.id)).paid).toBe(expected === 'paid' ? 2500 : 0);
    expect(await receiptsTo(t, p.family.email)).toHaveLength(expected === 'paid' ? 1 : 0);
    expect(await onlineLedger(t, p.family.familyId)).toHaveLength(expected === 'paid' ? 1 : 0);
  });

  it('P5 (result not known yet) keeps it pending; the job asks again and records the payment', async () => {
    const p = await familyPays([3000]);
    await notify(p.idOp);
    expect(payfip.exchanges.at(-1)!.response).toContain('<code>P5</code>');
    expect(await statusOf(p)).toBe('pending');
    payfip.decide(p.idOp, 'P');
    t.clock.advance(60_000);
    await pollPendingPayments(t.ctx);
    expect(await statusOf(p)).toBe('paid');
    expect((await invoiceBalance(t, p.invoices[0]!.id)).paid).toBe(3000);
  });

  it('P5 for more than 20 minutes: the payment is given up (expired)', async () => {
    const p = await familyPays([3000]);
    for (let i = 0; i < 3; i++) {
      t.clock.advance(8 * 60_000);
      await pollPendingPayments(t.ctx);
    }
    expect(await statusOf(p)).toBe('expired');
    expect((await invoiceBalance(t, p.invoices[0]!.id)).paid).toBe(0);
  });

  it('P1 (unknown idOp) expires the payment', async () => {
    const p = await familyPays([3000]);
    payfip.operations.delete(p.idOp);
    t.clock.advance(60_000);
    await pollPendingPayments(t.ctx);
    expect(payfip.exchanges.at(-1)!.response).toContain('<code>P1</code>');
    expect(await statusOf(p)).toBe('expired');
  });

  it('an outage keeps the payment pending and asks again later', async () => {
    const p = await familyPays([3000]);
    payfip.decide(p.idOp, 'P');
    payfip.down = true;
    try {
      await notify(p.idOp);
      expect(await statusOf(p)).toBe('pending');
    } finally {
      payfip.down = false;
    }
    t.clock.advance(60_000);
    await pollPendingPayments(t.ctx);
    expect(await statusOf(p)).toBe('paid');
  });

  it('PayFiP unreachable when starting: a clear error, and the invoice can be paid again', async () => {
    const family = await createFamily(t.ctx);
    const client = await loginAs(t, family.accountId);
    const { invoices } = await publishedInvoices(t, family, [1200]);
    payfip.down = true;
    try {
      const res = await client.post('/api/payments', { invoiceIds: [invoices[0]!.id], totalCents: 1200 });
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('payment.provider_unavailable');
    } finally {
      payfip.down = false;
    }
    const list = (await client.get('/api/payments')).body;
    expect(list[0].status).toBe('failed');
    expect((await client.post('/api/payments', { invoiceIds: [invoices[0]!.id], totalCents: 1200 })).status).toBe(201);
  });
});

describe('PayFiP: answers read with an XML parser', () => {
  const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';

  it('an answer with other prefixes (and an undeclared default namespace) is read the same', async () => {
    const p = await familyPays([2200]);
    payfip.rawAnswer = {
      status: 200,
      xml:
        `<?xml version="1.0"?><S:Envelope xmlns:S="${SOAP}"><S:Body><x:recupererDetailPaiementSecuriseResponse xmlns:x="urn:payfip">` +
        `<return xmlns=""><dattrans>27112026</dattrans><idOp>${p.idOp}</idOp><montant>2200</montant><numauto>42</numauto>` +
        `<refdet>${p.payment.reference}</refdet><resultrans>P</resultrans></return></x:recupererDetailPaiementSecuriseResponse></S:Body></S:Envelope>`,
    };
    try {
      await notify(p.idOp);
    } finally {
      payfip.rawAnswer = null;
    }
    expect(await statusOf(p)).toBe('paid');
  });

  it.each([
    ['malformed XML', '<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><x><return><idOp>1</idOp></S:Body>'],
    ['an entity expansion', `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><S:Envelope xmlns:S="${SOAP}"><S:Body><x><return><idOp>&b;</idOp></return></x></S:Body></S:Envelope>`],
    ['an HTML error page', '<html><body><h1>502 Bad Gateway</h1>'],
  ])('%s when starting: 503 payment.provider_unavailable, no stack, the invoice can be paid again', async (_label, xml) => {
    const family = await createFamily(t.ctx);
    const client = await loginAs(t, family.accountId);
    const { invoices } = await publishedInvoices(t, family, [1300]);
    const before = t.logs.length;
    payfip.rawAnswer = { status: 200, xml };
    let res;
    try {
      res = await client.post('/api/payments', { invoiceIds: [invoices[0]!.id], totalCents: 1300 });
    } finally {
      payfip.rawAnswer = null;
    }
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('payment.provider_unavailable');
    expect(JSON.stringify(res.body)).not.toMatch(/stack|at .*\.ts|SoapFormatError|XML/);
    expect(t.logs.slice(before).join('\n')).toContain('payment provider did not create the operation');
    expect((await client.get('/api/payments')).body[0].status).toBe('failed');
    expect((await client.post('/api/payments', { invoiceIds: [invoices[0]!.id], totalCents: 1300 })).status).toBe(201);
  });

  it('a malformed detail keeps the payment pending, and the next check reads the real answer', async () => {
    const p = await familyPays([1400]);
    payfip.decide(p.idOp, 'P');
    payfip.rawAnswer = { status: 200, xml: '<S:Envelope xmlns:S="urn:x"><S:Body><r>&xxe;</r></S:Body></S:Envelope>' };
    const before = t.logs.length;
    try {
      expect((await notify(p.idOp)).statusCode).toBe(200);
      expect(await statusOf(p)).toBe('pending');
    } finally {
      payfip.rawAnswer = null;
    }
    expect(t.logs.slice(before).join('\n')).toContain('undeclared entity');
    t.clock.advance(60_000);
    await pollPendingPayments(t.ctx);
    expect(await statusOf(p)).toBe('paid');
  });

  it('a fault other than P1/P5 on a check keeps the payment pending (logged clearly)', async () => {
    const p = await familyPays([1600]);
    payfip.rawAnswer = {
      status: 500,
      xml: `<soap:Envelope xmlns:soap="${SOAP}"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>erreur</faultstring><detail><n:FonctionnelleErreur xmlns:n="urn:r"><code>P4</code><descriptif>Service indisponible</descriptif></n:FonctionnelleErreur></detail></soap:Fault></soap:Body></soap:Envelope>`,
    };
    const before = t.logs.length;
    try {
      await notify(p.idOp);
      expect(await statusOf(p)).toBe('pending');
    } finally {
      payfip.rawAnswer = null;
    }
    expect(t.logs.slice(before).join('\n')).toContain('PayFiP: fault P4 (Service indisponible)');
  });
});

describe('PayFiP: replay, order, forgery', () => {
  it('notifications before the result, then 5 replays in parallel and the return: paid exactly once, one receipt', async () => {
    const p = await familyPays([1500, 2500]);
    await notify(p.idOp); // out of order: before PayFiP knows the result
    expect(await statusOf(p)).toBe('pending');
    payfip.decide(p.idOp, 'P');
    const returned = t.app.inject({ method: 'POST', url: `/api/payments/return/${p.payment.id}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `idop=${p.idOp}` });
    await Promise.all([notify(p.idOp), notify(p.idOp), notify(p.idOp), notify(p.idOp), notify(p.idOp), returned]);
    expect((await returned).statusCode).toBe(303);
    t.clock.advance(60_000);
    await pollPendingPayments(t.ctx);
    expect(await statusOf(p)).toBe('paid');
    expect(await onlineLedger(t, p.family.familyId)).toHaveLength(1);
    expect(await receiptsTo(t, p.family.email)).toHaveLength(1);
    for (const inv of p.invoices) expect((await invoiceBalance(t, inv.id)).paid).toBe(inv.totalCents);
  });

  it('the browser’s return parameters are never trusted', async () => {
    const p = await familyPays([1500]);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/payments/return/${p.payment.id}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `idop=${p.idOp}&resultrans=P&montant=1500&numauto=123456`,
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/paiements/${p.payment.id}`);
    expect(await statusOf(p)).toBe('pending');
  });

  it('a forged notification changes nothing and is logged without secrets', async () => {
    const p = await familyPays([1500]);
    const before = t.logs.length;
    const forged = await notify('deadbeefdeadbeefforged');
    expect(forged.statusCode).toBe(200);
    expect(await statusOf(p)).toBe('pending');
    const logs = t.logs.slice(before).join('\n');
    expect(logs).toContain('unknown operation');
    expect(logs).not.toContain('deadbeefdeadbeefforged');
    expect(logs).not.toContain(p.family.email);
  });

  it('an amount or a reference that differs from the order changes nothing and is logged', async () => {
    for (const tamper of [{ montant: '15' }, { refdet: 'AUTREFACTURE1' }] as Record<string, string>[]) {
      const p = await familyPays([1500]);
      payfip.decide(p.idOp, 'P');
      payfip.tamper(p.idOp, tamper);
      const before = t.logs.length;
      await notify(p.idOp);
      expect(await statusOf(p)).toBe('pending');
      expect((await invoiceBalance(t, p.invoices[0]!.id)).paid).toBe(0);
      expect(await onlineLedger(t, p.family.familyId)).toHaveLength(0);
      const logs = t.logs.slice(before).join('\n');
      expect(logs).toContain('payment result does not match the order');
      expect(logs).not.toContain(p.family.email);
      const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('target_id', '=', p.payment.id).execute();
      expect(audit.map((a) => a.action)).toContain('payment.mismatch');
    }
  });

  it('two payments of the same invoice started in parallel: one goes to PayFiP, the other is refused', async () => {
    const family = await createFamily(t.ctx);
    const { invoices } = await publishedInvoices(t, family, [5000]);
    const c1 = await loginAs(t, family.accountId);
    const c2 = await loginAs(t, family.accountId);
    const creates = payfip.exchanges.filter((e) => e.operation === 'creerPaiementSecurise').length;
    const res = await Promise.all([c1, c2].map((c) => c.post('/api/payments', { invoiceIds: [invoices[0]!.id], totalCents: 5000 })));
    expect(res.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(payfip.exchanges.filter((e) => e.operation === 'creerPaiementSecurise').length).toBe(creates + 1);
  });
});

describe('PayFiP: the notification route', () => {
  it('is rate-limited per address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 65; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/payments/notify/payfip',
        remoteAddress: '192.0.2.77',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'idop=unknown0000',
      });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, 60).every((c) => c === 200)).toBe(true);
    expect(codes.at(-1)).toBe(429);
  });
});

describe('PayFiP: the family’s return page', () => {
  it('asks PayFiP at most every few seconds however often the page polls, then shows the result', async () => {
    const p = await familyPays([1100]);
    t.clock.advance(60_000);
    const asked = () => payfip.exchanges.filter((e) => e.operation === 'recupererDetailPaiementSecurise' && e.request.includes(p.idOp)).length;
    const before = asked();
    for (let i = 0; i < 5; i++) expect(await statusOf(p)).toBe('pending');
    expect(asked()).toBe(before + 1);
    payfip.decide(p.idOp, 'V');
    t.clock.advance(3_000);
    expect(await statusOf(p)).toBe('paid');
    expect(asked()).toBe(before + 2);
  });
});

describe('PayFiP: configuration', () => {
  it('fails fast without a 6-digit client number, and reads the documented variables', async () => {
    const { loadConfig } = await import('../../src/server/config.js');
    expect(() => loadConfig({ PAYMENT_PROVIDER: 'payfip' })).toThrow(/PAYFIP_NUMCLI/);
    expect(() => loadConfig({ PAYMENT_PROVIDER: 'payfip', PAYFIP_NUMCLI: '12345' })).toThrow(/PAYFIP_NUMCLI/);
    expect(loadConfig({ PAYMENT_PROVIDER: 'payfip', PAYFIP_NUMCLI: '012345', PAYFIP_SAISIE: 'W' }).payment).toEqual({
      provider: 'payfip',
      payfip: { numcli: '012345', wsUrl: 'https://www.payfip.gouv.fr/tpa/services/securite', paymentUrl: 'https://www.payfip.gouv.fr/tpa/paiementws.web', saisie: 'W' },
      demoBankDelayMs: 4000,
    });
    expect(loadConfig({}).payment.provider).toBe('demo');
  });
});
