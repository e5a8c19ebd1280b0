import { z } from 'zod';

/** « Paiement à la réservation » (issue 13): a basket of days held while the family pays (docs/money.md). */
export const BASKET_STATES = ['held', 'paid', 'expired', 'cancelled'] as const;
export type BasketState = (typeof BASKET_STATES)[number];
export const BASKET_DAY_STATES = ['held', 'paid', 'released', 'cancelled'] as const;

export const basketView = z.object({
  id: z.string(),
  state: z.enum(BASKET_STATES),
  activityId: z.string(),
  activityName: z.string(),
  childId: z.string(),
  childName: z.string(),
  reservationId: z.number(),
  /** ISO instant: the days are held until then */
  expiresAt: z.string(),
  invoiceId: z.number(),
  invoiceNumber: z.string(),
  totalCents: z.number(),
  /** what remains to pay on the invoice (0 once paid, or cancelled by credit notes) */
  balanceCents: z.number(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  days: z.array(z.object({ unitId: z.string(), unitLabel: z.string(), day: z.string(), priceCents: z.number(), state: z.enum(BASKET_DAY_STATES) })),
});
export type BasketView = z.infer<typeof basketView>;

export const basketParams = z.object({ basketId: z.string().uuid() });
export const familyBasketsParams = z.object({ familyId: z.string().min(1).max(64) });
