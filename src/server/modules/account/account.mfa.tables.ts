import type { ColumnType } from 'kysely';

/** Staff two-factor login (migration 0017): owned by the account module, next to `account.tables.ts`. */

/** bigint columns: PostgreSQL hands back strings, SQLite numbers. */
type Big = ColumnType<number | string, number, number>;

export interface MfaTotpTable {
  account_id: string;
  /** the base32 secret, AES-256-GCM encrypted (account.mfa.crypto.ts) */
  secret: string;
  /** null while the enrolment waits for its first code */
  confirmed_at: string | null;
  /** the last time step accepted: a code of this step or an earlier one is refused (replay) */
  last_step: Big | null;
  created_at: string;
}

export interface MfaRecoveryCodeTable {
  account_id: string;
  /** sha256 of the normalised code (50 random bits each: a slow hash adds nothing) */
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

export interface MfaPasskeyTable {
  id: string;
  account_id: string;
  /** base64url */
  credential_id: string;
  /** base64url of the COSE public key */
  public_key: string;
  counter: ColumnType<number | string, number | undefined, number>;
  /** JSON array of the authenticator's transports */
  transports: string | null;
  name: string;
  created_at: string;
  last_used_at: string | null;
}

export interface MfaChallengeTable {
  challenge: string;
  account_id: string | null;
  purpose: 'register' | 'login';
  expires_at: string;
}

export interface MfaPendingLoginTable {
  /** sha256 of the cookie's token */
  id: string;
  account_id: string;
  /** the hash the password was checked against: a password change in between ends the pending login */
  password_hash: string;
  created_at: string;
  expires_at: string;
  attempts: ColumnType<number, number | undefined, number>;
}

export interface MfaSettingTable {
  account_id: string;
  requirement: 'required' | 'optional';
  updated_at: string;
}

export interface PartialDB {
  mfa_totp: MfaTotpTable;
  mfa_recovery_code: MfaRecoveryCodeTable;
  mfa_passkey: MfaPasskeyTable;
  mfa_challenge: MfaChallengeTable;
  mfa_pending_login: MfaPendingLoginTable;
  mfa_setting: MfaSettingTable;
}
