/**
 * One activity (administrators): its settings (kind, ages, weekdays, school holidays, booking and cancellation
 * rules with the wording families read, waiting list), then its units with their daily capacity (and a capacity
 * for one day), and its periods with their booking window (Paris time).
 */
import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { Activity, ActivityInput, Period, Unit } from '../../shared/booking-contracts.js';
import { ACTIVITY_KINDS, SCHOOL_HOLIDAY_MODES, WAITLIST_MODES } from '../../shared/booking-labels.js';
import { parisInstant, parisWallClockOf } from '../../shared/calendar/paris-time.js';
import { call } from '../api/client.js';
import { PageHeading, useFlash, usePageTitle } from '../app/page.js';
import { Link, navigate } from '../app/router.js';
import { formatDateTime } from '../i18n/format.js';
import { formatDayRange } from '../i18n/fr.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { DateInput } from '../ui/date-input.js';
import { DeadlinePolicyField, draftOf, policyOf, type PolicyDraft } from '../ui/deadline-policy-field.js';
import { Dialog } from '../ui/dialog.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { Checkbox, Field, InlineError, SelectField } from '../ui/field.js';
import { Fieldset, Radios } from '../ui/fieldset.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { Table } from '../ui/table.js';
import { blanks, prefixed, useForm } from '../ui/use-form.js';
import { WEEKDAY_KEYS, useStaffCatalog } from './booking-filters.js';
import '../ui/booking.css';

const J2_NOON = { deadline: { kind: 'daysBefore' as const, days: 2, skip: 'weekends' as const, at: '12:00' }, insideDeadline: 'accept' as const, afterDeadline: 'refuse' as const };

const hidden = { hidden: <span className="visually-hidden" /> };

export function CatalogActivityPage({ activityId, establishmentId }: { activityId: string | null; establishmentId?: string | null }) {
  const { t } = useTranslation('staff');
  const catalog = useStaffCatalog();
  const flash = useFlash();
  const activity = activityId ? catalog.activities.find((a) => a.id === activityId) : undefined;
  const title = activityId ? (activity ? t('activity.titleNamed', { name: activity.name }) : t('activity.title')) : t('activity.addTitle');
  const [done, setDone] = useState<string | null>(null);
  usePageTitle(title);
  const notFound = activityId !== null && catalog.data !== null && !activity;
  return (
    <>
      <Link to="/agent/catalogue" className="back-link">
        {t('catalog.title')}
      </Link>
      <PageHeading>{notFound ? t('activity.notFound') : title}</PageHeading>
      {(flash || done) && <StatusMessage>{done ?? flash}</StatusMessage>}
      <LoadState loading={catalog.loading && !catalog.data} error={catalog.error} />
      {notFound && <p>{t('activity.notExists')}</p>}
      {catalog.data && !notFound && (activityId === null || activity) && (
        <ActivityForm
          key={activity?.id ?? 'new'}
          activity={activity ?? null}
          establishments={catalog.data.establishments.map((e) => ({ value: e.id, label: e.name }))}
          establishmentId={establishmentId ?? catalog.data.establishments[0]?.id ?? ''}
          onSaved={(a, created) => {
            if (created) navigate(`/agent/catalogue/activites/${encodeURIComponent(a.id)}`, { flash: t('activity.created', { name: a.name }) });
            else {
              setDone(t('activity.saved', { name: a.name }));
              catalog.reload();
            }
          }}
        />
      )}
      {activity && (
        <>
          <Units activity={activity} onChanged={(text) => { setDone(text); catalog.reload(); }} />
          <Periods activity={activity} onChanged={(text) => { setDone(text); catalog.reload(); }} />
        </>
      )}
    </>
  );
}

interface ActivityDraft {
  establishmentId: string;
  name: string;
  kind: ActivityInput['kind'];
  minAge: string;
  maxAge: string;
  openWeekdays: number[];
  schoolHolidays: NonNullable<ActivityInput['schoolHolidays']>;
  waitlistMode: NonNullable<ActivityInput['waitlistMode']>;
  /** « paiement à la réservation » (issue 13) */
  payAtBooking: boolean;
  holdMinutes: string;
  booking: PolicyDraft;
  cancellation: PolicyDraft;
}

const age = (s: string) => (s.trim() === '' ? null : Number(s));

