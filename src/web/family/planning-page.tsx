/**
 * The booking planning (guide §5.1 and §5.3): one child, one activity, one period. The family picks a week, clicks
 * days to book (or booked days to cancel), uses a unit's menu for many days at once, then reviews the changes
 * (« Modifier » / « Valider ») and reads the recap of the numbered reservation.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Button as AriaButton, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import type { Planning, Reservation } from '../../shared/booking-contracts.js';
import { ApiError, call, errorMessage } from '../api/client.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link, navigate } from '../app/router.js';
import { dayLabel, formatDayRange, shortDayLabel } from '../i18n/fr.js';
import { currentLocale } from '../i18n/i18n.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { ErrorSummary, type SummaryError } from '../ui/error-summary.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { StateIcon } from '../ui/state-icon.js';
import { Legend, type LegendItem } from '../ui/legend.js';
import { useForm } from '../ui/use-form.js';
import { AutoSelectDialog, type AutoScope } from './planning-auto-select.js';
import { ReservationRecap } from './reservation-recap.js';
import { planSiblings, SiblingPicker, SiblingReview, type SiblingPlan } from './planning-siblings.js';
import { PlanningWishes } from './planning-wishes.js';
import { useResource } from '../api/use-resource.js';
import {
  cellName,
  cellView,
  describeCell,
  deselectDays,
  keyOf,
  newIdempotencyKey,
  selectDays,
  toggle,
  unitCells,
  type BulkResult,
  type Change,
} from './planning-model.js';
import '../ui/booking.css';

type T = TFunction<['family', 'labels']>;

/** What each icon of the planning means. */
export function planningLegend(t: T): LegendItem[] {
  return [
    { icon: 'available', label: t('labels:cellState.bookable'), description: t('planning.legend.available') },
    { icon: 'accepted', label: t('labels:cellState.accepted'), description: t('planning.legend.accepted') },
    { icon: 'requested', label: t('labels:cellState.requested'), description: t('planning.legend.requested') },
    { icon: 'waitlisted', label: t('labels:cellState.waitlisted'), description: t('planning.legend.waitlisted') },
    { icon: 'cancel', label: t('planning.legend.cancelLabel'), description: t('planning.legend.cancel') },
    { icon: 'cancel_requested', label: t('labels:cellState.cancel_requested'), description: t('planning.legend.cancelRequested') },
    { icon: 'full', label: t('planning.legend.fullLabel'), description: t('planning.legend.full') },
    { icon: 'deadline_passed', label: t('labels:cellState.deadline_passed'), description: t('planning.legend.deadlinePassed') },
    { icon: 'closed', label: t('labels:cellState.closed'), description: t('planning.legend.closed') },
    { icon: 'holiday', label: t('labels:cellState.holiday'), description: t('planning.legend.holiday') },
    { icon: 'age_not_allowed', label: t('labels:cellState.age_not_allowed'), description: t('planning.legend.ageNotAllowed') },
    { icon: 'not_open', label: t('labels:cellState.not_open'), description: t('planning.legend.notOpen') },
  ];
}

function LegendPending({ t }: { t: T }) {
  return (
    <p className="legend__note">
      <span className="cell-pending-sample" aria-hidden="true">
        {t('planning.pendingSample')}
      </span>{' '}
      {t('planning.pendingNote')}
    </p>
  );
}

type Step = 'planning' | 'review' | 'recap';

interface Props {
  childId: string;
  activityId: string;
  periodId: string;
}

