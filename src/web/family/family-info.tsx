import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { useSession } from '../app/session.js';
import { PageHeading, useFlash, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { ButtonLink } from '../ui/button.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { FamilyRecordView } from '../views/family-record-view.js';
import { QuotientCard } from './quotient-card.js';

/** « Mes Informations »: the family record, read-only, with « Modifier » (guide §4.3). */
export function FamilyInfoPage() {
  const family = useResource('family.get');
  const flash = useFlash();
  const { t } = useTranslation('family');
  // a member without the edit right reads the record, and is told why there is no « Modifier » (issue 11)
  const canEdit = useSession().account?.member?.canEdit ?? true;
  usePageTitle(t('info.title'));
  return (
    <>
      <Link to="/famille" className="back-link">
        {t('info.back')}
      </Link>
      <PageHeading>{t('info.title')}</PageHeading>
      {flash && <StatusMessage>{flash}</StatusMessage>}
      <LoadState loading={family.loading} error={family.error} />
      {family.data && (
        <>
          {canEdit && <ButtonLink to="/famille/informations/modifier">{t('info.edit')}</ButtonLink>}
          <FamilyRecordView family={family.data} />
          <QuotientCard />
          {canEdit ? (
            <ButtonLink to="/famille/informations/modifier">{t('info.edit')}</ButtonLink>
          ) : (
            <StatusMessage tone="info">
              <p>{errorMessage('member.right_missing_edit')}</p>
            </StatusMessage>
          )}
        </>
      )}
    </>
  );
}
