import type { TestApp } from './app.js';
import type { FamilyFixture } from './factories.js';
import { childInput, type ChildInput, type ChildRecord, type ReferenceLists } from '../../src/shared/child-contracts.js';
import { activeLists } from '../../src/server/modules/lists/lists.service.js';
import { createChild } from '../../src/server/modules/child/child.service.js';

export async function lists(t: TestApp): Promise<ReferenceLists> {
  return activeLists(t.ctx);
}

/** A complete, valid « Enfant » form: every block filled, every authorization answered. */
export function fullChildInput(l: ReferenceLists, o: Partial<ChildInput> = {}): ChildInput {
  const label = (kind: keyof ReferenceLists, text: string) => {
    const item = l[kind].find((i) => i.label === text);
    if (!item) throw new Error(`no ${kind} item "${text}"`);
    return item.id;
  };
  return {
    lastName: 'Martin',
    firstName: 'Léa',
    sex: 'F',
    birthDate: '2018-06-14',
    school: 'École Jean Jaurès',
    schoolClass: 'CE1',
    dietId: label('diets', 'Sans porc'),
    health: {
      vaccinationsUpToDate: true,
      lastVaccinationDate: '2024-03-02',
      diseases: { [label('diseases', 'Varicelle')]: true },
      allergies: { [label('allergies', 'Alimentaire')]: { answer: true, comment: 'Arachide : stylo d’adrénaline dans le sac' } },
      medicalHistory: 'Opérée des amygdales en 2022',
      observations: 'Porte des lunettes',
      carePlan: true,
      doctor: { name: 'Dr Lambert', phone: '03 20 12 34 56', address: '5 rue Pasteur, 59560 Comines' },
    },
    contacts: [
      {
        ref: 'c1',
        lastName: 'Martin',
        firstName: 'Odile',
        relationship: 'Grand-mère',
        addressLine1: '8 rue du Moulin',
        postalCode: '59560',
        city: 'Comines',
        phone1: '06 01 02 03 04',
        phone2: '+32 470 12 34 56',
      },
      { ref: 'c2', lastName: 'Roux', firstName: 'Paul', relationship: 'Voisin', phone1: '07 11 22 33 44' },
    ],
    pickups: [
      { source: 'contact', contact: 'c1' },
      { source: 'person', lastName: 'Durand', firstName: 'Inès', relationship: 'Nourrice', phone1: '0655443322', postalCode: '59200', city: 'Tourcoing' },
    ],
    authorizations: Object.fromEntries(l.authorizations.map((a, i) => [a.id, i % 2 === 0])),
    ...o,
  };
}

/** A child of `owner`, written through the service (as its family would). */
export async function createChildFor(t: TestApp, owner: FamilyFixture, input?: ChildInput): Promise<ChildRecord> {
  const parsed = childInput.parse(input ?? fullChildInput(await lists(t)));
  return createChild(t.ctx, { familyId: owner.familyId, accountId: owner.accountId, email: owner.email, displayName: 'Alice Testeur' }, parsed);
}
