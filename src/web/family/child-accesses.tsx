import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { HEALTH_ACCESS_LABELS } from '../i18n/fr.js';
import { formatDateTime } from '../i18n/format.js';
import { LoadState } from '../ui/loading.js';
import { Table } from '../ui/table.js';

/** The family's view of the staff's reads of its children's health information (who, which child, when). */
export function ChildAccessesPage() {
  const list = useResource('family.healthAccesses');
  const rows = (list.data ?? []);
  usePageTitle('Accès aux informations de santé de mes enfants');
  return (
    <>
      <Link to="/famille/enfants" className="back-link">
        Mes Enfants
      </Link>
      <PageHeading>Accès aux informations de santé de mes enfants</PageHeading>
      <p>
        Chaque fois qu’un agent de la mairie consulte les renseignements médicaux d’un de vos enfants, cet accès est enregistré. Voici les 200
        derniers, du plus récent au plus ancien.
      </p>
      <LoadState loading={list.loading && list.data === null} error={list.error} />
      {list.data !== null &&
        (rows.length === 0 ? (
          <p className="empty">Aucun agent n’a consulté les informations de santé de vos enfants.</p>
        ) : (
          <Table caption="Consultations par les agents" captionHidden head={['Date', 'Enfant', 'Agent', 'Consultation']}>
            {rows.map((r, i) => (
              <tr key={`${r.at}-${i}`}>
                <td>{formatDateTime(r.at)}</td>
                <td>{r.childName}</td>
                <td>{r.staffName}</td>
                <td>{HEALTH_ACCESS_LABELS[r.kind]}</td>
              </tr>
            ))}
          </Table>
        ))}
    </>
  );
}
