import { useState, type FormEvent } from 'react';
import { call } from '../api/client.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { useSession } from '../app/session.js';
import { Button } from '../ui/button.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { Field } from '../ui/field.js';
import { PasswordField } from '../ui/password-field.js';
import { StatusMessage } from '../ui/status-message.js';
import { useForm } from '../ui/use-form.js';

/** « Modifier le login (l’adresse mail) » (guide §4.1): nothing changes until the new address is confirmed. */
export function EmailChangePage() {
  const { account } = useSession();
  const form = useForm({ newEmail: '', currentPassword: '' });
  const [sentTo, setSentTo] = useState<string | null>(null);
  usePageTitle('Modifier mon identifiant', form.errors.length > 0);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSentTo(null);
    void form.submit(async () => {
      await call('account.emailChange', { body: form.values });
      setSentTo(form.values.newEmail.trim().toLowerCase());
      form.setValues({ newEmail: '', currentPassword: '' });
    });
  }

  return (
    <>
      <Link to="/famille" className="back-link">
        Mon compte famille
      </Link>
      <PageHeading>Modifier mon identifiant</PageHeading>
      {sentTo && (
        <StatusMessage title="Votre demande a été prise en compte.">
          <p>
            Un lien de confirmation a été envoyé à <strong>{sentTo}</strong>. Cliquez sur ce lien pour confirmer votre
            nouvelle adresse. Tant que vous ne l’aurez pas confirmée, votre identifiant reste inchangé.
          </p>
        </StatusMessage>
      )}
      <p>
        Votre identifiant actuel est <strong>{account?.email}</strong>.
      </p>
      <ErrorSummary {...form.summary} />
      <form noValidate onSubmit={onSubmit}>
        <Field
          {...form.field('newEmail')}
          label="Nouvelle adresse e-mail"
          hint="Elle deviendra votre identifiant de connexion. Par exemple nom@exemple.fr."
          type="email"
          autoComplete="email"
          spellCheck={false}
          autoCapitalize="none"
        />
        <PasswordField
          {...form.field('currentPassword')}
          label="Mot de passe actuel"
          hint="Pour vérifier qu’il s’agit bien de vous."
          autoComplete="current-password"
        />
        <Button type="submit" busy={form.busy}>
          Valider
        </Button>
      </form>
    </>
  );
}
