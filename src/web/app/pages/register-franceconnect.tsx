import { useEffect, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { call, type BodyOf } from '../../api/client.js';
import { useResource } from '../../api/use-resource.js';
import { Button } from '../../ui/button.js';
import { ErrorSummary } from '../../ui/error-summary.js';
import { Checkbox, Field } from '../../ui/field.js';
import { Fieldset, Radios } from '../../ui/fieldset.js';
import { LoadState } from '../../ui/loading.js';
import { PhoneInput } from '../../ui/phone-input.js';
import { useForm } from '../../ui/use-form.js';
import { RegistrationAddress } from './registration-address.js';
import { formatDay } from '../../i18n/format.js';
import { PageHeading, usePageTitle } from '../page.js';
import { Link } from '../router.js';
import { FranceConnectButton } from '../franceconnect.js';

const CIVILITIES = ['M', 'MME'] as const;

/**
 * « Créer mon compte avec FranceConnect » (issue 11): where FranceConnect sends a person it knows and the portal does
 * not. The guardian's names and birth date are FranceConnect's, shown and not editable; the e-mail is FranceConnect's,
 * editable; no password. The family is then validated by the town hall like any other.
 */
export function RegisterFranceConnectPage() {
  const identity = useResource('franceconnect.registration');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm({
    civility: '' as '' | 'M' | 'MME',
    email: '',
    phone: '',
    addressLine1: '',
    addressLine2: '',
    postalCode: '',
    city: '',
    acceptTerms: false as boolean,
  });
  const { t } = useTranslation(['signin', 'auth', 'labels']);
  const expired = identity.status === 200 && identity.data === null;
  usePageTitle(sentTo ? t('registration.sentTitle') : expired ? t('registration.expiredTitle') : t('registration.title'), !sentTo && form.errors.length > 0);
  const { values: v, set, errorFor, setValues } = form;

  const prefill = identity.data?.email ?? null;
  useEffect(() => {
    if (prefill) setValues((old) => (old.email ? old : { ...old, email: prefill }));
  }, [prefill, setValues]);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void form.submit(async () => {
      type Body = BodyOf<'franceconnect.register'>;
      await call('franceconnect.register', {
        body: { ...v, civility: (v.civility || undefined) as Body['civility'], acceptTerms: v.acceptTerms as Body['acceptTerms'], addressLine2: v.addressLine2 || null },
      });
      setSentTo(v.email.trim());
    });
  }

  if (sentTo)
    return (
      <>
        <PageHeading autoFocus>{t('registration.sentTitle')}</PageHeading>
        <div className="prose">
          <p>{t('registration.sent', { email: sentTo })}</p>
          <p>{t('registration.sentValidation')}</p>
        </div>
        <FranceConnectButton place="home" />
      </>
    );

  if (expired)
    return (
      <>
        <PageHeading>{t('registration.expiredTitle')}</PageHeading>
        <p>{t('registration.expired')}</p>
        <FranceConnectButton place="register" />
        <p>
          <Link to="/creer-mon-compte">{t('auth:register.title')}</Link>
        </p>
      </>
    );

  const who = identity.data;
  return (
    <>
      <PageHeading>{t('registration.title')}</PageHeading>
      <LoadState loading={identity.loading} error={identity.error} />
      {who && (
        <>
          <p className="lead">{t('registration.lead')}</p>
          <ErrorSummary {...form.summary} />
          <p>
            <Trans t={t} i18nKey="auth:register.requiredNote" components={{ req: <span className="required" /> }} />
          </p>
          <section aria-labelledby="fc-identite">
            <h2 id="fc-identite">{t('registration.identityLegend')}</h2>
            <p className="field__hint">{t('registration.identityHint')}</p>
            <dl className="franceconnect-identity">
              <dt>{t('registration.lastName')}</dt>
              <dd>{who.familyName}</dd>
              <dt>{t('registration.firstName')}</dt>
              <dd>{who.givenName}</dd>
              {who.birthdate && (
                <>
                  <dt>{t('registration.birthDate')}</dt>
                  <dd>{formatDay(who.birthdate)}</dd>
                </>
              )}
            </dl>
          </section>
          <form noValidate onSubmit={onSubmit}>
            <Fieldset legend={t('registration.contactLegend')}>
              <Radios
                name="civility"
                legend={t('auth:register.contact.civility')}
                required
                inline
                options={CIVILITIES.map((value) => ({ value, label: t(`labels:civility.${value}`) }))}
                value={v.civility}
                onValueChange={(c) => set('civility', c)}
                error={errorFor('civility')}
              />
              <Field
                name="email"
                label={t('auth:shared.emailAddress')}
                hint={t('registration.emailHint')}
                required
                type="email"
                autoComplete="email"
                spellCheck={false}
                autoCapitalize="none"
                value={v.email}
                onValueChange={(x) => set('email', x)}
                error={errorFor('email')}
              />
              <PhoneInput name="phone" label={t('auth:register.contact.phone')} required value={v.phone} onValueChange={(x) => set('phone', x)} error={errorFor('phone')} />
            </Fieldset>
            <RegistrationAddress values={v} set={set} errorFor={errorFor} onPostalChange={(n) => form.setValues((old) => ({ ...old, ...n }))} />
            <p>{t('registration.password')}</p>
            <Checkbox
              name="acceptTerms"
              required
              label={t('auth:register.terms.label')}
              hint={<Trans t={t} i18nKey="auth:register.terms.hint" components={{ terms: <Link to="/conditions-utilisation" /> }} />}
              checked={v.acceptTerms}
              onCheckedChange={(c) => set('acceptTerms', c)}
              error={errorFor('acceptTerms')}
            />
            <Button type="submit" busy={form.busy}>
              {t('registration.submit')}
            </Button>
          </form>
        </>
      )}
    </>
  );
}
