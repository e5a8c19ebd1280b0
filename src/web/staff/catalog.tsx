/**
 * What families can book (administrators): establishments and their activities, with each activity's units,
 * periods and deadline rules at a glance; links to configure an activity and to the calendar (closures, school
 * holidays).
 */
import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { Establishment } from '../../shared/booking-contracts.js';
import { call } from '../api/client.js';
import { PageHeading, useFlash, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { formatDayRange } from '../i18n/fr.js';
import { currentLanguage } from '../i18n/i18n.js';
import { Button, ButtonGroup, ButtonLink } from '../ui/button.js';
import { Dialog } from '../ui/dialog.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { Field } from '../ui/field.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { prefixed, useForm } from '../ui/use-form.js';
import { WEEKDAY_KEYS, useStaffCatalog } from './booking-filters.js';
import '../ui/booking.css';

export function CatalogPage() {
  const { t } = useTranslation(['staff', 'labels']);
  const catalog = useStaffCatalog();
  const flash = useFlash();
  const [done, setDone] = useState<string | null>(null);
  const [editing, setEditing] = useState<Establishment | null>(null);
  usePageTitle(t('catalog.title'));
  // inside a sentence, French writes the weekdays in lower case (« lundi, mardi »); English keeps the capital
  const weekday = (d: number) => {
    const name = t(`labels:weekday.${WEEKDAY_KEYS[d - 1]}`);
    return currentLanguage() === 'fr' ? name.toLowerCase() : name;
  };
  const establishments = catalog.data?.establishments ?? [];

  return (
    <>
      <Link to="/agent" className="back-link">
        {t('shared.dashboard')}
      </Link>
      <PageHeading>{t('catalog.title')}</PageHeading>
      <p>
        <Trans t={t} i18nKey="catalog.intro" components={{ calendar: <Link to="/agent/calendrier" /> }} />
      </p>
      {(flash || done) && <StatusMessage>{done ?? flash}</StatusMessage>}
      <LoadState loading={catalog.loading && !catalog.data} error={catalog.error} />
      {catalog.data && establishments.length === 0 && <p className="empty">{t('catalog.empty')}</p>}
      {establishments.map((e) => (
        <section key={e.id} className="card" aria-labelledby={`etab-${e.id}`}>
          <h2 id={`etab-${e.id}`}>{e.name}</h2>
          {e.address && <p className="muted">{e.address}</p>}
          <ButtonGroup>
            <ButtonLink to={`/agent/catalogue/activites/nouvelle?etablissement=${encodeURIComponent(e.id)}`}>{t('catalog.addActivity')}</ButtonLink>
            <Button variant="secondary" onClick={() => { setDone(null); setEditing(e); }}>
              <Trans t={t} i18nKey="catalog.editEstablishment" values={{ name: e.name }} components={{ hidden: <span className="visually-hidden" /> }} />
            </Button>
          </ButtonGroup>
          {e.activities.length === 0 && <p className="empty">{t('catalog.noActivity')}</p>}
          {e.activities.map((a) => (
            <div key={a.id} className="catalog-activity">
              <h3>
                <Link to={`/agent/catalogue/activites/${encodeURIComponent(a.id)}`}>{a.name}</Link>
              </h3>
              <p>
                {t(`labels:activityKind.${a.kind}`)} · {a.openWeekdays.map(weekday).join(', ')}
                {(a.minAge !== null || a.maxAge !== null) && ` · ${t('catalog.ages', { min: a.minAge ?? 0, max: a.maxAge ?? '…' })}`}
              </p>
              <p>
                {t('catalog.units')}{' '}
                {a.units.length ? a.units.map((u) => t('catalog.unitPlaces', { label: u.label, count: u.defaultCapacity })).join(', ') : <span className="muted">{t('catalog.none')}</span>}
              </p>
              <p>
                {t('catalog.rules', { booking: a.bookingRuleText, cancellation: a.cancellationRuleText })}
              </p>
              <p>
                {t('catalog.periods')}{' '}
                {a.periods.length ? (
                  a.periods.map((p) => t('catalog.period', { label: p.label, range: formatDayRange(p.startDay, p.endDay) })).join(t('catalog.periodSeparator'))
                ) : (
                  <span className="muted">{t('catalog.none')}</span>
                )}
              </p>
            </div>
          ))}
        </section>
      ))}
      <AddEstablishment onAdded={(name) => { setDone(t('catalog.added', { name })); catalog.reload(); }} />
      <Dialog title={t('catalog.editTitle')} isOpen={editing !== null} onOpenChange={(open) => !open && setEditing(null)}>
        {editing && (
          <EstablishmentForm
            key={editing.id}
            prefix="edit"
            initial={editing}
            submitLabel={t('shared.save')}
            onCancel={() => setEditing(null)}
            save={(body) => call('catalog.updateEstablishment', { params: { establishmentId: editing.id }, body })}
            onDone={(name) => {
              setEditing(null);
              setDone(t('catalog.saved', { name }));
              catalog.reload();
            }}
          />
        )}
      </Dialog>
    </>
  );
}

function AddEstablishment({ onAdded }: { onAdded: (name: string) => void }) {
  const { t } = useTranslation('staff');
  const [key, setKey] = useState(0);
  return (
    <section aria-labelledby="ajouter-etablissement">
      <h2 id="ajouter-etablissement">{t('catalog.addTitle')}</h2>
      <EstablishmentForm
        key={key}
        prefix=""
        initial={null}
        submitLabel={t('catalog.addSubmit')}
        save={(body) => call('catalog.createEstablishment', { body })}
        onDone={(name) => {
          setKey((k) => k + 1);
          onAdded(name);
        }}
      />
    </section>
  );
}

function EstablishmentForm({
  prefix,
  initial,
  submitLabel,
  save,
  onDone,
  onCancel,
}: {
  prefix: string;
  initial: Establishment | null;
  submitLabel: string;
  save: (body: { name: string; address: string | null }) => Promise<unknown>;
  onDone: (name: string) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation('staff');
  const form = useForm({ name: initial?.name ?? '', address: initial?.address ?? '' }, { prefix });
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const name = form.values.name.trim();
    void form.submit(
      async () => {
        await save({ name, address: form.values.address.trim() || null });
        onDone(name);
      },
      { required: ['name'], mapErrors: prefix ? prefixed(`${prefix}.`) : undefined },
    );
  }
  return (
    <form noValidate onSubmit={onSubmit}>
      <ErrorSummary {...form.summary} />
      <Field {...form.field('name')} label={t('catalog.name')} required />
      <Field {...form.field('address')} label={t('catalog.address')} hint={t('shared.optional')} />
      <ButtonGroup>
        <Button type="submit" busy={form.busy}>
          {submitLabel}
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
