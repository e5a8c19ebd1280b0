import { lazy, Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView, PublicConfig } from '../../shared/contracts.js';
import { onUnauthorized } from '../api/client.js';
import { Layout } from '../ui/layout.js';
import { i18n, settleAccountLanguage } from '../i18n/i18n.js';
import { navigate, useLocation } from './router.js';
import { homeOf, SessionProvider, type Session } from './session.js';
import { HomePage } from './pages/home.js';
import { NotFoundPage } from './pages/not-found.js';

// Everything but the home (login) page loads on demand: the login page stays light.
const RegisterPage = lazy(() => import('./pages/register.js').then((m) => ({ default: m.RegisterPage })));
const RegisterFranceConnectPage = lazy(() => import('./pages/register-franceconnect.js').then((m) => ({ default: m.RegisterFranceConnectPage })));
const ForgotPage = lazy(() => import('./pages/forgot.js').then((m) => ({ default: m.ForgotPage })));
const NewPasswordPage = lazy(() => import('./pages/new-password.js').then((m) => ({ default: m.NewPasswordPage })));
const ConfirmEmailPage = lazy(() => import('./pages/confirm-email.js').then((m) => ({ default: m.ConfirmEmailPage })));
const TermsPage = lazy(() => import('./pages/terms.js').then((m) => ({ default: m.TermsPage })));
const AccessibilityPage = lazy(() => import('./pages/accessibility.js').then((m) => ({ default: m.AccessibilityPage })));
const InvitationPage = lazy(() => import('./pages/invitation.js').then((m) => ({ default: m.InvitationPage })));
const FamilyArea = lazy(() => import('../family/family-area.js').then((m) => ({ default: m.FamilyArea })));
const StaffArea = lazy(() => import('../staff/staff-area.js').then((m) => ({ default: m.StaffArea })));

export function App({ config, initialAccount }: { config: PublicConfig; initialAccount: AccountView | null }) {
  // « common » is loaded before the first render (src/web/i18n/i18n.ts): the fallback below never suspends itself.
  const { t } = useTranslation('common');
  const [account, setAccountState] = useState<AccountView | null>(initialAccount);
  const session = useMemo<Session>(() => {
    // Signing in brings the account's language and this browser's choice in line (src/web/i18n/i18n.ts).
    const setAccount = (next: AccountView | null) => {
      setAccountState(next);
      if (next) void settleAccountLanguage(next).then((settled) => settled !== next && setAccountState(settled));
    };
    return { config, account, setAccount };
  }, [config, account]);

  useEffect(() => {
    onUnauthorized(() => {
      setAccountState(null);
      navigate('/', { replace: true, flash: i18n.t('common:app.sessionExpired') });
    });
    return () => onUnauthorized(null);
  }, []);

  return (
    <SessionProvider value={session}>
      <Layout>
        <Suspense fallback={<p className="loading">{t('loading')}</p>}>
          <Routes account={account} />
        </Suspense>
      </Layout>
    </SessionProvider>
  );
}

function Redirect({ to, flash }: { to: string; flash?: string }) {
  useEffect(() => navigate(to, { replace: true, flash }), [to, flash]);
  return null;
}

function Routes({ account }: { account: AccountView | null }): ReactNode {
  const { t } = useTranslation('common');
  const { pathname, search } = useLocation();

  if (pathname === '/') return account ? <Redirect to={homeOf(account)} /> : <HomePage />;
  // FranceConnect sends a person the portal does not know yet to « Créer mon compte » (issue 11)
  if (pathname === '/creer-mon-compte') return search.includes('franceconnect=1') ? <RegisterFranceConnectPage /> : <RegisterPage />;
  if (pathname === '/identifiant-oublie') return <ForgotPage />;
  if (pathname === '/nouveau-mot-de-passe') return <NewPasswordPage />;
  if (pathname === '/confirmer-adresse') return <ConfirmEmailPage />;
  if (pathname === '/conditions-utilisation') return <TermsPage />;
  if (pathname === '/accessibilite') return <AccessibilityPage />;
  // the mailed invitation of a second member (issue 11): public, whoever is signed in on this browser
  if (pathname === '/invitation') return <InvitationPage />;

  // Where the payment provider sends the family back (src/server/modules/payment: RETURN_PAGE).
  if (pathname.startsWith('/paiements/')) return <Redirect to={`/famille${pathname}`} />;
  if (pathname === '/famille' || pathname.startsWith('/famille/')) {
    if (!account) return <Redirect to="/" flash={t('app.signInFirst')} />;
    if (account.kind !== 'family') return <Redirect to={homeOf(account)} />;
    return <FamilyArea />;
  }
  if (pathname === '/agent' || pathname.startsWith('/agent/')) {
    if (!account) return <Redirect to="/" flash={t('app.signInFirst')} />;
    if (account.kind !== 'staff') return <Redirect to={homeOf(account)} />;
    return <StaffArea />;
  }
  return <NotFoundPage />;
}
