/**
 * A booking or cancellation policy as staff configure it: the calendar module's deadline rule (one of its kinds,
 * with that kind's settings), what happens before the cut-off and after it, and the wording families will read,
 * computed live by describeRule(). Field ids follow the API paths (« bookingPolicy.deadline.days ») so the error
 * summary links to them.
 */
import type { DeadlinePolicy, DeadlineRule } from '../../shared/calendar/deadlines.js';
import { describeRule } from '../../shared/calendar/wording.js';
import { WEEKDAY_LABELS } from '../i18n/fr.js';
import { Checkbox, Field, SelectField } from './field.js';
import { Fieldset, Radios } from './fieldset.js';

/** The policy being edited, as the form's strings. */
export interface PolicyDraft {
  kind: DeadlineRule['kind'];
  days: string;
  at: string;
  skip: 'none' | 'weekends' | 'publicHolidays' | 'workingDays';
  clearDays: boolean;
  hours: string;
  from: 'dayStart' | 'unitStart';
  weekday: string;
  weeksBefore: string;
  dayOfMonth: string;
  monthsBefore: string;
  previousWorkingDay: boolean;
  inside: 'accept' | 'request';
  after: 'request' | 'refuse';
}

const KIND_OPTIONS: { value: DeadlineRule['kind']; label: string }[] = [
  { value: 'daysBefore', label: 'Un nombre de jours avant (J-2, la veille, jours ouvrés…)' },
  { value: 'weekdayOfPreviousWeek', label: 'Un jour de la semaine précédente (jusqu’au mardi 23 h 59…)' },
  { value: 'hoursBefore', label: 'Un nombre d’heures avant (72 h avant…)' },
  { value: 'dayOfPreviousMonth', label: 'Un jour du mois précédent (jusqu’au 20 du mois précédent…)' },
  { value: 'none', label: 'Sans délai' },
  { value: 'closed', label: 'Impossible en ligne' },
];

const SKIP_OPTIONS = [
  { value: 'none', label: 'Tous les jours comptent' },
  { value: 'weekends', label: 'Sans compter les week-ends' },
  { value: 'publicHolidays', label: 'Sans compter les jours fériés' },
  { value: 'workingDays', label: 'Jours ouvrés seulement (ni week-ends ni jours fériés)' },
];

export function draftOf(p: DeadlinePolicy): PolicyDraft {
  const r = p.deadline;
  const d: PolicyDraft = {
    kind: r.kind,
    days: '2',
    at: '12:00',
    skip: 'weekends',
    clearDays: false,
    hours: '72',
    from: 'dayStart',
    weekday: '2',
    weeksBefore: '1',
    dayOfMonth: '20',
    monthsBefore: '1',
    previousWorkingDay: false,
    inside: p.insideDeadline,
    after: p.afterDeadline,
  };
  if (r.kind === 'daysBefore') Object.assign(d, { days: String(r.days), at: r.at, skip: r.skip, clearDays: r.clearDays ?? false });
  if (r.kind === 'hoursBefore') Object.assign(d, { hours: String(r.hours), from: r.from ?? 'dayStart' });
  if (r.kind === 'weekdayOfPreviousWeek')
    Object.assign(d, { weekday: String(r.weekday), at: r.at, weeksBefore: String(r.weeksBefore ?? 1), previousWorkingDay: r.ifNonWorkingDay === 'previousWorkingDay' });
  if (r.kind === 'dayOfPreviousMonth')
    Object.assign(d, { dayOfMonth: String(r.dayOfMonth), at: r.at, monthsBefore: String(r.monthsBefore ?? 1), previousWorkingDay: r.ifNonWorkingDay === 'previousWorkingDay' });
  return d;
}

const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));

