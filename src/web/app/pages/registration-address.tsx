import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/field.js';
import { Fieldset } from '../../ui/fieldset.js';
import { PostalCodeCity } from '../../ui/postal-code-city.js';

export interface AddressValues {
  addressLine1: string;
  addressLine2: string;
  postalCode: string;
  city: string;
}

/** The family's address on both registration pages (e-mail and password, or FranceConnect). */
export function RegistrationAddress({ values, set, errorFor, onPostalChange }: {
  values: AddressValues;
  set: (name: 'addressLine1' | 'addressLine2', value: string) => void;
  errorFor: (path: string) => string | null;
  onPostalChange: (next: { postalCode: string; city: string }) => void;
}) {
  const { t } = useTranslation('auth');
  return (
    <Fieldset legend={t('register.address.legend')}>
      <Field name="addressLine1" label={t('register.address.line1')} hint={t('register.address.line1Hint')} required autoComplete="address-line1" value={values.addressLine1} onValueChange={(x) => set('addressLine1', x)} error={errorFor('addressLine1')} />
      <Field name="addressLine2" label={t('register.address.line2')} hint={t('register.address.line2Hint')} autoComplete="address-line2" value={values.addressLine2} onValueChange={(x) => set('addressLine2', x)} error={errorFor('addressLine2')} />
      <PostalCodeCity
        postalCode={values.postalCode}
        city={values.city}
        onChange={onPostalChange}
        postalCodeError={errorFor('postalCode')}
        cityError={errorFor('city')}
      />
    </Fieldset>
  );
}
