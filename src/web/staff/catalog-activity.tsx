/**
 * One activity (administrators): its settings (kind, ages, weekdays, school holidays, booking and cancellation
 * rules with the wording families read, waiting list), then its units with their daily capacity (and a capacity
 * for one day), and its periods with their booking window (Paris time).
 */
import { useState, type FormEvent } from 'react';
import type { Activity, ActivityInput, Period, Unit } from '../../shared/booking-contracts.js';
import { parisInstant, parisWallClockOf } from '../../shared/calendar/paris-time.js';
import { call } from '../api/client.js';
import { PageHeading, useFlash, usePageTitle } from '../app/page.js';
import { Link, navigate } from '../app/router.js';
import { formatDateTime } from '../i18n/format.js';
import { ACTIVITY_KIND_LABELS, SCHOOL_HOLIDAY_MODE_LABELS, WAITLIST_MODE_LABELS, WEEKDAY_LABELS, formatDayRange } from '../i18n/fr.js';
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
import { useStaffCatalog } from './booking-filters.js';
import '../ui/booking.css';

const J2_NOON = { deadline: { kind: 'daysBefore' as const, days: 2, skip: 'weekends' as const, at: '12:00' }, insideDeadline: 'accept' as const, afterDeadline: 'refuse' as const };

export function CatalogActivityPage({ activityId, establishmentId }: { activityId: string | null; establishmentId?: string | null }) {
  const catalog = useStaffCatalog();
  const flash = useFlash();
  const activity = activityId ? catalog.activities.find((a) => a.id === activityId) : undefined;
  const title = activityId ? (activity ? `Activité « ${activity.name} »` : 'Activité') : 'Ajouter une activité';
  const [done, setDone] = useState<string | null>(null);
  usePageTitle(title);
  const notFound = activityId !== null && catalog.data !== null && !activity;
  return (
    <>
      <Link to="/agent/catalogue" className="back-link">
        Activités et réservations
      </Link>
      <PageHeading>{notFound ? 'Activité introuvable' : title}</PageHeading>
      {(flash || done) && <StatusMessage>{done ?? flash}</StatusMessage>}
      <LoadState loading={catalog.loading && !catalog.data} error={catalog.error} />
      {notFound && <p>Cette activité n’existe pas.</p>}
      {catalog.data && !notFound && (activityId === null || activity) && (
        <ActivityForm
          key={activity?.id ?? 'new'}
          activity={activity ?? null}
          establishments={catalog.data.establishments.map((e) => ({ value: e.id, label: e.name }))}
          establishmentId={establishmentId ?? catalog.data.establishments[0]?.id ?? ''}
          onSaved={(a, created) => {
            if (created) navigate(`/agent/catalogue/activites/${encodeURIComponent(a.id)}`, { flash: `L’activité « ${a.name} » est créée : ajoutez ses unités et ses périodes.` });
            else {
              setDone(`L’activité « ${a.name} » est enregistrée.`);
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
  const form = useForm<ActivityDraft>({
    establishmentId: activity?.establishmentId ?? establishmentId,
    name: activity?.name ?? '',
    kind: activity?.kind ?? 'periscolaire',
    minAge: activity?.minAge?.toString() ?? '',
    maxAge: activity?.maxAge?.toString() ?? '',
    openWeekdays: activity?.openWeekdays ?? [1, 2, 4, 5],
    schoolHolidays: activity?.schoolHolidays ?? 'closed',
    waitlistMode: activity?.waitlistMode ?? 'auto',
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
        check: (v) => (v.openWeekdays.length === 0 ? [{ path: 'openWeekdays', message: 'Cochez au moins un jour d’ouverture.' }] : []),
        mapErrors: (list) => list.map((x) => (x.path?.startsWith('openWeekdays') ? { ...x, path: 'openWeekdays' } : x)),
      },
    );
  }

  return (
    <form noValidate onSubmit={onSubmit}>
      <ErrorSummary {...form.summary} />
      <Fieldset legend="L’activité">
        <SelectField {...form.field('establishmentId')} label="Établissement" required options={establishments} />
        <Field {...form.field('name')} label="Nom de l’activité" hint="Tel que les familles le liront, par exemple « Accueil du mercredi — maternelles »." required />
        <SelectField
          name="kind"
          label="Type d’activité"
          value={d.kind}
          onValueChange={(v) => set('kind', v as ActivityDraft['kind'])}
          options={Object.entries(ACTIVITY_KIND_LABELS).map(([value, label]) => ({ value, label }))}
          error={form.errorFor('kind')}
        />
        <Field {...form.field('minAge')} label="Âge minimum (ans)" hint="Facultatif. Âge révolu le jour réservé." inputMode="numeric" width="short" />
        <Field {...form.field('maxAge')} label="Âge maximum (ans)" hint="Facultatif." inputMode="numeric" width="short" />
        <div className={form.errorFor('openWeekdays') ? 'field field--error' : 'field'}>
          <fieldset className="fieldset fieldset--question">
            <legend className="fieldset__legend">Jours d’ouverture</legend>
            {form.errorFor('openWeekdays') && <InlineError id="openWeekdays-error" message={form.errorFor('openWeekdays')!} />}
            <div className="choices choices--inline">
              {WEEKDAY_LABELS.map((l, i) => (
                <Checkbox
                  key={l}
                  name={i === 0 ? 'openWeekdays' : `openWeekdays.${i + 1}`}
                  label={l}
                  checked={d.openWeekdays.includes(i + 1)}
                  onCheckedChange={(on) => set('openWeekdays', on ? [...d.openWeekdays, i + 1] : d.openWeekdays.filter((x) => x !== i + 1))}
                />
              ))}
            </div>
          </fieldset>
        </div>
        <Radios
          name="schoolHolidays"
          legend="Pendant les vacances scolaires, l’activité est"
          options={Object.entries(SCHOOL_HOLIDAY_MODE_LABELS).map(([value, label]) => ({ value: value as ActivityDraft['schoolHolidays'], label }))}
          value={d.schoolHolidays}
          onValueChange={(v) => set('schoolHolidays', v)}
        />
      </Fieldset>
      <DeadlinePolicyField name="bookingPolicy" legend="Délai de réservation" action="booking" value={d.booking} onChange={(v) => set('booking', v)} errorFor={form.errorFor} />
      <DeadlinePolicyField name="cancellationPolicy" legend="Délai d’annulation" action="cancellation" value={d.cancellation} onChange={(v) => set('cancellation', v)} errorFor={form.errorFor} />
      <Radios
        name="waitlistMode"
        legend="Quand une place se libère sur un jour complet"
        options={Object.entries(WAITLIST_MODE_LABELS).map(([value, label]) => ({ value: value as ActivityDraft['waitlistMode'], label }))}
        value={d.waitlistMode}
        onValueChange={(v) => set('waitlistMode', v)}
      />
      <Button type="submit" busy={form.busy}>
        {activity ? 'Enregistrer l’activité' : 'Créer l’activité'}
      </Button>
    </form>
  );
}

// ---------- units ----------

function Units({ activity, onChanged }: { activity: Activity; onChanged: (text: string) => void }) {
  const [editing, setEditing] = useState<Unit | null>(null);
  const [addKey, setAddKey] = useState(0);
  const units = [...activity.units].sort((a, b) => a.position - b.position);
  return (
    <section aria-labelledby="unites">
      <h2 id="unites">Unités et capacités</h2>
      <p className="muted">Les parties de la journée que les familles réservent (matin, repas, après-midi, soir, journée…), chacune avec sa capacité par jour.</p>
      {units.length === 0 ? (
        <p className="empty">Aucune unité : ajoutez-en au moins une pour que les familles puissent réserver.</p>
      ) : (
        <Table caption="Unités de l’activité" captionHidden head={['Intitulé', 'Code', 'Ordre', 'Places par jour', 'Actions']}>
          {units.map((u) => (
            <tr key={u.id}>
              <td>{u.label}</td>
              <td>{u.code}</td>
              <td>{u.position}</td>
              <td>{u.defaultCapacity}</td>
              <td>
                <Button variant="secondary" className="button--small" onClick={() => setEditing(u)}>
                  Modifier<span className="visually-hidden"> l’unité {u.label}</span>
                </Button>
              </td>
            </tr>
          ))}
        </Table>
      )}
      <h3>Ajouter une unité</h3>
      <UnitForm
        key={addKey}
        prefix="unit"
        unit={null}
        position={units.length}
        save={(body) => call('catalog.createUnit', { params: { activityId: activity.id }, body })}
        onDone={(u) => {
          setAddKey((k) => k + 1);
          onChanged(`L’unité « ${u.label} » est ajoutée.`);
        }}
      />
      {units.length > 0 && <CapacityForm units={units} onDone={onChanged} />}
      <Dialog title="Modifier l’unité" isOpen={editing !== null} onOpenChange={(open) => !open && setEditing(null)}>
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
              onChanged(`L’unité « ${u.label} » est enregistrée.`);
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
      <Field {...form.field('label')} label="Intitulé" hint="Par exemple « Matin », « Repas », « Après-midi »." required width="medium" />
      <Field {...form.field('code')} label="Code" hint="Lettres minuscules, chiffres et « _ », par exemple apres_midi. Il figure dans les exports." required width="medium" />
      <Field {...form.field('defaultCapacity')} label="Places par jour" required inputMode="numeric" width="short" />
      <Field
        {...form.field('startTime')}
        label="Heure de début (facultatif)"
        hint="Au format HH:MM, par exemple 07:30. Sert aux délais comptés « avant le début de l’activité »."
        width="short"
      />
      <Field {...form.field('position')} label="Ordre d’affichage" hint="Les colonnes du planning suivent cet ordre." inputMode="numeric" width="short" />
      <ButtonGroup>
        <Button type="submit" busy={form.busy}>
          {unit ? 'Enregistrer l’unité' : 'Ajouter l’unité'}
        </Button>
        {onCancel && (
          <Button variant="secondary" onClick={onCancel}>
            Annuler
          </Button>
        )}
      </ButtonGroup>
    </form>
  );
}

function CapacityForm({ units, onDone }: { units: Unit[]; onDone: (text: string) => void }) {
  const form = useForm({ unitId: units[0].id, day: '', capacity: '' }, { prefix: 'capacity' });
  const v = form.values;
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const capacity = v.capacity.trim() === '' ? null : Number(v.capacity);
    void form.submit(
      async () => {
        await call('catalog.setCapacity', { params: { unitId: v.unitId }, body: { day: v.day, capacity } });
        const unit = units.find((u) => u.id === v.unitId)!;
        onDone(capacity === null ? `La capacité de « ${unit.label} » revient à ${unit.defaultCapacity} places ce jour-là.` : `« ${unit.label} » : ${capacity} places ce jour-là.`);
      },
      { check: blanks('capacity', ['day']), mapErrors: prefixed('capacity.') },
    );
  }
  return (
    <>
      <h3>Capacité d’un jour particulier</h3>
      <form noValidate onSubmit={onSubmit}>
        <ErrorSummary {...form.summary} />
        <SelectField {...form.field('unitId')} label="Unité" options={units.map((u) => ({ value: u.id, label: u.label }))} />
        <DateInput {...form.field('day')} label="Jour" hint="" required />
        <Field {...form.field('capacity')} label="Places ce jour-là" hint="Laissez vide pour revenir à la capacité habituelle. Jamais moins que les places déjà réservées." inputMode="numeric" width="short" />
        <Button type="submit" variant="secondary" busy={form.busy}>
          Enregistrer la capacité du jour
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
  const [editing, setEditing] = useState<Period | null>(null);
  const [addKey, setAddKey] = useState(0);
  return (
    <section aria-labelledby="periodes">
      <h2 id="periodes">Périodes ouvertes à la réservation</h2>
      <p className="muted">Les jours que les familles peuvent réserver, et quand elles le peuvent (par exemple à partir du 2 juin à 8 h 30).</p>
      {activity.periods.length === 0 ? (
        <p className="empty">Aucune période.</p>
      ) : (
        <Table caption="Périodes de l’activité" captionHidden head={['Période', 'Jours', 'Réservations', 'Actions']}>
          {activity.periods.map((p) => (
            <tr key={p.id}>
              <td>{p.label}</td>
              <td>{formatDayRange(p.startDay, p.endDay)}</td>
              <td>
                du {formatDateTime(p.opensAt)} au {formatDateTime(p.closesAt)}
              </td>
              <td>
                <Button variant="secondary" className="button--small" onClick={() => setEditing(p)}>
                  Modifier<span className="visually-hidden"> la période {p.label}</span>
                </Button>
              </td>
            </tr>
          ))}
        </Table>
      )}
      <h3>Ajouter une période</h3>
      <PeriodForm
        key={addKey}
        prefix="period"
        period={null}
        save={(body) => call('catalog.createPeriod', { params: { activityId: activity.id }, body })}
        onDone={(p) => {
          setAddKey((k) => k + 1);
          onChanged(`La période « ${p.label} » est ajoutée.`);
        }}
      />
      <Dialog title="Modifier la période" isOpen={editing !== null} onOpenChange={(open) => !open && setEditing(null)}>
        {editing && (
          <PeriodForm
            key={editing.id}
            prefix="edit-period"
            period={editing}
            save={(body) => call('catalog.updatePeriod', { params: { periodId: editing.id }, body })}
            onCancel={() => setEditing(null)}
            onDone={(p) => {
              setEditing(null);
              onChanged(`La période « ${p.label} » est enregistrée.`);
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
      <Field {...f('label')} label="Intitulé" hint="Par exemple « Vacances d’été 2027 »." required />
      <DateInput {...f('startDay')} label="Premier jour" hint="" required />
      <DateInput {...f('endDay')} label="Dernier jour" hint="" required />
      <Field {...f('opensAt')} label="Ouverture des réservations" hint="Date et heure de Paris." type="datetime-local" width="medium" required />
      <Field {...f('closesAt')} label="Clôture des réservations" hint="Date et heure de Paris." type="datetime-local" width="medium" required />
      <ButtonGroup>
        <Button type="submit" busy={form.busy}>
          {period ? 'Enregistrer la période' : 'Ajouter la période'}
        </Button>
        {onCancel && (
          <Button variant="secondary" onClick={onCancel}>
            Annuler
          </Button>
        )}
      </ButtonGroup>
    </form>
  );
}

