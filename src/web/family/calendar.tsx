import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, errorMessage } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { Button } from '../ui/button.js';
import { ConfirmDialog } from '../ui/confirm-dialog.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { Table } from '../ui/table.js';
import { formatDateTime } from '../i18n/format.js';
import { errorsOf } from '../ui/use-form.js';
import '../ui/messages.css';

/** « Mon calendrier » (issue 14): a secret iCalendar address per child or for the whole family, shown once. */
export function CalendarPage() {
  const { t } = useTranslation('messages');
  const feeds = useResource('calendarFeeds.list');
  const [created, setCreated] = useState<{ scope: string; url: string; webcalUrl: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState<{ childId: string | null; name: string } | null>(null);
  usePageTitle(t('calendar.title'));

  async function act(childId: string | null, name: string, what: 'create' | 'revoke') {
    if (busy) return;
    setBusy(true);
    setMessage(null);
    setError(null);
    try {
      if (what === 'create') {
        const r = await call('calendarFeeds.create', { body: { childId } });
        setCreated({ scope: name, ...r });
      } else {
        await call('calendarFeeds.revoke', { body: { childId } });
        setCreated(null);
        setMessage(t('calendar.revoked'));
      }
      feeds.reload();
    } catch (e) {
      setError(errorsOf(e)[0]?.message ?? errorMessage('internal'));
    } finally {
      setBusy(false);
      setConfirm(null);
    }
  }

  return (
    <>
      <Link to="/famille" className="back-link">
        {t('calendar.back')}
      </Link>
      <PageHeading>{t('calendar.title')}</PageHeading>
      <p>{t('calendar.intro')}</p>
      {message && <StatusMessage>{message}</StatusMessage>}
      {error && (
        <StatusMessage tone="warning">
          <p>{error}</p>
        </StatusMessage>
      )}
      {created && (
        <StatusMessage title={`${t('calendar.createdTitle')} — ${created.scope}`}>
          <p>{t('calendar.created')}</p>
          <p>
            <label htmlFor="feed-url">{t('calendar.urlLabel')}</label>
          </p>
          <p className="feed-url" id="feed-url" tabIndex={0}>
            {created.url}
          </p>
          <p>
            <a href={created.webcalUrl}>{t('calendar.open')}</a>
          </p>
        </StatusMessage>
      )}
      <LoadState loading={feeds.loading && !feeds.data} error={feeds.error} />
      {feeds.data && (
        <Table caption={t('calendar.caption')} head={[t('calendar.scope'), t('calendar.state'), t('calendar.lastUsed'), t('calendar.actions')]}>
          {feeds.data.feeds.map((f) => {
            const name = f.childName ? t('calendar.scopeOf', { name: f.childName }) : t('calendar.whole');
            return (
              <tr key={f.childId ?? 'family'}>
                <th scope="row">{name}</th>
                <td>{f.active ? t('calendar.active') : t('calendar.inactive')}</td>
                <td>{f.lastUsedAt ? formatDateTime(f.lastUsedAt) : '—'}</td>
                <td>
                  {f.active ? (
                    <>
                      <Button variant="secondary" busy={busy} onClick={() => setConfirm({ childId: f.childId, name })} aria-label={`${t('calendar.regenerate')} — ${name}`}>
                        {t('calendar.regenerate')}
                      </Button>{' '}
                      <Button variant="secondary" busy={busy} onClick={() => void act(f.childId, name, 'revoke')} aria-label={`${t('calendar.revoke')} — ${name}`}>
                        {t('calendar.revoke')}
                      </Button>
                    </>
                  ) : (
                    <Button busy={busy} onClick={() => void act(f.childId, name, 'create')} aria-label={`${t('calendar.create')} — ${name}`}>
                      {t('calendar.create')}
                    </Button>
                  )}
                </td>
              </tr>
            );
          })}
        </Table>
      )}
      <ConfirmDialog
        title={t('calendar.confirmTitle')}
        isOpen={confirm !== null}
        confirmLabel={t('calendar.regenerate')}
        cancelLabel={t('calendar.cancel')}
        onConfirm={() => confirm && void act(confirm.childId, confirm.name, 'create')}
        onCancel={() => setConfirm(null)}
        busy={busy}
      >
        <p>{t('calendar.confirmText')}</p>
      </ConfirmDialog>
    </>
  );
}
