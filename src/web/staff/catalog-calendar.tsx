/**
 * The calendar (administrators): closure days of an establishment or of one activity, and the school holidays
 * (entered by hand or imported from the official calendar's ICS file, data.education.gouv.fr). French public
 * holidays are computed: nothing to enter.
 */
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { dayLabel, formatDayRange } from '../i18n/fr.js';
import { Button } from '../ui/button.js';
import { ConfirmDialog } from '../ui/confirm-dialog.js';
import { DateInput } from '../ui/date-input.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { Checkbox, Field, FieldFrame, SelectField } from '../ui/field.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { Table } from '../ui/table.js';
import { blanks, prefixed, useForm } from '../ui/use-form.js';
import { useRowAction } from '../ui/use-row-action.js';
import { useStaffCatalog } from './booking-filters.js';
import '../ui/booking.css';

export function CatalogCalendarPage() {
  const catalog = useStaffCatalog();
  const closures = useResource('catalog.closures');
  const holidays = useResource('catalog.schoolHolidays');
  const action = useRowAction();
  const [removing, setRemoving] = useState<{ kind: 'closure' | 'holiday'; id: string; text: string } | null>(null);
  usePageTitle('Calendrier : fermetures et vacances scolaires');

  const closureRows = (closures.data ?? []).sort((a, b) => (a.day < b.day ? -1 : 1));
  const holidayRows = (holidays.data ?? []).sort((a, b) => (a.startDay < b.startDay ? -1 : 1));
  const establishmentName = (id: string) => catalog.data?.establishments.find((e) => e.id === id)?.name ?? '';
  const activityName = (id: string | null) => (id ? (catalog.activities.find((a) => a.id === id)?.name ?? '') : 'Toutes les activités');

  function remove() {
    const r = removing!;
    setRemoving(null);
    void action.run(
      r.id,
      async () => {
        await (r.kind === 'closure' ? call('catalog.deleteClosure', { params: { closureId: r.id } }) : call('catalog.deleteSchoolHoliday', { params: { holidayId: r.id } }));
        return `${r.text} : supprimé.`;
      },
      r.kind === 'closure' ? closures.reload : holidays.reload,
    );
  }

  return (
    <>
      <Link to="/agent/catalogue" className="back-link">
        Activités et réservations
      </Link>
      <PageHeading>Calendrier : fermetures et vacances scolaires</PageHeading>
      <p>Les jours fériés sont calculés automatiquement. Un jour de fermeture ou de vacances s’affiche dans le planning des familles avec sa raison.</p>
      {action.done && <StatusMessage>{action.done}</StatusMessage>}
      <ErrorSummary errors={action.errors} focusKey={action.errorKey} />

      <h2>Jours de fermeture</h2>
      <LoadState loading={closures.loading && closures.data === null} error={closures.error} />
      {closures.data !== null &&
        (closureRows.length === 0 ? (
          <p className="empty">Aucun jour de fermeture.</p>
        ) : (
          <Table caption="Jours de fermeture" captionHidden head={['Jour', 'Établissement', 'Activité', 'Motif', 'Actions']}>
            {closureRows.map((c) => (
              <tr key={c.id}>
                <td>{dayLabel(c.day, true)}</td>
                <td>{establishmentName(c.establishmentId)}</td>
                <td>{activityName(c.activityId)}</td>
                <td>{c.reason}</td>
                <td>
                  <Button variant="warning" className="button--small" onClick={() => { action.clear(); setRemoving({ kind: 'closure', id: c.id, text: `Fermeture du ${dayLabel(c.day, true)}` }); }}>
                    Supprimer<span className="visually-hidden"> la fermeture du {dayLabel(c.day, true)}</span>
                  </Button>
                </td>
              </tr>
            ))}
          </Table>
        ))}
      {catalog.data && (
        <ClosureForm
          establishments={catalog.data.establishments}
          onDone={(text) => {
            action.setDone(text);
            closures.reload();
          }}
        />
      )}

      <h2>Vacances scolaires</h2>
      <LoadState loading={holidays.loading && holidays.data === null} error={holidays.error} />
      {holidays.data !== null &&
        (holidayRows.length === 0 ? (
          <p className="empty">Aucune période de vacances scolaires.</p>
        ) : (
          <Table caption="Vacances scolaires" captionHidden head={['Vacances', 'Jours', 'Origine', 'Actions']}>
            {holidayRows.map((h) => (
              <tr key={h.id}>
                <td>{h.label}</td>
                <td>{formatDayRange(h.startDay, h.endDay)}</td>
                <td>{h.source === 'ics' ? 'Calendrier officiel (ICS)' : 'Saisie'}</td>
                <td>
                  <Button variant="warning" className="button--small" onClick={() => { action.clear(); setRemoving({ kind: 'holiday', id: h.id, text: h.label }); }}>
                    Supprimer<span className="visually-hidden"> {h.label}</span>
                  </Button>
                </td>
              </tr>
            ))}
          </Table>
        ))}
      <HolidayForm onDone={(text) => { action.setDone(text); holidays.reload(); }} />
      <IcsImport onDone={(text) => { action.setDone(text); holidays.reload(); }} />

      <ConfirmDialog title="Supprimer" isOpen={removing !== null} confirmLabel="Supprimer" onConfirm={remove} onCancel={() => setRemoving(null)}>
        {removing && <p>Supprimer « {removing.text} » ? Les familles pourront de nouveau réserver ces jours si l’activité a lieu.</p>}
      </ConfirmDialog>
    </>
  );
}

