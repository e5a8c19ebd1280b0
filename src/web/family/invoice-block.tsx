/**
 * « Mes Factures & Paiements » on « Mon compte famille » (guide §6): what remains to pay and the way to the
 * invoices, the payments and « Payer en ligne ». Light on purpose: the list and the payment window load on demand.
 */
import { useTranslation } from 'react-i18next';
import { formatEuros } from '../ui/money.js';
import { useResource } from '../api/use-resource.js';
import { Link } from '../app/router.js';

export function InvoiceBlock() {
  const { t } = useTranslation('family');
  const account = useResource('billing.account');
  const data = account.data;
  const toPay = data ? data.invoices.filter((i) => i.balanceCents > 0 && i.state !== 'credited') : [];
  const overdue = toPay.filter((i) => i.state === 'overdue').length;
  return (
    <section className="card" aria-labelledby="bloc-factures">
      <h2 id="bloc-factures">{t('invoiceBlock.title')}</h2>
      <p>{t('invoiceBlock.text')}</p>
      {account.error && <p>{account.error}</p>}
      {account.loading && !data && <p className="loading">{t('invoiceBlock.loading')}</p>}
      {data && data.invoices.length === 0 && <p className="empty">{t('invoiceBlock.empty')}</p>}
      {data && data.invoices.length > 0 && (
        <p>
          {toPay.length === 0
            ? t('invoiceBlock.allPaid')
            : t('invoiceBlock.toPay', {
                count: toPay.length,
                total: formatEuros(data.outstandingCents),
                overdue: overdue > 0 ? t('invoiceBlock.overdue', { n: overdue }) : '',
              })}
          {data.creditCents > 0 && ` ${t('invoiceBlock.credit', { amount: formatEuros(data.creditCents) })}`}
        </p>
      )}
      <ul className="link-list">
        <li>
          <Link to="/famille/factures">{t('invoiceBlock.view')}</Link>
        </li>
        {toPay.length > 0 && (
          <li>
            <Link to="/famille/factures?payer=1">{t('invoiceBlock.pay')}</Link>
          </li>
        )}
      </ul>
    </section>
  );
}
