export interface FamilyTable {
  id: string;
  address_line1: string | null;
  address_line2: string | null;
  postal_code: string | null;
  city: string | null;
  insee_code: string | null;
  family_situation: string | null;
  benefits_regime: 'CAF' | 'MSA' | 'AUTRE' | null;
  benefits_number: string | null;
  family_quotient: number | null;
  payer_rank: number;
  terms_accepted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface GuardianTable {
  id: string;
  family_id: string;
  rank: number;
  civility: 'M' | 'MME' | null;
  last_name: string;
  first_name: string;
  birth_date: string | null;
  mobile_phone: string | null;
  home_phone: string | null;
  work_phone: string | null;
  email: string | null;
  profession: string | null;
  employer: string | null;
}

export interface PartialDB {
  family: FamilyTable;
  guardian: GuardianTable;
}
