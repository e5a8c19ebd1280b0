// Payment states and providers with their French wording (§6.3). Zod-free: shared by the contracts and the pages.
// The French wording is the catalogue's (src/shared/i18n/fr/labels.ts).
import frLabels from './i18n/fr/labels.js';

export const PAYMENT_STATUSES = ['pending', 'paid', 'refused', 'abandoned', 'expired', 'failed'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const PAYMENT_PROVIDERS = ['demo', 'payfip'] as const;
export type PaymentProviderName = (typeof PAYMENT_PROVIDERS)[number];

/** The guide's three states, plus the ends of a payment the family never completed. */
export const PAYMENT_STATUS_LABELS_FR: Record<PaymentStatus, string> = frLabels.paymentStatus;

export const PAYMENT_PROVIDER_LABELS_FR: Record<PaymentProviderName, string> = frLabels.paymentProvider;
