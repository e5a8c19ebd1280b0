import { describe, expect, it } from 'vitest';
import { idOpOfCreate, PayfipFaultError, payfipObject, resultOfDetail, soapEnvelope } from './payfip.client.js';
import { parseSoap, SoapFormatError } from './soap.js';
import { ProviderUnavailableError } from './payment.provider.js';

const detail = (resultrans: string, extra = '') =>
  `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><ns2:recupererDetailPaiementSecuriseResponse xmlns:ns2="x"><return>` +
  `<dattrans>27112026</dattrans><exer>2026</exer><heurtrans>1015</heurtrans><idOp>abc123</idOp><mel>a@b.fr</mel><montant>6125</montant>` +
  `<numauto>112233</numauto><numcli>012345</numcli><objet>Factures</objet><refdet>PF2026ABC</refdet><resultrans>${resultrans}</resultrans><saisie>T</saisie>${extra}` +
  `</return></ns2:recupererDetailPaiementSecuriseResponse></soap:Body></soap:Envelope>`;
const fault = (code: string) =>
  `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode>` +
  `<faultstring>fr.gouv.finances.cp.tpa.webservice.exceptions.FonctionnelleErreur</faultstring><detail><ns1:FonctionnelleErreur xmlns:ns1="y">` +
  `<code>${code}</code><descriptif>d</descriptif><libelle>l</libelle><severite>2</severite></ns1:FonctionnelleErreur></detail></soap:Fault></soap:Body></soap:Envelope>`;

describe('PayFiP messages', () => {
  it('builds arg0 with escaped values in alphabetical order', () => {
    const xml = soapEnvelope('creerPaiementSecurise', { refdet: 'R1', mel: 'a&b@x.fr', exer: 2026 });
    expect(xml).toContain('<pai:creerPaiementSecurise><arg0><exer>2026</exer><mel>a&amp;b@x.fr</mel><refdet>R1</refdet></arg0></pai:creerPaiementSecurise>');
  });

  it('reads fields whatever their prefix', () => {
    const other =
      `<?xml version="1.0"?><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Header/><S:Body>` +
      `<pf:creerPaiementSecuriseResponse xmlns:pf="x"><pf:return><pf:idOp>X1</pf:idOp></pf:return></pf:creerPaiementSecuriseResponse></S:Body></S:Envelope>`;
    expect(idOpOfCreate(other)).toBe('X1');
    // a default namespace, no prefix at all
    const unprefixed = `<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Body><r xmlns="x"><return><idOp>a-1</idOp></return></r></Body></Envelope>`;
    expect(idOpOfCreate(unprefixed)).toBe('a-1');
    expect(resultOfDetail(detail('P').replaceAll('soap:', 'env:').replace('xmlns:soap=', 'xmlns:env=')).kind).toBe('paid');
    expect(() => idOpOfCreate(`<s:Envelope xmlns:s="u"><s:Body><r><return><idOp>a&amp;b</idOp></return></r></s:Body></s:Envelope>`)).toThrow(/no idOp/);
  });

  it('maps resultrans: P and V paid, R and Z refused, A abandoned', () => {
    expect(resultOfDetail(detail('P'))).toEqual({ kind: 'paid', transactionId: '112233/abc123', amountCents: 6125, reference: 'PF2026ABC', code: 'P' });
    expect(resultOfDetail(detail('V')).kind).toBe('paid');
    expect(resultOfDetail(detail('R'))).toEqual({ kind: 'refused', amountCents: 6125, reference: 'PF2026ABC', code: 'R' });
    expect(resultOfDetail(detail('Z')).kind).toBe('refused');
    expect(resultOfDetail(detail('A')).kind).toBe('abandoned');
    expect(() => resultOfDetail(detail('Q'))).toThrow(ProviderUnavailableError);
  });

  it('maps faults: P5 pending, P1 unknown, others are errors to retry', () => {
    expect(parseSoap(fault('P5')).fault).toMatchObject({ code: 'P5', descriptif: 'd', faultcode: 'soap:Server' });
    expect(resultOfDetail(fault('P5'))).toEqual({ kind: 'pending', code: 'P5' });
    expect(resultOfDetail(fault('P1'))).toEqual({ kind: 'unknown', code: 'P1' });
    expect(() => resultOfDetail(fault('R3'))).toThrow(ProviderUnavailableError);
    expect(() => resultOfDetail(fault('R3'))).toThrow(PayfipFaultError);
    expect(() => resultOfDetail(fault('R3'))).toThrow('PayFiP: fault R3 (d): fr.gouv.finances.cp.tpa.webservice.exceptions.FonctionnelleErreur');
    expect(parseSoap(detail('P')).fault).toBeNull();
  });

  it('a fault to creerPaiementSecurise is a clear error', () => {
    expect(() => idOpOfCreate(fault('R3'))).toThrow(PayfipFaultError);
    expect(() => idOpOfCreate(fault('R3'))).toThrow(/^PayFiP refused the order: fault R3 \(d\)/);
  });

  it('a malformed answer is a ProviderUnavailableError, never a crash', () => {
    for (const bad of ['', 'Service Unavailable', '<html><body>Bad gateway', detail('P').slice(0, -10), '<a>x</a>', '<Envelope><Header/></Envelope>']) {
      expect(() => resultOfDetail(bad)).toThrow(SoapFormatError);
      expect(() => resultOfDetail(bad)).toThrow(ProviderUnavailableError);
      expect(() => idOpOfCreate(bad)).toThrow(ProviderUnavailableError);
    }
  });

  it('makes objet ≤ 100 ASCII letters, digits and spaces', () => {
    expect(payfipObject('Factures n° 2026-000012 — Cantine été')).toBe('Factures n 2026 000012 Cantine ete');
    const long = payfipObject('Factures ' + '2026-000001 '.repeat(20));
    expect(long.length).toBeLessThanOrEqual(100);
    expect(long).toMatch(/^[A-Za-z0-9 ]+$/);
  });
});
