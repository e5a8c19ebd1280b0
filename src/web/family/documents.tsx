import { fileUrl } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, useFlash, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { ButtonLink } from '../ui/button.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { ChecklistEntry, ChecklistLegend, DOCUMENT_ADD_PATH, DocumentTabs, stillToSend, SubmissionEntry } from '../views/document-view.js';
import '../ui/booking.css';
import '../ui/documents.css';

/** « Liste des documents à fournir » (guide §7): every document asked for, with its state, then the documents sent. */
export function DocumentsPage() {
  const checklist = useResource('documents.checklist');
  const flash = useFlash();
  usePageTitle('Liste des documents à fournir');
  const data = checklist.data;
  const toSend = data ? data.items.filter(stillToSend).length : 0;
  return (
    <>
      <Link to="/famille" className="back-link">
        Mon compte famille
      </Link>
      <PageHeading>Mes documents</PageHeading>
      <DocumentTabs current="list" />
      {flash && <StatusMessage>{flash}</StatusMessage>}
      <h2>Liste des documents à fournir</h2>
      <p>Les pièces justificatives nécessaires au renouvellement de vos droits à inscription.</p>
      <LoadState loading={checklist.loading && data === null} error={checklist.error} />
      {data && (
        <>
          <ChecklistLegend />
          {data.items.length === 0 ? (
            <p className="empty">La mairie ne demande aucun document pour le moment.</p>
          ) : (
            <>
              <p>
                {toSend === 0
                  ? 'Tous les documents demandés ont été envoyés.'
                  : toSend === 1
                    ? '1 document est à envoyer.'
                    : `${toSend} documents sont à envoyer.`}
              </p>
              <ul className="doc-list" aria-label="Documents à fournir">
                {data.items.map((item) => (
                  <ChecklistEntry key={`${item.typeId}-${item.childId ?? 'famille'}`} item={item} />
                ))}
              </ul>
            </>
          )}
          <ButtonLink to={DOCUMENT_ADD_PATH}>Ajouter un document</ButtonLink>
          <h2>Documents envoyés</h2>
          {data.submissions.length === 0 ? (
            <p className="empty">Aucun document envoyé.</p>
          ) : (
            <ul className="doc-list" aria-label="Documents envoyés">
              {data.submissions.map((s) => (
                <SubmissionEntry key={s.id} submission={s} fileUrl={(fileId) => fileUrl('documents.file', { params: { fileId } })} />
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}
