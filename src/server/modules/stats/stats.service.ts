/**
 * Statistics for the CAF and the city (issue 15, docs/statistics.md): THE query layer. The staff page
 * (`overview`, with the hours summary) and every export (`hoursReport`: CSV, xlsx, PDF) read their figures here,
 * nowhere else. The module owns no table: each figure is a grouped aggregate the owning module computes in SQL
 * (booking.stats.ts, billing.stats.ts; children, families and staff accounts joined as their modules' subqueries;
 * units, activities and establishments from the catalog), put together here.
 *
 * Hours: each child-unit-day counts its unit's duration (STATS_UNIT_HOURS, else STATS_DEFAULT_UNIT_HOURS, else 1 h),
 * rounded to the quarter hour; sums are exact in quarter hours; the CAF's figure is each total rounded to the whole
 * hour, half up (a total, never a sum of rounded lines).
 */
import type { AppContext } from '../../context.js';
import { ValidationError } from '../../errors.js';
import { addDays, mondayOf, parisDateOf } from '../../../shared/calendar/paris-time.js';
import {
  DEFAULT_QUOTIENT_BANDS,
  type HoursReport,
  type HoursRow,
  type HoursTotals,
  type QuotientBand,
  type StatsOverview,
  type StatsQuery,
  type UnitDuration,
} from '../../../shared/stats-contracts.js';
import { listActivities, listEstablishments, listUnits } from '../catalog/catalog.service.js';
import { attendedActs, bookedActs, bookingsByUnitDay, marksByUnitDay, placesByDay, reservationsByMonth, type BookingStatsScope } from '../booking/booking.stats.js';
import { invoicedActs, officesOfActivities, paymentsByMonthAndMethod, residenceRule, revenueByMonth } from '../billing/billing.stats.js';

/** Whole quarter hours of a duration in hours (1.6 → 6, i.e. 1.5 h). */
export const toQuarters = (hours: number) => Math.max(0, Math.round(hours * 4));
/** The CAF's figure: a total of quarter hours rounded to the whole hour, half up (2.5 h → 3 h). */
export const roundedHours = (quarters: number) => Math.floor((quarters + 2) / 4);

/** STATS_UNIT_HOURS: « matin=1.5 repas=2 <unit id>=3.25 » (spaces, commas or semicolons between pairs). */
export function parseUnitHours(text: string | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of (text ?? '').matchAll(/([\w-]+)=(\d{1,2}(?:\.\d{1,2})?)/g)) out.set(m[1]!, Number(m[2]));
  return out;
}

interface UnitInfo {
  id: string;
  code: string;
  label: string;
  activityId: string;
  activityName: string;
  establishmentId: string;
  quarters: number;
  configured: boolean;
}

interface Scope {
  from: string;
  to: string;
  bounds: number[];
  /** the units and activities of the filters; null = all */
  unitIds: string[] | null;
  activityIds: string[] | null;
  units: UnitInfo[];
  allUnits: UnitInfo[];
}

async function catalogUnits(ctx: AppContext): Promise<UnitInfo[]> {
  const [activities, units] = await Promise.all([listActivities(ctx.db), listUnits(ctx.db)]);
  const byId = new Map(activities.map((a) => [a.id, a]));
  const configured = parseUnitHours(ctx.config.statsUnitHours);
  const fallback = ctx.config.statsDefaultUnitHours ?? 1;
  return units
    .filter((u) => byId.has(u.activity_id))
    .map((u) => {
      const a = byId.get(u.activity_id)!;
      const hours = configured.get(u.id) ?? configured.get(u.code);
      return {
        id: u.id,
        code: u.code,
        label: u.label,
        activityId: a.id,
        activityName: a.name,
        establishmentId: a.establishment_id,
        quarters: toQuarters(hours ?? fallback),
        configured: hours !== undefined,
      };
    })
    .sort((x, y) => x.activityName.localeCompare(y.activityName, 'fr') || x.label.localeCompare(y.label, 'fr'));
}