function ClosureForm({ establishments, onDone }: { establishments: { id: string; name: string; activities: { id: string; name: string }[] }[]; onDone: (text: string) => void }) {
  const form = useForm({ establishmentId: establishments[0]?.id ?? '', activityId: '', day: '', reason: '' }, { prefix: 'closure' });
  const v = form.values;
  const activities = establishments.find((e) => e.id === v.establishmentId)?.activities ?? [];
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void form.submit(
      async () => {
        await call('catalog.createClosure', { body: { establishmentId: v.establishmentId, activityId: v.activityId || null, day: v.day, reason: v.reason.trim() } });
        form.setValues({ ...v, day: '', reason: '' });
        onDone(`Fermeture du ${dayLabel(v.day, true)} ajoutée (« ${v.reason.trim()} »).`);
      },
      { check: blanks('closure', ['establishmentId', 'day', 'reason']), mapErrors: prefixed('closure.') },
    );
  }
  return (
    <section aria-labelledby="ajouter-fermeture">
      <h3 id="ajouter-fermeture">Ajouter un jour de fermeture</h3>
      <form noValidate onSubmit={onSubmit}>
        <ErrorSummary {...form.summary} />
        <SelectField {...form.field('establishmentId')} label="Établissement" required onValueChange={(x) => form.setValues({ ...v, establishmentId: x, activityId: '' })} options={establishments.map((e) => ({ value: e.id, label: e.name }))} />
        <SelectField {...form.field('activityId')} label="Activité" placeholder="Toutes les activités de l’établissement" options={activities.map((a) => ({ value: a.id, label: a.name }))} />
        <DateInput {...form.field('day')} label="Jour" hint="" required />
        <Field {...form.field('reason')} label="Motif" hint="Les familles le lisent dans le planning, par exemple « Journée pédagogique »." required />
        <Button type="submit" busy={form.busy}>
          Ajouter la fermeture
        </Button>
      </form>
    </section>
  );
}

function HolidayForm({ onDone }: { onDone: (text: string) => void }) {
  const form = useForm({ label: '', startDay: '', endDay: '' }, { prefix: 'holiday' });
  const v = form.values;
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void form.submit(
      async () => {
        await call('catalog.createSchoolHoliday', { body: { label: v.label.trim(), startDay: v.startDay, endDay: v.endDay } });
        form.setValues({ label: '', startDay: '', endDay: '' });
        onDone(`« ${v.label.trim()} » ajoutées.`);
      },
      { check: blanks('holiday', ['label', 'startDay', 'endDay']), mapErrors: prefixed('holiday.') },
    );
  }
  return (
    <section aria-labelledby="ajouter-vacances">
      <h3 id="ajouter-vacances">Ajouter des vacances scolaires</h3>
      <form noValidate onSubmit={onSubmit}>
        <ErrorSummary {...form.summary} />
        <Field {...form.field('label')} label="Intitulé" hint="Par exemple « Vacances de la Toussaint »." required />
        <DateInput {...form.field('startDay')} label="Premier jour de vacances" hint="" required />
        <DateInput {...form.field('endDay')} label="Dernier jour de vacances" hint="" required />
        <Button type="submit" busy={form.busy}>
          Ajouter les vacances
        </Button>
      </form>
    </section>
  );
}

/** The official calendar's ICS: the file is read in the browser, its text sent to the API. */
function IcsImport({ onDone }: { onDone: (text: string) => void }) {
  const [text, setText] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [zone, setZone] = useState('');
  const [replace, setReplace] = useState(true);
  const problems = useForm();

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    setText(null);
    setFileName(file?.name ?? '');
    if (!file) return;
    if (file.size > 2_000_000) return problems.fail([{ path: 'ics', message: 'Ce fichier dépasse 2 Mo : est-ce bien le calendrier scolaire au format ICS ?' }]);
    setText(await file.text());
    problems.clear();
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void problems.submit(
      async () => {
        const r = await call('catalog.importSchoolHolidays', { body: { ics: text!, zone: zone.trim() || null, replace } });
        onDone(`${r.imported} période${r.imported > 1 ? 's' : ''} de vacances importée${r.imported > 1 ? 's' : ''} depuis « ${fileName} ».`);
      },
      {
        check: () => (text ? [] : [{ path: 'ics', message: 'Choisissez le fichier ICS du calendrier scolaire.' }]),
        // the server's problems are all about the file's content
        mapErrors: (list) => list.map((x) => ({ ...x, path: 'ics' })),
      },
    );
  }
  return (
    <section aria-labelledby="importer-ics">
      <h3 id="importer-ics">Importer le calendrier scolaire officiel</h3>
      <p className="muted">Le fichier ICS du calendrier scolaire se télécharge sur data.education.gouv.fr ou education.gouv.fr.</p>
      <form noValidate onSubmit={(e) => void onSubmit(e)}>
        <ErrorSummary errors={problems.errors} focusKey={problems.focusKey} />
        <FieldFrame id="ics" label="Fichier ICS" hint="Fichier .ics, 2 Mo au plus." error={problems.errorFor('ics')} required>
          {(describedBy) => <input id="ics" name="ics" type="file" accept=".ics,text/calendar" className="input" aria-describedby={describedBy} aria-required onChange={(e) => void onFile(e)} />}
        </FieldFrame>
        <Field name="zone" label="Zone" hint="Facultatif : A, B, C ou Corse. Les vacances communes à toutes les zones sont toujours importées." width="short" value={zone} onValueChange={setZone} />
        <Checkbox name="replace" label="Remplacer les vacances importées précédemment" checked={replace} onCheckedChange={setReplace} />
        <Button type="submit" busy={problems.busy}>
          Importer
        </Button>
      </form>
    </section>
  );
}
