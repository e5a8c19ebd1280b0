import { useTranslation } from 'react-i18next';
import { fileUrl } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { LoadState } from '../ui/loading.js';
import { ChecklistEntry, ChecklistLegend, SubmissionEntry } from '../views/document-view.js';
import '../ui/booking.css';
import '../ui/documents.css';

/** A family's documents as staff see them: the same list as the family's, and every file sent (downloadable). */
export function FamilyDocumentsPage({ familyId }: { familyId: string }) {
  const checklist = useResource('staffDocuments.familyChecklist', { params: { familyId } });
  const view = useResource('staff.family', { params: { familyId } });
  const g = view.data?.family?.guardian1;
  const familyName = g ? [g.lastName, g.firstName].filter(Boolean).join(' ') : null;
  const { t } = useTranslation('staffAdmin');
  const title = familyName ? t('documentFamily.title', { name: familyName }) : t('documentFamily.titleDefault');
  usePageTitle(title);
  const data = checklist.data;
  return (
    <>
      <Link to={`/agent/familles/${encodeURIComponent(familyId)}`} className="back-link">
        {t('documentFamily.back')}
      </Link>
      <PageHeading>{title}</PageHeading>
      <LoadState loading={checklist.loading && data === null} error={checklist.error} />
      {data && (
        <>
          <h2>{t('documentFamily.checklist')}</h2>
          <ChecklistLegend />
          {data.items.length === 0 ? (
            <p className="empty">{t('documentFamily.noneRequested')}</p>
          ) : (
            <ul className="doc-list" aria-label={t('documentFamily.checklistLabel')}>
              {data.items.map((item) => (
                <ChecklistEntry key={`${item.typeId}-${item.childId ?? 'famille'}`} item={item} readOnly />
              ))}
            </ul>
          )}
          <h2>{t('documentFamily.sent')}</h2>
          {data.submissions.length === 0 ? (
            <p className="empty">{t('documentFamily.noneSent')}</p>
          ) : (
            <ul className="doc-list" aria-label={t('documentFamily.sent')}>
              {data.submissions.map((s) => (
                <SubmissionEntry key={s.id} submission={s} fileUrl={(fileId) => fileUrl('staffDocuments.file', { params: { fileId }, query: { disposition: 'attachment' } })} />
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}
