import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { useSession } from '../app/session.js';
import { FamilyRecordView } from '../views/family-record-view.js';
import { formatDateTime } from '../i18n/format.js';
import { LoadState } from '../ui/loading.js';
import { SummaryList } from '../ui/summary-list.js';
import { AccountStatusTag } from './status.js';

/** One family as staff see it: the account's state and the whole family record. */
export function StaffFamilyPage({ familyId }: { familyId: string }) {
  const { account: me } = useSession();
  const view = useResource('staff.family', { params: { familyId } });
  const family = view.data?.family;
  const name = family ? [family.guardian1.lastName, family.guardian1.firstName].filter(Boolean).join(' ') : '';
  const title = view.status === 404 ? 'Famille introuvable' : name ? `Famille ${name}` : 'Fiche famille';
  usePageTitle(title);

  return (
    <>
      <Link to="/agent/familles" className="back-link">
        Familles
      </Link>
      <PageHeading>{title}</PageHeading>
      <LoadState loading={view.loading} error={view.error} />
      {view.data && (
        <>
          <h2>Compte</h2>
          <SummaryList
            rows={[
              ['Identifiant (adresse e-mail)', view.data.account.email],
              ['Statut', <AccountStatusTag status={view.data.account.status} key="s" />],
              ['Créé le', formatDateTime(view.data.account.createdAt)],
              ['Validé le', formatDateTime(view.data.account.validatedAt)],
              ...(view.data.account.rejectionReason ? ([['Motif du refus', view.data.account.rejectionReason]] as [string, string][]) : []),
            ]}
          />
          {view.data.account.status === 'pending' && (
            <p>
              <Link to="/agent/comptes-a-valider">Valider ou refuser ce compte</Link>
            </p>
          )}
          <p>
            <Link to={`/agent/enfants?familyId=${encodeURIComponent(familyId)}`}>Voir les enfants de cette famille</Link>
          </p>
          {me?.role === 'admin' && (
            <p>
              <Link to={`/agent/journal?familyId=${encodeURIComponent(familyId)}`}>Voir le journal des actions sur cette famille</Link>
            </p>
          )}
          <FamilyRecordView family={view.data.family} />
          <p className="muted">Dernière modification le {formatDateTime(view.data.family.updatedAt)}.</p>
        </>
      )}
    </>
  );
}
