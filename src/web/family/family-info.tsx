import { useResource } from '../api/use-resource.js';
import { PageHeading, useFlash, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { ButtonLink } from '../ui/button.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { FamilyRecordView } from '../views/family-record-view.js';

/** « Mes Informations »: the family record, read-only, with « Modifier » (guide §4.3). */
export function FamilyInfoPage() {
  const family = useResource('family.get');
  const flash = useFlash();
  usePageTitle('Informations de la famille');
  return (
    <>
      <Link to="/famille" className="back-link">
        Mon compte famille
      </Link>
      <PageHeading>Informations de la famille</PageHeading>
      {flash && <StatusMessage>{flash}</StatusMessage>}
      <LoadState loading={family.loading} error={family.error} />
      {family.data && (
        <>
          <ButtonLink to="/famille/informations/modifier">Modifier</ButtonLink>
          <FamilyRecordView family={family.data} />
          <ButtonLink to="/famille/informations/modifier">Modifier</ButtonLink>
        </>
      )}
    </>
  );
}
