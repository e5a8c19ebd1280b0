import { useState, type FormEvent } from 'react';
import { call } from '../../api/client.js';
import { PASSWORD_RULES } from '../../i18n/fr.js';
import { Button } from '../../ui/button.js';
import { ErrorSummary } from '../../ui/error-summary.js';
import { PasswordField } from '../../ui/password-field.js';
import { StatusMessage } from '../../ui/status-message.js';
import { useForm } from '../../ui/use-form.js';
import { PageHeading, usePageTitle } from '../page.js';
import { Link } from '../router.js';

const EMPTY = { currentPassword: '', newPassword: '', newPasswordConfirmation: '' };

/** « Modifier le mot de passe » (guide §4.2), for families and staff alike. */
export function PasswordChangePage({ endpoint, backTo, backLabel }: { endpoint: 'account.password' | 'staff.password'; backTo: string; backLabel: string }) {
  const form = useForm(EMPTY);
  const [done, setDone] = useState(false);
  usePageTitle('Modifier mon mot de passe', form.errors.length > 0);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    void form.submit(async () => {
      await call(endpoint, { body: form.values });
      form.setValues(EMPTY);
      setDone(true);
    });
  }

  return (
    <>
      <Link to={backTo} className="back-link">
        {backLabel}
      </Link>
      <PageHeading>Modifier mon mot de passe</PageHeading>
      {done && (
        <StatusMessage title="Votre mot de passe a été modifié.">
          <p>Utilisez-le dès votre prochaine connexion. Un courriel vous confirme ce changement.</p>
        </StatusMessage>
      )}
      <ErrorSummary {...form.summary} />
      <form noValidate onSubmit={onSubmit}>
        <PasswordField
          {...form.field('currentPassword')}
          label="Mot de passe actuel"
          autoComplete="current-password"
        />
        <PasswordField
          {...form.field('newPassword')}
          label="Nouveau mot de passe"
          hint={PASSWORD_RULES}
          autoComplete="new-password"
        />
        <PasswordField
          {...form.field('newPasswordConfirmation')}
          label="Confirmation du nouveau mot de passe"
          hint="Saisissez le nouveau mot de passe une seconde fois."
          autoComplete="new-password"
        />
        <Button type="submit" busy={form.busy}>
          Valider
        </Button>
      </form>
    </>
  );
}
