/**
 * « Jours réservés de Léa » (issue 17): every day a child holds from today on, month by month as a calendar (a month
 * view of the bookings) and printable as it is (« Imprimer » — or save as PDF to share it with a grandparent or a
 * nanny); « Mon calendrier » gives the same days as a calendar address to subscribe to.
 */
import { useTranslation } from 'react-i18next';
import type { ChildBookings } from '../../shared/booking-contracts.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { dayLabel, monthLabel } from '../i18n/fr.js';
import { Button } from '../ui/button.js';
import { LoadState } from '../ui/loading.js';
import { StateIcon } from '../ui/state-icon.js';
import { childName } from '../views/child-view.js';
import '../ui/booking.css';

type Day = ChildBookings['days'][number];
const ICON = { accepted: 'accepted', pending: 'requested', waitlisted: 'waitlisted' } as const;

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
const weekday = (day: string) => ((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7) + 1; // 1 = Monday

/** The weeks (Monday to Sunday) covering a month, each day inside the month or null. */
function monthWeeks(month: string): (string | null)[][] {
  const first = `${month}-01`;
  const weeks: (string | null)[][] = [];
  let d = addDays(first, 1 - weekday(first));
  while (d.slice(0, 7) <= month) {
    const week: (string | null)[] = [];
    for (let i = 0; i < 7; i++, d = addDays(d, 1)) week.push(d.slice(0, 7) === month ? d : null);
    weeks.push(week);
  }
  return weeks;
}

function UnitLine({ d }: { d: Day }) {
  const { t } = useTranslation(['family', 'labels']);
  const state = d.cancelRequested ? t('labels:cellState.cancel_requested') : d.state === 'accepted' ? null : t(d.state === 'pending' ? 'glance.state.pending' : 'glance.state.waitlisted');
  return (
    <li className="with-icon">
      <StateIcon kind={d.cancelRequested ? 'cancel_requested' : ICON[d.state]} />
      <span>
        {d.unitLabel}
        {state && <span className="muted"> — {state}</span>}
      </span>
    </li>
  );
}

function MonthCalendar({ month, byDay }: { month: string; byDay: Map<string, Day[]> }) {
  const { t } = useTranslation('family');
  const names = t('childDays.weekdays').split(',');
  return (
    <div className="table-wrap" role="region" aria-label={monthLabel(month)} tabIndex={0}>
      <table className="month">
        <caption className="month__caption">{monthLabel(month)}</caption>
        <thead>
          <tr>
            {names.map((n) => (
              <th key={n} scope="col">
                {n}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthWeeks(month).map((week, i) => (
            <tr key={i}>
              {week.map((d, j) => {
                const list = d ? (byDay.get(d) ?? []) : [];
                return (
                  <td key={j} className={[d ? '' : 'month__out', list.length ? 'month__booked' : ''].filter(Boolean).join(' ')}>
                    {d && (
                      <>
                        <span className="month__day" aria-hidden={list.length === 0 || undefined}>
                          {Number(d.slice(8))}
                        </span>
                        {list.length > 0 && (
                          <>
                            <span className="visually-hidden">{dayLabel(d)}</span>
                            <ul className="month__units">
                              {list.map((x) => (
                                <UnitLine key={`${x.activityId}-${x.unitLabel}`} d={x} />
                              ))}
                            </ul>
                          </>
                        )}
                      </>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ChildBookingsPage({ childId }: { childId: string }) {
  const { t } = useTranslation('family');
  const res = useResource('booking.childDays', { params: { childId } });
  const data = res.data;
  const title = res.status === 404 ? t('childDetail.notFound') : data ? t('childDays.title', { name: childName(data.child) }) : t('childDays.titleLoading');
  usePageTitle(title);
  const byDay = new Map<string, Day[]>();
  for (const d of data?.days ?? []) byDay.set(d.day, [...(byDay.get(d.day) ?? []), d].sort((a, b) => a.unitPosition - b.unitPosition));
  const months = [...new Set((data?.days ?? []).map((d) => d.day.slice(0, 7)))];
  const activities = [...new Set((data?.days ?? []).map((d) => d.activityName))];
  return (
    <>
      <Link to="/famille" className="back-link">
        {t('childDays.back')}
      </Link>
      <PageHeading>{title}</PageHeading>
      <LoadState loading={res.loading} error={res.status === 404 ? null : res.error} onRetry={res.reload} />
      {res.status === 404 && <p>{t('childDays.notFoundText')}</p>}
      {data && (
        <>
          <p>
            {data.days.length === 0
              ? t('childDays.none')
              : t('childDays.intro', { count: byDay.size, from: dayLabel(data.today), activities: activities.join(', ') })}
          </p>
          {data.days.length > 0 && (
            <div className="button-group no-print">
              <Button onClick={() => window.print()}>{t('childDays.print')}</Button>
              <Link to="/famille/calendrier">{t('childDays.share')}</Link>
            </div>
          )}
          {months.map((m) => (
            <MonthCalendar key={m} month={m} byDay={byDay} />
          ))}
        </>
      )}
    </>
  );
}