export function PlanningPage({ childId, activityId, periodId }: Props) {
  const { t } = useTranslation(['family', 'labels']);
  const params = { childId, activityId, periodId };
  const [weeks, setWeeks] = useState<Map<string, Planning>>(new Map());
  const [week, setWeek] = useState<string | null>(null);
  const [load, setLoad] = useState<{ loading: boolean; error: string | null }>({ loading: true, error: null });
  const [changes, setChanges] = useState<Map<string, Change>>(new Map());
  const [announce, setAnnounce] = useState('');
  const [step, setStep] = useState<Step>('planning');
  const [auto, setAuto] = useState<{ unitId: string; label: string } | null>(null);
  const [result, setResult] = useState<Reservation | null>(null);
  // issue 17: brothers and sisters booked with the same selection (planning-siblings.tsx)
  const [others, setOthers] = useState<Reservation[]>([]);
  const kids = useResource('children.list');
  const siblings = (kids.data ?? []).filter((c) => c.id !== childId);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [plans, setPlans] = useState<SiblingPlan[]>([]);
  const [planning_, setPlanning] = useState(false);
  // issue 17: the month view — the weeks of the shown week's month, one grid after the other
  const [view, setView] = useState<'week' | 'month'>('week');
  const [monthLoading, setMonthLoading] = useState(false);
  const form = useForm();
  /** back from the review: the heading takes focus so the keyboard starts from the top of the planning */
  const [returned, setReturned] = useState(false);
  const idempotencyKey = useRef<string | null>(null);

  const planning = week ? (weeks.get(week) ?? null) : null;
  const first = planning ?? weeks.values().next().value ?? null;
  const childName = first ? `${first.child.firstName} ${first.child.lastName.toUpperCase()}` : '';

  const titles: Record<Step, string> = {
    planning: first ? t('planning.titleOf', { firstName: first.child.firstName, activity: first.activity.name }) : t('planning.titleLoading'),
    review: t('planning.reviewTitle'),
    recap: result?.kind === 'cancellation' ? t('planning.recapCancellation') : t('planning.recapBooking'),
  };
  usePageTitle(titles[step], step === 'review' && form.errors.length > 0);

  // The first week open for booking (the server chooses), then the weeks the family asks for (kept once loaded).
  const latest = useRef(0);
  async function show(monday: string | null) {
    if (monday !== null && weeks.has(monday)) {
      setWeek(monday);
      return;
    }
    const ticket = ++latest.current;
    setLoad({ loading: true, error: null });
    try {
      const p = await call('booking.planning', { params, query: { week: monday ?? undefined } });
      if (ticket !== latest.current) return;
      setWeeks((m) => new Map(m).set(p.week, p));
      setWeek(p.week);
      setLoad({ loading: false, error: null });
    } catch (e) {
      if (ticket !== latest.current) return;
      setLoad({ loading: false, error: e instanceof ApiError ? e.message : errorMessage('internal') });
    }
  }
  useEffect(() => {
    void show(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [childId, activityId, periodId]);

  async function loadAllWeeks(): Promise<Planning[]> {
    if (!first) return [];
    const missing = first.weeks.map((w) => w.monday).filter((m) => !weeks.has(m));
    const fetched: Planning[] = [];
    // a few at a time: an opening morning is no time to fire forty requests per family
    for (let i = 0; i < missing.length; i += 4) {
      const batch = await Promise.all(missing.slice(i, i + 4).map((m) => call('booking.planning', { params, query: { week: m } })));
      fetched.push(...batch);
    }
    const all = new Map(weeks);
    for (const p of fetched) all.set(p.week, p);
    if (fetched.length) setWeeks(all);
    return first.weeks.map((w) => all.get(w.monday)).filter((p): p is Planning => p !== undefined);
  }

  /** The period's weeks whose Thursday falls in the month of `monday`'s Thursday (ISO rule: a week belongs to one month). */
  function weeksOfMonth(monday: string): string[] {
    if (!first) return [];
    const thursday = (m: string) => new Date(Date.parse(`${m}T12:00:00Z`) + 3 * 86_400_000).toISOString().slice(0, 7);
    const month = thursday(monday);
    return first.weeks.map((w) => w.monday).filter((m) => thursday(m) === month);
  }

  async function showMonth() {
    setView('month');
    const wanted = weeksOfMonth(week ?? first?.week ?? '').filter((m) => !weeks.has(m));
    if (!wanted.length) return;
    setMonthLoading(true);
    try {
      const got = await Promise.all(wanted.map((m) => call('booking.planning', { params, query: { week: m } })));
      setWeeks((current) => {
        const all = new Map(current);
        for (const p of got) all.set(p.week, p);
        return all;
      });
    } catch (e) {
      setAnnounce(e instanceof ApiError ? e.message : errorMessage('internal'));
    } finally {
      setMonthLoading(false);
    }
  }

  function describe(r: BulkResult, verb: 'select' | 'deselect', unit: string, where: string): string {
    if (r.count === 0) return t(verb === 'select' ? 'planning.bulk.noneSelect' : 'planning.bulk.noneDeselect', { unit, where });
    const what = t(verb === 'select' ? 'planning.bulk.selected' : 'planning.bulk.deselected', { count: r.count, unit, where });
    return r.skippedFull ? `${what} ${t('planning.bulk.skippedFull', { count: r.skippedFull })}` : what;
  }

  // `on`: the week whose menu was used (the month view shows several)
  async function bulk(unitId: string, op: 'select' | 'deselect', scope: AutoScope, weekdays?: Set<number>, on: Planning | null = planning) {
    if (!on) return;
    const unitLabel = on.units.find((u) => u.id === unitId)?.label ?? '';
    try {
      const source = scope === 'period' ? await loadAllWeeks() : [on];
      const cells = unitCells(source, unitId);
      setChanges((current) => {
        const r = op === 'select' ? selectDays(current, cells, weekdays) : deselectDays(current, cells);
        setAnnounce(describe(r, op, unitLabel, scope === 'period' ? t('planning.bulk.wherePeriod') : t('planning.bulk.whereWeek')));
        return r.changes;
      });
    } catch (e) {
      setAnnounce(e instanceof ApiError ? e.message : errorMessage('internal'));
    }
  }

  function clickCell(day: string, unitLabel: string, cell: Planning['days'][number]['cells'][number]) {
    const k = keyOf(day, cell.unitId);
    const view = cellView(cell, changes.get(k));
    if (!view.actionable) {
      setAnnounce(t('planning.cantChange', { text: describeCell(day, unitLabel, view.text.toLowerCase(), false, view.detail) }));
      return;
    }
    const next = toggle(changes, day, cell);
    setChanges(next);
    setAnnounce(cellName(day, unitLabel, cellView(cell, next.get(k))));
  }

  async function toReview() {
    idempotencyKey.current = newIdempotencyKey();
    form.clear();
    const picked = siblings.filter((s) => chosen.has(s.id));
    if (picked.length) {
      setPlanning(true);
      try {
        setPlans(await planSiblings(picked, activityId, periodId, sortedChanges(changes, weeks)));
      } catch (e) {
        setAnnounce(e instanceof ApiError ? e.message : errorMessage('internal'));
        setPlanning(false);
        return;
      }
      setPlanning(false);
    } else setPlans([]);
    setStep('review');
  }

  function submit() {
    if (!first) return;
    const list = sortedChanges(changes, weeks);
    const unitLabel = (id: string) => first.units.find((u) => u.id === id)?.label ?? '';
    const withSiblings = plans.filter((p) => p.changes.length > 0);
    const asBody = (cs: Change[]) => cs.map((c) => ({ day: c.day, unitId: c.unitId, action: c.action }));
    void form.submit(
      async () => {
        const headers = { 'idempotency-key': idempotencyKey.current ?? newIdempotencyKey() };
        let r: Reservation;
        if (withSiblings.length) {
          const all = await call('booking.submitSiblings', {
            body: { activityId, periodId, children: [{ childId, changes: asBody(list) }, ...withSiblings.map((p) => ({ childId: p.child.id, changes: asBody(p.changes) }))] },
            headers,
          });
          r = all.reservations[0];
          setOthers(all.reservations.slice(1));
        } else {
          r = await call('booking.submit', { body: { childId, activityId, periodId, changes: asBody(list) }, headers });
          setOthers([]);
        }
        setResult(r);
        setChanges(new Map());
        setWeeks(new Map());
        setStep('recap');
      },
      {
        // a problem on changes.N names that day and unit (the review has no fields to link to)
        mapErrors: (problems) =>
          problems.map((f) => {
            const i = Number(/^(?:children\.0\.)?changes\.(\d+)\./.exec(f.path ?? '')?.[1]);
            const c = Number.isInteger(i) ? list[i] : undefined;
            return { message: c ? t('planning.changeError', { day: dayLabel(c.day), unit: unitLabel(c.unitId), message: f.message }) : f.message };
          }),
      },
    );
  }

  // issue 12: a period held by a request campaign collects wishes instead of bookings (planning-wishes.tsx)
  if (first?.campaign) return <PlanningWishes planning={planning ?? first} loading={load.loading} onWeek={(w) => void show(w)} />;

  if (step === 'recap' && result)
    return (
      <ReservationRecap
        reservation={result}
        more={others}
        onFinish={() =>
          navigate('/famille', { flash: t(result.kind === 'cancellation' ? 'planning.flash.cancellation' : 'planning.flash.booking', { number: result.number }) })
        }
      />
    );

  if (step === 'review' && first)
    return (
      <Review
        planning={first}
        childName={childName}
        changes={sortedChanges(changes, weeks)}
        errors={form.errors}
        errorKey={form.focusKey}
        busy={form.busy}
        onEdit={() => {
          setReturned(true);
          setStep('planning');
        }}
        onValidate={() => void submit()}
        siblings={plans.length > 0 ? <SiblingReview plans={plans} unitLabel={(id) => first.units.find((u) => u.id === id)?.label ?? ''} /> : null}
      />
    );

  const counts = countChanges(changes);

  return (
    <>
      <Link to="/famille" className="back-link">
        {t('planning.back')}
      </Link>
      <PageHeading autoFocus={returned}>{titles.planning}</PageHeading>
      {!first && <LoadState loading={load.loading} error={load.error} onRetry={() => void show(null)} />}
      {first && (
        <>
          <div className="planning-intro">
            <p>
              <strong>{childName}</strong> — {first.activity.name}, {first.period.label} ({formatDayRange(first.period.startDay, first.period.endDay)}).
            </p>
            <ul className="planning-rules">
              <li>{t('planning.bookingRule', { rule: first.activity.bookingRuleText })}</li>
              <li>{t('planning.cancellationRule', { rule: first.activity.cancellationRuleText })}</li>
            </ul>
            <p className="muted">{t('planning.help')}</p>
          </div>
          {first.blocked && (
            <StatusMessage tone="warning" title={t('planning.blocked')}>
              <p>{errorMessage(first.blocked)}</p>
            </StatusMessage>
          )}
          <WeekNav planning={planning ?? first} loading={load.loading} onWeek={(w) => void show(w)} />
          {load.error && <LoadState loading={false} error={load.error} onRetry={() => void show(week)} />}
          <div className="planning-toolbar">
            <p className="planning-toolbar__count" aria-live="off">
              {counts.book === 0 && counts.cancel === 0
                ? t('planning.noChanges')
                : t('planning.counts', { book: t('planning.toBook', { count: counts.book }), cancel: t('planning.toCancel', { count: counts.cancel }) })}
            </p>
            <Legend items={planningLegend(t)} extra={<LegendPending t={t} />} />
          </div>
          <p className="visually-hidden" role="status" aria-live="polite">
            {announce}
          </p>
          <div className="view-switch" role="group" aria-label={t('planning.view.label')}>
            <button type="button" className="button button--secondary button--small" aria-pressed={view === 'week'} onClick={() => setView('week')}>
              {t('planning.view.week')}
            </button>
            <button type="button" className="button button--secondary button--small" aria-pressed={view === 'month'} onClick={() => void showMonth()}>
              {t('planning.view.month')}
            </button>
          </div>
          {view === 'month' && monthLoading && (
            <p className="loading" role="status">
              {t('planning.view.loading')}
            </p>
          )}
          {(view === 'week' ? (planning ? [planning] : []) : weeksOfMonth(week ?? first.week).map((m) => weeks.get(m)).filter((p): p is Planning => p !== undefined)).map((p) => (
            <PlanningGrid
              key={p.week}
              planning={p}
              captionId={view === 'week' ? 'planning-caption' : `planning-caption-${p.week}`}
              changes={changes}
              onCell={clickCell}
              onMenu={(unitId, action) => {
                const label = p.units.find((u) => u.id === unitId)?.label ?? '';
                if (action === 'auto') setAuto({ unitId, label });
                else void bulk(unitId, action.startsWith('select') ? 'select' : 'deselect', action.endsWith('period') ? 'period' : 'week', undefined, p);
              }}
            />
          ))}
          <SiblingPicker siblings={siblings} chosen={chosen} onChange={setChosen} />
          {planning_ && (
            <p className="loading" role="status">
              {t('planning.siblings.loading')}
            </p>
          )}
          <ButtonGroup>
            <Button onClick={() => void toReview()} disabled={counts.book + counts.cancel === 0} busy={planning_}>
              {t('planning.next')}
            </Button>
            <Link to="/famille" className="button button--secondary">
              {t('planning.abandon')}
            </Link>
          </ButtonGroup>
          {counts.book + counts.cancel === 0 && <p className="muted">{t('planning.chooseOne')}</p>}
          <AutoSelectDialog
            unit={auto}
            weekdays={availableWeekdays(planning ?? first)}
            onClose={() => setAuto(null)}
            onApply={(days, scope) => {
              const unitId = auto!.unitId;
              setAuto(null);
              void bulk(unitId, 'select', scope, days);
            }}
          />
        </>
      )}
    </>
  );
}

function countChanges(changes: ReadonlyMap<string, Change>) {
  let book = 0;
  let cancel = 0;
  for (const c of changes.values()) if (c.action === 'book') book++;
  else cancel++;
  return { book, cancel };
}

function sortedChanges(changes: ReadonlyMap<string, Change>, weeks: ReadonlyMap<string, Planning>): Change[] {
  const position = new Map<string, number>();
  for (const p of weeks.values()) for (const u of p.units) position.set(u.id, u.position);
  return [...changes.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : (position.get(a.unitId) ?? 0) - (position.get(b.unitId) ?? 0)));
}

/** Weekdays with at least one day the activity runs in the week shown (the automatic selection's check boxes). */
function availableWeekdays(p: Planning): number[] {
  const open = new Set<number>();
  for (const d of p.days) if (d.cells.some((c) => !(c.state === 'closed' && c.reason === 'weekday'))) open.add(d.weekday);
  return open.size ? [...open].sort() : [1, 2, 3, 4, 5];
}

function WeekNav({ planning, loading, onWeek }: { planning: Planning; loading: boolean; onWeek: (monday: string) => void }) {
  const { t } = useTranslation('family');
  const options = planning.weeks.some((w) => w.monday === planning.week)
    ? planning.weeks
    : [...planning.weeks, { monday: planning.week, number: 0, label: t('planning.week.weekOf', { day: dayLabel(planning.week) }) }].sort((a, b) =>
        a.monday < b.monday ? -1 : 1,
      );
  return (
    <div className="week-nav">
      <div className="field week-nav__field">
        <label className="field__label" htmlFor="semaine">
          {t('planning.week.label')}
        </label>
        <select id="semaine" className="select" value={planning.week} onChange={(e) => onWeek(e.target.value)} aria-busy={loading || undefined}>
          {options.map((w) => (
            <option key={w.monday} value={w.monday}>
              {w.number ? t('planning.week.numbered', { number: w.number, span: weekSpan(t, w.monday) }) : w.label}
            </option>
          ))}
        </select>
      </div>
      <div className="week-nav__buttons">
        <Button variant="secondary" className="button--small" disabled={!planning.previousWeek} onClick={() => planning.previousWeek && onWeek(planning.previousWeek)}>
          <span aria-hidden="true">← </span>
          {t('planning.week.previous')}
        </Button>
        <Button variant="secondary" className="button--small" disabled={!planning.nextWeek} onClick={() => planning.nextWeek && onWeek(planning.nextWeek)}>
          {t('planning.week.next')}
          <span aria-hidden="true"> →</span>
        </Button>
      </div>
    </div>
  );
}

/** « 30 nov. au 6 déc. »: short enough for a phone's select. */
function weekSpan(t: TFunction<'family'>, monday: string): string {
  const sunday = new Date(Date.parse(`${monday}T12:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
  const short = (d: string) => shortDayLabel(d).replace(/^\S+ /, '');
  return t('planning.week.span', { from: short(monday), to: short(sunday) });
}

/** « samedi » / "Saturday", as a sentence says it. */
function weekdayInSentence(day: string): string {
  return new Intl.DateTimeFormat(currentLocale(), { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
}

type MenuAction = 'select-period' | 'select-week' | 'deselect-period' | 'deselect-week' | 'auto';

function PlanningGrid({
  planning,
  changes,
  onCell,
  onMenu,
  captionId = 'planning-caption',
}: {
  captionId?: string;
  planning: Planning;
  changes: ReadonlyMap<string, Change>;
  onCell: (day: string, unitLabel: string, cell: Planning['days'][number]['cells'][number]) => void;
  onMenu: (unitId: string, action: MenuAction) => void;
}) {
  const { t } = useTranslation('family');
  const units = [...planning.units].sort((a, b) => a.position - b.position);
  // days the activity never runs (a Monday–Friday activity's weekend) are left out, and said once below
  const noActivity = (d: Planning['days'][number]) => d.cells.every((c) => c.state === 'closed' && c.reason === 'weekday');
  const days = planning.days.filter((d) => !noActivity(d));
  const hidden = planning.days.filter(noActivity);
  const weekLabel = planning.weeks.find((w) => w.monday === planning.week)?.label ?? t('planning.week.weekOf', { day: dayLabel(planning.week) });

  // Arrow keys move between the cells, as in a calendar; Tab still goes through them in reading order.
  function onKeyDown(e: KeyboardEvent<HTMLTableElement>) {
    const target = e.target as HTMLElement;
    const row = Number(target.dataset.row);
    const col = Number(target.dataset.col);
    if (!target.classList.contains('cell') || Number.isNaN(row)) return;
    const move: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const m = move[e.key];
    if (!m) return;
    const next = e.currentTarget.querySelector<HTMLElement>(`.cell[data-row="${row + m[0]}"][data-col="${col + m[1]}"]`);
    if (next) {
      e.preventDefault();
      next.focus();
    }
  }

  return (
    <div className="planning-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="planning" onKeyDown={onKeyDown}>
        <caption id={captionId} className="planning__caption">
          {weekLabel}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="planning__corner">
              {t('planning.grid.day')}
            </th>
            {units.map((u) => (
              <th scope="col" key={u.id} className="planning__unit">
                <span className="planning__unit-label">{u.label}</span>
                <UnitMenu label={u.label} onAction={(a) => onMenu(u.id, a)} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map((d, row) => (
            <tr key={d.day}>
              <th scope="row" className="planning__day">
                <span className="planning__day-long">{dayLabel(d.day)}</span>
                <span className="planning__day-short">{shortDayLabel(d.day)}</span>
              </th>
              {units.map((u, col) => {
                const cell = d.cells.find((c) => c.unitId === u.id);
                if (!cell) return <td key={u.id} />;
                const view = cellView(cell, changes.get(keyOf(d.day, u.id)));
                return (
                  <td key={u.id} className="planning__cell">
                    <button
                      type="button"
                      className={['cell', `cell--${view.icon}`, view.pending ? 'cell--pending' : '', view.actionable ? '' : 'cell--static'].filter(Boolean).join(' ')}
                      aria-label={cellName(d.day, u.label, view)}
                      aria-pressed={view.actionable ? view.booked : undefined}
                      aria-disabled={view.actionable ? undefined : true}
                      data-row={row}
                      data-col={col}
                      onClick={() => onCell(d.day, u.label, cell)}
                    >
                      <StateIcon kind={view.icon} />
                      <span className="cell__text">{view.text}</span>
                      {view.pending && <span className="cell__pending">{t('planning.grid.pending')}</span>}
                      {view.shortDetail && <span className="cell__detail">{view.shortDetail}</span>}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {hidden.length > 0 && (
        <p className="planning__note">
          {t('planning.grid.noActivity', { count: hidden.length, days: hidden.map((d) => weekdayInSentence(d.day)).join(` ${t('planning.grid.nor')} `) })}
        </p>
      )}
    </div>
  );
}

function UnitMenu({ label, onAction }: { label: string; onAction: (a: MenuAction) => void }) {
  const { t } = useTranslation('family');
  return (
    <MenuTrigger>
      <AriaButton className="unit-menu__button" aria-label={t('planning.menu.label', { unit: label })}>
        <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="18" height="18">
          <circle cx="5" cy="12" r="2" fill="currentColor" />
          <circle cx="12" cy="12" r="2" fill="currentColor" />
          <circle cx="19" cy="12" r="2" fill="currentColor" />
        </svg>
        <span className="unit-menu__text">{t('planning.menu.button')}</span>
      </AriaButton>
      <Popover className="menu-popover" placement="bottom end">
        <Menu className="menu" aria-label={t('planning.menu.label', { unit: label })} onAction={(key) => onAction(key as MenuAction)}>
          <MenuItem className="menu__item" id="select-period">
            {t('planning.menu.selectPeriod')}
          </MenuItem>
          <MenuItem className="menu__item" id="select-week">
            {t('planning.menu.selectWeek')}
          </MenuItem>
          <MenuItem className="menu__item" id="deselect-period">
            {t('planning.menu.deselectPeriod')}
          </MenuItem>
          <MenuItem className="menu__item" id="deselect-week">
            {t('planning.menu.deselectWeek')}
          </MenuItem>
          <MenuItem className="menu__item" id="auto">
            {t('planning.menu.auto')}
          </MenuItem>
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}

function Review({
  planning,
  childName,
  changes,
  errors,
  errorKey,
  busy,
  onEdit,
  onValidate,
  siblings,
}: {
  siblings?: React.ReactNode;
  planning: Planning;
  childName: string;
  changes: Change[];
  errors: SummaryError[];
  errorKey: number;
  busy: boolean;
  onEdit: () => void;
  onValidate: () => void;
}) {
  const { t } = useTranslation(['family', 'labels']);
  const unitLabel = (id: string) => planning.units.find((u) => u.id === id)?.label ?? '';
  const books = changes.filter((c) => c.action === 'book');
  const cancels = changes.filter((c) => c.action === 'cancel');
  const bookText = {
    accepted: t('labels:cellState.accepted'),
    request: t('labels:cellState.requested'),
    waitlist: t('labels:cellState.waitlisted'),
  } as const;
  const bookIcon = { accepted: 'accepted', request: 'requested', waitlist: 'waitlisted' } as const;
  return (
    <>
      <PageHeading autoFocus>{t('planning.reviewTitle')}</PageHeading>
      <ErrorSummary errors={errors} focusKey={errorKey} />
      <p>
        <Trans
          t={t}
          i18nKey="planning.review.intro"
          values={{ child: childName, activity: planning.activity.name, period: planning.period.label }}
          components={{ strong: <strong /> }}
        />
      </p>
      {books.length > 0 && (
        <ChangeTable caption={t('planning.review.toBook', { n: books.length })}>
          {books.map((c) => (
            <tr key={keyOf(c.day, c.unitId)}>
              <td>{dayLabel(c.day, true)}</td>
              <td>{unitLabel(c.unitId)}</td>
              <td>
                <span className="with-icon">
                  <StateIcon kind={bookIcon[c.expect]} />
                  {bookText[c.expect]}
                </span>
              </td>
            </tr>
          ))}
        </ChangeTable>
      )}
      {cancels.length > 0 && (
        <ChangeTable caption={t('planning.review.toCancel', { n: cancels.length })}>
          {cancels.map((c) => (
            <tr key={keyOf(c.day, c.unitId)}>
              <td>{dayLabel(c.day, true)}</td>
              <td>{unitLabel(c.unitId)}</td>
              <td>
                <span className="with-icon">
                  <StateIcon kind={c.expect === 'request' ? 'cancel_requested' : 'cancel'} />
                  {c.expect === 'request' ? t('planning.review.cancelRequest') : t('planning.review.cancelNow')}
                </span>
              </td>
            </tr>
          ))}
        </ChangeTable>
      )}
      {siblings}
      <p className="muted">{t('planning.review.note')}</p>
      <ButtonGroup>
        <Button onClick={onValidate} busy={busy}>
          {t('planning.review.validate')}
        </Button>
        <Button variant="secondary" onClick={onEdit}>
          {t('planning.review.edit')}
        </Button>
      </ButtonGroup>
    </>
  );
}

function ChangeTable({ caption, children }: { caption: string; children: React.ReactNode }) {
  const { t } = useTranslation('family');
  return (
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="table">
        <caption className="table__caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('planning.review.head.day')}</th>
            <th scope="col">{t('planning.review.head.unit')}</th>
            <th scope="col">{t('planning.review.head.expected')}</th>
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