function ActivityForm({
  activity,
  establishments,
  establishmentId,
  onSaved,
}: {
  activity: Activity | null;
  establishments: { value: string; label: string }[];
  establishmentId: string;
  onSaved: (a: Activity, created: boolean) => void;
}) {
  const { t } = useTranslation(['staff', 'labels']);
  const { t: tm } = useTranslation('money');
  const form = useForm<ActivityDraft>({
    establishmentId: activity?.establishmentId ?? establishmentId,
    name: activity?.name ?? '',
    kind: activity?.kind ?? 'periscolaire',
    minAge: activity?.minAge?.toString() ?? '',
    maxAge: activity?.maxAge?.toString() ?? '',
    openWeekdays: activity?.openWeekdays ?? [1, 2, 4, 5],
    schoolHolidays: activity?.schoolHolidays ?? 'closed',
    waitlistMode: activity?.waitlistMode ?? 'auto',
    payAtBooking: activity?.payAtBooking ?? false,
    holdMinutes: String(activity?.holdMinutes ?? 30),
    booking: draftOf(activity?.bookingPolicy ?? J2_NOON),
    cancellation: draftOf(activity?.cancellationPolicy ?? J2_NOON),
  });
  const { values: d, set } = form;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const body: ActivityInput = {
      establishmentId: d.establishmentId,
      name: d.name.trim(),
      kind: d.kind,
      minAge: age(d.minAge),
      maxAge: age(d.maxAge),
      openWeekdays: [...d.openWeekdays].sort(),
      schoolHolidays: d.schoolHolidays,
      waitlistMode: d.waitlistMode,
      payAtBooking: d.payAtBooking,
      holdMinutes: d.holdMinutes.trim() === '' ? Number.NaN : Number(d.holdMinutes),
      bookingPolicy: policyOf(d.booking),
      cancellationPolicy: policyOf(d.cancellation),
    };
    void form.submit(
      async () => {
        const saved = activity
          ? await call('catalog.updateActivity', { params: { activityId: activity.id }, body })
          : await call('catalog.createActivity', { body });
        onSaved(saved, !activity);
      },
      {
        required: ['name'],
        check: (v) => (v.openWeekdays.length === 0 ? [{ path: 'openWeekdays', message: t('activity.form.noWeekday') }] : []),
        mapErrors: (list) => list.map((x) => (x.path?.startsWith('openWeekdays') ? { ...x, path: 'openWeekdays' } : x)),
      },
    );
  }

  return (
    <form noValidate onSubmit={onSubmit}>
      <ErrorSummary {...form.summary} />
      <Fieldset legend={t('activity.form.legend')}>
        <SelectField {...form.field('establishmentId')} label={t('activity.form.establishment')} required options={establishments} />
        <Field {...form.field('name')} label={t('activity.form.name')} hint={t('activity.form.nameHint')} required />
        <SelectField
          name="kind"
          label={t('activity.form.kind')}
          value={d.kind}
          onValueChange={(v) => set('kind', v as ActivityDraft['kind'])}
          options={ACTIVITY_KINDS.map((value) => ({ value, label: t(`labels:activityKind.${value}`) }))}
          error={form.errorFor('kind')}
        />
        <Field {...form.field('minAge')} label={t('activity.form.minAge')} hint={t('activity.form.minAgeHint')} inputMode="numeric" width="short" />
        <Field {...form.field('maxAge')} label={t('activity.form.maxAge')} hint={t('shared.optional')} inputMode="numeric" width="short" />
        <div className={form.errorFor('openWeekdays') ? 'field field--error' : 'field'}>
          <fieldset className="fieldset fieldset--question">
            <legend className="fieldset__legend">{t('activity.form.weekdays')}</legend>
            {form.errorFor('openWeekdays') && <InlineError id="openWeekdays-error" message={form.errorFor('openWeekdays')!} />}
            <div className="choices choices--inline">
              {WEEKDAY_KEYS.map((k, i) => (
                <Checkbox
                  key={k}
                  name={i === 0 ? 'openWeekdays' : `openWeekdays.${i + 1}`}
                  label={t(`labels:weekday.${k}`)}
                  checked={d.openWeekdays.includes(i + 1)}
                  onCheckedChange={(on) => set('openWeekdays', on ? [...d.openWeekdays, i + 1] : d.openWeekdays.filter((x) => x !== i + 1))}
                />
              ))}
            </div>
          </fieldset>
        </div>
        <Radios
          name="schoolHolidays"
          legend={t('activity.form.schoolHolidays')}
          options={SCHOOL_HOLIDAY_MODES.map((value) => ({ value, label: t(`labels:schoolHolidayMode.${value}`) }))}
          value={d.schoolHolidays}
          onValueChange={(v) => set('schoolHolidays', v)}
        />
      </Fieldset>
      <DeadlinePolicyField name="bookingPolicy" legend={t('activity.form.bookingPolicy')} action="booking" value={d.booking} onChange={(v) => set('booking', v)} errorFor={form.errorFor} />
      <DeadlinePolicyField name="cancellationPolicy" legend={t('activity.form.cancellationPolicy')} action="cancellation" value={d.cancellation} onChange={(v) => set('cancellation', v)} errorFor={form.errorFor} />
      <Radios
        name="waitlistMode"
        legend={t('activity.form.waitlist')}
        options={WAITLIST_MODES.map((value) => ({ value, label: t(`labels:waitlistMode.${value}`) }))}
        value={d.waitlistMode}
        onValueChange={(v) => set('waitlistMode', v)}
      />
      <Fieldset legend={tm('payAtBooking.catalog.legend')}>
        <p className="muted">{tm('payAtBooking.catalog.payAtBookingHelp')}</p>
        <Checkbox name="payAtBooking" label={tm('payAtBooking.catalog.payAtBooking')} checked={d.payAtBooking} onCheckedChange={(on) => set('payAtBooking', on)} />
        {d.payAtBooking && (
          <Field {...form.field('holdMinutes')} label={tm('payAtBooking.catalog.holdMinutes')} hint={tm('payAtBooking.catalog.holdMinutesHelp')} inputMode="numeric" width="short" />
        )}
      </Fieldset>
      <Button type="submit" busy={form.busy}>
        {activity ? t('activity.form.save') : t('activity.form.create')}
      </Button>
    </form>
  );
}

