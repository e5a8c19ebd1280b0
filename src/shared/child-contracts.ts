/**
 * HTTP contracts of the children's records (guide §4.4 to §4.6), the staff-managed reference lists and the
 * health-data access log. Shared by the server (validation, OpenAPI) and the browser (types, field names).
 * Validation messages are error codes (see errors.ts), turned into sentences by the `errors` namespace.
 *
 * Saving model — one atomic form:
 *   The « Enfant » form is saved whole: POST /api/children creates, PUT /api/children/:childId replaces the
 *   record (identity, health, emergency contacts, pick-up persons, authorizations) in ONE transaction. Everything
 *   is validated first (zod, then the rules that need the database: postal code ↔ commune, list items, contact
 *   references); on any error the answer is a 400 with every field problem and nothing is written.
 *   The UI adds / edits / deletes emergency contacts and pick-up persons in the page (delete asks for confirmation
 *   client-side), then validates the form; there are no sub-resource routes.
 *
 * Field paths in 400 answers follow the input below, e.g. `lastName`, `health.allergies.<itemId>.comment`,
 * `contacts.0.phone1`, `contacts.1.city`, `pickups.0.contact`, `authorizations.<itemId>`.
 *
 * Emergency contacts and pick-up persons:
 *   - an existing contact is sent back with its `id` (kept, so the history says "modified" not "removed + added");
 *     a new one without `id`. An `id` that is not one of this child's contacts answers 404, like another family's
 *     child. The same goes for pick-up ids.
 *   - each contact has a key = `ref` when given, else its `id`. A pick-up person chosen among the contacts (the
 *     guide's ❶) is `{ source: 'contact', contact: <key> }`; a new person (❷) is `{ source: 'person', …fields }`.
 *     So a contact added in the same save can be picked at once: give it a temporary `ref` ("new-1").
 *   - deleting a contact that is also a pick-up person: the server refuses a pick-up that points to a contact
 *     missing from the form (`pickups.N.contact` → 'pickup.contact_missing'). The UI should say in the delete
 *     confirmation that the person is also removed from the pick-up persons, and remove both.
 *
 * Reference-list answers (diseases, allergies, authorizations) are records keyed by the list item's id:
 *   - diseases: `{ [itemId]: boolean }` — an item left out is « Non » (the guide's default);
 *   - allergies: `{ [itemId]: { answer, comment } }` — « Précisez » (comment) required when answer is true;
 *   - authorizations: `{ [itemId]: boolean | null }` — none pre-answered; every ACTIVE authorization must be
 *     answered true/false on save ('authorization.required' at `authorizations.<itemId>`).
 *   Items that staff have since deactivated or removed keep the child's last answer and its label as it was
 *   (returned with `active: false`); answers sent for them are ignored. An unknown item id is a field error
 *   'list_item.unknown'. The diet may stay on an item deactivated since it was chosen; otherwise it must be active.
 *
 * Children are not deleted from the family side: the guide only adds and edits (a child with bookings and invoices
 * cannot simply vanish; erasure is a GDPR request handled by the city).
 */
import { z } from 'zod';
import { birthDate, isoDay, optionalPhone, optionalText, phone, requiredText } from './contracts.js';
import frLabels from './i18n/fr/labels.js';

// ---------- building blocks ----------

/** « Cochez la case correspondante pour indiquer le sexe de l'enfant »: one choice. */
export const CHILD_SEXES = ['F', 'M'] as const;
export type ChildSex = (typeof CHILD_SEXES)[number];
export const SEX_LABELS_FR: Record<ChildSex, string> = frLabels.sex;

/** The five lists managed by admin staff, as they appear in URLs. */
export const LIST_KINDS = ['diseases', 'allergies', 'authorizations', 'kinships', 'diets'] as const;
export type ListKind = (typeof LIST_KINDS)[number];
export const LIST_TITLES_FR: Record<ListKind, string> = frLabels.listKind;

const itemId = z.string().trim().min(1, { error: 'list_item.unknown' }).max(64, { error: 'list_item.unknown' });
const objectId = z.string().trim().min(1).max(64);
const yesNo = z.boolean({ error: 'required' });

/** A calendar day in the past (e.g. the last vaccination), optional. */
const optionalPastDay = optionalText(10).superRefine((v, ctx) => {
  if (v === null) return;
  const r = birthDate.safeParse(v);
  if (!r.success) ctx.addIssue({ code: 'custom', message: r.error.issues[0]?.message ?? 'date.invalid' });
});

/** Postal code and commune: both or neither; checked against the official list by the server. */
const optionalPostalCode = optionalText(5).refine((v) => v === null || /^\d{5}$/.test(v), { error: 'postal_code.invalid' });

