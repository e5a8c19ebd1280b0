/**
 * The billing module's part of the statistics (issue 15, docs/statistics.md): grouped aggregates computed in SQL
 * (GROUP BY, the same text on SQLite and PostgreSQL) over published invoices, their lines, credit notes and payments,
 * and the city's residence rule (the collection offices' resident communes). The stats module puts them together.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/write.js';
import { quotientBandSql } from '../../db/stats-sql.js';
import { childBirthSubquery } from '../child/child.stats.js';
import { isResident } from './billing.tariff.js';

const num = (v: unknown) => Number(v ?? 0);
const splitCodes = (s: string) => (s ? s.split(',') : []);

export interface Residence {
  postalCodes: string[];
  inseeCodes: string[];
}

/**
 * The residence rule of each activity: its collection office's resident communes (the same rule the invoices use,
 * `isResident`); an activity no office invoices uses every office's communes (the city's).
 */
export async function residenceRule(db: Executor): Promise<(activityId: string, family: { postal_code: string | null; insee_code: string | null }) => boolean> {
  const offices = await db.selectFrom('collection_office').select(['id', 'resident_postal_codes', 'resident_insee_codes']).execute();
  const links = await db.selectFrom('office_activity').select(['activity_id', 'office_id']).execute();
  const byOffice = new Map(offices.map((o) => [o.id, { postalCodes: splitCodes(o.resident_postal_codes), inseeCodes: splitCodes(o.resident_insee_codes) }]));
  const city: Residence = {
    postalCodes: [...new Set(offices.flatMap((o) => splitCodes(o.resident_postal_codes)))],
    inseeCodes: [...new Set(offices.flatMap((o) => splitCodes(o.resident_insee_codes)))],
  };
  const ofActivity = new Map(links.map((l) => [l.activity_id, byOffice.get(l.office_id) ?? city]));
  return (activityId, family) => isResident(family, ofActivity.get(activityId) ?? city);
}

/** The offices invoicing these activities (null = all). */
export async function officesOfActivities(db: Executor, activityIds: string[] | null): Promise<string[] | null> {
  if (!activityIds) return null;
  if (activityIds.length === 0) return [];
  const rows = await db.selectFrom('office_activity').select('office_id').distinct().where('activity_id', 'in', activityIds).execute();
  return rows.map((r) => r.office_id);
}

export interface InvoicedGroup {
  activityName: string;
  unitLabel: string;
  month: string;
  /** 1 = six or older on every day, 0 = under six on every day */
  from6: number;
  resident: number;
  band: number;
  days: number;
}

/**
 * Days charged on published invoices of months `fromMonth`..`toMonth` (« as invoiced »): lines of presence (attended,
 * presence without booking) and absence lines that were charged (amount > 0); a justified absence left free is not
 * invoiced. Residence and quotient are those the invoice was computed with. Grouped by the line's activity and unit
 * (their names on the invoice), month, age band, residence and quotient band (`quotientBandSql` over `invoice.quotient`).
 * `detail` false: by activity, unit and month only. A child who turns six during a month has its lines' days split by
 * the day (`splitLines`: a handful of lines, never the month's rows).
 */