/** The policy the API receives; a wrong number stays wrong (the server names the problem per field). */
export function policyOf(d: PolicyDraft): DeadlinePolicy {
  let deadline: DeadlineRule;
  switch (d.kind) {
    case 'none':
    case 'closed':
      deadline = { kind: d.kind };
      break;
    case 'daysBefore':
      deadline = { kind: 'daysBefore', days: num(d.days), at: d.at, skip: d.skip, ...(d.clearDays ? { clearDays: true } : {}) };
      break;
    case 'hoursBefore':
      deadline = { kind: 'hoursBefore', hours: num(d.hours), from: d.from };
      break;
    case 'weekdayOfPreviousWeek':
      deadline = {
        kind: 'weekdayOfPreviousWeek',
        weekday: num(d.weekday) as 1,
        at: d.at,
        weeksBefore: num(d.weeksBefore),
        ...(d.previousWorkingDay ? { ifNonWorkingDay: 'previousWorkingDay' as const } : {}),
      };
      break;
    case 'dayOfPreviousMonth':
      deadline = {
        kind: 'dayOfPreviousMonth',
        dayOfMonth: num(d.dayOfMonth),
        at: d.at,
        monthsBefore: num(d.monthsBefore),
        ...(d.previousWorkingDay ? { ifNonWorkingDay: 'previousWorkingDay' as const } : {}),
      };
      break;
  }
  return { deadline, insideDeadline: d.inside, afterDeadline: d.after };
}

function preview(d: PolicyDraft, action: 'booking' | 'cancellation'): string | null {
  try {
    const p = policyOf(d);
    const r = p.deadline;
    const values = Object.values(r).filter((v) => typeof v === 'number') as number[];
    if (values.some((v) => !Number.isInteger(v) || v < 0)) return null;
    if ('at' in r && !/^([01]\d|2[0-3]):[0-5]\d$/.test(r.at)) return null;
    const rule = describeRule(r, action);
    if (r.kind === 'none' || r.kind === 'closed') return `${rule.charAt(0).toUpperCase()}${rule.slice(1)}.`;
    const inside = p.insideDeadline === 'accept' ? 'acceptée aussitôt' : 'demande à accepter par le service';
    const after = p.afterDeadline === 'request' ? 'demande à accepter par le service' : 'refusée';
    return `Délai : ${rule}. Avant la date limite : ${inside} ; après : ${after}.`;
  } catch {
    return null;
  }
}

interface Props {
  /** the API path of the policy: « bookingPolicy » or « cancellationPolicy » */
  name: string;
  legend: string;
  action: 'booking' | 'cancellation';
  value: PolicyDraft;
  onChange: (d: PolicyDraft) => void;
  errorFor: (path: string) => string | null;
}

