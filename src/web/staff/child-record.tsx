import { useState } from 'react';
import type { ChildHistoryEntry } from '../../shared/child-contracts.js';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { ChildRecordView, childName } from '../views/child-view.js';
import { formatDateTime } from '../i18n/format.js';
import { Button, ButtonLink } from '../ui/button.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { StatusMessage } from '../ui/status-message.js';
import { LoadState } from '../ui/loading.js';
import { Table } from '../ui/table.js';
import { useForm } from '../ui/use-form.js';
import '../ui/records.css';

/** The whole child record for the staff (this read is written to the audit log), and the history of changes. */
export function StaffChildPage({ childId }: { childId: string }) {
  const id = encodeURIComponent(childId);
  const child = useResource('staffChildren.get', { params: { childId } });
  const title = child.status === 404 ? 'Enfant introuvable' : child.data ? `Fiche de ${childName(child.data)}` : 'Fiche enfant';
  usePageTitle(title);

  return (
    <>
      <Link to="/agent/enfants" className="back-link">
        Enfants
      </Link>
      <PageHeading>{title}</PageHeading>
      <LoadState loading={child.loading} error={child.error} />
      {child.data && (
        <>
          <StatusMessage tone="info">
            <p>Votre consultation des informations de santé est enregistrée dans le journal ; la famille peut la voir.</p>
          </StatusMessage>
          <ul className="link-list">
            <li>
              <Link to={`/agent/familles/${encodeURIComponent(child.data.familyId)}`}>Voir la fiche de la famille</Link>
            </li>
          </ul>
          <ButtonLink to={`/agent/enfants/${id}/fiche-urgence`}>Fiche d’urgence à imprimer</ButtonLink>
          <ChildRecordView child={child.data} />
          <p className="muted">
            Fiche créée le {formatDateTime(child.data.createdAt)}, dernière modification le {formatDateTime(child.data.updatedAt)}.
          </p>
          <History childId={childId} />
        </>
      )}
    </>
  );
}

/** The history is loaded on request: reading it is itself an audited access to health data. */
function History({ childId }: { childId: string }) {
  const [entries, setEntries] = useState<ChildHistoryEntry[] | null>(null);
  const form = useForm();

  function load() {
    void form.submit(async () => setEntries(await call('staffChildren.history', { params: { childId } })));
  }

  return (
    <section aria-labelledby="historique">
      <h2 id="historique">Historique des modifications</h2>
      <ErrorSummary {...form.summary} />
      {entries === null ? (
        <>
          <p>Les modifications faites par la famille : ancienne et nouvelle valeur, date, auteur.</p>
          <Button variant="secondary" busy={form.busy} onClick={() => void load()}>
            Afficher l’historique
          </Button>
        </>
      ) : entries.length === 0 ? (
        <p className="empty" role="status">
          Aucune modification depuis la création de la fiche.
        </p>
      ) : (
        <Table caption={`${entries.length} modification${entries.length > 1 ? 's' : ''}, de la plus récente à la plus ancienne`} head={['Date', 'Par', 'Information', 'Ancienne valeur', 'Nouvelle valeur']}>
          {entries.map((e) => (
            <tr key={e.id}>
              <td>{formatDateTime(e.at)}</td>
              <td>{e.actorName ?? <span className="muted">Inconnu</span>}{e.actorKind === 'staff' ? ' (agent)' : e.actorKind === 'family' ? ' (famille)' : ''}</td>
              <td>{e.label}</td>
              <td>{e.oldValue ?? <span className="muted">(vide)</span>}</td>
              <td>{e.newValue ?? <span className="muted">(vide)</span>}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
