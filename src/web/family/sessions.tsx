import { useTranslation } from 'react-i18next';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { SessionList } from '../views/session-list.js';

/** « Mes sessions ouvertes » (issue 11): the family account's devices, and « se déconnecter partout ». */
export function FamilySessionsPage() {
  const { t } = useTranslation('security');
  usePageTitle(t('sessionsLink'));
  return (
    <>
      <Link to="/famille" className="back-link">
        {t('backFamily')}
      </Link>
      <PageHeading>{t('sessionsLink')}</PageHeading>
      <SessionList />
    </>
  );
}

/** The link to the sessions page, in the family's « Mon compte » block. */
export function FamilySessionsLink() {
  const { t } = useTranslation('security');
  return <Link to="/famille/sessions">{t('sessionsLink')}</Link>;
}