// ---------- units ----------

function Units({ activity, onChanged }: { activity: Activity; onChanged: (text: string) => void }) {
  const { t } = useTranslation('staff');
  const [editing, setEditing] = useState<Unit | null>(null);
  const [addKey, setAddKey] = useState(0);
  const units = [...activity.units].sort((a, b) => a.position - b.position);
  return (
    <section aria-labelledby="unites">
      <h2 id="unites">{t('activity.units.title')}</h2>
      <p className="muted">{t('activity.units.intro')}</p>
      {units.length === 0 ? (
        <p className="empty">{t('activity.units.empty')}</p>
      ) : (
        <Table
          caption={t('activity.units.caption')}
          captionHidden
          head={[t('activity.units.head.label'), t('activity.units.head.code'), t('activity.units.head.order'), t('activity.units.head.places'), t('shared.actions')]}
        >
          {units.map((u) => (
            <tr key={u.id}>
              <td>{u.label}</td>
              <td>{u.code}</td>
              <td>{u.position}</td>
              <td>{u.defaultCapacity}</td>
              <td>
                <Button variant="secondary" className="button--small" onClick={() => setEditing(u)}>
                  <Trans t={t} i18nKey="activity.units.edit" values={{ label: u.label }} components={hidden} />
                </Button>
              </td>
            </tr>
          ))}
        </Table>
      )}
      <h3>{t('activity.units.addTitle')}</h3>
      <UnitForm
        key={addKey}
        prefix="unit"
        unit={null}
        position={units.length}
        save={(body) => call('catalog.createUnit', { params: { activityId: activity.id }, body })}
        onDone={(u) => {
          setAddKey((k) => k + 1);
          onChanged(t('activity.units.added', { label: u.label }));
        }}
      />
      {units.length > 0 && <CapacityForm units={units} onDone={onChanged} />}
      <Dialog title={t('activity.units.editTitle')} isOpen={editing !== null} onOpenChange={(open) => !open && setEditing(null)}>
        {editing && (
          <UnitForm
            key={editing.id}
            prefix="edit-unit"
            unit={editing}
            position={editing.position}
            save={(body) => call('catalog.updateUnit', { params: { unitId: editing.id }, body })}
            onCancel={() => setEditing(null)}
            onDone={(u) => {
              setEditing(null);
              onChanged(t('activity.units.saved', { label: u.label }));
            }}
          />
        )}
      </Dialog>
    </section>
  );
}