/** The filters checked against the catalog: an unknown activity or establishment is a field error, not an empty page. */
async function scopeOf(ctx: AppContext, q: StatsQuery): Promise<Scope> {
  const allUnits = await catalogUnits(ctx);
  const problems: { path: string; code: string }[] = [];
  if (q.establishmentId && !(await listEstablishments(ctx.db)).some((e) => e.id === q.establishmentId)) problems.push({ path: 'establishmentId', code: 'stats.establishment_unknown' });
  if (q.activityId && !(await listActivities(ctx.db)).some((a) => a.id === q.activityId)) problems.push({ path: 'activityId', code: 'stats.activity_unknown' });
  if (problems.length) throw new ValidationError(problems);
  const filtered = q.activityId || q.establishmentId;
  const units = allUnits.filter((u) => (!q.activityId || u.activityId === q.activityId) && (!q.establishmentId || u.establishmentId === q.establishmentId));
  let activityIds: string[] | null = null;
  if (filtered) {
    const activities = await listActivities(ctx.db);
    activityIds = activities.filter((a) => (!q.activityId || a.id === q.activityId) && (!q.establishmentId || a.establishment_id === q.establishmentId)).map((a) => a.id);
  }
  return {
    from: q.from,
    to: q.to,
    bounds: [...(q.quotientBands ?? DEFAULT_QUOTIENT_BANDS)],
    unitIds: filtered ? units.map((u) => u.id) : null,
    activityIds,
    units,
    allUnits,
  };
}

const bookingScope = (s: Scope): BookingStatsScope => ({ from: s.from, to: s.to, unitIds: s.unitIds, activityIds: s.activityIds, unitActivity: new Map(s.allUnits.map((u) => [u.id, u.activityId])) });

type UnitDays = Awaited<ReturnType<typeof bookingsByUnitDay>>;
type UnitMarks = Awaited<ReturnType<typeof marksByUnitDay>>;

export function quotientBandsOf(bounds: number[]): QuotientBand[] {
  return [
    { index: -1, min: null, max: null },
    ...bounds.map((b, i) => ({ index: i, min: i === 0 ? 0 : bounds[i - 1]! + 1, max: b })),
    { index: bounds.length, min: bounds[bounds.length - 1]! + 1, max: null },
  ];
}

const emptyTotals = (): HoursTotals => ({
  bookedDays: 0,
  invoicedDays: 0,
  attendedDays: 0,
  bookedHours: 0,
  invoicedHours: 0,
  attendedHours: 0,
  bookedHoursRounded: 0,
  invoicedHoursRounded: 0,
  attendedHoursRounded: 0,
});

/** Quarter-hour accumulators, turned into hours once at the end (no float drift). */
interface Acc {
  days: [number, number, number];
  quarters: [number, number, number];
}
const KINDS = ['booked', 'invoiced', 'attended'] as const;

function totalsOf(a: Acc): HoursTotals {
  const t = emptyTotals();
  KINDS.forEach((k, i) => {
    t[`${k}Days`] = a.days[i]!;
    t[`${k}Hours`] = a.quarters[i]! / 4;
    t[`${k}HoursRounded`] = roundedHours(a.quarters[i]!);
  });
  return t;
}

/**
 * The hours of presence (« actes ») of the period, as booked, invoiced and attended. `detail` true: by unit, month,
 * age band, residence and quotient band (the exports); false: by unit and month only (the page's summary, cheaper:
 * no join). `byActivityMonth` and `total` are the same in both.
 */
export async function hoursReport(ctx: AppContext, q: StatsQuery, detail = true): Promise<HoursReport> {
  const s = await scopeOf(ctx, q);
  return hoursOf(ctx, s, detail);
}

