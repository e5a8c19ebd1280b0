import type { Language } from '../../../shared/i18n/languages.js';

/** The FranceConnect identity linked to a family account (issue 11): one per account, one account per `sub`. */
export interface FcIdentityTable {
  account_id: string;
  family_id: string;
  /** FranceConnect's subject: stable for this portal (FranceConnect gives each service its own) */
  sub: string;
  given_name: string;
  family_name: string;
  /** YYYY-MM-DD, as FranceConnect gives it */
  birthdate: string | null;
  email: string | null;
  linked_at: string;
  last_login_at: string | null;
}

/** A sign-in, link or sign-out at FranceConnect under way: finished once, by whichever instance gets the callback. */
export interface FcLoginTable {
  /** SHA-256 of the `state` */
  id: string;
  purpose: 'login' | 'link' | 'logout';
  nonce: string;
  code_verifier: string;
  /** link: the account to link */
  account_id: string | null;
  /** link: the portal session that asked (its sign-out then ends FranceConnect's session too) */
  session_id: string | null;
  language: Language;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** The identity FranceConnect gave for an unknown `sub`, waiting for the family's form (« Créer mon compte »). */
export interface FcRegistrationTable {
  /** SHA-256 of the ticket held by the browser (an httpOnly cookie) */
  id: string;
  sub: string;
  given_name: string;
  family_name: string;
  birthdate: string | null;
  email: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** The ID token of a portal session opened (or linked) with FranceConnect: the `id_token_hint` of its sign-out. */
export interface FcSessionTable {
  session_id: string;
  account_id: string;
  id_token: string;
  created_at: string;
  expires_at: string;
}

export interface PartialDB {
  fc_identity: FcIdentityTable;
  fc_login: FcLoginTable;
  fc_registration: FcRegistrationTable;
  fc_session: FcSessionTable;
}
