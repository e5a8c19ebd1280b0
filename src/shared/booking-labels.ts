// The booking enums and their French labels, shared by the contracts (booking-contracts.ts) and the pages. No zod
// here: a page that needs only the words does not download the schemas.

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
export const ACTIVITY_KIND_LABELS_FR: Record<ActivityKind, string> = {
  periscolaire: 'Accueil périscolaire',
  nap: 'Nouvelles activités périscolaires (NAP)',
  mercredi: 'Accueil de loisirs du mercredi',
  petites_vacances: 'Accueil de loisirs — petites vacances',
  ete: 'Accueil de loisirs — vacances d’été',
  restauration: 'Restauration scolaire',
  ecole_musique: 'École de musique',
  mediatheque: 'Médiathèque',
  ecole_arts: 'École d’arts plastiques',
};

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
export const CELL_STATE_LABELS_FR: Record<CellState, string> = {
  bookable: 'Disponible',
  full: 'Complet — liste d’attente possible',
  accepted: 'Réservation acceptée',
  requested: 'Demande de réservation',
  waitlisted: 'Liste d’attente',
  cancel_requested: 'Demande d’annulation',
  deadline_passed: 'Délai de réservation dépassé',
  closed: 'Fermé',
  holiday: 'Vacances scolaires',
  age_not_allowed: 'Âge non autorisé',
  not_open: 'Réservations non ouvertes',
};

/** State of one line: accepted at once, a request staff decide, on the waiting list, or refused (with `reason`). */
export const LINE_STATES = ['accepted', 'pending', 'waitlisted', 'refused'] as const;
export type LineState = (typeof LINE_STATES)[number];
/** State of a whole reservation, from its lines: pending while a line is, else the « best » outcome. */
export const RESERVATION_STATES = ['accepted', 'pending', 'partial', 'waitlisted', 'refused'] as const;
export type ReservationState = (typeof RESERVATION_STATES)[number];
export const RESERVATION_STATE_LABELS_FR: Record<ReservationState, string> = {
  accepted: 'Acceptée',
  pending: 'En attente de traitement',
  partial: 'Partiellement acceptée',
  waitlisted: 'Liste d’attente',
  refused: 'Refusée',
};

export const ATTENDANCE_STATUSES = ['present', 'absent_justified', 'absent_unjustified', 'present_unbooked'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const ATTENDANCE_LABELS_FR: Record<AttendanceStatus, string> = {
  present: 'Présent',
  absent_justified: 'Absent (justifié)',
  absent_unjustified: 'Absent (non justifié)',
  present_unbooked: 'Présent sans réservation',
};
