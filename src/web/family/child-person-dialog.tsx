/**
 * « Ajouter une nouvelle personne » / « Modifier la fiche de la personne… » (guide §4.6): the window where one
 * emergency contact or pick-up person is typed. Its « Enregistrer » checks the person and puts it in the form;
 * the child's record is saved with the form's « Valider ».
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, ButtonGroup } from '../ui/button.js';
import { ErrorSummary, type SummaryError } from '../ui/error-summary.js';
import { Field } from '../ui/field.js';
import { PhoneInput } from '../ui/phone-input.js';
import { PostalCodeCity } from '../ui/postal-code-city.js';
import { SuggestCombobox } from '../ui/suggest-combobox.js';
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
  const [p, setP] = useState<PersonFields>(initial);
  const [errors, setErrors] = useState<SummaryError[]>(initialErrors);
  const [focusKey, setFocusKey] = useState(0);
  const path = (k: keyof PersonFields) => `${prefix}.${k}`;
  const err = (k: keyof PersonFields) => errors.find((e) => e.path === path(k))?.message ?? null;
  const set = (k: keyof PersonFields) => (v: string) => setP((old) => ({ ...old, [k]: v }));

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    e.stopPropagation();
    const problems = personErrors(prefix, p);
    if (problems.length > 0) {
      setErrors(problems);
      setFocusKey((k) => k + 1);
      return;
    }
    onSave(p);
  }

  return (
    <form noValidate onSubmit={onSubmit}>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      {intro}
      <p>
        Les champs suivis d’un astérisque <span className="required">*</span> sont obligatoires.
      </p>
      <Field name={path('lastName')} label="Nom" required autoComplete="off" value={p.lastName} onValueChange={set('lastName')} error={err('lastName')} />
      <Field name={path('firstName')} label="Prénom" required autoComplete="off" value={p.firstName} onValueChange={set('firstName')} error={err('firstName')} />
      <SuggestCombobox
        name={path('relationship')}
        label="Lien avec l’enfant"
        hint="Choisissez dans la liste ou saisissez le lien s’il n’y figure pas."
        required
        suggestions={kinships}
        value={p.relationship}
        onValueChange={set('relationship')}
        error={err('relationship')}
      />
      <Field name={path('addressLine1')} label="Adresse" hint="Numéro et rue. Facultatif, comme le code postal et la commune." autoComplete="off" value={p.addressLine1} onValueChange={set('addressLine1')} error={err('addressLine1')} />
        <Field name={path('addressLine2')} label="Complément d’adresse" autoComplete="off" value={p.addressLine2} onValueChange={set('addressLine2')} error={err('addressLine2')} />
        <PostalCodeCity
          postalCodePath={path('postalCode')}
          cityPath={path('city')}
          required={false}
          postalCode={p.postalCode}
          city={p.city}
          onChange={(n) => setP((old) => ({ ...old, ...n }))}
          postalCodeError={err('postalCode')}
          cityError={err('city')}
        />
      <PhoneInput
        name={path('phone1')}
        label="Téléphone"
        hint="Fixe ou portable, où la personne est joignable en cas d’urgence. Par exemple 06 12 34 56 78 ou +32 470 12 34 56."
        required
        autoComplete="off"
        value={p.phone1}
        onValueChange={set('phone1')}
        error={err('phone1')}
      />
      <PhoneInput name={path('phone2')} label="Second téléphone" hint="Facultatif." autoComplete="off" value={p.phone2} onValueChange={set('phone2')} error={err('phone2')} />
      <ButtonGroup>
        <Button type="submit">{submitLabel}</Button>
        <Button variant="secondary" onClick={onCancel}>
          Annuler
        </Button>
      </ButtonGroup>
    </form>
  );
}
