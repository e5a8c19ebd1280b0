/**
 * The « Enfant » form as the page holds it (strings, keys for new people) and its conversions from the saved
 * record and to the API's input (src/shared/child-contracts.ts). The page saves the whole form at once.
 */
import type { ChildInput, ChildRecord, ChildSex, EmergencyContactInput, PickupInput, ReferenceLists } from '../../shared/child-contracts.js';
import type { ErrorCode } from '../../shared/errors.js';
import { errorMessage } from '../api/client.js';
import { formatPhone, normalizePhone } from '../../shared/phone.js';
import type { SummaryError } from '../ui/error-summary.js';
import { i18n } from '../i18n/i18n.js';

export interface PersonFields {
  lastName: string;
  firstName: string;
  relationship: string;
  addressLine1: string;
  addressLine2: string;
  postalCode: string;
  city: string;
  phone1: string;
  phone2: string;
}

export interface ContactDraft extends PersonFields {
  /** the contact's id once saved, or a temporary "nouveau-N" */
  key: string;
  id: string | null;
}

export interface PickupDraft extends PersonFields {
  key: string;
  id: string | null;
  source: 'contact' | 'person';
  /** the key of the emergency contact this person is (source 'contact') */
  contactKey: string | null;
}

/** A list answer the family can no longer change (the item was removed from the list since); the page words it. */
export interface ArchivedAnswer {
  itemId: string;
  label: string;
  answer: boolean | null;
  /** an allergy's details, shown after « Oui » */
  comment: string | null;
}

export interface ChildDraft {
  lastName: string;
  firstName: string;
  sex: ChildSex | '';
  birthDate: string;
  school: string;
  schoolClass: string;
  dietId: string;
  vaccinationsUpToDate: boolean | null;
  lastVaccinationDate: string;
  diseases: Record<string, boolean>;
  allergies: Record<string, { answer: boolean; comment: string }>;
  medicalHistory: string;
  observations: string;
  carePlan: boolean | null;
  doctorName: string;
  doctorPhone: string;
  doctorAddress: string;
  contacts: ContactDraft[];
  pickups: PickupDraft[];
  authorizations: Record<string, boolean | null>;
}

export const EMPTY_PERSON: PersonFields = {
  lastName: '',
  firstName: '',
  relationship: '',
  addressLine1: '',
  addressLine2: '',
  postalCode: '',
  city: '',
  phone1: '',
  phone2: '',
};

let seq = 0;
export function newKey(): string {
  seq += 1;
  return `nouveau-${seq}`;
}

const phoneText = (p: string | null) => (p ? formatPhone(p) : '');

function personFieldsOf(p: {
  lastName: string;
  firstName: string;
  relationship: string;
  addressLine1: string | null;
  addressLine2: string | null;
  postalCode: string | null;
  city: string | null;
  phone1: string;
  phone2: string | null;
}): PersonFields {
  return {
    lastName: p.lastName,
    firstName: p.firstName,
    relationship: p.relationship,
    addressLine1: p.addressLine1 ?? '',
    addressLine2: p.addressLine2 ?? '',
    postalCode: p.postalCode ?? '',
    city: p.city ?? '',
    phone1: phoneText(p.phone1),
    phone2: phoneText(p.phone2),
  };
}

/** A new child: diseases and allergies « Non », authorizations not answered. */
export function emptyDraft(lists: ReferenceLists): ChildDraft {
  return {
    lastName: '',
    firstName: '',
    sex: '',
    birthDate: '',
    school: '',
    schoolClass: '',
    dietId: '',
    vaccinationsUpToDate: null,
    lastVaccinationDate: '',
    diseases: Object.fromEntries(lists.diseases.map((d) => [d.id, false])),
    allergies: Object.fromEntries(lists.allergies.map((a) => [a.id, { answer: false, comment: '' }])),
    medicalHistory: '',
    observations: '',
    carePlan: null,
    doctorName: '',
    doctorPhone: '',
    doctorAddress: '',
    contacts: [],
    pickups: [],
    authorizations: Object.fromEntries(lists.authorizations.map((a) => [a.id, null])),
  };
}

