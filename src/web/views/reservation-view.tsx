/**
 * A numbered reservation as the family reads it: the recap after « Valider » (§5.1, §5.3) and the detail (§5.2).
 * Every state is an icon and the same words.
 */
import { useTranslation } from 'react-i18next';
import type { Reservation, ReservationLine, ReservationSummary } from '../../shared/booking-contracts.js';
import { formatDateTime } from '../i18n/format.js';
import { dayLabel } from '../i18n/fr.js';
import { i18n } from '../i18n/i18n.js';
import type { LegendItem } from '../ui/legend.js';
import { StateIcon, type IconKind } from '../ui/state-icon.js';
import { SummaryList } from '../ui/summary-list.js';

export const RESERVATION_ICONS: Record<ReservationSummary['state'], IconKind> = {
  accepted: 'accepted',
  pending: 'requested',
  partial: 'partial',
  waitlisted: 'waitlisted',
  refused: 'refused',
};

/** The words are read when the legend is drawn, in the page's language. */
export const RESERVATION_LEGEND: LegendItem[] = (['accepted', 'pending', 'partial', 'waitlisted', 'refused'] as const).map((s) => ({
  icon: RESERVATION_ICONS[s],
  get label() {
    return i18n.t(`labels:reservationState.${s}`);
  },
  get description() {
    return i18n.t(`common:reservationView.legend.${s}`);
  },
}));

export function lineIcon(l: Pick<ReservationLine, 'action' | 'state'>): IconKind {
  if (l.state === 'refused') return 'refused';
  if (l.state === 'waitlisted') return 'waitlisted';
  if (l.action === 'cancel') return l.state === 'accepted' ? 'cancel' : 'cancel_requested';
  return l.state === 'accepted' ? 'accepted' : 'requested';
}

export function ReservationState({ state }: { state: ReservationSummary['state'] }) {
  const { t } = useTranslation('labels');
  return (
    <span className="with-icon">
      <StateIcon kind={RESERVATION_ICONS[state]} />
      {t(`reservationState.${state}`)}
    </span>
  );
}

/** « Réservation n° 12 » / "Booking no. 12", in the page's language. */
export function reservationTitle(r: Pick<ReservationSummary, 'kind' | 'number'>): string {
  return i18n.t('common:reservationView.title', { kind: i18n.t(`labels:reservationKind.${r.kind}`), number: r.number });
}

export function ReservationFacts({ reservation: r }: { reservation: Reservation }) {
  const { t } = useTranslation(['common', 'labels']);
  return (
    <SummaryList
      rows={[
        [t('reservationView.child'), `${r.child.firstName} ${r.child.lastName.toUpperCase()}`],
        [t('reservationView.number'), t('reservationView.numberValue', { number: r.number })],
        [t('reservationView.kind'), t(`labels:reservationKind.${r.kind}`)],
        [t('reservationView.activity'), r.activity.name],
        [t('reservationView.period'), r.period.label],
        [t('reservationView.state'), <ReservationState key="state" state={r.state} />],
        [t('reservationView.createdAt'), formatDateTime(r.createdAt)],
      ]}
    />
  );
}

/** A line's day, unit, request and state (with its reason): the cells the family's and the staff's tables share. */
export function ReservationLineCells({ line: l }: { line: ReservationLine }) {
  const { t } = useTranslation('labels');
  return (
    <>
      <td>{dayLabel(l.day, true)}</td>
      <td>{l.unitLabel}</td>
      <td>{t(`lineAction.${l.action}`)}</td>
      <td>
        <span className="with-icon">
          <StateIcon kind={lineIcon(l)} />
          {t(`lineState.${l.state}`)}
        </span>
        {l.reasonText && <span className="line-reason">{l.reasonText}</span>}
      </td>
    </>
  );
}

export function ReservationLines({ reservation: r }: { reservation: Reservation }) {
  const { t } = useTranslation('common');
  const lines = [...r.lines].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.unitLabel.localeCompare(b.unitLabel)));
  return (
    <div className="table-wrap" role="region" aria-labelledby={`jours-${r.number}`} tabIndex={0}>
      <table className="table">
        <caption id={`jours-${r.number}`} className="table__caption">
          {t(r.kind === 'cancellation' ? 'reservationView.linesCaption.cancellation' : 'reservationView.linesCaption.booking', { number: r.number })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('reservationView.day')}</th>
            <th scope="col">{t('reservationView.unit')}</th>
            <th scope="col">{t('reservationView.request')}</th>
            <th scope="col">{t('reservationView.state')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id}>
              <ReservationLineCells line={l} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
