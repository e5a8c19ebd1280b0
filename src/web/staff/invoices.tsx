/** Published invoices, filtered by office, month and state; each opens its detail (PDF, credit notes). */
import { useState, type FormEvent } from 'react';
import { formatEuros, INVOICE_STATE_LABELS_FR, INVOICE_STATES } from '../../shared/billing-labels.js';
import { fileUrl, type QueryOf } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link, useSearchParam } from '../app/router.js';
import { formatDay } from '../i18n/format.js';
import { monthLabel, pastMonths } from '../i18n/fr.js';
import { Button } from '../ui/button.js';
import { SelectField } from '../ui/field.js';
import { INVOICE_LEGEND, InvoiceStateText } from '../ui/invoice-detail.js';
import { Legend } from '../ui/legend.js';
import { LoadState } from '../ui/loading.js';
import { Table } from '../ui/table.js';
import { BillingNav } from './billing-nav.js';

export function InvoicesPage() {
  usePageTitle('Factures et avoirs');
  const offices = useResource('staffBilling.offices');
  // ?famille=… (from the balances): one family's invoices
  const familyId = useSearchParam('famille') ?? '';
  const [draft, setDraft] = useState({ officeId: '', month: '', state: '' });
  const [filters, setFilters] = useState(draft);
  const list = useResource('staffBilling.invoices', { query: { ...filters, state: (filters.state || undefined) as QueryOf<'staffBilling.invoices'>['state'], familyId } });
  const familyName = familyId && list.data?.[0]?.familyName;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFilters(draft);
  }

  return (
    <>
      <PageHeading>Factures et avoirs</PageHeading>
      <BillingNav />
      {familyId && (
        <p>
          {familyName ? `Factures de la famille ${familyName}. ` : 'Factures d’une famille. '}
          <Link to={`/agent/facturation/reglements/nouveau?famille=${encodeURIComponent(familyId)}`}>Enregistrer un règlement pour cette famille</Link> —{' '}
          <Link to="/agent/facturation/factures">Voir toutes les factures</Link>
        </p>
      )}
      <form noValidate onSubmit={onSubmit} className="filters" aria-label="Filtrer les factures">
        <SelectField
          name="filter.officeId"
          label="Régie"
          placeholder="Toutes les régies"
          options={(offices.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
          value={draft.officeId}
          onValueChange={(v) => setDraft((d) => ({ ...d, officeId: v }))}
        />
        <SelectField
          name="filter.month"
          label="Mois"
          placeholder="Tous les mois"
          options={pastMonths(24).map((m) => ({ value: m, label: monthLabel(m) }))}
          value={draft.month}
          onValueChange={(v) => setDraft((d) => ({ ...d, month: v }))}
        />
        <SelectField
          name="filter.state"
          label="État"
          placeholder="Tous les états"
          options={INVOICE_STATES.map((s) => ({ value: s, label: INVOICE_STATE_LABELS_FR[s] }))}
          value={draft.state}
          onValueChange={(v) => setDraft((d) => ({ ...d, state: v }))}
        />
        <div className="field">
          <Button type="submit">Filtrer</Button>
        </div>
      </form>
      <p>
        <a href={fileUrl('staffBilling.invoicesCsv', { query: { officeId: filters.officeId, month: filters.month } })} download>
          Exporter ces factures (CSV)
        </a>
      </p>
      <Legend items={INVOICE_LEGEND} />
      <LoadState loading={list.loading && !list.data} error={list.error} />
      {list.data && list.data.length === 0 && <p className="empty">Aucune facture.</p>}
      {list.data && list.data.length > 0 && (
        <Table caption={`${list.data.length} facture${list.data.length > 1 ? 's' : ''}`} head={['Numéro', 'Famille', 'Mois', 'Total', 'Reste à payer', 'Échéance', 'État']}>
          {list.data.map((i) => (
            <tr key={i.id}>
              <td>
                <Link to={`/agent/facturation/factures/${i.id}`}>{i.number}</Link>
              </td>
              <td>{i.familyName}</td>
              <td>{monthLabel(i.month)}</td>
              <td className="num">{formatEuros(i.totalCents)}</td>
              <td className="num">{formatEuros(i.balanceCents)}</td>
              <td>{formatDay(i.dueOn)}</td>
              <td>
                <InvoiceStateText state={i.state} />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
