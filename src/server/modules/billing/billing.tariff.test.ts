import { describe, expect, it } from 'vitest';
import { tariffInput, type TariffRule } from '../../../shared/billing-contracts.js';
import { bandFor, bandLabel, groupLines, isResident, percentOf, priceDay, siblingRanks, siblingReductionPercent, type DayFacts } from './billing.tariff.js';

const rule: TariffRule = tariffInput.parse({
  bands: [
    { upToQuotient: 500, residentCents: 150, nonResidentCents: 300 },
    { upToQuotient: 800, residentCents: 275, nonResidentCents: 450 },
    { upToQuotient: null, residentCents: 455, nonResidentCents: 600 },
  ],
  siblingReductionsPercent: [0, 10, 20],
  lateBooking: { kind: 'percent', value: 50, daysBefore: 2 },
  unbookedPresence: { kind: 'fixed', value: 500 },
  unjustifiedAbsenceCharged: true,
});
const day = (f: Partial<DayFacts> = {}): DayFacts => ({ quotient: 600, resident: true, siblingRank: 1, kind: 'attended', late: false, ...f });

describe('tariff bands', () => {
  it('picks the band whose ceiling covers the quotient, bounds included', () => {
    expect(bandFor(rule.bands, 0).index).toBe(0);
    expect(bandFor(rule.bands, 500).index).toBe(0);
    expect(bandFor(rule.bands, 501).index).toBe(1);
    expect(bandFor(rule.bands, 800).index).toBe(1);
    expect(bandFor(rule.bands, 801).index).toBe(2);
    expect(bandFor(rule.bands, 99_999).index).toBe(2);
  });
  it('gives a family without a declared quotient the highest band, and says so', () => {
    const b = bandFor(rule.bands, null);
    expect(b).toMatchObject({ index: 2, missingQuotient: true });
    const p = priceDay(rule, day({ quotient: null }));
    expect(p.unitPriceCents).toBe(455);
    expect(p.missingQuotient).toBe(true);
    expect(p.computation).toContain('QF non déclaré : tranche la plus haute');
  });
  it('labels bands in French', () => {
    expect(bandLabel(rule.bands, 0)).toBe('QF jusqu’à 500');
    expect(bandLabel(rule.bands, 1)).toBe('QF 501 à 800');
    expect(bandLabel(rule.bands, 2)).toBe('QF 801 et plus');
    expect(bandLabel([{ upToQuotient: null, residentCents: 1, nonResidentCents: 1 }], 0)).toBe('tarif unique');
  });
  it('refuses bands out of order or with a ceiling on the last one', () => {
    const bad = (bands: unknown[]) => tariffInput.safeParse({ bands }).success;
    const b = (upToQuotient: number | null) => ({ upToQuotient, residentCents: 1, nonResidentCents: 1 });
    expect(bad([b(800), b(500), b(null)])).toBe(false);
    expect(bad([b(500), b(500), b(null)])).toBe(false);
    expect(bad([b(500), b(800)])).toBe(false);
    expect(bad([b(500), b(null), b(null)])).toBe(false);
    expect(bad([b(500), b(800), b(null)])).toBe(true);
  });
});

describe('residence', () => {
  it('charges the non-resident price outside the city', () => {
    expect(priceDay(rule, day({ resident: false })).unitPriceCents).toBe(450);
    expect(priceDay(rule, day({ resident: false })).computation).toContain('non-résident');
  });
  it('decides by INSEE code when both sides know it, by postal code otherwise', () => {
    const office = { postalCodes: ['59560'], inseeCodes: ['59152'] };
    expect(isResident({ postal_code: '59560', insee_code: '59152' }, office)).toBe(true);
    // same postal code, another commune
    expect(isResident({ postal_code: '59560', insee_code: '59999' }, office)).toBe(false);
    expect(isResident({ postal_code: '59560', insee_code: null }, office)).toBe(true);
    expect(isResident({ postal_code: '75001', insee_code: null }, office)).toBe(false);
    expect(isResident({ postal_code: '59560', insee_code: '59152' }, { postalCodes: ['59560'], inseeCodes: [] })).toBe(true);
    expect(isResident({ postal_code: null, insee_code: null }, office)).toBe(false);
  });
});

describe('sibling rank', () => {
  it('ranks children eldest first and applies the last reduction to later ranks', () => {
    const ranks = siblingRanks([
      { id: 'c', birthDate: '2019-01-01' },
      { id: 'a', birthDate: '2015-06-01' },
      { id: 'b', birthDate: '2017-03-01' },
      { id: 'd', birthDate: '2019-01-01' },
    ]);
    expect([...ranks.entries()]).toEqual([['a', 1], ['b', 2], ['c', 3], ['d', 4]]);
    expect(siblingReductionPercent([0, 10, 20], 1)).toBe(0);
    expect(siblingReductionPercent([0, 10, 20], 2)).toBe(10);
    expect(siblingReductionPercent([0, 10, 20], 3)).toBe(20);
    expect(siblingReductionPercent([0, 10, 20], 7)).toBe(20);
    expect(siblingReductionPercent([], 3)).toBe(0);
  });
  it('reduces the price of the second and third child', () => {
    // 275 × 10 % = 27,5 → 28 (half up) → 247
    expect(priceDay(rule, day({ siblingRank: 2 })).unitPriceCents).toBe(247);
    // 275 × 20 % = 55 → 220
    expect(priceDay(rule, day({ siblingRank: 3 })).unitPriceCents).toBe(220);
    expect(priceDay(rule, day({ siblingRank: 2 })).computation).toContain('2e enfant −10 % : −0,28 €');
  });
});

