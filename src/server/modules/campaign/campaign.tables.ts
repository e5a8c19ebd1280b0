/**
 * The campaign module's tables (issue 12, docs/fair-opening.md): a request campaign per period (one activity's
 * period), the families' wishes, the staff-set categories of families and children, the simulations staff ran, and
 * the published outcome of each wish. Places and waiting lists themselves are the booking module's: publishing writes
 * them through booking.campaign.ts.
 */
export interface CampaignTable {
  id: string;
  activity_id: string;
  /** UNIQUE: one campaign per period */
  period_id: string;
  /** 'first_come': today's behaviour (the campaign is kept but off); 'requests': a request window, then an allocation */
  mode: 'first_come' | 'requests';
  /** the request window [opens_at, closes_at) (ISO instants); residents may start at resident_opens_at */
  opens_at: string;
  resident_opens_at: string | null;
  closes_at: string;
  /** JSON string[]: INSEE codes of the towns whose families are residents */
  resident_towns: string;
  /** JSON EligibilityRules (allocation.ts) */
  eligibility: string;
  /** JSON WeightedCriterion[], in order */
  criteria: string;
  siblings_together: number;
  /** the lottery's public seed: staff's announced text, and its sha256 (the value the allocation uses) */
  seed_text: string;
  seed: string;
  published_at: string | null;
  published_by: string | null;
  /** JSON of the published figures (satisfaction, per unit-day) */
  result: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface CampaignWishTable {
  id: string;
  campaign_id: string;
  family_id: string;
  child_id: string;
  unit_id: string;
  day: string;
  /** 1 = most wanted; null = no order given */
  preference: number | null;
  account_id: string;
  created_at: string;
  updated_at: string;
}

/** A staff-set category of a family (child_id '') or of one child (e.g. « handicap ou PAI »). */
export interface CampaignFlagTable {
  family_id: string;
  child_id: string;
  flag: string;
  set_by: string;
  set_at: string;
}

export interface CampaignSimulationTable {
  id: string;
  campaign_id: string;
  /** JSON WeightedCriterion[] used */
  criteria: string;
  siblings_together: number;
  /** JSON SimulationSummary */
  summary: string;
  created_by: string;
  created_at: string;
}

export interface CampaignOutcomeTable {
  campaign_id: string;
  wish_id: string;
  family_id: string;
  child_id: string;
  unit_id: string;
  day: string;
  status: 'allocated' | 'waitlisted' | 'ineligible' | 'capped' | 'already_booked';
  reason: string | null;
  wait_rank: number | null;
  applicant_rank: number | null;
  /** JSON Criterion[] that raised the child's priority */
  applied: string;
}

export interface PartialDB {
  campaign: CampaignTable;
  campaign_wish: CampaignWishTable;
  campaign_flag: CampaignFlagTable;
  campaign_simulation: CampaignSimulationTable;
  campaign_outcome: CampaignOutcomeTable;
}
