import { Trans, useTranslation } from 'react-i18next';
import { PageHeading, usePageTitle } from '../page.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';

const PURPOSES = ['details', 'bookings', 'invoices', 'documents'] as const;
const COLLECTED = ['parents', 'situation', 'children', 'bookings', 'documents', 'logs'] as const;
const RETENTION = ['account', 'medical', 'invoices', 'refused', 'logs'] as const;

/** The portal's terms of use and the data-protection notice (RGPD, articles 13 and 14). */
export function TermsPage() {
  const { config } = useSession();
  const { t } = useTranslation('auth');
  const city = config.city;
  const mail = <a href={`mailto:${city.email}`} />;
  usePageTitle(t('terms.title'));
  return (
    <div className="prose">
      <PageHeading>{t('terms.title')}</PageHeading>
      <p className="lead">{t('terms.lead', { city: city.name })}</p>

      <h2>{t('terms.purpose.heading')}</h2>
      <p>{t('terms.purpose.intro')}</p>
      <ul>
        {PURPOSES.map((k) => (
          <li key={k}>{t(`terms.purpose.items.${k}`)}</li>
        ))}
      </ul>
      <p>{t('terms.purpose.free')}</p>

      <h2>{t('terms.account.heading')}</h2>
      <p>{t('terms.account.validation')}</p>
      <p>{t('terms.account.credentials')}</p>
      <p>{t('terms.account.accuracy')}</p>

      <h2>{t('terms.bookings.heading')}</h2>
      <p>{t('terms.bookings.rules')}</p>

      <h2>{t('terms.availability.heading')}</h2>
      <p>{t('terms.availability.text')}</p>

      <h2>{t('terms.data.heading')}</h2>
      <h3>{t('terms.data.controller.heading')}</h3>
      <p>
        <Trans
          t={t}
          i18nKey="terms.data.controller.text"
          values={{ city: city.name, address: city.address, email: city.email }}
          components={{ mail }}
        />
      </p>
      <h3>{t('terms.data.collected.heading')}</h3>
      <ul>
        {COLLECTED.map((k) => (
          <li key={k}>{t(`terms.data.collected.items.${k}`)}</li>
        ))}
      </ul>
      <h3>{t('terms.data.purposes.heading')}</h3>
      <p>{t('terms.data.purposes.text')}</p>
      <h3>{t('terms.data.recipients.heading')}</h3>
      <p>{t('terms.data.recipients.text')}</p>
      <h3>{t('terms.data.retention.heading')}</h3>
      <ul>
        {RETENTION.map((k) => (
          <li key={k}>{t(`terms.data.retention.items.${k}`)}</li>
        ))}
      </ul>
      <h3>{t('terms.data.rights.heading')}</h3>
      <p>
        <Trans t={t} i18nKey="terms.data.rights.text" values={{ email: city.email }} components={{ mail }} />
      </p>
      <h3>{t('terms.data.cookies.heading')}</h3>
      <p>{t('terms.data.cookies.text')}</p>

      <h2>{t('terms.accessibility.heading')}</h2>
      <p>{t('terms.accessibility.text', { phone: city.phone })}</p>

      <p>
        <Link to="/">{t('terms.backToHome')}</Link>
      </p>
    </div>
  );
}
