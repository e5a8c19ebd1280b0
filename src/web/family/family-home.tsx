import { PageHeading, useFlash, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { useSession } from '../app/session.js';
import { StatusMessage } from '../ui/status-message.js';
import { ChildrenBlock } from './children-block.js';
import { BookingBlock } from './booking-block.js';
import { DocumentsBlock } from './documents-block.js';
import { InvoiceBlock } from './invoice-block.js';

/** « Mon compte famille » (guide §4): the blocks of the family space. */
export function FamilyHomePage() {
  const { account } = useSession();
  const flash = useFlash();
  usePageTitle('Mon compte famille');
  return (
    <>
      <PageHeading>Mon compte famille</PageHeading>
      {flash && <StatusMessage>{flash}</StatusMessage>}
      <p className="lead">Bonjour {account?.displayName}.</p>
      <div className="blocks">
        <section className="card" aria-labelledby="bloc-informations">
          <h2 id="bloc-informations">Mes Informations</h2>
          <p>Les informations sur la famille, votre adresse e-mail de connexion et votre mot de passe.</p>
          <ul className="link-list">
            <li>
              <Link to="/famille/informations">Voir les informations de la famille</Link>
            </li>
            <li>
              <Link to="/famille/informations/modifier">Modifier les informations de la famille</Link>
            </li>
            <li>
              <Link to="/famille/identifiant">Modifier mon identifiant (adresse e-mail)</Link>
            </li>
            <li>
              <Link to="/famille/mot-de-passe">Modifier mon mot de passe</Link>
            </li>
            <li>
              <Link to="/famille/mes-donnees">Télécharger toutes mes données ou demander la fermeture de mon compte</Link>
            </li>
          </ul>
        </section>
        <ChildrenBlock />
        <BookingBlock />
        <InvoiceBlock />
        <DocumentsBlock />
      </div>
    </>
  );
}
