import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { formatDateTime } from '../i18n/format.js';
import { Button } from '../ui/button.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { SummaryList } from '../ui/summary-list.js';
import { useForm } from '../ui/use-form.js';
import { isKnownTemplate } from './outbox.js';
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
  const { t } = useTranslation('staffAdmin');
  const { t: tl } = useTranslation('labels');
  usePageTitle(m ? t('outboxMessage.titleOf', { subject: m.subject }) : message.status === 404 ? t('outboxMessage.notFound') : t('outboxMessage.title'));

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
        {t('outboxMessage.back')}
      </Link>
      <PageHeading>{m ? m.subject : message.status === 404 ? t('outboxMessage.notFound') : t('outboxMessage.title')}</PageHeading>
      {done && <StatusMessage>{t('outboxMessage.requeued')}</StatusMessage>}
      <ErrorSummary {...form.summary} />
      <LoadState loading={message.loading && !m} error={message.error} />
      {m && (
        <>
          <SummaryList
            rows={[
              [t('outboxMessage.to'), m.toAddress],
              [t('outboxMessage.type'), isKnownTemplate(m.template) ? tl(`messageTemplate.${m.template}`) : t('outbox.otherTemplate')],
              [t('outboxMessage.createdAt'), formatDateTime(m.createdAt)],
              [t('outboxMessage.status'), <OutboxStatusTag status={m.status} key="s" />],
              [t('outboxMessage.attempts'), String(m.attempts)],
              [t('outboxMessage.sentAt'), formatDateTime(m.sentAt)],
              ...(m.lastError ? ([[t('outboxMessage.lastError'), m.lastError]] as [string, string][]) : []),
            ]}
          />
          {(m.status === 'failed' || m.status === 'not_sent') && (
            <Button onClick={() => void retry()} busy={form.busy}>
              {t('outboxMessage.retry')}
            </Button>
          )}
          <h2>{t('outboxMessage.body')}</h2>
          {m.linksMasked && (
            <p className="muted">{t('outboxMessage.linksMasked')}</p>
          )}
          <pre className="pre">{m.textBody}</pre>
        </>
      )}
    </>
  );
}
