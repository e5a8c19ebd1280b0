import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, call, errorMessage } from '../../api/client.js';
import { Button } from '../../ui/button.js';
import { ErrorSummary } from '../../ui/error-summary.js';
import { PasswordField } from '../../ui/password-field.js';
import { StatusMessage } from '../../ui/status-message.js';
import { useForm } from '../../ui/use-form.js';
import { PageHeading, usePageTitle } from '../page.js';
import { Link, useSearchParam } from '../router.js';

/** Choose a new password from a mailed link (forgotten password, or a staff invitation). */
export function NewPasswordPage() {
  const token = useSearchParam('jeton') ?? '';
  const form = useForm({ password: '', passwordConfirmation: '' });
  const [state, setState] = useState<'form' | 'done' | 'invalid'>(token.length >= 10 ? 'form' : 'invalid');
  const { t } = useTranslation('auth');
  const title = state === 'done' ? t('newPassword.done.title') : state === 'invalid' ? t('shared.invalidLink') : t('newPassword.title');
  usePageTitle(title, state === 'form' && form.errors.length > 0);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void form.submit(async () => {
      try {
        await call('auth.passwordResetConfirm', { body: { token, ...form.values } });
        setState('done');
      } catch (err) {
        if (err instanceof ApiError && (err.code === 'token.invalid' || err.fields.some((f) => f.path === 'token'))) {
          setState('invalid');
          return;
        }
        throw err;
      }
    });
  }

  if (state === 'invalid')
    return (
      <>
        <PageHeading autoFocus={token.length >= 10}>{t('shared.invalidLink')}</PageHeading>
        <p>{errorMessage('token.invalid')}</p>
        <p>
          <Link to="/identifiant-oublie">{t('newPassword.requestNewLink')}</Link>
        </p>
      </>
    );

  if (state === 'done')
    return (
      <>
        <PageHeading autoFocus>{t('newPassword.done.title')}</PageHeading>
        <StatusMessage>
          <p>{t('newPassword.done.text')}</p>
        </StatusMessage>
        <p>
          <Link to="/">{t('shared.signIn')}</Link>
        </p>
      </>
    );

  return (
    <>
      <PageHeading>{t('newPassword.title')}</PageHeading>
      <ErrorSummary {...form.summary} />
      <form noValidate onSubmit={onSubmit}>
        <PasswordField
          {...form.field('password')}
          label={t('shared.newPassword')}
          hint={t('shared.passwordRules')}
          autoComplete="new-password"
        />
        <PasswordField
          {...form.field('passwordConfirmation')}
          label={t('shared.newPasswordConfirmation')}
          autoComplete="new-password"
        />
        <Button type="submit" busy={form.busy}>
          {t('newPassword.submit')}
        </Button>
      </form>
    </>
  );
}
