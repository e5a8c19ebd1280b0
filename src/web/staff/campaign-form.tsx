/**
 * The campaign's configuration form (issue 12): mode, request window (Paris times), residents' towns, eligibility,
 * priority criteria in order with their weights, siblings, seed. A draft of strings the inputs edit, turned into the
 * API's CampaignInput on submit; the server's problems come back on the same paths.
 */
import { useTranslation } from 'react-i18next';
import { Button } from '../ui/button.js';
import { Checkbox, Field, SelectField } from '../ui/field.js';
import { Fieldset, Radios } from '../ui/fieldset.js';
import { parisDateOf, parisInstant, parisTimeOf } from '../../shared/calendar/paris-time.js';
import {
  CAMPAIGN_CRITERIA,
  CAMPAIGN_FLAGS,
  type CampaignCriterion,
  type CampaignFlag,
  type CampaignInput,
  type CampaignView,
} from '../../shared/campaign-contracts.js';

export interface DraftCriterion {
  criterion: CampaignCriterion;
  weight: string;
  flag: CampaignFlag | '';
}

export interface Draft {
  periodId: string;
  mode: 'first_come' | 'requests';
  opensAt: string;
  residentOpensAt: string;
  closesAt: string;
  towns: string;
  residentsOnly: boolean;
  minAge: string;
  maxAge: string;
  classes: string;
  requiredFlags: CampaignFlag[];
  documentsRequired: boolean;
  maxWeek: string;
  maxPeriod: string;
  criteria: DraftCriterion[];
  siblingsTogether: boolean;
  seedText: string;
}

