/**
 * The « Enfant » form's repeated blocks (child-form.tsx): a list of people with their « Modifier » / « Supprimer »
 * buttons, a list of Oui/Non questions from the mairie's lists, the answers kept on items no longer offered, and
 * the window that picks pick-up persons among the emergency contacts.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
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
  onEdit: (index: number) => void;
  onDelete: (index: number) => void;
}

export function PeopleList({ path, label, people, onEdit, onDelete }: PeopleListProps) {
  const { t } = useTranslation('family');
  if (people.length === 0) return <p className="empty">{t('people.empty')}</p>;
  const hidden = <span className="visually-hidden" />;
  return (
    <ul className="people" aria-label={label}>
      {people.map(({ key, person, note }, i) => (
        <li className="person" key={key}>
          <PersonSummary person={person} />
          {note}
          <div className="person__actions">
            <Button id={`${path}-${i}`} variant="secondary" className="button--small" onClick={() => onEdit(i)}>
              <Trans t={t} i18nKey={`people.edit.${path}`} values={{ name: personName(person) }} components={{ hidden }} />
            </Button>
            <Button variant="warning" className="button--small" onClick={() => onDelete(i)}>
              <Trans t={t} i18nKey={`people.delete.${path}`} values={{ name: personName(person) }} components={{ hidden }} />
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
  const { t } = useTranslation(['family', 'labels']);
  if (items.length === 0) return null;
  const answer = (a: ArchivedAnswer) =>
    a.answer && a.comment
      ? t('people.yesWithComment', { comment: a.comment })
      : t(a.answer === true ? 'labels:yesNo.yes' : a.answer === false ? 'labels:yesNo.no' : 'labels:yesNo.unknown');
  return (
    <div className="field">
      <p className="field__hint">{t('people.archived')}</p>
      <ul>
        {items.map((a) => (
          <li key={a.itemId}>{t('people.archivedLine', { label: a.label, text: answer(a) })}</li>
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
  const { t } = useTranslation('family');
  const [checked, setChecked] = useState<string[]>([]);
  const form = useForm();
  const firstPath = `pickups.choose.${contacts[0]?.key ?? ''}`;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    e.stopPropagation();
    if (checked.length === 0) form.fail([{ path: firstPath, message: t('people.pick.required') }]);
    else onPick(checked);
  }

  return (
    <>
      {contacts.length > 0 ? (
        <form noValidate onSubmit={onSubmit}>
          <ErrorSummary {...form.summary} />
          <Fieldset kind="question" legend={t('people.pick.legend')} hint={t('people.pick.hint')}>
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
          <Button type="submit">{t('people.pick.submit')}</Button>
        </form>
      ) : (
        <p>
          {hasContacts
            ? t('people.pick.allPicked')
            : t('people.pick.noContacts')}
        </p>
      )}
      <h3>{t('people.pick.notListed')}</h3>
      <ButtonGroup>
        <Button variant={contacts.length > 0 ? 'secondary' : 'primary'} onClick={onNew}>
          {t('people.pick.newPerson')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('people.pick.cancel')}
        </Button>
      </ButtonGroup>
    </>
  );
}
