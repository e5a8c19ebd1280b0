/** Outstanding balances per family (owing, overdue, in credit) and the CSV exports for the public accountant. */
import { useState } from 'react';
import { formatEuros } from '../../shared/billing-labels.js';
import { fileUrl } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { SelectField } from '../ui/field.js';
import { LoadState } from '../ui/loading.js';
import { Table } from '../ui/table.js';
import { BillingNav } from './billing-nav.js';

export function BillingBalancesPage() {
  usePageTitle('Soldes et exports');
  const offices = useResource('staffBilling.offices');
  const [officeId, setOfficeId] = useState('');
  const list = useResource('staffBilling.balances', { query: { officeId } });
  const total = (list.data ?? []).reduce((s, b) => s + b.outstandingCents, 0);

  return (
    <>
      <PageHeading>Soldes et exports</PageHeading>
      <BillingNav />
      <h2>Exports CSV</h2>
      <ul className="link-list">
        <li>
          <a href={fileUrl('staffBilling.invoicesCsv', { query: { officeId } })} download>
            Toutes les factures{officeId ? ' de la régie choisie' : ''} (CSV)
          </a>
        </li>
        <li>
          <a href={fileUrl('staffBilling.paymentsCsv')} download>
            Tous les règlements (CSV)
          </a>
        </li>
      </ul>
      <p className="muted">Les exports sont au format CSV (séparateur point-virgule, UTF-8) et s’ouvrent dans un tableur. Des filtres par mois ou par dates sont proposés sur les pages des factures et des règlements.</p>
      <h2>Soldes des familles</h2>
      <SelectField
        name="officeId"
        label="Régie"
        placeholder="Toutes les régies"
        options={(offices.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
        value={officeId}
        onValueChange={setOfficeId}
      />
      <LoadState loading={list.loading && !list.data} error={list.error} />
      {list.data && list.data.length === 0 && <p className="empty">Aucune famille ne doit d’argent ni n’a d’avoir.</p>}
      {list.data && list.data.length > 0 && (
        <>
          <p>Reste à encaisser : {formatEuros(total)}.</p>
          <Table caption="Soldes des familles" captionHidden head={['Famille', 'Factures à régler', 'Reste à payer', 'Dont en retard', 'Avoir disponible']}>
            {list.data.map((b) => (
              <tr key={b.familyId}>
                <td>
                  <Link to={`/agent/facturation/factures?famille=${encodeURIComponent(b.familyId)}`}>
                    {b.familyName}
                    <span className="visually-hidden"> : ses factures</span>
                  </Link>
                </td>
                <td className="num">{b.invoiceCount}</td>
                <td className="num">{formatEuros(b.outstandingCents)}</td>
                <td className="num">{formatEuros(b.overdueCents)}</td>
                <td className="num">{formatEuros(b.creditCents)}</td>
              </tr>
            ))}
          </Table>
        </>
      )}
    </>
  );
}
