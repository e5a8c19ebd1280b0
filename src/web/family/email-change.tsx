import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { call } from '../api/client.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { useSession } from '../app/session.js';
import { Button } from '../ui/button.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { Field } from '../ui/field.js';
import { PasswordField } from '../ui/password-field.js';
import { StatusMessage } from '../ui/status-message.js';
import { useForm } from '../ui/use-form.js';

/** « Modifier le login (l’adresse mail) » (guide §4.1): nothing changes until the new address is confirmed. */
export function EmailChangePage() {
  const { t } = useTranslation('family');
  const { account } = useSession();
  const form = useForm({ newEmail: '', currentPassword: '' });
  const [sentTo, setSentTo] = useState<string | null>(null);
  usePageTitle(t('emailChange.title'), form.errors.length > 0);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSentTo(null);
    void form.submit(async () => {
      await call('account.emailChange', { body: form.values });
      setSentTo(form.values.newEmail.trim().toLowerCase());
      form.setValues({ newEmail: '', currentPassword: '' });
    });
  }

  return (
    <>
      <Link to="/famille" className="back-link">
        {t('emailChange.back')}
      </Link>
      <PageHeading>{t('emailChange.title')}</PageHeading>
      {sentTo && (
        <StatusMessage title={t('emailChange.sentTitle')}>
          <p>
            <Trans t={t} i18nKey="emailChange.sent" values={{ email: sentTo }} components={{ strong: <strong /> }} />
          </p>
        </StatusMessage>
      )}
      <p>
        <Trans t={t} i18nKey="emailChange.current" values={{ email: account?.email }} components={{ strong: <strong /> }} />
      </p>
      <ErrorSummary {...form.summary} />
      <form noValidate onSubmit={onSubmit}>
        <Field
          {...form.field('newEmail')}
          label={t('emailChange.newEmail')}
          hint={t('emailChange.newEmailHint')}
          type="email"
          autoComplete="email"
          spellCheck={false}
          autoCapitalize="none"
        />
        <PasswordField
          {...form.field('currentPassword')}
          label={t('emailChange.password')}
          hint={t('emailChange.passwordHint')}
          autoComplete="current-password"
        />
        <Button type="submit" busy={form.busy}>
          {t('emailChange.submit')}
        </Button>
      </form>
    </>
  );
}
