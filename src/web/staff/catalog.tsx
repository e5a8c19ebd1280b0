/**
 * What families can book (administrators): establishments and their activities, with each activity's units,
 * periods and deadline rules at a glance; links to configure an activity and to the calendar (closures, school
 * holidays).
 */
import { useState, type FormEvent } from 'react';
import type { Establishment } from '../../shared/booking-contracts.js';
import { call } from '../api/client.js';
import { PageHeading, useFlash, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { ACTIVITY_KIND_LABELS, WEEKDAY_LABELS, formatDayRange } from '../i18n/fr.js';
import { Button, ButtonGroup, ButtonLink } from '../ui/button.js';
import { Dialog } from '../ui/dialog.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { Field } from '../ui/field.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { prefixed, useForm } from '../ui/use-form.js';
import { useStaffCatalog } from './booking-filters.js';
import '../ui/booking.css';

export function CatalogPage() {
  const catalog = useStaffCatalog();
  const flash = useFlash();
  const [done, setDone] = useState<string | null>(null);
  const [editing, setEditing] = useState<Establishment | null>(null);
  usePageTitle('Activités et réservations');
  const establishments = catalog.data?.establishments ?? [];

  return (
    <>
      <Link to="/agent" className="back-link">
        Tableau de bord
      </Link>
      <PageHeading>Activités et réservations</PageHeading>
      <p>
        Les établissements, leurs activités (unités et capacités, périodes ouvertes à la réservation, délais de réservation et d’annulation).{' '}
        <Link to="/agent/calendrier">Calendrier : jours de fermeture et vacances scolaires</Link>.
      </p>
      {(flash || done) && <StatusMessage>{done ?? flash}</StatusMessage>}
      <LoadState loading={catalog.loading && !catalog.data} error={catalog.error} />
      {catalog.data && establishments.length === 0 && <p className="empty">Aucun établissement pour le moment : ajoutez-en un ci-dessous.</p>}
      {establishments.map((e) => (
        <section key={e.id} className="card" aria-labelledby={`etab-${e.id}`}>
          <h2 id={`etab-${e.id}`}>{e.name}</h2>
          {e.address && <p className="muted">{e.address}</p>}
          <ButtonGroup>
            <ButtonLink to={`/agent/catalogue/activites/nouvelle?etablissement=${encodeURIComponent(e.id)}`}>Ajouter une activité</ButtonLink>
            <Button variant="secondary" onClick={() => { setDone(null); setEditing(e); }}>
              Modifier l’établissement<span className="visually-hidden"> {e.name}</span>
            </Button>
          </ButtonGroup>
          {e.activities.length === 0 && <p className="empty">Aucune activité.</p>}
          {e.activities.map((a) => (
            <div key={a.id} className="catalog-activity">
              <h3>
                <Link to={`/agent/catalogue/activites/${encodeURIComponent(a.id)}`}>{a.name}</Link>
              </h3>
              <p>
                {ACTIVITY_KIND_LABELS[a.kind]} · {a.openWeekdays.map((d) => WEEKDAY_LABELS[d - 1].toLowerCase()).join(', ')}
                {(a.minAge !== null || a.maxAge !== null) && ` · âges ${a.minAge ?? 0} à ${a.maxAge ?? '…'} ans`}
              </p>
              <p>
                Unités : {a.units.length ? a.units.map((u) => `${u.label} (${u.defaultCapacity} places)`).join(', ') : <span className="muted">aucune</span>}
              </p>
              <p>
                Réservation : {a.bookingRuleText} · Annulation : {a.cancellationRuleText}
              </p>
              <p>
                Périodes : {a.periods.length ? a.periods.map((p) => `${p.label} (${formatDayRange(p.startDay, p.endDay)})`).join(' ; ') : <span className="muted">aucune</span>}
              </p>
            </div>
          ))}
        </section>
      ))}
      <AddEstablishment onAdded={(name) => { setDone(`L’établissement « ${name} » est ajouté.`); catalog.reload(); }} />
      <Dialog title="Modifier l’établissement" isOpen={editing !== null} onOpenChange={(open) => !open && setEditing(null)}>
        {editing && (
          <EstablishmentForm
            key={editing.id}
            prefix="edit"
            initial={editing}
            submitLabel="Enregistrer"
            onCancel={() => setEditing(null)}
            save={(body) => call('catalog.updateEstablishment', { params: { establishmentId: editing.id }, body })}
            onDone={(name) => {
              setEditing(null);
              setDone(`L’établissement « ${name} » est enregistré.`);
              catalog.reload();
            }}
          />
        )}
      </Dialog>
    </>
  );
}

function AddEstablishment({ onAdded }: { onAdded: (name: string) => void }) {
  const [key, setKey] = useState(0);
  return (
    <section aria-labelledby="ajouter-etablissement">
      <h2 id="ajouter-etablissement">Ajouter un établissement</h2>
      <EstablishmentForm
        key={key}
        prefix=""
        initial={null}
        submitLabel="Ajouter l’établissement"
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
      <Field {...form.field('name')} label="Nom de l’établissement" required />
      <Field {...form.field('address')} label="Adresse" hint="Facultatif." />
      <ButtonGroup>
        <Button type="submit" busy={form.busy}>
          {submitLabel}
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
