import { useEffect, useState, type FormEvent } from 'react';
import type { FamilyInput, FamilyRecord, GuardianInput } from '../../shared/contracts.js';
import { messageFor } from '../../shared/errors.js';
import { formatPhone } from '../../shared/phone.js';
import { ApiError, call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link, navigate } from '../app/router.js';
import { BENEFITS_REGIME_LABELS, CIVILITY_LABELS, FAMILY_SITUATION_LABELS } from '../i18n/fr.js';
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

const CIVILITIES = (['M', 'MME'] as const).map((value) => ({ value, label: CIVILITY_LABELS[value] }));
const SITUATIONS = Object.entries(FAMILY_SITUATION_LABELS).map(([value, label]) => ({ value, label }));
const REGIMES = [
  ...(['CAF', 'MSA', 'AUTRE'] as const).map((value) => ({ value: value as string, label: BENEFITS_REGIME_LABELS[value] })),
  { value: 'none', label: 'Aucun' },
];
const PAYERS = [
  { value: '1', label: 'Responsable légal 1' },
  { value: '2', label: 'Responsable légal 2' },
];

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
  const record = useResource('family.get');
  const form = useForm<Values>({});
  const [ready, setReady] = useState(false);
  usePageTitle('Modifier les informations de la famille', form.errors.length > 0);

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
          const message = messageFor('number.invalid', 'familyQuotient');
          const others = err.fields.filter((f) => f.path !== 'familyQuotient');
          const fields = [...others, { path: 'familyQuotient', code: 'number.invalid', message }];
          throw new ApiError(err.status, err.code, err.message, fields);
        }
        throw err;
      }
      navigate('/famille/informations', { flash: 'Les informations de la famille ont été enregistrées.' });
    });
  }

  function guardianFields(prefix: 'guardian1' | 'guardian2') {
    const p = (k: GuardianKey) => `${prefix}.${k}`;
    const own = prefix === 'guardian1';
    // Autofill suits the person filling the form (guardian 1), not the other guardian.
    const ac = (token: string) => (own ? token : 'off');
    return (
      <>
        <Radios
          name={p('civility')}
          legend="Civilité"
          required
          inline
          options={CIVILITIES}
          value={str(p('civility')) as '' | 'M' | 'MME'}
          onValueChange={(c) => form.set(p('civility'), c)}
          error={form.errorFor(p('civility'))}
        />
        <Field {...f(p('lastName'))} label="Nom" required autoComplete={ac('family-name')} />
        <Field {...f(p('firstName'))} label="Prénom" required autoComplete={ac('given-name')} />
        <DateInput {...f(p('birthDate'))} label="Date de naissance" autoComplete={ac('bday')} />
        <PhoneInput
          {...f(p('mobilePhone'))}
          label="Téléphone portable"
          hint={own ? 'Au moins un numéro, portable ou domicile. Par exemple 06 12 34 56 78.' : undefined}
          autoComplete={ac('mobile tel')}
        />
        <PhoneInput {...f(p('homePhone'))} label="Téléphone domicile" hint={own ? 'Par exemple 03 20 12 34 56.' : undefined} autoComplete={ac('home tel')} />
        <Field
          {...f(p('email'))}
          label="Adresse e-mail"
          hint={own ? 'Pour vous joindre ; votre identifiant de connexion se modifie à part.' : undefined}
          type="email"
          spellCheck={false}
          autoCapitalize="none"
          autoComplete={ac('email')}
        />
        <Field {...f(p('profession'))} label="Profession" autoComplete={ac('organization-title')} />
        <Field {...f(p('employer'))} label="Employeur" autoComplete={ac('organization')} />
        <PhoneInput {...f(p('workPhone'))} label="Téléphone professionnel" hint={own ? 'Par exemple 03 20 12 34 56.' : undefined} autoComplete={ac('work tel')} />
      </>
    );
  }

  return (
    <>
      <Link to="/famille/informations" className="back-link">
        Informations de la famille
      </Link>
      <PageHeading>Modifier les informations de la famille</PageHeading>
      <LoadState loading={record.loading} error={record.error} />
      {ready && (
        <>
          <ErrorSummary {...form.summary} />
          <p>
            Les champs suivis d’un astérisque <span className="required">*</span> sont obligatoires.
          </p>
          <form noValidate onSubmit={onSubmit}>
            <Fieldset legend="Responsable légal 1">{guardianFields('guardian1')}</Fieldset>

            <Fieldset legend="Responsable légal 2">
              <Checkbox
                name="hasGuardian2"
                label="Ajouter un second responsable"
                hint="Décochez pour retirer le second responsable."
                checked={v.hasGuardian2 === true}
                onCheckedChange={(c) => form.set('hasGuardian2', c)}
              />
              {v.hasGuardian2 === true && guardianFields('guardian2')}
            </Fieldset>

            <Fieldset legend="Adresse">
              <Field {...f('addressLine1')} label="Adresse" hint="Numéro et rue." required autoComplete="address-line1" />
              <Field {...f('addressLine2')} label="Complément d’adresse" hint="Bâtiment, appartement, lieu-dit." autoComplete="address-line2" />
              <PostalCodeCity
                postalCode={str('postalCode')}
                city={str('city')}
                onChange={(n) => form.setValues((old) => ({ ...old, ...n }))}
                postalCodeError={form.errorFor('postalCode')}
                cityError={form.errorFor('city')}
              />
            </Fieldset>

            <Fieldset legend="Situation">
              <SelectField
                {...f('familySituation')}
                label="Situation familiale"
                required
                placeholder="Choisissez"
                options={SITUATIONS}
              />
              <Radios
                name="benefitsRegime"
                legend="Régime d’allocations familiales"
                inline
                options={REGIMES}
                value={str('benefitsRegime')}
                onValueChange={(x) => form.set('benefitsRegime', x)}
                error={form.errorFor('benefitsRegime')}
              />
              <Field
                {...f('benefitsNumber')}
                label="Numéro d’allocataire"
                hint="4 à 20 chiffres ou lettres, sans espace."
                width="medium"
                autoComplete="off"
                spellCheck={false}
              />
              <Field
                {...f('familyQuotient')}
                label="Quotient familial"
                hint="Nombre entier figurant sur votre attestation CAF ou MSA. Facultatif."
                width="short"
                inputMode="numeric"
                autoComplete="off"
              />
              <Radios
                name="payerRank"
                legend="Payeur des factures"
                required
                options={PAYERS}
                value={str('payerRank')}
                onValueChange={(x) => form.set('payerRank', x)}
                error={form.errorFor('payerRank')}
              />
            </Fieldset>

            <ButtonGroup>
              <Button type="submit" busy={form.busy}>
                Enregistrer
              </Button>
              <Link to="/famille/informations">Annuler</Link>
            </ButtonGroup>
          </form>
        </>
      )}
    </>
  );
}
