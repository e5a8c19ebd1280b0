/**
 * Pure pieces of the child record: the stored (encrypted) health block, how answers meet the reference lists,
 * and the field-by-field flattening that the history of changes is computed from.
 */
import type { ChildRecord, HealthView, PersonView } from '../../../shared/child-contracts.js';
import { SEX_LABELS_FR } from '../../../shared/child-contracts.js';
import { formatPhone } from '../../../shared/phone.js';

/** What child.health_data holds once decrypted. Answers carry the label they were given. */
export interface StoredHealth {
  v: 1;
  vaccinationsUpToDate: boolean | null;
  lastVaccinationDate: string | null;
  diseases: { itemId: string; label: string; answer: boolean }[];
  allergies: { itemId: string; label: string; answer: boolean; comment: string | null }[];
  medicalHistory: string | null;
  observations: string | null;
  carePlan: boolean | null;
  doctor: { name: string | null; phone: string | null; address: string | null };
}

export interface ListEntry {
  id: string;
  label: string;
  offered: boolean;
}

/**
 * Answers against a list: every offered item in the list's order (with the stored answer, else the default),
 * then the items no longer offered that the child answered (`keepInactive` decides which), with the label they had.
 */
export function answersAgainst<S extends { itemId: string; label: string }, V>(
  items: ListEntry[],
  stored: S[],
  fromStored: (s: S | undefined) => V,
  keepInactive: (s: S) => boolean,
): ({ itemId: string; label: string; active: boolean } & V)[] {
  const byId = new Map(stored.map((s) => [s.itemId, s]));
  const offered = items.filter((i) => i.offered);
  const offeredIds = new Set(offered.map((i) => i.id));
  const out: ({ itemId: string; label: string; active: boolean } & V)[] = offered.map((i) => ({
    itemId: i.id,
    label: i.label,
    active: true,
    ...fromStored(byId.get(i.id)),
  }));
  for (const s of stored) {
    if (offeredIds.has(s.itemId) || !keepInactive(s)) continue;
    out.push({ itemId: s.itemId, label: s.label, active: false, ...fromStored(s) });
  }
  return out;
}

export function healthViewOf(stored: StoredHealth, diseases: ListEntry[], allergies: ListEntry[]): HealthView {
  return {
    vaccinationsUpToDate: stored.vaccinationsUpToDate,
    lastVaccinationDate: stored.lastVaccinationDate,
    diseases: answersAgainst(diseases, stored.diseases, (s) => ({ answer: s?.answer ?? false }), (s) => s.answer),
    allergies: answersAgainst(
      allergies,
      stored.allergies,
      (s) => ({ answer: s?.answer ?? false, comment: s?.answer ? s.comment : null }),
      (s) => s.answer,
    ),
    medicalHistory: stored.medicalHistory,
    observations: stored.observations,
    carePlan: stored.carePlan,
    doctor: { ...stored.doctor },
  };
}

// ---------- history ----------

export interface FlatField {
  label: string;
  value: string | null;
  /** health data: the history row is encrypted */
  health: boolean;
}

export function frenchDate(day: string | null): string | null {
  const m = day ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(day) : null;
  return m ? `${m[3]}/${m[2]}/${m[1]}` : day;
}

const yesNo = (b: boolean | null | undefined) => (b === true ? 'Oui' : b === false ? 'Non' : null);

export function personSummary(p: PersonView): string {
  const phones = [p.phone1, p.phone2].filter(Boolean).map((x) => formatPhone(x!)).join(' / ');
  const address = [p.addressLine1, p.addressLine2, [p.postalCode, p.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return [`${p.lastName} ${p.firstName} (${p.relationship})`, phones, address].filter(Boolean).join(' — ');
}

/** Every field of a record as "path → French label + display value": two of these give the history lines. */
export function flatten(r: ChildRecord): Map<string, FlatField> {
  const m = new Map<string, FlatField>();
  const put = (path: string, label: string, value: string | null, health = false) => m.set(path, { label, value: value || null, health });
  put('lastName', 'Nom', r.lastName);
  put('firstName', 'Prénom', r.firstName);
  put('sex', 'Sexe', SEX_LABELS_FR[r.sex]);
  put('birthDate', 'Date de naissance', frenchDate(r.birthDate));
  put('school', 'École', r.school);
  put('schoolClass', 'Classe', r.schoolClass);
  put('diet', 'Régime alimentaire', r.diet?.label ?? null);
  const h = r.health;
  put('health.vaccinationsUpToDate', 'Vaccins obligatoires à jour', yesNo(h.vaccinationsUpToDate), true);
  put('health.lastVaccinationDate', 'Date du dernier vaccin', frenchDate(h.lastVaccinationDate), true);
  for (const d of h.diseases) put(`health.diseases.${d.itemId}`, `Maladie : ${d.label}`, yesNo(d.answer), true);
  for (const a of h.allergies)
    put(`health.allergies.${a.itemId}`, `Allergie : ${a.label}`, a.answer ? `Oui — ${a.comment ?? ''}` : 'Non', true);
  put('health.medicalHistory', 'Antécédents médicaux', h.medicalHistory, true);
  put('health.observations', 'Observations', h.observations, true);
  put('health.carePlan', 'PAI (projet d’accueil individualisé)', yesNo(h.carePlan), true);
  put('health.doctor.name', 'Médecin traitant', h.doctor.name, true);
  put('health.doctor.phone', 'Téléphone du médecin traitant', h.doctor.phone ? formatPhone(h.doctor.phone) : null, true);
  put('health.doctor.address', 'Adresse du médecin traitant', h.doctor.address, true);
  for (const c of r.contacts) put(`contacts.${c.id}`, 'Personne à contacter en cas d’urgence', personSummary(c));
  for (const p of r.pickups)
    put(
      `pickups.${p.id}`,
      'Personne autorisée à venir chercher l’enfant',
      p.source === 'contact' ? `${p.lastName} ${p.firstName} (${p.relationship}) — parmi les personnes à contacter` : personSummary(p),
    );
  for (const a of r.authorizations) put(`authorizations.${a.itemId}`, `Autorisation : ${a.label}`, yesNo(a.answer));
  return m;
}

export interface Change {
  field: string;
  label: string;
  old: string | null;
  new: string | null;
  health: boolean;
}

/** The fields whose display value differs; a field present on one side only is an addition or a removal. */
export function diffRecords(before: ChildRecord, after: ChildRecord): Change[] {
  const a = flatten(before);
  const b = flatten(after);
  const out: Change[] = [];
  for (const [field, f] of b) {
    const old = a.get(field)?.value ?? null;
    if (old !== f.value) out.push({ field, label: f.label, old, new: f.value, health: f.health });
  }
  for (const [field, f] of a) if (!b.has(field) && f.value !== null) out.push({ field, label: f.label, old: f.value, new: null, health: f.health });
  return out;
}
