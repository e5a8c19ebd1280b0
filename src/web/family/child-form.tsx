/**
 * The « Enfant » form (guide §4.6): « Information Enfant », « Renseignements médicaux », « Les personnes à
 * contacter en cas d'urgence », « Les personnes autorisées à venir chercher l'enfant », « Autorisations ».
 * People are added, edited and deleted in windows; « Valider » saves the whole record at once (nothing half-saved).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ReferenceLists } from '../../shared/child-contracts.js';
import { ApiError, call, errorMessage } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link, navigate } from '../app/router.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { Field, SelectField, TextArea } from '../ui/field.js';
import { ConfirmDialog } from '../ui/confirm-dialog.js';
import { DateInput } from '../ui/date-input.js';
import { Dialog } from '../ui/dialog.js';
import { ErrorSummary, type SummaryError } from '../ui/error-summary.js';
import { Fieldset, Radios } from '../ui/fieldset.js';
import { LoadState } from '../ui/loading.js';
import { PhoneInput } from '../ui/phone-input.js';
import { useForm } from '../ui/use-form.js';
import { YesNo } from '../ui/yes-no.js';
import {
  archivedAnswers,
  contactOf,
  draftOf,
  EMPTY_PERSON,
  emptyDraft,
  inputOf,
  personName,
  withContact,
  withoutContact,
  withoutPickup,
  withPickedContacts,
  withPickup,
  type ArchivedAnswer,
  type ChildDraft,
  type PersonFields,
} from './child-draft.js';
import { Archived, PeopleList, PickFromContacts, YesNoList } from './child-form-parts.js';
import { PersonForm } from './child-person-dialog.js';
import { childName } from '../views/child-view.js';
import '../ui/records.css';

type DialogState =
  | { kind: 'contact'; index: number | null }
  | { kind: 'pickup-add' }
  | { kind: 'pickup-person'; index: number | null }
  | { kind: 'delete-contact'; index: number }
  | { kind: 'delete-pickup'; index: number }
  | null;

/**
 * The summary's lines, clear out of context: a person's problems (`contacts.N.field`) point to that person's
 * « Modifier » button (id `contacts-N`; the window then shows them beside each field), and a problem on a list item
 * (an authorization, an allergy's « Précisez ») names the item.
 */
function pageErrors(t: TFunction<'family'>, raw: SummaryError[], d: ChildDraft, refs: ReferenceLists): SummaryError[] {
  const labels = new Map([...refs.diseases, ...refs.allergies, ...refs.authorizations].map((x) => [x.id, x.label]));
  return raw.map((e) => {
    const m = e.path ? /^(contacts|pickups)\.(\d+)(\..*)?$/.exec(e.path) : null;
    if (m) {
      const i = Number(m[2]);
      const list = m[1] === 'contacts' ? d.contacts : d.pickups;
      const who = list[i] ? personName(list[i]) : t('childForm.errors.personNumber', { n: i + 1 });
      const message = t(m[1] === 'contacts' ? 'childForm.errors.contact' : 'childForm.errors.pickup', { who, message: e.message });
      return { path: `${m[1]}.${i}`, message };
    }
    const item = e.path ? /^(?:authorizations|health\.(?:diseases|allergies))\.([^.]+)/.exec(e.path) : null;
    const label = item ? labels.get(item[1]) : undefined;
    return label ? { ...e, message: t('childForm.errors.item', { label, message: e.message }) } : e;
  });
}

/**
 * The server checks the authorizations once the rest of the form is valid: list the unanswered ones with the other
 * problems straight away (same sentence), so the family does not discover them one submission later.
 */
function withUnanswered(list: SummaryError[], err: unknown, d: ChildDraft): SummaryError[] {
  if (!(err instanceof ApiError) || err.status !== 400 || err.fields.length === 0) return list;
  const known = new Set(list.map((e) => e.path));
  const extra = Object.entries(d.authorizations)
    .filter(([id, v]) => v === null && !known.has(`authorizations.${id}`))
    .map(([id]) => ({ path: `authorizations.${id}`, message: errorMessage('authorization.required', `authorizations.${id}`) }));
  return [...list, ...extra];
}

