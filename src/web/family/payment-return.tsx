/**
 * Back from the provider's page (guide §6.3): the confirmation that the payment was taken into account, and its
 * state — « en attente de validation par la banque » until the bank answers (asked again every few seconds), then
 * « validé » or « refusé ». The browser's return parameters are never trusted: the state comes from the server.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaymentView } from '../../shared/payment-contracts.js';
import { formatEuros } from '../ui/money.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { formatDateTime } from '../i18n/format.js';
import { ButtonLink } from '../ui/button.js';
import { PaymentState } from '../ui/invoice-detail.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { SummaryList } from '../ui/summary-list.js';
import '../ui/booking.css';
import '../ui/billing.css';

const POLL_MS = 2_000;
/** after this, stop asking: the list will show the answer when it comes */
const POLL_FOR_MS = 3 * 60_000;

export function PaymentReturnPage({ paymentId }: { paymentId: string }) {
  const { t } = useTranslation('family');
  const p = useResource('payments.get', { params: { paymentId } });
  const [since] = useState(() => Date.now());
  const [gaveUp, setGaveUp] = useState(false);
  const status = p.data?.status;
  const { reload } = p;

  useEffect(() => {
    if (status !== 'pending') return;
    if (Date.now() - since > POLL_FOR_MS) {
      setGaveUp(true);
      return;
    }
    const timer = window.setTimeout(reload, POLL_MS);
    return () => window.clearTimeout(timer);
  }, [status, p.data, reload, since]);

  const title = p.status === 404 ? t('paymentReturn.notFound') : t('paymentReturn.title');
  usePageTitle(title);
  return (
    <>
      <Link to="/famille/factures" className="back-link">
        {t('paymentReturn.back')}
      </Link>
      <PageHeading>{title}</PageHeading>
      {p.status === 404 ? <p>{t('paymentReturn.notFoundText')}</p> : <LoadState loading={p.loading && !p.data} error={p.data ? null : p.error} />}
      {p.data && (
        <>
          <Outcome payment={p.data} gaveUp={gaveUp} />
          <h2>{t('paymentReturn.detail')}</h2>
          <SummaryList
            rows={[
              [t('paymentReturn.state'), <PaymentState key="s" status={p.data.status} />],
              [t('paymentReturn.amount'), formatEuros(p.data.amountCents)],
              [
                t('paymentReturn.invoices'),
                p.data.lines.map((l) => t('paymentReturn.invoiceLine', { number: l.number, amount: formatEuros(l.amountCents) })).join(', '),
              ],
              [t('paymentReturn.reference'), p.data.reference],
              [t('paymentReturn.date'), formatDateTime(p.data.createdAt)],
            ]}
          />
        </>
      )}
      <ButtonLink to="/famille/factures">{t('paymentReturn.toInvoices')}</ButtonLink>
    </>
  );
}

function Outcome({ payment, gaveUp }: { payment: PaymentView; gaveUp: boolean }) {
  const { t } = useTranslation(['family', 'labels']);
  switch (payment.status) {
    case 'pending':
      return (
        <StatusMessage tone="info" title={t('paymentReturn.received')}>
          <p>
            {t('labels:paymentStatus.pending')}.{' '}
            {gaveUp ? t('paymentReturn.gaveUp') : t('paymentReturn.polling')}
          </p>
        </StatusMessage>
      );
    case 'paid':
      return (
        <StatusMessage title={t('paymentReturn.received')}>
          <p>{t('paymentReturn.paid', { status: t('labels:paymentStatus.paid') })}</p>
        </StatusMessage>
      );
    case 'refused':
      return (
        <StatusMessage tone="warning" title={`${t('labels:paymentStatus.refused')}.`}>
          <p>{t('paymentReturn.refused')}</p>
        </StatusMessage>
      );
    default:
      return (
        <StatusMessage tone="warning" title={`${t(`labels:paymentStatus.${payment.status}`)}.`}>
          <p>{t('paymentReturn.notDebited')}</p>
        </StatusMessage>
      );
  }
}
