import { useState } from 'react';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { MESSAGE_TEMPLATE_LABELS } from '../i18n/fr.js';
import { formatDateTime } from '../i18n/format.js';
import { Button } from '../ui/button.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { SummaryList } from '../ui/summary-list.js';
import { useForm } from '../ui/use-form.js';
import { OutboxStatusTag } from './status.js';

/**
 * One message of the outbox: its text body (never its HTML, shown as text) and « Renvoyer » when it did not leave.
 * Single-use links come masked by the server (outside the demo without SMTP), and the page says so.
 */
export function OutboxMessagePage({ messageId }: { messageId: string }) {
  const message = useResource('staff.outboxMessage', { params: { messageId } });
  const form = useForm();
  const [done, setDone] = useState(false);
  const m = message.data;
  usePageTitle(m ? `Courriel : ${m.subject}` : message.status === 404 ? 'Courriel introuvable' : 'Courriel');

  function retry() {
    if (form.busy) return;
    setDone(false);
    form.clear();
    void form.submit(async () => {
      await call('staff.outboxRetry', { params: { messageId } });
      setDone(true);
      message.reload();
    });
  }

  return (
    <>
      <Link to="/agent/courriels" className="back-link">
        Courriels
      </Link>
      <PageHeading>{m ? m.subject : message.status === 404 ? 'Courriel introuvable' : 'Courriel'}</PageHeading>
      {done && <StatusMessage>Le courriel a été remis dans la file d’envoi.</StatusMessage>}
      <ErrorSummary {...form.summary} />
      <LoadState loading={message.loading && !m} error={message.error} />
      {m && (
        <>
          <SummaryList
            rows={[
              ['Destinataire', m.toAddress],
              ['Type', MESSAGE_TEMPLATE_LABELS[m.template] ?? m.template],
              ['Créé le', formatDateTime(m.createdAt)],
              ['Statut', <OutboxStatusTag status={m.status} key="s" />],
              ['Tentatives', String(m.attempts)],
              ['Envoyé le', formatDateTime(m.sentAt)],
              ...(m.lastError ? ([['Dernière erreur', m.lastError]] as [string, string][]) : []),
            ]}
          />
          {(m.status === 'failed' || m.status === 'not_sent') && (
            <Button onClick={() => void retry()} busy={form.busy}>
              Renvoyer
            </Button>
          )}
          <h2>Texte du courriel</h2>
          {m.linksMasked && (
            <p className="muted">
              Les liens personnels à usage unique (nouveau mot de passe, confirmation d’adresse, invitation) sont masqués :
              seule la personne destinataire peut les ouvrir, depuis le courriel qu’elle a reçu.
            </p>
          )}
          <pre className="pre">{m.textBody}</pre>
        </>
      )}
    </>
  );
}
