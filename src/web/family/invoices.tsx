/**
 * « Mes Factures & Paiements » (guide §6.1, §6.2): the family's invoices and payments, each with its state icon and
 * a legend; an invoice's detail in a window with « Télécharger la facture (PDF) » and « Payer en ligne » (§6.3).
 */
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { InvoiceSummary } from '../../shared/billing-contracts.js';
import { formatEuros } from '../ui/money.js';
import { errorMessage, fileUrl } from '../api/client.js';
import { useSession } from '../app/session.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, useFlash, usePageTitle } from '../app/page.js';
import { Link, navigate, useSearchParam } from '../app/router.js';
import { formatDateTime, formatDay } from '../i18n/format.js';
import { monthLabel } from '../i18n/fr.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { Dialog } from '../ui/dialog.js';
import { INVOICE_ICONS, INVOICE_LEGEND, InvoiceDetailView, invoiceName, invoiceTitle, PAYMENT_ICONS, PAYMENT_LEGEND, PaymentState, InvoiceStateText } from '../ui/invoice-detail.js';
import { Legend } from '../ui/legend.js';
import { LoadState } from '../ui/loading.js';
import { StateIcon } from '../ui/state-icon.js';
import { StatusMessage } from '../ui/status-message.js';
import { PaymentDialog } from './payment-dialog.js';
import { MoneyPanel } from './money-panel.js';
import { BasketsList } from './basket.js';
import '../ui/booking.css';
import '../ui/billing.css';

