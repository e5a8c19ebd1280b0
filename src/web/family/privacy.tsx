import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { call, fileUrl } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { formatDateTime } from '../i18n/format.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { Dialog } from '../ui/dialog.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { TextArea } from '../ui/field.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { useForm } from '../ui/use-form.js';
import '../ui/documents.css';

export const PRIVACY_PATH = '/famille/mes-donnees';

/**
 * « Mes données personnelles », from « Mes Informations »: download everything the portal holds about the family
 * (right of access and portability), and ask for the account to be closed (right to erasure, within the law).
 */
export function PrivacyPage() {
  const { t } = useTranslation('family');
  const closure = useResource('privacy.closureRequest');
  const [asking, setAsking] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  usePageTitle(t('privacy.title'));
  const requestedAt = closure.data?.requestedAt ?? null;
  return (
    <>
      <Link to="/famille" className="back-link">
        {t('privacy.back')}
      </Link>
      <PageHeading>{t('privacy.title')}</PageHeading>
      {done && <StatusMessage>{done}</StatusMessage>}

      <h2>{t('privacy.downloadTitle')}</h2>
      <p>
        <Trans t={t} i18nKey="privacy.downloadText" components={{ json: <span lang="en" /> }} />
      </p>
      <p>
        <a className="button button--secondary" href={fileUrl('privacy.export')} download>
          {t('privacy.download')}
        </a>
      </p>

      <h2>{t('privacy.closeTitle')}</h2>
      <LoadState loading={closure.loading && closure.data === null} error={closure.error} />
      {closure.data &&
        (requestedAt ? (
          <StatusMessage tone="info" title={t('privacy.requestedTitle')}>
            <p>{t('privacy.requested', { date: formatDateTime(requestedAt) })}</p>
          </StatusMessage>
        ) : (
          <>
            <p>{t('privacy.closeText')}</p>
            <Button variant="warning" onClick={() => { setDone(null); setAsking(true); }}>
              {t('privacy.ask')}
            </Button>
          </>
        ))}
      <Dialog title={t('privacy.ask')} isOpen={asking} onOpenChange={(open) => !open && setAsking(false)}>
        {asking && (
          <ClosureForm
            onCancel={() => setAsking(false)}
            onDone={() => {
              setAsking(false);
              setDone(t('privacy.done'));
              closure.reload();
            }}
          />
        )}
      </Dialog>
    </>
  );
}

function ClosureForm({ onCancel, onDone }: { onCancel: () => void; onDone: () => void }) {
  const { t } = useTranslation('family');
  const form = useForm({ reason: '' });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit(async () => {
          await call('privacy.requestClosure', { body: { reason: form.values.reason.trim() || undefined } });
          onDone();
        });
      }}
    >
      <ErrorSummary {...form.summary} />
      <div className="dialog__body">
        <p>{t('privacy.when')}</p>
        <ul>
          <li>{t('privacy.noLogin')}</li>
          <li>{t('privacy.erased')}</li>
          <li>{t('privacy.anonymous')}</li>
          <li>{t('privacy.kept')}</li>
        </ul>
        <p>{t('privacy.future')}</p>
      </div>
      <TextArea
        {...form.field('reason')}
        label={t('privacy.reason')}
        hint={t('privacy.reasonHint')}
        rows={3}
        maxLength={1000}
      />
      <ButtonGroup>
        <Button type="submit" variant="warning" busy={form.busy}>
          {t('privacy.send')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('privacy.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}
