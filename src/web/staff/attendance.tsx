/**
 * Attendance (pointage): choose an activity, a day and a unit; the children expected (booked and accepted) with a
 * health flag (allergy or PAI: a flag only, the record has the details); mark each one present, absent (justified
 * or not); add a child present without booking; print the sheet or export it as CSV.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { AttendanceSheet, AttendanceStatus } from '../../shared/booking-contracts.js';
import type { StaffChildSummary } from '../../shared/child-contracts.js';
import { call, fileUrl } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { formatDateTime, formatDay } from '../i18n/format.js';
import { dayLabel } from '../i18n/fr.js';
import { Button } from '../ui/button.js';
import { DateInput } from '../ui/date-input.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { Field } from '../ui/field.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage, StatusTag } from '../ui/status-message.js';
import { useRowAction } from '../ui/use-row-action.js';
import { ActivitySelect, UnitSelect, parisToday, useStaffCatalog } from './booking-filters.js';
import '../ui/booking.css';
import { clockTime } from './attendance-time.js';

const BOOKED_STATUSES: AttendanceStatus[] = ['present', 'absent_justified', 'absent_unjustified'];

const hidden = { hidden: <span className="visually-hidden" /> };

export function AttendancePage() {
  const { t } = useTranslation(['staff', 'labels', 'attendance']);
  const catalog = useStaffCatalog();
  const [activityId, setActivityId] = useState('');
  const [unitId, setUnitId] = useState('');
  const [day, setDay] = useState(parisToday());
  const activity = catalog.activities.find((a) => a.id === activityId);
  usePageTitle(t('attendance.title'));

  // The first activity and its first unit by default.
  useEffect(() => {
    if (!activityId && catalog.activities.length) setActivityId(catalog.activities[0].id);
  }, [activityId, catalog.activities]);
  useEffect(() => {
    const units = [...(activity?.units ?? [])].sort((a, b) => a.position - b.position);
    if (activity && !units.some((u) => u.id === unitId)) setUnitId(units[0]?.id ?? '');
  }, [activity, unitId]);

  const loaded = useResource('staffBooking.attendance', unitId && /^\d{4}-\d{2}-\d{2}$/.test(day) ? { query: { unitId, day } } : null);
  const [sheet, setSheet] = useState<AttendanceSheet | null>(null);
  useEffect(() => setSheet(loaded.data), [loaded.data]);
  const action = useRowAction();

  function mark(childId: string, name: string, status: AttendanceStatus | null) {
    if (!sheet || action.busyId) return;
    const before = sheet;
    // shown at once (the radio follows the hand), confirmed or undone by the server's answer
    setSheet({ ...sheet, rows: sheet.rows.map((r) => (r.child.id === childId ? { ...r, status } : r)) });
    void action.run(childId, async () => {
      try {
        const next = await call('staffBooking.markAttendance', { body: { unitId: sheet.unit.id, day: sheet.day, childId, status } });
        setSheet(next);
      } catch (e) {
        setSheet(before);
        throw e;
      }
      return status ? t('attendance.marked', { name, status: t(`labels:attendance.${status}`).toLowerCase() }) : t('attendance.cleared', { name });
    });
  }

  const marked = sheet?.rows.filter((r) => r.status !== null).length ?? 0;
  const csv = sheet ? fileUrl('staffBooking.attendanceCsv', { query: { unitId: sheet.unit.id, day: sheet.day } }) : null;
  const pdf = sheet ? fileUrl('staffBooking.attendancePdf', { query: { unitId: sheet.unit.id, day: sheet.day } }) : null;

  return (
    <>
      <Link to="/agent" className="back-link">
        {t('shared.dashboard')}
      </Link>
      <PageHeading>{t('attendance.title')}</PageHeading>
      <p className="no-print">
        <Link to="/agent/pointage/tablette">{t('attendance:staffPage.tablet')}</Link>
      </p>
      <LoadState loading={catalog.loading && !catalog.data} error={catalog.error} />
      {catalog.data && catalog.activities.length === 0 && <p className="empty">{t('attendance.noActivity')}</p>}
      {catalog.activities.length > 0 && (
        <div className="filters no-print">
          <ActivitySelect activities={catalog.activities} value={activityId} onChange={setActivityId} />
          <DateInput name="day" label={t('attendance.day')} hint="" value={day} onValueChange={setDay} />
          <UnitSelect activity={activity} value={unitId} onChange={setUnitId} />
        </div>
      )}
      {action.done && <StatusMessage>{action.done}</StatusMessage>}
      <ErrorSummary errors={action.errors} focusKey={action.errorKey} />
      <LoadState loading={loaded.loading && !sheet} error={loaded.error} />
      {sheet && (
        <>
          <h2>
            {sheet.activity.name} — {sheet.unit.label} — {dayLabel(sheet.day, true)}
          </h2>
          <p>
            {t('attendance.summary', { expected: sheet.rows.filter((r) => r.expected).length, marked, total: sheet.rows.length })}
          </p>
          <p className="no-print">
            <a className="button button--secondary" href={csv!} download>
              <Trans t={t} i18nKey="attendance.csv" components={hidden} />
            </a>{' '}
            <a className="button button--secondary" href={pdf!} download>
              {t('attendance.pdf')}
            </a>{' '}
            <Button variant="secondary" onClick={() => window.print()}>
              {t('attendance.print')}
            </Button>
          </p>
          {sheet.rows.length === 0 ? (
            <p className="empty">{t('attendance.empty')}</p>
          ) : (
            <div className="table-wrap" role="region" aria-labelledby="feuille-pointage" tabIndex={0}>
              <table className="table">
                <caption id="feuille-pointage" className="table__caption">
                  {t('attendance.caption', { day: formatDay(sheet.day) })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('attendance.head.child')}</th>
                    <th scope="col">{t('attendance.head.booking')}</th>
                    <th scope="col">{t('attendance.head.health')}</th>
                    <th scope="col">{t('attendance.head.presence')}</th>
                  </tr>
                </thead>
                <tbody>
                  {sheet.rows.map((r) => {
                    const name = `${r.child.firstName} ${r.child.lastName.toUpperCase()}`;
                    const options = r.expected ? BOOKED_STATUSES : (['present_unbooked'] as AttendanceStatus[]);
                    return (
                      <tr key={r.child.id}>
                        <th scope="row">
                          <Link to={`/agent/enfants/${encodeURIComponent(r.child.id)}`}>{name}</Link>
                          <span className="line-reason">{t('attendance.born', { date: formatDay(r.child.birthDate) })}</span>
                        </th>
                        <td>{r.expected ? t('attendance.booked') : <StatusTag tone="warning">{t('attendance.unbooked')}</StatusTag>}</td>
                        <td>
                          {r.healthAlert ? (
                            <StatusTag tone="danger">{t('attendance.healthAlert')}</StatusTag>
                          ) : (
                            <span className="muted">{t('attendance.nothing')}</span>
                          )}
                        </td>
                        <td>
                          <fieldset className="attendance-status">
                            <legend>{t('attendance.presenceOf', { name })}</legend>
                            {options.map((s) => (
                              <label key={s}>
                                <input
                                  type="radio"
                                  name={`presence-${r.child.id}`}
                                  checked={r.status === s}
                                  onChange={() => mark(r.child.id, name, s)}
                                  aria-disabled={action.busyId === r.child.id || undefined}
                                />
                                {t(`labels:attendance.${s}`)}
                              </label>
                            ))}
                          </fieldset>
                          {r.status && (
                            <Button variant="link" className="button--small no-print" onClick={() => mark(r.child.id, name, null)}>
                              <Trans t={t} i18nKey="attendance.clear" values={{ name }} components={hidden} />
                            </Button>
                          )}
                          {r.arrivedAt && (r.status === 'present' || r.status === 'present_unbooked') && (
                            <span className="line-reason">
                              {r.departedAt
                                ? t('attendance:staffPage.timesDeparted', { arrived: clockTime(r.arrivedAt), departed: clockTime(r.departedAt) })
                                : t('attendance:staffPage.times', { arrived: clockTime(r.arrivedAt) })}
                            </span>
                          )}
                          {r.markedAt && <span className="line-reason">{t('attendance.markedAt', { date: formatDateTime(r.markedAt) })}</span>}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          <AddUnbooked
            excluded={new Set(sheet.rows.map((r) => r.child.id))}
            onAdd={(c) => mark(c.id, `${c.firstName} ${c.lastName.toUpperCase()}`, 'present_unbooked')}
          />
        </>
      )}
    </>
  );
}

/** « Présent sans réservation »: find a child who came without a booking and mark them present. */
function AddUnbooked({ excluded, onAdd }: { excluded: Set<string>; onAdd: (c: StaffChildSummary) => void }) {
  const { t } = useTranslation('staff');
  const [q, setQ] = useState('');
  const [searched, setSearched] = useState<string | null>(null);
  const results = useResource('staffChildren.search', searched ? { query: { q: searched } } : null);
  const rows = (results.data ?? []).filter((c) => !excluded.has(c.id));
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (q.trim()) setSearched(q.trim());
  }
  return (
    <section className="no-print" aria-labelledby="sans-reservation">
      <h2 id="sans-reservation">{t('attendance.unbookedChild.title')}</h2>
      <form noValidate onSubmit={onSubmit} className="search" role="search" aria-label={t('attendance.unbookedChild.searchLabel')}>
        <Field name="unbooked-q" label={t('attendance.unbookedChild.q')} type="search" autoComplete="off" width="medium" value={q} onValueChange={setQ} />
        <div className="field">
          <Button type="submit" variant="secondary">
            {t('shared.search')}
          </Button>
        </div>
      </form>
      <LoadState loading={results.loading} error={results.error} />
      {searched && results.data !== null && rows.length === 0 && <p className="empty">{t('attendance.unbookedChild.noMatch', { q: searched })}</p>}
      {rows.length > 0 && (
        <ul className="link-list">
          {rows.slice(0, 10).map((c) => (
            <li key={c.id}>
              {t('attendance.unbookedChild.result', { name: `${c.firstName} ${c.lastName.toUpperCase()}`, date: formatDay(c.birthDate), family: c.familyName })}{' '}
              <Button variant="secondary" className="button--small" onClick={() => onAdd(c)}>
                <Trans
                  t={t}
                  i18nKey="attendance.unbookedChild.add"
                  values={{ name: `${c.firstName} ${c.lastName.toUpperCase()}` }}
                  components={{ hidden: <span className="visually-hidden" /> }}
                />
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
