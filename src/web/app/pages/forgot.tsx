import { useState, type FormEvent } from 'react';
import { call } from '../../api/client.js';
import { Button } from '../../ui/button.js';
import { ErrorSummary } from '../../ui/error-summary.js';
import { Field } from '../../ui/field.js';
import { StatusMessage } from '../../ui/status-message.js';
import { useForm } from '../../ui/use-form.js';
import { PageHeading, usePageTitle } from '../page.js';
import { Link } from '../router.js';

/** « Identifiant ou mot de passe oublié » (guide §3). The answer never tells whether the address has an account. */
export function ForgotPage() {
  const form = useForm({ email: '' });
  const [sentTo, setSentTo] = useState<string | null>(null);
  usePageTitle('Identifiant ou mot de passe oublié', form.errors.length > 0);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void form.submit(
      async () => {
        await call('auth.passwordResetRequest', { body: { email: form.values.email } });
        setSentTo(form.values.email.trim());
      },
      { required: ['email'] },
    );
  }

  return (
    <>
      <PageHeading>Identifiant ou mot de passe oublié</PageHeading>
      {sentTo ? (
        <>
          <StatusMessage title="Votre demande a été prise en compte.">
            <p>
              Si un compte existe pour cette adresse, vous allez recevoir un courriel à <strong>{sentTo}</strong> avec
              votre identifiant et un lien pour choisir un nouveau mot de passe. Ce lien est valable pendant une durée
              limitée et ne peut servir qu’une fois.
            </p>
            <p>Pensez à regarder dans vos courriers indésirables.</p>
          </StatusMessage>
          <p>
            <Link to="/">Revenir à la page de connexion</Link>
          </p>
        </>
      ) : (
        <>
          <p className="lead">
            Indiquez l’adresse e-mail de votre compte : nous vous enverrons votre identifiant et un lien pour choisir un
            nouveau mot de passe.
          </p>
          <ErrorSummary {...form.summary} />
          <form noValidate onSubmit={onSubmit}>
            <Field
              {...form.field('email')}
              label="Adresse e-mail"
              type="email"
              autoComplete="email"
              spellCheck={false}
              autoCapitalize="none"
            />
            <Button type="submit" busy={form.busy}>
              Envoyer
            </Button>
          </form>
          <p>
            <Link to="/">Revenir à la page de connexion</Link>
          </p>
        </>
      )}
    </>
  );
}
