/**
 * « Ajouter une nouvelle personne » / « Modifier la fiche de la personne… » (guide §4.6): the window where one
 * emergency contact or pick-up person is typed. Its « Enregistrer » checks the person and puts it in the form;
 * the child's record is saved with the form's « Valider ».
 */
import type { FormEvent, ReactNode } from 'react';
import { Button, ButtonGroup } from '../ui/button.js';
import { ErrorSummary, type SummaryError } from '../ui/error-summary.js';
import { Field } from '../ui/field.js';
import { PhoneInput } from '../ui/phone-input.js';
import { PostalCodeCity } from '../ui/postal-code-city.js';
import { SuggestCombobox } from '../ui/suggest-combobox.js';
import { useForm } from '../ui/use-form.js';
import { personErrors, type PersonFields } from './child-draft.js';

interface PersonFormProps {
  /** API path of this person, e.g. "contacts.2": field ids follow it */
  prefix: string;
  initial: PersonFields;
  kinships: readonly string[];
  intro?: ReactNode;
  /** problems the server reported for this person on the last « Valider » */
  initialErrors?: SummaryError[];
  submitLabel?: string;
  onSave: (p: PersonFields) => void;
  onCancel: () => void;
}

/** The person's fields; rendered inside a <Dialog>. */
export function PersonForm({ prefix, initial, kinships, intro, initialErrors = [], submitLabel = 'Enregistrer', onSave, onCancel }: PersonFormProps) {
  const form = useForm<PersonFields>(initial, { initialErrors, prefix });
  const p = form.values;
  const f = form.field;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    e.stopPropagation();
    const problems = personErrors(prefix, p);
    if (problems.length > 0) form.fail(problems);
    else onSave(p);
  }

  return (
    <form noValidate onSubmit={onSubmit}>
      <ErrorSummary {...form.summary} />
      {intro}
      <p>
        Les champs suivis d’un astérisque <span className="required">*</span> sont obligatoires.
      </p>
      <Field {...f('lastName')} label="Nom" required autoComplete="off" />
      <Field {...f('firstName')} label="Prénom" required autoComplete="off" />
      <SuggestCombobox
        {...f('relationship')}
        label="Lien avec l’enfant"
        hint="Choisissez dans la liste ou saisissez le lien s’il n’y figure pas."
        required
        suggestions={kinships}
      />
      <Field {...f('addressLine1')} label="Adresse" hint="Numéro et rue. Facultatif, comme le code postal et la commune." autoComplete="off" />
      <Field {...f('addressLine2')} label="Complément d’adresse" autoComplete="off" />
      <PostalCodeCity
        postalCodePath={`${prefix}.postalCode`}
        cityPath={`${prefix}.city`}
        required={false}
        postalCode={p.postalCode}
        city={p.city}
        onChange={(n) => form.setValues((old) => ({ ...old, ...n }))}
        postalCodeError={form.errorFor(`${prefix}.postalCode`)}
        cityError={form.errorFor(`${prefix}.city`)}
      />
      <PhoneInput
        {...f('phone1')}
        label="Téléphone"
        hint="Fixe ou portable, où la personne est joignable en cas d’urgence. Par exemple 06 12 34 56 78 ou +32 470 12 34 56."
        required
        autoComplete="off"
      />
      <PhoneInput {...f('phone2')} label="Second téléphone" hint="Facultatif." autoComplete="off" />
      <ButtonGroup>
        <Button type="submit">{submitLabel}</Button>
        <Button variant="secondary" onClick={onCancel}>
          Annuler
        </Button>
      </ButtonGroup>
    </form>
  );
}
