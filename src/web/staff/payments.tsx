/** The payments ledger (manual and online), by date range, with its CSV export and the way to record a payment. */
import { useState, type FormEvent } from 'react';
import { formatEuros, PAYMENT_METHOD_LABELS_FR } from '../../shared/billing-labels.js';
import { fileUrl } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, useFlash, usePageTitle } from '../app/page.js';
import { formatDay } from '../i18n/format.js';
import { Button, ButtonLink } from '../ui/button.js';
import { DateInput } from '../ui/date-input.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { Table } from '../ui/table.js';
import { BillingNav } from './billing-nav.js';

export function PaymentsPage() {
  usePageTitle('Règlements');
  const flash = useFlash();
  const [draft, setDraft] = useState({ from: '', to: '' });
  const [filters, setFilters] = useState(draft);
  const list = useResource('staffBilling.payments', { query: filters });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFilters(draft);
  }

  return (
    <>
      <PageHeading>Règlements</PageHeading>
      <BillingNav />
      {flash && <StatusMessage>{flash}</StatusMessage>}
      <p>
        <ButtonLink to="/agent/facturation/reglements/nouveau">Enregistrer un règlement</ButtonLink>
      </p>
      <h2>Journal des règlements</h2>
      <form noValidate onSubmit={onSubmit} className="filters" aria-label="Filtrer les règlements">
        <DateInput name="filter.from" label="Reçus à partir du" hint="" value={draft.from} onValueChange={(v) => setDraft((d) => ({ ...d, from: v }))} />
        <DateInput name="filter.to" label="Jusqu’au" hint="" value={draft.to} onValueChange={(v) => setDraft((d) => ({ ...d, to: v }))} />
        <div className="field">
          <Button type="submit">Filtrer</Button>
        </div>
      </form>
      <p>
        <a href={fileUrl('staffBilling.paymentsCsv', { query: filters })} download>
          Exporter ces règlements (CSV)
        </a>
      </p>
      <LoadState loading={list.loading && !list.data} error={list.error} />
      {list.data && list.data.length === 0 && <p className="empty">Aucun règlement.</p>}
      {list.data && list.data.length > 0 && (
        <Table caption="Règlements reçus" captionHidden head={['Reçu le', 'Famille', 'Mode', 'Référence', 'Montant', 'Affecté à', 'Non affecté']}>
          {list.data.map((p) => (
            <tr key={p.id}>
              <td>{formatDay(p.receivedOn)}</td>
              <td>{p.familyName}</td>
              <td>{PAYMENT_METHOD_LABELS_FR[p.method]}</td>
              <td>{p.reference}</td>
              <td className="num">{formatEuros(p.amountCents)}</td>
              <td>{p.allocations.map((a) => `${a.invoiceNumber} (${formatEuros(a.amountCents)})`).join(', ')}</td>
              <td className="num">{formatEuros(p.unallocatedCents)}</td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
