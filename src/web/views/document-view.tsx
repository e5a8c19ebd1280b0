/**
 * Pieces shared by the family's document pages (guide §7): the two tabs « liste des documents à fournir » and
 * « ajouter un document », the state of a checklist item with its icon (shape + words, never colour alone) and the
 * legend, and the list of files sent, each downloadable.
 */
import { Trans, useTranslation } from 'react-i18next';
import type { ChecklistItem, DocumentState, Submission } from '../../shared/document-contracts.js';
import { Link } from '../app/router.js';
import { formatDateTime, formatDay } from '../i18n/format.js';
import { i18n } from '../i18n/i18n.js';
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

const LEGEND_KEYS = { to_provide: 'toProvide', pending: 'pending', accepted: 'accepted', expiring_soon: 'expiringSoon', expired: 'expired', refused: 'refused' } as const;

/** The words are read when the legend is drawn, in the page's language. */
export const DOCUMENT_LEGEND: LegendItem[] = (['to_provide', 'pending', 'accepted', 'expiring_soon', 'expired', 'refused'] as const).map((s) => ({
  icon: STATE_ICONS[s],
  get label() {
    return i18n.t(`labels:documentState.${s}`);
  },
  get description() {
    return i18n.t(`common:documentView.legend.${LEGEND_KEYS[s]}`);
  },
}));

/** The tabs of the guide: two pages, so each is a link (the current one marked for screen readers). */
export function DocumentTabs({ current }: { current: 'list' | 'add' }) {
  const { t } = useTranslation('common');
  return (
    <nav className="tabs" aria-label={t('documentView.tabs')}>
      <ul className="tabs__list">
        <li>
          <Link to={DOCUMENTS_PATH} className="tabs__tab" aria-current={current === 'list' ? 'page' : undefined}>
            {t('documentView.tabList')}
          </Link>
        </li>
        <li>
          <Link to={DOCUMENT_ADD_PATH} className="tabs__tab" aria-current={current === 'add' ? 'page' : undefined}>
            {t('documentView.tabAdd')}
          </Link>
        </li>
      </ul>
    </nav>
  );
}

export function DocumentStateLine({ state }: { state: DocumentState }) {
  const { t } = useTranslation('labels');
  return (
    <p className="doc-item__state">
      <StateIcon kind={STATE_ICONS[state]} />
      <span>{t(`documentState.${state}`)}</span>
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
  const { t } = useTranslation('common');
  const canSend = !readOnly && item.state !== 'pending' && item.state !== 'accepted';
  const need = item.required ? t('documentView.required') : t('documentView.optional');
  const addLink = `${DOCUMENT_ADD_PATH}?type=${encodeURIComponent(item.typeId)}${item.childId ? `&enfant=${encodeURIComponent(item.childId)}` : ''}`;
  return (
    <li className={`doc-item doc-item--${STATE_CLASS[item.state]}`}>
      <h3 className="doc-item__title">{itemTitle(item)}</h3>
      <DocumentStateLine state={item.state} />
      {item.state === 'refused' && item.refusalReason && (
        <p className="doc-item__reason">
          <strong>{t('documentView.refusalReason')}</strong> {item.refusalReason}
        </p>
      )}
      {item.validUntil && (item.state === 'accepted' || item.state === 'expiring_soon') && <p>{t('documentView.validUntil', { day: formatDay(item.validUntil) })}</p>}
      {item.validUntil && item.state === 'expired' && <p>{t('documentView.expiredSince', { day: formatDay(item.validUntil) })}</p>}
      <p className="muted">
        {item.requiredForActivities.length > 0
          ? [need, t('documentView.requiredBefore', { activities: item.requiredForActivities.join(', ') })].join(t('listSeparator'))
          : need}
      </p>
      {item.description && <p>{item.description}</p>}
      {canSend && (
        <p>
          <Link to={addLink}>
            <Trans t={t} i18nKey="documentView.send" values={{ title: itemTitle(item) }} components={{ hidden: <span className="visually-hidden" /> }} />
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
  const { t } = useTranslation('common');
  const state = SUBMISSION_STATE_LABELS[submission.state];
  const when = [
    t('documentView.sentOn', { when: formatDateTime(submission.submittedAt) }),
    submission.reviewedAt && t('documentView.reviewedOn', { when: formatDateTime(submission.reviewedAt) }),
    submission.validUntil && t('documentView.validUntilShort', { day: formatDay(submission.validUntil) }),
  ];
  return (
    <li className={`doc-item doc-item--${STATE_CLASS[state]}`}>
      <h3 className="doc-item__title">{itemTitle(submission)}</h3>
      <DocumentStateLine state={state} />
      {submission.state === 'refused' && submission.refusalReason && (
        <p className="doc-item__reason">
          <strong>{t('documentView.refusalReason')}</strong> {submission.refusalReason}
        </p>
      )}
      <p className="muted">
        {when.filter(Boolean).join(t('listSeparator'))}
      </p>
      <ul className="doc-files" aria-label={t('documentView.files', { title: itemTitle(submission) })}>
        {submission.files.map((f) => (
          <li key={f.id}>
            <a href={fileUrl(f.id)} download={f.fileName}>
              {t('documentView.download', { name: f.fileName })}
            </a>{' '}
            <span className="muted">({formatBytes(f.size)})</span>
          </li>
        ))}
      </ul>
    </li>
  );
}
