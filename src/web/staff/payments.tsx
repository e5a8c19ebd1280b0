/** The payments ledger (manual and online), by date range, with its CSV export and the way to record a payment. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatEuros } from '../ui/money.js';
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
  const { t } = useTranslation('staffAdmin');
  const { t: tl } = useTranslation('labels');
  usePageTitle(t('payments.title'));
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
      <PageHeading>{t('payments.title')}</PageHeading>
      <BillingNav />
      {flash && <StatusMessage>{flash}</StatusMessage>}
      <p>
        <ButtonLink to="/agent/facturation/reglements/nouveau">{t('payments.record')}</ButtonLink>
      </p>
      <h2>{t('payments.ledger')}</h2>
      <form noValidate onSubmit={onSubmit} className="filters" aria-label={t('payments.filter')}>
        <DateInput name="filter.from" label={t('payments.from')} hint="" value={draft.from} onValueChange={(v) => setDraft((d) => ({ ...d, from: v }))} />
        <DateInput name="filter.to" label={t('payments.to')} hint="" value={draft.to} onValueChange={(v) => setDraft((d) => ({ ...d, to: v }))} />
        <div className="field">
          <Button type="submit">{t('payments.submit')}</Button>
        </div>
      </form>
      <p>
        <a href={fileUrl('staffBilling.paymentsCsv', { query: filters })} download>
          {t('payments.export')}
        </a>
      </p>
      <LoadState loading={list.loading && !list.data} error={list.error} />
      {list.data && list.data.length === 0 && <p className="empty">{t('payments.empty')}</p>}
      {list.data && list.data.length > 0 && (
        <Table
          caption={t('payments.caption')}
          captionHidden
          head={[
            t('payments.head.receivedOn'),
            t('payments.head.family'),
            t('payments.head.method'),
            t('payments.head.reference'),
            t('payments.head.amount'),
            t('payments.head.allocatedTo'),
            t('payments.head.unallocated'),
          ]}
        >
          {list.data.map((p) => (
            <tr key={p.id}>
              <td>{formatDay(p.receivedOn)}</td>
              <td>{p.familyName}</td>
              <td>{tl(`paymentMethod.${p.method}`)}</td>
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
