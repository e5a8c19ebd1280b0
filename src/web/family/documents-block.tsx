import { useResource } from '../api/use-resource.js';
import { Link } from '../app/router.js';
import { DOCUMENT_ADD_PATH, DOCUMENTS_PATH, stillToSend } from '../views/document-view.js';

/** The « Mes documents » block of « Mon compte famille »: how many documents are still to send, and the two tabs. */
export function DocumentsBlock() {
  const checklist = useResource('documents.checklist');
  const data = checklist.data;
  const toSend = data ? data.items.filter(stillToSend).length : 0;
  const pending = data ? data.items.filter((i) => i.state === 'pending').length : 0;
  return (
    <section className="card" aria-labelledby="bloc-documents">
      <h2 id="bloc-documents">Mes documents</h2>
      <p>Transmettre les pièces justificatives demandées par la mairie.</p>
      {checklist.error && <p>{checklist.error}</p>}
      {data && (
        <p>
          {toSend === 0 ? 'Aucun document à envoyer.' : toSend === 1 ? '1 document à envoyer.' : `${toSend} documents à envoyer.`}
          {pending > 0 && ` ${pending} en attente de vérification.`}
        </p>
      )}
      <ul className="link-list">
        <li>
          <Link to={DOCUMENTS_PATH}>Liste des documents à fournir</Link>
        </li>
        <li>
          <Link to={DOCUMENT_ADD_PATH}>Ajouter un document</Link>
        </li>
      </ul>
    </section>
  );
}
