/**
 * A numbered reservation as the family reads it: the recap after « Valider » (§5.1, §5.3) and the detail (§5.2).
 * Every state is an icon and the same words.
 */
import type { Reservation, ReservationLine, ReservationSummary } from '../../shared/booking-contracts.js';
import { formatDateTime } from '../i18n/format.js';
import { LINE_ACTION_LABELS, LINE_STATE_LABELS, RESERVATION_KIND_LABELS, RESERVATION_STATE_LABELS, dayLabel } from '../i18n/fr.js';
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

export const RESERVATION_LEGEND: LegendItem[] = [
  { icon: 'accepted', label: 'Acceptée', description: 'tous les jours demandés sont acceptés' },
  { icon: 'requested', label: 'En attente de traitement', description: 'le service Enfance doit encore accepter au moins un jour' },
  { icon: 'partial', label: 'Partiellement acceptée', description: 'certains jours sont acceptés, d’autres refusés ou en liste d’attente' },
  { icon: 'waitlisted', label: 'Liste d’attente', description: 'les jours sont complets ; vous aurez la place si elle se libère' },
  { icon: 'refused', label: 'Refusée', description: 'aucun jour n’a pu être accepté (le motif figure dans le détail)' },
];

export function lineIcon(l: Pick<ReservationLine, 'action' | 'state'>): IconKind {
  if (l.state === 'refused') return 'refused';
  if (l.state === 'waitlisted') return 'waitlisted';
  if (l.action === 'cancel') return l.state === 'accepted' ? 'cancel' : 'cancel_requested';
  return l.state === 'accepted' ? 'accepted' : 'requested';
}

export function ReservationState({ state }: { state: ReservationSummary['state'] }) {
  return (
    <span className="with-icon">
      <StateIcon kind={RESERVATION_ICONS[state]} />
      {RESERVATION_STATE_LABELS[state]}
    </span>
  );
}

export function reservationTitle(r: Pick<ReservationSummary, 'kind' | 'number'>): string {
  return `${RESERVATION_KIND_LABELS[r.kind]} n° ${r.number}`;
}

export function ReservationFacts({ reservation: r }: { reservation: Reservation }) {
  return (
    <SummaryList
      rows={[
        ['Enfant', `${r.child.firstName} ${r.child.lastName.toUpperCase()}`],
        ['Numéro de la réservation', `n° ${r.number}`],
        ['Type', RESERVATION_KIND_LABELS[r.kind]],
        ['Activité', r.activity.name],
        ['Période', r.period.label],
        ['État', <ReservationState key="state" state={r.state} />],
        ['Enregistrée le', formatDateTime(r.createdAt)],
      ]}
    />
  );
}

/** A line's day, unit, request and state (with its reason): the cells the family's and the staff's tables share. */
export function ReservationLineCells({ line: l }: { line: ReservationLine }) {
  return (
    <>
      <td>{dayLabel(l.day, true)}</td>
      <td>{l.unitLabel}</td>
      <td>{LINE_ACTION_LABELS[l.action]}</td>
      <td>
        <span className="with-icon">
          <StateIcon kind={lineIcon(l)} />
          {LINE_STATE_LABELS[l.state]}
        </span>
        {l.reasonText && <span className="line-reason">{l.reasonText}</span>}
      </td>
    </>
  );
}

export function ReservationLines({ reservation: r }: { reservation: Reservation }) {
  const lines = [...r.lines].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.unitLabel.localeCompare(b.unitLabel)));
  return (
    <div className="table-wrap" role="region" aria-labelledby={`jours-${r.number}`} tabIndex={0}>
      <table className="table">
        <caption id={`jours-${r.number}`} className="table__caption">
          Jours de la {r.kind === 'cancellation' ? 'demande' : 'réservation'} n° {r.number}
        </caption>
        <thead>
          <tr>
            <th scope="col">Jour</th>
            <th scope="col">Unité</th>
            <th scope="col">Demande</th>
            <th scope="col">État</th>
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
