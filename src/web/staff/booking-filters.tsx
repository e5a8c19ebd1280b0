/** Choosing an activity and one of its units on the staff's booking pages (requests, occupancy, attendance). */
import { useTranslation } from 'react-i18next';
import type { Activity, StaffCatalog } from '../../shared/booking-contracts.js';
import { useResource, type Resource } from '../api/use-resource.js';
import { SelectField } from '../ui/field.js';

export function useStaffCatalog(): Resource<StaffCatalog> & { activities: (Activity & { establishmentName: string })[] } {
  const r = useResource('catalog.get');
  const activities = (r.data?.establishments ?? []).flatMap((e) => e.activities.map((a) => ({ ...a, establishmentName: e.name })));
  return { ...r, activities };
}

export function ActivitySelect({
  activities,
  value,
  onChange,
  name = 'activityId',
  placeholder,
}: {
  activities: (Activity & { establishmentName: string })[];
  value: string;
  onChange: (id: string) => void;
  name?: string;
  placeholder?: string;
}) {
  const { t } = useTranslation('staff');
  return (
    <SelectField
      name={name}
      label={t('filters.activity')}
      value={value}
      onValueChange={onChange}
      placeholder={placeholder}
      options={activities.map((a) => ({ value: a.id, label: `${a.establishmentName} — ${a.name}` }))}
    />
  );
}

export function UnitSelect({ activity, value, onChange }: { activity: Activity | undefined; value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation('staff');
  const units = [...(activity?.units ?? [])].sort((a, b) => a.position - b.position);
  return <SelectField name="unitId" label={t('filters.unit')} value={value} onValueChange={onChange} options={units.map((u) => ({ value: u.id, label: u.label }))} />;
}

/** The keys of labels:weekday, Monday (1) first: `WEEKDAY_KEYS[d - 1]` for an ISO weekday d. */
export const WEEKDAY_KEYS = ['1', '2', '3', '4', '5', '6', '7'] as const;

/** Today in Paris, as a calendar day. */
export function parisToday(): string {
  const parts = new Intl.DateTimeFormat('fr-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return parts;
}
