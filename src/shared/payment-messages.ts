// The French sentences of the payment error codes (payment-contracts.ts). Zod-free, merged into MESSAGES_FR.

export const PAYMENT_MESSAGES_FR = {
  'payment.no_invoice': 'Sélectionnez au moins une facture à payer.',
  'payment.invoice_not_payable':
    'Une des factures choisies n’est plus à payer (déjà réglée ou introuvable) : rechargez la liste.',
  'payment.amount_changed': 'Le montant d’une facture a changé depuis le récapitulatif : vérifiez-le et recommencez.',
  'payment.in_progress':
    'Un paiement de cette facture est déjà en cours. Attendez la réponse de la banque (au plus 20 minutes) avant de recommencer.',
  'payment.provider_unavailable':
    'Le service de paiement en ligne ne répond pas. Réessayez dans quelques minutes ou réglez à la régie.',
  'payment.unavailable': 'Le paiement en ligne n’est pas disponible pour le moment.',
  'payment.mixed_offices':
    'Ces factures relèvent de régies différentes : payez-les en deux fois (une régie par paiement).',
} satisfies Record<string, string>;
