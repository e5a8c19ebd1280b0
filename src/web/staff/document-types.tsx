import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentType, DocumentTypeInput } from '../../shared/document-contracts.js';
import { call, errorMessage } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { i18n } from '../i18n/i18n.js';
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

function validityText(type: DocumentType): string {
  if (type.validityKind === 'months') return i18n.t('staffAdmin:documentTypes.months', { count: type.validityMonths ?? 0 });
  return i18n.t(`labels:validityKind.${type.validityKind}`);
}

/** « Documents demandés » (administrators): what families must send, for whom, how long it is valid, and for what. */
export function DocumentTypesPage() {
  const types = useResource('staffDocuments.types');
  const catalog = useResource('catalog.get');
  const [editing, setEditing] = useState<DocumentType | 'new' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { t } = useTranslation('staffAdmin');
  const { t: tl } = useTranslation('labels');
  usePageTitle(t('documentTypes.title'));
  const rows = (types.data ?? []);
  const activities: ActivityOption[] = (catalog.data?.establishments ?? []).flatMap((e) =>
    e.activities.map((a) => ({ id: a.id, label: `${a.name} (${e.name})` })),
  );
  const activityName = (id: string) => activities.find((a) => a.id === id)?.label ?? t('documentTypes.unknownActivity');

  return (
    <>
      <Link to="/agent" className="back-link">
        {t('documentTypes.back')}
      </Link>
      <PageHeading>{t('documentTypes.title')}</PageHeading>
      <p>{t('documentTypes.intro')}</p>
      {done && <StatusMessage>{done}</StatusMessage>}
      <LoadState loading={types.loading && types.data === null} error={types.error ?? catalog.error} />
      <Button onClick={() => { setDone(null); setEditing('new'); }}>{t('documentTypes.add')}</Button>
      {types.data !== null &&
        (rows.length === 0 ? (
          <p className="empty">{t('documentTypes.empty')}</p>
        ) : (
          <Table
            caption={t('documentTypes.caption')}
            captionHidden
            head={[
              t('documentTypes.head.document'),
              t('documentTypes.head.scope'),
              t('documentTypes.head.validity'),
              t('documentTypes.head.required'),
              t('documentTypes.head.beforeBooking'),
              t('documentTypes.head.action'),
            ]}
          >
            {rows.map((type) => (
              <tr key={type.id}>
                <td>
                  {type.name}
                  {!type.active && (
                    <>
                      {' '}
                      <StatusTag tone="neutral">{t('documentTypes.inactive')}</StatusTag>
                    </>
                  )}
                </td>
                <td>{tl(`documentScope.${type.scope}`)}</td>
                <td>{validityText(type)}</td>
                <td>{type.required ? tl('yesNo.yes') : tl('yesNo.no')}</td>
                <td>
                  {type.requiredForActivityIds.length === 0 ? (
                    <span className="muted">{t('documentTypes.noActivity')}</span>
                  ) : (
                    <ul className="doc-type-activities">
                      {type.requiredForActivityIds.map((id) => (
                        <li key={id}>{activityName(id)}</li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  <Button variant="secondary" className="button--small" onClick={() => { setDone(null); setEditing(type); }}>
                    {t('documentTypes.edit')}
                    <span className="visually-hidden"> {t('documentTypes.editHidden', { name: type.name })}</span>
                  </Button>
                </td>
              </tr>
            ))}
          </Table>
        ))}
      <Dialog title={editing === 'new' ? t('documentTypes.add') : t('documentTypes.editTitle')} isOpen={editing !== null} onOpenChange={(open) => !open && setEditing(null)}>
        {editing !== null && (
          <TypeForm
            key={editing === 'new' ? 'new' : editing.id}
            type={editing === 'new' ? null : editing}
            activities={activities}
            onCancel={() => setEditing(null)}
            onSaved={(saved) => {
              setEditing(null);
              setDone(t('documentTypes.saved', { name: saved.name }));
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
  const { t } = useTranslation('staffAdmin');
  const { t: tl } = useTranslation('labels');

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const required: ('name' | 'scope' | 'validityKind' | 'validityMonths')[] = ['name', 'scope', 'validityKind'];
    if (v.validityKind === 'months') required.push('validityMonths');
    const missing = required.filter((k) => !String(v[k]).trim());
    if (missing.length > 0) {
      form.fail(missing.map((path) => ({ path, message: path === 'validityMonths' ? errorMessage('document.validity_months_required') : errorMessage('required', path) })));
      return;
    }
    const months = v.validityKind === 'months' ? Number(v.validityMonths) : null;
    if (months !== null && (!Number.isInteger(months) || months < 1 || months > 120)) {
      form.fail([{ path: 'validityMonths', message: errorMessage('document.validity_months_required') }]);
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
      <Field {...form.field('name')} label={t('documentTypes.form.name')} hint={t('documentTypes.form.nameHint')} required maxLength={120} />
      <TextArea {...form.field('description')} label={t('documentTypes.form.description')} hint={t('documentTypes.form.descriptionHint')} rows={2} maxLength={500} />
      <Radios
        name="scope"
        legend={t('documentTypes.form.scope')}
        required
        options={[
          { value: 'family', label: t('documentTypes.form.scopeFamily') },
          { value: 'child', label: t('documentTypes.form.scopeChild') },
        ]}
        value={v.scope as DocumentType['scope'] | ''}
        onValueChange={(x) => form.set('scope', x)}
        error={form.errorFor('scope')}
      />
      <Radios
        name="validityKind"
        legend={t('documentTypes.form.validity')}
        required
        options={[
          { value: 'none', label: tl('validityKind.none') },
          { value: 'school_year', label: tl('validityKind.school_year') },
          { value: 'months', label: tl('validityKind.months') },
        ]}
        value={v.validityKind as DocumentType['validityKind'] | ''}
        onValueChange={(x) => form.set('validityKind', x)}
        error={form.errorFor('validityKind')}
      />
      {v.validityKind === 'months' && (
        <Field {...form.field('validityMonths')} label={t('documentTypes.form.validityMonths')} hint={t('documentTypes.form.validityMonthsHint')} required width="short" inputMode="numeric" />
      )}
      <Checkbox name="required" label={t('documentTypes.form.required')} hint={t('documentTypes.form.requiredHint')} checked={v.required} onCheckedChange={(x) => form.set('required', x)} error={form.errorFor('required')} />
      <Fieldset legend={t('documentTypes.form.beforeBooking')} kind="question" hint={t('documentTypes.form.beforeBookingHint')}>
        {activities.length === 0 ? (
          <p className="empty">{t('documentTypes.form.noActivity')}</p>
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
      {type && <Checkbox name="active" label={t('documentTypes.form.active')} hint={t('documentTypes.form.activeHint')} checked={v.active} onCheckedChange={(x) => form.set('active', x)} />}
      <ButtonGroup>
        <Button type="submit" busy={form.busy}>
          {t('documentTypes.form.save')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('documentTypes.form.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}
