import { useResource } from '../api/use-resource.js';
import { PageHeading, useFlash, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { SEX_LABELS } from '../i18n/fr.js';
import { formatDay } from '../i18n/format.js';
import { ButtonLink } from '../ui/button.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { childName } from '../views/child-view.js';
import '../ui/records.css';

/** « Mes Enfants » (guide §4.4, §4.5): one line per child with a button to see the record, and « Ajouter un enfant ». */
export function ChildrenPage() {
  const list = useResource('children.list');
  const children = (list.data ?? []);
  const flash = useFlash();
  usePageTitle('Mes Enfants');
  return (
    <>
      <Link to="/famille" className="back-link">
        Mon compte famille
      </Link>
      <PageHeading>Mes Enfants</PageHeading>
      {flash && <StatusMessage>{flash}</StatusMessage>}
      <LoadState loading={list.loading && list.data === null} error={list.error} />
      {list.data !== null &&
        (children.length === 0 ? (
          <p className="empty">Aucun enfant enregistré pour le moment.</p>
        ) : (
          <ul className="child-list" aria-label="Vos enfants">
            {children.map((c) => (
              <li key={c.id}>
                <div>
                  <p className="child-list__name">{childName(c)}</p>
                  <p className="child-list__meta">
                    {SEX_LABELS[c.sex]}, né{c.sex === 'F' ? 'e' : ''} le {formatDay(c.birthDate)}
                    {c.school ? ` — ${c.school}${c.schoolClass ? `, ${c.schoolClass}` : ''}` : ''}
                  </p>
                </div>
                <Link to={`/famille/enfants/${encodeURIComponent(c.id)}`} className="button button--secondary button--small">
                  Voir la fiche<span className="visually-hidden"> de {childName(c)}</span>
                </Link>
              </li>
            ))}
          </ul>
        ))}
      <ButtonLink to="/famille/enfants/ajouter">Ajouter un enfant</ButtonLink>
      <p>
        <Link to="/famille/enfants/acces">Consulter les accès des agents aux informations de santé de mes enfants</Link>
      </p>
    </>
  );
}
