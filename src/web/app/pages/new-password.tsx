import { useEffect, useState, type FormEvent } from 'react';
import type { TokenCheckStatus } from '../../../shared/contracts.js';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../../api/client.js';
import { Button } from '../../ui/button.js';
import { ErrorSummary } from '../../ui/error-summary.js';
import { PasswordField } from '../../ui/password-field.js';
import { StatusMessage } from '../../ui/status-message.js';
import { useForm } from '../../ui/use-form.js';
import { PageHeading, usePageTitle } from '../page.js';
import { Link, useSearchParam } from '../router.js';

/** The sentence saying what happened to a mailed link (issue 17), shared with confirm-email.tsx. */
export function linkProblemKey(status: Exclude<TokenCheckStatus, 'valid'>) {
  return status === 'used' ? 'shared.linkUsed' : status === 'expired' ? 'shared.linkExpired' : 'shared.linkUnknown';
}

/**
 * Choose a new password from a mailed link (forgotten password, or a staff invitation). The link is checked when the
 * page opens (issue 17): a used, expired or unknown link says so at once, with what to do, before anything is typed.
 */
export function NewPasswordPage() {
  const token = useSearchParam('jeton') ?? '';
  const form = useForm({ password: '', passwordConfirmation: '' });
  const [state, setState] = useState<'checking' | 'form' | 'done' | 'invalid'>(token.length >= 10 ? 'checking' : 'invalid');
  const [problem, setProblem] = useState<Exclude<TokenCheckStatus, 'valid'>>('unknown');
  const { t } = useTranslation('auth');
  const title =
    state === 'done' ? t('newPassword.done.title') : state === 'invalid' ? t('shared.invalidLink') : state === 'checking' ? t('shared.linkChecking') : t('newPassword.title');
  usePageTitle(title, state === 'form' && form.errors.length > 0);

  useEffect(() => {
    if (token.length < 10) return;
    let active = true;
    call('auth.tokenCheck', { body: { token, purpose: 'password' } })
      .then(({ status }) => {
        if (!active) return;
        if (status === 'valid') setState('form');
        else {
          setProblem(status);
          setState('invalid');
        }
      })
      // the check is a courtesy: when it cannot answer, the form is shown and the server decides on sending
      .catch(() => active && setState('form'));
    return () => {
      active = false;
    };
  }, [token]);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void form.submit(async () => {
      try {
        await call('auth.passwordResetConfirm', { body: { token, ...form.values } });
        setState('done');
      } catch (err) {
        if (err instanceof ApiError && (err.code === 'token.invalid' || err.fields.some((f) => f.path === 'token'))) {
          // used meanwhile (another tab), or expired while the form was open: say which
          const again = await call('auth.tokenCheck', { body: { token, purpose: 'password' } }).catch(() => null);
          setProblem(again && again.status !== 'valid' ? again.status : 'unknown');
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
        <StatusMessage tone="warning">
          <p>{t(linkProblemKey(problem))}</p>
        </StatusMessage>
        <p>{problem === 'used' ? t('newPassword.passwordAlreadySet') : t('newPassword.whatToDo')}</p>
        <ul className="link-list">
          <li>
            <Link to="/identifiant-oublie">{t('newPassword.requestNewLink')}</Link>
          </li>
          <li>
            <Link to="/">{t('shared.signIn')}</Link>
          </li>
        </ul>
        <p className="muted">{t('newPassword.whatToDoInvitation')}</p>
      </>
    );

  if (state === 'checking')
    return (
      <>
        <PageHeading>{t('newPassword.title')}</PageHeading>
        <p role="status">{t('shared.linkChecking')}</p>
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
