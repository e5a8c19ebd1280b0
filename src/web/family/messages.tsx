import { useTranslation } from 'react-i18next';
import { useResource } from '../api/use-resource.js';
import { PageHeading, useFlash, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { ButtonLink } from '../ui/button.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage, StatusTag } from '../ui/status-message.js';
import { Table } from '../ui/table.js';
import { formatDateTime } from '../i18n/format.js';
import { MESSAGE_NEW_PATH, MESSAGES_PATH } from './messages-upload.js';

/** « Messagerie » (issue 14): the family's threads with the city and the city's announcements, newest first. */
export function MessagesPage() {
  const { t } = useTranslation('messages');
  const flash = useFlash();
  const list = useResource('messages.list');
  usePageTitle(t('list.title'));
  return (
    <>
      <Link to="/famille" className="back-link">
        {t('list.back')}
      </Link>
      <PageHeading>{t('list.title')}</PageHeading>
      {flash && <StatusMessage>{flash}</StatusMessage>}
      <p>{t('list.intro')}</p>
      <p>
        <ButtonLink to={MESSAGE_NEW_PATH}>{t('list.write')}</ButtonLink>
      </p>
      <LoadState loading={list.loading && !list.data} error={list.error} />
      {list.data &&
        (list.data.threads.length === 0 ? (
          <p className="empty">{t('list.none')}</p>
        ) : (
          <Table caption={t('list.caption')} head={[t('list.subject'), t('list.topic'), t('list.last'), t('list.state')]}>
            {list.data.threads.map((th) => (
              <tr key={th.id}>
                <td>
                  <Link to={`${MESSAGES_PATH}/${th.id}`}>{th.subject}</Link> {th.unread && <StatusTag tone="info">{t('list.unread')}</StatusTag>}
                </td>
                <td>{th.kind === 'announcement' ? t('list.announcement') : th.topicLabel}</td>
                <td>{formatDateTime(th.lastMessageAt)}</td>
                <td>{th.kind === 'announcement' ? '—' : th.state === 'open' ? t('list.open') : t('list.closed')}</td>
              </tr>
            ))}
          </Table>
        ))}
    </>
  );
}