export async function invoicedActs(
  db: Executor,
  scope: { fromMonth: string; toMonth: string; officeIds: string[] | null },
  bounds: readonly number[],
  detail: boolean,
): Promise<InvoicedGroup[]> {
  if (scope.officeIds?.length === 0) return [];
  const base = () => {
    let q = db
      .selectFrom('invoice_line')
      .innerJoin('invoice', 'invoice.id', 'invoice_line.invoice_id')
      .where('invoice.state', '=', 'published')
      .where('invoice.month', '>=', scope.fromMonth)
      .where('invoice.month', '<=', scope.toMonth)
      .where((eb) => eb.or([eb('invoice_line.kind', 'in', ['attended', 'unbooked_presence']), eb('invoice_line.amount_cents', '>', 0)]));
    if (scope.officeIds) q = q.where('invoice.office_id', 'in', scope.officeIds);
    return q;
  };
  if (!detail) {
    const rows = await base()
      .select((eb) => ['invoice_line.activity_name as activityName', 'invoice_line.unit_label as unitLabel', 'invoice.month as month', eb.fn.sum<number>('invoice_line.quantity').as('days')])
      .groupBy(['invoice_line.activity_name', 'invoice_line.unit_label', 'invoice.month'])
      .execute();
    return rows.map((r) => ({ activityName: r.activityName, unitLabel: r.unitLabel, month: r.month, from6: 0, resident: 0, band: -1, days: num(r.days) }));
  }
  // the month's first and last day as yyyymmdd numbers against the birth date as one: six or older on the first day,
  // under six on the last (31 stands for any last day), or turning six within the month (2)
  const monthStart = sql`cast(replace(invoice.month, '-', '') as integer) * 100 + 1`;
  const monthEnd = sql`cast(replace(invoice.month, '-', '') as integer) * 100 + 31`;
  const birth = sql`cast(replace(c.birth_date, '-', '') as integer)`;
  const inner = base()
    .innerJoin(childBirthSubquery(db).as('c'), 'c.id', 'invoice_line.child_id')
    .select([
      'invoice_line.id as line_id',
      'invoice_line.activity_name as activity_name',
      'invoice_line.unit_label as unit_label',
      'invoice.month as month',
      'invoice.resident as resident',
      'invoice_line.quantity as quantity',
      'invoice_line.days as days',
      'c.birth_date as birth_date',
      sql<number>`case when ${monthStart} - ${birth} >= 60000 then 1 when ${monthEnd} - ${birth} < 60000 then 0 else 2 end`.as('from6'),
      quotientBandSql(sql.ref('invoice.quotient'), bounds).as('band'),
    ]);
  const rows = await db
    .selectFrom(inner.as('k'))
    .select([
      sql<string>`k.activity_name`.as('activityName'),
      sql<string>`k.unit_label`.as('unitLabel'),
      sql<string>`k.month`.as('month'),
      sql<number>`k.from6`.as('from6'),
      sql<number>`k.resident`.as('resident'),
      sql<number>`k.band`.as('band'),
      sql<number>`sum(k.quantity)`.as('days'),
    ])
    .where(sql`k.from6`, '<>', 2)
    .groupBy([sql`k.activity_name`, sql`k.unit_label`, sql`k.month`, sql`k.from6`, sql`k.resident`, sql`k.band`])
    .execute();
  const out: InvoicedGroup[] = rows.map((r) => ({
    activityName: r.activityName,
    unitLabel: r.unitLabel,
    month: r.month,
    from6: num(r.from6),
    resident: num(r.resident),
    band: num(r.band),
    days: num(r.days),
  }));
  const splitLines = await db
    .selectFrom(inner.as('k'))
    .select([
      sql<string>`k.activity_name`.as('activityName'),
      sql<string>`k.unit_label`.as('unitLabel'),
      sql<string>`k.month`.as('month'),
      sql<number>`k.resident`.as('resident'),
      sql<number>`k.band`.as('band'),
      sql<string>`k.days`.as('days'),
      sql<string>`k.birth_date`.as('birthDate'),
    ])
    .where(sql`k.from6`, '=', 2)
    .execute();
  for (const l of splitLines) {
    const [y, md] = [Number(l.birthDate.slice(0, 4)) + 6, l.birthDate.slice(4)];
    const sixth = `${y}${md}`;
    const days = l.days ? l.days.split(',') : [];
    const older = days.filter((d) => d >= sixth).length;
    for (const [from6, n] of [
      [1, older],
      [0, days.length - older],
    ] as const)
      if (n > 0) out.push({ activityName: l.activityName, unitLabel: l.unitLabel, month: l.month, from6, resident: num(l.resident), band: num(l.band), days: n });
  }
  return out;
}

/** Per month: published invoices' totals (by invoice month), credit notes (by the day they were made), in cents. */
export async function revenueByMonth(
  db: Executor,
  scope: { fromMonth: string; toMonth: string; officeIds: string[] | null },
): Promise<{ month: string; invoicedCents: number; creditedCents: number }[]> {
  if (scope.officeIds?.length === 0) return [];
  let inv = db
    .selectFrom('invoice')
    .select((eb) => ['month', eb.fn.sum<number>('total_cents').as('total')])
    .where('state', '=', 'published')
    .where('month', '>=', scope.fromMonth)
    .where('month', '<=', scope.toMonth)
    .groupBy('month');
  if (scope.officeIds) inv = inv.where('office_id', 'in', scope.officeIds);
  let cn = db
    .selectFrom('credit_note')
    .select((eb) => [sql<string>`substr(created_at, 1, 7)`.as('month'), eb.fn.sum<number>('amount_cents').as('total')])
    .where(sql<string>`substr(created_at, 1, 7)`, '>=', scope.fromMonth)
    .where(sql<string>`substr(created_at, 1, 7)`, '<=', scope.toMonth)
    .groupBy(sql`substr(created_at, 1, 7)`);
  if (scope.officeIds) cn = cn.where('office_id', 'in', scope.officeIds);
  const out = new Map<string, { month: string; invoicedCents: number; creditedCents: number }>();
  const at = (month: string) => out.get(month) ?? out.set(month, { month, invoicedCents: 0, creditedCents: 0 }).get(month)!;
  for (const r of await inv.execute()) at(r.month).invoicedCents += num(r.total);
  for (const r of await cn.execute()) at(r.month).creditedCents += num(r.total);
  return [...out.values()];
}

/**
 * Payments received in the period (by their day of receipt), per month and method: count and amount. With offices,
 * only payments allocated (in part at least) to one of their invoices.
 */
export async function paymentsByMonthAndMethod(
  db: Executor,
  scope: { from: string; to: string; officeIds: string[] | null },
): Promise<{ month: string; method: string; count: number; amountCents: number }[]> {
  if (scope.officeIds?.length === 0) return [];
  let q = db
    .selectFrom('payment')
    .select((eb) => [sql<string>`substr(payment.received_on, 1, 7)`.as('month'), 'payment.method as method', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('payment.amount_cents').as('total')])
    .where('payment.received_on', '>=', scope.from)
    .where('payment.received_on', '<=', scope.to)
    .groupBy([sql`substr(payment.received_on, 1, 7)`, 'payment.method']);
  if (scope.officeIds) {
    const officeIds = scope.officeIds;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('payment_allocation')
          .innerJoin('invoice', 'invoice.id', 'payment_allocation.invoice_id')
          .select('payment_allocation.id')
          .whereRef('payment_allocation.payment_id', '=', 'payment.id')
          .where('invoice.office_id', 'in', officeIds),
      ),
    );
  }
  return (await q.execute()).map((r) => ({ month: r.month, method: r.method, count: num(r.n), amountCents: num(r.total) }));
}
