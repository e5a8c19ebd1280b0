import { useState, type FormEvent } from 'react';
import { ApiError, call } from '../../api/client.js';
import { messageFor } from '../../../shared/errors.js';
import { PASSWORD_RULES } from '../../i18n/fr.js';
import { Button } from '../../ui/button.js';
import { ErrorSummary } from '../../ui/error-summary.js';
import { PasswordField } from '../../ui/password-field.js';
import { StatusMessage } from '../../ui/status-message.js';
import { useForm } from '../../ui/use-form.js';
import { PageHeading, usePageTitle } from '../page.js';
import { Link, useSearchParam } from '../router.js';

/** Choose a new password from a mailed link (forgotten password, or a staff invitation). */
export function NewPasswordPage() {
  const token = useSearchParam('jeton') ?? '';
  const form = useForm({ password: '', passwordConfirmation: '' });
  const [state, setState] = useState<'form' | 'done' | 'invalid'>(token.length >= 10 ? 'form' : 'invalid');
  const title = state === 'done' ? 'Mot de passe enregistré' : state === 'invalid' ? 'Lien non valable' : 'Choisir un nouveau mot de passe';
  usePageTitle(title, state === 'form' && form.errors.length > 0);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void form.submit(async () => {
      try {
        await call('auth.passwordResetConfirm', { body: { token, ...form.values } });
        setState('done');
      } catch (err) {
        if (err instanceof ApiError && (err.code === 'token.invalid' || err.fields.some((f) => f.path === 'token'))) {
          setState('invalid');
          return;
        }
        throw err;
      }
    });
  }

  if (state === 'invalid')
    return (
      <>
        <PageHeading autoFocus={token.length >= 10}>Lien non valable</PageHeading>
        <p>{messageFor('token.invalid')}</p>
        <p>
          <Link to="/identifiant-oublie">Demander un nouveau lien</Link>
        </p>
      </>
    );

  if (state === 'done')
    return (
      <>
        <PageHeading autoFocus>Mot de passe enregistré</PageHeading>
        <StatusMessage>
          <p>Votre nouveau mot de passe est enregistré. Vous pouvez maintenant vous connecter.</p>
        </StatusMessage>
        <p>
          <Link to="/">Se connecter</Link>
        </p>
      </>
    );

  return (
    <>
      <PageHeading>Choisir un nouveau mot de passe</PageHeading>
      <ErrorSummary {...form.summary} />
      <form noValidate onSubmit={onSubmit}>
        <PasswordField
          {...form.field('password')}
          label="Nouveau mot de passe"
          hint={PASSWORD_RULES}
          autoComplete="new-password"
        />
        <PasswordField
          {...form.field('passwordConfirmation')}
          label="Confirmation du nouveau mot de passe"
          autoComplete="new-password"
        />
        <Button type="submit" busy={form.busy}>
          Enregistrer le mot de passe
        </Button>
      </form>
    </>
  );
}
