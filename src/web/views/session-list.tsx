import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { navigate } from '../app/router.js';
import { useSession } from '../app/session.js';
import { formatDateTime } from '../i18n/format.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { ConfirmDialog } from '../ui/confirm-dialog.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage, StatusTag } from '../ui/status-message.js';
import { Table } from '../ui/table.js';
import { useRowAction } from '../ui/use-row-action.js';

/**
 * « Sessions ouvertes » (issue 11), for families and staff: each device (browser and system), when it was opened and
 * last used, « cette session » marked; end one, « se déconnecter partout ailleurs » (every other session), or
 * everywhere including here (then back to the login page).
 */
export function SessionList({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const { t } = useTranslation('security');
  const { setAccount } = useSession();
  const list = useResource('sessions.list');
  const action = useRowAction();
  const [confirmAll, setConfirmAll] = useState(false);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const device = (s: { browser: string | null; system: string | null }) =>
    t('sessions.deviceText', { browser: s.browser ?? t('sessions.unknownBrowser'), system: s.system ?? t('sessions.unknownSystem') });

  function endOne(id: string) {
    void action.run(id, async () => {
      await call('sessions.end', { params: { sessionId: id } });
      return t('sessions.ended');
    }, list.reload);
  }

  function endOthers() {
    void action.run('others', async () => {
      const { ended } = await call('sessions.endAll', { body: { includeCurrent: false } });
      return t('sessions.endedOthers', { count: ended });
    }, list.reload);
  }

  function endAll() {
    void action.run('all', async () => {
      await call('sessions.endAll', { body: { includeCurrent: true } });
      setConfirmAll(false);
      setAccount(null);
      navigate('/', { flash: t('sessions.endedAll') });
      return t('sessions.endedAll');
    });
  }

  return (
    <section aria-labelledby="sessions-title">
      <Heading id="sessions-title">{t('sessions.heading')}</Heading>
      <p>{t('sessions.intro')}</p>
      {action.done && <StatusMessage>{action.done}</StatusMessage>}
      <ErrorSummary errors={action.errors} focusKey={action.errorKey} />
      <LoadState loading={list.loading && list.data === null} error={list.error} />
      {list.data && (
        <Table caption={t('sessions.caption')} captionHidden head={[t('sessions.device'), t('sessions.created'), t('sessions.lastUsed'), t('sessions.actions')]}>
          {list.data.map((s) => (
            <tr key={s.id}>
              <td>
                {device(s)}
                {s.current && (
                  <>
                    {' '}
                    <StatusTag tone="info">{t('sessions.current')}</StatusTag>
                  </>
                )}
              </td>
              <td>{formatDateTime(s.createdAt)}</td>
              <td>{formatDateTime(s.lastSeenAt)}</td>
              <td>
                {!s.current && (
                  <Button variant="secondary" className="button--small" busy={action.busyId === s.id} onClick={() => endOne(s.id)}>
                    <Trans t={t} i18nKey="sessions.end" values={{ device: device(s) }} components={{ hidden: <span className="visually-hidden" /> }} />
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
      <p className="muted">{t('sessions.endOthersText')}</p>
      <ButtonGroup>
        <Button variant="secondary" busy={action.busyId === 'others'} onClick={endOthers}>
          {t('sessions.endOthers')}
        </Button>
        <Button variant="warning" onClick={() => setConfirmAll(true)}>
          {t('sessions.endAll')}
        </Button>
      </ButtonGroup>
      <ConfirmDialog
        title={t('sessions.endAllTitle')}
        isOpen={confirmAll}
        confirmLabel={t('sessions.endAll')}
        onConfirm={endAll}
        onCancel={() => setConfirmAll(false)}
        busy={action.busyId === 'all'}
      >
        <p>{t('sessions.endAllText')}</p>
      </ConfirmDialog>
    </section>
  );
}
