/**
 * Statistics for the CAF and the city (issue 15, docs/statistics.md): the filters, the page's figures and the hours
 * of presence (« actes »). One query layer on the server (src/server/modules/stats/stats.service.ts) answers the page
 * and every export with these shapes.
 */
import { z } from 'zod';
import { isoDay } from './contracts.js';

/** The quotient bands used when the request names none: upper bounds, inclusive (≤ 500, 501–800, 801–1 200, > 1 200). */
export const DEFAULT_QUOTIENT_BANDS = [500, 800, 1200] as const;
/** The widest period one request may cover: two years (a school year and a calendar year both fit). */
export const MAX_STATS_DAYS = 731;

/** « 500,800,1200 »: increasing whole upper bounds, 1 to 8 of them. */
const quotientBands = z
  .string()
  .trim()
  .max(80)
  .regex(/^\d{1,5}(,\d{1,5}){0,7}$/, { error: 'stats.bands_invalid' })
  .transform((s) => s.split(',').map(Number))
  .refine((b) => b.every((v, i) => i === 0 || v > b[i - 1]!), { error: 'stats.bands_invalid' });

export const statsQuery = z
  .object({
    from: isoDay,
    to: isoDay,
    activityId: z.string().min(1).max(64).optional(),
    establishmentId: z.string().min(1).max(64).optional(),
    quotientBands: quotientBands.optional(),
  })
  .superRefine((q, c) => {
    if (q.to < q.from) c.addIssue({ code: 'custom', path: ['to'], message: 'stats.range_reversed' });
    else if ((Date.parse(`${q.to}T00:00:00Z`) - Date.parse(`${q.from}T00:00:00Z`)) / 86_400_000 >= MAX_STATS_DAYS)
      c.addIssue({ code: 'custom', path: ['to'], message: 'stats.range_too_long' });
  });
export type StatsQuery = z.infer<typeof statsQuery>;

const unitRef = z.object({
  unitId: z.string().nullable(),
  unitLabel: z.string(),
  activityId: z.string().nullable(),
  activityName: z.string(),
});

export const AGE_BANDS = ['under6', 'from6'] as const;
export const RESIDENCES = ['resident', 'non_resident'] as const;

/** One line of the hours table: a unit, a month, an age band, a residence, a quotient band. */
export const hoursRow = unitRef.extend({
  month: z.string(),
  ageBand: z.enum(AGE_BANDS),
  residence: z.enum(RESIDENCES),
  /** index into `quotientBands` of the answer; -1 = quotient unknown */
  quotientBand: z.number().int(),
  /** child-unit-days */
  bookedDays: z.number().int(),
  invoicedDays: z.number().int(),
  attendedDays: z.number().int(),
  /** exact hours: days × the unit's duration (rounded to the quarter hour), in quarter hours / 4 */
  bookedHours: z.number(),
  invoicedHours: z.number(),
  attendedHours: z.number(),
});
export type HoursRow = z.infer<typeof hoursRow>;

export const quotientBand = z.object({ index: z.number().int(), min: z.number().int().nullable(), max: z.number().int().nullable() });
export type QuotientBand = z.infer<typeof quotientBand>;

export const unitDuration = unitRef.extend({
  /** hours per child-day, rounded to the quarter hour */
  hours: z.number(),
  /** false: no duration configured for this unit, the default applies */
  configured: z.boolean(),
});
export type UnitDuration = z.infer<typeof unitDuration>;

const totals = z.object({
  bookedDays: z.number().int(),
  invoicedDays: z.number().int(),
  attendedDays: z.number().int(),
  bookedHours: z.number(),
  invoicedHours: z.number(),
  attendedHours: z.number(),
  /** the CAF's figures: the exact total rounded to the whole hour, half up */
  bookedHoursRounded: z.number().int(),
  invoicedHoursRounded: z.number().int(),
  attendedHoursRounded: z.number().int(),
});
export type HoursTotals = z.infer<typeof totals>;

export const hoursReport = z.object({
  from: z.string(),
  to: z.string(),
  quotientBands: z.array(quotientBand),
  durations: z.array(unitDuration),
  rows: z.array(hoursRow),
  /** per activity and month (the page's table), and overall */
  byActivityMonth: z.array(totals.extend({ activityId: z.string().nullable(), activityName: z.string(), month: z.string() })),
  total: totals,
});
export type HoursReport = z.infer<typeof hoursReport>;

export const statsOverview = z.object({
  from: z.string(),
  to: z.string(),
  units: z.array(unitRef.extend({ unitId: z.string(), activityId: z.string() })),
  /** per ISO week (its Monday) and unit: places taken and offered on the days that have a counter */
  occupancy: z.array(z.object({ week: z.string(), unitId: z.string(), booked: z.number().int(), capacity: z.number().int(), days: z.number().int() })),
  /** per ISO week and unit: children on the waiting list today for a day of that week */
  waiting: z.array(z.object({ week: z.string(), unitId: z.string(), waiting: z.number().int() })),
  /** per ISO week and unit: accepted bookings of days gone by, and how they were marked */
  noShows: z.array(
    z.object({
      week: z.string(),
      unitId: z.string(),
      booked: z.number().int(),
      absentJustified: z.number().int(),
      absentUnjustified: z.number().int(),
      unmarked: z.number().int(),
    }),
  ),
  /** per month: published invoices (by their month), credit notes (by their date) and payments (by their date) */
  revenue: z.array(z.object({ month: z.string(), invoicedCents: z.number().int(), creditedCents: z.number().int(), collectedCents: z.number().int() })),
  paymentMethods: z.array(z.object({ method: z.string(), count: z.number().int(), amountCents: z.number().int() })),
  /** per month: reservations sent by families online and recorded by staff; payments online and at the desk */
  online: z.array(
    z.object({
      month: z.string(),
      reservationsOnline: z.number().int(),
      reservationsStaff: z.number().int(),
      paymentsOnline: z.number().int(),
      paymentsOther: z.number().int(),
      paymentsOnlineCents: z.number().int(),
      paymentsOtherCents: z.number().int(),
    }),
  ),
  /** the hours summary (by activity and month, and overall; no detail rows) */
  hours: hoursReport,
});
export type StatsOverview = z.infer<typeof statsOverview>;
