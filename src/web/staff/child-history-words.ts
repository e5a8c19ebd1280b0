import type { TFunction } from 'i18next';

type T = TFunction<['staff', 'labels', 'common']>;

/**
 * A child record's history is stored as it was said at the time, in French (`child.record.ts`: path, label, values).
 * The page says it in its own language from what is stable: the path names the information, and the few words the
 * server writes into values (yes, no, sex, « parmi les personnes à contacter ») are said again; what the family or
 * the city typed (names, list items) stays as written.
 */
/** the record's own fields: the words of the child's record (common:childView) */
const RECORD = ['lastName', 'firstName', 'sex', 'birthDate', 'school', 'schoolClass', 'diet'] as const;

const SIMPLE: Record<string, string> = {
  created: 'created',
  'health.vaccinationsUpToDate': 'vaccinationsUpToDate',
  'health.lastVaccinationDate': 'lastVaccinationDate',
  'health.medicalHistory': 'medicalHistory',
  'health.observations': 'observations',
  'health.carePlan': 'carePlan',
  'health.doctor.name': 'doctorName',
  'health.doctor.phone': 'doctorPhone',
  'health.doctor.address': 'doctorAddress',
};

const NAMED = [
  { prefix: 'health.diseases.', key: 'disease', stored: 'Maladie : ' },
  { prefix: 'health.allergies.', key: 'allergy', stored: 'Allergie : ' },
  { prefix: 'authorizations.', key: 'authorization', stored: 'Autorisation : ' },
] as const;

export function historyLabel(t: T, field: string, storedLabel: string): string {
  const own = RECORD.find((f) => f === field);
  if (own) return t(`common:childView.${own}`);
  const simple = SIMPLE[field];
  if (simple) return t(`child.history.fields.${simple as 'created'}`);
  if (field.startsWith('contacts.')) return t('child.history.fields.contact');
  if (field.startsWith('pickups.')) return t('child.history.fields.pickup');
  for (const n of NAMED)
    if (field.startsWith(n.prefix) && storedLabel.startsWith(n.stored)) return t(`child.history.fields.${n.key}`, { name: storedLabel.slice(n.stored.length) });
  return storedLabel;
}

const AMONG_CONTACTS = ' — parmi les personnes à contacter';
const SEX_STORED: Record<string, 'F' | 'M'> = { Fille: 'F', Garçon: 'M' };

export function historyValue(t: T, field: string, stored: string | null): string | null {
  if (stored === null) return null;
  if (stored === 'Oui') return t('child.history.values.yes');
  if (stored === 'Non') return t('child.history.values.no');
  if (stored.startsWith('Oui — ')) return t('child.history.values.yesWith', { comment: stored.slice('Oui — '.length) });
  if (field === 'sex' && SEX_STORED[stored]) return t(`labels:sex.${SEX_STORED[stored]}`);
  if (field.startsWith('pickups.') && stored.endsWith(AMONG_CONTACTS))
    return `${stored.slice(0, -AMONG_CONTACTS.length)} — ${t('child.history.values.amongContacts')}`;
  return stored;
}
