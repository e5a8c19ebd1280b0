/**
 * HTTP contracts of the catalog (what can be booked) and of bookings (guide §5.1 to §5.3, issue 4). Shared by the
 * server (validation, OpenAPI) and the browser (types). Refusals are error codes (their sentences in the `errors`
 * namespace of the catalogues, src/shared/i18n/<language>/errors.ts, under `booking`).
 *
 * Vocabulary (GLOSSARY.md):
 *   - establishment → activities (of a kind) → units (matin, repas, après-midi, soir, journée…), each with a capacity
 *     per day (a default, overridable per day);
 *   - period: the days an activity offers for booking plus its booking window [opensAt, closesAt) (UTC instants);
 *   - booking: one child × activity × day × unit, its current state (accepted / pending request / waitlisted);
 *   - reservation: a numbered batch of changes (book or cancel) submitted together; each change is a line whose
 *     state is accepted, pending (a request staff decide), waitlisted or refused (with a code). A cancellation is a
 *     NEW reservation (§5.2 NB).
 *
 * Family routes (the family comes from the session; another family's child or reservation answers the same 404
 * as a missing one; a family whose account is not validated gets 403 `account.not_validated` when it submits,
 * and the planning says why with `blocked`):
 *   GET  /api/booking/catalog                         → BookingCatalog: the wizard's ❶ establishments and ❷ periods
 *   GET  /api/booking/planning/:childId/:activityId/:periodId   ?week=YYYY-MM-DD → Planning (days × units, one week)
 *   POST /api/booking/reservations                    body ReservationInput, header `Idempotency-Key` (8–100 chars)
 *        → 201 Reservation; the same key again (same family) → 200 with the SAME reservation, nothing re-applied;
 *          the same key with a different body → 409 `booking.idempotency_mismatch`.
 *   GET  /api/booking/reservations                    → ReservationSummary[] (newest first)
 *   GET  /api/booking/reservations/:reservationId     → Reservation (reservationId = its number)
 *
 * Staff routes (staff = agent or admin; admin for configuration; every staff change is audited):
 *   GET    /api/staff/catalog                                        staff → StaffCatalog
 *   POST   /api/staff/catalog/establishments                         admin EstablishmentInput → Establishment
 *   PATCH  /api/staff/catalog/establishments/:establishmentId        admin EstablishmentInput → Establishment
 *   POST   /api/staff/catalog/activities                             admin ActivityInput → Activity
 *   PATCH  /api/staff/catalog/activities/:activityId                 admin ActivityInput → Activity
 *   POST   /api/staff/catalog/activities/:activityId/units           admin UnitInput → Unit
 *   PATCH  /api/staff/catalog/units/:unitId                          admin UnitInput → Unit
 *   PUT    /api/staff/catalog/units/:unitId/capacity                 admin CapacityOverrideInput → { ok }
 *   POST   /api/staff/catalog/activities/:activityId/periods         admin PeriodInput → Period
 *   PATCH  /api/staff/catalog/periods/:periodId                      admin PeriodInput → Period
 *   GET    /api/staff/catalog/closures                               staff → Closure[]
 *   POST   /api/staff/catalog/closures                               admin ClosureInput → Closure
 *   DELETE /api/staff/catalog/closures/:closureId                    admin → { ok }
 *   GET    /api/staff/catalog/school-holidays                        staff → SchoolHoliday[]
 *   POST   /api/staff/catalog/school-holidays                        admin SchoolHolidayInput → SchoolHoliday
 *   DELETE /api/staff/catalog/school-holidays/:holidayId             admin → { ok }
 *   POST   /api/staff/catalog/school-holidays/import                 admin IcsImportInput (the ICS text) → IcsImportResult
 *   GET    /api/staff/booking/requests                               staff ?activityId → PendingRequest[]
 *   POST   /api/staff/booking/requests/:reservationId/decide         staff DecisionInput → Reservation (family e-mailed)
 *   GET    /api/staff/booking/occupancy                              staff ?activityId&from&to → Occupancy
 *   GET    /api/staff/booking/waiting-list                           staff ?unitId&day → WaitingEntry[]
 *   POST   /api/staff/booking/waiting-list/:bookingId/promote        staff → WaitingEntry (family e-mailed)
 *   GET    /api/staff/booking/attendance                             staff ?unitId&day → AttendanceSheet
 *   PUT    /api/staff/booking/attendance                             staff AttendanceInput → AttendanceSheet
 *   GET    /api/staff/booking/attendance.csv                         staff ?unitId&day → text/csv (UTF-8 BOM, ';')
 *   GET    /api/staff/booking/attendance.pdf                         staff ?unitId&day → application/pdf (A4, printable)
 */
