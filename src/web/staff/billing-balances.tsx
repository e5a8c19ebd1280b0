/** Outstanding balances per family (owing, overdue, in credit) and the CSV exports for the public accountant. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatEuros } from '../ui/money.js';
import { fileUrl } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { SelectField } from '../ui/field.js';
import { LoadState } from '../ui/loading.js';
import { Table } from '../ui/table.js';
import { BillingNav } from './billing-nav.js';

export function BillingBalancesPage() {
  const { t } = useTranslation('staffAdmin');
  usePageTitle(t('balances.title'));
  const offices = useResource('staffBilling.offices');
  const [officeId, setOfficeId] = useState('');
  const list = useResource('staffBilling.balances', { query: { officeId } });
  const total = (list.data ?? []).reduce((s, b) => s + b.outstandingCents, 0);

  return (
    <>
      <PageHeading>{t('balances.title')}</PageHeading>
      <BillingNav />
      <h2>{t('balances.exports')}</h2>
      <ul className="link-list">
        <li>
          <a href={fileUrl('staffBilling.invoicesCsv', { query: { officeId } })} download>
            {officeId ? t('balances.allInvoicesOffice') : t('balances.allInvoices')}
          </a>
        </li>
        <li>
          <a href={fileUrl('staffBilling.paymentsCsv')} download>
            {t('balances.allPayments')}
          </a>
        </li>
      </ul>
      <p className="muted">{t('balances.exportsHelp')}</p>
      <h2>{t('balances.familyBalances')}</h2>
      <SelectField
        name="officeId"
        label={t('balances.office')}
        placeholder={t('balances.allOffices')}
        options={(offices.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
        value={officeId}
        onValueChange={setOfficeId}
      />
      <LoadState loading={list.loading && !list.data} error={list.error} />
      {list.data && list.data.length === 0 && <p className="empty">{t('balances.empty')}</p>}
      {list.data && list.data.length > 0 && (
        <>
          <p>{t('balances.toCollect', { amount: formatEuros(total) })}</p>
          <Table
            caption={t('balances.caption')}
            captionHidden
            head={[t('balances.head.family'), t('balances.head.invoices'), t('balances.head.outstanding'), t('balances.head.overdue'), t('balances.head.credit')]}
          >
            {list.data.map((b) => (
              <tr key={b.familyId}>
                <td>
                  <Link to={`/agent/facturation/factures?famille=${encodeURIComponent(b.familyId)}`}>
                    {b.familyName}
                    <span className="visually-hidden">{t('balances.familyInvoices')}</span>
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
