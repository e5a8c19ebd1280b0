import { beforeAll, describe, expect, it } from 'vitest';
import { completePlurals } from '../../shared/i18n/catalogue.js';
import { fr } from '../../shared/i18n/fr/index.js';
import { i18n } from '../i18n/i18n.js';
import { childInput, type ChildRecord, type ReferenceLists } from '../../shared/child-contracts.js';
import { archivedAnswers, draftOf, emptyDraft, inputOf, personErrors, withContact, withoutContact, withoutPickup, withPickedContacts, withPickup, type ChildDraft } from './child-draft.js';

const item = (kind: ReferenceLists['diseases'][number]['kind'], id: string, label: string) => ({ id, kind, label, description: null, position: 1, active: true });
const LISTS: ReferenceLists = {
  diseases: [item('diseases', 'd1', 'Rougeole'), item('diseases', 'd2', 'Varicelle')],
  allergies: [item('allergies', 'a1', 'Alimentaire')],
  authorizations: [item('authorizations', 'z1', 'Droit à l’image'), item('authorizations', 'z2', 'Transport')],
  kinships: [item('kinships', 'k1', 'Mère')],
  diets: [item('diets', 'r1', 'Sans porc')],
};

const person = { lastName: 'Dubois', firstName: 'Monique', relationship: 'Grand-mère', addressLine1: '', addressLine2: '', postalCode: '', city: '', phone1: '06 11 22 33 44', phone2: '' };

function filled(): ChildDraft {
  return {
    ...emptyDraft(LISTS),
    lastName: ' Dubois ',
    firstName: 'Léa',
    sex: 'F',
    birthDate: '2017-04-12',
    vaccinationsUpToDate: true,
    carePlan: false,
    allergies: { a1: { answer: true, comment: 'Arachide' } },
    contacts: [{ key: 'nouveau-1', id: null, ...person }],
    pickups: [
      { key: 'nouveau-2', id: null, source: 'contact', contactKey: 'nouveau-1', ...person },
      { key: 'nouveau-3', id: null, source: 'person', contactKey: null, ...person, firstName: 'Julien', relationship: 'Parrain' },
    ],
    authorizations: { z1: true, z2: false },
  };
}

beforeAll(async () => {
  // the error sentences speak the page's language: French here
  if (!i18n.isInitialized) await i18n.init({ lng: 'fr', resources: { fr: completePlurals(fr) }, interpolation: { escapeValue: false } });
  await i18n.changeLanguage('fr');
});

