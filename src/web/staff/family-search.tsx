import type { FormEvent } from 'react';
import { formatPhone } from '../../shared/phone.js';
import { query, type QueryOf } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link, navigate, useLocation } from '../app/router.js';
import { formatDate } from '../i18n/format.js';
import { Button } from '../ui/button.js';
import { Field, SelectField } from '../ui/field.js';
import { LoadState } from '../ui/loading.js';
import { Table } from '../ui/table.js';
import { useForm } from '../ui/use-form.js';
import { AccountStatusTag, ACCOUNT_STATUS_OPTIONS } from './status.js';

/** Search the families by name or e-mail, postal code and account status. The URL keeps the search. */
export function FamilySearchPage() {
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const current = { q: params.get('q') ?? '', postalCode: params.get('postalCode') ?? '', status: params.get('status') ?? '' };
  const form = useForm(current);
  const results = useResource('staff.families', { query: { ...current, status: (current.status || undefined) as QueryOf<'staff.families'>['status'] } });
  const rows = (results.data ?? []);
  usePageTitle('Familles');

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const v = form.values;
    navigate(`/agent/familles${query({ q: v.q.trim(), postalCode: v.postalCode.trim(), status: v.status })}`, { replace: true });
  }

  const filtered = Boolean(current.q || current.postalCode || current.status);

  return (
    <>
      <PageHeading>Familles</PageHeading>
      <form noValidate onSubmit={onSubmit} className="search" role="search" aria-label="Rechercher une famille">
        <Field {...form.field('q')} label="Nom ou adresse e-mail" type="search" autoComplete="off" width="medium" />
        <Field {...form.field('postalCode')} label="Code postal" inputMode="numeric" autoComplete="off" width="code" />
        <SelectField {...form.field('status')} label="Statut du compte" placeholder="Tous" options={ACCOUNT_STATUS_OPTIONS} />
        <div className="field">
          <Button type="submit">Rechercher</Button>
        </div>
      </form>
      <LoadState loading={results.loading && results.data === null} error={results.error} />
      {results.data !== null &&
        (rows.length === 0 ? (
          <p className="empty" role="status">
            {filtered ? 'Aucune famille ne correspond à cette recherche.' : 'Aucune famille inscrite pour le moment.'}
          </p>
        ) : (
          <Table
            caption={`${rows.length} famille${rows.length > 1 ? 's' : ''}${filtered ? ' trouvée' + (rows.length > 1 ? 's' : '') : ''}`}
            head={['Famille', 'Adresse e-mail', 'Téléphone', 'Commune', 'Statut du compte', 'Inscrite le']}
          >
            {rows.map((r) => (
              <tr key={r.familyId}>
                <td>
                  <Link to={`/agent/familles/${encodeURIComponent(r.familyId)}`}>{r.guardian1Name || 'Famille sans nom'}</Link>
                </td>
                <td>{r.loginEmail}</td>
                <td>{r.phone ? formatPhone(r.phone) : ''}</td>
                <td>{[r.postalCode, r.city].filter(Boolean).join(' ')}</td>
                <td>
                  <AccountStatusTag status={r.accountStatus} />
                </td>
                <td>{formatDate(r.createdAt)}</td>
              </tr>
            ))}
          </Table>
        ))}
    </>
  );
}
