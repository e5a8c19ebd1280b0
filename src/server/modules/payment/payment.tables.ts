import type { ColumnType, Generated } from 'kysely';
import type { PaymentProviderName, PaymentStatus } from '../../../shared/payment-labels.js';

/**
 * One online payment (billing's `payment` table holds the money received, whatever the method; this one follows the
 * provider's operation until its result is known). One or several invoices, one provider operation (PayFiP's idOp).
 */
export interface OnlinePaymentTable {
  id: string;
  family_id: string;
  provider: PaymentProviderName;
  /** ours, sent as PayFiP's refdet: 1–30 letters and digits */
  reference: string;
  amount_cents: number;
  status: PaymentStatus;
  /** the provider's operation id (idOp), UNIQUE per provider; null until the provider answered */
  provider_op_id: string | null;
  /** the provider's transaction id once paid (PayFiP's numauto), UNIQUE per provider */
  provider_transaction_id: string | null;
  /** the provider's raw result (resultrans, fault code) for the cash office */
  result_code: string | null;
  email: string;
  /** the family member who started it (issue 11, migration 0014); null before */
  account_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: string;
  updated_at: string;
  settled_at: string | null;
  /** when the status job asks the provider next; null when the state is final */
  next_check_at: string | null;
  /** row lease of the status job (safe on N instances) */
  locked_until: string | null;
}

/** The invoices of a payment and the amount asked for each. */
export interface OnlinePaymentLineTable {
  payment_id: string;
  invoice_id: number;
  invoice_number: string;
  amount_cents: number;
  /** 1 while the payment is in progress, null after: UNIQUE (invoice_id, active) allows one payment in flight per invoice */
  active: number | null;
}

/** The demo provider's own records: the simulated bank, embedded in the portal. */
export interface DemoBankOperationTable {
  op_id: string;
  reference: string;
  amount_cents: number;
  notify_url: string;
  return_url: string;
  created_at: string;
  outcome: 'accepted' | 'refused' | 'abandoned' | null;
  decided_at: string | null;
  /** the simulated bank sends its notification a few seconds after the decision */
  notify_at: string | null;
  notified_at: string | null;
  notify_attempts: Generated<number>;
  locked_until: string | null;
}

export interface PartialDB {
  online_payment: OnlinePaymentTable;
  online_payment_line: OnlinePaymentLineTable;
  demo_bank_operation: DemoBankOperationTable;
}
