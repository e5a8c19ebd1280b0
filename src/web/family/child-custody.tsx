import { useTranslation } from 'react-i18next';
import { useResource } from '../api/use-resource.js';
import { custodyText } from '../views/custody-text.js';
import { OtherHousehold } from './other-household.js';

/**
 * A shared child's custody, as this household reads it (issue 11): read-only, the household's own days; the other
 * household is never named (its address, bookings, invoices and documents are its own) unless staff allowed this
 * household to see it (« partage autorisé », OtherHousehold). Nothing for a child of one household.
 */
export function ChildCustody({ childId }: { childId: string }) {
  const { t } = useTranslation('households');
  const custody = useResource('children.custody', { params: { childId } });
  if (!custody.data?.shared) return null;
  const c = custody.data.custody;
  return (
    <section aria-labelledby="garde-partagee" className="record-block">
      <h2 id="garde-partagee">{t('family.heading')}</h2>
      <p>{t('family.intro')}</p>
      <p>
        <strong>{t('family.schedule', { kind: t(`custody.kind.${c.kind}`) })}</strong>
      </p>
      <p>{custodyText(t, c)}</p>
      {custody.data.seesOther && <OtherHousehold childId={childId} />}
    </section>
  );
}
