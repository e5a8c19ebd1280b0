import type { PaymentStatus } from '../../../shared/payment-labels.js';

/** What the provider says of an operation, asked server to server (never what the browser brings back). */
export type ProviderResult =
  | { kind: 'paid'; transactionId: string; amountCents: number; reference: string; code: string }
  | { kind: 'refused'; amountCents: number | null; reference: string | null; code: string }
  | { kind: 'abandoned'; code: string }
  /** not known yet (PayFiP's fault P5; the demo bank before it sends its notification) */
  | { kind: 'pending'; code: string }
  /** the provider does not know the operation (PayFiP's fault P1) */
  | { kind: 'unknown'; code: string };

export interface Transition {
  next: PaymentStatus;
  /** the invoices are paid in this transition (billing's applyPayment, receipt mail) */
  settle: boolean;
}

/** How long a payment may stay without a known result before it is given up (idOp lives ~15 min, ask ~20). */
export const GIVE_UP_AFTER_MS = 20 * 60_000;

/**
 * The payment state machine. `pending` moves once to a final state; a payment given up (`expired`) still becomes
 * `paid` when the provider later says the money was taken (billing turns any excess into a credit). A paid payment
 * never changes again, and refused or abandoned ones stay so: the answer for one operation is final.
 */
export function transition(current: PaymentStatus, result: ProviderResult, opts: { overdue: boolean; leftByFamily?: boolean }): Transition {
  const stay = { next: current, settle: false };
  if (current === 'pending') {
    switch (result.kind) {
      case 'paid':
        return { next: 'paid', settle: true };
      case 'refused':
        return { next: 'refused', settle: false };
      case 'abandoned':
        return { next: 'abandoned', settle: false };
      case 'unknown':
        return { next: 'expired', settle: false };
      case 'pending':
        return opts.overdue ? { next: 'expired', settle: false } : stay;
    }
  }
  if ((current === 'expired' || current === 'failed') && result.kind === 'paid') return { next: 'paid', settle: true };
  // left by the family on the portal (« Abandonner ce paiement », issue 17) while the bank had in fact taken the
  // money: the bank's word wins and the money is recorded (an excess becomes the family's credit)
  if (current === 'abandoned' && opts.leftByFamily && result.kind === 'paid') return { next: 'paid', settle: true };
  return stay;
}

/** The three states of the guide (§6.3) the family sees. */
export function isFinal(status: PaymentStatus): boolean {
  return status !== 'pending';
}
