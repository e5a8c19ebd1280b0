import type { TFunction } from 'i18next';
import type { CustodyView } from '../../shared/household-contracts.js';
import { formatDate } from '../i18n/format.js';

/** One household's part of a custody schedule, in words (« Vos semaines : celle du 7 septembre 2026… »). */
export function custodyText(t: TFunction<'households'>, c: CustodyView): string {
  if (c.kind === 'alternate_weeks' && c.anchor) return t('custody.yourWeeks', { monday: formatDate(c.anchor) });
  if (c.kind === 'weekdays')
    return c.weekdays.length ? t('custody.yourWeekdays', { days: c.weekdays.map((d) => t(`weekdays.${String(d) as '1'}`)).join(', ') }) : t('custody.noWeekdays');
  return t('custody.free');
}
