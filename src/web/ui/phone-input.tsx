import { useTranslation } from 'react-i18next';
import { Field, type FieldProps } from './field.js';

type PhoneInputProps = Omit<FieldProps, 'type' | 'inputMode' | 'width'> & { autoComplete?: string };

/** A phone number: French or international; the server normalizes it (see src/shared/phone.ts). */
export function PhoneInput({ hint, autoComplete = 'tel', ...rest }: PhoneInputProps) {
  const { t } = useTranslation('common');
  return <Field {...rest} type="tel" inputMode="tel" width="medium" hint={hint ?? t('phoneInput.hint')} autoComplete={autoComplete} />;
}
