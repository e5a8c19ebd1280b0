/**
 * What a monthly invoicing run reads, gathered from the modules that own it: the office's units and tariffs, the
 * families to invoice, and for each chunk of families their facts (billing.compute.ts turns them into invoices).
 * Bookings and attendance come through the booking module's reads (booking.billable.ts).
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { TariffRule } from '../../../shared/billing-contracts.js';
import * as billable from '../booking/booking.billable.js';
import { unitsWithActivity } from '../catalog/catalog.service.js';
import { childrenOfFamilies, familyIdsOfChildren, firstHouseholds, sharedCustodies } from '../child/child.service.js';
import { custodyAllows, type CustodyPart } from '../../../shared/custody.js';
import { familyBillingFacts, guardiansOfFamilies } from '../family/family.service.js';
import { familyLoginEmails } from '../account/account.logins.js';
import type { FamilyFacts, RunUnit } from './billing.compute.js';

type Executor = Kysely<DB> | Transaction<DB>;

const IN_LIST = 1000;

function slices<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** The office's units with their activity and tariff. */
export async function officeUnits(db: Executor, officeId: string): Promise<Map<string, RunUnit>> {
  const activityIds = (await db.selectFrom('office_activity').select('activity_id').where('office_id', '=', officeId).execute()).map((r) => r.activity_id);
  const units = await unitsWithActivity(db, { activityIds });
  const tariffs = units.length ? await db.selectFrom('tariff').select(['unit_id', 'rule']).where('unit_id', 'in', units.map((u) => u.id)).execute() : [];
  const ruleOf = new Map(tariffs.map((t) => [t.unit_id, JSON.parse(t.rule) as TariffRule]));
  return new Map(units.map((u) => [u.id, { id: u.id, label: u.label, position: u.position, activityId: u.activity_id, activityName: u.activity_name, tariff: ruleOf.get(u.id) ?? null }]));
}

/** The families with something to invoice in [first, last] on these units (a booking, or a presence without one), by id. */
export async function familiesToInvoice(db: Executor, unitIds: string[], first: string, last: string): Promise<string[]> {
  const ids = new Set(await billable.familiesWithBookings(db, unitIds, first, last));
  const present = await billable.childrenPresentUnbooked(db, unitIds, first, last);
  for (const part of slices(present, IN_LIST)) for (const id of await familyIdsOfChildren(db, part)) ids.add(id);
  return [...ids].sort();
}

/** The facts of these families for the month (those without a family row are left out). */
export async function factsOfFamilies(
  db: Executor,
  familyIds: string[],
  units: ReadonlyMap<string, RunUnit>,
  first: string,
  last: string,
): Promise<FamilyFacts[]> {
  if (familyIds.length === 0) return [];
  const unitIds = [...units.keys()];
  const activityIds = [...new Set([...units.values()].map((u) => u.activityId))];
  const children = await childrenOfFamilies(db, familyIds);
  const childIds = [...new Set(children.map((c) => c.id))];
  const [booked, unbooked, families, guardians, accounts] = await Promise.all([
    billable.bookedDaysOf(db, { childIds, activityIds, unitIds, first, last }),
    billable.unbookedPresencesOf(db, { childIds, unitIds, first, last }),
    familyBillingFacts(db, familyIds),
    guardiansOfFamilies(db, familyIds),
    familyLoginEmails(db, familyIds),
  ]);
  const facts = new Map<string, FamilyFacts>();
  for (const f of families) {
    const { id, ...family } = f;
    facts.set(id, { familyId: id, family, guardians: [], loginEmail: null, children: new Map(), booked: [], unbooked: [] });
  }
  for (const g of [...guardians].sort((a, b) => a.rank - b.rank)) facts.get(g.family_id)?.guardians.push(g);
  for (const [familyId, email] of accounts) {
    const f = facts.get(familyId);
    if (f) f.loginEmail = email;
  }
  // A child shared by two households (issue 11) is in both households' facts; a booked day is billed to the household
  // that booked it (the booking's family), a presence without a booking to the household whose custody covers the
  // day (the child's first household when custody is free or the child has one household).
  const firstHousehold = new Map<string, string>();
  for (const c of children) facts.get(c.family_id)?.children.set(c.id, c);
  for (const f of await firstHouseholds(db, childIds)) firstHousehold.set(f.id, f.family_id);
  const custodies = unbooked.length ? await sharedCustodies(db, [...new Set(unbooked.map((u) => u.childId))]) : new Map();
  const payerOf = (childId: string, day: string) => {
    const covering = (custodies.get(childId) ?? []).filter((h: { custody: CustodyPart }) => custodyAllows(h.custody, day));
    return covering.length === 1 ? covering[0].familyId : firstHousehold.get(childId)!;
  };
  for (const b of booked) facts.get(b.familyId)?.booked.push(b);
  for (const u of unbooked) facts.get(payerOf(u.childId, u.day))?.unbooked.push(u);
  return familyIds.map((id) => facts.get(id)).filter((f): f is FamilyFacts => !!f);
}

/** The unit-days of the month with accepted bookings and no attendance taken (charged as present; a run warning). */
export function unitDaysNotTaken(db: Executor, unitIds: string[], days: string[]) {
  return billable.unitDaysWithoutAttendance(db, unitIds, days);
}
