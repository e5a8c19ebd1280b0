// The billing enums and their French labels, shared by the contracts (billing-contracts.ts) and the pages. No zod
// here: a page that needs only the words does not download the schemas. The French labels are the catalogue's
// (src/shared/i18n/fr/labels.ts): the server says them in the request's language with t('labels:…').
import frLabels from './i18n/fr/labels.js';

/** Where an invoice stands for the family (§6.1); computed from its amounts and due date. */
export const INVOICE_STATES = ['unpaid', 'partly_paid', 'paid', 'overdue', 'credited'] as const;
export type InvoiceState = (typeof INVOICE_STATES)[number];
export const INVOICE_STATE_LABELS_FR: Record<InvoiceState, string> = frLabels.invoiceState;

/** How a payment was made. `online` is written by the payment module (provider payments), never by staff. */
export const PAYMENT_METHODS = ['cheque', 'cash', 'cesu', 'transfer', 'direct_debit', 'online'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const MANUAL_PAYMENT_METHODS = ['cheque', 'cash', 'cesu', 'transfer', 'direct_debit'] as const;
export type ManualPaymentMethod = (typeof MANUAL_PAYMENT_METHODS)[number];
export const PAYMENT_METHOD_LABELS_FR: Record<PaymentMethod, string> = frLabels.paymentMethod;

/** An invoicing run: computed as a draft (attendance of the month locked), then published or discarded. */
export const RUN_STATES = ['draft', 'published', 'discarded'] as const;
export type RunState = (typeof RUN_STATES)[number];
export const RUN_STATE_LABELS_FR: Record<RunState, string> = frLabels.runState;

/** What an invoice line charges. */
export const LINE_KINDS = ['attended', 'absence_unjustified', 'absence_justified', 'unbooked_presence'] as const;
export type LineKind = (typeof LINE_KINDS)[number];
export const LINE_KIND_LABELS_FR: Record<LineKind, string> = frLabels.lineKind;

/** Why a draft needs a look before publishing. */
export const RUN_WARNING_CODES = ['missing_quotient', 'attendance_not_taken', 'missing_tariff', 'no_payer_email'] as const;
export type RunWarningCode = (typeof RUN_WARNING_CODES)[number];
export const RUN_WARNING_LABELS_FR: Record<RunWarningCode, string> = frLabels.runWarning;

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
