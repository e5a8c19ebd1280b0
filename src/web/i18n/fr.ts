/** French labels for the enums the API sends; one place so every page says the same thing. */
import * as dates from '../../shared/i18n/dates.js';
import { currentLanguage, i18n } from './i18n.js';

export const PORTAL_NAME = 'Portail Familles';

export const CIVILITY_LABELS = { M: 'M.', MME: 'Mme' } as const;

export const FAMILY_SITUATION_LABELS = {
  married: 'Marié(e)',
  pacs: 'Pacsé(e)',
  cohabiting: 'Vie maritale',
  single: 'Célibataire',
  separated: 'Séparé(e)',
  divorced: 'Divorcé(e)',
  widowed: 'Veuf/veuve',
} as const;

export const BENEFITS_REGIME_LABELS = { CAF: 'CAF', MSA: 'MSA', AUTRE: 'Autre régime' } as const;

export const ACCOUNT_STATUS_LABELS = {
  pending: 'en attente de validation',
  active: 'validé',
  rejected: 'refusé',
  disabled: 'désactivé',
} as const;

export const STAFF_STATUS_LABELS = {
  pending: 'invitation envoyée',
  active: 'actif',
  rejected: 'refusé',
  disabled: 'désactivé',
} as const;

export const ROLE_LABELS = { admin: 'Administrateur', agent: 'Agent' } as const;

export const OUTBOX_STATUS_LABELS = {
  sent: 'envoyé',
  pending: 'en attente d’envoi',
  failed: 'échec',
  not_sent: 'non envoyé (pas de serveur SMTP)',
} as const;

export const MESSAGE_TEMPLATE_LABELS: Record<string, string> = {
  'account.registered': 'Création de compte',
  'account.already_exists': 'Compte déjà existant',
  'account.validated': 'Compte validé',
  'account.rejected': 'Compte refusé',
  'password.reset': 'Mot de passe oublié',
  'password.changed': 'Mot de passe modifié',
  'email_change.confirm': 'Confirmation de la nouvelle adresse',
  'email_change.notice_old': 'Avis de changement d’adresse',
  'email_change.done': 'Adresse modifiée',
  'staff.invitation': 'Invitation d’un agent',
};

// ---------- children's records (guide §4.4 to §4.6) ----------
// Same words as src/shared/child-contracts.ts; repeated here so the pages import only types from the contracts
// (importing values would bring zod into the browser bundle).

export const SEX_LABELS = { F: 'Fille', M: 'Garçon' } as const;

export const LIST_KIND_TITLES = {
  diseases: 'Maladies',
  allergies: 'Allergies',
  authorizations: 'Autorisations',
  kinships: 'Liens de parenté (suggestions)',
  diets: 'Régimes alimentaires',
} as const;

export const HEALTH_ACCESS_LABELS = {
  record: 'Consultation de la fiche enfant',
  history: 'Consultation de l’historique des modifications',
  emergency_sheet: 'Impression de la fiche d’urgence',
} as const;

/** « Oui », « Non », « Non renseigné » / "Yes", "No", "Not given", in the reading language. */
export function yesNoLabel(v: boolean | null | undefined): string {
  return i18n.t(v === true ? 'labels:yesNo.yes' : v === false ? 'labels:yesNo.no' : 'labels:yesNo.unknown');
}

// ---------- activities and bookings (guide §5) ----------
// The labels of the API's enums come from src/shared/booking-labels.ts (no zod); the others are the pages' own.
export {
  ACTIVITY_KIND_LABELS_FR as ACTIVITY_KIND_LABELS,
  ATTENDANCE_LABELS_FR as ATTENDANCE_LABELS,
  RESERVATION_STATE_LABELS_FR as RESERVATION_STATE_LABELS,
} from '../../shared/booking-labels.js';

export const RESERVATION_KIND_LABELS = {
  booking: 'Réservation',
  cancellation: 'Demande d’annulation',
  mixed: 'Réservation et annulation',
} as const;

export const LINE_STATE_LABELS = {
  accepted: 'Acceptée',
  pending: 'En attente de traitement',
  waitlisted: 'Liste d’attente',
  refused: 'Refusée',
} as const;

export const LINE_ACTION_LABELS = { book: 'Réservation', cancel: 'Annulation' } as const;

export const SCHOOL_HOLIDAY_MODE_LABELS = {
  ignore: 'Ouverte comme d’habitude pendant les vacances scolaires',
  closed: 'Fermée pendant les vacances scolaires (restauration, périscolaire)',
  only: 'Ouverte uniquement pendant les vacances scolaires (accueil de loisirs)',
} as const;

