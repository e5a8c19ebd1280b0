import type { EmergencySheet } from '../../shared/child-contracts.js';
import { formatPhone } from '../../shared/phone.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { SEX_LABELS, yesNoLabel } from '../i18n/fr.js';
import { formatDateTime, formatDay } from '../i18n/format.js';
import { Button } from '../ui/button.js';
import { LoadState } from '../ui/loading.js';
import '../ui/records.css';

type Person = EmergencySheet['contacts'][number];

const phone = (p: string | null) => (p ? formatPhone(p) : '');

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
  const sheet = useResource('staffChildren.emergencySheet', { params: { childId } });
  const s = sheet.data;
  const name = s ? `${s.child.firstName} ${s.child.lastName.toUpperCase()}` : '';
  const title = sheet.status === 404 ? 'Enfant introuvable' : s ? `Fiche d’urgence — ${name}` : 'Fiche d’urgence';
  usePageTitle(title);

  return (
    <>
      <Link to={`/agent/enfants/${encodeURIComponent(childId)}`} className="back-link">
        Fiche de l’enfant
      </Link>
      {!s && <PageHeading>{title}</PageHeading>}
      <LoadState loading={sheet.loading} error={sheet.error} />
      {s && (
        <>
          <p className="no-print">
            <Button onClick={() => window.print()}>Imprimer</Button>
          </p>
          <article className="sheet">
            <PageHeading>{title}</PageHeading>
            <p className="muted">
              {s.cityName} — fiche établie le {formatDateTime(s.generatedAt)}. Document confidentiel : à conserver dans le classeur d’urgence.
            </p>
            <section aria-labelledby="sheet-identity">
              <h2 id="sheet-identity">Identité</h2>
              <dl className="sheet__grid">
                <div>
                  <dt>Nom et prénom</dt>
                  <dd>{name}</dd>
                  <dt>Sexe</dt>
                  <dd>{SEX_LABELS[s.child.sex]}</dd>
                  <dt>Date de naissance</dt>
                  <dd>{formatDay(s.child.birthDate)}</dd>
                </div>
                <div>
                  <dt>École et classe</dt>
                  <dd>{[s.child.school, s.child.schoolClass].filter(Boolean).join(', ') || 'Non renseigné'}</dd>
                  <dt>Régime alimentaire</dt>
                  <dd>{s.child.diet ?? 'Aucun régime particulier'}</dd>
                </div>
              </dl>
            </section>
            <section aria-labelledby="sheet-health">
              <h2 id="sheet-health">Allergies, PAI et santé</h2>
              {s.allergies.length > 0 ? (
                <div className="sheet__alert">
                  <p>
                    <strong>Allergies :</strong>
                  </p>
                  <ul>
                    {s.allergies.map((a) => (
                      <li key={a.label}>
                        <strong>{a.label}</strong>
                        {a.comment ? ` : ${a.comment}` : ''}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : (
                <p>Aucune allergie signalée.</p>
              )}
              <dl>
                <dt>PAI (projet d’accueil individualisé)</dt>
                <dd>{yesNoLabel(s.carePlan)}</dd>
                <dt>À jour des vaccins obligatoires</dt>
                <dd>
                  {yesNoLabel(s.vaccinationsUpToDate)}
                  {s.lastVaccinationDate ? ` (dernière vaccination le ${formatDay(s.lastVaccinationDate)})` : ''}
                </dd>
                {s.observations && (
                  <>
                    <dt>Observations</dt>
                    <dd>{s.observations}</dd>
                  </>
                )}
              </dl>
            </section>
            <section aria-labelledby="sheet-doctor">
              <h2 id="sheet-doctor">Médecin traitant</h2>
              <p>{[s.doctor.name, phone(s.doctor.phone), s.doctor.address].filter(Boolean).join(' — ') || 'Non renseigné'}</p>
            </section>
            <section aria-labelledby="sheet-guardians">
              <h2 id="sheet-guardians">Responsables légaux</h2>
              <ul>
                {s.guardians.map((g, i) => (
                  <li key={i}>
                    <strong>{g.name}</strong> — {g.phones.map(phone).join(' / ') || 'pas de téléphone'}
                  </li>
                ))}
              </ul>
            </section>
            <section aria-labelledby="sheet-contacts">
              <h2 id="sheet-contacts">Personnes à contacter en cas d’urgence</h2>
              <People people={s.contacts} empty="Aucune personne renseignée." />
            </section>
            <section aria-labelledby="sheet-pickups">
              <h2 id="sheet-pickups">Personnes autorisées à venir chercher l’enfant</h2>
              <People people={s.pickups} empty="Aucune personne renseignée : l’enfant ne peut être confié qu’à ses responsables légaux." />
            </section>
          </article>
        </>
      )}
    </>
  );
}
