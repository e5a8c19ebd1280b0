import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, navigate, useLocation } from '../app/router.js';
import { useSession } from '../app/session.js';
import { forgetDeviceDataAtLogout } from '../app/device-data.js';
import { call } from '../api/client.js';
import { LanguageSwitch } from './language-switch.js';
import type frCommon from '../../shared/i18n/fr/common.js';
import { STATEMENT_STATE } from '../../shared/accessibility/statement.js';

/** The words of each link: common:layout.nav.* */
type NavKey = keyof (typeof frCommon)['layout']['nav'];

interface NavItem {
  to: string;
  labelKey: NavKey;
  /** also current for the pages below it */
  prefix?: boolean;
}

function navItems(kind: 'family' | 'staff', isAdmin: boolean): NavItem[] {
  if (kind === 'family') return [{ to: '/famille', labelKey: 'family', prefix: true }];
  const items: NavItem[] = [
    { to: '/agent', labelKey: 'dashboard' },
    { to: '/agent/comptes-a-valider', labelKey: 'accountsToValidate' },
    { to: '/agent/familles', labelKey: 'families', prefix: true },
    { to: '/agent/messagerie', labelKey: 'inbox', prefix: true },
    { to: '/agent/annonces', labelKey: 'announcements' },
    { to: '/agent/enfants', labelKey: 'children', prefix: true },
    { to: '/agent/demandes', labelKey: 'requests' },
    { to: '/agent/occupation', labelKey: 'occupancy' },
    { to: '/agent/campagnes', labelKey: 'campaigns', prefix: true },
    { to: '/agent/pointage', labelKey: 'attendance' },
    { to: '/agent/documents', labelKey: 'documents', prefix: true },
    { to: '/agent/facturation', labelKey: 'invoicing', prefix: true },
    { to: '/agent/statistiques', labelKey: 'statistics' },
  ];
  if (isAdmin)
    items.push(
      { to: '/agent/catalogue', labelKey: 'activities', prefix: true },
      { to: '/agent/journal', labelKey: 'journal' },
      { to: '/agent/listes', labelKey: 'lists' },
      { to: '/agent/courriels', labelKey: 'emails', prefix: true },
      { to: '/agent/agents', labelKey: 'staff' },
    );
  items.push({ to: '/agent/mot-de-passe', labelKey: 'myPassword' });
  return items;
}

/** The page frame: skip link, header (city, account, navigation), <main id="contenu">, footer with the city's contact. */
export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation('common');
  // the footer's « Accessibilité : … » link (issue 15): its own namespace, not waited for (no suspense of the frame)
  const { t: ta, ready: a11yReady } = useTranslation('accessibility', { useSuspense: false });
  const { config, account, setAccount } = useSession();
  const { pathname } = useLocation();
  const [leaving, setLeaving] = useState(false);
  const city = config.city;

  async function logout() {
    if (leaving) return;
    setLeaving(true);
    // issue 15: the offline attendance app sends its waiting marks if it can, then its store leaves the device
    await forgetDeviceDataAtLogout();
    try {
      // With FranceConnect on (issue 11), a session opened with it also ends FranceConnect's: its sign-out page, then back.
      if (config.franceConnect) {
        const { url } = await call('franceconnect.logout');
        if (url) {
          window.location.assign(url);
          return;
        }
      } else await call('auth.logout');
    } catch {
      // Signed out or not, the visitor wants to leave: forget the account on this page anyway.
    }
    setLeaving(false);
    setAccount(null);
    navigate('/', { flash: t('layout.loggedOut') });
  }

  const items = account ? navItems(account.kind, account.role === 'admin') : [];

  return (
    <div className="page">
      <a className="skip-link" href="#contenu">
        {t('layout.skipLink')}
      </a>
      <header className="header">
        <div className="container header__inner">
          <Link to={account ? (account.kind === 'staff' ? '/agent' : '/famille') : '/'} className="brand">
            <img className="brand__logo" src={city.logoUrl} alt="" width="48" height="48" />
            <span className="brand__text">
              <span className="brand__city">{city.name}</span>
              <span className="brand__portal">{t('portalName')}</span>
            </span>
          </Link>
          <div className="header__tools">
            <LanguageSwitch />
            {account && (
              <div className="header__account">
                <p className="header__email">
                  <span className="visually-hidden">{t('layout.signedInAs')} </span>
                  {account.email}
                </p>
                <button type="button" className="button button--secondary button--small" onClick={logout} aria-disabled={leaving || undefined}>
                  {t('layout.logout')}
                </button>
              </div>
            )}
          </div>
        </div>
        {items.length > 0 && (
          <nav className="nav" aria-label={account?.kind === 'staff' ? t('layout.navStaff') : t('layout.navFamily')}>
            <ul className="container nav__list">
              {items.map((item) => {
                const current = pathname === item.to || (item.prefix === true && pathname.startsWith(`${item.to}/`));
                return (
                  <li key={item.to}>
                    <Link to={item.to} className="nav__link" aria-current={current ? 'page' : undefined}>
                      {t(`layout.nav.${item.labelKey}`)}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
        )}
      </header>
      <main id="contenu" className="container main" tabIndex={-1}>
        {children}
      </main>
      <footer className="footer">
        <div className="container footer__inner">
          <div>
            <h2 className="footer__title">{city.name}</h2>
            <address className="footer__address">
              {city.address}
              {/* the fallback configuration (no network: the offline attendance app, issue 15) has no contact */}
              {city.phone && (
                <>
                  <br />
                  {t('layout.footer.phone')} <a href={`tel:${city.phone.replace(/\s/g, '')}`}>{city.phone}</a>
                </>
              )}
              {city.email && (
                <>
                  <br />
                  {t('layout.footer.email')} <a href={`mailto:${city.email}`}>{city.email}</a>
                </>
              )}
            </address>
          </div>
          <ul className="footer__links">
            <li>
              <Link to="/conditions-utilisation">{t('layout.footer.terms')}</Link>
            </li>
            {a11yReady && (
              <li>
                <Link to="/accessibilite">{ta(`footerLinkState.${STATEMENT_STATE}`)}</Link>
              </li>
            )}
            <li>
              <a href={city.website}>{t('layout.footer.citySite')}</a>
            </li>
          </ul>
        </div>
      </footer>
    </div>
  );
}
