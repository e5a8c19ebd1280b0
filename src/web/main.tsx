import { StrictMode, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from 'react-aria/I18nProvider';
import { App } from './app/app.js';
import { call, setCsrfToken } from './api/client.js';
import type { PublicConfig } from '../shared/contracts.js';
import { cookieLanguage, i18n, settleAccountLanguage, startI18n } from './i18n/i18n.js';
import { LOCALE_OF, toLanguage } from '../shared/i18n/languages.js';
import './ui/styles.css';
import { hasPointageStore } from './app/device-data.js';

const pointageStore = () => import('./staff/attendance-store.js');

/** When the server's configuration cannot be read (the words once the language is known). */
function fallbackConfig(): PublicConfig {
  return {
    city: { name: i18n.t('common:app.fallbackCity'), logoUrl: '/logo-ville.svg', address: '', phone: '', email: '', website: '/' },
    demo: false,
    smtp: false,
    franceConnect: false,
  };
}

/** react-aria's widgets (date pickers) in the page's language, following the switch. */
function Localized({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return <I18nProvider locale={LOCALE_OF[toLanguage(i18n.language)]}>{children}</I18nProvider>;
}

async function start() {
  const root = createRoot(document.getElementById('racine')!);
  const [session, config] = await Promise.all([
    call('system.session').catch(() => null),
    call('system.config').catch(() => null),
  ]);
  if (session) setCsrfToken(session.csrfToken);
  // The choice made on this browser; else the account's; else French (settleAccountLanguage brings them in line).
  // Issue 15: offline, the attendance app opens with today's staff account kept on the device (its own page only);
  // online, a visitor who is not staff leaves nothing of it on this browser (signed out: its health flags).
  const signedIn = session?.account ?? (!session && hasPointageStore() ? await pointageStore().then((s) => s.offlineStaffAccount(), () => null) : null);
  if (session && session.account?.kind !== 'staff' && hasPointageStore())
    void pointageStore().then((s) => (session.account ? s.wipeAttendanceStore() : s.forgetHealthData()), () => undefined);
  await startI18n(cookieLanguage() ?? signedIn?.language ?? 'fr');
  const account = signedIn && (await settleAccountLanguage(signedIn));
  root.render(
    <StrictMode>
      <Localized>
        <App config={config ?? fallbackConfig()} initialAccount={account} />
      </Localized>
    </StrictMode>,
  );
}

void start();
