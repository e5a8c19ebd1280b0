import { useState, type FormEvent } from 'react';
import { call, type BodyOf } from '../../api/client.js';
import { PASSWORD_RULES } from '../../i18n/fr.js';
import { Button } from '../../ui/button.js';
import { ErrorSummary } from '../../ui/error-summary.js';
import { Checkbox, Field } from '../../ui/field.js';
import { Fieldset, Radios } from '../../ui/fieldset.js';
import { PasswordField } from '../../ui/password-field.js';
import { PhoneInput } from '../../ui/phone-input.js';
import { PostalCodeCity } from '../../ui/postal-code-city.js';
import { useForm } from '../../ui/use-form.js';
import { PageHeading, usePageTitle } from '../page.js';
import { Link } from '../router.js';

const CIVILITIES = [
  { value: 'M', label: 'M.' },
  { value: 'MME', label: 'Mme' },
] as const;

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
  usePageTitle(sentTo ? 'Demande de compte enregistrée' : 'Créer mon compte', !sentTo && form.errors.length > 0);
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
        <PageHeading autoFocus>Votre demande de compte est enregistrée</PageHeading>
        <div className="prose">
          <p>
            Un courriel de confirmation a été envoyé à <strong>{sentTo}</strong>.
          </p>
          <p>
            Votre compte sera validé par la mairie <strong>sous 3 jours ouvrés</strong>. Vous recevrez un courriel dès
            qu’il sera validé : vous pourrez alors réserver.
          </p>
          <p>
            En attendant, vous pouvez déjà vous connecter pour compléter les informations sur la famille, la (les)
            fiche(s) enfant(s) et transmettre les pièces justificatives.
          </p>
          <p>
            <Link to="/">Se connecter</Link>
          </p>
        </div>
      </>
    );

  return (
    <>
      <PageHeading>Créer mon compte</PageHeading>
      <p className="lead">Remplissez l’ensemble des champs demandés. Votre compte sera validé sous 3 jours ouvrés.</p>
      <ErrorSummary {...form.summary} />
      <p>Les champs suivis d’un astérisque <span className="required">*</span> sont obligatoires.</p>
      <form noValidate onSubmit={onSubmit}>
        <Fieldset legend="Vos coordonnées">
          <Radios
            name="civility"
            legend="Civilité"
            required
            inline
            options={CIVILITIES}
            value={v.civility}
            onValueChange={(c) => set('civility', c)}
            error={errorFor('civility')}
          />
          <Field name="lastName" label="Nom" required autoComplete="family-name" value={v.lastName} onValueChange={(x) => set('lastName', x)} error={errorFor('lastName')} />
          <Field name="firstName" label="Prénom" required autoComplete="given-name" value={v.firstName} onValueChange={(x) => set('firstName', x)} error={errorFor('firstName')} />
          <Field
            name="email"
            label="Adresse e-mail"
            hint="Elle sera votre identifiant de connexion. Par exemple nom@exemple.fr."
            required
            type="email"
            autoComplete="email"
            spellCheck={false}
            autoCapitalize="none"
            value={v.email}
            onValueChange={(x) => set('email', x)}
            error={errorFor('email')}
          />
          <PhoneInput name="phone" label="Téléphone" required value={v.phone} onValueChange={(x) => set('phone', x)} error={errorFor('phone')} />
        </Fieldset>

        <Fieldset legend="Adresse">
          <Field name="addressLine1" label="Adresse" hint="Numéro et rue." required autoComplete="address-line1" value={v.addressLine1} onValueChange={(x) => set('addressLine1', x)} error={errorFor('addressLine1')} />
          <Field name="addressLine2" label="Complément d’adresse" hint="Bâtiment, appartement, lieu-dit (facultatif)." autoComplete="address-line2" value={v.addressLine2} onValueChange={(x) => set('addressLine2', x)} error={errorFor('addressLine2')} />
          <PostalCodeCity
            postalCode={v.postalCode}
            city={v.city}
            onChange={(n) => form.setValues((old) => ({ ...old, ...n }))}
            postalCodeError={errorFor('postalCode')}
            cityError={errorFor('city')}
          />
        </Fieldset>

        <Fieldset legend="Mot de passe">
          <PasswordField name="password" label="Mot de passe" hint={PASSWORD_RULES} required autoComplete="new-password" value={v.password} onValueChange={(x) => set('password', x)} error={errorFor('password')} />
          <PasswordField
            name="passwordConfirmation"
            label="Confirmation du mot de passe"
            hint="Saisissez le même mot de passe une seconde fois."
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
          label={<>J’accepte les conditions d’utilisation du portail</>}
          hint={
            <>
              Lire les <Link to="/conditions-utilisation">conditions d’utilisation et la notice sur les données personnelles</Link>.
            </>
          }
          checked={v.acceptTerms}
          onCheckedChange={(c) => set('acceptTerms', c)}
          error={errorFor('acceptTerms')}
        />
        <Button type="submit" busy={form.busy}>
          Créer mon compte
        </Button>
      </form>
    </>
  );
}
