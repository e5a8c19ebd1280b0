import { useState } from 'react';
import type { DocumentFile, ReviewItem } from '../../shared/document-contracts.js';
import { messageFor } from '../../shared/errors.js';
import { call, fileUrl as routeUrl } from '../api/client.js';
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
  usePageTitle('Documents à vérifier');
  return (
    <>
      <Link to="/agent" className="back-link">
        Tableau de bord
      </Link>
      <PageHeading>Documents à vérifier</PageHeading>
      {flash && <StatusMessage>{flash}</StatusMessage>}
      <p>Les pièces justificatives envoyées par les familles, les plus anciennes d’abord. La famille reçoit un courriel après votre décision.</p>
      <LoadState loading={queue.loading && queue.data === null} error={queue.error} />
      {queue.data !== null &&
        (rows.length === 0 ? (
          <p className="empty">Aucun document à vérifier.</p>
        ) : (
          <Table caption={`${rows.length} document${rows.length > 1 ? 's' : ''} à vérifier`} head={['Famille', 'Document', 'Envoyé le', 'Fichiers', 'Action']}>
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
                    Examiner<span className="visually-hidden"> « {title(r)} » de {r.familyName}</span>
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
  const label = `${file.fileName} (${title(item)}, famille ${item.familyName})`;
  return (
    <figure className="doc-preview">
      {file.mediaType === 'application/pdf' ? (
        <iframe className="doc-preview__frame" title={`Aperçu du PDF ${label}`} src={fileUrl(file.id, 'inline')} />
      ) : (
        <img className="doc-preview__image" src={fileUrl(file.id, 'inline')} alt={`Aperçu de l’image ${label}`} />
      )}
      <figcaption>
        {file.fileName} ({formatBytes(file.size)}) —{' '}
        <a href={fileUrl(file.id, 'attachment')} download={file.fileName}>
          Télécharger<span className="visually-hidden"> {file.fileName}</span>
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
  usePageTitle(item.data ? `Vérifier « ${title(item.data)} »` : 'Vérifier un document', action.errors.length > 0);
  const d = item.data;

  function accept(doc: ReviewItem) {
    return action.run(doc.id, async () => {
      await call('staffDocuments.review', { params: { submissionId: doc.id }, body: { decision: 'accept' } });
      navigate(REVIEW_PATH, { flash: `« ${title(doc)} » de la famille ${doc.familyName} est accepté. Un courriel en informe la famille.` });
      return '';
    });
  }

  return (
    <>
      <Link to={REVIEW_PATH} className="back-link">
        Documents à vérifier
      </Link>
      <PageHeading>{d ? `Vérifier « ${title(d)} »` : 'Vérifier un document'}</PageHeading>
      <ErrorSummary errors={action.errors} focusKey={action.errorKey} />
      <LoadState loading={item.loading && d === null} error={item.error} />
      {d && (
        <>
          <dl className="summary-list">
            <div className="summary-list__row">
              <dt>Famille</dt>
              <dd>
                <Link to={`/agent/familles/${encodeURIComponent(d.familyId)}`}>{d.familyName}</Link>
                {' — '}
                <Link to={`/agent/familles/${encodeURIComponent(d.familyId)}/documents`}>
                  tous ses documents<span className="visually-hidden"> (famille {d.familyName})</span>
                </Link>
              </dd>
            </div>
            <div className="summary-list__row">
              <dt>Document</dt>
              <dd>{d.typeName}</dd>
            </div>
            {d.childName && (
              <div className="summary-list__row">
                <dt>Enfant</dt>
                <dd>{d.childName}</dd>
              </div>
            )}
            <div className="summary-list__row">
              <dt>Envoyé le</dt>
              <dd>{formatDateTime(d.submittedAt)}</dd>
            </div>
            <div className="summary-list__row">
              <dt>État</dt>
              <dd>{d.state === 'pending' ? 'En attente de vérification' : d.state === 'accepted' ? 'Accepté' : `Refusé : ${d.refusalReason ?? ''}`}</dd>
            </div>
          </dl>
          <h2>{d.files.length > 1 ? `Les ${d.files.length} fichiers` : 'Le fichier'}</h2>
          {d.files.map((f) => (
            <FilePreview key={f.id} file={f} item={d} />
          ))}
          {d.state === 'pending' && (
            <ButtonGroup>
              <Button busy={action.busyId === d.id} onClick={() => void accept(d)}>
                Accepter le document
              </Button>
              <Button variant="warning" onClick={() => { action.clear(); setRefusing(true); }}>
                Refuser le document
              </Button>
            </ButtonGroup>
          )}
          <Dialog title="Refuser le document" isOpen={refusing} onOpenChange={(open) => !open && setRefusing(false)}>
            {refusing && (
              <RefuseForm
                item={d}
                onCancel={() => setRefusing(false)}
                onRefused={() => {
                  setRefusing(false);
                  navigate(REVIEW_PATH, { flash: `« ${title(d)} » de la famille ${d.familyName} est refusé. Le motif a été envoyé par courriel à la famille.` });
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
  return (
    <ReasonForm
      intro={
        <>
          « {title(item)} », famille <strong>{item.familyName}</strong>.
        </>
      }
      hint="La famille le lira dans sa liste de documents et le recevra par courriel : dites ce qui ne va pas et quoi envoyer."
      submitLabel="Refuser le document"
      requiredMessage={messageFor('document.reason_required')}
      onCancel={onCancel}
      onSubmitReason={async (reason) => {
        await call('staffDocuments.review', { params: { submissionId: item.id }, body: { decision: 'refuse', reason: reason.trim() } });
        onRefused();
      }}
    />
  );
}
