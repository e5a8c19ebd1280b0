/**
 * Occupancy per activity, unit and day (booked / capacity, pending requests, waiting list), and each day's waiting
 * list, from which staff promote a child when a place is free (the family is e-mailed).
 */
import { useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('staff');
  const catalog = useStaffCatalog();
  const [activityId, setActivityId] = useState('');
  const [from, setFrom] = useState(parisToday());
  const [to, setTo] = useState(addDays(parisToday(), 13));
  const [waiting, setWaiting] = useState<{ unitId: string; unitLabel: string; day: string } | null>(null);
  usePageTitle(t('occupancy.title'));
  useEffect(() => {
    if (!activityId && catalog.activities.length) setActivityId(catalog.activities[0].id);
  }, [activityId, catalog.activities]);
  const occ = useResource('staffBooking.occupancy', activityId && isDay(from) && isDay(to) ? { query: { activityId, from, to } } : null);

  return (
    <>
      <Link to="/agent" className="back-link">
        {t('shared.dashboard')}
      </Link>
      <PageHeading>{t('occupancy.title')}</PageHeading>
      <p>{t('occupancy.intro')}</p>
      <LoadState loading={catalog.loading && !catalog.data} error={catalog.error} />
      {catalog.activities.length > 0 && (
        <div className="filters">
          <ActivitySelect activities={catalog.activities} value={activityId} onChange={setActivityId} />
          <DateInput name="from" label={t('occupancy.from')} hint="" value={from} onValueChange={setFrom} />
          <DateInput name="to" label={t('occupancy.to')} hint={t('occupancy.toHint')} value={to} onValueChange={setTo} />
        </div>
      )}
      <LoadState loading={occ.loading && !occ.data} error={occ.error} />
      {occ.data && (
        <div className="table-wrap" role="region" aria-labelledby="occupation" tabIndex={0}>
          <table className="table">
            <caption id="occupation" className="table__caption">
              {t('occupancy.caption', { from: dayLabel(from, true), to: dayLabel(to, true) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('occupancy.day')}</th>
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
                          {full && ` ${t('occupancy.full')}`}
                        </span>
                        {c.pending > 0 && <span className="line-reason">{t('occupancy.pending', { pending: c.pending })}</span>}
                        {c.waiting > 0 && (
                          <Button variant="link" className="button--small" onClick={() => setWaiting({ unitId: c.unitId, unitLabel: unit.label, day: d.day })}>
                            <Trans
                              t={t}
                              i18nKey="occupancy.waiting"
                              values={{ waiting: c.waiting, day: dayLabel(d.day), unit: unit.label }}
                              components={{ hidden: <span className="visually-hidden" /> }}
                            />
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
      <Dialog title={t('occupancy.dialogTitle')} isOpen={waiting !== null} onOpenChange={(open) => !open && setWaiting(null)}>
        {waiting && <WaitingList key={`${waiting.unitId}-${waiting.day}`} {...waiting} onClose={() => { setWaiting(null); occ.reload(); }} />}
      </Dialog>
    </>
  );
}

function WaitingList({ unitId, unitLabel, day, onClose }: { unitId: string; unitLabel: string; day: string; onClose: () => void }) {
  const { t } = useTranslation('staff');
  const list = useResource('staffBooking.waitingList', { query: { unitId, day } });
  const entries = (list.data ?? []);
  const action = useRowAction();
  return (
    <>
      <p>
        {t('occupancy.waitingIntro', { day: dayLabel(day, true), unit: unitLabel })}
      </p>
      {action.done && <StatusMessage>{action.done}</StatusMessage>}
      <ErrorSummary errors={action.errors} focusKey={action.errorKey} />
      <LoadState loading={list.loading && list.data === null} error={list.error} />
      {list.data !== null && entries.length === 0 && <p className="empty">{t('occupancy.nobody')}</p>}
      {entries.length > 0 && (
        <ol className="link-list">
          {entries.map((e) => {
            const name = `${e.child.firstName} ${e.child.lastName.toUpperCase()}`;
            return (
              <li key={e.bookingId}>
                {t('occupancy.entry', { position: e.position, name, date: formatDateTime(e.since) })}{' '}
                <Button
                  className="button--small"
                  busy={action.busyId === String(e.bookingId)}
                  onClick={() =>
                    void action.run(
                      String(e.bookingId),
                      async () => {
                        await call('staffBooking.promote', { params: { bookingId: e.bookingId } });
                        return t('occupancy.promoted', { name });
                      },
                      list.reload,
                    )
                  }
                >
                  <Trans t={t} i18nKey="occupancy.promote" values={{ name }} components={{ hidden: <span className="visually-hidden" /> }} />
                </Button>
              </li>
            );
          })}
        </ol>
      )}
      <ButtonGroup>
        <Button variant="secondary" onClick={onClose}>
          {t('occupancy.close')}
        </Button>
      </ButtonGroup>
    </>
  );
}