import { z } from 'zod';
import { isoDay, optionalText, requiredText } from './contracts.js';
import { deadlinePolicySchema, type DeadlinePolicy } from './calendar/deadlines.js';
import {
  ACTIVITY_KINDS,
  ACTIVITY_KIND_LABELS_FR,
  SCHOOL_HOLIDAY_MODES,
  WAITLIST_MODES,
  CELL_STATES,
  CELL_STATE_LABELS_FR,
  LINE_STATES,
  RESERVATION_STATES,
  RESERVATION_STATE_LABELS_FR,
  ATTENDANCE_STATUSES,
  ATTENDANCE_LABELS_FR,
  type ActivityKind,
  type SchoolHolidayMode,
  type WaitlistMode,
  type CellState,
  type LineState,
  type ReservationState,
  type AttendanceStatus,
} from './booking-labels.js';

// ---------- enums ----------

// The enums and their French labels live in booking-labels.ts (no zod: the pages import them).
export {
  ACTIVITY_KINDS,
  ACTIVITY_KIND_LABELS_FR,
  SCHOOL_HOLIDAY_MODES,
  WAITLIST_MODES,
  CELL_STATES,
  CELL_STATE_LABELS_FR,
  LINE_STATES,
  RESERVATION_STATES,
  RESERVATION_STATE_LABELS_FR,
  ATTENDANCE_STATUSES,
  ATTENDANCE_LABELS_FR,
  type ActivityKind,
  type SchoolHolidayMode,
  type WaitlistMode,
  type CellState,
  type LineState,
  type ReservationState,
  type AttendanceStatus,
} from './booking-labels.js';



/** ISO weekdays: 1 = Monday … 7 = Sunday. */
export const weekday = z.number().int().min(1).max(7);

/**
 * A booking or cancellation policy: the calendar module's declarative deadline rule plus what happens before the
 * cut-off (`insideDeadline`: accept | request) and after it (`afterDeadline`: request | refuse), e.g.
 * « J-2 hors week-end à 12h » = { deadline: { kind: 'daysBefore', days: 2, skip: 'weekends', at: '12:00' },
 * insideDeadline: 'accept', afterDeadline: 'refuse' }. See src/shared/calendar/deadlines.ts.
 */
export const deadlinePolicy = deadlinePolicySchema;
export type { DeadlinePolicy };

// ---------- catalog (staff) ----------

export const establishmentInput = z.object({
  name: requiredText(120),
  address: optionalText(200),
});
export type EstablishmentInput = z.input<typeof establishmentInput>;
export const establishment = z.object({ id: z.string(), name: z.string(), address: z.string().nullable() });
export type Establishment = z.infer<typeof establishment>;

export const activityInput = z
  .object({
    establishmentId: z.string().min(1).max(64),
    name: requiredText(120),
    kind: z.enum(ACTIVITY_KINDS, { error: 'choice.invalid' }),
    /** inclusive ages in full years on the booked day; null = no limit */
    minAge: z.number().int().min(0).max(25).nullable().default(null),
    maxAge: z.number().int().min(0).max(25).nullable().default(null),
    openWeekdays: z.array(weekday).min(1, { error: 'required' }).max(7),
    schoolHolidays: z.enum(SCHOOL_HOLIDAY_MODES).default('ignore'),
    bookingPolicy: deadlinePolicy,
    cancellationPolicy: deadlinePolicy,
    waitlistMode: z.enum(WAITLIST_MODES).default('auto'),
    /** « paiement à la réservation » (issue 13): days held holdMinutes while the family pays online */
    payAtBooking: z.boolean().default(false),
    holdMinutes: z.number({ error: 'field.invalid' }).int({ error: 'field.invalid' }).min(5, { error: 'payAtBooking.hold_minutes_range' }).max(1440, { error: 'payAtBooking.hold_minutes_range' }).default(30),
  })
  .refine((a) => a.minAge === null || a.maxAge === null || a.minAge <= a.maxAge, {
    path: ['maxAge'],
    error: 'booking.age_range_invalid',
  });
export type ActivityInput = z.input<typeof activityInput>;

