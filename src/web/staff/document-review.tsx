import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { DocumentFile, ReviewItem } from '../../shared/document-contracts.js';
import { call, errorMessage, fileUrl as routeUrl } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, useFlash, usePageTitle } from '../app/page.js';
import { Link, navigate } from '../app/router.js';
import { formatDateTime } from '../i18n/format.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { Dialog } from '../ui/dialog.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { formatBytes } from '../ui/file-size.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { Table } from '../ui/table.js';
import { useRowAction } from '../ui/use-row-action.js';
import '../ui/documents.css';
import { ReasonForm } from '../ui/reason-form.js';

export const REVIEW_PATH = '/agent/documents';

const title = (d: Pick<ReviewItem, 'typeName' | 'childName'>) => (d.childName ? `${d.typeName} — ${d.childName}` : d.typeName);
const fileUrl = (fileId: string, disposition: 'inline' | 'attachment') => routeUrl('staffDocuments.file', { params: { fileId }, query: { disposition } });

/** « Documents à vérifier »: the documents families sent, oldest first. */
export function DocumentQueuePage() {
  const queue = useResource('staffDocuments.queue');
  const rows = (queue.data ?? []);
  const flash = useFlash();
  const { t } = useTranslation('staffAdmin');
  usePageTitle(t('documentQueue.title'));
  return (
    <>
      <Link to="/agent" className="back-link">
        {t('documentQueue.back')}
      </Link>
      <PageHeading>{t('documentQueue.title')}</PageHeading>
      {flash && <StatusMessage>{flash}</StatusMessage>}
      <p>{t('documentQueue.intro')}</p>
      <LoadState loading={queue.loading && queue.data === null} error={queue.error} />
      {queue.data !== null &&
        (rows.length === 0 ? (
          <p className="empty">{t('documentQueue.empty')}</p>
        ) : (
          <Table
            caption={t('documentQueue.caption', { count: rows.length })}
            head={[
              t('documentQueue.head.family'),
              t('documentQueue.head.document'),
              t('documentQueue.head.submittedAt'),
              t('documentQueue.head.files'),
              t('documentQueue.head.action'),
            ]}
          >
            {rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/agent/familles/${encodeURIComponent(r.familyId)}`}>{r.familyName}</Link>
                </td>
                <td>{title(r)}</td>
                <td>{formatDateTime(r.submittedAt)}</td>
                <td>{r.files.length}</td>
                <td>
                  <Link to={`${REVIEW_PATH}/${encodeURIComponent(r.id)}`} className="button button--secondary button--small">
                    {t('documentQueue.examine')}
                    <span className="visually-hidden"> {t('documentQueue.examineHidden', { title: title(r), family: r.familyName })}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </Table>
        ))}
    </>
  );
}

/** One file shown inside the page: a PDF in a frame, an image as an image (with its text alternative). */
function FilePreview({ file, item }: { file: DocumentFile; item: ReviewItem }) {
  const { t } = useTranslation('staffAdmin');
  const label = t('documentReview.preview.label', { file: file.fileName, title: title(item), family: item.familyName });
  return (
    <figure className="doc-preview">
      {file.mediaType === 'application/pdf' ? (
        <iframe className="doc-preview__frame" title={t('documentReview.preview.pdf', { label })} src={fileUrl(file.id, 'inline')} />
      ) : (
        <img className="doc-preview__image" src={fileUrl(file.id, 'inline')} alt={t('documentReview.preview.image', { label })} />
      )}
      <figcaption>
        {file.fileName} ({formatBytes(file.size)}) —{' '}
        <a href={fileUrl(file.id, 'attachment')} download={file.fileName}>
          {t('documentReview.preview.download')}
          <span className="visually-hidden"> {file.fileName}</span>
        </a>
      </figcaption>
    </figure>
  );
}

/** One document to check: its files previewed, « Accepter » or « Refuser » with a reason. */
export function DocumentReviewPage({ submissionId }: { submissionId: string }) {
  const item = useResource('staffDocuments.get', { params: { submissionId } });
  const action = useRowAction();
  const [refusing, setRefusing] = useState(false);
  const { t } = useTranslation('staffAdmin');
  usePageTitle(item.data ? t('documentReview.title', { title: title(item.data) }) : t('documentReview.titleDefault'), action.errors.length > 0);
  const d = item.data;

  function accept(doc: ReviewItem) {
    return action.run(doc.id, async () => {
      await call('staffDocuments.review', { params: { submissionId: doc.id }, body: { decision: 'accept' } });
      navigate(REVIEW_PATH, { flash: t('documentReview.acceptedFlash', { title: title(doc), family: doc.familyName }) });
      return '';
    });
  }

  return (
    <>
      <Link to={REVIEW_PATH} className="back-link">
        {t('documentReview.back')}
      </Link>
      <PageHeading>{d ? t('documentReview.title', { title: title(d) }) : t('documentReview.titleDefault')}</PageHeading>
      <ErrorSummary errors={action.errors} focusKey={action.errorKey} />
      <LoadState loading={item.loading && d === null} error={item.error} />
      {d && (
        <>
          <dl className="summary-list">
            <div className="summary-list__row">
              <dt>{t('documentReview.family')}</dt>
              <dd>
                <Link to={`/agent/familles/${encodeURIComponent(d.familyId)}`}>{d.familyName}</Link>
                {' — '}
                <Link to={`/agent/familles/${encodeURIComponent(d.familyId)}/documents`}>
                  {t('documentReview.allDocuments')}
                  <span className="visually-hidden"> {t('documentReview.allDocumentsHidden', { family: d.familyName })}</span>
                </Link>
              </dd>
            </div>
            <div className="summary-list__row">
              <dt>{t('documentReview.document')}</dt>
              <dd>{d.typeName}</dd>
            </div>
            {d.childName && (
              <div className="summary-list__row">
                <dt>{t('documentReview.child')}</dt>
                <dd>{d.childName}</dd>
              </div>
            )}
            <div className="summary-list__row">
              <dt>{t('documentReview.submittedAt')}</dt>
              <dd>{formatDateTime(d.submittedAt)}</dd>
            </div>
            <div className="summary-list__row">
              <dt>{t('documentReview.state')}</dt>
              <dd>
                {d.state === 'pending'
                  ? t('documentReview.statePending')
                  : d.state === 'accepted'
                    ? t('documentReview.stateAccepted')
                    : t('documentReview.stateRefused', { reason: d.refusalReason ?? '' })}
              </dd>
            </div>
          </dl>
          <h2>{t('documentReview.files', { count: d.files.length })}</h2>
          {d.files.map((f) => (
            <FilePreview key={f.id} file={f} item={d} />
          ))}
          {d.state === 'pending' && (
            <ButtonGroup>
              <Button busy={action.busyId === d.id} onClick={() => void accept(d)}>
                {t('documentReview.accept')}
              </Button>
              <Button variant="warning" onClick={() => { action.clear(); setRefusing(true); }}>
                {t('documentReview.refuse')}
              </Button>
            </ButtonGroup>
          )}
          <Dialog title={t('documentReview.refuse')} isOpen={refusing} onOpenChange={(open) => !open && setRefusing(false)}>
            {refusing && (
              <RefuseForm
                item={d}
                onCancel={() => setRefusing(false)}
                onRefused={() => {
                  setRefusing(false);
                  navigate(REVIEW_PATH, { flash: t('documentReview.refusedFlash', { title: title(d), family: d.familyName }) });
                }}
              />
            )}
          </Dialog>
        </>
      )}
    </>
  );
}

function RefuseForm({ item, onCancel, onRefused }: { item: ReviewItem; onCancel: () => void; onRefused: () => void }) {
  const { t } = useTranslation('staffAdmin');
  return (
    <ReasonForm
      intro={
        <Trans t={t} i18nKey="documentReview.refuseIntro" values={{ title: title(item), family: item.familyName }} components={{ strong: <strong /> }} />
      }
      hint={t('documentReview.refuseHint')}
      submitLabel={t('documentReview.refuse')}
      requiredMessage={errorMessage('document.reason_required')}
      onCancel={onCancel}
      onSubmitReason={async (reason) => {
        await call('staffDocuments.review', { params: { submissionId: item.id }, body: { decision: 'refuse', reason: reason.trim() } });
        onRefused();
      }}
    />
  );
}
