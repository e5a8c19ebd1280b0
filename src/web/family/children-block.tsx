import { useTranslation } from 'react-i18next';
import { useResource } from '../api/use-resource.js';
import { Link } from '../app/router.js';

/** The « Mes Enfants » block of « Mon compte famille »: the children, and where to add one. */
export function ChildrenBlock() {
  const { t } = useTranslation('family');
  const list = useResource('children.list');
  const children = (list.data ?? []);
  return (
    <section className="card" aria-labelledby="bloc-enfants">
      <h2 id="bloc-enfants">{t('childrenBlock.title')}</h2>
      <p>{t('childrenBlock.text')}</p>
      {list.error && <p>{list.error}</p>}
      {list.data !== null && children.length === 0 && <p className="empty">{t('childrenBlock.empty')}</p>}
      <ul className="link-list">
        {children.map((c) => (
          <li key={c.id}>
            <Link to={`/famille/enfants/${encodeURIComponent(c.id)}`}>
              {t('childrenBlock.viewChild', { firstName: c.firstName, lastName: c.lastName.toUpperCase() })}
            </Link>
          </li>
        ))}
        <li>
          <Link to="/famille/enfants">{t('childrenBlock.viewAll')}</Link>
        </li>
        <li>
          <Link to="/famille/enfants/ajouter">{t('childrenBlock.add')}</Link>
        </li>
      </ul>
    </section>
  );
}