/** Fields shared by an emergency contact and a pick-up person created new. */
const personFields = {
  lastName: requiredText(80),
  firstName: requiredText(80),
  /** « Lien avec l'enfant »: free text; the kinship list only suggests */
  relationship: requiredText(60),
  addressLine1: optionalText(120),
  addressLine2: optionalText(120),
  postalCode: optionalPostalCode,
  city: optionalText(80),
  /** at least one number: phone1 is required, phone2 optional; French or international formats */
  phone1: phone,
  phone2: optionalPhone,
};

function addressBothOrNeither(v: { postalCode: string | null; city: string | null }, ctx: z.RefinementCtx): void {
  if (v.postalCode && !v.city) ctx.addIssue({ code: 'custom', path: ['city'], message: 'required' });
  if (!v.postalCode && v.city) ctx.addIssue({ code: 'custom', path: ['postalCode'], message: 'required' });
}

// ---------- the « Enfant » form: request ----------

/** « Les personnes à contacter en cas d'urgence » — one person. */
export const emergencyContactInput = z
  .object({
    /** present for a contact already saved (must be one of this child's contacts, else 404) */
    id: objectId.nullish(),
    /** a key for pick-ups to reference a contact added in the same save (defaults to `id`) */
    ref: z.string().trim().max(64).nullish(),
    ...personFields,
  })
  .superRefine(addressBothOrNeither);
export type EmergencyContactInput = z.input<typeof emergencyContactInput>;

/** « Les personnes autorisées à venir chercher l'enfant » — one of the contacts (❶) or a new person (❷). */
export const pickupInput = z.discriminatedUnion(
  'source',
  [
    z.object({
      id: objectId.nullish(),
      source: z.literal('contact'),
      /** the `ref` (or `id`) of a contact in this same form */
      contact: z.string({ error: 'required' }).trim().min(1, { error: 'required' }).max(64),
    }),
    z
      .object({
        id: objectId.nullish(),
        source: z.literal('person'),
        ...personFields,
      })
      .superRefine(addressBothOrNeither),
  ],
  { error: 'choice.invalid' },
);
export type PickupInput = z.input<typeof pickupInput>;

/** « Renseignements médicaux » — encrypted at rest as a whole. */
export const healthInput = z.object({
  /** « à jour de ses vaccins obligatoires » Oui/Non (required) */
  vaccinationsUpToDate: yesNo,
  /** date of the last vaccination (optional, in the past) */
  lastVaccinationDate: optionalPastDay,
  /** diseases the child has had: item id → Oui (true) / Non (false); left out = Non */
  diseases: z.record(itemId, z.boolean({ error: 'required' })).default({}),
  /** allergies: item id → { answer, comment }; « Précisez » comment required when answer is true */
  allergies: z
    .record(
      itemId,
      z
        .object({ answer: z.boolean({ error: 'required' }), comment: optionalText(300) })
        .superRefine((v, ctx) => {
          if (v.answer && !v.comment) ctx.addIssue({ code: 'custom', path: ['comment'], message: 'allergy.comment_required' });
        }),
    )
    .default({}),
  /** « antécédents médicaux » */
  medicalHistory: optionalText(2000),
  /** « observations »: glasses, dental appliance, sleep difficulties… */
  observations: optionalText(2000),
  /** PAI (projet d'accueil individualisé) Oui/Non (required) */
  carePlan: yesNo,
  /** « médecin traitant » */
  doctor: z
    .object({
      name: optionalText(120),
      phone: optionalPhone,
      address: optionalText(250),
    })
    .default({ name: null, phone: null, address: null }),
});
export type HealthInput = z.input<typeof healthInput>;

/** POST /api/children (create) and PUT /api/children/:childId (replace): the whole « Enfant » form. */
export const childInput = z
  .object({
    // « Information Enfant »
    lastName: requiredText(80),
    firstName: requiredText(80),
    sex: z.enum(CHILD_SEXES, { error: 'required' }),
    birthDate,
    school: optionalText(120),
    schoolClass: optionalText(40),
    /** a « régime alimentaire » item id, or null for none */
    dietId: itemId.nullish().transform((v) => v ?? null),
    health: healthInput,
    contacts: z.array(emergencyContactInput).max(10, { error: 'too_many' }).default([]),
    pickups: z.array(pickupInput).max(10, { error: 'too_many' }).default([]),
    /** every active authorization answered true (Oui) or false (Non); null/absent = not answered */
    authorizations: z.record(itemId, z.boolean().nullable()).default({}),
  })
  .superRefine((v, ctx) => {
    // Contact keys must be unique so pick-ups can point to one without ambiguity.
    const keys = new Set<string>();
    v.contacts.forEach((c, i) => {
      const key = c.ref || c.id;
      if (!key) return;
      if (keys.has(key)) ctx.addIssue({ code: 'custom', path: ['contacts', i, 'ref'], message: 'contact.duplicate_ref' });
      keys.add(key);
    });
    const picked = new Set<string>();
    v.pickups.forEach((p, i) => {
      if (p.source !== 'contact') return;
      if (!keys.has(p.contact)) ctx.addIssue({ code: 'custom', path: ['pickups', i, 'contact'], message: 'pickup.contact_missing' });
      else if (picked.has(p.contact)) ctx.addIssue({ code: 'custom', path: ['pickups', i, 'contact'], message: 'pickup.duplicate' });
      picked.add(p.contact);
    });
  });
