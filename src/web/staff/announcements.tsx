import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { useSession } from '../app/session.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { Button } from '../ui/button.js';
import { ConfirmDialog } from '../ui/confirm-dialog.js';
import { DateInput } from '../ui/date-input.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { Field, SelectField, TextArea } from '../ui/field.js';
import { Fieldset, Radios } from '../ui/fieldset.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { Table } from '../ui/table.js';
import { useForm } from '../ui/use-form.js';
import { formatDateTime } from '../i18n/format.js';
import type { Audience, AudiencePreview } from '../../shared/messages-contracts.js';
import { INBOX_PATH } from './inbox.js';

/** the audience kinds (messages-contracts.ts, `audience`), repeated here: pages import only types from src/shared */
const AUDIENCE_KINDS = ['all', 'establishment', 'booked', 'missing_document', 'in_debt'] as const;
type Kind = (typeof AUDIENCE_KINDS)[number];

function newKey(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** « Annonces aux familles » (issue 14): choose an audience, see who it reaches, write, confirm, send. */
export function AnnouncementsPage() {
  const { t } = useTranslation('messages');
  const { account } = useSession();
  const choices = useResource('announcements.audiences');
  const history = useResource('announcements.list');
  const form = useForm({ kind: '' as Kind | '', establishmentId: '', activityId: '', unitId: '', periodId: '', day: '', documentTypeId: '', subject: '', body: '' });
  const [preview, setPreview] = useState<{ audience: string; result: AudiencePreview } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [sending, setSending] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [key, setKey] = useState(newKey);
  usePageTitle(t('announcements.title'), form.errors.length > 0);
  const v = form.values;

  function audience(): Audience | null {
    switch (v.kind) {
      case 'all':
        return { kind: 'all' };
      case 'in_debt':
        return { kind: 'in_debt' };
      case 'establishment':
        return { kind: 'establishment', establishmentId: v.establishmentId };
      case 'missing_document':
        return { kind: 'missing_document', ...(v.documentTypeId ? { documentTypeId: v.documentTypeId } : {}) };
      case 'booked':
        return {
          kind: 'booked',
          ...(v.activityId ? { activityId: v.activityId } : {}),
          ...(v.unitId ? { unitId: v.unitId } : {}),
          ...(v.periodId ? { periodId: v.periodId } : {}),
          ...(v.day ? { day: v.day } : {}),
        };
      default:
        return null;
    }
  }
  const current = JSON.stringify(audience());
  const previewed = preview && preview.audience === current ? preview.result : null;

  function onPreview() {
    setStatus(null);
    void form.submit(
      async () => {
        const a = audience()!;
        const result = await call('announcements.preview', { body: { audience: a } });
        setPreview({ audience: JSON.stringify(a), result });
      },
      {
        check: () => (v.kind ? (v.kind === 'establishment' && !v.establishmentId ? [{ path: 'establishmentId', message: t('announcements.establishmentPlaceholder') }] : []) : [{ path: 'kind', message: t('announcements.audience') }]),
        mapErrors: (list) => list.map((x) => (x.path?.startsWith('audience.') ? { ...x, path: x.path.slice('audience.'.length) } : x.path === 'audience' ? { ...x, path: 'kind' } : x)),
      },
    );
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setStatus(null);
    if (!previewed) {
      form.fail([{ path: 'kind', message: t('announcements.previewFirst') }]);
      return;
    }
    if (!v.subject.trim() || !v.body.trim()) {
      void form.submit(async () => undefined, { required: ['subject', 'body'] });
      return;
    }
    form.clear();
    setConfirming(true);
  }

  async function send() {
    setSending(true);
    const ok = await form.submit(async () => {
      const a = await call('announcements.send', { body: { subject: v.subject, body: v.body, audience: audience()!, idempotencyKey: key } });
      setStatus(t('announcements.sent', { count: a.recipients }));
      setKey(newKey());
      setPreview(null);
      form.setValues({ ...v, subject: '', body: '' });
      history.reload();
    });
    void ok;
    setSending(false);
    setConfirming(false);
  }

  const data = choices.data;
  const activity = data?.activities.find((a) => a.id === v.activityId);
  return (
    <>
      <Link to={INBOX_PATH} className="back-link">
        {t('staffThread.back')}
      </Link>
      <PageHeading>{t('announcements.title')}</PageHeading>
      <p>{t('announcements.intro')}</p>
      {status && <StatusMessage>{status}</StatusMessage>}
      <LoadState loading={choices.loading && !data} error={choices.error} />
      {data && (
        <form noValidate onSubmit={onSubmit} className="form--wide">
          <ErrorSummary {...form.summary} />
          <Fieldset legend={t('announcements.audience')}>
            <Radios<Kind>
              name="kind"
              legend={t('announcements.audience')}
              required
              options={AUDIENCE_KINDS.map((k) => ({ value: k, label: t(`announcements.kinds.${k}`) }))}
              value={v.kind}
              onValueChange={(k) => form.set('kind', k)}
              error={form.errorFor('kind')}
            />
            {v.kind === 'establishment' && (
              <SelectField {...form.field('establishmentId')} label={t('announcements.establishment')} required placeholder={t('announcements.establishmentPlaceholder')} options={data.establishments.map((e) => ({ value: e.id, label: e.name }))} />
            )}
            {v.kind === 'booked' && (
              <>
                <SelectField
                  {...form.field('activityId')}
                  onValueChange={(x) => form.setValues({ ...v, activityId: x, unitId: '', periodId: '' })}
                  label={t('announcements.activity')}
                  options={[{ value: '', label: t('announcements.anyActivity') }, ...data.activities.map((a) => ({ value: a.id, label: a.name }))]}
                />
                {activity && (
                  <>
                    <SelectField {...form.field('unitId')} label={t('announcements.unit')} options={[{ value: '', label: t('announcements.anyUnit') }, ...activity.units.map((u) => ({ value: u.id, label: u.label }))]} />
                    <SelectField {...form.field('periodId')} label={t('announcements.period')} options={[{ value: '', label: t('announcements.anyPeriod') }, ...activity.periods.map((p) => ({ value: p.id, label: p.label }))]} />
                  </>
                )}
                <DateInput {...form.field('day')} label={t('announcements.day')} hint={t('announcements.dayHint')} />
              </>
            )}
            {v.kind === 'missing_document' && (
              <SelectField {...form.field('documentTypeId')} label={t('announcements.documentType')} options={[{ value: '', label: t('announcements.anyType') }, ...data.documentTypes.map((d) => ({ value: d.id, label: d.name }))]} />
            )}
            <Button variant="secondary" onClick={onPreview} busy={form.busy && !confirming}>
              {t('announcements.preview')}
            </Button>
          </Fieldset>
          {previewed && (
            <div role="status">
              <p>
                <strong>{previewed.count === 0 ? t('announcements.previewNone') : t('announcements.previewCount', { count: previewed.count })}</strong>
              </p>
              {previewed.families.length > 0 && (
                <Table caption={t('announcements.previewCaption')} head={[t('inbox.family')]}>
                  {previewed.families.map((f) => (
                    <tr key={f.id}>
                      <td>{f.name}</td>
                    </tr>
                  ))}
                </Table>
              )}
              {previewed.count > previewed.families.length && <p>{t('announcements.previewMore')}</p>}
            </div>
          )}
          <Fieldset legend={t('announcements.message')}>
            <Field {...form.field('subject')} label={t('announcements.subject')} required maxLength={120} />
            <TextArea {...form.field('body')} label={t('announcements.body')} required rows={8} maxLength={5000} />
          </Fieldset>
          <Button type="submit">{t('announcements.send')}</Button>
        </form>
      )}
      <ConfirmDialog
        title={t('announcements.confirmTitle')}
        isOpen={confirming}
        tone="primary"
        confirmLabel={t('announcements.send')}
        cancelLabel={t('announcements.cancel')}
        onConfirm={() => void send()}
        onCancel={() => setConfirming(false)}
        busy={sending}
      >
        <p>{t('announcements.confirmText', { count: previewed?.count ?? 0, subject: v.subject })}</p>
      </ConfirmDialog>

      <h2>{t('announcements.history')}</h2>
      {history.data &&
        (history.data.length === 0 ? (
          <p className="empty">{t('announcements.none')}</p>
        ) : (
          <Table caption={t('announcements.historyCaption')} captionHidden head={[t('announcements.when'), t('announcements.subject'), t('announcements.recipients'), t('announcements.delivered'), t('announcements.stateLabel')]}>
            {history.data.map((a) => (
              <tr key={a.id}>
                <td>{formatDateTime(a.createdAt)}</td>
                <td>{a.subject}</td>
                <td>{a.recipients}</td>
                <td>{a.delivered}</td>
                <td>{t(`announcements.states.${a.state}`)}</td>
              </tr>
            ))}
          </Table>
        ))}
      {account?.role === 'admin' && <SmsOutbox />}
    </>
  );
}

/** The latest SMS (admins): with the demo provider, the only place they are read. */
function SmsOutbox() {
  const { t } = useTranslation('messages');
  const sms = useResource('announcements.smsOutbox');
  return (
    <section aria-labelledby="sms-outbox">
      <h2 id="sms-outbox">{t('announcements.sms.title')}</h2>
      <p>{t('announcements.sms.intro')}</p>
      {sms.data &&
        (sms.data.length === 0 ? (
          <p className="empty">{t('announcements.sms.none')}</p>
        ) : (
          <Table caption={t('announcements.sms.caption')} captionHidden head={[t('announcements.sms.when'), t('announcements.sms.to'), t('announcements.sms.text'), t('announcements.sms.status')]}>
            {sms.data.map((s) => (
              <tr key={s.id}>
                <td>{formatDateTime(s.createdAt)}</td>
                <td>{s.toNumber}</td>
                <td>{s.body}</td>
                <td>{t(`announcements.sms.statuses.${s.status as 'kept'}`)}</td>
              </tr>
            ))}
          </Table>
        ))}
    </section>
  );
}
