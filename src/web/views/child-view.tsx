/** Read-only views of a child's record, shared by the family's « fiche enfant » and the staff's record. */
import { useTranslation } from 'react-i18next';
import type { ChildRecord } from '../../shared/child-contracts.js';
import { formatPhone } from '../../shared/phone.js';
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
  const { t } = useTranslation('common');
  const phones = [person.phone1, person.phone2].filter(Boolean).map((p) => phoneText(p));
  const address = personAddress(person);
  return (
    <>
      <p className="person__name">
        {person.lastName.toUpperCase()} {person.firstName}
      </p>
      <p className="person__line">{t('childView.relationship', { relationship: person.relationship })}</p>
      <p className="person__line">
        {t('childView.phones', { count: phones.length })}{' '}
        {phones.map((p, i) => (
          <span key={i}>
            {i > 0 && ' / '}
            <a href={`tel:${p.replace(/\s/g, '')}`}>{p}</a>
          </span>
        ))}
      </p>
      {address && <p className="person__line">{t('childView.address', { address })}</p>}
    </>
  );
}

export function childName(c: { firstName: string; lastName: string }): string {
  return `${c.firstName} ${c.lastName.toUpperCase()}`;
}

/** The whole record, block by block as in the « Enfant » form. */
export function ChildRecordView({ child, headingLevel = 2 }: { child: ChildRecord; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation(['common', 'labels']);
  const yesNo = (v: boolean | null | undefined) => t(v === true ? 'labels:yesNo.yes' : v === false ? 'labels:yesNo.no' : 'labels:yesNo.unknown');
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const h = child.health;
  const diseasesYes = h.diseases.filter((d) => d.answer);
  const allergiesYes = h.allergies.filter((a) => a.answer);
  return (
    <>
      <H>{t('childView.info')}</H>
      <SummaryList
        rows={[
          [t('childView.lastName'), child.lastName],
          [t('childView.firstName'), child.firstName],
          [t('childView.sex'), t(`labels:sex.${child.sex}`)],
          [t('childView.birthDate'), formatDay(child.birthDate)],
          [t('childView.school'), child.school],
          [t('childView.schoolClass'), child.schoolClass],
          [t('childView.diet'), child.diet ? child.diet.label : t('childView.noDiet')],
        ]}
      />
      <H>{t('childView.medical')}</H>
      <SummaryList
        rows={[
          [t('childView.vaccinations'), yesNo(h.vaccinationsUpToDate)],
          [t('childView.lastVaccination'), formatDay(h.lastVaccinationDate)],
          [t('childView.diseases'), diseasesYes.length ? diseasesYes.map((d) => d.label).join(', ') : t('childView.none')],
          [
            t('childView.allergies'),
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
              t('childView.none')
            ),
          ],
          [t('childView.medicalHistory'), h.medicalHistory],
          [t('childView.observations'), h.observations],
          [t('childView.carePlan'), yesNo(h.carePlan)],
          [t('childView.doctor'), [h.doctor.name, phoneText(h.doctor.phone), h.doctor.address].filter(Boolean).join(' — ')],
        ]}
      />
      <H>{t('childView.contacts')}</H>
      {child.contacts.length === 0 ? (
        <p className="empty">{t('childView.noPerson')}</p>
      ) : (
        <ul className="people">
          {child.contacts.map((c) => (
            <li className="person" key={c.id}>
              <PersonSummary person={c} />
            </li>
          ))}
        </ul>
      )}
      <H>{t('childView.pickups')}</H>
      {child.pickups.length === 0 ? (
        <p className="empty">{t('childView.noPerson')}</p>
      ) : (
        <ul className="people">
          {child.pickups.map((p) => (
            <li className="person" key={p.id}>
              <PersonSummary person={p} />
            </li>
          ))}
        </ul>
      )}
      <H>{t('childView.authorizations')}</H>
      {child.authorizations.length === 0 ? (
        <p className="empty">{t('childView.noAuthorization')}</p>
      ) : (
        <SummaryList rows={child.authorizations.map((a) => [a.label, yesNo(a.answer)] as [string, string])} />
      )}
    </>
  );
}
