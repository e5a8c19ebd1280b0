export interface PrivacyRequestTable {
  family_id: string;
  requested_at: string;
  /** the family's words; erased on closure */
  reason: string | null;
  closed_at: string | null;
  closed_by: string | null;
}

export interface PartialDB {
  privacy_request: PrivacyRequestTable;
}
