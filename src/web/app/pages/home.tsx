import type { FormEvent } from 'react';
import { ApiError, call } from '../../api/client.js';
import { Button } from '../../ui/button.js';
import { ButtonLink } from '../../ui/button.js';
import { ErrorSummary } from '../../ui/error-summary.js';
import { Field } from '../../ui/field.js';
import { PasswordField } from '../../ui/password-field.js';
import { StatusMessage } from '../../ui/status-message.js';
import { useForm } from '../../ui/use-form.js';
import { PageHeading, useFlash, usePageTitle } from '../page.js';
import { Link, navigate } from '../router.js';
import { homeOf, useSession } from '../session.js';

function minutes(seconds: number): string {
  const m = Math.max(1, Math.ceil(seconds / 60));
  return m === 1 ? '1 minute' : `${m} minutes`;
}

/** « Portail Familles » — the login block and the way to create an account (guide §1–2). */
export function HomePage() {
  const { config, setAccount } = useSession();
  const form = useForm({ email: '', password: '' });
  const flash = useFlash();
  usePageTitle('Connexion', form.errors.length > 0);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void form.submit(
      async () => {
        try {
          const { account } = await call('auth.login', {
            body: { email: form.values.email, password: form.values.password },
          });
          setAccount(account);
          navigate(homeOf(account));
        } catch (err) {
          if (err instanceof ApiError && err.retryAfterSeconds && err.fields.length === 0)
            throw new ApiError(err.status, err.code, `${err.message} Vous pourrez réessayer dans ${minutes(err.retryAfterSeconds)}.`);
          form.set('password', '');
          throw err;
        }
      },
      { required: ['email', 'password'] },
    );
  }

  return (
    <>
      <PageHeading>Portail Familles</PageHeading>
      <p className="lead">
        Bienvenue sur le portail des familles de {config.city.name} : inscriptions, réservations à l’accueil de loisirs, au
        périscolaire et à la restauration scolaire, factures et documents, en ligne.
      </p>
      {config.demo && (
        <StatusMessage tone="info" title="Site de démonstration">
          <p>Les familles et les données affichées sont fictives.</p>
        </StatusMessage>
      )}
      {flash && <StatusMessage tone="info">{flash}</StatusMessage>}
      <div className="home-grid">
        <section className="card" aria-labelledby="connexion-titre">
          <h2 id="connexion-titre">Connexion à votre espace</h2>
          <ErrorSummary {...form.summary} />
          <form noValidate onSubmit={onSubmit}>
            <Field
              {...form.field('email')}
              label="Identifiant (adresse e-mail)"
              type="email"
              autoComplete="email"
              spellCheck={false}
              autoCapitalize="none"
            />
            <PasswordField
              {...form.field('password')}
              label="Mot de passe"
              autoComplete="current-password"
            />
            <Button type="submit" busy={form.busy}>
              Se connecter
            </Button>
          </form>
          <p>
            <Link to="/identifiant-oublie">Identifiant ou mot de passe oublié ?</Link>
          </p>
        </section>
        <section className="card" aria-labelledby="creation-titre">
          <h2 id="creation-titre">Vous n’avez pas de compte famille ?</h2>
          <p>Créez votre compte en remplissant le formulaire.</p>
          <p>
            Votre compte sera validé par la mairie sous 3 jours ouvrés. En attendant, vous pouvez déjà compléter les
            informations sur la famille, la (les) fiche(s) enfant(s) et transmettre les pièces justificatives.
          </p>
          <ButtonLink to="/creer-mon-compte">Créer mon compte</ButtonLink>
        </section>
      </div>
    </>
  );
}
