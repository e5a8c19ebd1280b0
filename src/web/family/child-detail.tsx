import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { formatDateTime } from '../i18n/format.js';
import { ButtonLink } from '../ui/button.js';
import { LoadState } from '../ui/loading.js';
import { ChildRecordView, childName } from '../views/child-view.js';
import '../ui/records.css';

/** « Visualiser la fiche enfant » (guide §4.4): the record, and the button to the « Enfant » form. */
export function ChildDetailPage({ childId }: { childId: string }) {
  const child = useResource('children.get', { params: { childId } });
  const title = child.status === 404 ? 'Enfant introuvable' : child.data ? `Fiche de ${childName(child.data)}` : 'Fiche enfant';
  usePageTitle(title);
  const editTo = `/famille/enfants/${encodeURIComponent(childId)}/modifier`;
  return (
    <>
      <Link to="/famille/enfants" className="back-link">
        Mes Enfants
      </Link>
      <PageHeading>{title}</PageHeading>
      <LoadState loading={child.loading} error={child.error} />
      {child.data && (
        <>
          <ButtonLink to={editTo}>Voir ou modifier la fiche complète</ButtonLink>
          <ChildRecordView child={child.data} />
          <p className="muted">Dernière modification le {formatDateTime(child.data.updatedAt)}.</p>
          <ButtonLink to={editTo}>Voir ou modifier la fiche complète</ButtonLink>
        </>
      )}
    </>
  );
}
