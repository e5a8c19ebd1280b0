// The billing enums and their French labels, shared by the contracts (billing-contracts.ts) and the pages. No zod
// here: a page that needs only the words does not download the schemas.

/** Where an invoice stands for the family (§6.1); computed from its amounts and due date. */
export const INVOICE_STATES = ['unpaid', 'partly_paid', 'paid', 'overdue', 'credited'] as const;
export type InvoiceState = (typeof INVOICE_STATES)[number];
export const INVOICE_STATE_LABELS_FR: Record<InvoiceState, string> = {
  unpaid: 'Non réglée',
  partly_paid: 'Partiellement réglée',
  paid: 'Réglée',
  overdue: 'En retard de paiement',
  credited: 'Annulée par un avoir',
};

/** How a payment was made. `online` is written by the payment module (provider payments), never by staff. */
export const PAYMENT_METHODS = ['cheque', 'cash', 'cesu', 'transfer', 'direct_debit', 'online'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const MANUAL_PAYMENT_METHODS = ['cheque', 'cash', 'cesu', 'transfer', 'direct_debit'] as const;
export type ManualPaymentMethod = (typeof MANUAL_PAYMENT_METHODS)[number];
export const PAYMENT_METHOD_LABELS_FR: Record<PaymentMethod, string> = {
  cheque: 'Chèque',
  cash: 'Espèces',
  cesu: 'CESU',
  transfer: 'Virement bancaire',
  direct_debit: 'Prélèvement',
  online: 'Paiement en ligne',
};

/** An invoicing run: computed as a draft (attendance of the month locked), then published or discarded. */
export const RUN_STATES = ['draft', 'published', 'discarded'] as const;
export type RunState = (typeof RUN_STATES)[number];
export const RUN_STATE_LABELS_FR: Record<RunState, string> = {
  draft: 'Brouillon à vérifier',
  published: 'Publiée',
  discarded: 'Abandonnée',
};

/** What an invoice line charges. */
export const LINE_KINDS = ['attended', 'absence_unjustified', 'absence_justified', 'unbooked_presence'] as const;
export type LineKind = (typeof LINE_KINDS)[number];
export const LINE_KIND_LABELS_FR: Record<LineKind, string> = {
  attended: 'Présence réservée',
  absence_unjustified: 'Absence non justifiée (facturée)',
  absence_justified: 'Absence justifiée (non facturée)',
  unbooked_presence: 'Présence sans réservation',
};

/** Why a draft needs a look before publishing. */
export const RUN_WARNING_CODES = ['missing_quotient', 'attendance_not_taken', 'missing_tariff', 'no_payer_email'] as const;
export type RunWarningCode = (typeof RUN_WARNING_CODES)[number];
export const RUN_WARNING_LABELS_FR: Record<RunWarningCode, string> = {
  missing_quotient: 'Quotient familial non déclaré : tranche la plus haute appliquée',
  attendance_not_taken: 'Pointage non fait : jours réservés facturés comme présents',
  missing_tariff: 'Aucun tarif pour cette unité : jours non facturés',
  no_payer_email: 'Aucune adresse e-mail pour le payeur : la famille ne sera pas prévenue',
};

/** Formats integer cents as euros: 1234 → « 12,34 € » in French, "€12.34" in English (1234567 → "€12,345.67"). */
export function formatEuros(cents: number, language: 'fr' | 'en' = 'fr'): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const euros = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, language === 'en' ? ',' : '\u202f');
  const centsPart = String(abs % 100).padStart(2, '0');
  return language === 'en' ? `${sign}€${euros}.${centsPart}` : `${sign}${euros},${centsPart} €`;
}
