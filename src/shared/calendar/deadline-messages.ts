// Kept apart from deadlines.ts (which imports zod) so that the error table the login page needs stays small.

/** Error codes of the rule schema, with the French sentence the UI shows (merge into MESSAGES_FR). */
export const DEADLINE_MESSAGES_FR = {
  'deadline.required': 'Choisissez un délai.',
  'deadline.kind_invalid': 'Choisissez un type de délai parmi ceux proposés.',
  'deadline.unknown_field': 'Ce réglage n’existe pas pour ce type de délai.',
  'deadline.time_invalid': 'Saisissez une heure au format HH:MM, entre 00:00 et 23:59 (par exemple 12:00).',
  'deadline.days_invalid': 'Saisissez un nombre de jours entier, entre 0 et 366.',
  'deadline.hours_invalid': 'Saisissez un nombre d’heures entier, entre 0 et 8784.',
  'deadline.skip_invalid': 'Choisissez les jours à ne pas compter : aucun, les week-ends, les jours fériés ou les jours non ouvrés.',
  'deadline.weekday_invalid': 'Choisissez un jour de la semaine, du lundi au dimanche.',
  'deadline.weekdays_invalid': 'Choisissez des jours de la semaine différents, du lundi au dimanche.',
  'deadline.clear_days_invalid': 'Indiquez si le délai est en jours francs (oui ou non).',
  'deadline.no_countable_day': 'Avec ces exclusions, il ne reste aucun jour à compter : retirez au moins un jour exclu.',
  'deadline.from_invalid': 'Choisissez le point de départ : le début de la journée ou l’heure de début de l’unité.',
  'deadline.weeks_invalid': 'Saisissez un nombre de semaines entier, entre 1 et 52.',
  'deadline.day_of_month_invalid': 'Saisissez un jour du mois, entre 1 et 31.',
  'deadline.months_invalid': 'Saisissez un nombre de mois entier, entre 1 et 12.',
  'deadline.non_working_day_invalid': 'Choisissez ce qui se passe quand la date limite tombe un jour non ouvré.',
  'deadline.inside_invalid': 'Choisissez ce qui se passe avant la date limite : acceptation immédiate ou demande à valider.',
  'deadline.after_invalid': 'Choisissez ce qui se passe après la date limite : demande à valider ou refus.',
} as const;
