import { useState, type FormEvent } from 'react';
import type { DocumentType, DocumentTypeInput } from '../../shared/document-contracts.js';
import { messageFor } from '../../shared/errors.js';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { DOCUMENT_SCOPE_LABELS, VALIDITY_KIND_LABELS } from '../i18n/document-labels.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { Dialog } from '../ui/dialog.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { Checkbox, Field, TextArea } from '../ui/field.js';
import { Fieldset, Radios } from '../ui/fieldset.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage, StatusTag } from '../ui/status-message.js';
import { Table } from '../ui/table.js';
import { useForm } from '../ui/use-form.js';
import '../ui/documents.css';

export const DOCUMENT_TYPES_PATH = '/agent/documents-demandes';

type ActivityOption = { id: string; label: string };

function validityText(t: DocumentType): string {
  if (t.validityKind === 'months') return `${t.validityMonths} mois`;
  return VALIDITY_KIND_LABELS[t.validityKind];
}

/** « Documents demandés » (administrators): what families must send, for whom, how long it is valid, and for what. */
export function DocumentTypesPage() {
  const types = useResource('staffDocuments.types');
  const catalog = useResource('catalog.get');
  const [editing, setEditing] = useState<DocumentType | 'new' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  usePageTitle('Documents demandés aux familles');
  const rows = (types.data ?? []);
  const activities: ActivityOption[] = (catalog.data?.establishments ?? []).flatMap((e) =>
    e.activities.map((a) => ({ id: a.id, label: `${a.name} (${e.name})` })),
  );
  const activityName = (id: string) => activities.find((a) => a.id === id)?.label ?? 'Activité inconnue';

  return (
    <>
      <Link to="/agent" className="back-link">
        Tableau de bord
      </Link>
      <PageHeading>Documents demandés aux familles</PageHeading>
      <p>
        Les pièces justificatives que les familles voient dans « liste des documents à fournir ». Un document peut être
        exigé avant de réserver certaines activités.
      </p>
      {done && <StatusMessage>{done}</StatusMessage>}
      <LoadState loading={types.loading && types.data === null} error={types.error ?? catalog.error} />
      <Button onClick={() => { setDone(null); setEditing('new'); }}>Ajouter un type de document</Button>
      {types.data !== null &&
        (rows.length === 0 ? (
          <p className="empty">Aucun document n’est demandé aux familles.</p>
        ) : (
          <Table caption="Types de documents" captionHidden head={['Document', 'Pour', 'Validité', 'Obligatoire', 'Avant de réserver', 'Action']}>
            {rows.map((t) => (
              <tr key={t.id}>
                <td>
                  {t.name}
                  {!t.active && (
                    <>
                      {' '}
                      <StatusTag tone="neutral">plus demandé</StatusTag>
                    </>
                  )}
                </td>
                <td>{DOCUMENT_SCOPE_LABELS[t.scope]}</td>
                <td>{validityText(t)}</td>
                <td>{t.required ? 'Oui' : 'Non'}</td>
                <td>
                  {t.requiredForActivityIds.length === 0 ? (
                    <span className="muted">Aucune activité</span>
                  ) : (
                    <ul className="doc-type-activities">
                      {t.requiredForActivityIds.map((id) => (
                        <li key={id}>{activityName(id)}</li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  <Button variant="secondary" className="button--small" onClick={() => { setDone(null); setEditing(t); }}>
                    Modifier<span className="visually-hidden"> « {t.name} »</span>
                  </Button>
                </td>
              </tr>
            ))}
          </Table>
        ))}
      <Dialog title={editing === 'new' ? 'Ajouter un type de document' : 'Modifier le type de document'} isOpen={editing !== null} onOpenChange={(open) => !open && setEditing(null)}>
        {editing !== null && (
          <TypeForm
            key={editing === 'new' ? 'new' : editing.id}
            type={editing === 'new' ? null : editing}
            activities={activities}
            onCancel={() => setEditing(null)}
            onSaved={(t) => {
              setEditing(null);
              setDone(`Le type de document « ${t.name} » est enregistré.`);
              types.reload();
            }}
          />
        )}
      </Dialog>
    </>
  );
}

function TypeForm({ type, activities, onCancel, onSaved }: { type: DocumentType | null; activities: ActivityOption[]; onCancel: () => void; onSaved: (t: DocumentType) => void }) {
  const form = useForm({
    name: type?.name ?? '',
    description: type?.description ?? '',
    scope: type?.scope ?? '',
    validityKind: type?.validityKind ?? '',
    validityMonths: type?.validityMonths ? String(type.validityMonths) : '',
    required: type?.required ?? true,
    active: type?.active ?? true,
  });
  const [activityIds, setActivityIds] = useState<string[]>(type?.requiredForActivityIds ?? []);
  const v = form.values;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const required: ('name' | 'scope' | 'validityKind' | 'validityMonths')[] = ['name', 'scope', 'validityKind'];
    if (v.validityKind === 'months') required.push('validityMonths');
    const missing = required.filter((k) => !String(v[k]).trim());
    if (missing.length > 0) {
      form.fail(missing.map((path) => ({ path, message: path === 'validityMonths' ? messageFor('document.validity_months_required') : messageFor('required', path) })));
      return;
    }
    const months = v.validityKind === 'months' ? Number(v.validityMonths) : null;
    if (months !== null && (!Number.isInteger(months) || months < 1 || months > 120)) {
      form.fail([{ path: 'validityMonths', message: messageFor('document.validity_months_required') }]);
      return;
    }
    const body: DocumentTypeInput = {
      name: v.name.trim(),
      description: v.description.trim() || undefined,
      scope: v.scope as DocumentType['scope'],
      validityKind: v.validityKind as DocumentType['validityKind'],
      validityMonths: months,
      required: v.required,
      requiredForActivityIds: activityIds,
      active: v.active,
    };
    void form.submit(async () => {
      const saved = type
        ? await call('staffDocuments.updateType', { params: { typeId: type.id }, body })
        : await call('staffDocuments.createType', { body });
      onSaved(saved);
    });
  }

  return (
    <form noValidate onSubmit={onSubmit} className="form--wide">
      <ErrorSummary {...form.summary} />
      <Field {...form.field('name')} label="Nom du document" hint="Tel que les familles le verront, par exemple « Justificatif de domicile »." required maxLength={120} />
      <TextArea {...form.field('description')} label="Précisions pour les familles (facultatif)" hint="Par exemple : « facture d’électricité ou de téléphone de moins de 3 mois »." rows={2} maxLength={500} />
      <Radios
        name="scope"
        legend="Document demandé pour"
        required
        options={[
          { value: 'family', label: 'La famille (un seul document)' },
          { value: 'child', label: 'Chaque enfant (un document par enfant)' },
        ]}
        value={v.scope as DocumentType['scope'] | ''}
        onValueChange={(x) => form.set('scope', x)}
        error={form.errorFor('scope')}
      />
      <Radios
        name="validityKind"
        legend="Durée de validité"
        required
        options={[
          { value: 'none', label: VALIDITY_KIND_LABELS.none },
          { value: 'school_year', label: VALIDITY_KIND_LABELS.school_year },
          { value: 'months', label: VALIDITY_KIND_LABELS.months },
        ]}
        value={v.validityKind as DocumentType['validityKind'] | ''}
        onValueChange={(x) => form.set('validityKind', x)}
        error={form.errorFor('validityKind')}
      />
      {v.validityKind === 'months' && (
        <Field {...form.field('validityMonths')} label="Nombre de mois" hint="De 1 à 120, à compter de l’acceptation du document." required width="short" inputMode="numeric" />
      )}
      <Checkbox name="required" label="Document obligatoire" hint="Il apparaît comme « À fournir » tant que la famille ne l’a pas envoyé." checked={v.required} onCheckedChange={(x) => form.set('required', x)} error={form.errorFor('required')} />
      <Fieldset legend="Obligatoire avant de réserver" kind="question" hint="Les activités qui ne peuvent pas être réservées tant que ce document n’est pas accepté.">
        {activities.length === 0 ? (
          <p className="empty">Aucune activité n’est configurée.</p>
        ) : (
          activities.map((a) => (
            <Checkbox
              key={a.id}
              name={`requiredForActivityIds.${a.id}`}
              label={a.label}
              checked={activityIds.includes(a.id)}
              onCheckedChange={(x) => setActivityIds((ids) => (x ? [...ids, a.id] : ids.filter((i) => i !== a.id)))}
            />
          ))
        )}
      </Fieldset>
      {type && <Checkbox name="active" label="Toujours demandé aux familles" hint="Décochez pour ne plus le demander ; les documents déjà envoyés sont gardés." checked={v.active} onCheckedChange={(x) => form.set('active', x)} />}
      <ButtonGroup>
        <Button type="submit" busy={form.busy}>
          Enregistrer
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Annuler
        </Button>
      </ButtonGroup>
    </form>
  );
}
