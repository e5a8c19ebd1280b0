import { useTranslation } from 'react-i18next';
import { useResource } from '../api/use-resource.js';
import { Link } from '../app/router.js';
import { DOCUMENT_ADD_PATH, DOCUMENTS_PATH, stillToSend } from '../views/document-view.js';

/** The « Mes documents » block of « Mon compte famille »: how many documents are still to send, and the two tabs. */
export function DocumentsBlock() {
  const { t } = useTranslation('family');
  const checklist = useResource('documents.checklist');
  const data = checklist.data;
  const toSend = data ? data.items.filter(stillToSend).length : 0;
  const pending = data ? data.items.filter((i) => i.state === 'pending').length : 0;
  return (
    <section className="card" aria-labelledby="bloc-documents">
      <h2 id="bloc-documents">{t('documentsBlock.title')}</h2>
      <p>{t('documentsBlock.text')}</p>
      {checklist.error && <p>{checklist.error}</p>}
      {data && (
        <p>
          {toSend === 0 ? t('documentsBlock.none') : t('documentsBlock.toSend', { count: toSend })}
          {pending > 0 && ` ${t('documentsBlock.pending', { n: pending })}`}
        </p>
      )}
      <ul className="link-list">
        <li>
          <Link to={DOCUMENTS_PATH}>{t('documentsBlock.list')}</Link>
        </li>
        <li>
          <Link to={DOCUMENT_ADD_PATH}>{t('documentsBlock.add')}</Link>
        </li>
      </ul>
    </section>
  );
}