describe('the « Enfant » form as the page holds it', () => {
  it('starts a new child with every disease and allergy at « Non » and no authorization answered', () => {
    const d = emptyDraft(LISTS);
    expect(d.diseases).toEqual({ d1: false, d2: false });
    expect(d.allergies).toEqual({ a1: { answer: false, comment: '' } });
    expect(d.authorizations).toEqual({ z1: null, z2: null });
  });

  it('sends a body the server’s contract accepts, with pick-ups pointing to a contact added in the same save', () => {
    const body = inputOf(filled());
    const parsed = childInput.safeParse(body);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(body.lastName).toBe('Dubois');
    expect(body.contacts?.[0]).toMatchObject({ ref: 'nouveau-1' });
    expect(body.pickups?.[0]).toEqual({ id: null, source: 'contact', contact: 'nouveau-1' });
    expect(body.pickups?.[1]).toMatchObject({ source: 'person', firstName: 'Julien' });
  });

  it('leaves unanswered questions out so the server says they are mandatory', () => {
    const parsed = childInput.safeParse(inputOf(emptyDraft(LISTS)));
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((i) => `${i.path.join('.')}:${i.message}`);
    expect(paths).toEqual(expect.arrayContaining(['sex:required', 'birthDate:required', 'health.vaccinationsUpToDate:required', 'health.carePlan:required']));
  });

  it('drops an allergy comment when the answer goes back to « Non »', () => {
    const d = { ...filled(), allergies: { a1: { answer: false, comment: 'Arachide' } } };
    expect(inputOf(d).health.allergies).toEqual({ a1: { answer: false, comment: null } });
  });

  it('checks one person like the server, with its sentences', () => {
    expect(personErrors('contacts.0', person)).toEqual([]);
    const problems = personErrors('contacts.1', { ...person, lastName: '', relationship: ' ', phone1: '12', phone2: 'abc', postalCode: '5956' });
    expect(problems.map((p) => p.path)).toEqual(['contacts.1.lastName', 'contacts.1.relationship', 'contacts.1.postalCode', 'contacts.1.city', 'contacts.1.phone1', 'contacts.1.phone2']);
    expect(problems[1].message).toBe('Indiquez le lien avec l’enfant.');
    expect(personErrors('pickups.0', { ...person, phone1: '' })[0].message).toBe('Saisissez au moins un numéro de téléphone.');
  });

  it('reads a saved record back: contacts keyed by id, pick-ups from contacts linked, removed list items kept aside', () => {
    const record: ChildRecord = {
      id: 'c1',
      familyId: 'f1',
      lastName: 'Dubois',
      firstName: 'Léa',
      sex: 'F',
      birthDate: '2017-04-12',
      school: null,
      schoolClass: 'CE1',
      diet: { itemId: 'r1', label: 'Sans porc', active: true },
      health: {
        vaccinationsUpToDate: true,
        lastVaccinationDate: null,
        diseases: [
          { itemId: 'd1', label: 'Rougeole', active: true, answer: false },
          { itemId: 'old', label: 'Scarlatine', active: false, answer: true },
        ],
        allergies: [{ itemId: 'a1', label: 'Alimentaire', active: true, answer: true, comment: 'Arachide' }],
        medicalHistory: null,
        observations: null,
        carePlan: true,
        doctor: { name: null, phone: '0320112233', address: null },
      },
      contacts: [{ id: 'p1', ...person, addressLine1: null, addressLine2: null, postalCode: null, city: null, phone1: '0611223344', phone2: null }],
      pickups: [{ id: 'q1', source: 'contact', contactId: 'p1', ...person, addressLine1: null, addressLine2: null, postalCode: null, city: null, phone1: '0611223344', phone2: null }],
      authorizations: [{ itemId: 'z1', label: 'Droit à l’image', active: true, answer: null }],
      createdAt: '2026-11-26T10:00:00Z',
      updatedAt: '2026-11-26T10:00:00Z',
    };
    const d = draftOf(record);
    expect(d.diseases).toEqual({ d1: false });
    expect(d.doctorPhone).toBe('03 20 11 22 33');
    expect(d.pickups[0]).toMatchObject({ source: 'contact', contactKey: 'p1' });
    expect(inputOf(d).pickups?.[0]).toEqual({ id: 'q1', source: 'contact', contact: 'p1' });
    expect(inputOf(d).contacts?.[0]).toMatchObject({ id: 'p1' });
    expect(archivedAnswers(record).diseases).toEqual([{ itemId: 'old', label: 'Scarlatine', answer: true, comment: null }]);
  });

  it('edits a pick-up person chosen among the contacts as that contact, in both lists', () => {
    const d = withPickup(filled(), 0, { ...person, phone1: '06 99 88 77 66' });
    expect(d.contacts[0].phone1).toBe('06 99 88 77 66');
    expect(d.pickups[0].phone1).toBe('06 99 88 77 66');
    expect(d.pickups[1].phone1).toBe(person.phone1);
  });

  it('removes a contact together with the pick-up person it was, and keeps the others', () => {
    const d = withoutContact(filled(), 0);
    expect(d.contacts).toEqual([]);
    expect(d.pickups.map((p) => p.firstName)).toEqual(['Julien']);
    expect(withoutPickup(filled(), 1).pickups.map((p) => p.key)).toEqual(['nouveau-2']);
  });

  it('adds new people with new keys, and contacts picked as pick-up persons linked to them', () => {
    const d = withContact(withContact(emptyDraft(LISTS), null, person), null, { ...person, firstName: 'Paul' });
    const paul = d.contacts[1];
    expect(paul).toMatchObject({ id: null, firstName: 'Paul' });
    expect(paul.key).not.toBe(d.contacts[0].key);
    const picked = withPickedContacts(d, [paul.key]);
    expect(picked.pickups).toEqual([expect.objectContaining({ source: 'contact', contactKey: paul.key, firstName: 'Paul' })]);
    expect(picked.pickups[0].key).not.toBe(paul.key);
    expect(withPickup(d, null, person).pickups[0]).toMatchObject({ source: 'person', contactKey: null });
  });
});