export const unitInput = z.object({
  /** short stable code: matin, repas, apres_midi, soir, journee… */
  code: z.string().trim().regex(/^[a-z0-9_]{1,30}$/, { error: 'field.invalid' }),
  label: requiredText(60),
  position: z.number().int().min(0).max(100).default(0),
  defaultCapacity: z.number().int().min(0).max(100_000),
  /** code of a unit of the same activity needed the same day (« repas » needs « matin »), or null */
  requires: z.string().trim().regex(/^[a-z0-9_]{1,30}$/, { error: 'field.invalid' }).nullable().default(null),
  /** codes of units that cannot be held the same day (« journee » excludes « matin », « apres_midi »); symmetric */
  excludes: z.array(z.string().trim().regex(/^[a-z0-9_]{1,30}$/, { error: 'field.invalid' })).max(20).default([]),
  /** start time 'HH:MM' (Paris), for deadlines counted « avant le début de l'activité »; null = from 00:00 */
  startTime: z
    .string()
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'deadline.time_invalid' })
    .nullable()
    .default(null)
    .or(z.literal('').transform(() => null)),
});
export type UnitInput = z.input<typeof unitInput>;
export const unit = z.object({
  id: z.string(),
  activityId: z.string(),
  code: z.string(),
  label: z.string(),
  position: z.number(),
  defaultCapacity: z.number(),
  requires: z.string().nullable(),
  excludes: z.array(z.string()),
  startTime: z.string().nullable(),
});
export type Unit = z.infer<typeof unit>;

/** Capacity of one unit on one day; `capacity: null` removes the override (back to the default). */
export const capacityOverrideInput = z.object({ day: isoDay, capacity: z.number().int().min(0).max(100_000).nullable() });

export const periodInput = z
  .object({
    label: requiredText(120),
    startDay: isoDay,
    endDay: isoDay,
    /** UTC instants of the booking window, e.g. '2026-06-02T06:30:00.000Z' for 2 June 8:30 Paris */
    opensAt: z.iso.datetime({ offset: true, error: 'date.invalid' }),
    closesAt: z.iso.datetime({ offset: true, error: 'date.invalid' }),
  })
  .refine((p) => p.startDay <= p.endDay, { path: ['endDay'], error: 'booking.period_range_invalid' })
  .refine((p) => new Date(p.opensAt) < new Date(p.closesAt), { path: ['closesAt'], error: 'booking.window_invalid' });
export type PeriodInput = z.input<typeof periodInput>;
export const period = z.object({
  id: z.string(),
  activityId: z.string(),
  label: z.string(),
  startDay: z.string(),
  endDay: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
});
export type Period = z.infer<typeof period>;

export const activity = z.object({
  id: z.string(),
  establishmentId: z.string(),
  name: z.string(),
  kind: z.enum(ACTIVITY_KINDS),
  minAge: z.number().nullable(),
  maxAge: z.number().nullable(),
  openWeekdays: z.array(z.number()),
  schoolHolidays: z.enum(SCHOOL_HOLIDAY_MODES),
  bookingPolicy: deadlinePolicy,
  cancellationPolicy: deadlinePolicy,
  /** French wording of the two rules (« J-2 hors week-end à 12h »…) */
  bookingRuleText: z.string(),
  cancellationRuleText: z.string(),
  waitlistMode: z.enum(WAITLIST_MODES),
  payAtBooking: z.boolean(),
  holdMinutes: z.number(),
  units: z.array(unit),
  periods: z.array(period),
});
export type Activity = z.infer<typeof activity>;

export const staffCatalog = z.object({
  establishments: z.array(establishment.extend({ activities: z.array(activity) })),
});
export type StaffCatalog = z.infer<typeof staffCatalog>;

/** A closure day of an establishment (activityId null) or of one activity. */
export const closureInput = z.object({
  establishmentId: z.string().min(1).max(64),
  activityId: z.string().max(64).nullable().default(null),
  day: isoDay,
  reason: requiredText(120),
});
export const closure = z.object({
  id: z.string(),
  establishmentId: z.string(),
  activityId: z.string().nullable(),
  day: z.string(),
  reason: z.string(),
});
export type Closure = z.infer<typeof closure>;

/** School holidays of the city's zone, inclusive days. */
export const schoolHolidayInput = z
  .object({ label: requiredText(120), startDay: isoDay, endDay: isoDay })
  .refine((h) => h.startDay <= h.endDay, { path: ['endDay'], error: 'booking.period_range_invalid' });
