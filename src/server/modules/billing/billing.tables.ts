import type { Generated } from 'kysely';

export interface CollectionOfficeTable {
  id: string;
  name: string;
  code: string;
  address: string | null;
  payment_instructions: string | null;
  /** comma-separated, '' for none */
  resident_postal_codes: string;
  resident_insee_codes: string;
  payment_term_days: number;
  created_at: string;
  updated_at: string;
}

export interface OfficeActivityTable {
  activity_id: string;
  office_id: string;
}

/** Last number given per (office, kind, year): bumped in the publishing transaction. */
export interface InvoiceCounterTable {
  office_id: string;
  kind: 'invoice' | 'credit_note';
  year: number;
  last_number: number;
}

export interface TariffTable {
  unit_id: string;
  activity_id: string;
  /** JSON TariffRule */
  rule: string;
  updated_at: string;
  updated_by: string;
}

export interface InvoicingRunTable {
  id: Generated<number>;
  office_id: string;
  month: string;
  state: 'draft' | 'published' | 'discarded';
  /** JSON RunWarning[] */
  warnings: string;
  created_at: string;
  created_by: string;
  published_at: string | null;
  published_by: string | null;
  /** progress of the computation (migration 0010): families in the run (null until counted), families done */
  families_total: number | null;
  families_done: Generated<number>;
  /** the last family done, in family-id order: a resumed computation starts after it */
  cursor_family_id: string | null;
  /** JSON {unitId: days} — days without tariff counted by the chunks already committed */
  missing_tariff: string | null;
  /** 'manual' (migration 0019): the one run per office that holds its one-off invoices, never listed with the months */
  kind: Generated<'monthly' | 'manual'>;
}

export interface InvoiceTable {
  id: Generated<number>;
  run_id: number;
  office_id: string;
  family_id: string;
  month: string;
  state: 'draft' | 'published' | 'discarded';
  year: number | null;
  number: number | null;
  reference: string | null;
  issued_on: string | null;
  due_on: string | null;
  total_cents: number;
  credited_cents: Generated<number>;
  paid_cents: Generated<number>;
  family_name: string;
  /** JSON { name, addressLines, email } */
  payer: string;
  quotient: number | null;
  resident: number;
  created_at: string;
}

export interface InvoiceLineTable {
  id: Generated<number>;
  invoice_id: number;
  position: number;
  child_id: string;
  child_name: string;
  activity_name: string;
  unit_label: string;
  kind: string;
  days: string;
  quantity: number;
  unit_price_cents: number;
  amount_cents: number;
  computation: string;
}

export interface CreditNoteTable {
  id: Generated<number>;
  invoice_id: number;
  office_id: string;
  year: number;
  number: number;
  reference: string;
  amount_cents: number;
  reason: string;
  created_at: string;
  created_by: string;
}

export interface PaymentTable {
  id: Generated<number>;
  family_id: string;
  method: 'cheque' | 'cash' | 'cesu' | 'transfer' | 'direct_debit' | 'online';
  amount_cents: number;
  allocated_cents: Generated<number>;
  reference: string | null;
  received_on: string;
  created_at: string;
  created_by: string | null;
}

export interface PaymentAllocationTable {
  id: Generated<number>;
  payment_id: number;
  invoice_id: number;
  amount_cents: number;
  created_at: string;
}

export interface PartialDB {
  collection_office: CollectionOfficeTable;
  office_activity: OfficeActivityTable;
  invoice_counter: InvoiceCounterTable;
  tariff: TariffTable;
  invoicing_run: InvoicingRunTable;
  invoice: InvoiceTable;
  invoice_line: InvoiceLineTable;
  credit_note: CreditNoteTable;
  payment: PaymentTable;
  payment_allocation: PaymentAllocationTable;
}