export function DeadlinePolicyField({ name, legend, action, value: d, onChange, errorFor }: Props) {
  const set = <K extends keyof PolicyDraft>(k: K, v: PolicyDraft[K]) => onChange({ ...d, [k]: v });
  const p = (s: string) => `${name}.deadline.${s}`;
  const text = preview(d, action);
  const noun = action === 'booking' ? 'La réservation' : 'L’annulation';
  return (
    <Fieldset legend={legend}>
      <SelectField name={p('kind')} label="Type de délai" value={d.kind} onValueChange={(v) => set('kind', v as PolicyDraft['kind'])} options={KIND_OPTIONS} error={errorFor(p('kind'))} />
      {d.kind === 'daysBefore' && (
        <>
          <Field name={p('days')} label="Nombre de jours avant" hint="0 = le jour même, 1 = la veille, 2 = J-2…" inputMode="numeric" width="short" value={d.days} onValueChange={(v) => set('days', v)} error={errorFor(p('days'))} />
          <SelectField name={p('skip')} label="Jours comptés" value={d.skip} onValueChange={(v) => set('skip', v as PolicyDraft['skip'])} options={SKIP_OPTIONS} error={errorFor(p('skip'))} />
          <Checkbox name={p('clearDays')} label="En jours francs (ni le jour de la demande ni le jour réservé ne comptent)" checked={d.clearDays} onCheckedChange={(v) => set('clearDays', v)} />
        </>
      )}
      {d.kind === 'hoursBefore' && (
        <>
          <Field name={p('hours')} label="Nombre d’heures avant" inputMode="numeric" width="short" value={d.hours} onValueChange={(v) => set('hours', v)} error={errorFor(p('hours'))} />
          <SelectField
            name={p('from')}
            label="Compté depuis"
            value={d.from}
            onValueChange={(v) => set('from', v as PolicyDraft['from'])}
            options={[
              { value: 'dayStart', label: 'Le début de la journée (0 h)' },
              { value: 'unitStart', label: 'L’heure de début de l’activité' },
            ]}
          />
        </>
      )}
      {d.kind === 'weekdayOfPreviousWeek' && (
        <>
          <SelectField name={p('weekday')} label="Jour limite" value={d.weekday} onValueChange={(v) => set('weekday', v)} options={WEEKDAY_LABELS.map((l, i) => ({ value: String(i + 1), label: l }))} error={errorFor(p('weekday'))} />
          <Field name={p('weeksBefore')} label="Nombre de semaines avant" hint="1 = la semaine précédente, 2 = deux semaines avant…" inputMode="numeric" width="short" value={d.weeksBefore} onValueChange={(v) => set('weeksBefore', v)} error={errorFor(p('weeksBefore'))} />
        </>
      )}
      {d.kind === 'dayOfPreviousMonth' && (
        <>
          <Field name={p('dayOfMonth')} label="Jour du mois" hint="Entre 1 et 31 ; 31 = le dernier jour du mois." inputMode="numeric" width="short" value={d.dayOfMonth} onValueChange={(v) => set('dayOfMonth', v)} error={errorFor(p('dayOfMonth'))} />
          <Field name={p('monthsBefore')} label="Nombre de mois avant" inputMode="numeric" width="short" value={d.monthsBefore} onValueChange={(v) => set('monthsBefore', v)} error={errorFor(p('monthsBefore'))} />
        </>
      )}
      {(d.kind === 'daysBefore' || d.kind === 'weekdayOfPreviousWeek' || d.kind === 'dayOfPreviousMonth') && (
        <Field name={p('at')} label="Heure limite" hint="Heure de Paris, au format HH:MM, par exemple 12:00 ou 23:59." width="short" value={d.at} onValueChange={(v) => set('at', v)} error={errorFor(p('at'))} />
      )}
      {(d.kind === 'weekdayOfPreviousWeek' || d.kind === 'dayOfPreviousMonth') && (
        <Checkbox name={p('ifNonWorkingDay')} label="Avancer la date limite au jour ouvré précédent si elle tombe un jour férié ou un week-end" checked={d.previousWorkingDay} onCheckedChange={(v) => set('previousWorkingDay', v)} />
      )}
      {d.kind !== 'none' && d.kind !== 'closed' && (
        <>
          <Radios
            name={`${name}.insideDeadline`}
            legend={`${noun} avant la date limite est`}
            inline
            options={[
              { value: 'accept', label: 'Acceptée aussitôt' },
              { value: 'request', label: 'Une demande à accepter par le service' },
            ]}
            value={d.inside}
            onValueChange={(v) => set('inside', v)}
            error={errorFor(`${name}.insideDeadline`)}
          />
          <Radios
            name={`${name}.afterDeadline`}
            legend={`${noun} après la date limite est`}
            inline
            options={[
              { value: 'request', label: 'Une demande à accepter par le service' },
              { value: 'refuse', label: 'Refusée' },
            ]}
            value={d.after}
            onValueChange={(v) => set('after', v)}
            error={errorFor(`${name}.afterDeadline`)}
          />
        </>
      )}
      {d.kind === 'none' && (
        <Radios
          name={`${name}.insideDeadline`}
          legend={`${noun} est`}
          inline
          options={[
            { value: 'accept', label: 'Acceptée aussitôt' },
            { value: 'request', label: 'Une demande à accepter par le service' },
          ]}
          value={d.inside}
          onValueChange={(v) => set('inside', v)}
        />
      )}
      <p className="rule-preview" aria-live="polite">
        <strong>Ce que lisent les familles : </strong>
        {text ?? 'complétez les réglages ci-dessus.'}
      </p>
      {errorFor(p('excludedWeekdays')) && <p className="field__error">{errorFor(p('excludedWeekdays'))}</p>}
    </Fieldset>
  );
}
