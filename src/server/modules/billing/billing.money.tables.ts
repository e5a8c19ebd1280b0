import type { Generated } from 'kysely';

/** A step of an office's reminder schedule: days after the due date, and how it is sent. */
export interface ReminderStep {
  afterDays: number;
  channel: 'email' | 'letter';
}

/** An office's money settings (issue 13; migration 0019). One row per office, created with defaults when first saved. */
export interface OfficeMoneySettingTable {
  office_id: string;
  /** the SEPA creditor identifier (ICS), e.g. FR12ZZZ123456 */
  creditor_id: string | null;
  creditor_name: string | null;
  creditor_iban: string | null;
  creditor_bic: string | null;
  /** days between the pre-notification e-mail and the collection (14 by law unless agreed otherwise) */
  prenotification_days: Generated<number>;
  /** JSON ReminderStep[] */
  reminder_steps: string;
  /** debt rule: refuse non-essential bookings when the family owes at least this much overdue… */
  debt_min_cents: number | null;
  /** …or has an invoice overdue by at least this many days (null: that criterion is off) */
  debt_min_age_days: number | null;
  /** 1: the family's credit is used on its new invoices when a run is published */
  auto_allocate_credit: Generated<number>;
  updated_at: string;
  updated_by: string;
}

export interface ActivityDebtPolicyTable {
  activity_id: string;
  essential: number;
  updated_at: string;
  updated_by: string;
}

export interface DebtLiftTable {
  family_id: string;
  /** YYYY-MM-DD, last day of the lift */
  until: string;
  reason: string;
  created_at: string;
  created_by: string;
}

export interface InvoiceReminderTable {
  id: Generated<number>;
  invoice_id: number;
  /** index in the office's schedule, from 0 */
  step: number;
  channel: 'email' | 'letter';
  balance_cents: number;
  sent_at: string;
}

export interface ReminderPauseTable {
  family_id: string;
  reason: string;
  created_at: string;
  created_by: string;
}

/** Money given back to a family (refund) or taken back by its bank (a rejected direct debit): lowers its credit. */
export interface RefundTable {
  id: Generated<number>;
  family_id: string;
  payment_id: number | null;
  kind: 'refund' | 'debit_return';
  method: string;
  amount_cents: number;
  reference: string | null;
  refunded_on: string;
  created_at: string;
  created_by: string | null;
}

export interface EstablishmentIdentifierTable {
  establishment_id: string;
  /** SIRET or approval number printed on the tax certificate */
  identifier: string;
}

export interface SepaMandateTable {
  id: string;
  family_id: string;
  office_id: string;
  /** Référence Unique du Mandat */
  rum: string;
  holder_name: string;
  iban: string;
  bic: string;
  state: 'requested' | 'active' | 'revoked' | 'refused';
  /** the sequence type of the next debit: FRST until a first one was collected, then RCUR */
  sequence: 'FRST' | 'RCUR';
  signed_on: string;
  signed_place: string;
  requested_by: string | null;
  created_at: string;
  activated_at: string | null;
  activated_by: string | null;
  ended_at: string | null;
  ended_by: string | null;
  end_reason: string | null;
}

export interface SepaBatchTable {
  id: Generated<number>;
  office_id: string;
  run_id: number;
  message_id: string;
  collection_date: string;
  tx_count: number;
  control_sum_cents: number;
  created_at: string;
  created_by: string;
}

export interface SepaBatchItemTable {
  id: Generated<number>;
  batch_id: number;
  invoice_id: number;
  mandate_id: string;
  family_id: string;
  amount_cents: number;
  sequence: 'FRST' | 'RCUR';
  end_to_end_id: string;
  /** billing's payment recording the collection */
  payment_id: number | null;
  state: 'collected' | 'rejected';
  reject_code: string | null;
  fee_cents: number | null;
  rejected_at: string | null;
}

export interface PartialDB {
  office_money_setting: OfficeMoneySettingTable;
  activity_debt_policy: ActivityDebtPolicyTable;
  debt_lift: DebtLiftTable;
  invoice_reminder: InvoiceReminderTable;
  reminder_pause: ReminderPauseTable;
  refund: RefundTable;
  establishment_identifier: EstablishmentIdentifierTable;
  sepa_mandate: SepaMandateTable;
  sepa_batch: SepaBatchTable;
  sepa_batch_item: SepaBatchItemTable;
}
