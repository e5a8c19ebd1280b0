import type { Generated } from 'kysely';

export interface ChildTable {
  id: string;
  family_id: string;
  last_name: string;
  first_name: string;
  sex: 'F' | 'M';
  birth_date: string;
  school: string | null;
  school_class: string | null;
  diet_item_id: string | null;
  /** the diet's label when it was chosen */
  diet_label: string | null;
  /** the health block, encrypted (see src/server/crypto/health-crypto.ts) */
  health_data: string;
  search_key: string;
  created_at: string;
  updated_at: string;
}

interface PersonColumns {
  last_name: string;
  first_name: string;
  relationship: string;
  address_line1: string | null;
  address_line2: string | null;
  postal_code: string | null;
  city: string | null;
  insee_code: string | null;
  phone1: string;
  phone2: string | null;
}

export interface ChildContactTable extends PersonColumns {
  id: string;
  child_id: string;
  /** the household whose contact this is (each household of a shared child keeps its own) */
  family_id: string;
  position: number;
}

export interface ChildPickupTable {
  id: string;
  child_id: string;
  /** the household whose pick-up person this is */
  family_id: string;
  position: number;
  contact_id: string | null;
  last_name: string | null;
  first_name: string | null;
  relationship: string | null;
  address_line1: string | null;
  address_line2: string | null;
  postal_code: string | null;
  city: string | null;
  insee_code: string | null;
  phone1: string | null;
  phone2: string | null;
}

export interface ChildAuthorizationTable {
  child_id: string;
  item_id: string;
  label: string;
  answer: number;
}

export interface ChildHistoryTable {
  id: Generated<number>;
  child_id: string;
  family_id: string;
  at: string;
  actor_account_id: string | null;
  actor_name: string | null;
  actor_kind: 'family' | 'staff' | null;
  field: string;
  /** 1: payload is ciphertext */
  health: number;
  /** JSON { label, old, new }, encrypted when health = 1 */
  payload: string;
}

/**
 * A child's household (issue 11): one row per family the child belongs to, with that household's part of the
 * custody schedule. Every « is this child of this family » goes through it.
 */
export interface ChildHouseholdTable {
  child_id: string;
  family_id: string;
  custody_kind: 'free' | 'alternate_weeks' | 'weekdays';
  /** alternate weeks: a Monday of one of this household's weeks */
  custody_anchor: string | null;
  /** weekdays: this household's ISO weekdays, « 1,3,5 » */
  custody_weekdays: string | null;
  linked_at: string;
  linked_by: string | null;
  /** « partage autorisé » (migration 0022): 1 when staff let this household see the other's items for this child */
  sees_other: number;
}

export interface PartialDB {
  child_household: ChildHouseholdTable;
  child: ChildTable;
  child_contact: ChildContactTable;
  child_pickup: ChildPickupTable;
  child_authorization: ChildAuthorizationTable;
  child_history: ChildHistoryTable;
}