function UnitForm({
  prefix,
  unit,
  position,
  save,
  onDone,
  onCancel,
}: {
  prefix: string;
  unit: Unit | null;
  position: number;
  save: (body: { code: string; label: string; position: number; defaultCapacity: number; startTime: string | null; requires: string | null; excludes: string[] }) => Promise<Unit>;
  onDone: (u: Unit) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation('staff');
  const form = useForm(
    {
      label: unit?.label ?? '',
      code: unit?.code ?? '',
      position: String(position),
      defaultCapacity: unit ? String(unit.defaultCapacity) : '',
      startTime: unit?.startTime ?? '',
    },
    { prefix },
  );
  const v = form.values;
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void form.submit(
      async () => {
        // The unit's same-day rules are kept as they are (this form does not edit them).
        const u = await save({
          code: v.code.trim(),
          label: v.label.trim(),
          position: Number(v.position) || 0,
          defaultCapacity: Number(v.defaultCapacity),
          startTime: v.startTime.trim() || null,
          requires: unit?.requires ?? null,
          excludes: unit?.excludes ?? [],
        });
        onDone(u);
      },
      { check: blanks(prefix, ['label', 'code', 'defaultCapacity']), mapErrors: prefixed(`${prefix}.`) },
    );
  }
  return (
    <form noValidate onSubmit={onSubmit}>
      <ErrorSummary {...form.summary} />
      <Field {...form.field('label')} label={t('activity.unitForm.label')} hint={t('activity.unitForm.labelHint')} required width="medium" />
      <Field {...form.field('code')} label={t('activity.unitForm.code')} hint={t('activity.unitForm.codeHint')} required width="medium" />
      <Field {...form.field('defaultCapacity')} label={t('activity.unitForm.capacity')} required inputMode="numeric" width="short" />
      <Field
        {...form.field('startTime')}
        label={t('activity.unitForm.startTime')}
        hint={t('activity.unitForm.startTimeHint')}
        width="short"
      />
      <Field {...form.field('position')} label={t('activity.unitForm.position')} hint={t('activity.unitForm.positionHint')} inputMode="numeric" width="short" />
      <ButtonGroup>
        <Button type="submit" busy={form.busy}>
          {unit ? t('activity.unitForm.save') : t('activity.unitForm.add')}
        </Button>
        {onCancel && (
          <Button variant="secondary" onClick={onCancel}>
            {t('shared.cancel')}
          </Button>
        )}
      </ButtonGroup>
    </form>
  );
}

function CapacityForm({ units, onDone }: { units: Unit[]; onDone: (text: string) => void }) {
  const { t } = useTranslation('staff');
  const form = useForm({ unitId: units[0].id, day: '', capacity: '' }, { prefix: 'capacity' });
  const v = form.values;
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const capacity = v.capacity.trim() === '' ? null : Number(v.capacity);
    void form.submit(
      async () => {
        await call('catalog.setCapacity', { params: { unitId: v.unitId }, body: { day: v.day, capacity } });
        const unit = units.find((u) => u.id === v.unitId)!;
        onDone(
          capacity === null
            ? t('activity.capacity.reset', { label: unit.label, count: unit.defaultCapacity })
            : t('activity.capacity.set', { label: unit.label, count: capacity }),
        );
      },
      { check: blanks('capacity', ['day']), mapErrors: prefixed('capacity.') },
    );
  }
  return (
    <>
      <h3>{t('activity.capacity.title')}</h3>
      <form noValidate onSubmit={onSubmit}>
        <ErrorSummary {...form.summary} />
        <SelectField {...form.field('unitId')} label={t('activity.capacity.unit')} options={units.map((u) => ({ value: u.id, label: u.label }))} />
        <DateInput {...form.field('day')} label={t('activity.capacity.day')} hint="" required />
        <Field {...form.field('capacity')} label={t('activity.capacity.places')} hint={t('activity.capacity.placesHint')} inputMode="numeric" width="short" />
        <Button type="submit" variant="secondary" busy={form.busy}>
          {t('activity.capacity.submit')}
        </Button>
      </form>
    </>
  );
}

// ---------- periods ----------

/** A UTC instant as the value of a datetime-local input, in Paris time. */
function toLocalInput(iso: string): string {
  const c = parisWallClockOf(new Date(iso));
  return `${c.day}T${String(c.hour).padStart(2, '0')}:${String(c.minute).padStart(2, '0')}`;
}
/** A datetime-local value read as Paris time → UTC instant; '' stays '' (the server says it is missing). */
function fromLocalInput(v: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(v);
  return m ? parisInstant(m[1], m[2]).toISOString() : v;
}

