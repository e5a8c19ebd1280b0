import type { FormEvent } from 'react';
import { query } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link, navigate, useLocation } from '../app/router.js';
import { childName } from '../views/child-view.js';
import { formatDay } from '../i18n/format.js';
import { Button } from '../ui/button.js';
import { DateInput } from '../ui/date-input.js';
import { Field } from '../ui/field.js';
import { LoadState } from '../ui/loading.js';
import { Table } from '../ui/table.js';
import { useForm } from '../ui/use-form.js';

/** Search the children by their name or a guardian's, and birth date. The URL keeps the search. */
export function ChildSearchPage() {
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const current = { q: params.get('q') ?? '', birthDate: params.get('birthDate') ?? '', familyId: params.get('familyId') ?? '' };
  const form = useForm({ q: current.q, birthDate: current.birthDate });
  const results = useResource('staffChildren.search', { query: current });
  const rows = (results.data ?? []);
  usePageTitle('Enfants');

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const v = form.values;
    navigate(`/agent/enfants${query({ q: v.q.trim(), birthDate: v.birthDate, familyId: current.familyId })}`, { replace: true });
  }

  const filtered = Boolean(current.q || current.birthDate || current.familyId);

  return (
    <>
      <PageHeading>Enfants</PageHeading>
      {current.familyId && (
        <p>
          Enfants d’une famille. <Link to="/agent/enfants">Rechercher parmi tous les enfants</Link>
        </p>
      )}
      <form noValidate onSubmit={onSubmit} className="search" role="search" aria-label="Rechercher un enfant">
        <Field {...form.field('q')} label="Nom ou prénom" hint="De l’enfant ou d’un responsable." type="search" autoComplete="off" width="medium" />
        <DateInput {...form.field('birthDate')} label="Date de naissance" hint="Facultatif." />
        <div className="field">
          <Button type="submit">Rechercher</Button>
        </div>
      </form>
      <LoadState loading={results.loading && results.data === null} error={results.error} />
      {results.data !== null &&
        (rows.length === 0 ? (
          <p className="empty" role="status">
            {filtered ? 'Aucun enfant ne correspond à cette recherche.' : 'Aucun enfant enregistré pour le moment.'}
          </p>
        ) : (
          <Table caption={`${rows.length} enfant${rows.length > 1 ? 's' : ''}${filtered ? ' trouvé' + (rows.length > 1 ? 's' : '') : ''}`} head={['Enfant', 'Date de naissance', 'Famille', 'École et classe']}>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/agent/enfants/${encodeURIComponent(r.id)}`}>{childName(r)}</Link>
                </td>
                <td>{formatDay(r.birthDate)}</td>
                <td>
                  <Link to={`/agent/familles/${encodeURIComponent(r.familyId)}`}>{r.familyName}</Link>
                </td>
                <td>{[r.school, r.schoolClass].filter(Boolean).join(', ')}</td>
              </tr>
            ))}
          </Table>
        ))}
    </>
  );
}