async function hoursOf(ctx: AppContext, s: Scope, detail: boolean, unitDays?: { days: UnitDays; marks: UnitMarks }): Promise<HoursReport> {
  const unitById = new Map(s.allUnits.map((u) => [u.id, u]));
  const unitByNames = new Map<string, UnitInfo>();
  for (const u of s.allUnits) if (!unitByNames.has(`${u.activityName}\u0000${u.label}`)) unitByNames.set(`${u.activityName}\u0000${u.label}`, u);
  const fallbackQuarters = toQuarters(ctx.config.statsDefaultUnitHours ?? 1);
  const officeIds = await officesOfActivities(ctx.db, s.activityIds);
  const activityNames = s.activityIds ? new Set(s.units.map((u) => u.activityName)) : null;
  // the summary (the page) adds up the unit-day figures by month: same days, no join
  const summary = async () => {
    const { days, marks } = unitDays ?? { days: await bookingsByUnitDay(ctx.db, bookingScope(s)), marks: await marksByUnitDay(ctx.db, bookingScope(s)) };
    const byMonth = (rows: { unitId: string; day: string; n: number }[]) => {
      const out = new Map<string, { unitId: string; month: string; from6: number; postalCode: null; inseeCode: null; band: number; days: number }>();
      for (const r of rows) {
        if (!r.n) continue;
        const k = `${r.unitId}|${r.day.slice(0, 7)}`;
        const g = out.get(k) ?? out.set(k, { unitId: r.unitId, month: r.day.slice(0, 7), from6: 0, postalCode: null, inseeCode: null, band: -1, days: 0 }).get(k)!;
        g.days += r.n;
      }
      return [...out.values()];
    };
    return [byMonth(days.map((d) => ({ unitId: d.unitId, day: d.day, n: d.accepted }))), byMonth(marks.map((m) => ({ unitId: m.unitId, day: m.day, n: m.present + m.presentUnbooked })))] as const;
  };
  const [[booked, attended], invoiced, resident] = await Promise.all([
    detail ? Promise.all([bookedActs(ctx.db, bookingScope(s), s.bounds), attendedActs(ctx.db, bookingScope(s), s.bounds)]) : summary(),
    invoicedActs(ctx.db, { fromMonth: s.from.slice(0, 7), toMonth: s.to.slice(0, 7), officeIds }, s.bounds, detail),
    detail ? residenceRule(ctx.db) : Promise.resolve(null),
  ]);

  type Key = { unitId: string | null; unitLabel: string; activityId: string | null; activityName: string; quarters: number; month: string; from6: number; resident: number; band: number };
  const rows = new Map<string, { key: Key; acc: Acc }>();
  const add = (key: Key, kind: number, days: number) => {
    const k = [key.unitId ?? `?${key.activityName}\u0000${key.unitLabel}`, key.month, key.from6, key.resident, key.band].join('|');
    let r = rows.get(k);
    if (!r) rows.set(k, (r = { key, acc: { days: [0, 0, 0], quarters: [0, 0, 0] } }));
    r.acc.days[kind] += days;
    r.acc.quarters[kind] += days * key.quarters;
  };
  const fromUnit = (u: UnitInfo) => ({ unitId: u.id, unitLabel: u.label, activityId: u.activityId, activityName: u.activityName, quarters: u.quarters });
  for (const [kind, groups] of [
    [0, booked],
    [2, attended],
  ] as const)
    for (const g of groups) {
      const u = unitById.get(g.unitId);
      if (!u) continue;
      const res = resident ? (resident(u.activityId, { postal_code: g.postalCode, insee_code: g.inseeCode }) ? 1 : 0) : 0;
      add({ ...fromUnit(u), month: g.month, from6: g.from6, resident: res, band: g.band }, kind, g.days);
    }
  for (const g of invoiced) {
    if (activityNames && !activityNames.has(g.activityName)) continue;
    const u = unitByNames.get(`${g.activityName}\u0000${g.unitLabel}`);
    const ref = u ? fromUnit(u) : { unitId: null, unitLabel: g.unitLabel, activityId: null, activityName: g.activityName, quarters: fallbackQuarters };
    add({ ...ref, month: g.month, from6: g.from6, resident: g.resident, band: g.band }, 1, g.days);
  }

  const sorted = [...rows.values()].sort(
    (a, b) =>
      a.key.activityName.localeCompare(b.key.activityName, 'fr') ||
      a.key.unitLabel.localeCompare(b.key.unitLabel, 'fr') ||
      a.key.month.localeCompare(b.key.month) ||
      a.key.from6 - b.key.from6 ||
      b.key.resident - a.key.resident ||
      a.key.band - b.key.band,
  );
  const outRows: HoursRow[] = detail
    ? sorted.map(({ key, acc }) => ({
        unitId: key.unitId,
        unitLabel: key.unitLabel,
        activityId: key.activityId,
        activityName: key.activityName,
        month: key.month,
        ageBand: key.from6 ? 'from6' : 'under6',
        residence: key.resident ? 'resident' : 'non_resident',
        quotientBand: key.band,
        bookedDays: acc.days[0],
        invoicedDays: acc.days[1],
        attendedDays: acc.days[2],
        bookedHours: acc.quarters[0] / 4,
        invoicedHours: acc.quarters[1] / 4,
        attendedHours: acc.quarters[2] / 4,
      }))
    : [];
  const byAm = new Map<string, { activityId: string | null; activityName: string; month: string; acc: Acc }>();
  const total: Acc = { days: [0, 0, 0], quarters: [0, 0, 0] };
  for (const { key, acc } of sorted) {
    const k = `${key.activityName}\u0000${key.month}`;
    let r = byAm.get(k);
    if (!r) byAm.set(k, (r = { activityId: key.activityId, activityName: key.activityName, month: key.month, acc: { days: [0, 0, 0], quarters: [0, 0, 0] } }));
    r.activityId ??= key.activityId;
    for (let i = 0; i < 3; i++) {
      r.acc.days[i] += acc.days[i]!;
      r.acc.quarters[i] += acc.quarters[i]!;
      total.days[i] += acc.days[i]!;
      total.quarters[i] += acc.quarters[i]!;
    }
  }
  const durations: UnitDuration[] = s.units.map((u) => ({ unitId: u.id, unitLabel: u.label, activityId: u.activityId, activityName: u.activityName, hours: u.quarters / 4, configured: u.configured }));
  return {
    from: s.from,
    to: s.to,
    quotientBands: quotientBandsOf(s.bounds),
    durations,
    rows: outRows,
    byActivityMonth: [...byAm.values()].map((r) => ({ activityId: r.activityId, activityName: r.activityName, month: r.month, ...totalsOf(r.acc) })),
    total: totalsOf(total),
  };
}