function Periods({ activity, onChanged }: { activity: Activity; onChanged: (text: string) => void }) {
  const { t } = useTranslation('staff');
  const [editing, setEditing] = useState<Period | null>(null);
  const [addKey, setAddKey] = useState(0);
  return (
    <section aria-labelledby="periodes">
      <h2 id="periodes">{t('activity.periods.title')}</h2>
      <p className="muted">{t('activity.periods.intro')}</p>
      {activity.periods.length === 0 ? (
        <p className="empty">{t('activity.periods.empty')}</p>
      ) : (
        <Table
          caption={t('activity.periods.caption')}
          captionHidden
          head={[t('activity.periods.head.period'), t('activity.periods.head.days'), t('activity.periods.head.bookings'), t('shared.actions')]}
        >
          {activity.periods.map((p) => (
            <tr key={p.id}>
              <td>{p.label}</td>
              <td>{formatDayRange(p.startDay, p.endDay)}</td>
              <td>
                {t('activity.periods.window', { opens: formatDateTime(p.opensAt), closes: formatDateTime(p.closesAt) })}
              </td>
              <td>
                <Button variant="secondary" className="button--small" onClick={() => setEditing(p)}>
                  <Trans t={t} i18nKey="activity.periods.edit" values={{ label: p.label }} components={hidden} />
                </Button>
              </td>
            </tr>
          ))}
        </Table>
      )}
      <h3>{t('activity.periods.addTitle')}</h3>
      <PeriodForm
        key={addKey}
        prefix="period"
        period={null}
        save={(body) => call('catalog.createPeriod', { params: { activityId: activity.id }, body })}
        onDone={(p) => {
          setAddKey((k) => k + 1);
          onChanged(t('activity.periods.added', { label: p.label }));
        }}
      />
      <Dialog title={t('activity.periods.editTitle')} isOpen={editing !== null} onOpenChange={(open) => !open && setEditing(null)}>
        {editing && (
          <PeriodForm
            key={editing.id}
            prefix="edit-period"
            period={editing}
            save={(body) => call('catalog.updatePeriod', { params: { periodId: editing.id }, body })}
            onCancel={() => setEditing(null)}
            onDone={(p) => {
              setEditing(null);
              onChanged(t('activity.periods.saved', { label: p.label }));
            }}
          />
        )}
      </Dialog>
    </section>
  );
}

function PeriodForm({
  prefix,
  period,
  save,
  onDone,
  onCancel,
}: {
  prefix: string;
  period: Period | null;
  save: (body: { label: string; startDay: string; endDay: string; opensAt: string; closesAt: string }) => Promise<Period>;
  onDone: (p: Period) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation('staff');
  const form = useForm(
    {
      label: period?.label ?? '',
      startDay: period?.startDay ?? '',
      endDay: period?.endDay ?? '',
      opensAt: period ? toLocalInput(period.opensAt) : '',
      closesAt: period ? toLocalInput(period.closesAt) : '',
    },
    { prefix },
  );
  const v = form.values;
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void form.submit(
      async () => onDone(await save({ label: v.label.trim(), startDay: v.startDay, endDay: v.endDay, opensAt: fromLocalInput(v.opensAt), closesAt: fromLocalInput(v.closesAt) })),
      { check: blanks(prefix, ['label', 'startDay', 'endDay', 'opensAt', 'closesAt']), mapErrors: prefixed(`${prefix}.`) },
    );
  }
  const f = form.field;
  return (
    <form noValidate onSubmit={onSubmit}>
      <ErrorSummary {...form.summary} />
      <Field {...f('label')} label={t('activity.periodForm.label')} hint={t('activity.periodForm.labelHint')} required />
      <DateInput {...f('startDay')} label={t('activity.periodForm.startDay')} hint="" required />
      <DateInput {...f('endDay')} label={t('activity.periodForm.endDay')} hint="" required />
      <Field {...f('opensAt')} label={t('activity.periodForm.opensAt')} hint={t('activity.periodForm.parisTime')} type="datetime-local" width="medium" required />
      <Field {...f('closesAt')} label={t('activity.periodForm.closesAt')} hint={t('activity.periodForm.parisTime')} type="datetime-local" width="medium" required />
      <ButtonGroup>
        <Button type="submit" busy={form.busy}>
          {period ? t('activity.periodForm.save') : t('activity.periodForm.add')}
        </Button>
        {onCancel && (
          <Button variant="secondary" onClick={onCancel}>
            {t('shared.cancel')}
          </Button>
        )}
      </ButtonGroup>
    </form>
  );
}

