/**
 * HTTP contracts of request campaigns (issue 12, docs/fair-opening.md). Refusals are error codes (sentences in the
 * `errors` namespace under `campaign`); the words of the pages are in the `campaigns` namespace.
 *
 * Family (the family comes from the session; another family's child answers 404):
 *   GET  /api/campaigns/for-planning/:childId/:activityId/:periodId → FamilyCampaign (the child's wishes, the window, the seed)
 *   PUT  /api/campaigns/:campaignId/wishes/:childId    family:book  WishesInput → FamilyCampaign (replaces the child's wishes)
 *   GET  /api/campaigns/outcomes                                     → FamilyOutcomes (each wish's outcome, waiting ranks now)
 * Staff:
 *   GET  /api/staff/campaigns                          staff → CampaignView[]
 *   POST /api/staff/campaigns                          admin CampaignInput → CampaignView
 *   GET  /api/staff/campaigns/:campaignId              staff → CampaignDetail
 *   PUT  /api/staff/campaigns/:campaignId              admin CampaignInput (+ version) → CampaignView
 *   POST /api/staff/campaigns/:campaignId/simulate     staff SimulationInput → Simulation (nothing sent, nothing booked)
 *   POST /api/staff/campaigns/:campaignId/publish      admin → CampaignDetail (idempotent: a second click answers the same)
 *   PUT  /api/staff/campaigns/flags/:familyId          staff FlagsInput → FamilyFlags
 */
import { z } from 'zod';
import { isoDay } from './contracts.js';

export const CAMPAIGN_CRITERIA = [
  'residence',
  'two_parents_working',
  'single_parent_working',
  'sibling_allocated',
  'disability_or_pai',
  'previous_attendance',
  'quotient_band',
  'staff_flag',
] as const;
export type CampaignCriterion = (typeof CAMPAIGN_CRITERIA)[number];
export const CAMPAIGN_FLAGS = ['two_parents_working', 'single_parent_working', 'single_parent', 'disability_or_pai', 'social_priority'] as const;
export type CampaignFlag = (typeof CAMPAIGN_FLAGS)[number];
export const CAMPAIGN_PHASES = ['off', 'before', 'requests', 'allocating', 'published'] as const;
export type CampaignPhaseName = (typeof CAMPAIGN_PHASES)[number];

const instant = z.iso.datetime({ offset: true, error: 'date.invalid' });
const smallInt = (max: number) => z.number().int({ error: 'field.invalid' }).min(0, { error: 'field.invalid' }).max(max, { error: 'field.invalid' });

export const eligibilityInput = z.object({
  residentsOnly: z.boolean(),
  minAge: smallInt(25).nullable(),
  maxAge: smallInt(25).nullable(),
  schoolClasses: z.array(z.string().trim().min(1).max(20)).max(30),
  requiredFlags: z.array(z.enum(CAMPAIGN_FLAGS, { error: 'choice.invalid' })).max(CAMPAIGN_FLAGS.length),
  documentsRequired: z.boolean(),
  maxDaysPerWeek: z.number().int().min(1, { error: 'field.invalid' }).max(7, { error: 'field.invalid' }).nullable(),
  maxDaysPerPeriod: z.number().int().min(1, { error: 'field.invalid' }).max(366, { error: 'field.invalid' }).nullable(),
});
export type EligibilityInput = z.infer<typeof eligibilityInput>;

export const criterionInput = z.object({
  criterion: z.enum(CAMPAIGN_CRITERIA, { error: 'choice.invalid' }),
  weight: smallInt(100),
  flag: z.enum(CAMPAIGN_FLAGS, { error: 'choice.invalid' }).nullable().optional(),
});
export type CriterionInput = z.infer<typeof criterionInput>;

export const campaignInput = z
  .object({
    periodId: z.string().min(1).max(64),
    mode: z.enum(['first_come', 'requests'], { error: 'choice.invalid' }),
    opensAt: instant,
    residentOpensAt: instant.nullable(),
    closesAt: instant,
    /** INSEE codes (5 characters) of the towns whose families count as residents */
    residentTowns: z.array(z.string().trim().regex(/^[0-9][0-9AB][0-9]{3}$/, { error: 'campaign.town_invalid' })).max(50),
    eligibility: eligibilityInput,
    criteria: z.array(criterionInput).max(CAMPAIGN_CRITERIA.length * 2),
    siblingsTogether: z.boolean(),
    /** the value announced in advance the lottery's seed is derived from (sha256) */
    seedText: z.string().trim().min(1, { error: 'required' }).max(200, { error: 'too_long' }),
    /** the version read (PUT only): a stale one answers 409 campaign.stale */
    version: z.number().int().positive().optional(),
  })
  .refine((c) => new Date(c.opensAt) < new Date(c.closesAt), { path: ['closesAt'], error: 'campaign.window_invalid' })
  .refine((c) => c.residentOpensAt === null || new Date(c.residentOpensAt) <= new Date(c.opensAt), { path: ['residentOpensAt'], error: 'campaign.resident_window_invalid' })
  .refine((c) => c.eligibility.minAge === null || c.eligibility.maxAge === null || c.eligibility.minAge <= c.eligibility.maxAge, {
    path: ['eligibility', 'maxAge'],
    error: 'campaign.age_range_invalid',
  })
  .refine((c) => c.criteria.every((k) => k.criterion !== 'staff_flag' || k.flag), { path: ['criteria'], error: 'campaign.flag_required' })
  .refine((c) => new Set(c.criteria.map((k) => `${k.criterion}:${k.flag ?? ''}`)).size === c.criteria.length, { path: ['criteria'], error: 'campaign.criterion_twice' });
