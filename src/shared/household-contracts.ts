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
  /** « partage autorisé »: this household may see the other's address, bookings, invoices and documents of the child */
  seesOther: z.boolean(),
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
  /** staff allowed this household to see the other's items for this child (« partage autorisé ») */
  seesOther: z.boolean(),
});
export type FamilyCustodyView = z.infer<typeof familyCustodyView>;

/** Staff allow (or stop) one household to see the other's items for this child. */
export const householdSharingInput = z.object({ seesOther: z.boolean({ error: 'required' }) });
export type HouseholdSharingInput = z.input<typeof householdSharingInput>;

/** The other household of a shared child, as a household allowed to see it reads it (issue 11, « partage autorisé »). */
export const householdCard = z.object({
  guardians: z.array(z.object({ firstName: z.string(), lastName: z.string(), mobilePhone: z.string().nullable(), email: z.string().nullable() })),
  addressLine1: z.string().nullable(),
  addressLine2: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
});
export type HouseholdCard = z.infer<typeof householdCard>;

export const otherHouseholdView = z.object({
  household: householdCard,
  /** its current and coming bookings of the child (from today) */
  bookings: z.array(z.object({ day: z.string(), activityName: z.string(), unitLabel: z.string(), state: z.enum(['accepted', 'pending', 'waitlisted']) })),
  /** its published invoices' lines for the child, per invoice */
  invoices: z.array(z.object({ reference: z.string().nullable(), month: z.string(), issuedOn: z.string().nullable(), childAmountCents: z.number().int(), settled: z.boolean() })),
  /** the documents it sent for the child (no file: the state only) */
  documents: z.array(z.object({ typeName: z.string(), state: z.enum(['pending', 'accepted', 'refused']), submittedAt: z.string(), validUntil: z.string().nullable() })),
});
export type OtherHouseholdView = z.infer<typeof otherHouseholdView>;
