export interface DocumentTypeTable {
  id: string;
  name: string;
  description: string | null;
  scope: 'family' | 'child';
  validity_kind: 'none' | 'school_year' | 'months';
  validity_months: number | null;
  required: number;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface DocumentTypeActivityTable {
  document_type_id: string;
  activity_id: string;
}

export interface DocumentSubmissionTable {
  id: string;
  family_id: string;
  child_id: string | null;
  document_type_id: string;
  state: 'pending' | 'accepted' | 'refused';
  refusal_reason: string | null;
  submitted_at: string;
  submitted_by: string | null;
  reviewed_at: string | null;
  reviewed_by: string | null;
  /** last valid day, YYYY-MM-DD; null = no limit (or not accepted) */
  valid_until: string | null;
  reminder_sent_at: string | null;
}

export interface DocumentFileTable {
  /** random: the stored name */
  id: string;
  submission_id: string;
  position: number;
  file_name: string;
  media_type: 'application/pdf' | 'image/jpeg' | 'image/png';
  size: number;
  sha256: string;
  content: Buffer | Uint8Array;
  created_at: string;
}

export interface PartialDB {
  document_type: DocumentTypeTable;
  document_type_activity: DocumentTypeActivityTable;
  document_submission: DocumentSubmissionTable;
  document_file: DocumentFileTable;
}
