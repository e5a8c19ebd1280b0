import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../shared/contracts.js';
import { ApiError, call, errorMessage } from '../../api/client.js';
import { PageHeading, usePageTitle } from '../page.js';
import { Link, navigate, useSearchParam } from '../router.js';
import { useSession } from '../session.js';
import { linkProblemKey } from './new-password.js';

/**
 * issue 17: before using the link, the page asks whether it still works, so a used or expired link says what happened
 * (« déjà servi », « expiré ») instead of a bare error; a valid one is then confirmed at once.
 */
const checks = new Map<string, Promise<{ status: 'valid' | 'used' | 'expired' | 'unknown' }>>();
function checkOnce(token: string) {
  let p = checks.get(token);
  if (!p) {
    p = call('auth.tokenCheck', { body: { token, purpose: 'email' } }).catch(() => ({ status: 'valid' as const }));
    checks.set(token, p);
  }
  return p;
}

// A token is single-use: StrictMode's double effect (or a remount) must not send it twice.
const confirmations = new Map<string, Promise<{ account: AccountView }>>();
function confirmOnce(token: string): Promise<{ account: AccountView }> {
  let p = confirmations.get(token);
  if (!p) {
    p = call('auth.emailChangeConfirm', { body: { token } });
    confirmations.set(token, p);
  }
  return p;
}

/** The link of the e-mail-change message (guide §4.1): confirms on arrival, then opens the family space. */
export function ConfirmEmailPage() {
  const token = useSearchParam('jeton') ?? '';
  const { setAccount } = useSession();
  const { t } = useTranslation('auth');
  const tokenLooksValid = token.length >= 10;
  const [apiFailure, setFailure] = useState<string | null>(null);
  const [problem, setProblem] = useState<'used' | 'expired' | 'unknown' | null>(tokenLooksValid ? null : 'unknown');
  // read at each render so that it follows the language
  const failure = problem ? t(linkProblemKey(problem)) : apiFailure;
  usePageTitle(failure ? t('shared.invalidLink') : t('confirmEmail.title'));

  useEffect(() => {
    if (!tokenLooksValid || apiFailure || problem) return;
    let active = true;
    checkOnce(token)
      .then(({ status }) => {
        if (status !== 'valid') {
          if (active) setProblem(status);
          return null;
        }
        return confirmOnce(token);
      })
      .then((confirmed) => {
        if (!confirmed) return;
        const { account } = confirmed;
        if (!active) return;
        setAccount(account);
        navigate('/famille', { replace: true, flash: t('confirmEmail.confirmed') });
      })
      .catch((e: unknown) => {
        if (active) setFailure(e instanceof ApiError ? e.message : errorMessage('internal'));
      });
    return () => {
      active = false;
    };
  }, [token, tokenLooksValid, apiFailure, problem, setAccount, t]);

  if (failure)
    return (
      <>
        <PageHeading autoFocus>{t('shared.invalidLink')}</PageHeading>
        <p>{failure}</p>
        {problem === 'used' && <p>{t('confirmEmail.alreadyConfirmed')}</p>}
        <p>
          {t('confirmEmail.retry')} <Link to="/">{t('shared.signIn')}</Link>
        </p>
      </>
    );
  return (
    <>
      <PageHeading>{t('confirmEmail.title')}</PageHeading>
      <p role="status">{t('confirmEmail.inProgress')}</p>
    </>
  );
}
