import { useState, type ReactNode } from 'react';
import { Link, navigate, useLocation } from '../app/router.js';
import { useSession } from '../app/session.js';
import { call } from '../api/client.js';
import { PORTAL_NAME } from '../i18n/fr.js';
import { LanguageSwitch } from './language-switch.js';

interface NavItem {
  to: string;
  label: string;
  /** also current for the pages below it */
  prefix?: boolean;
}

function navItems(kind: 'family' | 'staff', isAdmin: boolean): NavItem[] {
  if (kind === 'family') return [{ to: '/famille', label: 'Mon compte famille', prefix: true }];
  const items: NavItem[] = [
    { to: '/agent', label: 'Tableau de bord' },
    { to: '/agent/comptes-a-valider', label: 'Comptes à valider' },
    { to: '/agent/familles', label: 'Familles', prefix: true },
    { to: '/agent/enfants', label: 'Enfants', prefix: true },
    { to: '/agent/demandes', label: 'Demandes' },
    { to: '/agent/occupation', label: 'Occupation' },
    { to: '/agent/pointage', label: 'Pointage' },
    { to: '/agent/documents', label: 'Documents', prefix: true },
    { to: '/agent/facturation', label: 'Facturation', prefix: true },
  ];
  if (isAdmin)
    items.push(
      { to: '/agent/catalogue', label: 'Activités', prefix: true },
      { to: '/agent/journal', label: 'Journal' },
      { to: '/agent/listes', label: 'Listes' },
      { to: '/agent/courriels', label: 'Courriels', prefix: true },
      { to: '/agent/agents', label: 'Agents' },
    );
  items.push({ to: '/agent/mot-de-passe', label: 'Mon mot de passe' });
  return items;
}

/** The page frame: skip link, header (city, account, navigation), <main id="contenu">, footer with the city's contact. */
export function Layout({ children }: { children: ReactNode }) {
  const { config, account, setAccount } = useSession();
  const { pathname } = useLocation();
  const [leaving, setLeaving] = useState(false);
  const city = config.city;

  async function logout() {
    if (leaving) return;
    setLeaving(true);
    try {
      await call('auth.logout');
    } catch {
      // Signed out or not, the visitor wants to leave: forget the account on this page anyway.
    }
    setLeaving(false);
    setAccount(null);
    navigate('/', { flash: 'Vous êtes déconnecté(e).' });
  }

  const items = account ? navItems(account.kind, account.role === 'admin') : [];

  return (
    <div className="page">
      <a className="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <header className="header">
        <div className="container header__inner">
          <Link to={account ? (account.kind === 'staff' ? '/agent' : '/famille') : '/'} className="brand">
            <img className="brand__logo" src={city.logoUrl} alt="" width="48" height="48" />
            <span className="brand__text">
              <span className="brand__city">{city.name}</span>
              <span className="brand__portal">{PORTAL_NAME}</span>
            </span>
          </Link>
          <div className="header__tools">
            <LanguageSwitch />
            {account && (
              <div className="header__account">
                <p className="header__email">
                  <span className="visually-hidden">Connecté(e) avec l’identifiant </span>
                  {account.email}
                </p>
                <button type="button" className="button button--secondary button--small" onClick={logout} aria-disabled={leaving || undefined}>
                  Se déconnecter
                </button>
              </div>
            )}
          </div>
        </div>
        {items.length > 0 && (
          <nav className="nav" aria-label={account?.kind === 'staff' ? 'Espace agent' : 'Espace famille'}>
            <ul className="container nav__list">
              {items.map((item) => {
                const current = pathname === item.to || (item.prefix === true && pathname.startsWith(`${item.to}/`));
                return (
                  <li key={item.to}>
                    <Link to={item.to} className="nav__link" aria-current={current ? 'page' : undefined}>
                      {item.label}
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
              <br />
              Téléphone : <a href={`tel:${city.phone.replace(/\s/g, '')}`}>{city.phone}</a>
              <br />
              Courriel : <a href={`mailto:${city.email}`}>{city.email}</a>
            </address>
          </div>
          <ul className="footer__links">
            <li>
              <Link to="/conditions-utilisation">Conditions d’utilisation et données personnelles</Link>
            </li>
            <li>
              <a href={city.website}>Site de la ville</a>
            </li>
          </ul>
        </div>
      </footer>
    </div>
  );
}
