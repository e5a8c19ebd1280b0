import { Field, type FieldProps } from './field.js';

type PhoneInputProps = Omit<FieldProps, 'type' | 'inputMode' | 'width'> & { autoComplete?: string };

/** A phone number: French or international; the server normalizes it (see src/shared/phone.ts). */
export function PhoneInput({ hint = 'Par exemple 06 12 34 56 78 ou +32 470 12 34 56.', autoComplete = 'tel', ...rest }: PhoneInputProps) {
  return <Field {...rest} type="tel" inputMode="tel" width="medium" hint={hint} autoComplete={autoComplete} />;
}
