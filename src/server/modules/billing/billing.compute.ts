/**
 * The invoice of one family for one month, computed from the facts the run gathered (billing.sources.ts): pure, no
 * database, no clock — the rules of guide § « Facturation » in one place (billing.tariff.ts prices a day).
 *
 *   - a booked day is charged by its attendance mark: present (or no mark) → attended; « absent justifié » /
 *     « absent non justifié » → its own line (free, or charged if the tariff says so); « présent sans réservation »
 *     on a booked day counts as attended;
 *   - a « présent sans réservation » mark without a booking → an unbooked-presence line (surcharge if any);
 *   - booked fewer than `lateBooking.daysBefore` days before the day (the day the family asked, Paris time) → late;
 *   - the price band by quotient and residence, the sibling rank by age (eldest first), a unit without tariff not
 *     charged but counted for the run's warnings.
 */
import type { AttendanceStatus } from '../../../shared/booking-contracts.js';
import type { LineKind, TariffRule } from '../../../shared/billing-contracts.js';
import { addDays } from '../../../shared/calendar/paris-time.js';
import { groupLines, isResident, priceDay, siblingRanks, type DayCharge, type GroupedLine } from './billing.tariff.js';

export interface RunUnit {
  id: string;
  label: string;
  position: number;
  activityId: string;
  activityName: string;
  tariff: TariffRule | null;
}

/** What the run knows of one family for the month. */
export interface FamilyFacts {
  familyId: string;
  family: {
    address_line1: string | null;
    address_line2: string | null;
    postal_code: string | null;
    city: string | null;
    insee_code: string | null;
    family_quotient: number | null;
    payer_rank: number;
  };
  guardians: { rank: number; civility: string | null; first_name: string; last_name: string; email: string | null }[];
  /** the family's login e-mail, when no guardian has one */
  loginEmail: string | null;
  children: Map<string, { first_name: string; last_name: string; birth_date: string }>;
  /** accepted days grouped by child, unit, booking instant and mark */
  booked: { childId: string; unitId: string; bookedAt: string | null; status: AttendanceStatus | null; days: string[] }[];
  /** « présent sans réservation » marks on days without an accepted booking */
  unbooked: { childId: string; unitId: string; day: string }[];
}

export interface DraftInvoice {
  familyId: string;
  familyName: string;
  /** JSON: { name, addressLines, email } */
  payer: string;
  quotient: number | null;
  resident: boolean;
  lines: GroupedLine[];
  totalCents: number;
}

export interface Residence {
  postalCodes: string[];
  inseeCodes: string[];
}

const KIND_OF_MARK: Record<AttendanceStatus, LineKind> = {
  present: 'attended',
  present_unbooked: 'attended',
  absent_justified: 'absence_justified',
  absent_unjustified: 'absence_unjustified',
};

/**
 * The family's draft invoice (null when nothing is due: no day, or every day free), and the days not charged for
 * want of a tariff, by unit. `parisDayOf` turns a booking instant into its Paris day (memoised by the caller).
 */
export function invoiceForFamily(
  facts: FamilyFacts,
  units: ReadonlyMap<string, RunUnit>,
  residence: Residence,
  parisDayOf: (instant: string) => string,
): { invoice: DraftInvoice | null; missingTariff: Map<string, number> } {
  const missingTariff = new Map<string, number>();
  const { family: fam } = facts;
  const groups: { childId: string; unitId: string; kind: LineKind; days: string[]; bookedDay: string | null }[] = [];
  for (const b of facts.booked)
    groups.push({ childId: b.childId, unitId: b.unitId, kind: b.status ? KIND_OF_MARK[b.status] : 'attended', days: b.days, bookedDay: b.bookedAt ? parisDayOf(b.bookedAt) : null });
  for (const u of facts.unbooked) groups.push({ childId: u.childId, unitId: u.unitId, kind: 'unbooked_presence', days: [u.day], bookedDay: null });
  if (groups.length === 0) return { invoice: null, missingTariff };

  const resident = isResident(fam, residence);
  const ranks = siblingRanks([...new Set(groups.map((g) => g.childId))].map((id) => ({ id, birthDate: facts.children.get(id)?.birth_date ?? '9999-12-31' })));
  const prices = new Map<string, ReturnType<typeof priceDay>>();
  const charges: DayCharge[] = [];
  for (const g of groups) {
    const unit = units.get(g.unitId);
    if (!unit) continue;
    const tariff = unit.tariff;
    if (!tariff) {
      missingTariff.set(g.unitId, (missingTariff.get(g.unitId) ?? 0) + g.days.length);
      continue;
    }
    const rank = ranks.get(g.childId) ?? 1;
    const child = facts.children.get(g.childId);
    const childName = child ? `${child.first_name} ${child.last_name.toUpperCase()}` : g.childId;
    // late: booked fewer than daysBefore days before the day, i.e. the day falls before bookedDay + daysBefore
    const lateUntil = tariff.lateBooking && g.bookedDay ? addDays(g.bookedDay, tariff.lateBooking.daysBefore) : null;
    const late = lateUntil ? g.days.filter((d) => d < lateUntil) : [];
    const onTime = lateUntil ? g.days.filter((d) => d >= lateUntil) : g.days;
    for (const [days, isLate] of [
      [onTime, false],
      [late, true],
    ] as const) {
      if (days.length === 0) continue;
      // a family has a handful of distinct prices: each computed once
      const key = `${g.unitId}|${rank}|${g.kind}|${isLate}`;
      let price = prices.get(key);
      if (!price) prices.set(key, (price = priceDay(tariff, { quotient: fam.family_quotient, resident, siblingRank: rank, kind: g.kind, late: isLate })));
      charges.push({
        childId: g.childId,
        childName,
        activityName: unit.activityName,
        unitLabel: unit.label,
        unitPosition: unit.position,
        days,
        kind: g.kind,
        unitPriceCents: price.unitPriceCents,
        computation: price.computation,
      });
    }
  }
  const lines = groupLines(charges);
  const totalCents = lines.reduce((s, l) => s + l.amountCents, 0);
  if (totalCents === 0) return { invoice: null, missingTariff };

  const payer = facts.guardians.find((g) => g.rank === fam.payer_rank) ?? facts.guardians[0];
  const familyName = payer ? payer.last_name.toUpperCase() : 'FAMILLE';
  const civility = payer?.civility === 'MME' ? 'Mme' : payer?.civility === 'M' ? 'M.' : null;
  const payerName = payer ? [civility, payer.first_name, payer.last_name.toUpperCase()].filter(Boolean).join(' ') : familyName;
  const email = payer?.email ?? facts.loginEmail ?? null;
  const addressLines = [fam.address_line1, fam.address_line2, [fam.postal_code, fam.city].filter(Boolean).join(' ')].filter((x): x is string => !!x);
  return {
    invoice: { familyId: facts.familyId, familyName, payer: JSON.stringify({ name: payerName, addressLines, email }), quotient: fam.family_quotient, resident, lines, totalCents },
    missingTariff,
  };
}
