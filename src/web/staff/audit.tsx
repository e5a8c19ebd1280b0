import type { AuditEntry } from '../../shared/contracts.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link, useSearchParam } from '../app/router.js';
import { formatDateTime } from '../i18n/format.js';
import { Button } from '../ui/button.js';
import { LoadState } from '../ui/loading.js';
import { Table } from '../ui/table.js';
import { usePaged } from './use-paged.js';
import { AUDIT_ACTION_LABELS } from '../i18n/fr.js';

function details(d: AuditEntry['details']): string {
  if (!d) return '';
  return Object.entries(d)
    .map(([k, v]) => `${k} : ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ; ');
}

/** The audit log (administrators): who did or read what, when. */
export function AuditPage() {
  const familyId = useSearchParam('familyId') ?? undefined;
  const log = usePaged('staff.audit', { familyId });
  usePageTitle(familyId ? 'Journal des actions sur une famille' : 'Journal des actions');

  return (
    <>
      <Link to="/agent" className="back-link">
        Tableau de bord
      </Link>
      <PageHeading>{familyId ? 'Journal des actions sur une famille' : 'Journal des actions'}</PageHeading>
      {familyId && (
        <p>
          <Link to={`/agent/familles/${encodeURIComponent(familyId)}`}>Voir la fiche de la famille</Link> ·{' '}
          <Link to="/agent/journal">Voir tout le journal</Link>
        </p>
      )}
      {log.items.length === 0 && !log.loading && !log.error && <p className="empty">Aucune entrée dans le journal.</p>}
      {log.items.length > 0 && (
        <Table caption="Actions, de la plus récente à la plus ancienne" head={['Date', 'Auteur', 'Action', 'Famille', 'Objet', 'Détails']}>
          {log.items.map((e) => (
            <tr key={e.id}>
              <td>{formatDateTime(e.at)}</td>
              <td>{e.actorEmail ?? <span className="muted">Système</span>}</td>
              <td>
                {AUDIT_ACTION_LABELS[e.action] ?? ''}
                {AUDIT_ACTION_LABELS[e.action] ? <br /> : null}
                <code className="muted">{e.action}</code>
              </td>
              <td>{e.familyId ? <Link to={`/agent/familles/${encodeURIComponent(e.familyId)}`}>Fiche</Link> : ''}</td>
              <td>{[e.targetType, e.targetId].filter(Boolean).join(' ')}</td>
              <td>{details(e.details)}</td>
            </tr>
          ))}
        </Table>
      )}
      <LoadState loading={log.loading} error={log.error} />
      {!log.ended && !log.loading && !log.error && log.items.length > 0 && (
        <Button variant="secondary" onClick={log.more}>
          Voir plus
        </Button>
      )}
      {log.ended && log.items.length > 0 && <p className="muted">Fin du journal.</p>}
    </>
  );
}
