/**
 * The calendar (administrators): closure days of an establishment or of one activity, and the school holidays
 * (entered by hand or imported from the official calendar's ICS file, data.education.gouv.fr). French public
 * holidays are computed: nothing to enter.
 */
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
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

const hidden = { hidden: <span className="visually-hidden" /> };

export function CatalogCalendarPage() {
  const { t } = useTranslation('staff');
  const catalog = useStaffCatalog();
  const closures = useResource('catalog.closures');
  const holidays = useResource('catalog.schoolHolidays');
  const action = useRowAction();
  const [removing, setRemoving] = useState<{ kind: 'closure' | 'holiday'; id: string; text: string } | null>(null);
  usePageTitle(t('calendar.title'));

  const closureRows = (closures.data ?? []).sort((a, b) => (a.day < b.day ? -1 : 1));
  const holidayRows = (holidays.data ?? []).sort((a, b) => (a.startDay < b.startDay ? -1 : 1));
  const establishmentName = (id: string) => catalog.data?.establishments.find((e) => e.id === id)?.name ?? '';
  const activityName = (id: string | null) => (id ? (catalog.activities.find((a) => a.id === id)?.name ?? '') : t('calendar.allActivities'));

  function remove() {
    const r = removing!;
    setRemoving(null);
    void action.run(
      r.id,
      async () => {
        await (r.kind === 'closure' ? call('catalog.deleteClosure', { params: { closureId: r.id } }) : call('catalog.deleteSchoolHoliday', { params: { holidayId: r.id } }));
        return t('calendar.removed', { text: r.text });
      },
      r.kind === 'closure' ? closures.reload : holidays.reload,
    );
  }

  return (
    <>
      <Link to="/agent/catalogue" className="back-link">
        {t('calendar.back')}
      </Link>
      <PageHeading>{t('calendar.title')}</PageHeading>
      <p>{t('calendar.intro')}</p>
      {action.done && <StatusMessage>{action.done}</StatusMessage>}
      <ErrorSummary errors={action.errors} focusKey={action.errorKey} />

      <h2>{t('calendar.closures.title')}</h2>
      <LoadState loading={closures.loading && closures.data === null} error={closures.error} />
      {closures.data !== null &&
        (closureRows.length === 0 ? (
          <p className="empty">{t('calendar.closures.empty')}</p>
        ) : (
          <Table
            caption={t('calendar.closures.title')}
            captionHidden
            head={[
              t('calendar.closures.head.day'),
              t('calendar.closures.head.establishment'),
              t('calendar.closures.head.activity'),
              t('calendar.closures.head.reason'),
              t('shared.actions'),
            ]}
          >
            {closureRows.map((c) => (
              <tr key={c.id}>
                <td>{dayLabel(c.day, true)}</td>
                <td>{establishmentName(c.establishmentId)}</td>
                <td>{activityName(c.activityId)}</td>
                <td>{c.reason}</td>
                <td>
                  <Button variant="warning" className="button--small" onClick={() => { action.clear(); setRemoving({ kind: 'closure', id: c.id, text: t('calendar.closures.text', { day: dayLabel(c.day, true) }) }); }}>
                    <Trans t={t} i18nKey="calendar.closures.remove" values={{ day: dayLabel(c.day, true) }} components={hidden} />
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

      <h2>{t('calendar.holidays.title')}</h2>
      <LoadState loading={holidays.loading && holidays.data === null} error={holidays.error} />
      {holidays.data !== null &&
        (holidayRows.length === 0 ? (
          <p className="empty">{t('calendar.holidays.empty')}</p>
        ) : (
          <Table
            caption={t('calendar.holidays.title')}
            captionHidden
            head={[t('calendar.holidays.head.holidays'), t('calendar.holidays.head.days'), t('calendar.holidays.head.source'), t('shared.actions')]}
          >
            {holidayRows.map((h) => (
              <tr key={h.id}>
                <td>{h.label}</td>
                <td>{formatDayRange(h.startDay, h.endDay)}</td>
                <td>{h.source === 'ics' ? t('calendar.holidays.sourceIcs') : t('calendar.holidays.sourceManual')}</td>
                <td>
                  <Button variant="warning" className="button--small" onClick={() => { action.clear(); setRemoving({ kind: 'holiday', id: h.id, text: h.label }); }}>
                    <Trans t={t} i18nKey="calendar.holidays.remove" values={{ label: h.label }} components={hidden} />
                  </Button>
                </td>
              </tr>
            ))}
          </Table>
        ))}
      <HolidayForm onDone={(text) => { action.setDone(text); holidays.reload(); }} />
      <IcsImport onDone={(text) => { action.setDone(text); holidays.reload(); }} />

      <ConfirmDialog title={t('calendar.confirm.title')} isOpen={removing !== null} confirmLabel={t('calendar.confirm.confirm')} onConfirm={remove} onCancel={() => setRemoving(null)}>
        {removing && <p>{t('calendar.confirm.text', { text: removing.text })}</p>}
      </ConfirmDialog>
    </>
  );
}

function ClosureForm({ establishments, onDone }: { establishments: { id: string; name: string; activities: { id: string; name: string }[] }[]; onDone: (text: string) => void }) {
  const { t } = useTranslation('staff');
  const form = useForm({ establishmentId: establishments[0]?.id ?? '', activityId: '', day: '', reason: '' }, { prefix: 'closure' });
  const v = form.values;
  const activities = establishments.find((e) => e.id === v.establishmentId)?.activities ?? [];
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void form.submit(
      async () => {
        await call('catalog.createClosure', { body: { establishmentId: v.establishmentId, activityId: v.activityId || null, day: v.day, reason: v.reason.trim() } });
        form.setValues({ ...v, day: '', reason: '' });
        onDone(t('calendar.closureForm.added', { day: dayLabel(v.day, true), reason: v.reason.trim() }));
      },
      { check: blanks('closure', ['establishmentId', 'day', 'reason']), mapErrors: prefixed('closure.') },
    );
  }
  return (
    <section aria-labelledby="ajouter-fermeture">
      <h3 id="ajouter-fermeture">{t('calendar.closureForm.title')}</h3>
      <form noValidate onSubmit={onSubmit}>
        <ErrorSummary {...form.summary} />
        <SelectField {...form.field('establishmentId')} label={t('calendar.closureForm.establishment')} required onValueChange={(x) => form.setValues({ ...v, establishmentId: x, activityId: '' })} options={establishments.map((e) => ({ value: e.id, label: e.name }))} />
        <SelectField {...form.field('activityId')} label={t('calendar.closureForm.activity')} placeholder={t('calendar.closureForm.allActivities')} options={activities.map((a) => ({ value: a.id, label: a.name }))} />
        <DateInput {...form.field('day')} label={t('calendar.closureForm.day')} hint="" required />
        <Field {...form.field('reason')} label={t('calendar.closureForm.reason')} hint={t('calendar.closureForm.reasonHint')} required />
        <Button type="submit" busy={form.busy}>
          {t('calendar.closureForm.submit')}
        </Button>
      </form>
    </section>
  );
}

function HolidayForm({ onDone }: { onDone: (text: string) => void }) {
  const { t } = useTranslation('staff');
  const form = useForm({ label: '', startDay: '', endDay: '' }, { prefix: 'holiday' });
  const v = form.values;
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void form.submit(
      async () => {
        await call('catalog.createSchoolHoliday', { body: { label: v.label.trim(), startDay: v.startDay, endDay: v.endDay } });
        form.setValues({ label: '', startDay: '', endDay: '' });
        onDone(t('calendar.holidayForm.added', { label: v.label.trim() }));
      },
      { check: blanks('holiday', ['label', 'startDay', 'endDay']), mapErrors: prefixed('holiday.') },
    );
  }
  return (
    <section aria-labelledby="ajouter-vacances">
      <h3 id="ajouter-vacances">{t('calendar.holidayForm.title')}</h3>
      <form noValidate onSubmit={onSubmit}>
        <ErrorSummary {...form.summary} />
        <Field {...form.field('label')} label={t('calendar.holidayForm.label')} hint={t('calendar.holidayForm.labelHint')} required />
        <DateInput {...form.field('startDay')} label={t('calendar.holidayForm.startDay')} hint="" required />
        <DateInput {...form.field('endDay')} label={t('calendar.holidayForm.endDay')} hint="" required />
        <Button type="submit" busy={form.busy}>
          {t('calendar.holidayForm.submit')}
        </Button>
      </form>
    </section>
  );
}

/** The official calendar's ICS: the file is read in the browser, its text sent to the API. */
function IcsImport({ onDone }: { onDone: (text: string) => void }) {
  const { t } = useTranslation('staff');
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
    if (file.size > 2_000_000) return problems.fail([{ path: 'ics', message: t('calendar.ics.tooBig') }]);
    setText(await file.text());
    problems.clear();
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void problems.submit(
      async () => {
        const r = await call('catalog.importSchoolHolidays', { body: { ics: text!, zone: zone.trim() || null, replace } });
        onDone(t('calendar.ics.imported', { count: r.imported, file: fileName }));
      },
      {
        check: () => (text ? [] : [{ path: 'ics', message: t('calendar.ics.missing') }]),
        // the server's problems are all about the file's content
        mapErrors: (list) => list.map((x) => ({ ...x, path: 'ics' })),
      },
    );
  }
  return (
    <section aria-labelledby="importer-ics">
      <h3 id="importer-ics">{t('calendar.ics.title')}</h3>
      <p className="muted">{t('calendar.ics.intro')}</p>
      <form noValidate onSubmit={(e) => void onSubmit(e)}>
        <ErrorSummary errors={problems.errors} focusKey={problems.focusKey} />
        <FieldFrame id="ics" label={t('calendar.ics.file')} hint={t('calendar.ics.fileHint')} error={problems.errorFor('ics')} required>
          {(describedBy) => <input id="ics" name="ics" type="file" accept=".ics,text/calendar" className="input" aria-describedby={describedBy} aria-required onChange={(e) => void onFile(e)} />}
        </FieldFrame>
        <Field name="zone" label={t('calendar.ics.zone')} hint={t('calendar.ics.zoneHint')} width="short" value={zone} onValueChange={setZone} />
        <Checkbox name="replace" label={t('calendar.ics.replace')} checked={replace} onCheckedChange={setReplace} />
        <Button type="submit" busy={problems.busy}>
          {t('calendar.ics.submit')}
        </Button>
      </form>
    </section>
  );
}
