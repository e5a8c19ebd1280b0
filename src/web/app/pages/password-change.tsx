import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client.js';
import { Button } from '../../ui/button.js';
import { ErrorSummary } from '../../ui/error-summary.js';
import { PasswordField } from '../../ui/password-field.js';
import { StatusMessage } from '../../ui/status-message.js';
import { useForm } from '../../ui/use-form.js';
import { PageHeading, usePageTitle } from '../page.js';
import { Link } from '../router.js';

const EMPTY = { currentPassword: '', newPassword: '', newPasswordConfirmation: '' };

/** « Modifier le mot de passe » (guide §4.2), for families and staff alike. */
export function PasswordChangePage({ endpoint, backTo, backLabel }: { endpoint: 'account.password' | 'staff.password'; backTo: string; backLabel: string }) {
  const form = useForm(EMPTY);
  const [done, setDone] = useState(false);
  const { t } = useTranslation('auth');
  usePageTitle(t('passwordChange.title'), form.errors.length > 0);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    void form.submit(async () => {
      await call(endpoint, { body: form.values });
      form.setValues(EMPTY);
      setDone(true);
    });
  }

  return (
    <>
      <Link to={backTo} className="back-link">
        {backLabel}
      </Link>
      <PageHeading>{t('passwordChange.title')}</PageHeading>
      {done && (
        <StatusMessage title={t('passwordChange.done.title')}>
          <p>{t('passwordChange.done.text')}</p>
        </StatusMessage>
      )}
      <ErrorSummary {...form.summary} />
      <form noValidate onSubmit={onSubmit}>
        <PasswordField
          {...form.field('currentPassword')}
          label={t('passwordChange.current')}
          autoComplete="current-password"
        />
        <PasswordField
          {...form.field('newPassword')}
          label={t('shared.newPassword')}
          hint={t('shared.passwordRules')}
          autoComplete="new-password"
        />
        <PasswordField
          {...form.field('newPasswordConfirmation')}
          label={t('shared.newPasswordConfirmation')}
          hint={t('passwordChange.confirmationHint')}
          autoComplete="new-password"
        />
        <Button type="submit" busy={form.busy}>
          {t('passwordChange.submit')}
        </Button>
      </form>
    </>
  );
}