/** Per unit and week (its Monday): a sum of day figures. */
function byWeek<T extends { unitId: string; day: string }, F extends string>(rows: T[], fields: readonly F[]): ({ week: string; unitId: string; days: number } & Record<F, number>)[] {
  const out = new Map<string, { week: string; unitId: string; days: number } & Record<F, number>>();
  for (const r of rows) {
    const week = mondayOf(r.day);
    const k = `${week}|${r.unitId}`;
    let w = out.get(k);
    if (!w) out.set(k, (w = { week, unitId: r.unitId, days: 0, ...Object.fromEntries(fields.map((f) => [f, 0])) } as { week: string; unitId: string; days: number } & Record<F, number>));
    w.days += 1;
    for (const f of fields) (w as Record<string, number>)[f] += (r as unknown as Record<string, number>)[f]!;
  }
  return [...out.values()].sort((a, b) => a.week.localeCompare(b.week) || a.unitId.localeCompare(b.unitId));
}

/** Every figure of the staff page, for the filters. */
export async function overview(ctx: AppContext, q: StatsQuery): Promise<StatsOverview & { hours: HoursReport }> {
  const s = await scopeOf(ctx, q);
  const bs = bookingScope(s);
  const today = parisDateOf(ctx.clock.now());
  const officeIds = await officesOfActivities(ctx.db, s.activityIds);
  const months = { fromMonth: s.from.slice(0, 7), toMonth: s.to.slice(0, 7), officeIds };
  // each table read once: bookings and marks per unit and day feed the hours summary, waiting lists and absences
  const [places, days, dayMarks, revenue, payments, reservations] = await Promise.all([
    placesByDay(ctx.db, bs),
    bookingsByUnitDay(ctx.db, bs),
    marksByUnitDay(ctx.db, bs),
    revenueByMonth(ctx.db, months),
    paymentsByMonthAndMethod(ctx.db, { from: s.from, to: s.to, officeIds }),
    reservationsByMonth(ctx.db, bs),
  ]);
  const hours = await hoursOf(ctx, s, false, { days, marks: dayMarks });
  const waiting = days.filter((d) => d.waitlisted > 0).map((d) => ({ unitId: d.unitId, day: d.day, waiting: d.waitlisted }));
  // absences on booked days gone by: the day's absence marks; not marked = booked days less the day's marks other
  // than « present without booking » (never below 0)
  const markOf = new Map(dayMarks.map((m) => [`${m.unitId}|${m.day}`, m]));
  const marks = days
    .filter((d) => d.day < today && d.accepted > 0)
    .map((d) => {
      const m = markOf.get(`${d.unitId}|${d.day}`);
      const justified = m?.absentJustified ?? 0;
      const unjustified = m?.absentUnjustified ?? 0;
      return { unitId: d.unitId, day: d.day, booked: d.accepted, absentJustified: justified, absentUnjustified: unjustified, unmarked: Math.max(0, d.accepted - (m?.present ?? 0) - justified - unjustified) };
    });

  const monthList: string[] = [];
  for (let d = `${s.from.slice(0, 7)}-01`; d <= s.to; d = addDays(d, 32).slice(0, 7) + '-01') monthList.push(d.slice(0, 7));
  const collected = new Map<string, number>();
  const online = new Map(monthList.map((m) => [m, { month: m, reservationsOnline: 0, reservationsStaff: 0, paymentsOnline: 0, paymentsOther: 0, paymentsOnlineCents: 0, paymentsOtherCents: 0 }]));
  const methods = new Map<string, { method: string; count: number; amountCents: number }>();
  for (const p of payments) {
    collected.set(p.month, (collected.get(p.month) ?? 0) + p.amountCents);
    const m = methods.get(p.method) ?? methods.set(p.method, { method: p.method, count: 0, amountCents: 0 }).get(p.method)!;
    m.count += p.count;
    m.amountCents += p.amountCents;
    const o = online.get(p.month);
    if (!o) continue;
    if (p.method === 'online') {
      o.paymentsOnline += p.count;
      o.paymentsOnlineCents += p.amountCents;
    } else {
      o.paymentsOther += p.count;
      o.paymentsOtherCents += p.amountCents;
    }
  }
  for (const r of reservations) {
    const o = online.get(r.month);
    if (!o) continue;
    o.reservationsOnline += r.online;
    o.reservationsStaff += r.staff;
  }
  const revenueOf = new Map(revenue.map((r) => [r.month, r]));
  return {
    from: s.from,
    to: s.to,
    units: s.units.map((u) => ({ unitId: u.id, unitLabel: u.label, activityId: u.activityId, activityName: u.activityName })),
    occupancy: byWeek(places, ['booked', 'capacity'] as const).map(({ week, unitId, days, booked, capacity }) => ({ week, unitId, days, booked, capacity })),
    waiting: byWeek(waiting, ['waiting'] as const).map(({ week, unitId, waiting: w }) => ({ week, unitId, waiting: w })),
    noShows: byWeek(marks, ['booked', 'absentJustified', 'absentUnjustified', 'unmarked'] as const).map(({ days: _d, ...r }) => r),
    revenue: monthList.map((m) => ({ month: m, invoicedCents: revenueOf.get(m)?.invoicedCents ?? 0, creditedCents: revenueOf.get(m)?.creditedCents ?? 0, collectedCents: collected.get(m) ?? 0 })),
    paymentMethods: [...methods.values()].sort((a, b) => b.amountCents - a.amountCents || a.method.localeCompare(b.method)),
    online: [...online.values()],
    hours,
  };
}

/** The filters in words (the PDF's « Périmètre »): the establishment and the activity, or « all activities ». */
export async function scopeLabel(ctx: AppContext, q: StatsQuery, allActivities: string): Promise<string> {
  const parts: string[] = [];
  if (q.establishmentId) {
    const e = (await listEstablishments(ctx.db)).find((x) => x.id === q.establishmentId);
    if (e) parts.push(e.name);
  }
  if (q.activityId) {
    const a = (await listActivities(ctx.db)).find((x) => x.id === q.activityId);
    if (a) parts.push(a.name);
  }
  return parts.length ? parts.join(' — ') : allActivities;
}
