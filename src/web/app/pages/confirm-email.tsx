import { useEffect, useState } from 'react';
import type { AccountView } from '../../../shared/contracts.js';
import { ApiError, call } from '../../api/client.js';
import { messageFor } from '../../../shared/errors.js';
import { PageHeading, usePageTitle } from '../page.js';
import { Link, navigate, useSearchParam } from '../router.js';
import { useSession } from '../session.js';

export const EMAIL_CONFIRMED =
  'Votre nouvelle adresse e-mail est confirmée. C’est désormais votre identifiant pour vous connecter au portail.';

// A token is single-use: StrictMode's double effect (or a remount) must not send it twice.
const confirmations = new Map<string, Promise<{ account: AccountView }>>();
function confirmOnce(token: string): Promise<{ account: AccountView }> {
  let p = confirmations.get(token);
  if (!p) {
    p = call('auth.emailChangeConfirm', { body: { token } });
    confirmations.set(token, p);
  }
  return p;
}

/** The link of the e-mail-change message (guide §4.1): confirms on arrival, then opens the family space. */
export function ConfirmEmailPage() {
  const token = useSearchParam('jeton') ?? '';
  const { setAccount } = useSession();
  const [failure, setFailure] = useState<string | null>(token.length >= 10 ? null : messageFor('token.invalid'));
  usePageTitle(failure ? 'Lien non valable' : 'Confirmation de votre nouvelle adresse');

  useEffect(() => {
    if (failure) return;
    let active = true;
    confirmOnce(token)
      .then(({ account }) => {
        if (!active) return;
        setAccount(account);
        navigate('/famille', { replace: true, flash: EMAIL_CONFIRMED });
      })
      .catch((e: unknown) => {
        if (active) setFailure(e instanceof ApiError ? e.message : messageFor('internal'));
      });
    return () => {
      active = false;
    };
  }, [token, failure, setAccount]);

  if (failure)
    return (
      <>
        <PageHeading autoFocus>Lien non valable</PageHeading>
        <p>{failure}</p>
        <p>
          Connectez-vous puis refaites la demande depuis « Mon compte famille ». <Link to="/">Se connecter</Link>
        </p>
      </>
    );
  return (
    <>
      <PageHeading>Confirmation de votre nouvelle adresse</PageHeading>
      <p role="status">Confirmation en cours…</p>
    </>
  );
}
