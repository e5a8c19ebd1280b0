import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, call, errorMessage } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { useSession } from '../app/session.js';
import { FranceConnectNotice, useFranceConnectReturn } from '../app/franceconnect.js';
import { Button } from '../ui/button.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { formatDate, formatDay } from '../i18n/format.js';

/**
 * « FranceConnect » of the family's account page (issue 11): link the account (a trip to FranceConnect and back) or
 * unlink it. An account created through FranceConnect has no password: it is offered a link to choose one, without
 * which it could not unlink.
 */
export function FranceConnectAccountPage() {
  const { account } = useSession();
  const { t } = useTranslation('signin');
  const status = useResource('franceconnect.status');
  const fcReturn = useFranceConnectReturn();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<'unlinked' | 'linkSent' | null>(null);
  usePageTitle(t('account.title'), problem !== null);

  async function act(fn: () => Promise<void>) {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      await fn();
    } catch (err) {
      setProblem(err instanceof ApiError ? err.message : errorMessage('internal'));
    } finally {
      setBusy(false);
    }
  }

  const link = () =>
    act(async () => {
      const { url } = await call('franceconnect.link');
      if (url) window.location.assign(url);
    });
  const unlink = () =>
    act(async () => {
      await call('franceconnect.unlink');
      setDone('unlinked');
      status.reload();
    });
  const sendLink = () =>
    act(async () => {
      await call('auth.passwordResetRequest', { body: { email: account?.email ?? '' } });
      setDone('linkSent');
    });

  const s = status.data;
  const name = s?.identity ? `${s.identity.givenName} ${s.identity.familyName}` : '';
  return (
    <>
      <Link to="/famille" className="back-link">
        {t('account.back')}
      </Link>
      <PageHeading>{t('account.title')}</PageHeading>
      <FranceConnectNotice code={fcReturn} />
      {done === 'unlinked' && <StatusMessage>{t('notice.unlinked')}</StatusMessage>}
      {done === 'linkSent' && <StatusMessage>{t('account.linkSent', { email: account?.email })}</StatusMessage>}
      {problem && (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <h2 className="error-summary__title">{t('notice.errorTitle')}</h2>
          <p>{problem}</p>
        </div>
      )}
      <LoadState loading={status.loading} error={status.error} />
      {s && !s.linked && (
        <section aria-labelledby="fc-etat">
          <h2 id="fc-etat">{t('account.notLinkedHeading')}</h2>
          <p>{t('account.lead')}</p>
          <p className="field__hint" id="fc-lier-aide">
            {t('account.linkHint')}
          </p>
          <Button onClick={link} busy={busy} aria-describedby="fc-lier-aide">
            {t('account.link')}
          </Button>
        </section>
      )}
      {s?.linked && s.identity && (
        <section aria-labelledby="fc-etat">
          <h2 id="fc-etat">{t('account.linkedHeading')}</h2>
          <p>
            {s.identity.birthdate
              ? t('account.identity', { name, birthDate: formatDay(s.identity.birthdate) })
              : t('account.identityNoDate', { name })}
          </p>
          <p>{t('account.since', { date: formatDate(s.identity.linkedAt) })}</p>
          <p>{t('account.locked', { rank: s.guardianRank })}</p>
          {s.hasPassword ? (
            <>
              <p className="field__hint" id="fc-delier-aide">
                {t('account.unlinkHint')}
              </p>
              <Button variant="secondary" onClick={unlink} busy={busy} aria-describedby="fc-delier-aide">
                {t('account.unlink')}
              </Button>
            </>
          ) : (
            <>
              <h3>{t('account.noPasswordHeading')}</h3>
              <p>{t('account.noPassword')}</p>
              <Button variant="secondary" onClick={sendLink} busy={busy}>
                {t('account.sendLink')}
              </Button>
            </>
          )}
        </section>
      )}
    </>
  );
}
