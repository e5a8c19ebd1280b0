/**
 * Pieces shared by the family's document pages (guide §7): the two tabs « liste des documents à fournir » and
 * « ajouter un document », the state of a checklist item with its icon (shape + words, never colour alone) and the
 * legend, and the list of files sent, each downloadable.
 */
import type { ChecklistItem, DocumentState, Submission } from '../../shared/document-contracts.js';
import { Link } from '../app/router.js';
import { DOCUMENT_STATE_LABELS } from '../i18n/document-labels.js';
import { formatDateTime, formatDay } from '../i18n/format.js';
import { formatBytes } from '../ui/file-size.js';
import { Legend, type LegendItem } from '../ui/legend.js';
import { StateIcon, type IconKind } from '../ui/state-icon.js';

export const DOCUMENTS_PATH = '/famille/documents';
export const DOCUMENT_ADD_PATH = '/famille/documents/ajouter';

const STATE_ICONS: Record<DocumentState, IconKind> = {
  to_provide: 'available',
  pending: 'requested',
  accepted: 'accepted',
  expiring_soon: 'deadline_passed',
  expired: 'closed',
  refused: 'refused',
};

const STATE_CLASS: Record<DocumentState, string> = {
  to_provide: 'missing',
  pending: 'pending',
  accepted: 'accepted',
  expiring_soon: 'expiring',
  expired: 'expired',
  refused: 'refused',
};

export const DOCUMENT_LEGEND: LegendItem[] = [
  { icon: 'available', label: DOCUMENT_STATE_LABELS.to_provide, description: 'le document n’a pas encore été envoyé' },
  { icon: 'requested', label: DOCUMENT_STATE_LABELS.pending, description: 'la mairie va le vérifier' },
  { icon: 'accepted', label: DOCUMENT_STATE_LABELS.accepted, description: 'le document est valable' },
  { icon: 'deadline_passed', label: DOCUMENT_STATE_LABELS.expiring_soon, description: 'il ne sera plus valable dans moins de 30 jours : envoyez le nouveau' },
  { icon: 'closed', label: DOCUMENT_STATE_LABELS.expired, description: 'il n’est plus valable : envoyez le nouveau' },
  { icon: 'refused', label: DOCUMENT_STATE_LABELS.refused, description: 'la mairie l’a refusé ; le motif est indiqué : envoyez-le à nouveau' },
];

/** The tabs of the guide: two pages, so each is a link (the current one marked for screen readers). */
export function DocumentTabs({ current }: { current: 'list' | 'add' }) {
  return (
    <nav className="tabs" aria-label="Documents">
      <ul className="tabs__list">
        <li>
          <Link to={DOCUMENTS_PATH} className="tabs__tab" aria-current={current === 'list' ? 'page' : undefined}>
            Liste des documents à fournir
          </Link>
        </li>
        <li>
          <Link to={DOCUMENT_ADD_PATH} className="tabs__tab" aria-current={current === 'add' ? 'page' : undefined}>
            Ajouter un document
          </Link>
        </li>
      </ul>
    </nav>
  );
}

export function DocumentStateLine({ state }: { state: DocumentState }) {
  return (
    <p className="doc-item__state">
      <StateIcon kind={STATE_ICONS[state]} />
      <span>{DOCUMENT_STATE_LABELS[state]}</span>
    </p>
  );
}

/** What the family still has to send: a required document not sent yet, or one refused, expired or about to expire. */
export function stillToSend(item: ChecklistItem): boolean {
  if (item.state === 'to_provide') return item.required;
  return item.state !== 'accepted' && item.state !== 'pending';
}

export function itemTitle(item: Pick<ChecklistItem, 'typeName' | 'childName'>): string {
  return item.childName ? `${item.typeName} — ${item.childName}` : item.typeName;
}

/** One line of « liste des documents à fournir ». `readOnly`: as staff see it, without « Envoyer ce document ». */
export function ChecklistEntry({ item, readOnly = false }: { item: ChecklistItem; readOnly?: boolean }) {
  const canSend = !readOnly && item.state !== 'pending' && item.state !== 'accepted';
  const addLink = `${DOCUMENT_ADD_PATH}?type=${encodeURIComponent(item.typeId)}${item.childId ? `&enfant=${encodeURIComponent(item.childId)}` : ''}`;
  return (
    <li className={`doc-item doc-item--${STATE_CLASS[item.state]}`}>
      <h3 className="doc-item__title">{itemTitle(item)}</h3>
      <DocumentStateLine state={item.state} />
      {item.state === 'refused' && item.refusalReason && (
        <p className="doc-item__reason">
          <strong>Motif du refus :</strong> {item.refusalReason}
        </p>
      )}
      {item.validUntil && (item.state === 'accepted' || item.state === 'expiring_soon') && <p>Valable jusqu’au {formatDay(item.validUntil)}.</p>}
      {item.validUntil && item.state === 'expired' && <p>N’est plus valable depuis le {formatDay(item.validUntil)}.</p>}
      <p className="muted">
        {item.required ? 'Obligatoire' : 'Facultatif'}
        {item.requiredForActivities.length > 0 && <> ; à fournir avant de réserver : {item.requiredForActivities.join(', ')}</>}
      </p>
      {item.description && <p>{item.description}</p>}
      {canSend && (
        <p>
          <Link to={addLink}>
            Envoyer ce document<span className="visually-hidden"> : {itemTitle(item)}</span>
          </Link>
        </p>
      )}
    </li>
  );
}

export function ChecklistLegend() {
  return <Legend items={DOCUMENT_LEGEND} />;
}

const SUBMISSION_STATE_LABELS: Record<Submission['state'], DocumentState> = { pending: 'pending', accepted: 'accepted', refused: 'refused' };

/** A document sent: its state, when, and its files to download. `fileUrl` differs for the family and for staff. */
export function SubmissionEntry({ submission, fileUrl }: { submission: Submission; fileUrl: (fileId: string) => string }) {
  const state = SUBMISSION_STATE_LABELS[submission.state];
  return (
    <li className={`doc-item doc-item--${STATE_CLASS[state]}`}>
      <h3 className="doc-item__title">{itemTitle(submission)}</h3>
      <DocumentStateLine state={state} />
      {submission.state === 'refused' && submission.refusalReason && (
        <p className="doc-item__reason">
          <strong>Motif du refus :</strong> {submission.refusalReason}
        </p>
      )}
      <p className="muted">
        Envoyé le {formatDateTime(submission.submittedAt)}
        {submission.reviewedAt && <> ; examiné le {formatDateTime(submission.reviewedAt)}</>}
        {submission.validUntil && <> ; valable jusqu’au {formatDay(submission.validUntil)}</>}
      </p>
      <ul className="doc-files" aria-label={`Fichiers de « ${itemTitle(submission)} »`}>
        {submission.files.map((f) => (
          <li key={f.id}>
            <a href={fileUrl(f.id)} download={f.fileName}>
              Télécharger {f.fileName}
            </a>{' '}
            <span className="muted">({formatBytes(f.size)})</span>
          </li>
        ))}
      </ul>
    </li>
  );
}
