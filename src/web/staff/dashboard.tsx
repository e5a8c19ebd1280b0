import { useTranslation } from 'react-i18next';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { useSession } from '../app/session.js';
import { SecurityLink } from './security.js';

function Count({ value, loading, failed }: { value: number | null; loading: boolean; failed: boolean }) {
  if (failed) return <span className="count__number">—</span>;
  if (loading || value === null) return <span className="count__number">…</span>;
  return <span className="count__number">{value}</span>;
}

/** The staff home: what is waiting, and where to go. */
export function DashboardPage() {
  const { t } = useTranslation('staff');
  const { account } = useSession();
  const isAdmin = account?.role === 'admin';
  usePageTitle(t('dashboard.title'));
  const pending = useResource('staff.pendingAccounts');
  const families = useResource('staff.families');
  const pendingCount = pending.data?.length ?? null;
  const familyCount = families.data?.length ?? null;
  const documents = useResource('staffDocuments.queue');
  const documentCount = documents.data?.length ?? null;
  // the word after the number: singular for exactly one, plural otherwise (0 too, and while loading), as before
  const form = (n: number | null) => ({ count: n === 1 ? 1 : 2 });

  return (
    <>
      <PageHeading>{t('dashboard.title')}</PageHeading>
      <p className="lead">{t('dashboard.hello', { name: account?.displayName })}</p>
      <ul className="counts">
        <li className="count">
          <Count value={pendingCount} loading={pending.loading} failed={Boolean(pending.error)} />
          <Link to="/agent/comptes-a-valider">
            {t('dashboard.pendingAccounts', form(pendingCount))}
          </Link>
        </li>
        <li className="count">
          <Count value={familyCount} loading={families.loading} failed={Boolean(families.error)} />
          <Link to="/agent/familles">{t('dashboard.families', form(familyCount))}</Link>
        </li>
        <li className="count">
          <Count value={documentCount} loading={documents.loading} failed={Boolean(documents.error)} />
          <Link to="/agent/documents">{t('dashboard.documents', form(documentCount))}</Link>
        </li>
      </ul>
      {(pending.error || families.error || documents.error) && (
        <p className="muted">{t('dashboard.loadFailed', { error: pending.error ?? families.error ?? documents.error })}</p>
      )}

      <h2>{t('dashboard.quickLinks')}</h2>
      <ul className="link-list">
        <li>
          <Link to="/agent/comptes-a-valider">{t('dashboard.links.pendingAccounts')}</Link>
        </li>
        <li>
          <Link to="/agent/familles">{t('dashboard.links.families')}</Link>
        </li>
        <li>
          <Link to="/agent/enfants">{t('dashboard.links.children')}</Link>
        </li>
        <li>
          <Link to="/agent/demandes">{t('dashboard.links.requests')}</Link>
        </li>
        <li>
          <Link to="/agent/pointage">{t('dashboard.links.attendance')}</Link>
        </li>
        <li>
          <Link to="/agent/occupation">{t('dashboard.links.occupancy')}</Link>
        </li>
        <li>
          <Link to="/agent/documents">{t('dashboard.links.documents')}</Link>
        </li>
        <li>
          <Link to="/agent/facturation">{t('dashboard.links.billing')}</Link>
        </li>
        {isAdmin && (
          <>
            <li>
              <Link to="/agent/catalogue">{t('dashboard.links.catalog')}</Link>
            </li>
            <li>
              <Link to="/agent/calendrier">{t('dashboard.links.calendar')}</Link>
            </li>
            <li>
              <Link to="/agent/documents-demandes">{t('dashboard.links.documentTypes')}</Link>
            </li>
            <li>
              <Link to="/agent/fermetures">{t('dashboard.links.closures')}</Link>
            </li>
            <li>
              <Link to="/agent/journal">{t('dashboard.links.audit')}</Link>
            </li>
            <li>
              <Link to="/agent/listes">{t('dashboard.links.lists')}</Link>
            </li>
            <li>
              <Link to="/agent/courriels">{t('dashboard.links.outbox')}</Link>
            </li>
            <li>
              <Link to="/agent/agents">{t('dashboard.links.staffAccounts')}</Link>
            </li>
          </>
        )}
        <li>
          <Link to="/agent/mot-de-passe">{t('dashboard.links.password')}</Link>
        </li>
        <li>
          <SecurityLink />
        </li>
      </ul>
    </>
  );
}
