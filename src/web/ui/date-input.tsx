import { useTranslation } from 'react-i18next';
import { Field, type FieldProps } from './field.js';

type DateInputProps = Omit<FieldProps, 'type' | 'width'>;

/** A calendar day (YYYY-MM-DD in the value; the browser shows it the way of the page's language). */
export function DateInput({ hint, ...rest }: DateInputProps) {
  const { t } = useTranslation('common');
  return <Field {...rest} type="date" width="medium" hint={hint ?? t('dateInput.hint')} />;
}
