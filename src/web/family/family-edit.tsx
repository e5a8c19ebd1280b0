import { useEffect, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { FamilyInput, FamilyRecord, GuardianInput } from '../../shared/contracts.js';
import { formatPhone } from '../../shared/phone.js';
import { ApiError, call, errorMessage } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link, navigate } from '../app/router.js';
import { useFranceConnectLock } from '../app/franceconnect.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { DateInput } from '../ui/date-input.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { Checkbox, Field, SelectField } from '../ui/field.js';
import { Fieldset, Radios } from '../ui/fieldset.js';
import { LoadState } from '../ui/loading.js';
import { PhoneInput } from '../ui/phone-input.js';
import { PostalCodeCity } from '../ui/postal-code-city.js';
import { useForm } from '../ui/use-form.js';

const GUARDIAN_KEYS = ['civility', 'lastName', 'firstName', 'birthDate', 'mobilePhone', 'homePhone', 'email', 'profession', 'employer', 'workPhone'] as const;
type GuardianKey = (typeof GUARDIAN_KEYS)[number];
type Values = Record<string, string | boolean>;

const CIVILITIES = ['M', 'MME'] as const;
const SITUATIONS = ['married', 'pacs', 'cohabiting', 'single', 'separated', 'divorced', 'widowed'] as const;
const REGIMES = ['CAF', 'MSA', 'AUTRE'] as const;

type Guardian = FamilyRecord['guardian1'];

function guardianValues(prefix: string, g: Guardian | null): Values {
  const out: Values = {};
  for (const k of GUARDIAN_KEYS) {
    const v = g?.[k] ?? '';
    out[`${prefix}.${k}`] = (k === 'mobilePhone' || k === 'homePhone' || k === 'workPhone') && v ? formatPhone(v) : v;
  }
  return out;
}

function valuesOf(f: FamilyRecord): Values {
  return {
    ...guardianValues('guardian1', f.guardian1),
    ...guardianValues('guardian2', f.guardian2),
    hasGuardian2: f.guardian2 !== null,
    addressLine1: f.addressLine1 ?? '',
    addressLine2: f.addressLine2 ?? '',
    postalCode: f.postalCode ?? '',
    city: f.city ?? '',
    familySituation: f.familySituation ?? '',
    benefitsRegime: f.benefitsRegime ?? 'none',
    benefitsNumber: f.benefitsNumber ?? '',
    familyQuotient: f.familyQuotient === null ? '' : String(f.familyQuotient),
    payerRank: String(f.payerRank),
  };
}

function text(v: Values, key: string): string {
  const x = v[key];
  return typeof x === 'string' ? x : '';
}

function guardianInput(v: Values, prefix: string): GuardianInput {
  const t = (k: GuardianKey) => text(v, `${prefix}.${k}`).trim();
  return {
    civility: (t('civility') || undefined) as GuardianInput['civility'],
    lastName: t('lastName'),
    firstName: t('firstName'),
    birthDate: t('birthDate') || null,
    mobilePhone: t('mobilePhone') || null,
    homePhone: t('homePhone') || null,
    workPhone: t('workPhone') || null,
    email: t('email') || null,
    profession: t('profession') || null,
    employer: t('employer') || null,
  };
}

