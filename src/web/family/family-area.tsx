import type { ReactNode } from 'react';
import { useLocation } from '../app/router.js';
import { useSession } from '../app/session.js';
import { NotFoundPage } from '../app/pages/not-found.js';
import { PasswordChangePage } from '../app/pages/password-change.js';
import { StatusMessage } from '../ui/status-message.js';
import { FamilyHomePage } from './family-home.js';
import { FamilyInfoPage } from './family-info.js';
import { FamilyEditPage } from './family-edit.js';
import { EmailChangePage } from './email-change.js';

/** The signed-in family's space: « Mon compte famille » and its pages. */
export function FamilyArea() {
  const { pathname } = useLocation();
  const { account } = useSession();
  let page: ReactNode;
  switch (pathname) {
    case '/famille':
      page = <FamilyHomePage />;
      break;
    case '/famille/informations':
      page = <FamilyInfoPage />;
      break;
    case '/famille/informations/modifier':
      page = <FamilyEditPage />;
      break;
    case '/famille/identifiant':
      page = <EmailChangePage />;
      break;
    case '/famille/mot-de-passe':
      page = <PasswordChangePage endpoint="/api/account/password" backTo="/famille" backLabel="Mon compte famille" />;
      break;
    default:
      page = <NotFoundPage />;
  }
  return (
    <>
      {account?.status === 'pending' && (
        <StatusMessage tone="warning" title="Votre compte est en attente de validation.">
          <p>
            La mairie valide les nouveaux comptes sous 3 jours ouvrés ; vous recevrez alors un courriel. Les réservations
            seront ouvertes dès la validation. En attendant, vous pouvez compléter les informations de la famille.
          </p>
        </StatusMessage>
      )}
      {page}
    </>
  );
}
