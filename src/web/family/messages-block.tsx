import { useTranslation } from 'react-i18next';
import { useResource } from '../api/use-resource.js';
import { Link } from '../app/router.js';
import { CALENDAR_PATH, MESSAGE_NEW_PATH, MESSAGES_PATH, NOTIFICATIONS_PATH } from './messages-upload.js';

/** The « Messagerie » block of « Mon compte famille » (issue 14): unread messages, and where to write or choose notifications. */
export function MessagesBlock() {
  const { t } = useTranslation('messages');
  const list = useResource('messages.list');
  const unread = list.data?.unread ?? 0;
  return (
    <section className="card" aria-labelledby="bloc-messagerie">
      <h2 id="bloc-messagerie">{t('block.title')}</h2>
      <p>{t('block.text')}</p>
      {list.error && <p>{list.error}</p>}
      {list.data && <p>{unread === 0 ? t('block.none') : <strong>{t('block.unread', { count: unread })}</strong>}</p>}
      <ul className="link-list">
        <li>
          <Link to={MESSAGES_PATH}>{t('block.list')}</Link>
        </li>
        <li>
          <Link to={MESSAGE_NEW_PATH}>{t('block.write')}</Link>
        </li>
        <li>
          <Link to={NOTIFICATIONS_PATH}>{t('block.notifications')}</Link>
        </li>
        <li>
          <Link to={CALENDAR_PATH}>{t('block.calendar')}</Link>
        </li>
      </ul>
    </section>
  );
}
