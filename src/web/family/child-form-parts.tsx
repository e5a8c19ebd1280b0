/**
 * The « Enfant » form's repeated blocks (child-form.tsx): a list of people with their « Modifier » / « Supprimer »
 * buttons, a list of Oui/Non questions from the mairie's lists, the answers kept on items no longer offered, and
 * the window that picks pick-up persons among the emergency contacts.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, ButtonGroup } from '../ui/button.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { Checkbox } from '../ui/field.js';
import { Fieldset } from '../ui/fieldset.js';
import { useForm } from '../ui/use-form.js';
import { YesNo } from '../ui/yes-no.js';
import { personName, type ArchivedAnswer, type ContactDraft, type PersonFields } from './child-draft.js';
import { PersonSummary } from '../views/child-view.js';

interface PeopleListProps {
  /** API path of the list: each « Modifier » button's id is `${path}-N`, where the summary's links lead */
  path: 'contacts' | 'pickups';
  label: string;
  people: { key: string; person: PersonFields; note?: ReactNode }[];
  /** said before the person's name to screen readers: « la fiche de {who}{name} » */
  who?: string;
  onEdit: (index: number) => void;
  onDelete: (index: number) => void;
}

export function PeopleList({ path, label, people, who = '', onEdit, onDelete }: PeopleListProps) {
  if (people.length === 0) return <p className="empty">Aucune personne pour le moment.</p>;
  return (
    <ul className="people" aria-label={label}>
      {people.map(({ key, person, note }, i) => (
        <li className="person" key={key}>
          <PersonSummary person={person} />
          {note}
          <div className="person__actions">
            <Button id={`${path}-${i}`} variant="secondary" className="button--small" onClick={() => onEdit(i)}>
              Modifier<span className="visually-hidden"> la fiche de {who}{personName(person)}</span>
            </Button>
            <Button variant="warning" className="button--small" onClick={() => onDelete(i)}>
              Supprimer<span className="visually-hidden"> la fiche de {who}{personName(person)}</span>
            </Button>
          </div>
        </li>
      ))}
    </ul>
  );
}

interface YesNoListProps {
  /** API path of the answers: each question is `${path}.${item.id}` */
  path: string;
  items: { id: string; label: string; description: string | null }[];
  empty: string;
  required?: boolean;
  value: (id: string) => boolean | null;
  onValueChange: (id: string, value: boolean) => void;
  errorFor: (path: string) => string | null;
}

/** One Oui/Non question per item of a mairie's list (diseases, authorizations). */
export function YesNoList({ path, items, empty, required, value, onValueChange, errorFor }: YesNoListProps) {
  if (items.length === 0) return <p className="empty">{empty}</p>;
  return (
    <ul className="question-list">
      {items.map((x) => (
        <li key={x.id}>
          <YesNo
            name={`${path}.${x.id}`}
            legend={x.label}
            hint={x.description ?? undefined}
            required={required}
            value={value(x.id)}
            onValueChange={(v) => onValueChange(x.id, v)}
            error={errorFor(`${path}.${x.id}`)}
          />
        </li>
      ))}
    </ul>
  );
}

export function Archived({ items }: { items: ArchivedAnswer[] }) {
  if (items.length === 0) return null;
  return (
    <div className="field">
      <p className="field__hint">Réponses données sur des éléments que la mairie ne propose plus (conservées telles quelles) :</p>
      <ul>
        {items.map((a) => (
          <li key={a.itemId}>
            {a.label} : {a.text}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** ❶ pick one or several of the emergency contacts, or ❷ create a new person. */
export function PickFromContacts({
  contacts,
  hasContacts,
  onPick,
  onNew,
  onCancel,
}: {
  contacts: ContactDraft[];
  hasContacts: boolean;
  onPick: (keys: string[]) => void;
  onNew: () => void;
  onCancel: () => void;
}) {
  const [checked, setChecked] = useState<string[]>([]);
  const form = useForm();
  const firstPath = `pickups.choose.${contacts[0]?.key ?? ''}`;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    e.stopPropagation();
    if (checked.length === 0) form.fail([{ path: firstPath, message: 'Cochez au moins une personne, ou ajoutez une nouvelle personne.' }]);
    else onPick(checked);
  }

  return (
    <>
      {contacts.length > 0 ? (
        <form noValidate onSubmit={onSubmit}>
          <ErrorSummary {...form.summary} />
          <Fieldset kind="question" legend="Choisissez parmi les personnes à contacter en cas d’urgence" hint="Cochez une ou plusieurs personnes.">
            {contacts.map((c) => (
              <Checkbox
                key={c.key}
                name={`pickups.choose.${c.key}`}
                label={`${personName(c)} (${c.relationship})`}
                error={form.errorFor(`pickups.choose.${c.key}`)}
                checked={checked.includes(c.key)}
                onCheckedChange={(on) => setChecked((old) => (on ? [...old, c.key] : old.filter((k) => k !== c.key)))}
              />
            ))}
          </Fieldset>
          <Button type="submit">Ajouter les personnes cochées</Button>
        </form>
      ) : (
        <p>
          {hasContacts
            ? 'Toutes les personnes à contacter en cas d’urgence sont déjà autorisées à venir chercher l’enfant.'
            : 'Aucune personne à contacter en cas d’urgence n’est saisie : ajoutez une nouvelle personne.'}
        </p>
      )}
      <h3>La personne n’est pas dans la liste ?</h3>
      <ButtonGroup>
        <Button variant={contacts.length > 0 ? 'secondary' : 'primary'} onClick={onNew}>
          Nouvelle personne
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Annuler
        </Button>
      </ButtonGroup>
    </>
  );
}
