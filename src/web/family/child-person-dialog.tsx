/**
 * « Ajouter une nouvelle personne » / « Modifier la fiche de la personne… » (guide §4.6): the window where one
 * emergency contact or pick-up person is typed. Its « Enregistrer » checks the person and puts it in the form;
 * the child's record is saved with the form's « Valider ».
 */
import type { FormEvent, ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
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
export function PersonForm({ prefix, initial, kinships, intro, initialErrors = [], submitLabel, onSave, onCancel }: PersonFormProps) {
  const { t } = useTranslation('family');
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
        <Trans t={t} i18nKey="requiredFields" components={{ req: <span className="required" /> }} />
      </p>
      <Field {...f('lastName')} label={t('person.lastName')} required autoComplete="off" />
      <Field {...f('firstName')} label={t('person.firstName')} required autoComplete="off" />
      <SuggestCombobox
        {...f('relationship')}
        label={t('person.relationship')}
        hint={t('person.relationshipHint')}
        required
        suggestions={kinships}
      />
      <Field {...f('addressLine1')} label={t('person.address')} hint={t('person.addressHint')} autoComplete="off" />
      <Field {...f('addressLine2')} label={t('person.address2')} autoComplete="off" />
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
        label={t('person.phone')}
        hint={t('person.phoneHint')}
        required
        autoComplete="off"
      />
      <PhoneInput {...f('phone2')} label={t('person.phone2')} hint={t('person.phone2Hint')} autoComplete="off" />
      <ButtonGroup>
        <Button type="submit">{submitLabel ?? t('person.save')}</Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('person.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}
