import { z } from 'zod';
import { PAYMENT_PROVIDERS, PAYMENT_STATUSES } from './payment-labels.js';

export { PAYMENT_PROVIDERS, PAYMENT_STATUSES, PAYMENT_STATUS_LABELS_FR, PAYMENT_PROVIDER_LABELS_FR } from './payment-labels.js';
export type { PaymentProviderName, PaymentStatus } from './payment-labels.js';

// The list of unpaid invoices is billing's (GET /api/billing/unpaid, UnpaidInvoice in billing-contracts.ts).

/** The invoices ticked in « Payer en ligne ». The amounts always come from the server, never from the browser. */
export const paymentSelection = z.object({
  invoiceIds: z
    .array(z.number().int().positive())
    .min(1, 'payment.no_invoice')
    .max(50, 'too_many')
    .refine((ids) => new Set(ids).size === ids.length, 'payment.no_invoice'),
});
export type PaymentSelection = z.infer<typeof paymentSelection>;

/** The recap (§6.3): each invoice number and the amount that will be debited. */
export const paymentRecap = z.object({
  lines: z.array(z.object({ invoiceId: z.number().int(), number: z.string(), amountCents: z.number().int() })),
  totalCents: z.number().int(),
});
export type PaymentRecap = z.infer<typeof paymentRecap>;

/** « Continuer »: the recap's total is sent back so that a changed amount is not debited silently. */
export const paymentStart = paymentSelection.extend({ totalCents: z.number().int().min(0).max(100_000_000) });
export type PaymentStart = z.infer<typeof paymentStart>;

export const paymentView = z.object({
  id: z.string(),
  reference: z.string(),
  provider: z.enum(PAYMENT_PROVIDERS),
  status: z.enum(PAYMENT_STATUSES),
  amountCents: z.number().int(),
  createdAt: z.string(),
  settledAt: z.string().nullable(),
  lines: z.array(z.object({ invoiceId: z.number().int(), number: z.string(), amountCents: z.number().int() })),
  /** the family member who paid (issue 11) */
  paidBy: z.string().nullable().optional(),
});
export type PaymentView = z.infer<typeof paymentView>;

/** Where to send the family: the provider's secure page (the demo bank's simulated page by default). */
export const paymentStarted = z.object({ payment: paymentView, redirectUrl: z.string() });
export type PaymentStarted = z.infer<typeof paymentStarted>;
