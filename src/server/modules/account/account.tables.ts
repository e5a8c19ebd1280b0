import type { ColumnType, Generated } from 'kysely';
import type { Language } from '../../../shared/i18n/languages.js';

export interface AccountTable {
  id: string;
  email: string;
  password_hash: string;
  kind: 'family' | 'staff';
  role: 'admin' | 'agent' | null;
  status: 'pending' | 'active' | 'rejected' | 'disabled';
  family_id: string | null;
  display_name: string | null;
  /** the language of the account's e-mails and, on a new device, of its pages (migration 0013) */
  language: ColumnType<Language, Language | undefined, Language>;
  rejection_reason: string | null;
  validated_at: string | null;
  validated_by: string | null;
  password_changed_at: string | null;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  id: string;
  account_id: string;
  created_at: string;
  last_seen_at: string;
  idle_expires_at: string;
  absolute_expires_at: string;
  user_agent: string | null;
  /** null: a full session; 'enrolment': a staff member who must enrol a second factor may only do that (0017) */
  scope: ColumnType<'enrolment' | null, 'enrolment' | null | undefined, 'enrolment' | null>;
}

export interface AccountTokenTable {
  id: string;
  account_id: string;
  purpose: 'password_reset' | 'email_change' | 'invitation';
  new_email: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface ThrottleTable {
  key: string;
  count: number;
  window_started_at: string;
  blocked_until: string | null;
}

export interface PartialDB {
  account: AccountTable;
  session: SessionTable;
  account_token: AccountTokenTable;
  throttle: ThrottleTable;
}

// Generated is re-exported for tables with database-assigned ids.
export type { Generated };
