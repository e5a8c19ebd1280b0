import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { useSession } from '../app/session.js';
import { MESSAGE_TEMPLATE_LABELS } from '../i18n/fr.js';
import { formatDateTime } from '../i18n/format.js';
import { Button } from '../ui/button.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { Table } from '../ui/table.js';
import { OutboxStatusTag } from './status.js';
import { usePaged } from './use-paged.js';

/** The mail outbox (administrators): every message the portal sent or tried to send. */
export function OutboxPage() {
  const { config } = useSession();
  const outbox = usePaged('staff.outbox', {});
  usePageTitle('Courriels');

  return (
    <>
      <Link to="/agent" className="back-link">
        Tableau de bord
      </Link>
      <PageHeading>Courriels</PageHeading>
      {!config.smtp && (
        <StatusMessage tone="warning" title="Aucun serveur d’envoi (SMTP) n’est configuré.">
          <p>Les courriels sont enregistrés ici mais ne partent pas. Vous pouvez lire leur texte et le transmettre vous-même.</p>
        </StatusMessage>
      )}
      {outbox.items.length === 0 && !outbox.loading && !outbox.error && <p className="empty">Aucun courriel.</p>}
      {outbox.items.length > 0 && (
        <Table caption="Courriels, du plus récent au plus ancien" head={['Date', 'Destinataire', 'Objet', 'Type', 'Statut', 'Tentatives']}>
          {outbox.items.map((m) => (
            <tr key={m.id}>
              <td>{formatDateTime(m.createdAt)}</td>
              <td>{m.toAddress}</td>
              <td>
                <Link to={`/agent/courriels/${m.id}`}>{m.subject}</Link>
              </td>
              <td>{MESSAGE_TEMPLATE_LABELS[m.template] ?? m.template}</td>
              <td>
                <OutboxStatusTag status={m.status} />
              </td>
              <td>{m.attempts}</td>
            </tr>
          ))}
        </Table>
      )}
      <LoadState loading={outbox.loading} error={outbox.error} />
      {!outbox.ended && !outbox.loading && !outbox.error && outbox.items.length > 0 && (
        <Button variant="secondary" onClick={outbox.more}>
          Voir plus
        </Button>
      )}
    </>
  );
}