export type ChildInput = z.input<typeof childInput>;
export type ChildInputParsed = z.output<typeof childInput>;

// ---------- the child record: responses ----------

export const listAnswer = z.object({
  itemId: z.string(),
  /** the label as the child's answer was given (kept when staff rename or remove the item) */
  label: z.string(),
  /** false when staff have deactivated or removed the item since: shown read-only */
  active: z.boolean(),
});

export const personView = z.object({
  lastName: z.string(),
  firstName: z.string(),
  relationship: z.string(),
  addressLine1: z.string().nullable(),
  addressLine2: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  /** stored normalized: "0612345678" or "+32470123456" (formatPhone() in phone.ts for display) */
  phone1: z.string(),
  phone2: z.string().nullable(),
});
export type PersonView = z.infer<typeof personView>;

export const emergencyContactView = personView.extend({ id: z.string() });
export type EmergencyContactView = z.infer<typeof emergencyContactView>;

/** A pick-up person: `contactId` set when chosen among the contacts (its fields are then the contact's). */
export const pickupView = personView.extend({
  id: z.string(),
  source: z.enum(['contact', 'person']),
  contactId: z.string().nullable(),
});
export type PickupView = z.infer<typeof pickupView>;

export const healthView = z.object({
  vaccinationsUpToDate: z.boolean().nullable(),
  lastVaccinationDate: z.string().nullable(),
  /** every active disease (answer false = « Non » by default), then inactive ones answered « Oui » */
  diseases: z.array(listAnswer.extend({ answer: z.boolean() })),
  /** every active allergy, then inactive ones answered « Oui » */
  allergies: z.array(listAnswer.extend({ answer: z.boolean(), comment: z.string().nullable() })),
  medicalHistory: z.string().nullable(),
  observations: z.string().nullable(),
  carePlan: z.boolean().nullable(),
  doctor: z.object({ name: z.string().nullable(), phone: z.string().nullable(), address: z.string().nullable() }),
});
export type HealthView = z.infer<typeof healthView>;

/**
 * GET /api/children/:childId (family), GET /api/staff/children/:childId (staff, audited);
 * also the answer of POST /api/children (201) and PUT /api/children/:childId (200).
 */