export function draftOf(r: ChildRecord): ChildDraft {
  const h = r.health;
  return {
    lastName: r.lastName,
    firstName: r.firstName,
    sex: r.sex,
    birthDate: r.birthDate,
    school: r.school ?? '',
    schoolClass: r.schoolClass ?? '',
    dietId: r.diet?.itemId ?? '',
    vaccinationsUpToDate: h.vaccinationsUpToDate,
    lastVaccinationDate: h.lastVaccinationDate ?? '',
    diseases: Object.fromEntries(h.diseases.filter((d) => d.active).map((d) => [d.itemId, d.answer])),
    allergies: Object.fromEntries(h.allergies.filter((a) => a.active).map((a) => [a.itemId, { answer: a.answer, comment: a.comment ?? '' }])),
    medicalHistory: h.medicalHistory ?? '',
    observations: h.observations ?? '',
    carePlan: h.carePlan,
    doctorName: h.doctor.name ?? '',
    doctorPhone: phoneText(h.doctor.phone),
    doctorAddress: h.doctor.address ?? '',
    contacts: r.contacts.map((c) => ({ key: c.id, id: c.id, ...personFieldsOf(c) })),
    pickups: r.pickups.map((p) => ({
      key: p.id,
      id: p.id,
      source: p.source,
      contactKey: p.source === 'contact' ? p.contactId : null,
      ...personFieldsOf(p),
    })),
    authorizations: Object.fromEntries(r.authorizations.filter((a) => a.active).map((a) => [a.itemId, a.answer])),
  };
}

/** Answers kept on items the staff removed since: shown, not editable, not sent. */
export function archivedAnswers(r: ChildRecord | null): { diseases: ArchivedAnswer[]; allergies: ArchivedAnswer[]; authorizations: ArchivedAnswer[] } {
  if (!r) return { diseases: [], allergies: [], authorizations: [] };
  return {
    diseases: r.health.diseases.filter((d) => !d.active).map((d) => ({ itemId: d.itemId, label: d.label, answer: d.answer, comment: null })),
    allergies: r.health.allergies
      .filter((a) => !a.active)
      .map((a) => ({ itemId: a.itemId, label: a.label, answer: a.answer, comment: a.comment ?? null })),
    authorizations: r.authorizations.filter((a) => !a.active).map((a) => ({ itemId: a.itemId, label: a.label, answer: a.answer, comment: null })),
  };
}

const t = (s: string) => s.trim();
const orNull = (s: string) => s.trim() || null;

function personInput(p: PersonFields) {
  return {
    lastName: t(p.lastName),
    firstName: t(p.firstName),
    relationship: t(p.relationship),
    addressLine1: orNull(p.addressLine1),
    addressLine2: orNull(p.addressLine2),
    postalCode: orNull(p.postalCode),
    city: orNull(p.city),
    phone1: t(p.phone1),
    phone2: orNull(p.phone2),
  };
}

/** The body of POST /api/children or PUT /api/children/:childId. Empty answers are left out: the server says « obligatoire ». */
export function inputOf(d: ChildDraft): ChildInput {
  const contacts: EmergencyContactInput[] = d.contacts.map((c) => (c.id ? { id: c.id, ...personInput(c) } : { ref: c.key, ...personInput(c) }));
  const pickups: PickupInput[] = d.pickups.map((p) =>
    p.source === 'contact' && p.contactKey
      ? { id: p.id, source: 'contact', contact: p.contactKey }
      : { id: p.id, source: 'person', ...personInput(p) },
  );
  return {
    lastName: t(d.lastName),
    firstName: t(d.firstName),
    sex: (d.sex || undefined) as ChildSex,
    birthDate: (t(d.birthDate) || undefined) as string,
    school: orNull(d.school),
    schoolClass: orNull(d.schoolClass),
    dietId: d.dietId || null,
    health: {
      vaccinationsUpToDate: (d.vaccinationsUpToDate ?? undefined) as boolean,
      lastVaccinationDate: orNull(d.lastVaccinationDate),
      diseases: d.diseases,
      allergies: Object.fromEntries(Object.entries(d.allergies).map(([id, a]) => [id, { answer: a.answer, comment: a.answer ? orNull(a.comment) : null }])),
      medicalHistory: orNull(d.medicalHistory),
      observations: orNull(d.observations),
      carePlan: (d.carePlan ?? undefined) as boolean,
      doctor: { name: orNull(d.doctorName), phone: orNull(d.doctorPhone), address: orNull(d.doctorAddress) },
    },
    contacts,
    pickups,
    authorizations: d.authorizations,
  };
}

