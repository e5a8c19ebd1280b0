import { useTranslation } from 'react-i18next';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { useSession } from '../app/session.js';
import { i18n } from '../i18n/i18n.js';
import type labelsFr from '../../shared/i18n/fr/labels.js';
import { formatDateTime } from '../i18n/format.js';
import { Button } from '../ui/button.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { Table } from '../ui/table.js';
import { OutboxStatusTag } from './status.js';
import { usePaged } from './use-paged.js';

type Template = keyof typeof labelsFr.messageTemplate;

/** A template the catalogue names (others show as their code). */
export function isKnownTemplate(template: string): template is Template {
  return i18n.exists(`labels:messageTemplate.${template}`);
}

/** The mail outbox (administrators): every message the portal sent or tried to send. */
export function OutboxPage() {
  const { config } = useSession();
  const outbox = usePaged('staff.outbox', {});
  const { t } = useTranslation('staffAdmin');
  const { t: tl } = useTranslation('labels');
  usePageTitle(t('outbox.title'));

  return (
    <>
      <Link to="/agent" className="back-link">
        {t('outbox.back')}
      </Link>
      <PageHeading>{t('outbox.title')}</PageHeading>
      {!config.smtp && (
        <StatusMessage tone="warning" title={t('outbox.noSmtp')}>
          <p>{t('outbox.noSmtpText')}</p>
        </StatusMessage>
      )}
      {outbox.items.length === 0 && !outbox.loading && !outbox.error && <p className="empty">{t('outbox.empty')}</p>}
      {outbox.items.length > 0 && (
        <Table
          caption={t('outbox.caption')}
          head={[t('outbox.head.date'), t('outbox.head.to'), t('outbox.head.subject'), t('outbox.head.type'), t('outbox.head.status'), t('outbox.head.attempts')]}
        >
          {outbox.items.map((m) => (
            <tr key={m.id}>
              <td>{formatDateTime(m.createdAt)}</td>
              <td>{m.toAddress}</td>
              <td>
                <Link to={`/agent/courriels/${m.id}`}>{m.subject}</Link>
              </td>
              <td>{isKnownTemplate(m.template) ? tl(`messageTemplate.${m.template}`) : t('outbox.otherTemplate')}</td>
              <td className="nowrap">
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
          {t('outbox.more')}
        </Button>
      )}
    </>
  );
}
