import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { call, type BodyOf } from '../../api/client.js';
import { Button } from '../../ui/button.js';
import { ErrorSummary } from '../../ui/error-summary.js';
import { Checkbox, Field } from '../../ui/field.js';
import { Fieldset, Radios } from '../../ui/fieldset.js';
import { PasswordField } from '../../ui/password-field.js';
import { PhoneInput } from '../../ui/phone-input.js';
import { useForm } from '../../ui/use-form.js';
import { RegistrationAddress } from './registration-address.js';
import { PageHeading, usePageTitle } from '../page.js';
import { Link } from '../router.js';
import { FranceConnectButton } from '../franceconnect.js';

const CIVILITIES = ['M', 'MME'] as const;

/** « Créer mon compte » (guide §2). */
export function RegisterPage() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm({
    civility: '' as '' | 'M' | 'MME',
    lastName: '',
    firstName: '',
    email: '',
    phone: '',
    addressLine1: '',
    addressLine2: '',
    postalCode: '',
    city: '',
    password: '',
    passwordConfirmation: '',
    acceptTerms: false as boolean,
  });
  const { t } = useTranslation(['auth', 'labels']);
  usePageTitle(sentTo ? t('register.sent.title') : t('register.title'), !sentTo && form.errors.length > 0);
  const { values: v, set, errorFor } = form;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void form.submit(async () => {
      type Body = BodyOf<'auth.register'>;
      // unanswered (no civility, terms not accepted): sent as they are, the server says what is missing
      await call('auth.register', {
        body: { ...v, civility: (v.civility || undefined) as Body['civility'], acceptTerms: v.acceptTerms as Body['acceptTerms'], addressLine2: v.addressLine2 || null },
      });
      setSentTo(v.email.trim());
    });
  }

  if (sentTo)
    return (
      <>
        <PageHeading autoFocus>{t('register.sent.heading')}</PageHeading>
        <div className="prose">
          <p>
            <Trans t={t} i18nKey="register.sent.email" values={{ email: sentTo }} components={{ strong: <strong /> }} />
          </p>
          <p>
            <Trans t={t} i18nKey="register.sent.validation" components={{ strong: <strong /> }} />
          </p>
          <p>{t('register.sent.meanwhile')}</p>
          <p>
            <Link to="/">{t('shared.signIn')}</Link>
          </p>
        </div>
      </>
    );

  return (
    <>
      <PageHeading>{t('register.title')}</PageHeading>
      <p className="lead">{t('register.lead')}</p>
      <FranceConnectButton place="register" />
      <ErrorSummary {...form.summary} />
      <p>
        <Trans t={t} i18nKey="register.requiredNote" components={{ req: <span className="required" /> }} />
      </p>
      <form noValidate onSubmit={onSubmit}>
        <Fieldset legend={t('register.contact.legend')}>
          <Radios
            name="civility"
            legend={t('register.contact.civility')}
            required
            inline
            options={CIVILITIES.map((value) => ({ value, label: t(`labels:civility.${value}`) }))}
            value={v.civility}
            onValueChange={(c) => set('civility', c)}
            error={errorFor('civility')}
          />
          <Field name="lastName" label={t('register.contact.lastName')} required autoComplete="family-name" value={v.lastName} onValueChange={(x) => set('lastName', x)} error={errorFor('lastName')} />
          <Field name="firstName" label={t('register.contact.firstName')} required autoComplete="given-name" value={v.firstName} onValueChange={(x) => set('firstName', x)} error={errorFor('firstName')} />
          <Field
            name="email"
            label={t('shared.emailAddress')}
            hint={t('register.contact.emailHint')}
            required
            type="email"
            autoComplete="email"
            spellCheck={false}
            autoCapitalize="none"
            value={v.email}
            onValueChange={(x) => set('email', x)}
            error={errorFor('email')}
          />
          <PhoneInput name="phone" label={t('register.contact.phone')} required value={v.phone} onValueChange={(x) => set('phone', x)} error={errorFor('phone')} />
        </Fieldset>

        <RegistrationAddress values={v} set={set} errorFor={errorFor} onPostalChange={(n) => form.setValues((old) => ({ ...old, ...n }))} />

        <Fieldset legend={t('register.password.legend')}>
          <PasswordField name="password" label={t('register.password.password')} hint={t('shared.passwordRules')} required autoComplete="new-password" value={v.password} onValueChange={(x) => set('password', x)} error={errorFor('password')} />
          <PasswordField
            name="passwordConfirmation"
            label={t('register.password.confirmation')}
            hint={t('register.password.confirmationHint')}
            required
            autoComplete="new-password"
            value={v.passwordConfirmation}
            onValueChange={(x) => set('passwordConfirmation', x)}
            error={errorFor('passwordConfirmation')}
          />
        </Fieldset>

        <Checkbox
          name="acceptTerms"
          required
          label={t('register.terms.label')}
          hint={<Trans t={t} i18nKey="register.terms.hint" components={{ terms: <Link to="/conditions-utilisation" /> }} />}
          checked={v.acceptTerms}
          onCheckedChange={(c) => set('acceptTerms', c)}
          error={errorFor('acceptTerms')}
        />
        <Button type="submit" busy={form.busy}>
          {t('register.submit')}
        </Button>
      </form>
    </>
  );
}
