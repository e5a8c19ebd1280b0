/**
 * « Cette semaine et la suivante » on « Mon compte famille » (issue 17): per child, the days booked this week and next
 * week, the next deadline to cancel one of them and to book a day of the two weeks, and the child's planning one
 * click away. Reads GET /api/booking/glance (booking.glance.ts).
 */
import { useTranslation } from 'react-i18next';
import type { FamilyGlance } from '../../shared/booking-contracts.js';
import { useResource } from '../api/use-resource.js';
import { Link } from '../app/router.js';
import { dayLabel, shortDayLabel } from '../i18n/fr.js';
import { StateIcon } from '../ui/state-icon.js';
import { LoadState } from '../ui/loading.js';
import { formatCutoff } from './planning-model.js';
import { childName } from '../views/child-view.js';

type GlanceChild = FamilyGlance['children'][number];
type GlanceDay = GlanceChild['days'][number];

const ICON = { accepted: 'accepted', pending: 'requested', waitlisted: 'waitlisted' } as const;

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The days of one week, grouped by day: « Lundi 7 décembre — Matin, Repas (Accueil de loisirs) ». */
function WeekList({ days, monday, title, id }: { days: GlanceDay[]; monday: string; title: string; id: string }) {
  const { t } = useTranslation(['family', 'labels']);
  const sunday = addDays(monday, 6);
  const mine = days.filter((d) => d.day >= monday && d.day <= sunday);
  const byDay = new Map<string, GlanceDay[]>();
  for (const d of mine) byDay.set(d.day, [...(byDay.get(d.day) ?? []), d]);
  return (
    <div className="glance-week">
      <h4 id={id} className="glance-week__title">
        {title} <span className="glance-week__span">{t('glance.span', { from: shortDayLabel(monday), to: shortDayLabel(sunday) })}</span>
      </h4>
      {byDay.size === 0 ? (
        <p className="empty">{t('glance.noDay')}</p>
      ) : (
        <ul className="glance-days" aria-labelledby={id}>
          {[...byDay].map(([day, list]) => (
            <li key={day} className="glance-days__item">
              <span className="glance-days__day">{dayLabel(day)}</span>
              <ul className="glance-units">
                {[...list]
                  .sort((a, b) => a.unitPosition - b.unitPosition)
                  .map((d) => (
                    <li key={`${d.activityId}-${d.unitLabel}`} className="with-icon">
                      <StateIcon kind={d.cancelRequested ? 'cancel_requested' : ICON[d.state]} />
                      <span>
                        {d.unitLabel}
                        <span className="muted">
                          {' '}
                          ({d.activityName}
                          {d.state !== 'accepted' || d.cancelRequested
                            ? ` — ${d.cancelRequested ? t('labels:cellState.cancel_requested') : t(d.state === "pending" ? "glance.state.pending" : "glance.state.waitlisted")}`
                            : ''}
                          )
                        </span>
                      </span>
                    </li>
                  ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ChildGlance({ child, weeks, canBook }: { child: GlanceChild; weeks: string[]; canBook: boolean }) {
  const { t } = useTranslation('family');
  const name = childName(child);
  const headingId = `glance-${child.id}`;
  return (
    <section className="glance-child" aria-labelledby={headingId}>
      <h3 id={headingId} className="glance-child__name">
        {name}
      </h3>
      <div className="glance-weeks">
        <WeekList days={child.days} monday={weeks[0]} title={t('glance.thisWeek')} id={`${headingId}-w1`} />
        <WeekList days={child.days} monday={weeks[1]} title={t('glance.nextWeek')} id={`${headingId}-w2`} />
      </div>
      <ul className="glance-deadlines">
        {child.nextCancel && (
          <li>
            {t('glance.nextCancel', {
              day: dayLabel(child.nextCancel.day),
              unit: child.nextCancel.unitLabel,
              date: formatCutoff(new Date(child.nextCancel.cutoff)),
            })}
          </li>
        )}
        {child.nextBooking && (
          <li>
            {child.nextBooking.cutoff
              ? t('glance.nextBooking', {
                  day: dayLabel(child.nextBooking.day),
                  activity: child.nextBooking.activityName,
                  date: formatCutoff(new Date(child.nextBooking.cutoff)),
                })
              : t('glance.nextBookingOpen', { day: dayLabel(child.nextBooking.day), activity: child.nextBooking.activityName })}
          </li>
        )}
      </ul>
      <p className="glance-child__more">
        <Link to={`/famille/enfants/${encodeURIComponent(child.id)}/reservations`}>{t('childDays.link', { firstName: child.firstName })}</Link>
      </p>
      {canBook && child.planning && (
        <Link
          className="button button--secondary button--small"
          to={`/famille/reservations/planning/${encodeURIComponent(child.id)}/${encodeURIComponent(child.planning.activityId)}/${encodeURIComponent(child.planning.periodId)}`}
        >
          {t('glance.openPlanning', { firstName: child.firstName })}
        </Link>
      )}
    </section>
  );
}

/** The block: one card per child; a family without a child is sent to add one. */
export function ChildrenGlance({ canBook }: { canBook: boolean }) {
  const { t } = useTranslation('family');
  const glance = useResource('booking.glance');
  const data = glance.data;
  return (
    <section className="card card--wide glance" aria-labelledby="bloc-semaine">
      <h2 id="bloc-semaine">{t('glance.title')}</h2>
      {glance.error ? <LoadState loading={false} error={glance.error} onRetry={glance.reload} /> : glance.loading && !data && <p className="loading">{t('glance.loading')}</p>}
      {data && data.children.length === 0 && (
        <p className="empty">
          {t('glance.noChild')} <Link to="/famille/enfants/ajouter">{t('childrenBlock.add')}</Link>
        </p>
      )}
      {data && data.children.length > 0 && (
        <div className="glance-children">
          {data.children.map((c) => (
            <ChildGlance key={c.id} child={c} weeks={data.weeks} canBook={canBook} />
          ))}
        </div>
      )}
    </section>
  );
}
