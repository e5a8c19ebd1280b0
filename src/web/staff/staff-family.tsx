import { useTranslation } from 'react-i18next';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { useSession } from '../app/session.js';
import { FamilyRecordView } from '../views/family-record-view.js';
import { formatDateTime } from '../i18n/format.js';
import { LoadState } from '../ui/loading.js';
import { SummaryList } from '../ui/summary-list.js';
import { AccountStatusTag } from './status.js';
import { StaffMembers } from './staff-members.js';
import { FamilyMoneyLink } from './debt-link.js';
import { StaffQuotient } from './staff-quotient.js';

/** One family as staff see it: the account's state and the whole family record. */
export function StaffFamilyPage({ familyId }: { familyId: string }) {
  const { t } = useTranslation('staff');
  const { account: me } = useSession();
  const view = useResource('staff.family', { params: { familyId } });
  const family = view.data?.family;
  const name = family ? [family.guardian1.lastName, family.guardian1.firstName].filter(Boolean).join(' ') : '';
  const title = view.status === 404 ? t('family.notFound') : name ? t('family.titleNamed', { name }) : t('family.title');
  usePageTitle(title);

  return (
    <>
      <Link to="/agent/familles" className="back-link">
        {t('family.back')}
      </Link>
      <PageHeading>{title}</PageHeading>
      <LoadState loading={view.loading} error={view.error} />
      {view.data && (
        <>
          <h2>{t('family.account')}</h2>
          <SummaryList
            rows={[
              [t('family.login'), view.data.account.email],
              [t('family.status'), <AccountStatusTag status={view.data.account.status} key="s" />],
              [t('family.createdOn'), formatDateTime(view.data.account.createdAt)],
              [t('family.validatedOn'), formatDateTime(view.data.account.validatedAt)],
              ...(view.data.account.rejectionReason ? ([[t('family.rejectionReason'), view.data.account.rejectionReason]] as [string, string][]) : []),
            ]}
          />
          {view.data.account.status === 'pending' && (
            <p>
              <Link to="/agent/comptes-a-valider">{t('family.validateOrReject')}</Link>
            </p>
          )}
          <StaffMembers familyId={familyId} />
          <FamilyMoneyLink familyId={familyId} />
          <StaffQuotient familyId={familyId} />
          <p>
            <Link to={`/agent/enfants?familyId=${encodeURIComponent(familyId)}`}>{t('family.children')}</Link>
          </p>
          {me?.role === 'admin' && (
            <p>
              <Link to={`/agent/journal?familyId=${encodeURIComponent(familyId)}`}>{t('family.audit')}</Link>
            </p>
          )}
          <FamilyRecordView family={view.data.family} />
          <p className="muted">{t('family.updatedOn', { date: formatDateTime(view.data.family.updatedAt) })}</p>
        </>
      )}
    </>
  );
}
