import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { buildPain008, businessDayFrom, checkBankDetails, newRum, parseReturns, sepaText } from './billing.sepa.js';
import { dueStep, isValidCreditorId } from './billing.money.js';

const tx = (n: number, sequence: 'FRST' | 'RCUR', amountCents: number) => ({
  endToEndId: `E2E-${n}`,
  amountCents,
  sequence,
  rum: `RUM-${n}`,
  signedOn: '2026-09-01',
  debtorName: 'Éloïse Dupré & fils',
  iban: 'FR7630006000011234567890189',
  bic: 'AGRIFRPP',
  remittance: `Facture ${n}`,
});

describe('pain.008', () => {
  const xml = buildPain008({
    messageId: 'PF-1-ABC',
    createdAt: '2026-11-02T09:00:00.000Z',
    creditor: { name: 'Régie enfance', iban: 'FR1420041010050500013M02606', bic: 'PSSTFRPPLIL', ics: 'FR72ZZZ123456' },
    collectionDate: '2026-11-16',
    transactions: [tx(1, 'FRST', 4250), tx(2, 'RCUR', 1005), tx(3, 'RCUR', 1)],
  });
  const doc = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (n) => n === 'PmtInf' || n === 'DrctDbtTxInf' }).parse(xml).Document;
  const init = doc.CstmrDrctDbtInitn;

  it('adds up every transaction in the group header, and per sequence type in each payment block', () => {
    expect(init.GrpHdr).toMatchObject({ MsgId: 'PF-1-ABC', CreDtTm: '2026-11-02T09:00:00', NbOfTxs: '3', CtrlSum: '52.56' });
    expect(init.PmtInf.map((p: { PmtTpInf: { SeqTp: string }; NbOfTxs: string; CtrlSum: string }) => [p.PmtTpInf.SeqTp, p.NbOfTxs, p.CtrlSum])).toEqual([
      ['FRST', '1', '42.50'],
      ['RCUR', '2', '10.06'],
    ]);
    const sum = init.PmtInf.flatMap((p: { DrctDbtTxInf: { InstdAmt: { '#text': string } }[] }) => p.DrctDbtTxInf.map((t) => Number(t.InstdAmt['#text']))).reduce((a: number, b: number) => a + b, 0);
    expect(sum.toFixed(2)).toBe(init.GrpHdr.CtrlSum);
  });

  it('names the creditor scheme, the collection date and each mandate, in SEPA characters', () => {
    const p = init.PmtInf[1];
    expect(p.ReqdColltnDt).toBe('2026-11-16');
    expect(p.CdtrSchmeId.Id.PrvtId.Othr).toEqual({ Id: 'FR72ZZZ123456', SchmeNm: { Prtry: 'SEPA' } });
    expect(p.DrctDbtTxInf[0].DrctDbtTx.MndtRltdInf).toEqual({ MndtId: 'RUM-2', DtOfSgntr: '2026-09-01' });
    expect(p.DrctDbtTxInf[0].Dbtr.Nm).toBe('Eloise Dupre fils');
    expect(init.GrpHdr.InitgPty.Nm).toBe('Regie enfance');
  });

  it('leaves out a payment block without transactions', () => {
    const only = buildPain008({ messageId: 'M', createdAt: '2026-11-02T09:00:00Z', creditor: { name: 'R', iban: 'X', bic: 'Y', ics: 'Z' }, collectionDate: '2026-11-16', transactions: [tx(1, 'RCUR', 100)] });
    expect(only).not.toContain('<SeqTp>FRST</SeqTp>');
  });
});

describe('bank details, identifiers and dates', () => {
  it('validates IBAN (checksum, SEPA country) and BIC', () => {
    expect(checkBankDetails('fr76 3000 6000 0112 3456 7890 189', 'agrifrpp')).toEqual({ iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP' });
    expect(() => checkBankDetails('FR7630006000011234567890188', 'AGRIFRPP')).toThrow();
    expect(() => checkBankDetails('BR1500000000000010932840814P2', 'AGRIFRPP')).toThrow();
    expect(() => checkBankDetails('FR7630006000011234567890189', 'AGRI')).toThrow();
  });
  it('makes unique RUMs of at most 35 characters', () => {
    const rums = new Set(Array.from({ length: 500 }, () => newRum('RÉGIE-ENFANCE-JEUNESSE', 2026)));
    expect(rums.size).toBe(500);
    for (const r of rums) expect(r).toMatch(/^[A-Z0-9-]{1,35}$/);
  });
  it('checks the creditor identifier', () => {
    expect(isValidCreditorId('FR72ZZZ123456')).toBe(true);
    expect(isValidCreditorId('fr72 zzz 123456')).toBe(true);
    expect(isValidCreditorId('FR72ZZZ123457')).toBe(false);
  });
  it('moves a collection date off weekends and bank holidays', () => {
    expect(businessDayFrom('2026-11-14')).toBe('2026-11-16'); // Saturday → Monday
    expect(businessDayFrom('2026-12-25')).toBe('2026-12-28');
    expect(businessDayFrom('2026-11-17')).toBe('2026-11-17');
  });
  it('keeps SEPA characters only', () => {
    expect(sepaText('Crèche « Les Lutins » & Cie', 70)).toBe('Creche Les Lutins Cie');
  });
});

describe('reminder schedule', () => {
  const steps = [
    { afterDays: 7, channel: 'email' as const },
    { afterDays: 21, channel: 'email' as const },
    { afterDays: 35, channel: 'letter' as const },
  ];
  it('gives the last step reached', () => {
    expect(dueStep(steps, 0)).toBeNull();
    expect(dueStep(steps, 6)).toBeNull();
    expect(dueStep(steps, 7)).toBe(0);
    expect(dueStep(steps, 30)).toBe(1);
    expect(dueStep(steps, 400)).toBe(2);
  });
});

describe('bank returns', () => {
  it('reads a CSV with or without heading, « ; » or « , », fees with a comma', () => {
    expect(parseReturns('\uFEFFend_to_end_id;reason;fee\r\nA-1;AM04;7,50\r\nA-2;MD06;\r\n')).toEqual([
      { endToEndId: 'A-1', reasonCode: 'AM04', feeCents: 750 },
      { endToEndId: 'A-2', reasonCode: 'MD06', feeCents: null },
    ]);
    expect(parseReturns('A-3,AC04,3.2')).toEqual([{ endToEndId: 'A-3', reasonCode: 'AC04', feeCents: 320 }]);
  });
  it('refuses anything else', () => {
    expect(() => parseReturns('<html></html>')).toThrow();
    expect(() => parseReturns('=cmd|calc;x;y')).toThrow();
  });
});
