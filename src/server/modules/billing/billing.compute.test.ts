import { describe, expect, it } from 'vitest';
import { tariffInput, type TariffRule } from '../../../shared/billing-contracts.js';
import { parisDateOf } from '../../../shared/calendar/paris-time.js';
import { invoiceForFamily, type FamilyFacts, type RunUnit } from './billing.compute.js';

const rule: TariffRule = tariffInput.parse({
  bands: [
    { upToQuotient: 500, residentCents: 150, nonResidentCents: 300 },
    { upToQuotient: null, residentCents: 455, nonResidentCents: 600 },
  ],
  siblingReductionsPercent: [0, 10],
  lateBooking: { kind: 'percent', value: 50, daysBefore: 2 },
  unbookedPresence: { kind: 'fixed', value: 500 },
  unjustifiedAbsenceCharged: true,
});
const units = new Map<string, RunUnit>([
  ['u-repas', { id: 'u-repas', label: 'Repas', position: 1, activityId: 'a', activityName: 'Cantine', tariff: rule }],
  ['u-matin', { id: 'u-matin', label: 'Matin', position: 0, activityId: 'a', activityName: 'Cantine', tariff: null }],
]);
const residence = { postalCodes: ['59560'], inseeCodes: [] };
const facts = (f: Partial<FamilyFacts> = {}): FamilyFacts => ({
  familyId: 'f1',
  family: { address_line1: '1 rue Haute', address_line2: null, postal_code: '59560', city: 'Comines', insee_code: null, family_quotient: 400, payer_rank: 2 },
  guardians: [
    { rank: 1, civility: 'M', first_name: 'Paul', last_name: 'Durand', email: null },
    { rank: 2, civility: 'MME', first_name: 'Claire', last_name: 'Martin', email: 'claire@example.fr' },
  ],
  loginEmail: 'compte@example.fr',
  children: new Map([
    ['c-older', { first_name: 'Léo', last_name: 'Durand', birth_date: '2016-03-01' }],
    ['c-younger', { first_name: 'Zoé', last_name: 'Durand', birth_date: '2019-05-01' }],
  ]),
  booked: [],
  unbooked: [],
  ...f,
});

describe('the invoice of one family for a month', () => {
  it('splits days booked too late from days booked in time, by the day the family asked (Paris time)', () => {
    // asked on Sunday 13 September 2026 at 23:30 in Paris (21:30 UTC): the 14th is late (< 2 days), the 15th is in time
    const { invoice } = invoiceForFamily(
      facts({ booked: [{ childId: 'c-older', unitId: 'u-repas', bookedAt: '2026-09-13T21:30:00.000Z', status: null, days: ['2026-09-14', '2026-09-15', '2026-09-16'] }] }),
      units,
      residence,
      (i) => parisDateOf(new Date(i)),
    );
    expect(invoice!.lines.map((l) => [l.days, l.unitPriceCents])).toEqual([
      [['2026-09-14'], 225],
      [['2026-09-15', '2026-09-16'], 150],
    ]);
    expect(invoice!.totalCents).toBe(525);
  });

  it('charges each mark as the guide says, the sibling reduction by age, and an unbooked presence with its surcharge', () => {
    const { invoice } = invoiceForFamily(
      facts({
        booked: [
          { childId: 'c-younger', unitId: 'u-repas', bookedAt: null, status: 'absent_justified', days: ['2026-09-07'] },
          { childId: 'c-younger', unitId: 'u-repas', bookedAt: null, status: 'absent_unjustified', days: ['2026-09-08'] },
          { childId: 'c-younger', unitId: 'u-repas', bookedAt: null, status: 'present_unbooked', days: ['2026-09-09'] },
          { childId: 'c-older', unitId: 'u-repas', bookedAt: null, status: 'present', days: ['2026-09-10'] },
        ],
        unbooked: [{ childId: 'c-older', unitId: 'u-repas', day: '2026-09-11' }],
      }),
      units,
      residence,
      (i) => i.slice(0, 10),
    );
    const byKind = Object.fromEntries(invoice!.lines.map((l) => [`${l.childId} ${l.kind}`, l.amountCents]));
    expect(byKind).toEqual({
      'c-older attended': 150,
      'c-older unbooked_presence': 650,
      'c-younger attended': 135, // second child: 10 %
      'c-younger absence_unjustified': 135,
      'c-younger absence_justified': 0,
    });
    expect(JSON.parse(invoice!.payer)).toEqual({ name: 'Mme Claire MARTIN', addressLines: ['1 rue Haute', '59560 Comines'], email: 'claire@example.fr' });
    expect(invoice!.familyName).toBe('MARTIN');
  });

  it('leaves out a unit without tariff and counts its days; no invoice when nothing is due', () => {
    const r = invoiceForFamily(
      facts({ booked: [{ childId: 'c-older', unitId: 'u-matin', bookedAt: null, status: null, days: ['2026-09-07', '2026-09-08'] }] }),
      units,
      residence,
      (i) => i,
    );
    expect(r.invoice).toBeNull();
    expect([...r.missingTariff]).toEqual([['u-matin', 2]]);
    expect(invoiceForFamily(facts(), units, residence, (i) => i).invoice).toBeNull();
  });

  it('falls back to the login e-mail and the first guardian when the payer rank has no guardian', () => {
    const { invoice } = invoiceForFamily(
      facts({
        family: { ...facts().family, payer_rank: 3, postal_code: '59000', family_quotient: null },
        guardians: [{ rank: 1, civility: null, first_name: 'Paul', last_name: 'Durand', email: null }],
        booked: [{ childId: 'c-older', unitId: 'u-repas', bookedAt: null, status: null, days: ['2026-09-07'] }],
      }),
      units,
      residence,
      (i) => i,
    );
    expect(JSON.parse(invoice!.payer)).toMatchObject({ name: 'Paul DURAND', email: 'compte@example.fr' });
    expect(invoice).toMatchObject({ resident: false, quotient: null, totalCents: 600 });
  });
});
