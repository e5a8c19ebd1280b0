/**
 * Back from the provider's page (guide §6.3): the confirmation that the payment was taken into account, and its
 * state — « en attente de validation par la banque » until the bank answers (asked again every few seconds), then
 * « validé » or « refusé ». The browser's return parameters are never trusted: the state comes from the server.
 */
import { useEffect, useState } from 'react';
import type { PaymentView } from '../../shared/payment-contracts.js';
import { formatEuros } from '../../shared/billing-labels.js';
import { PAYMENT_STATUS_LABELS_FR } from '../../shared/payment-labels.js';
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
    const t = window.setTimeout(reload, POLL_MS);
    return () => window.clearTimeout(t);
  }, [status, p.data, reload, since]);

  const title = p.status === 404 ? 'Paiement introuvable' : 'Votre paiement en ligne';
  usePageTitle(title);
  return (
    <>
      <Link to="/famille/factures" className="back-link">
        Mes Factures &amp; Paiements
      </Link>
      <PageHeading>{title}</PageHeading>
      {p.status === 404 ? <p>Ce paiement n’existe pas ou n’appartient pas à votre famille.</p> : <LoadState loading={p.loading && !p.data} error={p.data ? null : p.error} />}
      {p.data && (
        <>
          <Outcome payment={p.data} gaveUp={gaveUp} />
          <h2>Détail du paiement</h2>
          <SummaryList
            rows={[
              ['État', <PaymentState key="s" status={p.data.status} />],
              ['Montant', formatEuros(p.data.amountCents)],
              ['Factures', p.data.lines.map((l) => `n° ${l.number} (${formatEuros(l.amountCents)})`).join(', ')],
              ['Référence', p.data.reference],
              ['Date', formatDateTime(p.data.createdAt)],
            ]}
          />
        </>
      )}
      <ButtonLink to="/famille/factures">Voir mes factures et mes paiements</ButtonLink>
    </>
  );
}

function Outcome({ payment, gaveUp }: { payment: PaymentView; gaveUp: boolean }) {
  switch (payment.status) {
    case 'pending':
      return (
        <StatusMessage tone="info" title="Votre paiement a bien été pris en compte.">
          <p>
            {PAYMENT_STATUS_LABELS_FR.pending}.{' '}
            {gaveUp
              ? 'La banque n’a pas encore répondu : l’état du paiement sera mis à jour dans la liste de vos paiements.'
              : 'Cette page se met à jour dès que la banque répond, en général en quelques secondes.'}
          </p>
        </StatusMessage>
      );
    case 'paid':
      return (
        <StatusMessage title="Votre paiement a bien été pris en compte.">
          <p>{PAYMENT_STATUS_LABELS_FR.paid} : vos factures sont réglées. Un reçu vous est envoyé par courriel.</p>
        </StatusMessage>
      );
    case 'refused':
      return (
        <StatusMessage tone="warning" title={`${PAYMENT_STATUS_LABELS_FR.refused}.`}>
          <p>Aucune somme n’a été débitée et vos factures restent à payer. Vous pouvez recommencer ou régler à la régie.</p>
        </StatusMessage>
      );
    default:
      return (
        <StatusMessage tone="warning" title={`${PAYMENT_STATUS_LABELS_FR[payment.status]}.`}>
          <p>Aucune somme n’a été débitée et vos factures restent à payer.</p>
        </StatusMessage>
      );
  }
}
