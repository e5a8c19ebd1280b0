import { formatEuros, type LineKind, type TariffBand, type TariffRule } from '../../../shared/billing-contracts.js';

/**
 * The tariff engine: pure functions from a unit's tariff and a day's facts to the day's price in integer cents,
 * with the computation spelled out in French. Rounding: every percentage is applied to integer cents and rounded
 * half up to the cent (0,5 centime → 1 centime), once per step, in this order: band price (resident or not) →
 * sibling reduction → surcharge. A day's price is therefore the same on every invoice and in every line total
 * (quantity × unit price, never a rounded sum of fractions).
 */

export interface DayFacts {
  /** null: no declared quotient → the highest band */
  quotient: number | null;
  resident: boolean;
  /** 1 for the eldest child billed this month, 2 for the next… */
  siblingRank: number;
  kind: LineKind;
  /** the booking was made fewer than the tariff's `lateBooking.daysBefore` days ahead */
  late: boolean;
}

export interface DayPrice {
  unitPriceCents: number;
  bandIndex: number;
  /** « QF 501 à 800 » */
  bandLabel: string;
  missingQuotient: boolean;
  /** how the price was obtained, in French */
  computation: string;
}

/** percent of cents, rounded half up to the cent (cents ≥ 0, percent ≥ 0: integer arithmetic, no float drift). */
export function percentOf(cents: number, percent: number): number {
  return Math.floor((cents * percent + 50) / 100);
}

/** The band of a quotient (bands ascending, last without ceiling); no quotient → the last (highest) band. */
export function bandFor(bands: TariffBand[], quotient: number | null): { index: number; band: TariffBand; missingQuotient: boolean } {
  if (bands.length === 0) throw new Error('a tariff has at least one band');
  if (quotient === null) return { index: bands.length - 1, band: bands[bands.length - 1], missingQuotient: true };
  const index = bands.findIndex((b) => b.upToQuotient === null || quotient <= b.upToQuotient);
  const i = index === -1 ? bands.length - 1 : index;
  return { index: i, band: bands[i], missingQuotient: false };
}

export function bandLabel(bands: TariffBand[], index: number): string {
  const b = bands[index];
  const from = index === 0 ? 0 : bands[index - 1].upToQuotient! + 1;
  if (bands.length === 1) return 'tarif unique';
  if (b.upToQuotient === null) return `QF ${from} et plus`;
  if (index === 0) return `QF jusqu’à ${b.upToQuotient}`;
  return `QF ${from} à ${b.upToQuotient}`;
}

/** The reduction percent for a sibling rank: the list's last value applies to every later rank. */
export function siblingReductionPercent(reductions: number[], rank: number): number {
  if (reductions.length === 0 || rank < 1) return 0;
  return reductions[Math.min(rank, reductions.length) - 1];
}

function surchargeCents(s: { kind: 'percent' | 'fixed'; value: number }, base: number): number {
  return s.kind === 'percent' ? percentOf(base, s.value) : s.value;
}

function surchargeText(s: { kind: 'percent' | 'fixed'; value: number }): string {
  return s.kind === 'percent' ? `+${s.value} %` : `+${formatEuros(s.value)}`;
}

/** The price of one day of one unit for one child, and why. */
export function priceDay(rule: TariffRule, f: DayFacts): DayPrice {
  const { index, band, missingQuotient } = bandFor(rule.bands, f.quotient);
  const label = bandLabel(rule.bands, index);
  const base = f.resident ? band.residentCents : band.nonResidentCents;
  const parts: string[] = [
    `${missingQuotient ? 'QF non déclaré : tranche la plus haute' : `Tranche ${index + 1} (${label})`}, ${f.resident ? 'résident' : 'non-résident'} : ${formatEuros(base)}`,
  ];
  const result = (unitPriceCents: number, extra?: string): DayPrice => ({
    unitPriceCents,
    bandIndex: index,
    bandLabel: label,
    missingQuotient,
    computation: [...parts, ...(extra ? [extra] : [])].join(' ; '),
  });

  if (f.kind === 'absence_justified') return result(0, 'absence justifiée : non facturée');
  if (f.kind === 'absence_unjustified' && !rule.unjustifiedAbsenceCharged) return result(0, 'absence non justifiée : non facturée');

  let price = base;
  const pct = siblingReductionPercent(rule.siblingReductionsPercent, f.siblingRank);
  if (pct > 0) {
    const off = percentOf(price, pct);
    price -= off;
    parts.push(`${f.siblingRank}e enfant −${pct} % : −${formatEuros(off)}`);
  }
  let surcharge = 0;
  if (f.kind === 'unbooked_presence' && rule.unbookedPresence) {
    surcharge = surchargeCents(rule.unbookedPresence, price);
    parts.push(`présence sans réservation ${surchargeText(rule.unbookedPresence)} : +${formatEuros(surcharge)}`);
  } else if (f.kind !== 'unbooked_presence' && f.late && rule.lateBooking) {
    surcharge = surchargeCents(rule.lateBooking, price);
    parts.push(`réservation tardive ${surchargeText(rule.lateBooking)} : +${formatEuros(surcharge)}`);
  }
  if (f.kind === 'absence_unjustified') parts.push('absence non justifiée : facturée');
  price += surcharge;
  return result(price, `= ${formatEuros(price)}`);
}

