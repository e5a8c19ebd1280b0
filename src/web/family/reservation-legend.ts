import type { TFunction } from 'i18next';
import type { LegendItem } from '../ui/legend.js';

/** What each line's icon means in a reservation's detail. */
export function planningLineLegend(t: TFunction<['family', 'labels']>): LegendItem[] {
  return [
    { icon: 'accepted', label: t('labels:lineState.accepted'), description: t('reservation.legend.accepted') },
    { icon: 'requested', label: t('labels:lineState.pending'), description: t('reservation.legend.requested') },
    { icon: 'waitlisted', label: t('labels:lineState.waitlisted'), description: t('reservation.legend.waitlisted') },
    { icon: 'cancel', label: t('reservation.legend.cancelLabel'), description: t('reservation.legend.cancel') },
    { icon: 'cancel_requested', label: t('reservation.legend.cancelRequestedLabel'), description: t('reservation.legend.cancelRequested') },
    { icon: 'refused', label: t('labels:lineState.refused'), description: t('reservation.legend.refused') },
  ];
}