export const schoolHoliday = z.object({
  id: z.string(),
  label: z.string(),
  startDay: z.string(),
  endDay: z.string(),
  source: z.enum(['staff', 'ics']),
});
export type SchoolHoliday = z.infer<typeof schoolHoliday>;
/**
 * The official calendar's ICS text (data.education.gouv.fr); `zone` keeps that zone's holidays (« A », « B »,
 * « C », « Corse »…) and those of every zone; `replace` drops the holidays imported before.
 */
export const icsImportInput = z.object({
  ics: z.string().min(1).max(2_000_000),
  zone: z.string().trim().max(20).nullable().default(null),
  replace: z.boolean().default(true),
});
export const icsImportResult = z.object({ imported: z.number(), holidays: z.array(schoolHoliday) });

// ---------- family: catalog and planning ----------

export const bookingCatalog = z.object({
  /** null when the family may book; else why not (e.g. 'account.not_validated') */
  blocked: z.string().nullable(),
  establishments: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      activities: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          kind: z.enum(ACTIVITY_KINDS),
          minAge: z.number().nullable(),
          maxAge: z.number().nullable(),
          bookingRuleText: z.string(),
          cancellationRuleText: z.string(),
          /** periods whose booking window is open now (the wizard's ❷), and those opening later (shown greyed) */
          periods: z.array(period.extend({ open: z.boolean() })),
        }),
      ),
    }),
  ),
});
export type BookingCatalog = z.infer<typeof bookingCatalog>;

export const planningQuery = z.object({
  /** any day of the week to show; default: the first week open for booking */
  week: isoDay.optional(),
});

/**
 * State of one cell (day × unit) of the planning, as the legend names it:
 *  bookable          « disponible » — clicking books it (`onBook` says accepted at once, request, or waiting list)
 *  full              « complet » — a place on the waiting list is offered (`onBook` = 'waitlist')
 *  accepted          « réservation acceptée »
 *  requested         « demande de réservation » (staff will decide)
 *  waitlisted        « liste d'attente »
 *  cancel_requested  « demande d'annulation » (staff will decide)
 *  deadline_passed   « délai dépassé » — `cutoff` is when booking closed; `onBook` null unless a late request is allowed
 *  closed            « fermé » — `reason` is the closure's text, or 'weekday' / 'public_holiday' / 'outside_period'
 *  holiday           « vacances scolaires » (the activity is closed during school holidays)
 *  age_not_allowed   « âge non autorisé »
 *  not_open          « réservations non ouvertes » — the booking window has not opened or has closed; the account
 *                    is not validated (see Planning.blocked)
 * A booked cell (accepted / requested / waitlisted) has `onCancel`: what clicking it again does ('accepted' =
 * cancelled at once, 'request' = a cancellation request, null = cannot be cancelled online any more).
 */

export const planningCell = z.object({
  unitId: z.string(),
  state: z.enum(CELL_STATES),
  /** closure text, or a code: 'weekday' | 'public_holiday' | 'outside_period' | 'account.not_validated' … */
  reason: z.string().nullable(),
  /** what booking this cell would give now; null = cannot be booked */
  onBook: z.enum(['accepted', 'request', 'waitlist']).nullable(),
  /** what cancelling this booked cell would give now; null = not booked or cannot be cancelled online */
  onCancel: z.enum(['accepted', 'request']).nullable(),
  /** booking cut-off of this day (UTC instant), when the rule has one */
  cutoff: z.string().nullable(),
  /** cancellation cut-off of this day (UTC instant) */
  cancelCutoff: z.string().nullable(),
  /** places left, only when a few remain (≤ 5) — « plus que 3 places » */
  placesLeft: z.number().nullable(),
});
export type PlanningCell = z.infer<typeof planningCell>;

export const planningWeek = z.object({
  /** the Monday */
  monday: z.string(),
  /** ISO week number */
  number: z.number(),
  /** « Semaine 27 — du 29 juin au 5 juillet » */
  label: z.string(),
});

