/**
 * The booking planning (guide §5.1 and §5.3): one child, one activity, one period. The family picks a week, clicks
 * days to book (or booked days to cancel), uses a unit's menu for many days at once, then reviews the changes
 * (« Modifier » / « Valider ») and reads the recap of the numbered reservation.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Button as AriaButton, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import type { Planning, Reservation } from '../../shared/booking-contracts.js';
import { messageFor } from '../../shared/errors.js';
import { ApiError, call } from '../api/client.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link, navigate } from '../app/router.js';
import { dayLabel, formatDayRange, plural, shortDayLabel } from '../i18n/fr.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { ErrorSummary, type SummaryError } from '../ui/error-summary.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { StateIcon } from '../ui/state-icon.js';
import { Legend, type LegendItem } from '../ui/legend.js';
import { useForm } from '../ui/use-form.js';
import { AutoSelectDialog, type AutoScope } from './planning-auto-select.js';
import { ReservationRecap } from './reservation-recap.js';
import {
  cellName,
  cellView,
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

export const PLANNING_LEGEND: LegendItem[] = [
  { icon: 'available', label: 'Disponible', description: 'cliquez pour réserver ce jour' },
  { icon: 'accepted', label: 'Réservation acceptée', description: 'la place est réservée' },
  { icon: 'requested', label: 'Demande de réservation', description: 'le service Enfance doit l’accepter' },
  { icon: 'waitlisted', label: 'Liste d’attente', description: 'le jour est complet ; vous aurez la place si elle se libère' },
  { icon: 'cancel', label: 'Annulation', description: 'le jour réservé sera annulé dès la validation' },
  { icon: 'cancel_requested', label: 'Demande d’annulation', description: 'le service Enfance doit l’accepter' },
  { icon: 'full', label: 'Complet', description: 'plus de place ; cliquez pour vous inscrire sur la liste d’attente' },
  { icon: 'deadline_passed', label: 'Délai de réservation dépassé', description: 'la date limite est indiquée dans la case' },
  { icon: 'closed', label: 'Fermé', description: 'jour férié, jour de fermeture ou sans activité' },
  { icon: 'holiday', label: 'Vacances scolaires', description: 'l’activité n’a pas lieu pendant les vacances' },
  { icon: 'age_not_allowed', label: 'Âge non autorisé', description: 'l’âge de l’enfant ne permet pas de réserver' },
  { icon: 'not_open', label: 'Réservations non ouvertes', description: 'la réservation n’est pas possible en ce moment' },
];

const LEGEND_PENDING = (
  <p className="legend__note">
    <span className="cell-pending-sample" aria-hidden="true">
      À valider
    </span>{' '}
    Une case encadrée en pointillés porte la mention « à valider » : votre choix n’est enregistré qu’après « Valider ».
  </p>
);

type Step = 'planning' | 'review' | 'recap';

interface Props {
  childId: string;
  activityId: string;
  periodId: string;
}

export function PlanningPage({ childId, activityId, periodId }: Props) {
  const params = { childId, activityId, periodId };
  const [weeks, setWeeks] = useState<Map<string, Planning>>(new Map());
  const [week, setWeek] = useState<string | null>(null);
  const [load, setLoad] = useState<{ loading: boolean; error: string | null }>({ loading: true, error: null });
  const [changes, setChanges] = useState<Map<string, Change>>(new Map());
  const [announce, setAnnounce] = useState('');
  const [step, setStep] = useState<Step>('planning');
  const [auto, setAuto] = useState<{ unitId: string; label: string } | null>(null);
  const [result, setResult] = useState<Reservation | null>(null);
  const form = useForm();
  /** back from the review: the heading takes focus so the keyboard starts from the top of the planning */
  const [returned, setReturned] = useState(false);
  const idempotencyKey = useRef<string | null>(null);

  const planning = week ? (weeks.get(week) ?? null) : null;
  const first = planning ?? weeks.values().next().value ?? null;
  const childName = first ? `${first.child.firstName} ${first.child.lastName.toUpperCase()}` : '';

  const titles: Record<Step, string> = {
    planning: first ? `Planning de ${first.child.firstName} — ${first.activity.name}` : 'Planning de réservation',
    review: 'Vérifier ma demande',
    recap: result?.kind === 'cancellation' ? 'Demande d’annulation enregistrée' : 'Réservation enregistrée',
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
      setLoad({ loading: false, error: e instanceof ApiError ? e.message : messageFor('internal') });
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

  function describe(r: BulkResult, verb: 'select' | 'deselect', unitLabel: string, where: string): string {
    if (r.count === 0) return verb === 'select' ? `Aucun jour à sélectionner pour « ${unitLabel} » ${where}.` : `Aucun jour à désélectionner pour « ${unitLabel} » ${where}.`;
    const what = verb === 'select' ? `${plural(r.count, 'jour sélectionné', 'jours sélectionnés')}` : `${plural(r.count, 'jour désélectionné', 'jours désélectionnés')}`;
    const full = r.skippedFull ? ` ${plural(r.skippedFull, 'jour complet n’a pas été sélectionné', 'jours complets n’ont pas été sélectionnés')} : cliquez sur un jour complet pour demander la liste d’attente.` : '';
    return `${what} pour « ${unitLabel} » ${where}.${full}`;
  }

  async function bulk(unitId: string, op: 'select' | 'deselect', scope: AutoScope, weekdays?: Set<number>) {
    if (!planning) return;
    const unitLabel = planning.units.find((u) => u.id === unitId)?.label ?? '';
    try {
      const source = scope === 'period' ? await loadAllWeeks() : [planning];
      const cells = unitCells(source, unitId);
      setChanges((current) => {
        const r = op === 'select' ? selectDays(current, cells, weekdays) : deselectDays(current, cells);
        setAnnounce(describe(r, op, unitLabel, scope === 'period' ? 'sur toute la période' : 'sur la semaine affichée'));
        return r.changes;
      });
    } catch (e) {
      setAnnounce(e instanceof ApiError ? e.message : messageFor('internal'));
    }
  }

  function clickCell(day: string, unitLabel: string, cell: Planning['days'][number]['cells'][number]) {
    const k = keyOf(day, cell.unitId);
    const view = cellView(cell, changes.get(k));
    if (!view.actionable) {
      setAnnounce(`${dayLabel(day)}, ${unitLabel} : ${view.text.toLowerCase()}${view.detail ? ` — ${view.detail}` : ''}. Ce jour ne peut pas être modifié.`);
      return;
    }
    const next = toggle(changes, day, cell);
    setChanges(next);
    setAnnounce(cellName(day, unitLabel, cellView(cell, next.get(k))));
  }

  function toReview() {
    idempotencyKey.current = newIdempotencyKey();
    form.clear();
    setStep('review');
  }

  function submit() {
    if (!first) return;
    const list = sortedChanges(changes, weeks);
    const unitLabel = (id: string) => first.units.find((u) => u.id === id)?.label ?? '';
    void form.submit(
      async () => {
        const r = await call('booking.submit', {
          body: { childId, activityId, periodId, changes: list.map((c) => ({ day: c.day, unitId: c.unitId, action: c.action })) },
          headers: { 'idempotency-key': idempotencyKey.current ?? newIdempotencyKey() },
        });
        setResult(r);
        setChanges(new Map());
        setWeeks(new Map());
        setStep('recap');
      },
      {
        // a problem on changes.N names that day and unit (the review has no fields to link to)
        mapErrors: (problems) =>
          problems.map((f) => {
            const i = Number(/^changes\.(\d+)\./.exec(f.path ?? '')?.[1]);
            const c = Number.isInteger(i) ? list[i] : undefined;
            return { message: c ? `${dayLabel(c.day)}, ${unitLabel(c.unitId)} : ${f.message}` : f.message };
          }),
      },
    );
  }

  if (step === 'recap' && result)
    return (
      <ReservationRecap
        reservation={result}
        onFinish={() => navigate('/famille', { flash: `${result.kind === 'cancellation' ? 'Demande d’annulation' : 'Réservation'} n° ${result.number} enregistrée : elle figure dans la liste de vos réservations.` })}
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
      />
    );

  const counts = countChanges(changes);

  return (
    <>
      <Link to="/famille" className="back-link">
        Mon compte famille
      </Link>
      <PageHeading autoFocus={returned}>{titles.planning}</PageHeading>
      {!first && <LoadState loading={load.loading} error={load.error} />}
      {first && (
        <>
          <div className="planning-intro">
            <p>
              <strong>{childName}</strong> — {first.activity.name}, {first.period.label} ({formatDayRange(first.period.startDay, first.period.endDay)}).
            </p>
            <ul className="planning-rules">
              <li>Délai de réservation : {first.activity.bookingRuleText}.</li>
              <li>Délai d’annulation : {first.activity.cancellationRuleText}.</li>
            </ul>
            <p className="muted">
              Cliquez dans la case d’un jour pour le réserver ; cliquez de nouveau pour retirer votre choix. Cliquez sur un jour déjà réservé pour
              demander son annulation. Le bouton « Options » de chaque colonne sélectionne ou désélectionne plusieurs jours.
            </p>
          </div>
          {first.blocked && (
            <StatusMessage tone="warning" title="Vous ne pouvez pas réserver pour le moment.">
              <p>{messageFor(first.blocked)}</p>
            </StatusMessage>
          )}
          <WeekNav planning={planning ?? first} loading={load.loading} onWeek={(w) => void show(w)} />
          {load.error && <LoadState loading={false} error={load.error} />}
          <div className="planning-toolbar">
            <p className="planning-toolbar__count" aria-live="off">
              {counts.book === 0 && counts.cancel === 0
                ? 'Aucune modification pour le moment.'
                : `${plural(counts.book, 'jour à réserver', 'jours à réserver')}, ${plural(counts.cancel, 'jour à annuler', 'jours à annuler')}.`}
            </p>
            <Legend items={PLANNING_LEGEND} extra={LEGEND_PENDING} />
          </div>
          <p className="visually-hidden" role="status" aria-live="polite">
            {announce}
          </p>
          {planning && (
            <PlanningGrid
              planning={planning}
              changes={changes}
              onCell={clickCell}
              onMenu={(unitId, action) => {
                const label = planning.units.find((u) => u.id === unitId)?.label ?? '';
                if (action === 'auto') setAuto({ unitId, label });
                else void bulk(unitId, action.startsWith('select') ? 'select' : 'deselect', action.endsWith('period') ? 'period' : 'week');
              }}
            />
          )}
          <ButtonGroup>
            <Button onClick={toReview} disabled={counts.book + counts.cancel === 0}>
              Suivant
            </Button>
            <Link to="/famille" className="button button--secondary">
              Abandonner
            </Link>
          </ButtonGroup>
          {counts.book + counts.cancel === 0 && <p className="muted">Choisissez au moins un jour à réserver ou à annuler pour passer à l’étape suivante.</p>}
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
  const options = planning.weeks.some((w) => w.monday === planning.week)
    ? planning.weeks
    : [...planning.weeks, { monday: planning.week, number: 0, label: `Semaine du ${dayLabel(planning.week)}` }].sort((a, b) => (a.monday < b.monday ? -1 : 1));
  return (
    <div className="week-nav">
      <div className="field week-nav__field">
        <label className="field__label" htmlFor="semaine">
          Semaine
        </label>
        <select id="semaine" className="select" value={planning.week} onChange={(e) => onWeek(e.target.value)} aria-busy={loading || undefined}>
          {options.map((w) => (
            <option key={w.monday} value={w.monday}>
              {w.number ? `Semaine ${w.number} — ${weekSpan(w.monday)}` : w.label}
            </option>
          ))}
        </select>
      </div>
      <div className="week-nav__buttons">
        <Button variant="secondary" className="button--small" disabled={!planning.previousWeek} onClick={() => planning.previousWeek && onWeek(planning.previousWeek)}>
          <span aria-hidden="true">← </span>Semaine précédente
        </Button>
        <Button variant="secondary" className="button--small" disabled={!planning.nextWeek} onClick={() => planning.nextWeek && onWeek(planning.nextWeek)}>
          Semaine suivante<span aria-hidden="true"> →</span>
        </Button>
      </div>
    </div>
  );
}

/** « 30 nov. au 6 déc. »: short enough for a phone's select. */
function weekSpan(monday: string): string {
  const sunday = new Date(Date.parse(`${monday}T12:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
  const short = (d: string) => shortDayLabel(d).replace(/^\S+ /, '');
  return `${short(monday)} au ${short(sunday)}`;
}

type MenuAction = 'select-period' | 'select-week' | 'deselect-period' | 'deselect-week' | 'auto';

function PlanningGrid({
  planning,
  changes,
  onCell,
  onMenu,
}: {
  planning: Planning;
  changes: ReadonlyMap<string, Change>;
  onCell: (day: string, unitLabel: string, cell: Planning['days'][number]['cells'][number]) => void;
  onMenu: (unitId: string, action: MenuAction) => void;
}) {
  const units = [...planning.units].sort((a, b) => a.position - b.position);
  // days the activity never runs (a Monday–Friday activity's weekend) are left out, and said once below
  const noActivity = (d: Planning['days'][number]) => d.cells.every((c) => c.state === 'closed' && c.reason === 'weekday');
  const days = planning.days.filter((d) => !noActivity(d));
  const hidden = planning.days.filter(noActivity);
  const weekLabel = planning.weeks.find((w) => w.monday === planning.week)?.label ?? `Semaine du ${dayLabel(planning.week)}`;

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
    <div className="planning-wrap" role="region" aria-labelledby="planning-caption" tabIndex={0}>
      <table className="planning" onKeyDown={onKeyDown}>
        <caption id="planning-caption" className="planning__caption">
          {weekLabel}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="planning__corner">
              Jour
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
                      {view.pending && <span className="cell__pending">À valider</span>}
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
          Pas d’activité {hidden.map((d) => dayLabel(d.day).split(' ')[0].toLowerCase()).join(' ni ')} : {hidden.length > 1 ? 'ces jours ne sont pas affichés' : 'ce jour n’est pas affiché'}.
        </p>
      )}
    </div>
  );
}

function UnitMenu({ label, onAction }: { label: string; onAction: (a: MenuAction) => void }) {
  return (
    <MenuTrigger>
      <AriaButton className="unit-menu__button" aria-label={`Options de la colonne ${label}`}>
        <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="18" height="18">
          <circle cx="5" cy="12" r="2" fill="currentColor" />
          <circle cx="12" cy="12" r="2" fill="currentColor" />
          <circle cx="19" cy="12" r="2" fill="currentColor" />
        </svg>
        <span className="unit-menu__text">Options</span>
      </AriaButton>
      <Popover className="menu-popover" placement="bottom end">
        <Menu className="menu" aria-label={`Options de la colonne ${label}`} onAction={(key) => onAction(key as MenuAction)}>
          <MenuItem className="menu__item" id="select-period">
            Sélectionner les jours de la période
          </MenuItem>
          <MenuItem className="menu__item" id="select-week">
            Sélectionner les jours affichés à l’écran
          </MenuItem>
          <MenuItem className="menu__item" id="deselect-period">
            Désélectionner tous les jours de la période
          </MenuItem>
          <MenuItem className="menu__item" id="deselect-week">
            Désélectionner uniquement les jours affichés à l’écran
          </MenuItem>
          <MenuItem className="menu__item" id="auto">
            Sélection automatique des jours…
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
}: {
  planning: Planning;
  childName: string;
  changes: Change[];
  errors: SummaryError[];
  errorKey: number;
  busy: boolean;
  onEdit: () => void;
  onValidate: () => void;
}) {
  const unitLabel = (id: string) => planning.units.find((u) => u.id === id)?.label ?? '';
  const books = changes.filter((c) => c.action === 'book');
  const cancels = changes.filter((c) => c.action === 'cancel');
  const bookText = { accepted: 'Réservation acceptée', request: 'Demande de réservation', waitlist: 'Liste d’attente' } as const;
  const bookIcon = { accepted: 'accepted', request: 'requested', waitlist: 'waitlisted' } as const;
  return (
    <>
      <PageHeading autoFocus>Vérifier ma demande</PageHeading>
      <ErrorSummary errors={errors} focusKey={errorKey} />
      <p>
        <strong>{childName}</strong> — {planning.activity.name}, {planning.period.label}. Vérifiez les jours ci-dessous, puis cliquez sur « Valider ».
        Pour corriger, cliquez sur « Modifier ».
      </p>
      {books.length > 0 && (
        <ChangeTable caption={`Jours à réserver (${books.length})`}>
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
        <ChangeTable caption={`Jours à annuler (${cancels.length})`}>
          {cancels.map((c) => (
            <tr key={keyOf(c.day, c.unitId)}>
              <td>{dayLabel(c.day, true)}</td>
              <td>{unitLabel(c.unitId)}</td>
              <td>
                <span className="with-icon">
                  <StateIcon kind={c.expect === 'request' ? 'cancel_requested' : 'cancel'} />
                  {c.expect === 'request' ? 'Demande d’annulation (le service doit l’accepter)' : 'Annulation immédiate'}
                </span>
              </td>
            </tr>
          ))}
        </ChangeTable>
      )}
      <p className="muted">Ce qui est indiqué dépend des délais et des places au moment de la validation : le récapitulatif donne le résultat.</p>
      <ButtonGroup>
        <Button onClick={onValidate} busy={busy}>
          Valider
        </Button>
        <Button variant="secondary" onClick={onEdit}>
          Modifier
        </Button>
      </ButtonGroup>
    </>
  );
}

function ChangeTable({ caption, children }: { caption: string; children: React.ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="table">
        <caption className="table__caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Jour</th>
            <th scope="col">Unité</th>
            <th scope="col">Ce qui est prévu</th>
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