export function ChildFormPage({ childId }: { childId: string | null }) {
  const { t } = useTranslation('family');
  const { t: tl } = useTranslation('labels');
  const lists = useResource('lists.reference');
  const record = useResource('children.get', childId ? { params: { childId } } : null);
  const [draft, setDraft] = useState<ChildDraft | null>(null);
  const form = useForm();
  const [dialog, setDialog] = useState<DialogState>(null);
  const [notice, setNotice] = useState('');
  const addContactRef = useRef<HTMLButtonElement>(null);
  const addPickupRef = useRef<HTMLButtonElement>(null);

  const name = record.data ? childName(record.data) : '';
  const title = childId
    ? record.status === 404
      ? t('childForm.notFound')
      : t('childForm.editTitle', { name: name || t('childForm.theChild') })
    : t('childForm.addTitle');
  usePageTitle(title, form.errors.length > 0);

  useEffect(() => {
    if (draft || !lists.data) return;
    if (childId === null) setDraft(emptyDraft(lists.data));
    else if (record.data) setDraft(draftOf(record.data));
  }, [draft, lists.data, record.data, childId]);

  const archived = archivedAnswers(record.data);
  const backTo = childId ? `/famille/enfants/${encodeURIComponent(childId)}` : '/famille/enfants';

  if (!draft || !lists.data) {
    return (
      <>
        <Link to={backTo} className="back-link">
          {childId ? t('childForm.backRecord') : t('childForm.backList')}
        </Link>
        <PageHeading>{title}</PageHeading>
        <LoadState loading={lists.loading || record.loading} error={lists.error ?? record.error} />
      </>
    );
  }

  const d = draft;
  const refs = lists.data;
  const kinships = refs.kinships.map((k) => k.label);
  const { errorFor } = form;
  const change = (f: (old: ChildDraft) => ChildDraft) => setDraft((old) => (old ? f(old) : old));
  const update = (patch: Partial<ChildDraft>) => change((old) => ({ ...old, ...patch }));
  const text = (k: 'lastName' | 'firstName' | 'school' | 'schoolClass' | 'medicalHistory' | 'observations' | 'doctorName' | 'doctorPhone' | 'doctorAddress' | 'birthDate' | 'lastVaccinationDate') => ({
    value: d[k],
    onValueChange: (v: string) => update({ [k]: v } as Partial<ChildDraft>),
  });
  const personErrorsFor = (prefix: string) => form.errors.filter((e) => e.path?.startsWith(`${prefix}.`));

  function focusLater(el: HTMLElement | null) {
    // after React Aria has given focus back to the (now removed) button that opened the window
    window.setTimeout(() => el?.focus(), 80);
  }

  // ---------- emergency contacts ----------
  function saveContact(index: number | null, p: PersonFields) {
    // saved again in its window: the server's old problems about this person are no longer the right ones
    if (index !== null) form.clear(`contacts.${index}`);
    change((old) => withContact(old, index, p));
    setNotice(t(index === null ? 'childForm.notice.contactAdded' : 'childForm.notice.contactEdited', { name: personName(p) }));
    setDialog(null);
  }

  function deleteContact(index: number) {
    const c = d.contacts[index];
    change((old) => withoutContact(old, index));
    form.clear('contacts');
    form.clear('pickups');
    setNotice(t('childForm.notice.contactRemoved', { name: personName(c) }));
    setDialog(null);
    focusLater(addContactRef.current);
  }

  // ---------- pick-up persons ----------
  function pickContacts(keys: string[]) {
    const chosen = d.contacts.filter((c) => keys.includes(c.key));
    change((old) => withPickedContacts(old, keys));
    setNotice(t('childForm.notice.picked', { count: chosen.length, names: chosen.map(personName).join(', ') }));
    setDialog(null);
    focusLater(addPickupRef.current);
  }

  function savePickup(index: number | null, p: PersonFields) {
    if (index !== null) form.clear(`pickups.${index}`);
    change((old) => withPickup(old, index, p));
    setNotice(t(index === null ? 'childForm.notice.pickupAdded' : 'childForm.notice.pickupEdited', { name: personName(p) }));
    setDialog(null);
    // this window was opened from « Ajouter une personne autorisée »'s window: its opener is gone
    if (index === null) focusLater(addPickupRef.current);
  }

  function deletePickup(index: number) {
    const p = d.pickups[index];
    change((old) => withoutPickup(old, index));
    form.clear('pickups');
    setNotice(t('childForm.notice.pickupRemoved', { name: personName(p) }));
    setDialog(null);
    focusLater(addPickupRef.current);
  }

  // ---------- « Valider » ----------
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void form.submit(
      async () => {
        const body = inputOf(d);
        const saved = childId ? await call('children.update', { params: { childId }, body }) : await call('children.create', { body });
        navigate('/famille/enfants', {
          flash: childId
            ? t('childForm.saved', { firstName: saved.firstName, lastName: saved.lastName.toUpperCase() })
            : t('childForm.added', { firstName: saved.firstName, lastName: saved.lastName.toUpperCase() }),
        });
      },
      { mapErrors: (list, err) => withUnanswered(list, err, d) },
    );
  }

  const contactForDialog = dialog?.kind === 'contact' && dialog.index !== null ? d.contacts[dialog.index] : null;
  const pickupForDialog = dialog?.kind === 'pickup-person' && dialog.index !== null ? d.pickups[dialog.index] : null;
  const pickedKeys = new Set(d.pickups.filter((p) => p.source === 'contact').map((p) => p.contactKey));
  const pickable = d.contacts.filter((c) => !pickedKeys.has(c.key));
  const deletingContact = dialog?.kind === 'delete-contact' ? d.contacts[dialog.index] : null;
  const deletingPickup = dialog?.kind === 'delete-pickup' ? d.pickups[dialog.index] : null;
  const deletingContactIsPickup = deletingContact ? pickedKeys.has(deletingContact.key) : false;

  return (
    <>
      <Link to={backTo} className="back-link">
        {childId ? t('childForm.backRecord') : t('childForm.backList')}
      </Link>
      <PageHeading>{title}</PageHeading>
      <ErrorSummary errors={pageErrors(t, form.errors, d, refs)} focusKey={form.focusKey} />
      <p>
        <Trans t={t} i18nKey="requiredFields" components={{ req: <span className="required" /> }} />
      </p>
      <form noValidate onSubmit={onSubmit} aria-label={t('childForm.formLabel')}>
        <Fieldset legend={t('childForm.info.legend')}>
          <Field name="lastName" label={t('childForm.info.lastName')} required autoComplete="off" {...text('lastName')} error={errorFor('lastName')} />
          <Field name="firstName" label={t('childForm.info.firstName')} required autoComplete="off" {...text('firstName')} error={errorFor('firstName')} />
          <Radios
            name="sex"
            legend={t('childForm.info.sex')}
            required
            inline
            options={(['F', 'M'] as const).map((value) => ({ value, label: tl(`sex.${value}`) }))} value={d.sex} onValueChange={(sex) => update({ sex })} error={errorFor('sex')} />
          <DateInput name="birthDate" label={t('childForm.info.birthDate')} required hint={t('childForm.info.birthDateHint')} {...text('birthDate')} error={errorFor('birthDate')} />
          <Field name="school" label={t('childForm.info.school')} hint={t('childForm.info.schoolHint')} autoComplete="off" {...text('school')} error={errorFor('school')} />
          <Field name="schoolClass" label={t('childForm.info.schoolClass')} hint={t('childForm.info.schoolClassHint')} width="short" autoComplete="off" {...text('schoolClass')} error={errorFor('schoolClass')} />
          <SelectField
            name="dietId"
            label={t('childForm.info.diet')}
            hint={t('childForm.info.dietHint')}
            placeholder={t('childForm.info.dietNone')}
            options={[
              ...refs.diets.map((x) => ({ value: x.id, label: x.label })),
              ...(record.data?.diet && !record.data.diet.active ? [{ value: record.data.diet.itemId, label: t('childForm.info.dietInactive', { label: record.data.diet.label }) }] : []),
            ]}
            value={d.dietId}
            onValueChange={(dietId) => update({ dietId })}
            error={errorFor('dietId')}
          />
        </Fieldset>

        <Fieldset legend={t('childForm.health.legend')}>
          <YesNo
            name="health.vaccinationsUpToDate"
            legend={t('childForm.health.vaccinations')}
            required
            value={d.vaccinationsUpToDate}
            onValueChange={(v) => update({ vaccinationsUpToDate: v })}
            error={errorFor('health.vaccinationsUpToDate')}
          />
          <DateInput name="health.lastVaccinationDate" label={t('childForm.health.lastVaccination')} hint={t('childForm.health.lastVaccinationHint')} {...text('lastVaccinationDate')} error={errorFor('health.lastVaccinationDate')} />

          <Fieldset kind="question" legend={t('childForm.health.diseases')} hint={t('childForm.health.diseasesHint')}>
            <YesNoList
              path="health.diseases"
              items={refs.diseases}
              empty={t('childForm.health.diseasesEmpty')}
              value={(id) => d.diseases[id] ?? false}
              onValueChange={(id, v) => update({ diseases: { ...d.diseases, [id]: v } })}
              errorFor={errorFor}
            />
            <Archived items={archived.diseases} />
          </Fieldset>

          <Fieldset kind="question" legend={t('childForm.health.allergies')} hint={t('childForm.health.allergiesHint')}>
            {refs.allergies.length === 0 ? (
              <p className="empty">{t('childForm.health.allergiesEmpty')}</p>
            ) : (
              <ul className="question-list">
                {refs.allergies.map((x) => {
                  const a = d.allergies[x.id] ?? { answer: false, comment: '' };
                  const setA = (n: Partial<typeof a>) => update({ allergies: { ...d.allergies, [x.id]: { ...a, ...n } } });
                  return (
                    <li key={x.id}>
                      <YesNo
                        name={`health.allergies.${x.id}.answer`}
                        legend={x.label}
                        hint={x.description ?? undefined}
                        value={a.answer}
                        onValueChange={(v) => setA({ answer: v })}
                        error={errorFor(`health.allergies.${x.id}.answer`) ?? errorFor(`health.allergies.${x.id}`)}
                      />
                      {a.answer && (
                        <div className="detail-field">
                          <TextArea
                            name={`health.allergies.${x.id}.comment`}
                            label={
                              <Trans
                                t={t}
                                i18nKey="childForm.health.allergyDetail"
                                values={{ label: x.label }}
                                components={{ hidden: <span className="visually-hidden" /> }}
                              />
                            }
                            hint={t('childForm.health.allergyDetailHint')}
                            required
                            rows={2}
                            value={a.comment}
                            onValueChange={(comment) => setA({ comment })}
                            error={errorFor(`health.allergies.${x.id}.comment`)}
                          />
                        </div>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
            <Archived items={archived.allergies} />
          </Fieldset>

          <TextArea
            name="health.medicalHistory"
            label={t('childForm.health.medicalHistory')}
            hint={t('childForm.health.medicalHistoryHint')}
            rows={3}
            {...text('medicalHistory')}
            error={errorFor('health.medicalHistory')}
          />
          <TextArea
            name="health.observations"
            label={t('childForm.health.observations')}
            hint={t('childForm.health.observationsHint')}
            rows={3}
            {...text('observations')}
            error={errorFor('health.observations')}
          />
          <YesNo
            name="health.carePlan"
            legend={t('childForm.health.carePlan')}
            hint={t('childForm.health.carePlanHint')}
            required
            value={d.carePlan}
            onValueChange={(v) => update({ carePlan: v })}
            error={errorFor('health.carePlan')}
          />
          <Fieldset kind="question" legend={t('childForm.health.doctor')}>
            <Field name="health.doctor.name" label={t('childForm.health.doctorName')} autoComplete="off" {...text('doctorName')} error={errorFor('health.doctor.name')} />
            <PhoneInput name="health.doctor.phone" label={t('childForm.health.doctorPhone')} hint={t('childForm.health.doctorPhoneHint')} autoComplete="off" {...text('doctorPhone')} error={errorFor('health.doctor.phone')} />
            <Field name="health.doctor.address" label={t('childForm.health.doctorAddress')} autoComplete="off" {...text('doctorAddress')} error={errorFor('health.doctor.address')} />
          </Fieldset>
        </Fieldset>

        <Fieldset legend={t('childForm.contacts.legend')} hint={t('childForm.contacts.hint')}>
          <PeopleList
            path="contacts"
            label={t('childForm.contacts.listLabel')}
            people={d.contacts.map((c) => ({ key: c.key, person: c }))}
            onEdit={(index) => setDialog({ kind: 'contact', index })}
            onDelete={(index) => setDialog({ kind: 'delete-contact', index })}
          />
          <button type="button" ref={addContactRef} className="button button--secondary" onClick={() => setDialog({ kind: 'contact', index: null })}>
            {t('childForm.contacts.add')}
          </button>
        </Fieldset>

        <Fieldset legend={t('childForm.pickups.legend')}>
          <PeopleList
            path="pickups"
            label={t('childForm.pickups.listLabel')}
            people={d.pickups.map((p) => ({
              key: p.key,
              person: contactOf(d, p) ?? p,
              note: p.source === 'contact' && <p className="person__line muted">{t('childForm.pickups.alsoContact')}</p>,
            }))}
            onEdit={(index) => setDialog({ kind: 'pickup-person', index })}
            onDelete={(index) => setDialog({ kind: 'delete-pickup', index })}
          />
          <button type="button" ref={addPickupRef} className="button button--secondary" onClick={() => setDialog({ kind: 'pickup-add' })}>
            {t('childForm.pickups.add')}
          </button>
        </Fieldset>

        <Fieldset legend={t('childForm.authorizations.legend')} hint={t('childForm.authorizations.hint')}>
          <YesNoList
            path="authorizations"
            items={refs.authorizations}
            empty={t('childForm.authorizations.empty')}
            required
            value={(id) => d.authorizations[id] ?? null}
            onValueChange={(id, v) => update({ authorizations: { ...d.authorizations, [id]: v } })}
            errorFor={errorFor}
          />
          <Archived items={archived.authorizations} />
        </Fieldset>

        <p className="muted" role="status">
          {notice}
        </p>
        <ButtonGroup>
          <Button type="submit" busy={form.busy}>
            {t('childForm.submit')}
          </Button>
          <Link to={backTo}>{t('childForm.cancel')}</Link>
        </ButtonGroup>
      </form>

      <Dialog
        title={dialog?.kind === 'contact' && dialog.index !== null ? t('childForm.dialogs.editContact') : t('childForm.dialogs.addContact')}
        isOpen={dialog?.kind === 'contact'}
        onOpenChange={(open) => !open && setDialog(null)}
      >
        {dialog?.kind === 'contact' && (
          <PersonForm
            prefix={`contacts.${dialog.index ?? d.contacts.length}`}
            initial={contactForDialog ?? EMPTY_PERSON}
            initialErrors={dialog.index !== null ? personErrorsFor(`contacts.${dialog.index}`) : []}
            kinships={kinships}
            onSave={(p) => saveContact(dialog.index, p)}
            onCancel={() => setDialog(null)}
          />
        )}
      </Dialog>

      <Dialog title={t('childForm.dialogs.addPickup')} isOpen={dialog?.kind === 'pickup-add'} onOpenChange={(open) => !open && setDialog(null)}>
        {dialog?.kind === 'pickup-add' && (
          <PickFromContacts contacts={pickable} hasContacts={d.contacts.length > 0} onPick={pickContacts} onNew={() => setDialog({ kind: 'pickup-person', index: null })} onCancel={() => setDialog(null)} />
        )}
      </Dialog>

      <Dialog
        title={dialog?.kind === 'pickup-person' && dialog.index !== null ? t('childForm.dialogs.editPickup') : t('childForm.dialogs.newPickup')}
        isOpen={dialog?.kind === 'pickup-person'}
        onOpenChange={(open) => {
          if (open) return;
          const wasNew = dialog?.kind === 'pickup-person' && dialog.index === null;
          setDialog(null);
          if (wasNew) focusLater(addPickupRef.current);
        }}
      >
        {dialog?.kind === 'pickup-person' && (
          <PersonForm
            prefix={`pickups.${dialog.index ?? d.pickups.length}`}
            initial={pickupForDialog ? (contactOf(d, pickupForDialog) ?? pickupForDialog) : EMPTY_PERSON}
            initialErrors={dialog.index !== null ? personErrorsFor(`pickups.${dialog.index}`) : []}
            kinships={kinships}
            intro={
              pickupForDialog?.source === 'contact' ? (
                <p className="status status--info">{t('childForm.dialogs.pickupIsContact')}</p>
              ) : undefined
            }
            onSave={(p) => savePickup(dialog.index, p)}
            onCancel={() => {
              setDialog(null);
              if (dialog.index === null) focusLater(addPickupRef.current);
            }}
          />
        )}
      </Dialog>

      <ConfirmDialog
        title={t('childForm.dialogs.deleteContactTitle')}
        isOpen={deletingContact !== null}
        confirmLabel={t('childForm.dialogs.delete')}
        onConfirm={() => dialog?.kind === 'delete-contact' && deleteContact(dialog.index)}
        onCancel={() => setDialog(null)}
      >
        {deletingContact && (
          <>
            <p>
              <Trans t={t} i18nKey="childForm.dialogs.deleteContactQuestion" values={{ name: personName(deletingContact) }} components={{ strong: <strong /> }} />
            </p>
            {deletingContactIsPickup && <p>{t('childForm.dialogs.deleteContactAlsoPickup')}</p>}
            <p>{t('childForm.dialogs.deleteLater')}</p>
          </>
        )}
      </ConfirmDialog>

      <ConfirmDialog
        title={t('childForm.dialogs.deletePickupTitle')}
        isOpen={deletingPickup !== null}
        confirmLabel={t('childForm.dialogs.delete')}
        onConfirm={() => dialog?.kind === 'delete-pickup' && deletePickup(dialog.index)}
        onCancel={() => setDialog(null)}
      >
        {deletingPickup && (
          <>
            <p>
              <Trans
                t={t}
                i18nKey="childForm.dialogs.deletePickupQuestion"
                values={{ name: personName(contactOf(d, deletingPickup) ?? deletingPickup) }}
                components={{ strong: <strong /> }}
              />
            </p>
            {deletingPickup.source === 'contact' && <p>{t('childForm.dialogs.pickupStaysContact')}</p>}
            <p>{t('childForm.dialogs.deleteLater')}</p>
          </>
        )}
      </ConfirmDialog>
    </>
  );
}