export const WAITLIST_MODE_LABELS = {
  auto: 'Automatique : la première famille en attente obtient la place libérée (courriel envoyé)',
  staff: 'Par le service : un agent choisit qui obtient la place',
} as const;

export const WEEKDAY_LABELS = ['Lundi', 'Mardi', 'Mercredi', 'Jeudi', 'Vendredi', 'Samedi', 'Dimanche'] as const;

// Days and months: one home for both sides (src/shared/i18n/dates.ts), here in the reading language.
export { weekdayOfDay } from '../../shared/i18n/dates.js';

/** "2026-07-08" → « Mercredi 8 juillet » / "Wednesday 8 July" (with the year on demand). */
export function dayLabel(day: string, withYear = false): string {
  return dates.dayLabel(day, withYear, currentLanguage());
}

/** "2026-07-08" → « mer. 8 juil. » / "Wed 8 Jul" for narrow places. */
export function shortDayLabel(day: string): string {
  return dates.shortDayLabel(day, currentLanguage());
}

/** « du 6 juillet au 28 août 2026 » / "from 6 July to 28 August 2026". */
export function formatDayRange(start: string, end: string): string {
  return dates.formatDayRange(start, end, currentLanguage());
}

/** "2026-10" → « octobre 2026 » / "October 2026". */
export function monthLabel(month: string): string {
  return dates.monthLabel(month, currentLanguage());
}

/** « 1 jour », « 3 jours ». */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n > 1 ? many : one}`;
}

/** What each audit-log action means, for the « Journal des actions » page (the code stays shown beside it). */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'account.registered': 'Compte créé par la famille',
  'account.validated': 'Compte validé',
  'account.rejected': 'Compte refusé',
  'account.email_changed': 'Identifiant (adresse e-mail) modifié',
  'account.password_changed': 'Mot de passe modifié',
  'account.password_reset': 'Mot de passe réinitialisé',
  'family.viewed': 'Fiche famille consultée',
  'family.updated': 'Fiche famille modifiée',
  'child.created': 'Fiche enfant créée',
  'child.updated': 'Fiche enfant modifiée',
  'child.health_viewed': 'Données de santé d’un enfant consultées',
  'child.history_viewed': 'Historique d’une fiche enfant consulté',
  'child.emergency_sheet_viewed': 'Fiche d’urgence consultée',
  'list.item_added': 'Liste de référence : entrée ajoutée',
  'list.item_updated': 'Liste de référence : entrée modifiée',
  'list.item_removed': 'Liste de référence : entrée retirée',
  'list.reordered': 'Liste de référence : ordre modifié',
  'outbox.read': 'Courriel consulté',
  'outbox.retried': 'Courriel remis en file d’envoi',
  'staff.created': 'Compte agent créé',
  'staff.updated': 'Compte agent modifié',
  'catalog.establishment_created': 'Établissement créé',
  'catalog.establishment_updated': 'Établissement modifié',
  'catalog.activity_created': 'Activité créée',
  'catalog.activity_updated': 'Activité modifiée',
  'catalog.unit_created': 'Unité créée',
  'catalog.unit_updated': 'Unité modifiée',
  'catalog.capacity_set': 'Capacité d’un jour modifiée',
  'catalog.period_created': 'Période créée',
  'catalog.period_updated': 'Période modifiée',
  'catalog.closure_created': 'Jour de fermeture ajouté',
  'catalog.closure_deleted': 'Jour de fermeture retiré',
  'catalog.school_holiday_created': 'Vacances scolaires ajoutées',
  'catalog.school_holiday_deleted': 'Vacances scolaires retirées',
  'catalog.school_holidays_imported': 'Vacances scolaires importées (ICS)',
  'booking.decided': 'Demande de réservation traitée',
  'booking.request_accepted': 'Demande de réservation acceptée',
  'booking.request_refused': 'Demande de réservation refusée',
  'booking.waitlist_promoted': 'Inscription confirmée depuis la liste d’attente',
  'booking.attendance_marked': 'Pointage enregistré',
  'booking.attendance_viewed': 'Liste de pointage consultée',
};

// ---------- invoices and payments (guide §6) ----------
// The enums' words come from src/shared/billing-labels.ts and payment-labels.ts (zod-free); only the calendar words here.

/** The `count` months before the current one (Paris time), most recent first: the months an invoicing run may bill. */
export function pastMonths(count: number, now = new Date()): string[] {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' }).format(now);
  let [y, m] = today.split('-').map(Number);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
    out.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  return out;
}
