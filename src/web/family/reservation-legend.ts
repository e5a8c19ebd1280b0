import type { LegendItem } from '../ui/legend.js';

/** What each line's icon means in a reservation's detail. */
export const PLANNING_LINE_LEGEND: LegendItem[] = [
  { icon: 'accepted', label: 'Acceptée', description: 'le jour est réservé' },
  { icon: 'requested', label: 'En attente de traitement', description: 'le service Enfance doit accepter la demande' },
  { icon: 'waitlisted', label: 'Liste d’attente', description: 'le jour est complet ; vous aurez la place si elle se libère' },
  { icon: 'cancel', label: 'Annulation acceptée', description: 'le jour n’est plus réservé' },
  { icon: 'cancel_requested', label: 'Annulation en attente', description: 'le service Enfance doit accepter l’annulation' },
  { icon: 'refused', label: 'Refusée', description: 'le motif est indiqué sous l’état' },
];
