import type { Generated } from 'kysely';

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_account_id: string | null;
  actor_email: string | null;
  action: string;
  family_id: string | null;
  target_type: string | null;
  target_id: string | null;
  /** JSON; never passwords, tokens or health data */
  details: string | null;
}

export interface PartialDB {
  audit_log: AuditLogTable;
}
