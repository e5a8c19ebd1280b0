import { Link } from '../router.js';
import { PageHeading, usePageTitle } from '../page.js';
import { useSession } from '../session.js';

export function NotFoundPage({
  title = 'Page introuvable',
  message = 'L’adresse saisie est peut-être incorrecte, ou la page a été déplacée.',
}: {
  title?: string;
  message?: string;
}) {
  usePageTitle(title);
  const { account } = useSession();
  return (
    <>
      <PageHeading>{title}</PageHeading>
      <p>{message}</p>
      <p>
        {account ? (
          <Link to={account.kind === 'staff' ? '/agent' : '/famille'}>Revenir à mon espace</Link>
        ) : (
          <Link to="/">Revenir à la page d’accueil du portail</Link>
        )}
      </p>
    </>
  );
}