export type CampaignInput = z.input<typeof campaignInput>;

export const campaignView = z.object({
  id: z.string(),
  activity: z.object({ id: z.string(), name: z.string() }),
  period: z.object({ id: z.string(), label: z.string(), startDay: z.string(), endDay: z.string() }),
  mode: z.enum(['first_come', 'requests']),
  phase: z.enum(CAMPAIGN_PHASES),
  opensAt: z.string(),
  residentOpensAt: z.string().nullable(),
  closesAt: z.string(),
  residentTowns: z.array(z.string()),
  eligibility: eligibilityInput,
  criteria: z.array(criterionInput),
  siblingsTogether: z.boolean(),
  seedText: z.string(),
  seed: z.string(),
  publishedAt: z.string().nullable(),
  version: z.number(),
  wishes: z.number(),
  families: z.number(),
});
export type CampaignView = z.infer<typeof campaignView>;

export const satisfactionFigures = z.object({
  families: z.number(),
  familiesAll: z.number(),
  familiesPart: z.number(),
  familiesNone: z.number(),
  wishes: z.number(),
  allocated: z.number(),
  waitlisted: z.number(),
  ineligible: z.number(),
  capped: z.number(),
});
export type SatisfactionFigures = z.infer<typeof satisfactionFigures>;

export const simulationInput = z.object({
  criteria: z.array(criterionInput).max(CAMPAIGN_CRITERIA.length * 2).optional(),
  siblingsTogether: z.boolean().optional(),
});
export const simulation = z.object({
  id: z.string(),
  createdAt: z.string(),
  criteria: z.array(criterionInput),
  siblingsTogether: z.boolean(),
  seed: z.string(),
  requests: satisfactionFigures,
  firstCome: satisfactionFigures,
  cells: z.array(
    z.object({ unitId: z.string(), unitLabel: z.string(), day: z.string(), places: z.number(), wished: z.number(), requests: z.number(), firstCome: z.number() }),
  ),
  /** per criterion: how many applicants it raised, and how many of those got all their wishes */
  perCriterion: z.array(z.object({ criterion: z.enum(CAMPAIGN_CRITERIA), flag: z.string().nullable(), applicants: z.number(), servedAll: z.number(), servedPart: z.number() })),
});
export type Simulation = z.infer<typeof simulation>;

export const campaignFamily = z.object({
  familyId: z.string(),
  name: z.string(),
  wishes: z.number(),
  resident: z.boolean(),
  flags: z.array(z.enum(CAMPAIGN_FLAGS)),
  children: z.array(z.object({ id: z.string(), name: z.string(), flags: z.array(z.enum(CAMPAIGN_FLAGS)) })),
});
export const campaignDetail = z.object({
  campaign: campaignView,
  families: z.array(campaignFamily),
  simulations: z.array(simulation),
  published: satisfactionFigures.nullable(),
});
export type CampaignDetail = z.infer<typeof campaignDetail>;

export const flagsInput = z.object({
  childId: z.string().max(64).nullable(),
  flags: z.array(z.enum(CAMPAIGN_FLAGS, { error: 'choice.invalid' })).max(CAMPAIGN_FLAGS.length),
});
export const familyFlags = z.object({ familyId: z.string(), childId: z.string().nullable(), flags: z.array(z.enum(CAMPAIGN_FLAGS)) });

export const wishInput = z.object({
  unitId: z.string().min(1).max(64),
  day: isoDay,
  preference: z.number().int({ error: 'campaign.preference_invalid' }).min(1, { error: 'campaign.preference_invalid' }).max(99, { error: 'campaign.preference_invalid' }).nullable(),
});
export const wishesInput = z.object({ wishes: z.array(wishInput).max(400, { error: 'campaign.too_many_wishes' }) });
export type WishesInput = z.input<typeof wishesInput>;

export const familyCampaign = z.object({
  id: z.string(),
  phase: z.enum(CAMPAIGN_PHASES),
  opensAt: z.string(),
  residentOpensAt: z.string().nullable(),
  closesAt: z.string(),
  seed: z.string(),
  seedText: z.string(),
  /** the rules in plain words (eligibility, caps, criteria in order, siblings) */
  rules: z.array(z.string()),
  /** whether this family may change its wishes now (window open for it, account validated) */
  editable: z.boolean(),
  /** why it may not, when it may not */
  blocked: z.string().nullable(),
  wishes: z.array(z.object({ unitId: z.string(), day: z.string(), preference: z.number().nullable() })),
});
export type FamilyCampaign = z.infer<typeof familyCampaign>;

export const OUTCOME_STATUSES = ['allocated', 'waitlisted', 'ineligible', 'capped', 'already_booked'] as const;
export const familyOutcomes = z.array(
  z.object({
    campaignId: z.string(),
    activityName: z.string(),
    periodLabel: z.string(),
    publishedAt: z.string(),
    seed: z.string(),
    seedText: z.string(),
    rules: z.array(z.string()),
    items: z.array(
      z.object({
        childId: z.string(),
        childName: z.string(),
        unitLabel: z.string(),
        day: z.string(),
        status: z.enum(OUTCOME_STATUSES),
        /** the outcome in plain words, e.g. « Liste d’attente, rang 12 : priorité résidents appliquée » */
        text: z.string(),
        /** where the child stands now: 'accepted' once promoted, 'waitlisted' with its rank now, 'none' if cancelled */
        now: z.enum(['accepted', 'pending', 'waitlisted', 'none']),
        rankNow: z.number().nullable(),
        rankAtPublication: z.number().nullable(),
      }),
    ),
  }),
);
export type FamilyOutcomes = z.infer<typeof familyOutcomes>;
