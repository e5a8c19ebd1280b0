import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from 'react-aria/I18nProvider';
import { App } from './app/app.js';
import { call, setCsrfToken } from './api/client.js';
import type { PublicConfig } from '../shared/contracts.js';
import './ui/styles.css';

const FALLBACK_CONFIG: PublicConfig = {
  city: { name: 'Votre ville', logoUrl: '/logo-ville.svg', address: '', phone: '', email: '', website: '/' },
  demo: false,
  smtp: false,
};

async function start() {
  const root = createRoot(document.getElementById('racine')!);
  const [session, config] = await Promise.all([
    call('system.session').catch(() => null),
    call('system.config').catch(() => FALLBACK_CONFIG),
  ]);
  if (session) setCsrfToken(session.csrfToken);
  root.render(
    <StrictMode>
      <I18nProvider locale="fr-FR">
        <App config={config} initialAccount={session?.account ?? null} />
      </I18nProvider>
    </StrictMode>,
  );
}

void start();
