import { useTranslation } from 'react-i18next';
import { fileUrl } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, useFlash, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { ButtonLink } from '../ui/button.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { ChecklistEntry, ChecklistLegend, DOCUMENT_ADD_PATH, DocumentTabs, stillToSend, SubmissionEntry } from '../views/document-view.js';
import '../ui/booking.css';
import '../ui/documents.css';

/** « Liste des documents à fournir » (guide §7): every document asked for, with its state, then the documents sent. */
export function DocumentsPage() {
  const { t } = useTranslation('family');
  const checklist = useResource('documents.checklist');
  const flash = useFlash();
  usePageTitle(t('documents.pageTitle'));
  const data = checklist.data;
  const toSend = data ? data.items.filter(stillToSend).length : 0;
  return (
    <>
      <Link to="/famille" className="back-link">
        {t('documents.back')}
      </Link>
      <PageHeading>{t('documents.title')}</PageHeading>
      <DocumentTabs current="list" />
      {flash && <StatusMessage>{flash}</StatusMessage>}
      <h2>{t('documents.listTitle')}</h2>
      <p>{t('documents.intro')}</p>
      <LoadState loading={checklist.loading && data === null} error={checklist.error} />
      {data && (
        <>
          <ChecklistLegend />
          {data.items.length === 0 ? (
            <p className="empty">{t('documents.none')}</p>
          ) : (
            <>
              <p>
                {toSend === 0 ? t('documents.allSent') : t('documents.toSend', { count: toSend })}
              </p>
              <ul className="doc-list" aria-label={t('documents.listLabel')}>
                {data.items.map((item) => (
                  <ChecklistEntry key={`${item.typeId}-${item.childId ?? 'famille'}`} item={item} />
                ))}
              </ul>
            </>
          )}
          <ButtonLink to={DOCUMENT_ADD_PATH}>{t('documents.add')}</ButtonLink>
          <h2>{t('documents.sentTitle')}</h2>
          {data.submissions.length === 0 ? (
            <p className="empty">{t('documents.noneSent')}</p>
          ) : (
            <ul className="doc-list" aria-label={t('documents.sentLabel')}>
              {data.submissions.map((s) => (
                <SubmissionEntry key={s.id} submission={s} fileUrl={(fileId) => fileUrl('documents.file', { params: { fileId } })} />
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}