/**
 * The checks of one person's window, with the server's sentences (the server checks again, and also the commune
 * against the postal code). Paths are the API's: `${prefix}.lastName`…
 */
export function personErrors(prefix: string, p: PersonFields): SummaryError[] {
  const out: SummaryError[] = [];
  const add = (field: keyof PersonFields, code: ErrorCode) => out.push({ path: `${prefix}.${field}`, message: errorMessage(code, `${prefix}.${field}`) });
  if (!t(p.lastName)) add('lastName', 'required');
  if (!t(p.firstName)) add('firstName', 'required');
  if (!t(p.relationship)) add('relationship', 'required');
  const pc = t(p.postalCode);
  const city = t(p.city);
  if (pc && !/^\d{5}$/.test(pc)) add('postalCode', 'postal_code.invalid');
  if (pc && !city) add('city', 'required');
  if (!pc && city) add('postalCode', 'required');
  if (!t(p.phone1)) add('phone1', 'required');
  else if (!normalizePhone(p.phone1)) add('phone1', 'phone.invalid');
  if (t(p.phone2) && !normalizePhone(p.phone2)) add('phone2', 'phone.invalid');
  return out;
}

/** The draft with emergency contact `index` replaced by `p`, or `p` added (index null). */
export function withContact(d: ChildDraft, index: number | null, p: PersonFields): ChildDraft {
  if (index === null) return { ...d, contacts: [...d.contacts, { key: newKey(), id: null, ...p }] };
  return { ...d, contacts: d.contacts.map((c, i) => (i === index ? { ...c, ...p } : c)) };
}

/** The draft without emergency contact `index`, nor the pick-up person that contact was. */
export function withoutContact(d: ChildDraft, index: number): ChildDraft {
  const key = d.contacts[index]?.key;
  return { ...d, contacts: d.contacts.filter((_, i) => i !== index), pickups: d.pickups.filter((p) => !(p.source === 'contact' && p.contactKey === key)) };
}

/** The draft with these emergency contacts also authorized to pick the child up. */
export function withPickedContacts(d: ChildDraft, keys: string[]): ChildDraft {
  const chosen = d.contacts.filter((c) => keys.includes(c.key));
  return { ...d, pickups: [...d.pickups, ...chosen.map<PickupDraft>((c) => ({ ...c, key: newKey(), id: null, source: 'contact', contactKey: c.key }))] };
}

/** The draft with pick-up person `index` replaced by `p`, or `p` added (index null). */
export function withPickup(d: ChildDraft, index: number | null, p: PersonFields): ChildDraft {
  if (index === null) return { ...d, pickups: [...d.pickups, { key: newKey(), id: null, source: 'person', contactKey: null, ...p }] };
  const target = d.pickups[index];
  if (target.source === 'contact') {
    // a pick-up chosen among the contacts is that contact: editing it edits the contact
    return {
      ...d,
      contacts: d.contacts.map((c) => (c.key === target.contactKey ? { ...c, ...p } : c)),
      pickups: d.pickups.map((x) => (x.source === 'contact' && x.contactKey === target.contactKey ? { ...x, ...p } : x)),
    };
  }
  return { ...d, pickups: d.pickups.map((x, i) => (i === index ? { ...x, ...p } : x)) };
}

export function withoutPickup(d: ChildDraft, index: number): ChildDraft {
  return { ...d, pickups: d.pickups.filter((_, i) => i !== index) };
}

export function personName(p: { lastName: string; firstName: string }): string {
  return [p.lastName.trim().toUpperCase(), p.firstName.trim()].filter(Boolean).join(' ') || i18n.t('family:person.noName');
}

/** The contact a pick-up person is, if any. */
export function contactOf(d: ChildDraft, p: PickupDraft): ContactDraft | undefined {
  return p.source === 'contact' ? d.contacts.find((c) => c.key === p.contactKey) : undefined;
}
