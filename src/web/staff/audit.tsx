import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../shared/contracts.js';
import type labelsFr from '../../shared/i18n/fr/labels.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link, useSearchParam } from '../app/router.js';
import { formatDateTime } from '../i18n/format.js';
import { Button } from '../ui/button.js';
import { LoadState } from '../ui/loading.js';
import { Table } from '../ui/table.js';
import { usePaged } from './use-paged.js';
import { i18n } from '../i18n/i18n.js';

type AuditAction = keyof typeof labelsFr.auditAction;

/** An action the catalogue names (the log may hold codes written by a newer version: those show as their code only). */
function isKnownAction(action: string): action is AuditAction {
  return i18n.exists(`labels:auditAction.${action}`);
}

function details(d: AuditEntry['details']): string {
  if (!d) return '';
  return Object.entries(d)
    .map(([k, v]) => i18n.t('staffAdmin:audit.detail', { key: k, value: typeof v === 'string' ? v : JSON.stringify(v) }))
    .join(' ; ');
}

/** The audit log (administrators): who did or read what, when. */
export function AuditPage() {
  const familyId = useSearchParam('familyId') ?? undefined;
  const log = usePaged('staff.audit', { familyId });
  const { t } = useTranslation('staffAdmin');
  const { t: tl } = useTranslation('labels');
  const title = familyId ? t('audit.titleFamily') : t('audit.title');
  usePageTitle(title);

  return (
    <>
      <Link to="/agent" className="back-link">
        {t('audit.back')}
      </Link>
      <PageHeading>{title}</PageHeading>
      {familyId && (
        <p>
          <Link to={`/agent/familles/${encodeURIComponent(familyId)}`}>{t('audit.familyRecord')}</Link> ·{' '}
          <Link to="/agent/journal">{t('audit.allLog')}</Link>
        </p>
      )}
      {log.items.length === 0 && !log.loading && !log.error && <p className="empty">{t('audit.empty')}</p>}
      {log.items.length > 0 && (
        <Table
          caption={t('audit.caption')}
          head={[t('audit.head.date'), t('audit.head.actor'), t('audit.head.action'), t('audit.head.family'), t('audit.head.target'), t('audit.head.details')]}
        >
          {log.items.map((e) => (
            <tr key={e.id}>
              <td>{formatDateTime(e.at)}</td>
              <td>{e.actorEmail ?? <span className="muted">{t('audit.system')}</span>}</td>
              <td>
                {isKnownAction(e.action) && (
                  <>
                    {tl(`auditAction.${e.action}`)}
                    <br />
                  </>
                )}
                <code className="muted">{e.action}</code>
              </td>
              <td>{e.familyId ? <Link to={`/agent/familles/${encodeURIComponent(e.familyId)}`}>{t('audit.record')}</Link> : ''}</td>
              <td>{[e.targetType, e.targetId].filter(Boolean).join(' ')}</td>
              <td>{details(e.details)}</td>
            </tr>
          ))}
        </Table>
      )}
      <LoadState loading={log.loading} error={log.error} />
      {!log.ended && !log.loading && !log.error && log.items.length > 0 && (
        <Button variant="secondary" onClick={log.more}>
          {t('audit.more')}
        </Button>
      )}
      {log.ended && log.items.length > 0 && <p className="muted">{t('audit.end')}</p>}
    </>
  );
}
