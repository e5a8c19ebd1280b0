/**
 * The « Enfant » form (guide §4.6): « Information Enfant », « Renseignements médicaux », « Les personnes à
 * contacter en cas d'urgence », « Les personnes autorisées à venir chercher l'enfant », « Autorisations ».
 * People are added, edited and deleted in windows; « Valider » saves the whole record at once (nothing half-saved).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ReferenceLists } from '../../shared/child-contracts.js';
import { ApiError, call } from '../api/client.js';
import { messageFor } from '../../shared/errors.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link, navigate } from '../app/router.js';
import { SEX_LABELS } from '../i18n/fr.js';
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

const SEXES = (['F', 'M'] as const).map((value) => ({ value, label: SEX_LABELS[value] }));

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
function pageErrors(raw: SummaryError[], d: ChildDraft, refs: ReferenceLists): SummaryError[] {
  const labels = new Map([...refs.diseases, ...refs.allergies, ...refs.authorizations].map((x) => [x.id, x.label]));
  return raw.map((e) => {
    const m = e.path ? /^(contacts|pickups)\.(\d+)(\..*)?$/.exec(e.path) : null;
    if (m) {
      const i = Number(m[2]);
      const list = m[1] === 'contacts' ? d.contacts : d.pickups;
      const who = list[i] ? personName(list[i]) : `n° ${i + 1}`;
      const what = m[1] === 'contacts' ? 'Personne à contacter' : 'Personne autorisée';
      return { path: `${m[1]}.${i}`, message: `${what} ${who} : ${e.message}` };
    }
    const item = e.path ? /^(?:authorizations|health\.(?:diseases|allergies))\.([^.]+)/.exec(e.path) : null;
    const label = item ? labels.get(item[1]) : undefined;
    return label ? { ...e, message: `${label} : ${e.message}` } : e;
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
    .map(([id]) => ({ path: `authorizations.${id}`, message: messageFor('authorization.required', `authorizations.${id}`) }));
  return [...list, ...extra];
}

export function ChildFormPage({ childId }: { childId: string | null }) {
  const lists = useResource('lists.reference');
  const record = useResource('children.get', childId ? { params: { childId } } : null);
  const [draft, setDraft] = useState<ChildDraft | null>(null);
  const form = useForm();
  const [dialog, setDialog] = useState<DialogState>(null);
  const [notice, setNotice] = useState('');
  const addContactRef = useRef<HTMLButtonElement>(null);
  const addPickupRef = useRef<HTMLButtonElement>(null);

  const name = record.data ? childName(record.data) : '';
  const title = childId ? (record.status === 404 ? 'Enfant introuvable' : `Modifier la fiche de ${name || 'l’enfant'}`) : 'Ajouter un enfant';
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
          {childId ? 'Fiche de l’enfant' : 'Mes Enfants'}
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
    setNotice(
      `${personName(p)} ${index === null ? 'est ajouté(e) aux' : 'est modifié(e) dans les'} personnes à contacter en cas d’urgence. Validez le formulaire pour enregistrer la fiche.`,
    );
    setDialog(null);
  }

  function deleteContact(index: number) {
    const c = d.contacts[index];
    change((old) => withoutContact(old, index));
    form.clear('contacts');
    form.clear('pickups');
    setNotice(`${personName(c)} est retiré(e) des personnes à contacter en cas d’urgence. Validez le formulaire pour enregistrer la fiche.`);
    setDialog(null);
    focusLater(addContactRef.current);
  }

  // ---------- pick-up persons ----------
  function pickContacts(keys: string[]) {
    const chosen = d.contacts.filter((c) => keys.includes(c.key));
    change((old) => withPickedContacts(old, keys));
    setNotice(`${chosen.map(personName).join(', ')} ${chosen.length > 1 ? 'sont ajoutées' : 'est ajouté(e)'} aux personnes autorisées à venir chercher l’enfant. Validez le formulaire pour enregistrer la fiche.`);
    setDialog(null);
    focusLater(addPickupRef.current);
  }

  function savePickup(index: number | null, p: PersonFields) {
    if (index !== null) form.clear(`pickups.${index}`);
    change((old) => withPickup(old, index, p));
    setNotice(
      `${personName(p)} ${index === null ? 'est ajouté(e) aux' : 'est modifié(e) dans les'} personnes autorisées à venir chercher l’enfant. Validez le formulaire pour enregistrer la fiche.`,
    );
    setDialog(null);
    // this window was opened from « Ajouter une personne autorisée »'s window: its opener is gone
    if (index === null) focusLater(addPickupRef.current);
  }

  function deletePickup(index: number) {
    const p = d.pickups[index];
    change((old) => withoutPickup(old, index));
    form.clear('pickups');
    setNotice(`${personName(p)} est retiré(e) des personnes autorisées à venir chercher l’enfant. Validez le formulaire pour enregistrer la fiche.`);
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
            ? `La fiche de ${saved.firstName} ${saved.lastName} a été enregistrée.`
            : `${saved.firstName} ${saved.lastName} a été ajouté(e) à vos enfants.`,
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
        {childId ? 'Fiche de l’enfant' : 'Mes Enfants'}
      </Link>
      <PageHeading>{title}</PageHeading>
      <ErrorSummary errors={pageErrors(form.errors, d, refs)} focusKey={form.focusKey} />
      <p>
        Les champs suivis d’un astérisque <span className="required">*</span> sont obligatoires.
      </p>
      <form noValidate onSubmit={onSubmit} aria-label="Formulaire « Enfant »">
        <Fieldset legend="Information Enfant">
          <Field name="lastName" label="Nom" required autoComplete="off" {...text('lastName')} error={errorFor('lastName')} />
          <Field name="firstName" label="Prénom" required autoComplete="off" {...text('firstName')} error={errorFor('firstName')} />
          <Radios name="sex" legend="Sexe" required inline options={SEXES} value={d.sex} onValueChange={(sex) => update({ sex })} error={errorFor('sex')} />
          <DateInput name="birthDate" label="Date de naissance" required hint="Par exemple 15/03/2018." {...text('birthDate')} error={errorFor('birthDate')} />
          <Field name="school" label="École" hint="L’école fréquentée cette année, s’il y a lieu." autoComplete="off" {...text('school')} error={errorFor('school')} />
          <Field name="schoolClass" label="Classe" hint="Par exemple CE1." width="short" autoComplete="off" {...text('schoolClass')} error={errorFor('schoolClass')} />
          <SelectField
            name="dietId"
            label="Régime alimentaire"
            hint="Pour la restauration scolaire et les repas des accueils de loisirs."
            placeholder="Aucun régime particulier"
            options={[
              ...refs.diets.map((x) => ({ value: x.id, label: x.label })),
              ...(record.data?.diet && !record.data.diet.active ? [{ value: record.data.diet.itemId, label: `${record.data.diet.label} (n’est plus proposé)` }] : []),
            ]}
            value={d.dietId}
            onValueChange={(dietId) => update({ dietId })}
            error={errorFor('dietId')}
          />
        </Fieldset>

        <Fieldset legend="Renseignements médicaux">
          <YesNo
            name="health.vaccinationsUpToDate"
            legend="L’enfant est-il à jour de ses vaccins obligatoires ?"
            required
            value={d.vaccinationsUpToDate}
            onValueChange={(v) => update({ vaccinationsUpToDate: v })}
            error={errorFor('health.vaccinationsUpToDate')}
          />
          <DateInput name="health.lastVaccinationDate" label="Date de la dernière vaccination" hint="Par exemple 12/09/2024." {...text('lastVaccinationDate')} error={errorFor('health.lastVaccinationDate')} />

          <Fieldset kind="question" legend="Maladies" hint="« Non » est coché pour chaque maladie ; cochez « Oui » pour celles que votre enfant a déjà eues.">
            <YesNoList
              path="health.diseases"
              items={refs.diseases}
              empty="La liste des maladies n’est pas encore établie par la mairie."
              value={(id) => d.diseases[id] ?? false}
              onValueChange={(id, v) => update({ diseases: { ...d.diseases, [id]: v } })}
              errorFor={errorFor}
            />
            <Archived items={archived.diseases} />
          </Fieldset>

          <Fieldset kind="question" legend="Allergies" hint="« Non » est coché pour chaque allergie ; cochez « Oui » pour celles de votre enfant et précisez-les.">
            {refs.allergies.length === 0 ? (
              <p className="empty">La liste des allergies n’est pas encore établie par la mairie.</p>
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
                              <>
                                Précisez<span className="visually-hidden"> l’allergie : {x.label}</span>
                              </>
                            }
                            hint="Réaction, traitement, conduite à tenir."
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
            label="Antécédents médicaux"
            hint="Maladies, accidents, crises convulsives, hospitalisations, opérations, rééducation… avec les dates et les précautions à prendre."
            rows={3}
            {...text('medicalHistory')}
            error={errorFor('health.medicalHistory')}
          />
          <TextArea
            name="health.observations"
            label="Observations"
            hint="Port de lunettes, de lentilles, d’appareil dentaire ou auditif, difficultés de sommeil, etc."
            rows={3}
            {...text('observations')}
            error={errorFor('health.observations')}
          />
          <YesNo
            name="health.carePlan"
            legend="L’enfant bénéficie-t-il d’un PAI (projet d’accueil individualisé) ?"
            hint="Le PAI est établi avec le médecin scolaire pour une maladie chronique ou une allergie."
            required
            value={d.carePlan}
            onValueChange={(v) => update({ carePlan: v })}
            error={errorFor('health.carePlan')}
          />
          <Fieldset kind="question" legend="Médecin traitant">
            <Field name="health.doctor.name" label="Nom du médecin" autoComplete="off" {...text('doctorName')} error={errorFor('health.doctor.name')} />
            <PhoneInput name="health.doctor.phone" label="Téléphone du médecin" hint="Par exemple 03 20 12 34 56." autoComplete="off" {...text('doctorPhone')} error={errorFor('health.doctor.phone')} />
            <Field name="health.doctor.address" label="Adresse du médecin" autoComplete="off" {...text('doctorAddress')} error={errorFor('health.doctor.address')} />
          </Fieldset>
        </Fieldset>

        <Fieldset legend="Les personnes à contacter en cas d’urgence" hint="Pour chaque personne, au moins un numéro de téléphone où la joindre.">
          <PeopleList
            path="contacts"
            label="Personnes à contacter en cas d’urgence"
            people={d.contacts.map((c) => ({ key: c.key, person: c }))}
            onEdit={(index) => setDialog({ kind: 'contact', index })}
            onDelete={(index) => setDialog({ kind: 'delete-contact', index })}
          />
          <button type="button" ref={addContactRef} className="button button--secondary" onClick={() => setDialog({ kind: 'contact', index: null })}>
            Ajouter une personne à contacter
          </button>
        </Fieldset>

        <Fieldset legend="Les personnes autorisées à venir chercher l’enfant">
          <PeopleList
            path="pickups"
            label="Personnes autorisées à venir chercher l’enfant"
            who="la personne autorisée "
            people={d.pickups.map((p) => ({
              key: p.key,
              person: contactOf(d, p) ?? p,
              note: p.source === 'contact' && <p className="person__line muted">Également personne à contacter en cas d’urgence.</p>,
            }))}
            onEdit={(index) => setDialog({ kind: 'pickup-person', index })}
            onDelete={(index) => setDialog({ kind: 'delete-pickup', index })}
          />
          <button type="button" ref={addPickupRef} className="button button--secondary" onClick={() => setDialog({ kind: 'pickup-add' })}>
            Ajouter une personne autorisée
          </button>
        </Fieldset>

        <Fieldset legend="Autorisations" hint="Répondez « Oui » ou « Non » à chaque autorisation.">
          <YesNoList
            path="authorizations"
            items={refs.authorizations}
            empty="Aucune autorisation n’est demandée par la mairie pour le moment."
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
            Valider
          </Button>
          <Link to={backTo}>Annuler</Link>
        </ButtonGroup>
      </form>

      <Dialog
        title={dialog?.kind === 'contact' && dialog.index !== null ? 'Modifier la fiche de la personne à contacter' : 'Ajouter une personne à contacter'}
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

      <Dialog title="Ajouter une personne autorisée" isOpen={dialog?.kind === 'pickup-add'} onOpenChange={(open) => !open && setDialog(null)}>
        {dialog?.kind === 'pickup-add' && (
          <PickFromContacts contacts={pickable} hasContacts={d.contacts.length > 0} onPick={pickContacts} onNew={() => setDialog({ kind: 'pickup-person', index: null })} onCancel={() => setDialog(null)} />
        )}
      </Dialog>

      <Dialog
        title={dialog?.kind === 'pickup-person' && dialog.index !== null ? 'Modifier la fiche de la personne autorisée' : 'Nouvelle personne autorisée'}
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
                <p className="status status--info">Cette personne est aussi à contacter en cas d’urgence : vos modifications s’appliquent aux deux listes.</p>
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
        title="Supprimer la fiche de la personne à contacter"
        isOpen={deletingContact !== null}
        confirmLabel="Supprimer"
        onConfirm={() => dialog?.kind === 'delete-contact' && deleteContact(dialog.index)}
        onCancel={() => setDialog(null)}
      >
        {deletingContact && (
          <>
            <p>
              Voulez-vous vraiment retirer <strong>{personName(deletingContact)}</strong> des personnes à contacter en cas d’urgence ?
            </p>
            {deletingContactIsPickup && <p>Cette personne sera aussi retirée des personnes autorisées à venir chercher l’enfant.</p>}
            <p>La suppression sera enregistrée quand vous validerez le formulaire.</p>
          </>
        )}
      </ConfirmDialog>

      <ConfirmDialog
        title="Supprimer la fiche de la personne autorisée"
        isOpen={deletingPickup !== null}
        confirmLabel="Supprimer"
        onConfirm={() => dialog?.kind === 'delete-pickup' && deletePickup(dialog.index)}
        onCancel={() => setDialog(null)}
      >
        {deletingPickup && (
          <>
            <p>
              Voulez-vous vraiment retirer <strong>{personName(contactOf(d, deletingPickup) ?? deletingPickup)}</strong> des personnes autorisées à venir
              chercher l’enfant ?
            </p>
            {deletingPickup.source === 'contact' && <p>Elle reste parmi les personnes à contacter en cas d’urgence.</p>}
            <p>La suppression sera enregistrée quand vous validerez le formulaire.</p>
          </>
        )}
      </ConfirmDialog>
    </>
  );
}
