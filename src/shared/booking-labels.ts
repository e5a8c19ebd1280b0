// The booking enums and their French labels, shared by the contracts (booking-contracts.ts) and the pages. No zod
// here: a page that needs only the words does not download the schemas. The French labels are the catalogue's
// (src/shared/i18n/fr/labels.ts): the server says them in the request's language with t('labels:…').
import frLabels from './i18n/fr/labels.js';

/** The kinds of activity the guide names (§5.1). */
export const ACTIVITY_KINDS = [
  'periscolaire',
  'nap',
  'mercredi',
  'petites_vacances',
  'ete',
  'restauration',
  'ecole_musique',
  'mediatheque',
  'ecole_arts',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ACTIVITY_KIND_LABELS_FR: Record<ActivityKind, string> = frLabels.activityKind;

/** What a day of school holidays means for an activity: open as usual, closed (canteen), or open only then (summer). */
export const SCHOOL_HOLIDAY_MODES = ['ignore', 'closed', 'only'] as const;
export type SchoolHolidayMode = (typeof SCHOOL_HOLIDAY_MODES)[number];

/** Waiting-list promotion when a place frees: at once (with an e-mail) or by staff. */
export const WAITLIST_MODES = ['auto', 'staff'] as const;
export type WaitlistMode = (typeof WAITLIST_MODES)[number];

export const CELL_STATES = [
  'bookable',
  'full',
  'accepted',
  'requested',
  'waitlisted',
  'cancel_requested',
  'deadline_passed',
  'closed',
  'holiday',
  'age_not_allowed',
  'not_open',
] as const;
export type CellState = (typeof CELL_STATES)[number];
export const CELL_STATE_LABELS_FR: Record<CellState, string> = frLabels.cellState;

/** State of one line: accepted at once, a request staff decide, on the waiting list, or refused (with `reason`). */
export const LINE_STATES = ['accepted', 'pending', 'waitlisted', 'refused'] as const;
export type LineState = (typeof LINE_STATES)[number];
/** State of a whole reservation, from its lines: pending while a line is, else the « best » outcome. */
export const RESERVATION_STATES = ['accepted', 'pending', 'partial', 'waitlisted', 'refused'] as const;
export type ReservationState = (typeof RESERVATION_STATES)[number];
export const RESERVATION_STATE_LABELS_FR: Record<ReservationState, string> = frLabels.reservationState;

export const ATTENDANCE_STATUSES = ['present', 'absent_justified', 'absent_unjustified', 'present_unbooked'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const ATTENDANCE_LABELS_FR: Record<AttendanceStatus, string> = frLabels.attendance;