describe('surcharges and absences', () => {
  it('surcharges a late booking by a percentage of the reduced price', () => {
    // 247 × 50 % = 123,5 → 124 → 371
    const p = priceDay(rule, day({ siblingRank: 2, late: true }));
    expect(p.unitPriceCents).toBe(371);
    expect(p.computation).toContain('réservation tardive +50 % : +1,24 €');
  });
  it('surcharges a presence without booking by a fixed amount, never also as late', () => {
    const p = priceDay(rule, day({ kind: 'unbooked_presence', late: true }));
    expect(p.unitPriceCents).toBe(275 + 500);
    expect(p.computation).toContain('présence sans réservation +5,00 €');
    expect(p.computation).not.toContain('tardive');
  });
  it('does not surcharge when the tariff has no surcharge', () => {
    const plain = { ...rule, lateBooking: null, unbookedPresence: null };
    expect(priceDay(plain, day({ late: true })).unitPriceCents).toBe(275);
    expect(priceDay(plain, day({ kind: 'unbooked_presence' })).unitPriceCents).toBe(275);
  });
  it('never charges a justified absence', () => {
    expect(priceDay(rule, day({ kind: 'absence_justified', late: true })).unitPriceCents).toBe(0);
  });
  it('charges an unjustified absence when the tariff says so, and not otherwise', () => {
    expect(priceDay(rule, day({ kind: 'absence_unjustified' })).unitPriceCents).toBe(275);
    expect(priceDay(rule, day({ kind: 'absence_unjustified' })).computation).toContain('absence non justifiée : facturée');
    expect(priceDay({ ...rule, unjustifiedAbsenceCharged: false }, day({ kind: 'absence_unjustified' })).unitPriceCents).toBe(0);
  });
});

describe('rounding', () => {
  it('rounds every percentage half up to the cent in integer arithmetic', () => {
    expect(percentOf(455, 10)).toBe(46); // 45,5
    expect(percentOf(454, 10)).toBe(45); // 45,4
    expect(percentOf(1, 50)).toBe(1); // 0,5
    expect(percentOf(1, 49)).toBe(0);
    expect(percentOf(0, 50)).toBe(0);
    expect(percentOf(333, 33)).toBe(110); // 109,89
    expect(percentOf(10_000_000, 15)).toBe(1_500_000);
  });
  it('gives line totals that are exactly quantity × unit price', () => {
    const third = { ...rule, siblingReductionsPercent: [0, 0, 33] };
    const unit = priceDay(third, day({ quotient: 900, siblingRank: 3 })).unitPriceCents; // 455 − 150,15 → 455 − 150 = 305
    expect(unit).toBe(305);
    const lines = groupLines(
      ['2026-09-01', '2026-09-02', '2026-09-03'].map((d) => ({ childId: 'c', childName: 'Léa', activityName: 'A', unitLabel: 'Matin', unitPosition: 0, day: d, kind: 'attended' as const, unitPriceCents: unit, computation: 'x' })),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ quantity: 3, amountCents: 915 });
  });
});

describe('grouping into invoice lines', () => {
  it('groups days by child, activity, unit, kind and price, sorted, with the dates', () => {
    const base = { activityName: 'Périscolaire', computation: 'x' };
    const lines = groupLines([
      { ...base, childId: 'b', childName: 'Zoé', unitLabel: 'Soir', unitPosition: 1, day: '2026-09-03', kind: 'attended', unitPriceCents: 200 },
      { ...base, childId: 'a', childName: 'Adam', unitLabel: 'Soir', unitPosition: 1, day: '2026-09-02', kind: 'attended', unitPriceCents: 200 },
      { ...base, childId: 'a', childName: 'Adam', unitLabel: 'Matin', unitPosition: 0, day: '2026-09-04', kind: 'attended', unitPriceCents: 100 },
      { ...base, childId: 'a', childName: 'Adam', unitLabel: 'Matin', unitPosition: 0, day: '2026-09-01', kind: 'attended', unitPriceCents: 100 },
      { ...base, childId: 'a', childName: 'Adam', unitLabel: 'Matin', unitPosition: 0, day: '2026-09-02', kind: 'absence_justified', unitPriceCents: 0 },
      { ...base, childId: 'a', childName: 'Adam', unitLabel: 'Matin', unitPosition: 0, day: '2026-09-03', kind: 'attended', unitPriceCents: 150, computation: 'late' },
    ]);
    expect(lines.map((l) => [l.childName, l.unitLabel, l.kind, l.days.join(','), l.quantity, l.amountCents])).toEqual([
      ['Adam', 'Matin', 'attended', '2026-09-01,2026-09-04', 2, 200],
      ['Adam', 'Matin', 'attended', '2026-09-03', 1, 150],
      ['Adam', 'Matin', 'absence_justified', '2026-09-02', 1, 0],
      ['Adam', 'Soir', 'attended', '2026-09-02', 1, 200],
      ['Zoé', 'Soir', 'attended', '2026-09-03', 1, 200],
    ]);
  });
});
