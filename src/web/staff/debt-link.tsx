import { useTranslation } from 'react-i18next';
import { Link } from '../app/router.js';

/** The family record's way to its collection page (issue 13): debt rule, reminders, credit, one-off invoice. */
export function FamilyMoneyLink({ familyId }: { familyId: string }) {
  const { t } = useTranslation('money');
  return (
    <p>
      <Link to={`/agent/familles/${encodeURIComponent(familyId)}/recouvrement`}>{t('staff.familyMoney')}</Link>
    </p>
  );
}
