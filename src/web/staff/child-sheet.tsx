import { Trans, useTranslation } from 'react-i18next';
import type { EmergencySheet } from '../../shared/child-contracts.js';
import { formatPhone } from '../../shared/phone.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { formatDateTime, formatDay } from '../i18n/format.js';
import { Button } from '../ui/button.js';
import { LoadState } from '../ui/loading.js';
import '../ui/records.css';

type Person = EmergencySheet['contacts'][number];

const phone = (p: string | null) => (p ? formatPhone(p) : '');

const yesNo = (v: boolean | null | undefined) => (v === true ? 'yes' : v === false ? 'no' : 'unknown');

function People({ people, empty }: { people: Person[]; empty: string }) {
  if (people.length === 0) return <p className="empty">{empty}</p>;
  return (
    <ul>
      {people.map((p, i) => (
        <li key={i}>
          <strong>
            {p.lastName.toUpperCase()} {p.firstName}
          </strong>{' '}
          ({p.relationship}) — {[p.phone1, p.phone2].filter(Boolean).map((x) => phone(x)).join(' / ')}
          {p.address ? ` — ${p.address}` : ''}
        </li>
      ))}
    </ul>
  );
}

/** The one-page emergency sheet (identity, allergies and PAI, contacts, pick-up persons, doctor), with « Imprimer ». */
export function EmergencySheetPage({ childId }: { childId: string }) {
  const { t } = useTranslation(['staff', 'labels']);
  const sheet = useResource('staffChildren.emergencySheet', { params: { childId } });
  const s = sheet.data;
  const name = s ? `${s.child.firstName} ${s.child.lastName.toUpperCase()}` : '';
  const title = sheet.status === 404 ? t('child.notFound') : s ? t('sheet.titleNamed', { name }) : t('sheet.title');
  usePageTitle(title);

  return (
    <>
      <Link to={`/agent/enfants/${encodeURIComponent(childId)}`} className="back-link">
        {t('sheet.back')}
      </Link>
      {!s && <PageHeading>{title}</PageHeading>}
      <LoadState loading={sheet.loading} error={sheet.error} />
      {s && (
        <>
          <p className="no-print">
            <Button onClick={() => window.print()}>{t('sheet.print')}</Button>
          </p>
          <article className="sheet">
            <PageHeading>{title}</PageHeading>
            <p className="muted">
              {t('sheet.issued', { city: s.cityName, date: formatDateTime(s.generatedAt) })}
            </p>
            <section aria-labelledby="sheet-identity">
              <h2 id="sheet-identity">{t('sheet.identity')}</h2>
              <dl className="sheet__grid">
                <div>
                  <dt>{t('sheet.name')}</dt>
                  <dd>{name}</dd>
                  <dt>{t('sheet.sex')}</dt>
                  <dd>{t(`labels:sex.${s.child.sex}`)}</dd>
                  <dt>{t('sheet.birthDate')}</dt>
                  <dd>{formatDay(s.child.birthDate)}</dd>
                </div>
                <div>
                  <dt>{t('sheet.school')}</dt>
                  <dd>{[s.child.school, s.child.schoolClass].filter(Boolean).join(', ') || t('shared.notProvided')}</dd>
                  <dt>{t('sheet.diet')}</dt>
                  <dd>{s.child.diet ?? t('sheet.noDiet')}</dd>
                </div>
              </dl>
            </section>
            <section aria-labelledby="sheet-health">
              <h2 id="sheet-health">{t('sheet.health')}</h2>
              {s.allergies.length > 0 ? (
                <div className="sheet__alert">
                  <p>
                    <strong>{t('sheet.allergies')}</strong>
                  </p>
                  <ul>
                    {s.allergies.map((a) => (
                      <li key={a.label}>
                        {a.comment ? (
                          <Trans t={t} i18nKey="sheet.allergyComment" values={{ label: a.label, comment: a.comment }} components={{ strong: <strong /> }} />
                        ) : (
                          <strong>{a.label}</strong>
                        )}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : (
                <p>{t('sheet.noAllergy')}</p>
              )}
              <dl>
                <dt>{t('sheet.carePlan')}</dt>
                <dd>{t(`labels:yesNo.${yesNo(s.carePlan)}`)}</dd>
                <dt>{t('sheet.vaccinations')}</dt>
                <dd>
                  {t(`labels:yesNo.${yesNo(s.vaccinationsUpToDate)}`)}
                  {s.lastVaccinationDate ? ` ${t('sheet.lastVaccination', { date: formatDay(s.lastVaccinationDate) })}` : ''}
                </dd>
                {s.observations && (
                  <>
                    <dt>{t('sheet.observations')}</dt>
                    <dd>{s.observations}</dd>
                  </>
                )}
              </dl>
            </section>
            <section aria-labelledby="sheet-doctor">
              <h2 id="sheet-doctor">{t('sheet.doctor')}</h2>
              <p>{[s.doctor.name, phone(s.doctor.phone), s.doctor.address].filter(Boolean).join(' — ') || t('shared.notProvided')}</p>
            </section>
            <section aria-labelledby="sheet-guardians">
              <h2 id="sheet-guardians">{t('sheet.guardians')}</h2>
              <ul>
                {s.guardians.map((g, i) => (
                  <li key={i}>
                    <strong>{g.name}</strong> — {g.phones.map(phone).join(' / ') || t('sheet.noPhone')}
                  </li>
                ))}
              </ul>
            </section>
            <section aria-labelledby="sheet-contacts">
              <h2 id="sheet-contacts">{t('sheet.contacts')}</h2>
              <People people={s.contacts} empty={t('sheet.noContact')} />
            </section>
            <section aria-labelledby="sheet-pickups">
              <h2 id="sheet-pickups">{t('sheet.pickups')}</h2>
              <People people={s.pickups} empty={t('sheet.noPickup')} />
            </section>
          </article>
        </>
      )}
    </>
  );
}
