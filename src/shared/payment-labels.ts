// Payment states and providers with their French wording (§6.3). Zod-free: shared by the contracts and the pages.

export const PAYMENT_STATUSES = ['pending', 'paid', 'refused', 'abandoned', 'expired', 'failed'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const PAYMENT_PROVIDERS = ['demo', 'payfip'] as const;
export type PaymentProviderName = (typeof PAYMENT_PROVIDERS)[number];

/** The guide's three states, plus the ends of a payment the family never completed. */
export const PAYMENT_STATUS_LABELS_FR: Record<PaymentStatus, string> = {
  pending: 'Règlement en attente de validation par la banque',
  paid: 'Règlement validé',
  refused: 'Règlement refusé par la banque',
  abandoned: 'Paiement abandonné',
  expired: 'Paiement non abouti (délai dépassé)',
  failed: 'Le paiement n’a pas pu être engagé',
};

export const PAYMENT_PROVIDER_LABELS_FR: Record<PaymentProviderName, string> = {
  demo: 'Banque de démonstration (SIMULATION — aucun paiement réel)',
  payfip: 'PayFiP (DGFiP)',
};
