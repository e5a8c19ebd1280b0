/**
 * A booking or cancellation policy as staff configure it: the calendar module's deadline rule (one of its kinds,
 * with that kind's settings), what happens before the cut-off and after it, and the wording families will read,
 * computed live by describeRule(). Field ids follow the API paths (« bookingPolicy.deadline.days ») so the error
 * summary links to them.
 */
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { DeadlinePolicy, DeadlineRule } from '../../shared/calendar/deadlines.js';
import { describeRule } from '../../shared/calendar/wording.js';
import { currentLanguage } from '../i18n/i18n.js';
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

/** The kinds of deadline, in the order of the list (words: common:deadlinePolicy.kind.*). */
const KINDS: DeadlineRule['kind'][] = ['daysBefore', 'weekdayOfPreviousWeek', 'hoursBefore', 'dayOfPreviousMonth', 'none', 'closed'];

const SKIPS: PolicyDraft['skip'][] = ['none', 'weekends', 'publicHolidays', 'workingDays'];

const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;

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

function preview(t: TFunction<'common'>, d: PolicyDraft, action: 'booking' | 'cancellation'): string | null {
  try {
    const p = policyOf(d);
    const r = p.deadline;
    const values = Object.values(r).filter((v) => typeof v === 'number') as number[];
    if (values.some((v) => !Number.isInteger(v) || v < 0)) return null;
    if ('at' in r && !/^([01]\d|2[0-3]):[0-5]\d$/.test(r.at)) return null;
    const rule = describeRule(r, action, currentLanguage());
    if (r.kind === 'none' || r.kind === 'closed') return `${rule.charAt(0).toUpperCase()}${rule.slice(1)}.`;
    const inside = p.insideDeadline === 'accept' ? t('deadlinePolicy.previewAccept') : t('deadlinePolicy.previewRequest');
    const after = p.afterDeadline === 'request' ? t('deadlinePolicy.previewRequest') : t('deadlinePolicy.previewRefuse');
    return t('deadlinePolicy.preview', { rule, inside, after });
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
  const { t } = useTranslation(['common', 'labels']);
  const set = <K extends keyof PolicyDraft>(k: K, v: PolicyDraft[K]) => onChange({ ...d, [k]: v });
  const p = (s: string) => `${name}.deadline.${s}`;
  const text = preview(t, d, action);
  const kindOptions = KINDS.map((k) => ({ value: k, label: t(`deadlinePolicy.kind.${k}`) }));
  const skipOptions = SKIPS.map((k) => ({ value: k, label: t(`deadlinePolicy.skip.${k}`) }));
  const acceptOption = { value: 'accept' as const, label: t('deadlinePolicy.accept') };
  const requestOption = { value: 'request' as const, label: t('deadlinePolicy.request') };
  return (
    <Fieldset legend={legend}>
      <SelectField name={p('kind')} label={t('deadlinePolicy.kind.label')} value={d.kind} onValueChange={(v) => set('kind', v as PolicyDraft['kind'])} options={kindOptions} error={errorFor(p('kind'))} />
      {d.kind === 'daysBefore' && (
        <>
          <Field name={p('days')} label={t('deadlinePolicy.days.label')} hint={t('deadlinePolicy.days.hint')} inputMode="numeric" width="short" value={d.days} onValueChange={(v) => set('days', v)} error={errorFor(p('days'))} />
          <SelectField name={p('skip')} label={t('deadlinePolicy.skip.label')} value={d.skip} onValueChange={(v) => set('skip', v as PolicyDraft['skip'])} options={skipOptions} error={errorFor(p('skip'))} />
          <Checkbox name={p('clearDays')} label={t('deadlinePolicy.clearDays')} checked={d.clearDays} onCheckedChange={(v) => set('clearDays', v)} />
        </>
      )}
      {d.kind === 'hoursBefore' && (
        <>
          <Field name={p('hours')} label={t('deadlinePolicy.hours')} inputMode="numeric" width="short" value={d.hours} onValueChange={(v) => set('hours', v)} error={errorFor(p('hours'))} />
          <SelectField
            name={p('from')}
            label={t('deadlinePolicy.from.label')}
            value={d.from}
            onValueChange={(v) => set('from', v as PolicyDraft['from'])}
            options={[
              { value: 'dayStart', label: t('deadlinePolicy.from.dayStart') },
              { value: 'unitStart', label: t('deadlinePolicy.from.unitStart') },
            ]}
          />
        </>
      )}
      {d.kind === 'weekdayOfPreviousWeek' && (
        <>
          <SelectField name={p('weekday')} label={t('deadlinePolicy.weekday')} value={d.weekday} onValueChange={(v) => set('weekday', v)} options={WEEKDAYS.map((w) => ({ value: w, label: t(`labels:weekday.${w}`) }))} error={errorFor(p('weekday'))} />
          <Field name={p('weeksBefore')} label={t('deadlinePolicy.weeksBefore.label')} hint={t('deadlinePolicy.weeksBefore.hint')} inputMode="numeric" width="short" value={d.weeksBefore} onValueChange={(v) => set('weeksBefore', v)} error={errorFor(p('weeksBefore'))} />
        </>
      )}
      {d.kind === 'dayOfPreviousMonth' && (
        <>
          <Field name={p('dayOfMonth')} label={t('deadlinePolicy.dayOfMonth.label')} hint={t('deadlinePolicy.dayOfMonth.hint')} inputMode="numeric" width="short" value={d.dayOfMonth} onValueChange={(v) => set('dayOfMonth', v)} error={errorFor(p('dayOfMonth'))} />
          <Field name={p('monthsBefore')} label={t('deadlinePolicy.monthsBefore')} inputMode="numeric" width="short" value={d.monthsBefore} onValueChange={(v) => set('monthsBefore', v)} error={errorFor(p('monthsBefore'))} />
        </>
      )}
      {(d.kind === 'daysBefore' || d.kind === 'weekdayOfPreviousWeek' || d.kind === 'dayOfPreviousMonth') && (
        <Field name={p('at')} label={t('deadlinePolicy.at.label')} hint={t('deadlinePolicy.at.hint')} width="short" value={d.at} onValueChange={(v) => set('at', v)} error={errorFor(p('at'))} />
      )}
      {(d.kind === 'weekdayOfPreviousWeek' || d.kind === 'dayOfPreviousMonth') && (
        <Checkbox name={p('ifNonWorkingDay')} label={t('deadlinePolicy.previousWorkingDay')} checked={d.previousWorkingDay} onCheckedChange={(v) => set('previousWorkingDay', v)} />
      )}
      {d.kind !== 'none' && d.kind !== 'closed' && (
        <>
          <Radios
            name={`${name}.insideDeadline`}
            legend={t(`deadlinePolicy.insideLegend.${action}`)}
            inline
            options={[acceptOption, requestOption]}
            value={d.inside}
            onValueChange={(v) => set('inside', v)}
            error={errorFor(`${name}.insideDeadline`)}
          />
          <Radios
            name={`${name}.afterDeadline`}
            legend={t(`deadlinePolicy.afterLegend.${action}`)}
            inline
            options={[requestOption, { value: 'refuse' as const, label: t('deadlinePolicy.refuse') }]}
            value={d.after}
            onValueChange={(v) => set('after', v)}
            error={errorFor(`${name}.afterDeadline`)}
          />
        </>
      )}
      {d.kind === 'none' && (
        <Radios
          name={`${name}.insideDeadline`}
          legend={t(`deadlinePolicy.noneLegend.${action}`)}
          inline
          options={[acceptOption, requestOption]}
          value={d.inside}
          onValueChange={(v) => set('inside', v)}
        />
      )}
      <p className="rule-preview" aria-live="polite">
        <strong>{t('deadlinePolicy.previewTitle')} </strong>
        {text ?? t('deadlinePolicy.previewEmpty')}
      </p>
      {errorFor(p('excludedWeekdays')) && <p className="field__error">{errorFor(p('excludedWeekdays'))}</p>}
    </Fieldset>
  );
}