export const childRecord = z.object({
  id: z.string(),
  familyId: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  sex: z.enum(CHILD_SEXES),
  birthDate: z.string(),
  school: z.string().nullable(),
  schoolClass: z.string().nullable(),
  diet: listAnswer.nullable(),
  health: healthView,
  contacts: z.array(emergencyContactView),
  pickups: z.array(pickupView),
  /** every active authorization (answer null = not answered yet), then inactive ones the child answered */
  authorizations: z.array(listAnswer.extend({ answer: z.boolean().nullable() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ChildRecord = z.infer<typeof childRecord>;

/** GET /api/children — « Mes Enfants »: one line per child, no health data. */
export const childSummary = z.object({
  id: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  sex: z.enum(CHILD_SEXES),
  birthDate: z.string(),
  school: z.string().nullable(),
  schoolClass: z.string().nullable(),
  updatedAt: z.string(),
});
export type ChildSummary = z.infer<typeof childSummary>;

// ---------- reference lists ----------

export const listItem = z.object({
  id: z.string(),
  kind: z.enum(LIST_KINDS),
  label: z.string(),
  /** e.g. the full wording of an authorization (« J'autorise la ville à photographier mon enfant… ») */
  description: z.string().nullable(),
  position: z.number(),
  active: z.boolean(),
});
export type ListItem = z.infer<typeof listItem>;

/** GET /api/reference-lists (family): the active items of each list, in the staff's order. */
export const referenceLists = z.object({
  diseases: z.array(listItem),
  allergies: z.array(listItem),
  authorizations: z.array(listItem),
  kinships: z.array(listItem),
  diets: z.array(listItem),
});
export type ReferenceLists = z.infer<typeof referenceLists>;

/** GET /api/staff/lists (admin): same shape, with deactivated items too (removed ones are not listed). */
export const staffReferenceLists = referenceLists;

/** POST /api/staff/lists/:kind (admin) — adds an item at the end of the list. Answer 201 listItem. */
export const listItemInput = z.object({
  label: requiredText(200),
  description: optionalText(1000),
});
export type ListItemInput = z.input<typeof listItemInput>;

/** PATCH /api/staff/lists/:kind/:itemId (admin) — rename, describe, deactivate/reactivate. Answer 200 listItem. */
export const listItemPatch = z.object({
  label: requiredText(200).optional(),
  description: optionalText(1000).optional(),
  active: z.boolean({ error: 'choice.invalid' }).optional(),
});
export type ListItemPatch = z.input<typeof listItemPatch>;

/** PUT /api/staff/lists/:kind/order (admin) — every non-removed item id of the list, in the new order. */
export const listOrderInput = z.object({ ids: z.array(z.string().max(64)).max(500) });
export type ListOrderInput = z.input<typeof listOrderInput>;

/**
 * DELETE /api/staff/lists/:kind/:itemId (admin) — removes the item from the list (archived, never erased):
 * children who answered it keep their answer with its label. Answer 200 { ok: true }.
 */

// ---------- staff side ----------

/** GET /api/staff/children?q=&birthDate=&familyId= — q: words of the child's or a guardian's name. */
export const childSearchQuery = z.object({
  q: z.string().trim().max(100, { error: 'too_long' }).optional(),
  birthDate: z.union([z.literal(''), isoDay]).optional(),
  familyId: z.string().max(64).optional(),
});
export type ChildSearchQuery = z.input<typeof childSearchQuery>;

/** One line of the staff's child search (no health data: reading it is not audited). */
export const staffChildSummary = childSummary.extend({
  familyId: z.string(),
  /** guardian 1's "NOM Prénom" */
  familyName: z.string(),
});
export type StaffChildSummary = z.infer<typeof staffChildSummary>;

/**
 * GET /api/staff/children/:childId/history — every change the family made, newest first (audited: the values
 * include health data). `field` is a stable path, `label` its French name; values are display strings.
 */
export const childHistoryEntry = z.object({
  id: z.number(),
  at: z.string(),
  actorName: z.string().nullable(),
  actorKind: z.enum(['family', 'staff']).nullable(),
  field: z.string(),
  label: z.string(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
});
export type ChildHistoryEntry = z.infer<typeof childHistoryEntry>;

const emergencyPerson = z.object({
  lastName: z.string(),
  firstName: z.string(),
  relationship: z.string(),
  phone1: z.string(),
  phone2: z.string().nullable(),
  address: z.string().nullable(),
});

/**
 * GET /api/staff/children/:childId/emergency-sheet — the one-page printable sheet (audited): identity, allergies
 * answered « Oui » with their comment, PAI, emergency contacts, pick-up persons, doctor, and the guardians.
 */
export const emergencySheet = z.object({
  generatedAt: z.string(),
  cityName: z.string(),
  child: z.object({
    id: z.string(),
    lastName: z.string(),
    firstName: z.string(),
    sex: z.enum(CHILD_SEXES),
    birthDate: z.string(),
    school: z.string().nullable(),
    schoolClass: z.string().nullable(),
    diet: z.string().nullable(),
  }),
  allergies: z.array(z.object({ label: z.string(), comment: z.string().nullable() })),
  carePlan: z.boolean().nullable(),
  vaccinationsUpToDate: z.boolean().nullable(),
  lastVaccinationDate: z.string().nullable(),
  observations: z.string().nullable(),
  doctor: z.object({ name: z.string().nullable(), phone: z.string().nullable(), address: z.string().nullable() }),
  guardians: z.array(z.object({ name: z.string(), phones: z.array(z.string()) })),
  contacts: z.array(emergencyPerson),
  pickups: z.array(emergencyPerson),
});
export type EmergencySheet = z.infer<typeof emergencySheet>;

// ---------- the family's view of staff health reads ----------

export const HEALTH_ACCESS_KINDS = ['record', 'history', 'emergency_sheet'] as const;
export const HEALTH_ACCESS_LABELS_FR: Record<(typeof HEALTH_ACCESS_KINDS)[number], string> = frLabels.healthAccess;

/**
 * GET /api/family/health-accesses (family) — who among the city's staff read its children's health information,
 * newest first (at most 200).
 */
export const healthAccess = z.object({
  at: z.string(),
  childId: z.string(),
  childName: z.string(),
  staffName: z.string(),
  kind: z.enum(HEALTH_ACCESS_KINDS),
});
export type HealthAccess = z.infer<typeof healthAccess>;
