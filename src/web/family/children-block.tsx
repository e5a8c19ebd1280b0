import { useResource } from '../api/use-resource.js';
import { Link } from '../app/router.js';

/** The « Mes Enfants » block of « Mon compte famille »: the children, and where to add one. */
export function ChildrenBlock() {
  const list = useResource('children.list');
  const children = (list.data ?? []);
  return (
    <section className="card" aria-labelledby="bloc-enfants">
      <h2 id="bloc-enfants">Mes Enfants</h2>
      <p>Ajouter et consulter les fiches de vos enfants.</p>
      {list.error && <p>{list.error}</p>}
      {list.data !== null && children.length === 0 && <p className="empty">Aucun enfant enregistré pour le moment.</p>}
      <ul className="link-list">
        {children.map((c) => (
          <li key={c.id}>
            <Link to={`/famille/enfants/${encodeURIComponent(c.id)}`}>
              Voir la fiche de {c.firstName} {c.lastName.toUpperCase()}
            </Link>
          </li>
        ))}
        <li>
          <Link to="/famille/enfants">Voir mes enfants</Link>
        </li>
        <li>
          <Link to="/famille/enfants/ajouter">Ajouter un enfant</Link>
        </li>
      </ul>
    </section>
  );
}
