import type { PaymentProviderName } from '../../../shared/payment-labels.js';
import type { ProviderResult } from './payment.state.js';

/** What the portal asks a provider to collect. No card data: the family types it on the provider's page. */
export interface PaymentOrder {
  /** ours, 1–30 letters and digits (PayFiP's refdet) */
  reference: string;
  amountCents: number;
  /** ≤ 100 ASCII letters, digits and spaces (PayFiP's objet) */
  object: string;
  email: string;
  /** the provider POSTs the operation id here (server to server) */
  notifyUrl: string;
  /** the family's browser comes back here */
  returnUrl: string;
  /** the payment's year, Paris time (PayFiP's exer) */
  year: number;
}

/** One interface for every provider: start an operation, then ask its result server to server. */
export interface PaymentProvider {
  readonly name: PaymentProviderName;
  /** Registers the operation; returns its id and the provider's page for the family. */
  create(order: PaymentOrder): Promise<{ opId: string; redirectUrl: string }>;
  /** The provider's answer for an operation: the only thing a notification or a return is trusted through. */
  status(opId: string): Promise<ProviderResult>;
}

/** The provider failed to answer (network, 5xx, unexpected fault): nothing is decided, ask again later. */
export class ProviderUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProviderUnavailableError';
  }
}
