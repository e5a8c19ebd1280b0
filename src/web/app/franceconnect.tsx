/**
 * FranceConnect on the public pages (issue 11): its button, a real link (the sign-in is a full-page trip to
 * FranceConnect and back), and the message of a return from it (`?fc=<code>`: an error code of the « errors »
 * catalogue, or a notice).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, urlFor } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { StatusMessage } from '../ui/status-message.js';
import { useSession } from './session.js';
import { Link } from './router.js';
import '../ui/franceconnect.css';

/** FranceConnect's public page about itself (opened in a new window, as its button's guidelines ask). */
const ABOUT_FRANCECONNECT = 'https://franceconnect.gouv.fr/';

/**
 * « S'identifier avec FranceConnect »: FranceConnect's button, shown only when the portal is set up for it (without
 * it, the « signin » catalogue is not even loaded: the login page stays as light as it was).
 */
export function FranceConnectButton({ place }: { place: 'home' | 'register' }) {
  const { config } = useSession();
  return config.franceConnect ? <Button place={place} /> : null;
}

function Button({ place }: { place: 'home' | 'register' }) {
  const { t } = useTranslation('signin');
  return (
    <div className="franceconnect">
      <p>{t(place === 'home' ? 'home.intro' : 'register.intro')}</p>
      <a className="franceconnect__button" href={urlFor('franceconnect.login')}>
        <span className="franceconnect__mark" aria-hidden="true" />
        <span className="franceconnect__text">
          <span className="franceconnect__lead">{t('button.lead')}</span> <span className="franceconnect__brand">{t('button.brand')}</span>
        </span>
      </a>
      <p className="franceconnect__about">
        <a href={ABOUT_FRANCECONNECT} target="_blank" rel="noopener noreferrer">
          {t('button.what')} <span className="visually-hidden">{t('button.newWindow')}</span>
        </a>
      </p>
      <p className="franceconnect__or" aria-hidden="true">
        {t('button.or')}
      </p>
    </div>
  );
}

const NOTICES = { logged_out: 'notice.loggedOut', linked: 'notice.linked' } as const;

/** The code a return from FranceConnect carries in `?fc=`, read once; the address is then cleaned (a reload says nothing again). */
export function useFranceConnectReturn(): string | null {
  const [code] = useState(() => new URLSearchParams(window.location.search).get('fc'));
  useEffect(() => {
    if (!code) return;
    const params = new URLSearchParams(window.location.search);
    params.delete('fc');
    const rest = params.toString();
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${rest ? `?${rest}` : ''}`);
  }, [code]);
  return code;
}

/** The message of a return from FranceConnect: a notice, or the error's sentence (only FranceConnect's and the login's). */
export function FranceConnectNotice({ code }: { code: string | null }) {
  return code ? <Notice code={code} /> : null;
}

function Notice({ code }: { code: string }) {
  const { t } = useTranslation('signin');
  if (code in NOTICES) return <StatusMessage tone="success">{t(NOTICES[code as keyof typeof NOTICES])}</StatusMessage>;
  if (!/^(franceconnect\.[a-z_]+|auth\.account_(rejected|disabled))$/.test(code)) return null;
  return (
    <StatusMessage tone="warning" title={t('notice.errorTitle')}>
      <p>{errorMessage(code as string)}</p>
    </StatusMessage>
  );
}

/** The account page's entry « FranceConnect » (a list item of « Mes informations »), when FranceConnect is on. */
export function FranceConnectAccountLink() {
  const { config } = useSession();
  return config.franceConnect ? <AccountLink /> : null;
}

function AccountLink() {
  const { t } = useTranslation('signin');
  return (
    <li>
      <Link to="/famille/franceconnect">{t('account.entry')}</Link>
    </li>
  );
}

/**
 * For the family's form: the guardian (rank) whose name and birth date FranceConnect holds while the account is
 * linked, and the words saying so; rank null when nothing is locked.
 */
export function useFranceConnectLock(): { rank: number | null; hint: string } {
  const { config } = useSession();
  // not suspending: the form shows at once, the hint's words follow when the « signin » catalogue has loaded
  const { t, ready } = useTranslation('signin', { useSuspense: false });
  const status = useResource('franceconnect.status', config.franceConnect ? {} : null);
  const rank = status.data?.linked ? status.data.guardianRank : null;
  return { rank, hint: ready ? t('familyEdit.locked') : '' };
}
