// The French sentences of the billing error codes (billing-contracts.ts). Kept apart from the contracts, which import
// zod, so that the error table the login page needs stays small.

export const BILLING_MESSAGES_FR = {
  'billing.office_code_taken': 'Ce code de régie est déjà utilisé.',
  'billing.activity_unknown': 'Cette activité n’existe pas.',
  'billing.unit_unknown': 'Cette unité n’existe pas.',
  'billing.bands_order': 'Les tranches doivent être rangées par quotient croissant, la dernière sans plafond.',
  'billing.month_invalid': 'Saisissez un mois au format AAAA-MM.',
  'billing.month_not_over': 'Ce mois n’est pas terminé : la facturation se fait une fois le mois écoulé.',
  'billing.run_exists': 'Une facturation de ce mois existe déjà pour cette régie (brouillon ou publiée).',
  'billing.run_not_draft': 'Cette facturation n’est plus un brouillon.',
  'billing.run_computing':
    'Cette facturation est encore en cours de calcul : attendez la fin du calcul pour la publier (ou abandonnez-la).',
  'billing.run_empty': 'Aucune famille n’a rien à payer ce mois-ci pour cette régie.',
  'billing.no_activity': 'Aucune activité n’est rattachée à cette régie.',
  'billing.invoice_not_published': 'Cette facture n’est pas publiée.',
  'billing.credit_too_large': 'L’avoir ne peut pas dépasser le montant restant de la facture (total moins avoirs déjà faits).',
  'billing.allocation_too_large': 'Le montant affecté dépasse ce qui reste à payer sur cette facture.',
  'billing.allocation_exceeds_payment': 'La somme des affectations dépasse le montant du règlement.',
  'billing.allocation_duplicate': 'La même facture figure deux fois dans les affectations.',
  'billing.invoice_other_family': 'Cette facture n’appartient pas à cette famille.',
  'billing.attendance_locked':
    'La facturation de ce mois est en cours ou publiée : le pointage est verrouillé. Abandonnez le brouillon ou faites un avoir.',
  'billing.family_unknown': 'Cette famille est introuvable.',
  'billing.amount_invalid': 'Saisissez un montant en euros supérieur à zéro.',
} satisfies Record<string, string>;
