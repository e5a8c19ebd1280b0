import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { Button } from '../ui/button.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { Table } from '../ui/table.js';
import { useForm } from '../ui/use-form.js';
import { disablePush, enablePush, pushState, type PushState } from './notifications-push.js';
import type { Channel, NotificationKind, NotificationSettings } from '../../shared/messages-contracts.js';
import '../ui/messages.css';

type Choice = NotificationSettings['choices'][number];
const CHANNELS: Channel[] = ['email', 'sms', 'push'];

/** « Mes notifications » (issue 14): per kind, by e-mail, SMS and/or on the phone; this device's Web Push. */
export function NotificationsPage() {
  const { t } = useTranslation('messages');
  const settings = useResource('notifications.get');
  const [choices, setChoices] = useState<Choice[] | null>(null);
  const [saved, setSaved] = useState(false);
  const [push, setPush] = useState<PushState | null>(null);
  const [pushMessage, setPushMessage] = useState<string | null>(null);
  const [pushBusy, setPushBusy] = useState(false);
  const form = useForm();
  usePageTitle(t('notifications.title'), form.errors.length > 0);

  useEffect(() => {
    if (settings.data && !choices) setChoices(settings.data.choices);
  }, [settings.data, choices]);
  useEffect(() => {
    void pushState().then(setPush, () => setPush('unsupported'));
  }, []);

  const data = settings.data;
  const smsAvailable = data?.sms.available === true && data.sms.number !== null;

  function toggle(kind: NotificationKind, channel: Channel, on: boolean) {
    setSaved(false);
    setChoices((cs) => (cs ?? []).map((c) => (c.kind === kind ? { ...c, [channel]: on } : c)));
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    void form.submit(async () => {
      const r = await call('notifications.save', { body: { choices: choices ?? [] } });
      setChoices(r.choices);
      setSaved(true);
    });
  }

  async function switchPush(on: boolean) {
    if (!data || pushBusy) return;
    setPushBusy(true);
    setPushMessage(null);
    try {
      const s = on ? await enablePush(data.push.publicKey) : await disablePush();
      setPush(s);
      setPushMessage(s === 'on' ? t('notifications.pushEnabled') : s === 'denied' ? t('notifications.pushDenied') : s === 'unsupported' ? t('notifications.pushUnsupported') : t('notifications.pushDisabled'));
    } catch {
      setPushMessage(t('notifications.pushFailed'));
    } finally {
      setPushBusy(false);
    }
  }

  return (
    <>
      <Link to="/famille" className="back-link">
        {t('notifications.back')}
      </Link>
      <PageHeading>{t('notifications.title')}</PageHeading>
      <p>{t('notifications.intro')}</p>
      <LoadState loading={settings.loading && !data} error={settings.error} />
      {data && choices && (
        <>
          <form noValidate onSubmit={onSubmit} className="form--wide">
            {saved && <StatusMessage>{t('notifications.saved')}</StatusMessage>}
            <ErrorSummary {...form.summary} />
            <p>{!data.sms.available ? t('notifications.smsOff') : data.sms.number ? t('notifications.smsNumber', { number: data.sms.number }) : t('notifications.smsNone')}</p>
            <Table caption={t('notifications.caption')} head={[t('notifications.kind'), t('notifications.email'), t('notifications.sms'), t('notifications.push')]}>
              {choices.map((c) => (
                <tr key={c.kind}>
                  <th scope="row">{t(`kinds.${c.kind}`)}</th>
                  {CHANNELS.map((ch) => (
                    <td key={ch}>
                      <input
                        type="checkbox"
                        className="table-checkbox"
                        id={`choice-${c.kind}-${ch}`}
                        checked={c[ch]}
                        disabled={ch === 'sms' && !smsAvailable && !c.sms}
                        aria-label={t('notifications.checkbox', { channel: t(`notifications.${ch}`), kind: t(`kinds.${c.kind}`) })}
                        onChange={(e) => toggle(c.kind, ch, e.target.checked)}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </Table>
            <Button type="submit" busy={form.busy}>
              {t('notifications.save')}
            </Button>
          </form>
          <section aria-labelledby="notifications-push">
            <h2 id="notifications-push">{t('notifications.pushTitle')}</h2>
            <p>{t('notifications.pushText')}</p>
            <p>{data.push.devices > 0 ? t('notifications.pushDevices', { count: data.push.devices }) : t('notifications.pushNone')}</p>
            {pushMessage && <StatusMessage tone={push === 'on' || push === 'off' ? 'success' : 'warning'}>{pushMessage}</StatusMessage>}
            {push === 'unsupported' && !pushMessage && <p>{t('notifications.pushUnsupported')}</p>}
            {push === 'denied' && !pushMessage && <p>{t('notifications.pushDenied')}</p>}
            {push === 'off' && (
              <Button variant="secondary" busy={pushBusy} onClick={() => void switchPush(true)}>
                {t('notifications.pushEnable')}
              </Button>
            )}
            {push === 'on' && (
              <Button variant="secondary" busy={pushBusy} onClick={() => void switchPush(false)}>
                {t('notifications.pushDisable')}
              </Button>
            )}
          </section>
        </>
      )}
    </>
  );
}
