/** Published invoices, filtered by office, month and state; each opens its detail (PDF, credit notes). */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { INVOICE_STATES } from '../../shared/billing-labels.js';
import { formatEuros } from '../ui/money.js';
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
  const { t } = useTranslation('staffAdmin');
  const { t: tl } = useTranslation('labels');
  usePageTitle(t('invoices.title'));
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
      <PageHeading>{t('invoices.title')}</PageHeading>
      <BillingNav />
      {familyId && (
        <p>
          {familyName ? t('invoices.ofFamily', { name: familyName }) : t('invoices.ofAFamily')}
          <Link to={`/agent/facturation/reglements/nouveau?famille=${encodeURIComponent(familyId)}`}>{t('invoices.recordPayment')}</Link> —{' '}
          <Link to="/agent/facturation/factures">{t('invoices.all')}</Link>
        </p>
      )}
      <form noValidate onSubmit={onSubmit} className="filters" aria-label={t('invoices.filter')}>
        <SelectField
          name="filter.officeId"
          label={t('invoices.office')}
          placeholder={t('invoices.allOffices')}
          options={(offices.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
          value={draft.officeId}
          onValueChange={(v) => setDraft((d) => ({ ...d, officeId: v }))}
        />
        <SelectField
          name="filter.month"
          label={t('invoices.month')}
          placeholder={t('invoices.allMonths')}
          options={pastMonths(24).map((m) => ({ value: m, label: monthLabel(m) }))}
          value={draft.month}
          onValueChange={(v) => setDraft((d) => ({ ...d, month: v }))}
        />
        <SelectField
          name="filter.state"
          label={t('invoices.state')}
          placeholder={t('invoices.allStates')}
          options={INVOICE_STATES.map((s) => ({ value: s, label: tl(`invoiceState.${s}`) }))}
          value={draft.state}
          onValueChange={(v) => setDraft((d) => ({ ...d, state: v }))}
        />
        <div className="field">
          <Button type="submit">{t('invoices.submit')}</Button>
        </div>
      </form>
      <p>
        <a href={fileUrl('staffBilling.invoicesCsv', { query: { officeId: filters.officeId, month: filters.month } })} download>
          {t('invoices.export')}
        </a>
      </p>
      <Legend items={INVOICE_LEGEND} />
      <LoadState loading={list.loading && !list.data} error={list.error} />
      {list.data && list.data.length === 0 && <p className="empty">{t('invoices.empty')}</p>}
      {list.data && list.data.length > 0 && (
        <Table
          caption={t('invoices.caption', { count: list.data.length })}
          head={[
            t('invoices.head.number'),
            t('invoices.head.family'),
            t('invoices.head.month'),
            t('invoices.head.total'),
            t('invoices.head.balance'),
            t('invoices.head.due'),
            t('invoices.head.state'),
          ]}
        >
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