export const planning = z.object({
  child: z.object({ id: z.string(), firstName: z.string(), lastName: z.string(), birthDate: z.string() }),
  activity: z.object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(ACTIVITY_KINDS),
    bookingRuleText: z.string(),
    cancellationRuleText: z.string(),
  }),
  period: period,
  /** with their rules: the grid can mark the days a selection would break them before the server refuses */
  units: z.array(unit.pick({ id: true, code: true, label: true, position: true, requires: true, excludes: true })),
  /** weeks of the period that hold at least one day open for booking (the week selector) */
  weeks: z.array(planningWeek),
  /** the Monday shown */
  week: z.string(),
  previousWeek: z.string().nullable(),
  nextWeek: z.string().nullable(),
  /** the period's days of the week shown (Monday to Sunday, inside the period) */
  days: z.array(z.object({ day: z.string(), weekday: z.number(), cells: z.array(planningCell) })),
  /** null when the family may book; else the refusal code (e.g. 'account.not_validated', 'period.not_open') */
  blocked: z.string().nullable(),
  /** issue 12: the request campaign holding the period (the planning collects wishes instead of bookings), or null */
  campaign: z.object({ id: z.string(), phase: z.enum(['before', 'requests', 'allocating']), opensAt: z.string(), closesAt: z.string() }).nullable().optional(),
});
export type Planning = z.infer<typeof planning>;

// ---------- family: reservations ----------

export const reservationChange = z.object({
  day: isoDay,
  unitId: z.string().min(1).max(64),
  action: z.enum(['book', 'cancel']),
});
export const reservationInput = z.object({
  childId: z.string().min(1).max(64),
  activityId: z.string().min(1).max(64),
  periodId: z.string().min(1).max(64),
  changes: z.array(reservationChange).min(1, { error: 'booking.no_change' }).max(400, { error: 'too_many' }),
});
export type ReservationInput = z.input<typeof reservationInput>;


