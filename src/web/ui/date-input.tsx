import { Field, type FieldProps } from './field.js';

type DateInputProps = Omit<FieldProps, 'type' | 'width'>;

/** A calendar day (YYYY-MM-DD in the value; the browser shows it the French way). */
export function DateInput({ hint = 'Par exemple 15/03/1985.', ...rest }: DateInputProps) {
  return <Field {...rest} type="date" width="medium" hint={hint} />;
}
