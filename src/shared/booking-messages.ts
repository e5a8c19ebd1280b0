// The French sentences of the booking error codes (booking-contracts.ts). Kept apart from the contracts, which import
// zod, so that the error table the login page needs stays small.

export const BOOKING_MESSAGES_FR: Record<string, string> = {
  'booking.age_range_invalid': 'L’âge maximum doit être supérieur ou égal à l’âge minimum.',
  'booking.period_range_invalid': 'La date de fin doit être postérieure ou égale à la date de début.',
  'booking.window_invalid': 'La fermeture des réservations doit être postérieure à leur ouverture.',
  'booking.rule_invalid': 'Cette règle de délai n’est pas valide.',
  'booking.no_change': 'Sélectionnez au moins un jour à réserver ou à annuler.',
  'booking.idempotency_key_required': 'La demande n’a pas pu être identifiée : rechargez la page et recommencez.',
  'booking.idempotency_mismatch':
    'Cette demande a déjà été envoyée avec un contenu différent : rechargez le planning et recommencez.',
  'booking.deadline_passed': 'Le délai de réservation de ce jour est dépassé.',
  'booking.cancel_deadline_passed': 'Le délai d’annulation de ce jour est dépassé : contactez le service Enfance.',
  'booking.already_booked': 'Ce jour est déjà réservé pour cet enfant.',
  'booking.not_booked': 'Ce jour n’est pas réservé : il n’y a rien à annuler.',
  'booking.closed': 'L’activité est fermée ce jour-là.',
  'booking.holiday': 'L’activité n’a pas lieu pendant les vacances scolaires.',
  'booking.public_holiday': 'Ce jour est férié.',
  'booking.weekday': 'L’activité n’a pas lieu ce jour de la semaine.',
  'booking.outside_period': 'Ce jour ne fait pas partie de la période choisie.',
  'booking.age_not_allowed': 'L’âge de l’enfant ne permet pas de réserver cette activité.',
  'booking.full': 'Il n’y a plus de place ce jour-là.',
  'booking.unit_unknown': 'Cette unité ne fait pas partie de l’activité : rechargez le planning.',
  'booking.duplicate_change': 'Le même jour figure deux fois dans la demande.',
  'booking.cancel_pending': 'Une demande d’annulation est déjà en cours pour ce jour.',
  'booking.refused_by_staff': 'Refusée par le service.',
  'booking.withdrawn': 'Demande retirée par la famille.',
  'booking.promoted': 'Place libérée : inscription confirmée depuis la liste d’attente.',
  'booking.not_pending': 'Cette demande a déjà été traitée.',
  'booking.not_waitlisted': 'Cette inscription n’est plus sur la liste d’attente.',
  'booking.capacity_below_booked':
    'La capacité ne peut pas être inférieure au nombre de places déjà réservées ce jour-là.',
  'booking.attendance_unknown_child': 'Cet enfant est introuvable.',
  'period.not_open': 'Les réservations de cette période ne sont pas ouvertes.',
  'period.closed': 'Les réservations de cette période sont closes.',
  'ics.invalid': 'Ce fichier n’est pas un calendrier ICS lisible.',
};
