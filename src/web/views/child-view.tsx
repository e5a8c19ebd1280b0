/** Read-only views of a child's record, shared by the family's « fiche enfant » and the staff's record. */
import type { ChildRecord } from '../../shared/child-contracts.js';
import { formatPhone } from '../../shared/phone.js';
import { SEX_LABELS, yesNoLabel } from '../i18n/fr.js';
import { formatDay } from '../i18n/format.js';
import { SummaryList } from '../ui/summary-list.js';

interface PersonLike {
  lastName: string;
  firstName: string;
  relationship: string;
  addressLine1: string | null;
  addressLine2?: string | null;
  postalCode: string | null;
  city: string | null;
  phone1: string;
  phone2: string | null;
}

const phoneText = (p: string | null | undefined) => (p ? formatPhone(p) : '');

export function personAddress(p: Pick<PersonLike, 'addressLine1' | 'addressLine2' | 'postalCode' | 'city'>): string {
  return [p.addressLine1, p.addressLine2, [p.postalCode, p.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}

/** One emergency contact or pick-up person: name, relationship, phones, address. */
export function PersonSummary({ person }: { person: PersonLike }) {
  const phones = [person.phone1, person.phone2].filter(Boolean).map((p) => phoneText(p));
  const address = personAddress(person);
  return (
    <>
      <p className="person__name">
        {person.lastName.toUpperCase()} {person.firstName}
      </p>
      <p className="person__line">Lien avec l’enfant : {person.relationship}</p>
      <p className="person__line">
        Téléphone{phones.length > 1 ? 's' : ''} :{' '}
        {phones.map((p, i) => (
          <span key={i}>
            {i > 0 && ' / '}
            <a href={`tel:${p.replace(/\s/g, '')}`}>{p}</a>
          </span>
        ))}
      </p>
      {address && <p className="person__line">Adresse : {address}</p>}
    </>
  );
}

export function childName(c: { firstName: string; lastName: string }): string {
  return `${c.firstName} ${c.lastName.toUpperCase()}`;
}

/** The whole record, block by block as in the « Enfant » form. */
export function ChildRecordView({ child, headingLevel = 2 }: { child: ChildRecord; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const h = child.health;
  const diseasesYes = h.diseases.filter((d) => d.answer);
  const allergiesYes = h.allergies.filter((a) => a.answer);
  return (
    <>
      <H>Information Enfant</H>
      <SummaryList
        rows={[
          ['Nom', child.lastName],
          ['Prénom', child.firstName],
          ['Sexe', SEX_LABELS[child.sex]],
          ['Date de naissance', formatDay(child.birthDate)],
          ['École', child.school],
          ['Classe', child.schoolClass],
          ['Régime alimentaire', child.diet ? child.diet.label : 'Aucun régime particulier'],
        ]}
      />
      <H>Renseignements médicaux</H>
      <SummaryList
        rows={[
          ['À jour des vaccins obligatoires', yesNoLabel(h.vaccinationsUpToDate)],
          ['Dernière vaccination', formatDay(h.lastVaccinationDate)],
          ['Maladies déjà eues', diseasesYes.length ? diseasesYes.map((d) => d.label).join(', ') : 'Aucune'],
          [
            'Allergies',
            allergiesYes.length ? (
              <ul className="plain-list">
                {allergiesYes.map((a) => (
                  <li key={a.itemId}>
                    <strong>{a.label}</strong>
                    {a.comment ? ` : ${a.comment}` : ''}
                  </li>
                ))}
              </ul>
            ) : (
              'Aucune'
            ),
          ],
          ['Antécédents médicaux', h.medicalHistory],
          ['Observations', h.observations],
          ['PAI (projet d’accueil individualisé)', yesNoLabel(h.carePlan)],
          ['Médecin traitant', [h.doctor.name, phoneText(h.doctor.phone), h.doctor.address].filter(Boolean).join(' — ')],
        ]}
      />
      <H>Les personnes à contacter en cas d’urgence</H>
      {child.contacts.length === 0 ? (
        <p className="empty">Aucune personne renseignée.</p>
      ) : (
        <ul className="people">
          {child.contacts.map((c) => (
            <li className="person" key={c.id}>
              <PersonSummary person={c} />
            </li>
          ))}
        </ul>
      )}
      <H>Les personnes autorisées à venir chercher l’enfant</H>
      {child.pickups.length === 0 ? (
        <p className="empty">Aucune personne renseignée.</p>
      ) : (
        <ul className="people">
          {child.pickups.map((p) => (
            <li className="person" key={p.id}>
              <PersonSummary person={p} />
            </li>
          ))}
        </ul>
      )}
      <H>Autorisations</H>
      {child.authorizations.length === 0 ? (
        <p className="empty">Aucune autorisation demandée.</p>
      ) : (
        <SummaryList rows={child.authorizations.map((a) => [a.label, yesNoLabel(a.answer)] as [string, string])} />
      )}
    </>
  );
}