/** An ISO instant as the `datetime-local` value of its Paris wall time. */
function local(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${parisDateOf(d)}T${parisTimeOf(d)}`;
}

/** A `datetime-local` value read as Paris time, as an ISO instant ('' stays '': the server says it is required). */
function instant(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value);
  return m ? parisInstant(m[1] as never, m[2] as never).toISOString() : value;
}

const allCriteria = (chosen: { criterion: CampaignCriterion; weight: number; flag?: CampaignFlag | null }[]): DraftCriterion[] => [
  ...chosen.map((c) => ({ criterion: c.criterion, weight: String(c.weight), flag: (c.flag ?? '') as CampaignFlag | '' })),
  ...CAMPAIGN_CRITERIA.filter((k) => !chosen.some((c) => c.criterion === k)).map((k) => ({ criterion: k, weight: '0', flag: '' as const })),
];

export function emptyDraft(): Draft {
  const seed = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
  return {
    periodId: '',
    mode: 'requests',
    opensAt: '',
    residentOpensAt: '',
    closesAt: '',
    towns: '',
    residentsOnly: false,
    minAge: '',
    maxAge: '',
    classes: '',
    requiredFlags: [],
    documentsRequired: false,
    maxWeek: '',
    maxPeriod: '',
    criteria: allCriteria([{ criterion: 'residence', weight: 10 }]),
    siblingsTogether: false,
    seedText: seed,
  };
}

export function draftOf(c: CampaignView): Draft {
  const e = c.eligibility;
  const n = (v: number | null) => (v === null ? '' : String(v));
  return {
    periodId: c.period.id,
    mode: c.mode,
    opensAt: local(c.opensAt),
    residentOpensAt: local(c.residentOpensAt),
    closesAt: local(c.closesAt),
    towns: c.residentTowns.join(', '),
    residentsOnly: e.residentsOnly,
    minAge: n(e.minAge),
    maxAge: n(e.maxAge),
    classes: e.schoolClasses.join(', '),
    requiredFlags: [...e.requiredFlags],
    documentsRequired: e.documentsRequired,
    maxWeek: n(e.maxDaysPerWeek),
    maxPeriod: n(e.maxDaysPerPeriod),
    criteria: allCriteria(c.criteria),
    siblingsTogether: c.siblingsTogether,
    seedText: c.seedText,
  };
}

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
/** '' → null; anything else a number (the server refuses what is not a whole number in range, on this field). */
const num = (s: string): number | null => (s.trim() === '' ? null : Number(s.trim().replace(',', '.')));

/** The criteria sent: those with a weight, in the order shown. */
export function criteriaOf(d: Draft) {
  return d.criteria
    .filter((c) => num(c.weight) !== 0 && c.weight.trim() !== '')
    .map((c) => ({ criterion: c.criterion, weight: num(c.weight) as number, flag: c.criterion === 'staff_flag' ? (c.flag || null) : null }));
}

export function inputOf(d: Draft): CampaignInput {
  return {
    periodId: d.periodId,
    mode: d.mode,
    opensAt: instant(d.opensAt),
    residentOpensAt: d.residentOpensAt ? instant(d.residentOpensAt) : null,
    closesAt: instant(d.closesAt),
    residentTowns: list(d.towns),
    eligibility: {
      residentsOnly: d.residentsOnly,
      minAge: num(d.minAge),
      maxAge: num(d.maxAge),
      schoolClasses: list(d.classes),
      requiredFlags: d.requiredFlags,
      documentsRequired: d.documentsRequired,
      maxDaysPerWeek: num(d.maxWeek),
      maxDaysPerPeriod: num(d.maxPeriod),
    },
    criteria: criteriaOf(d),
    siblingsTogether: d.siblingsTogether,
    seedText: d.seedText,
  };
}

interface Props {
  draft: Draft;
  onChange: (d: Draft) => void;
  errorFor: (path: string) => string | null;
  /** the periods without a campaign (new campaign); null: the period is fixed */
  periods: { value: string; label: string }[] | null;
  readOnly?: boolean;
  seed?: string;
}

export function CampaignForm({ draft: d, onChange, errorFor, periods, readOnly = false, seed }: Props) {
  const { t } = useTranslation('campaigns');
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => onChange({ ...d, [k]: v });
  const text = (k: 'opensAt' | 'residentOpensAt' | 'closesAt' | 'towns' | 'minAge' | 'maxAge' | 'classes' | 'maxWeek' | 'maxPeriod' | 'seedText', name: string) => ({
    name,
    value: d[k],
    onValueChange: (v: string) => set(k, v),
    error: errorFor(name),
    readOnly,
  });
  const move = (i: number, by: number) => {
    const next = [...d.criteria];
    const [c] = next.splice(i, 1);
    next.splice(i + by, 0, c!);
    set('criteria', next);
  };
  return (
    <>
      {periods && (
        <SelectField
          name="periodId"
          label={t('staff.period')}
          required
          value={d.periodId}
          onValueChange={(v) => set('periodId', v)}
          options={periods}
          placeholder={t('staff.choosePeriod')}
          error={errorFor('periodId')}
        />
      )}
      <Radios
        name="mode"
        legend={t('staff.mode')}
        value={d.mode}
        onValueChange={(v) => !readOnly && set('mode', v)}
        options={[
          { value: 'first_come', label: t('staff.modeFirstCome') },
          { value: 'requests', label: t('staff.modeRequests') },
        ]}
      />
      <Fieldset legend={t('staff.window')} hint={t('staff.dateHelp')}>
        <Field {...text('opensAt', 'opensAt')} type="datetime-local" label={t('staff.opensAt')} required width="medium" />
        <Field {...text('residentOpensAt', 'residentOpensAt')} type="datetime-local" label={t('staff.residentOpensAt')} width="medium" />
        <Field {...text('closesAt', 'closesAt')} type="datetime-local" label={t('staff.closesAt')} required width="medium" />
      </Fieldset>
      <Fieldset legend={t('staff.eligibility')}>
        <Field {...text('towns', 'residentTowns')} label={t('staff.towns')} hint={t('staff.townsHelp')} />
        <Checkbox name="eligibility.residentsOnly" label={t('staff.residentsOnly')} checked={d.residentsOnly} onCheckedChange={(v) => !readOnly && set('residentsOnly', v)} />
        <Field {...text('minAge', 'eligibility.minAge')} label={t('staff.minAge')} inputMode="numeric" width="short" />
        <Field {...text('maxAge', 'eligibility.maxAge')} label={t('staff.maxAge')} inputMode="numeric" width="short" />
        <Field {...text('classes', 'eligibility.schoolClasses')} label={t('staff.classes')} />
        <Fieldset kind="question" legend={t('staff.requiredFlags')}>
          {CAMPAIGN_FLAGS.map((f) => (
            <Checkbox
              key={f}
              name={`eligibility.requiredFlags.${f}`}
              label={t(`flag.${f}`)}
              checked={d.requiredFlags.includes(f)}
              onCheckedChange={(v) => !readOnly && set('requiredFlags', v ? [...d.requiredFlags, f] : d.requiredFlags.filter((x) => x !== f))}
            />
          ))}
        </Fieldset>
        <Checkbox name="eligibility.documentsRequired" label={t('staff.documents')} checked={d.documentsRequired} onCheckedChange={(v) => !readOnly && set('documentsRequired', v)} />
        <Field {...text('maxWeek', 'eligibility.maxDaysPerWeek')} label={t('staff.maxWeek')} inputMode="numeric" width="short" />
        <Field {...text('maxPeriod', 'eligibility.maxDaysPerPeriod')} label={t('staff.maxPeriod')} inputMode="numeric" width="short" />
      </Fieldset>
      <Fieldset legend={t('staff.criteria')} hint={t('staff.criteriaHelp')}>
        {errorFor('criteria') && (
          <p className="field__error" id="criteria">
            {errorFor('criteria')}
          </p>
        )}
        <ol className="criteria-list">
          {d.criteria.map((c, i) => {
            const label = t(`criterion.${c.criterion}`);
            return (
              <li key={c.criterion} className="criteria-list__item">
                <Field
                  name={`criteria.${i}.weight`}
                  label={t('staff.weight', { criterion: label })}
                  value={c.weight}
                  onValueChange={(v) => set('criteria', d.criteria.map((x, j) => (j === i ? { ...x, weight: v } : x)))}
                  error={errorFor(`criteria.${i}.weight`)}
                  inputMode="numeric"
                  width="short"
                  readOnly={readOnly}
                />
                {c.criterion === 'staff_flag' && (
                  <SelectField
                    name={`criteria.${i}.flag`}
                    label={t('staff.flagOf')}
                    value={c.flag}
                    onValueChange={(v) => set('criteria', d.criteria.map((x, j) => (j === i ? { ...x, flag: v as CampaignFlag | '' } : x)))}
                    options={CAMPAIGN_FLAGS.map((f) => ({ value: f, label: t(`flag.${f}`) }))}
                    placeholder="—"
                    disabled={readOnly}
                  />
                )}
                {!readOnly && (
                  <span className="criteria-list__moves">
                    <Button variant="secondary" className="button--small" disabled={i === 0} onClick={() => move(i, -1)}>
                      <span aria-hidden="true">↑</span>
                      <span className="visually-hidden">{t('staff.up', { criterion: label })}</span>
                    </Button>
                    <Button variant="secondary" className="button--small" disabled={i === d.criteria.length - 1} onClick={() => move(i, 1)}>
                      <span aria-hidden="true">↓</span>
                      <span className="visually-hidden">{t('staff.down', { criterion: label })}</span>
                    </Button>
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      </Fieldset>
      <Checkbox name="siblingsTogether" label={t('staff.siblings')} checked={d.siblingsTogether} onCheckedChange={(v) => !readOnly && set('siblingsTogether', v)} />
      <Field {...text('seedText', 'seedText')} label={t('staff.seedText')} required hint={t('staff.seedHelp', { seed: seed ?? '—' })} />
    </>
  );
}
