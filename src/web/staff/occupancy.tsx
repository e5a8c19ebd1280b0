/**
 * Occupancy per activity, unit and day (booked / capacity, pending requests, waiting list), and each day's waiting
 * list, from which staff promote a child when a place is free (the family is e-mailed).
 */
import { useEffect, useState } from 'react';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { formatDateTime } from '../i18n/format.js';
import { dayLabel } from '../i18n/fr.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { DateInput } from '../ui/date-input.js';
import { Dialog } from '../ui/dialog.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { useRowAction } from '../ui/use-row-action.js';
import { ActivitySelect, parisToday, useStaffCatalog } from './booking-filters.js';
import '../ui/booking.css';

function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

const isDay = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d);

export function OccupancyPage() {
  const catalog = useStaffCatalog();
  const [activityId, setActivityId] = useState('');
  const [from, setFrom] = useState(parisToday());
  const [to, setTo] = useState(addDays(parisToday(), 13));
  const [waiting, setWaiting] = useState<{ unitId: string; unitLabel: string; day: string } | null>(null);
  usePageTitle('Occupation et listes d’attente');
  useEffect(() => {
    if (!activityId && catalog.activities.length) setActivityId(catalog.activities[0].id);
  }, [activityId, catalog.activities]);
  const occ = useResource('staffBooking.occupancy', activityId && isDay(from) && isDay(to) ? { query: { activityId, from, to } } : null);

  return (
    <>
      <Link to="/agent" className="back-link">
        Tableau de bord
      </Link>
      <PageHeading>Occupation et listes d’attente</PageHeading>
      <p>Places réservées (acceptées et demandes en attente) sur la capacité du jour, et enfants en liste d’attente.</p>
      <LoadState loading={catalog.loading && !catalog.data} error={catalog.error} />
      {catalog.activities.length > 0 && (
        <div className="filters">
          <ActivitySelect activities={catalog.activities} value={activityId} onChange={setActivityId} />
          <DateInput name="from" label="Du" hint="" value={from} onValueChange={setFrom} />
          <DateInput name="to" label="Au" hint="Trois mois au plus." value={to} onValueChange={setTo} />
        </div>
      )}
      <LoadState loading={occ.loading && !occ.data} error={occ.error} />
      {occ.data && (
        <div className="table-wrap" role="region" aria-labelledby="occupation" tabIndex={0}>
          <table className="table">
            <caption id="occupation" className="table__caption">
              Occupation du {dayLabel(from, true)} au {dayLabel(to, true)}
            </caption>
            <thead>
              <tr>
                <th scope="col">Jour</th>
                {occ.data.units.map((u) => (
                  <th scope="col" key={u.id}>
                    {u.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {occ.data.days.map((d) => (
                <tr key={d.day}>
                  <th scope="row">{dayLabel(d.day)}</th>
                  {d.cells.map((c) => {
                    const unit = occ.data!.units.find((u) => u.id === c.unitId)!;
                    const full = c.booked >= c.capacity;
                    return (
                      <td key={c.unitId}>
                        <span className={full ? 'occupancy-full' : undefined}>
                          {c.booked} / {c.capacity}
                          {full && ' (complet)'}
                        </span>
                        {c.pending > 0 && <span className="line-reason">dont {c.pending} en attente de décision</span>}
                        {c.waiting > 0 && (
                          <Button variant="link" className="button--small" onClick={() => setWaiting({ unitId: c.unitId, unitLabel: unit.label, day: d.day })}>
                            {c.waiting} en liste d’attente<span className="visually-hidden"> le {dayLabel(d.day)}, {unit.label}</span>
                          </Button>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Dialog title="Liste d’attente" isOpen={waiting !== null} onOpenChange={(open) => !open && setWaiting(null)}>
        {waiting && <WaitingList key={`${waiting.unitId}-${waiting.day}`} {...waiting} onClose={() => { setWaiting(null); occ.reload(); }} />}
      </Dialog>
    </>
  );
}

function WaitingList({ unitId, unitLabel, day, onClose }: { unitId: string; unitLabel: string; day: string; onClose: () => void }) {
  const list = useResource('staffBooking.waitingList', { query: { unitId, day } });
  const entries = (list.data ?? []);
  const action = useRowAction();
  return (
    <>
      <p>
        {dayLabel(day, true)}, {unitLabel}. Promouvoir donne la place à l’enfant si une place est libre ; la famille reçoit un courriel.
      </p>
      {action.done && <StatusMessage>{action.done}</StatusMessage>}
      <ErrorSummary errors={action.errors} focusKey={action.errorKey} />
      <LoadState loading={list.loading && list.data === null} error={list.error} />
      {list.data !== null && entries.length === 0 && <p className="empty">Personne en liste d’attente.</p>}
      {entries.length > 0 && (
        <ol className="link-list">
          {entries.map((e) => {
            const name = `${e.child.firstName} ${e.child.lastName.toUpperCase()}`;
            return (
              <li key={e.bookingId}>
                {e.position}. {name}, depuis le {formatDateTime(e.since)}{' '}
                <Button
                  className="button--small"
                  busy={action.busyId === String(e.bookingId)}
                  onClick={() =>
                    void action.run(
                      String(e.bookingId),
                      async () => {
                        await call('staffBooking.promote', { params: { bookingId: e.bookingId } });
                        return `${name} obtient la place. La famille est prévenue par courriel.`;
                      },
                      list.reload,
                    )
                  }
                >
                  Promouvoir<span className="visually-hidden"> {name}</span>
                </Button>
              </li>
            );
          })}
        </ol>
      )}
      <ButtonGroup>
        <Button variant="secondary" onClick={onClose}>
          Fermer
        </Button>
      </ButtonGroup>
    </>
  );
}
