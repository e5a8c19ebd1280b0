import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ApiError, call, type ResponseOf } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { useSession } from '../app/session.js';
import { formatDateTime } from '../i18n/format.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { ConfirmDialog } from '../ui/confirm-dialog.js';
import { Dialog } from '../ui/dialog.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { Field } from '../ui/field.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { Table } from '../ui/table.js';
import { useForm } from '../ui/use-form.js';
import { useRowAction } from '../ui/use-row-action.js';
import { SessionList } from '../views/session-list.js';

type Enrolment = ResponseOf<'security.totpStart'>;
type Passkey = ResponseOf<'security.get'>['passkeys'][number];

/**
 * « Sécurité du compte » (issue 11): the staff member's second factors — an authenticator app (QR code and key,
 * confirmed by a first code), recovery codes (shown once), passkeys (add, rename, remove) — and the open sessions.
 * A staff member who must have a factor and has none lands here after the password, and only here.
 */
export function SecurityPage() {
  const { t } = useTranslation('security');
  const { account, setAccount } = useSession();
  const overview = useResource('security.get');
  const [message, setMessage] = useState<string | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [confirm, setConfirm] = useState<null | { kind: 'totp' } | { kind: 'regenerate' } | { kind: 'passkey'; key: Passkey }>(null);
  const [renaming, setRenaming] = useState<Passkey | null>(null);
  const totpForm = useForm({ code: '' });
  const passkeyForm = useForm({ name: '' });
  const action = useRowAction();
  const enrolmentOnly = account?.enrolmentRequired === true;
  usePageTitle(t('title'), totpForm.errors.length + passkeyForm.errors.length + action.errors.length > 0);

  /** After a factor was added: the recovery codes (first factor), and a full session again. */
  async function factorAdded(recoveryCodes: string[] | null, text: string) {
    setCodes(recoveryCodes);
    setMessage(text);
    if (enrolmentOnly) {
      const session = await call('system.session');
      setAccount(session.account);
    }
    overview.reload();
  }

  function startTotp() {
    setMessage(null);
    void totpForm.submit(async () => setEnrolment(await call('security.totpStart')));
  }

  function confirmTotp(e: FormEvent) {
    e.preventDefault();
    void totpForm.submit(
      async () => {
        const { recoveryCodes } = await call('security.totpConfirm', { body: { code: totpForm.values.code } });
        setEnrolment(null);
        totpForm.setValues({ code: '' });
        await factorAdded(recoveryCodes, t('totp.done'));
      },
      { required: ['code'] },
    );
  }

  function addPasskey(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    const name = passkeyForm.values.name.trim();
    void passkeyForm.submit(
      async () => {
        const { startRegistration } = await import('@simplewebauthn/browser');
        const options = await call('security.passkeyOptions');
        let response;
        try {
          response = await startRegistration({ optionsJSON: options as never });
        } catch {
          throw new ApiError(400, 'mfa.passkey_failed', t('passkeys.cancelled'));
        }
        const { recoveryCodes } = await call('security.passkeyAdd', { body: { name, response: response as never } });
        passkeyForm.setValues({ name: '' });
        await factorAdded(recoveryCodes, t('passkeys.added', { name }));
      },
      { required: ['name'] },
    );
  }

  function runConfirmed() {
    const c = confirm;
    if (!c) return;
    void action.run(c.kind, async () => {
      setCodes(null);
      setMessage(null);
      let text: string;
      if (c.kind === 'totp') {
        await call('security.totpRemove');
        text = t('totp.removed');
      } else if (c.kind === 'regenerate') {
        setCodes((await call('security.recoveryCodes')).recoveryCodes);
        text = '';
      } else {
        await call('security.passkeyRemove', { params: { passkeyId: c.key.id } });
        text = t('passkeys.removed');
      }
      setConfirm(null);
      return text;
    }, overview.reload);
  }

  const data = overview.data;
  return (
    <>
      {!enrolmentOnly && (
        <Link to="/agent" className="back-link">
          {t('back')}
        </Link>
      )}
      <PageHeading>{t('title')}</PageHeading>
      {enrolmentOnly && (
        <StatusMessage tone="warning" title={t('enrolment.title')}>
          <p>{t('enrolment.text')}</p>
        </StatusMessage>
      )}
      {message && <StatusMessage>{message}</StatusMessage>}
      {action.done && <StatusMessage>{action.done}</StatusMessage>}
      {codes && (
        <StatusMessage tone="info" title={t('recovery.heading')}>
          <p>{t('recovery.shownOnce')}</p>
          <ul className="recovery-codes" aria-label={t('recovery.listLabel')}>
            {codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
        </StatusMessage>
      )}
      <ErrorSummary errors={action.errors} focusKey={action.errorKey} />
      <LoadState loading={overview.loading && data === null} error={overview.error} />
      {data && (
        <>
          <p>{data.required ? t('required') : t('optional')}</p>

          <section aria-labelledby="passkeys-title">
            <h2 id="passkeys-title">{t('passkeys.heading')}</h2>
            <p>{t('passkeys.intro')}</p>
            {data.passkeys.length === 0 ? (
              <p className="muted">{t('passkeys.none')}</p>
            ) : (
              <Table caption={t('passkeys.caption')} captionHidden head={[t('passkeys.name'), t('passkeys.created'), t('passkeys.lastUsed'), t('passkeys.actions')]}>
                {data.passkeys.map((k) => (
                  <tr key={k.id}>
                    <td>{k.name}</td>
                    <td>{formatDateTime(k.createdAt)}</td>
                    <td>{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : <span className="muted">{t('passkeys.never')}</span>}</td>
                    <td>
                      <Button variant="secondary" className="button--small" onClick={() => setRenaming(k)}>
                        <Trans t={t} i18nKey="passkeys.rename" values={{ name: k.name }} components={{ hidden: <span className="visually-hidden" /> }} />
                      </Button>
                      <Button variant="warning" className="button--small" onClick={() => setConfirm({ kind: 'passkey', key: k })}>
                        <Trans t={t} i18nKey="passkeys.remove" values={{ name: k.name }} components={{ hidden: <span className="visually-hidden" /> }} />
                      </Button>
                    </td>
                  </tr>
                ))}
              </Table>
            )}
            <ErrorSummary {...passkeyForm.summary} />
            <form noValidate onSubmit={addPasskey} aria-labelledby="passkeys-title">
              <Field {...passkeyForm.field('name')} label={t('passkeys.nameLabel')} hint={t('passkeys.nameHint')} required autoComplete="off" maxLength={60} />
              <Button type="submit" busy={passkeyForm.busy}>
                {t('passkeys.add')}
              </Button>
            </form>
          </section>

          <section aria-labelledby="totp-title">
            <h2 id="totp-title">{t('totp.heading')}</h2>
            <ErrorSummary {...totpForm.summary} />
            {data.totp ? (
              <>
                <p>{t('totp.enabled')}</p>
                <Button variant="warning" onClick={() => setConfirm({ kind: 'totp' })}>
                  {t('totp.remove')}
                </Button>
              </>
            ) : enrolment ? (
              <form noValidate onSubmit={confirmTotp} aria-labelledby="totp-title">
                <p>{t('totp.steps')}</p>
                <img className="totp-qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`} alt={t('totp.qrAlt')} width={200} height={200} />
                <p>
                  {t('totp.manualKey')} : <code className="totp-key">{enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
                </p>
                <Field {...totpForm.field('code')} label={t('totp.code')} hint={t('secondStep.codeHint')} required autoComplete="one-time-code" inputMode="numeric" spellCheck={false} />
                <Button type="submit" busy={totpForm.busy}>
                  {t('totp.confirm')}
                </Button>
              </form>
            ) : (
              <>
                <p className="muted">{t('totp.none')}</p>
                <Button variant={data.passkeys.length ? 'secondary' : 'primary'} onClick={startTotp} busy={totpForm.busy}>
                  {t('totp.start')}
                </Button>
              </>
            )}
          </section>

          <section aria-labelledby="recovery-title">
            <h2 id="recovery-title">{t('recovery.heading')}</h2>
            {data.totp || data.passkeys.length ? (
              <>
                <p>{t('recovery.left', { count: data.recoveryCodesLeft })}</p>
                <ButtonGroup>
                  <Button variant="secondary" onClick={() => setConfirm({ kind: 'regenerate' })}>
                    {t('recovery.regenerate')}
                  </Button>
                </ButtonGroup>
              </>
            ) : (
              <p className="muted">{t('recovery.none')}</p>
            )}
          </section>

          {!enrolmentOnly && <SessionList />}
        </>
      )}

      <ConfirmDialog
        title={
          confirm?.kind === 'totp'
            ? t('totp.removeTitle')
            : confirm?.kind === 'regenerate'
              ? t('recovery.regenerateTitle')
              : confirm?.kind === 'passkey'
                ? t('passkeys.removeTitle', { name: confirm.key.name })
                : ''
        }
        isOpen={confirm !== null}
        confirmLabel={confirm?.kind === 'regenerate' ? t('recovery.regenerate') : confirm?.kind === 'totp' ? t('totp.remove') : t('passkeys.removeConfirm')}
        onConfirm={runConfirmed}
        onCancel={() => setConfirm(null)}
        busy={action.busyId !== null}
      >
        <p>{confirm?.kind === 'totp' ? t('totp.removeText') : confirm?.kind === 'regenerate' ? t('recovery.regenerateText') : t('passkeys.removeText')}</p>
      </ConfirmDialog>
      {renaming && <RenameDialog key={renaming.id} passkey={renaming} onClose={(text) => {
        setRenaming(null);
        if (text) {
          setMessage(text);
          overview.reload();
        }
      }} />}
    </>
  );
}

function RenameDialog({ passkey, onClose }: { passkey: Passkey; onClose: (message: string | null) => void }) {
  const { t } = useTranslation('security');
  const form = useForm({ name: passkey.name });
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void form.submit(
      async () => {
        await call('security.passkeyRename', { params: { passkeyId: passkey.id }, body: { name: form.values.name } });
        onClose(t('passkeys.renamed'));
      },
      { required: ['name'] },
    );
  }
  return (
    <Dialog title={t('passkeys.renameTitle')} isOpen onOpenChange={(open) => !open && onClose(null)}>
      <ErrorSummary {...form.summary} />
      <form noValidate onSubmit={onSubmit}>
        <Field {...form.field('name')} label={t('passkeys.nameLabel')} required autoComplete="off" maxLength={60} />
        <ButtonGroup>
          <Button type="submit" busy={form.busy}>
            {t('passkeys.save')}
          </Button>
          <Button variant="secondary" onClick={() => onClose(null)}>
            {t('passkeys.cancel')}
          </Button>
        </ButtonGroup>
      </form>
    </Dialog>
  );
}

/** The link to this page, on the dashboard. */
export function SecurityLink() {
  const { t } = useTranslation('security');
  return <Link to="/agent/securite">{t('link')}</Link>;
}