/** A charged (or shown free) day, or several days charged alike, before grouping into invoice lines. */
export type DayCharge = {
  childId: string;
  childName: string;
  activityName: string;
  unitLabel: string;
  /** for sorting lines in the unit's order */
  unitPosition: number;
  kind: LineKind;
  unitPriceCents: number;
  computation: string;
} & ({ day: string } | { days: string[] });

export interface GroupedLine {
  childId: string;
  childName: string;
  activityName: string;
  unitLabel: string;
  kind: LineKind;
  days: string[];
  quantity: number;
  unitPriceCents: number;
  amountCents: number;
  computation: string;
}

const collator = new Intl.Collator('fr');
const KIND_ORDER: Record<LineKind, number> = { attended: 0, unbooked_presence: 1, absence_unjustified: 2, absence_justified: 3 };

/**
 * Groups a family's days into invoice lines: one per child, activity, unit, kind and computation (so a line has
 * one unit price), listing its days; ordered by child, activity, unit, kind.
 */
export function groupLines(charges: DayCharge[]): GroupedLine[] {
  const groups = new Map<string, { line: GroupedLine; order: [string, string, number, number] }>();
  for (const c of charges) {
    const key = [c.childId, c.activityName, c.unitLabel, c.kind, c.unitPriceCents, c.computation].join('\u0000');
    let g = groups.get(key);
    if (!g) {
      g = {
        line: { childId: c.childId, childName: c.childName, activityName: c.activityName, unitLabel: c.unitLabel, kind: c.kind, days: [], quantity: 0, unitPriceCents: c.unitPriceCents, amountCents: 0, computation: c.computation },
        order: [c.childName + '\u0000' + c.childId, c.activityName, c.unitPosition, KIND_ORDER[c.kind]],
      };
      groups.set(key, g);
    }
    if ('days' in c) g.line.days.push(...c.days);
    else g.line.days.push(c.day);
  }
  const out = [...groups.values()];
  for (const { line } of out) {
    line.days.sort();
    line.quantity = line.days.length;
    line.amountCents = line.quantity * line.unitPriceCents;
  }
  out.sort((a, b) => {
    for (let i = 0; i < 4; i++) {
      const x = a.order[i];
      const y = b.order[i];
      if (x !== y) return typeof x === 'number' ? x - (y as number) : collator.compare(String(x), String(y));
    }
    return a.line.days[0].localeCompare(b.line.days[0]);
  });
  return out.map((g) => g.line);
}

/**
 * A family is resident when its commune is the city's: by INSEE code when both sides know it (a postal code may
 * cover several communes), otherwise by postal code.
 */
export function isResident(family: { postal_code: string | null; insee_code: string | null }, office: { postalCodes: string[]; inseeCodes: string[] }): boolean {
  if (office.inseeCodes.length > 0 && family.insee_code) return office.inseeCodes.includes(family.insee_code);
  return !!family.postal_code && office.postalCodes.includes(family.postal_code);
}

/** Sibling ranks: eldest first (birth date, then id), 1-based. */
export function siblingRanks(children: { id: string; birthDate: string }[]): Map<string, number> {
  const sorted = [...children].sort((a, b) => a.birthDate.localeCompare(b.birthDate) || a.id.localeCompare(b.id));
  return new Map(sorted.map((c, i) => [c.id, i + 1]));
}
