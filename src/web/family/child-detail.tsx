import { useTranslation } from 'react-i18next';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { formatDateTime } from '../i18n/format.js';
import { ButtonLink } from '../ui/button.js';
import { LoadState } from '../ui/loading.js';
import { ChildRecordView, childName } from '../views/child-view.js';
import { ChildCustody } from './child-custody.js';
import '../ui/records.css';

/** « Visualiser la fiche enfant » (guide §4.4): the record, and the button to the « Enfant » form. */
export function ChildDetailPage({ childId }: { childId: string }) {
  const child = useResource('children.get', { params: { childId } });
  const { t } = useTranslation('family');
  const title =
    child.status === 404 ? t('childDetail.notFound') : child.data ? t('childDetail.title', { name: childName(child.data) }) : t('childDetail.titleLoading');
  usePageTitle(title);
  const editTo = `/famille/enfants/${encodeURIComponent(childId)}/modifier`;
  return (
    <>
      <Link to="/famille/enfants" className="back-link">
        {t('childDetail.back')}
      </Link>
      <PageHeading>{title}</PageHeading>
      <LoadState loading={child.loading} error={child.error} />
      {child.data && (
        <>
          <ButtonLink to={editTo}>{t('childDetail.edit')}</ButtonLink>
          <ChildCustody childId={childId} />
          <ChildRecordView child={child.data} />
          <p className="muted">{t('childDetail.updated', { date: formatDateTime(child.data.updatedAt) })}</p>
          <ButtonLink to={editTo}>{t('childDetail.edit')}</ButtonLink>
        </>
      )}
    </>
  );
}