export const reservationLine = z.object({
  id: z.number(),
  day: z.string(),
  unitId: z.string(),
  unitLabel: z.string(),
  action: z.enum(['book', 'cancel']),
  state: z.enum(LINE_STATES),
  /** refusal or decision code (e.g. 'booking.deadline_passed'), or the reason staff typed */
  reason: z.string().nullable(),
  /** French sentence for `reason` */
  reasonText: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type ReservationLine = z.infer<typeof reservationLine>;

export const reservationSummary = z.object({
  /** the reservation number, « Réservation n° 42 » */
  number: z.number(),
  kind: z.enum(['booking', 'cancellation', 'mixed']),
  state: z.enum(RESERVATION_STATES),
  child: z.object({ id: z.string(), firstName: z.string(), lastName: z.string() }),
  activity: z.object({ id: z.string(), name: z.string() }),
  period: z.object({ id: z.string(), label: z.string() }),
  createdAt: z.string(),
  counts: z.object({ accepted: z.number(), pending: z.number(), waitlisted: z.number(), refused: z.number() }),
  /** the family member who made it (issue 11), in the family's list */
  madeBy: z.string().nullable().optional(),
});
export type ReservationSummary = z.infer<typeof reservationSummary>;

export const reservation = reservationSummary.extend({
  familyId: z.string(),
  lines: z.array(reservationLine),
});
export type Reservation = z.infer<typeof reservation>;

// ---------- staff: requests, occupancy, waiting lists, attendance ----------

export const pendingRequest = reservation.extend({ familyName: z.string() });
export type PendingRequest = z.infer<typeof pendingRequest>;

/** Accept or refuse lines of a reservation: `lineIds` null = every pending line. A refusal needs a reason. */
export const decisionInput = z
  .object({
    decision: z.enum(['accept', 'refuse']),
    lineIds: z.array(z.number().int().positive()).min(1).max(400).nullable().default(null),
    reason: optionalText(500),
  })
  .refine((d) => d.decision === 'accept' || !!d.reason, { path: ['reason'], error: 'required' });
export type DecisionInput = z.input<typeof decisionInput>;

export const occupancyQuery = z.object({ activityId: z.string().min(1).max(64), from: isoDay, to: isoDay });
export const occupancy = z.object({
  activityId: z.string(),
  units: z.array(unit.pick({ id: true, code: true, label: true })),
  days: z.array(
    z.object({
      day: z.string(),
      cells: z.array(
        z.object({
          unitId: z.string(),
          capacity: z.number(),
          /** places taken: accepted + pending requests (a request holds its place until staff decide) */
          booked: z.number(),
          pending: z.number(),
          waiting: z.number(),
        }),
      ),
    }),
  ),
});
export type Occupancy = z.infer<typeof occupancy>;

export const waitingListQuery = z.object({ unitId: z.string().min(1).max(64), day: isoDay });
export const waitingEntry = z.object({
  bookingId: z.number(),
  position: z.number(),
  child: z.object({ id: z.string(), firstName: z.string(), lastName: z.string() }),
  familyId: z.string(),
  day: z.string(),
  unitId: z.string(),
  state: z.enum(['waitlisted', 'accepted']),
  since: z.string(),
});
export type WaitingEntry = z.infer<typeof waitingEntry>;


export const attendanceQuery = z.object({ unitId: z.string().min(1).max(64), day: isoDay });
export const attendanceInput = z.object({
  unitId: z.string().min(1).max(64),
  day: isoDay,
  childId: z.string().min(1).max(64),
  /** null clears the mark */
  status: z.enum(ATTENDANCE_STATUSES).nullable(),
});
export const attendanceRow = z.object({
  child: z.object({ id: z.string(), firstName: z.string(), lastName: z.string(), birthDate: z.string() }),
  /** booked (accepted) for this unit and day */
  expected: z.boolean(),
  /** the child has a known allergy or a care plan (PAI): a flag only, never the details */
  healthAlert: z.boolean(),
  status: z.enum(ATTENDANCE_STATUSES).nullable(),
  markedAt: z.string().nullable(),
  /** issue 15: arrival and departure times recorded on a device (ISO), null when none */
  arrivedAt: z.string().nullable(),
  departedAt: z.string().nullable(),
});
export const attendanceSheet = z.object({
  activity: z.object({ id: z.string(), name: z.string() }),
  unit: unit.pick({ id: true, code: true, label: true }),
  day: z.string(),
  rows: z.array(attendanceRow),
});
export type AttendanceSheet = z.infer<typeof attendanceSheet>;

// The sentences of the codes above: in the `errors` namespace of the catalogues (src/shared/i18n/<language>/errors.ts).

// ---------- issue 17: « Mon compte famille » at a glance ----------

/** GET /api/booking/glance — per child, this week's and next week's days, the next deadlines, the planning to open. */
export const familyGlance = z.object({
  /** today in Paris */
  today: z.string(),
  /** the Mondays of this week and next week */
  weeks: z.array(z.string()),
  children: z.array(
    z.object({
      id: z.string(),
      firstName: z.string(),
      lastName: z.string(),
      days: z.array(
        z.object({
          day: z.string(),
          activityId: z.string(),
          activityName: z.string(),
          unitLabel: z.string(),
          unitPosition: z.number(),
          state: z.enum(['accepted', 'pending', 'waitlisted']),
          cancelRequested: z.boolean(),
        }),
      ),
      /** the earliest cancellation deadline still ahead among the days shown */
      nextCancel: z.object({ day: z.string(), activityName: z.string(), unitLabel: z.string(), cutoff: z.string() }).nullable(),
      /** the earliest deadline still ahead to book a day of the two weeks */
      nextBooking: z.object({ day: z.string(), activityName: z.string(), cutoff: z.string().nullable() }).nullable(),
      /** the planning « Réserver » opens for this child: a period open now */
      planning: z.object({ activityId: z.string(), periodId: z.string() }).nullable(),
    }),
  ),
});
export type FamilyGlance = z.infer<typeof familyGlance>;

/**
 * POST /api/booking/reservations/siblings (issue 17) — one planning for several children of the family: the same
 * activity and period, each child's own changes (the family copies one child's selection to a sibling in the page).
 */
export const siblingReservationInput = z.object({
  activityId: z.string().min(1).max(64),
  periodId: z.string().min(1).max(64),
  children: z
    .array(z.object({ childId: z.string().min(1).max(64), changes: z.array(reservationChange).min(1, { error: 'booking.no_change' }).max(400, { error: 'too_many' }) }))
    .min(1, { error: 'booking.no_change' })
    .max(8, { error: 'too_many' }),
});
export type SiblingReservationInput = z.input<typeof siblingReservationInput>;
export const siblingReservations = z.object({ reservations: z.array(reservation) });

/** GET /api/booking/children/:childId/days (issue 17) — a child's days from today on: the printable summary. */
export const childBookings = z.object({
  child: z.object({ id: z.string(), firstName: z.string(), lastName: z.string() }),
  today: z.string(),
  days: familyGlance.shape.children.element.shape.days,
});
export type ChildBookings = z.infer<typeof childBookings>;