/** « Modifier les informations de la famille » (guide §4.3). */
export function FamilyEditPage() {
  const { t } = useTranslation(['family', 'labels']);
  const record = useResource('family.get');
  // FranceConnect (issue 11): the linked guardian's name and birth date are FranceConnect's, shown read-only
  const fcLock = useFranceConnectLock();
  // issue 15: a quotient from the CAF/MSA or the town hall is read-only here (its page « Quotient familial » updates it)
  const quotient = useResource('quotient.get');
  const { t: tq } = useTranslation('quotient');
  const quotientLocked = ['cnaf', 'msa', 'demo', 'manual'].includes(quotient.data?.current.source ?? '');
  const form = useForm<Values>({});
  const [ready, setReady] = useState(false);
  usePageTitle(t('familyEdit.title'), form.errors.length > 0);

  const { setValues } = form;
  useEffect(() => {
    if (record.data && !ready) {
      setValues(valuesOf(record.data));
      setReady(true);
    }
  }, [record.data, ready, setValues]);

  const v = form.values;
  const str = (key: string) => text(v, key);
  // the values are flat, keyed by API path (guardian1.lastName): a text field's props
  const f = (key: string) => ({ name: key, value: str(key), onValueChange: (x: string) => form.set(key, x), error: form.errorFor(key) });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const quotient = str('familyQuotient').trim().replace(/\s/g, '');
    // Not a whole number: sent as typed so the server reports it with the other problems, in our words.
    const quotientInvalid = quotient !== '' && !/^\d+$/.test(quotient);
    const regime = str('benefitsRegime');
    const body: FamilyInput = {
      guardian1: guardianInput(v, 'guardian1'),
      guardian2: v.hasGuardian2 === true ? guardianInput(v, 'guardian2') : null,
      addressLine1: str('addressLine1').trim(),
      addressLine2: str('addressLine2').trim() || null,
      postalCode: str('postalCode').trim(),
      city: str('city').trim(),
      familySituation: (str('familySituation') || undefined) as FamilyInput['familySituation'],
      benefitsRegime: regime === '' || regime === 'none' ? null : (regime as FamilyInput['benefitsRegime']),
      benefitsNumber: str('benefitsNumber').trim() || null,
      familyQuotient: quotient === '' ? null : quotientInvalid ? (quotient as unknown as number) : Number(quotient),
      payerRank: str('payerRank') === '2' ? 2 : 1,
    };
    void form.submit(async () => {
      try {
        await call('family.update', { body });
      } catch (err) {
        if (quotientInvalid && err instanceof ApiError) {
          const message = errorMessage('number.invalid', 'familyQuotient');
          const others = err.fields.filter((f) => f.path !== 'familyQuotient');
          const fields = [...others, { path: 'familyQuotient', code: 'number.invalid', message }];
          throw new ApiError(err.status, err.code, err.message, fields);
        }
        throw err;
      }
      navigate('/famille/informations', { flash: t('familyEdit.saved') });
    });
  }

  function guardianFields(prefix: 'guardian1' | 'guardian2') {
    const p = (k: GuardianKey) => `${prefix}.${k}`;
    const own = prefix === 'guardian1';
    // Autofill suits the person filling the form (guardian 1), not the other guardian.
    const ac = (token: string) => (own ? token : 'off');
    const locked = fcLock.rank === (own ? 1 : 2) ? { readOnly: true, hint: fcLock.hint } : {};
    return (
      <>
        <Radios
          name={p('civility')}
          legend={t('familyEdit.civility')}
          required
          inline
          options={CIVILITIES.map((value) => ({ value, label: t(`labels:civility.${value}`) }))}
          value={str(p('civility')) as '' | 'M' | 'MME'}
          onValueChange={(c) => form.set(p('civility'), c)}
          error={form.errorFor(p('civility'))}
        />
        <Field {...f(p('lastName'))} label={t('familyEdit.lastName')} required autoComplete={ac('family-name')} {...locked} />
        <Field {...f(p('firstName'))} label={t('familyEdit.firstName')} required autoComplete={ac('given-name')} {...locked} />
        <DateInput {...f(p('birthDate'))} label={t('familyEdit.birthDate')} autoComplete={ac('bday')} {...locked} />
        <PhoneInput
          {...f(p('mobilePhone'))}
          label={t('familyEdit.mobilePhone')}
          hint={own ? t('familyEdit.mobilePhoneHint') : undefined}
          autoComplete={ac('mobile tel')}
        />
        <PhoneInput {...f(p('homePhone'))} label={t('familyEdit.homePhone')} hint={own ? t('familyEdit.phoneHint') : undefined} autoComplete={ac('home tel')} />
        <Field
          {...f(p('email'))}
          label={t('familyEdit.email')}
          hint={own ? t('familyEdit.emailHint') : undefined}
          type="email"
          spellCheck={false}
          autoCapitalize="none"
          autoComplete={ac('email')}
        />
        <Field {...f(p('profession'))} label={t('familyEdit.profession')} autoComplete={ac('organization-title')} />
        <Field {...f(p('employer'))} label={t('familyEdit.employer')} autoComplete={ac('organization')} />
        <PhoneInput {...f(p('workPhone'))} label={t('familyEdit.workPhone')} hint={own ? t('familyEdit.phoneHint') : undefined} autoComplete={ac('work tel')} />
      </>
    );
  }

  return (
    <>
      <Link to="/famille/informations" className="back-link">
        {t('familyEdit.back')}
      </Link>
      <PageHeading>{t('familyEdit.title')}</PageHeading>
      <LoadState loading={record.loading} error={record.error} />
      {ready && (
        <>
          <ErrorSummary {...form.summary} />
          <p>
            <Trans t={t} i18nKey="requiredFields" components={{ req: <span className="required" /> }} />
          </p>
          <form noValidate onSubmit={onSubmit}>
            <Fieldset legend={t('familyEdit.guardian1')}>{guardianFields('guardian1')}</Fieldset>

            <Fieldset legend={t('familyEdit.guardian2')}>
              <Checkbox
                name="hasGuardian2"
                label={t('familyEdit.addGuardian2')}
                hint={t('familyEdit.addGuardian2Hint')}
                checked={v.hasGuardian2 === true}
                onCheckedChange={(c) => form.set('hasGuardian2', c)}
              />
              {v.hasGuardian2 === true && guardianFields('guardian2')}
            </Fieldset>

            <Fieldset legend={t('familyEdit.address')}>
              <Field {...f('addressLine1')} label={t('familyEdit.addressLine1')} hint={t('familyEdit.addressLine1Hint')} required autoComplete="address-line1" />
              <Field {...f('addressLine2')} label={t('familyEdit.addressLine2')} hint={t('familyEdit.addressLine2Hint')} autoComplete="address-line2" />
              <PostalCodeCity
                postalCode={str('postalCode')}
                city={str('city')}
                onChange={(n) => form.setValues((old) => ({ ...old, ...n }))}
                postalCodeError={form.errorFor('postalCode')}
                cityError={form.errorFor('city')}
              />
            </Fieldset>

            <Fieldset legend={t('familyEdit.situation')}>
              <SelectField
                {...f('familySituation')}
                label={t('familyEdit.familySituation')}
                required
                placeholder={t('familyEdit.choose')}
                options={SITUATIONS.map((value) => ({ value, label: t(`labels:familySituation.${value}`) }))}
              />
              <Radios
                name="benefitsRegime"
                legend={t('familyEdit.benefitsRegime')}
                inline
                options={[
                  ...REGIMES.map((value) => ({ value: value as string, label: t(`labels:benefitsRegime.${value}`) })),
                  { value: 'none', label: t('familyEdit.noRegime') },
                ]}
                value={str('benefitsRegime')}
                onValueChange={(x) => form.set('benefitsRegime', x)}
                error={form.errorFor('benefitsRegime')}
              />
              <Field
                {...f('benefitsNumber')}
                label={t('familyEdit.benefitsNumber')}
                hint={t('familyEdit.benefitsNumberHint')}
                width="medium"
                autoComplete="off"
                spellCheck={false}
              />
              <Field
                {...f('familyQuotient')}
                label={t('familyEdit.familyQuotient')}
                hint={
                  quotientLocked ? (
                    <>
                      {tq('edit.locked')} <Link to="/famille/quotient">{tq('card.title')}</Link>
                    </>
                  ) : (
                    t('familyEdit.familyQuotientHint')
                  )
                }
                width="short"
                inputMode="numeric"
                autoComplete="off"
                readOnly={quotientLocked}
              />
              <Radios
                name="payerRank"
                legend={t('familyEdit.payer')}
                required
                options={[
                  { value: '1', label: t('familyEdit.guardian1') },
                  { value: '2', label: t('familyEdit.guardian2') },
                ]}
                value={str('payerRank')}
                onValueChange={(x) => form.set('payerRank', x)}
                error={form.errorFor('payerRank')}
              />
            </Fieldset>

            <ButtonGroup>
              <Button type="submit" busy={form.busy}>
                {t('familyEdit.save')}
              </Button>
              <Link to="/famille/informations">{t('familyEdit.cancel')}</Link>
            </ButtonGroup>
          </form>
        </>
      )}
    </>
  );
}