export function InvoicesPage() {
  const { t } = useTranslation(['family', 'labels', 'members']);
  // a member without the pay right sees the invoices, and why there is no « Payer » (issue 11)
  const canPay = useSession().account?.member?.canPay ?? true;
  usePageTitle(t('invoices.title'));
  const flash = useFlash();
  const account = useResource('billing.account');
  const online = useResource('payments.list');
  const [detailId, setDetailId] = useState<number | null>(null);
  const askedToPay = useSearchParam('payer') === '1';
  const [paying, setPaying] = useState<number[] | null>(askedToPay ? [] : null);
  const data = account.data;
  const payable = data ? data.invoices.filter((i) => i.balanceCents > 0 && i.state !== 'credited') : [];
  const manual = data ? data.payments.filter((p) => p.method !== 'online') : [];
  const onlineList = online.data ?? [];

  return (
    <>
      <Link to="/famille" className="back-link">
        {t('invoices.back')}
      </Link>
      <PageHeading>{t('invoices.title')}</PageHeading>
      {flash && <StatusMessage>{flash}</StatusMessage>}
      <LoadState loading={account.loading && !data} error={account.error} />
      {data && (
        <>
          <p className="lead">
            {payable.length === 0 ? t('invoices.nothingToPay') : t('invoices.outstanding', { amount: formatEuros(data.outstandingCents) })}
            {data.creditCents > 0 && ` ${t('invoices.credit', { amount: formatEuros(data.creditCents) })}`}
          </p>
          <MoneyPanel payments={onlineList} canPay={canPay} onChanged={() => { online.reload(); account.reload(); }} />
          {/* « paiement à la réservation » (issue 13) */}
          <BasketsList />
          {payable.length > 0 &&
            (canPay ? (
              <ButtonGroup>
                <Button onClick={() => setPaying([])}>{t('invoices.pay')}</Button>
              </ButtonGroup>
            ) : (
              <StatusMessage tone="info">
                <p>{errorMessage('member.right_missing_pay')}</p>
              </StatusMessage>
            ))}

          <div className="billing-head">
            <h2 id="mes-factures">{t('invoices.invoicesTitle')}</h2>
            {data.invoices.length > 0 && <Legend items={INVOICE_LEGEND} title={t('invoices.invoicesLegend')} />}
          </div>
          {data.invoices.length === 0 ? (
            <p className="empty">{t('invoices.noInvoices')}</p>
          ) : (
            <ul className="billing-list" aria-labelledby="mes-factures">
              {data.invoices.map((inv) => (
                <InvoiceItem key={inv.id} invoice={inv} onOpen={() => setDetailId(inv.id)} />
              ))}
            </ul>
          )}

          <div className="billing-head">
            <h2 id="mes-paiements">{t('invoices.paymentsTitle')}</h2>
            {onlineList.length + manual.length > 0 && <Legend items={PAYMENT_LEGEND} title={t('invoices.paymentsLegend')} />}
          </div>
          {online.error && <p>{online.error}</p>}
          {onlineList.length + manual.length === 0 ? (
            <p className="empty">{t('invoices.noPayments')}</p>
          ) : (
            <ul className="billing-list" aria-labelledby="mes-paiements">
              {onlineList.map((p) => (
                <li key={p.id} className="billing-list__item">
                  <StateIcon kind={PAYMENT_ICONS[p.status]} className="billing-list__icon" />
                  <div className="billing-list__body">
                    <p>
                      <Trans
                        t={t}
                        i18nKey="invoices.online"
                        values={{ amount: formatEuros(p.amountCents), date: formatDateTime(p.createdAt) }}
                        components={{ strong: <strong /> }}
                      />
                    </p>
                    <p className="billing-list__meta">
                      {t('invoices.reference', {
                        invoices: p.lines.map((l) => t('invoices.invoiceNumber', { number: l.number })).join(', '),
                        reference: p.reference,
                      })}
                    </p>
                    {p.paidBy && <p className="billing-list__meta">{t('members:madeBy', { name: p.paidBy })}</p>}
                    <p>
                      {t('invoices.state')} <PaymentState status={p.status} />
                    </p>
                  </div>
                </li>
              ))}
              {manual.map((p) => (
                <li key={`m${p.id}`} className="billing-list__item">
                  <StateIcon kind="accepted" className="billing-list__icon" />
                  <div className="billing-list__body">
                    <p>
                      <Trans
                        t={t}
                        i18nKey="invoices.manual"
                        values={{ method: t(`labels:paymentMethod.${p.method}`), amount: formatEuros(p.amountCents), date: formatDay(p.receivedOn) }}
                        components={{ strong: <strong /> }}
                      />
                    </p>
                    {p.allocations.length > 0 && (
                      <p className="billing-list__meta">
                        {p.allocations.map((a) => t('invoices.allocation', { number: a.invoiceNumber, amount: formatEuros(a.amountCents) })).join(', ')}
                      </p>
                    )}
                    <p>
                      {t('invoices.state')} <PaymentState status="paid" />
                    </p>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <InvoiceDialog
        invoiceId={detailId}
        onClose={() => setDetailId(null)}
        onPay={(id) => {
          setDetailId(null);
          setPaying([id]);
        }}
      />
      <PaymentDialog
        isOpen={paying !== null}
        preselected={paying ?? []}
        onClose={() => {
          setPaying(null);
          // opened from the home page's « Payer en ligne »: a reload must not open it again
          if (askedToPay) navigate('/famille/factures', { replace: true });
        }}
      />
    </>
  );
}

function InvoiceItem({ invoice: inv, onOpen }: { invoice: InvoiceSummary; onOpen: () => void }) {
  const { t } = useTranslation('family');
  return (
    <li className="billing-list__item">
      <StateIcon kind={INVOICE_ICONS[inv.state]} className="billing-list__icon" />
      <div className="billing-list__body">
        <p>
          <strong>{invoiceTitle(inv)}</strong> — {monthLabel(inv.month)}
        </p>
        <p className="billing-list__meta">
          {t('invoices.amount', { office: inv.officeName, amount: formatEuros(inv.totalCents) })}
          {inv.balanceCents > 0 && inv.balanceCents !== inv.totalCents && t('invoices.balance', { amount: formatEuros(inv.balanceCents) })}
          {inv.dueOn && inv.balanceCents > 0 && t('invoices.due', { date: formatDay(inv.dueOn) })}.
        </p>
        <p>
          {t('invoices.state')} <InvoiceStateText state={inv.state} icon={false} />
        </p>
      </div>
      <Button variant="secondary" className="button--small" onClick={onOpen}>
        <Trans t={t} i18nKey="invoices.detail" values={{ name: invoiceName(inv) }} components={{ hidden: <span className="visually-hidden" /> }} />
      </Button>
    </li>
  );
}

/** §6.2: the invoice in a window, with its PDF and the way to pay it. */
function InvoiceDialog({ invoiceId, onClose, onPay }: { invoiceId: number | null; onClose: () => void; onPay: (id: number) => void }) {
  const { t } = useTranslation('family');
  return (
    <Dialog title={t('invoices.dialogTitle')} isOpen={invoiceId !== null} onOpenChange={(open) => !open && onClose()} dismissable wide>
      {invoiceId !== null && <InvoiceDialogBody invoiceId={invoiceId} onClose={onClose} onPay={onPay} />}
    </Dialog>
  );
}

function InvoiceDialogBody({ invoiceId, onClose, onPay }: { invoiceId: number; onClose: () => void; onPay: (id: number) => void }) {
  const { t } = useTranslation('family');
  const inv = useResource('billing.invoice', { params: { invoiceId } });
  const canPay = useSession().account?.member?.canPay ?? true;
  return (
    <>
      <LoadState loading={inv.loading && !inv.data} error={inv.error} />
      {inv.data && <InvoiceDetailView invoice={inv.data} headingLevel={4} />}
      <ButtonGroup>
        {inv.data && (
          <a className="button button--secondary" href={fileUrl('billing.invoicePdf', { params: { invoiceId } })} download>
            {t('invoices.pdf')}
          </a>
        )}
        {inv.data && inv.data.balanceCents > 0 && inv.data.state !== 'credited' && canPay && (
          <Button onClick={() => onPay(invoiceId)}>{t('invoices.pay')}</Button>
        )}
        <Button variant="secondary" onClick={onClose}>
          {t('invoices.close')}
        </Button>
      </ButtonGroup>
    </>
  );
}
