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
  /** family accounts (issue 11): the family's holder or an invited member; null for staff */
  member_role: ColumnType<'holder' | 'member' | null, 'holder' | 'member' | null | undefined, 'holder' | 'member' | null>;
  /** the member's rights, 0/1 (the holder always has all): book and cancel, pay, edit the family and children */
  can_book: ColumnType<number, number | undefined, number>;
  can_pay: ColumnType<number, number | undefined, number>;
  can_edit: ColumnType<number, number | undefined, number>;
  /** the guardian of the family record this login is (1 or 2); null for staff */
  guardian_rank: ColumnType<number | null, number | null | undefined, number | null>;
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

/** An invitation of a second member to a family (issue 11): single use, withdrawable, only the token's hash kept. */
export interface FamilyInvitationTable {
  id: string;
  family_id: string;
  email: string;
  guardian_rank: number;
  can_book: number;
  can_pay: number;
  can_edit: number;
  token_hash: string;
  /** the family member or the staff account who invited */
  created_by: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_account_id: string | null;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
}

export interface PartialDB {
  account: AccountTable;
  session: SessionTable;
  account_token: AccountTokenTable;
  throttle: ThrottleTable;
  family_invitation: FamilyInvitationTable;
}

// Generated is re-exported for tables with database-assigned ids.
export type { Generated };
