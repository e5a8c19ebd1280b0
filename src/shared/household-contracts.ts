/**
 * HTTP contracts of children shared by two households (issue 11, separated parents): the staff's « Foyers » section
 * of a child's record (link, unlink, custody schedule) and the family's read of its child's custody. Validation
 * messages are error codes (errors catalogue, `household.*`).
 */
import { z } from 'zod';
import { isoDay, requiredText } from './contracts.js';
import { CUSTODY_KINDS } from './custody.js';

export const custodyView = z.object({
  kind: z.enum(CUSTODY_KINDS),
  /** alternate weeks: a Monday of this household's weeks */
  anchor: z.string().nullable(),
  /** weekdays: this household's ISO weekdays */
  weekdays: z.array(z.number().int()),
});
export type CustodyView = z.infer<typeof custodyView>;

/** One household of a child, as staff see it. */
export const householdView = z.object({
  familyId: z.string(),
  /** the first guardian's name, « DUPONT Marie » */
  familyName: z.string(),
  linkedAt: z.string(),
  /** the child's first household (the one that created the record, or the one left) */
  first: z.boolean(),
  custody: custodyView,
});
export type HouseholdView = z.infer<typeof householdView>;

/** Staff link a child into another household, after checking identity. */
export const householdLinkInput = z.object({
  familyId: z.string({ error: 'required' }).trim().min(1, { error: 'required' }).max(64),
  identityChecked: z.boolean({ error: 'household.identity_check_required' }).refine((v) => v, { error: 'household.identity_check_required' }),
  /** how the identity was checked (document shown…): kept in the audit log */
  identityNote: requiredText(200),
});
export type HouseholdLinkInput = z.input<typeof householdLinkInput>;

/** The custody schedule of a shared child, set by staff for both households at once. */
export const custodyInput = z.object({
  kind: z.enum(CUSTODY_KINDS, { error: 'choice.invalid' }),
  /** alternate weeks: the reference week's Monday … */
  referenceMonday: z.union([z.literal(''), isoDay]).nullish(),
  /** … and the household that has it (the other has the following week) */
  referenceFamilyId: z.string().max(64).nullish(),
  /** weekdays: each household's ISO weekdays, by family id (a weekday given to one household only) */
  weekdays: z.record(z.string().max(64), z.array(z.number().int().min(1).max(7)).max(7)).optional(),
});
export type CustodyInput = z.input<typeof custodyInput>;

/** What a family reads of its child's custody: whether the child is shared, and this household's part. */
export const familyCustodyView = z.object({
  shared: z.boolean(),
  custody: custodyView,
});
export type FamilyCustodyView = z.infer<typeof familyCustodyView>;
