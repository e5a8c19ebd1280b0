/** Where a family's quotient comes from (docs/quotient.md). */
export type QuotientSourceName = 'declared' | 'manual' | 'cnaf' | 'msa' | 'demo';

export interface QuotientStateTable {
  family_id: string;
  source: QuotientSourceName | null;
  /** YYYY-MM: the month the CAF/MSA computed the quotient (« calculé au »), or the month a document states */
  computed_month: string | null;
  fetched_at: string | null;
  recorded_at: string | null;
  /** the accepted document submission (document module) that justifies a manual entry */
  document_id: string | null;
  consent_given_at: string | null;
  consent_account_id: string | null;
  consent_email: string | null;
  consent_withdrawn_at: string | null;
  /** the January refresh's claim: the year it was last done for this family */
  refreshed_year: number | null;
  /** the last history number given (under the family row lock) */
  last_seq: number;
}

export interface QuotientHistoryTable {
  id: string;
  family_id: string;
  seq: number;
  quotient: number | null;
  source: QuotientSourceName;
  computed_month: string | null;
  recorded_at: string;
  /** the login (e-mail) that caused the write, or « job » for the January refresh */
  recorded_by: string | null;
  document_id: string | null;
}

export interface PartialDB {
  quotient_state: QuotientStateTable;
  quotient_history: QuotientHistoryTable;
}
