import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { useSession } from '../app/session.js';

function Count({ value, loading, failed }: { value: number | null; loading: boolean; failed: boolean }) {
  if (failed) return <span className="count__number">—</span>;
  if (loading || value === null) return <span className="count__number">…</span>;
  return <span className="count__number">{value}</span>;
}

/** The staff home: what is waiting, and where to go. */
export function DashboardPage() {
  const { account } = useSession();
  const isAdmin = account?.role === 'admin';
  usePageTitle('Tableau de bord');
  const pending = useResource('staff.pendingAccounts');
  const families = useResource('staff.families');
  const pendingCount = pending.data?.length ?? null;
  const familyCount = families.data?.length ?? null;
  const documents = useResource('staffDocuments.queue');
  const documentCount = documents.data?.length ?? null;

  return (
    <>
      <PageHeading>Tableau de bord</PageHeading>
      <p className="lead">Bonjour {account?.displayName}.</p>
      <ul className="counts">
        <li className="count">
          <Count value={pendingCount} loading={pending.loading} failed={Boolean(pending.error)} />
          <Link to="/agent/comptes-a-valider">
            {pendingCount === 1 ? 'compte à valider' : 'comptes à valider'}
          </Link>
        </li>
        <li className="count">
          <Count value={familyCount} loading={families.loading} failed={Boolean(families.error)} />
          <Link to="/agent/familles">{familyCount === 1 ? 'famille inscrite' : 'familles inscrites'}</Link>
        </li>
        <li className="count">
          <Count value={documentCount} loading={documents.loading} failed={Boolean(documents.error)} />
          <Link to="/agent/documents">{documentCount === 1 ? 'document à vérifier' : 'documents à vérifier'}</Link>
        </li>
      </ul>
      {(pending.error || families.error || documents.error) && (
        <p className="muted">Certains nombres n’ont pas pu être chargés : {pending.error ?? families.error ?? documents.error}</p>
      )}

      <h2>Accès rapides</h2>
      <ul className="link-list">
        <li>
          <Link to="/agent/comptes-a-valider">Valider ou refuser les nouveaux comptes</Link>
        </li>
        <li>
          <Link to="/agent/familles">Rechercher une famille</Link>
        </li>
        <li>
          <Link to="/agent/enfants">Rechercher un enfant</Link>
        </li>
        <li>
          <Link to="/agent/demandes">Demandes de réservation à traiter</Link>
        </li>
        <li>
          <Link to="/agent/pointage">Pointage des présences</Link>
        </li>
        <li>
          <Link to="/agent/occupation">Occupation et listes d’attente</Link>
        </li>
        <li>
          <Link to="/agent/documents">Documents à vérifier</Link>
        </li>
        <li>
          <Link to="/agent/facturation">Facturation du mois, factures, règlements et soldes</Link>
        </li>
        {isAdmin && (
          <>
            <li>
              <Link to="/agent/catalogue">Activités, unités, périodes et délais de réservation</Link>
            </li>
            <li>
              <Link to="/agent/calendrier">Calendrier : jours de fermeture et vacances scolaires</Link>
            </li>
            <li>
              <Link to="/agent/documents-demandes">Documents demandés aux familles</Link>
            </li>
            <li>
              <Link to="/agent/fermetures">Demandes de fermeture de compte</Link>
            </li>
            <li>
              <Link to="/agent/journal">Journal des actions</Link>
            </li>
            <li>
              <Link to="/agent/listes">Listes de référence du formulaire « Enfant »</Link>
            </li>
            <li>
              <Link to="/agent/courriels">Courriels envoyés par le portail</Link>
            </li>
            <li>
              <Link to="/agent/agents">Comptes des agents</Link>
            </li>
          </>
        )}
        <li>
          <Link to="/agent/mot-de-passe">Modifier mon mot de passe</Link>
        </li>
      </ul>
    </>
  );
}
