/**
 * What families and staff read of an invoice (guide §6.1, §6.2): its state as an icon and words, and its detail —
 * office, payer, lines per child and activity with their days, quantities, unit prices and amounts, totals, due
 * date, credit notes, payments, how to pay. Staff also see each line's computation.
 */
import { useTranslation } from 'react-i18next';
import type { InvoiceDetail } from '../../shared/billing-contracts.js';
import type { InvoiceState } from '../../shared/billing-labels.js';
import type { PaymentStatus } from '../../shared/payment-labels.js';
import { formatDay } from '../i18n/format.js';
import { formatEuros } from './money.js';
import { i18n } from '../i18n/i18n.js';
import { monthLabel, shortDayLabel } from '../i18n/fr.js';
import type { LegendItem } from './legend.js';
import { StateIcon, type IconKind } from './state-icon.js';
import { SummaryList } from './summary-list.js';
import { Table } from './table.js';

export const INVOICE_ICONS: Record<InvoiceState, IconKind> = {
  paid: 'accepted',
  unpaid: 'available',
  partly_paid: 'partial',
  overdue: 'deadline_passed',
  credited: 'cancel',
};

/** The label is read when the legend is drawn, in the page's language. */
export const INVOICE_LEGEND: LegendItem[] = (['unpaid', 'partly_paid', 'paid', 'overdue', 'credited'] as const).map((s) => ({
  icon: INVOICE_ICONS[s],
  get label() {
    return i18n.t(`labels:invoiceState.${s}`);
  },
}));

export const PAYMENT_ICONS: Record<PaymentStatus, IconKind> = {
  pending: 'requested',
  paid: 'accepted',
  refused: 'refused',
  abandoned: 'cancel',
  expired: 'deadline_passed',
  failed: 'closed',
};

export const PAYMENT_LEGEND: LegendItem[] = (['pending', 'paid', 'refused', 'abandoned', 'expired', 'failed'] as const).map((s) => ({
  icon: PAYMENT_ICONS[s],
  get label() {
    return i18n.t(`labels:paymentStatus.${s}`);
  },
}));

/** « Facture n° R01-2026-000001 » or, for a draft, « Facture (brouillon) » (in the page's language). */
export function invoiceTitle(inv: { number: string | null }): string {
  return inv.number ? i18n.t('common:invoice.title', { number: inv.number }) : i18n.t('common:invoice.titleDraft');
}

/** The same inside a sentence (« de la facture n° R01-2026-000001 »): the number keeps its capitals. */
export function invoiceName(inv: { number: string | null }): string {
  return inv.number ? i18n.t('common:invoice.name', { number: inv.number }) : i18n.t('common:invoice.nameDraft');
}

/** `icon={false}` where the line already shows the state's icon (issue 17: it appeared twice per invoice line). */
export function InvoiceStateText({ state, icon = true }: { state: InvoiceState; icon?: boolean }) {
  const { t } = useTranslation('labels');
  return (
    <span className="with-icon">
      {icon && <StateIcon kind={INVOICE_ICONS[state]} />}
      {t(`invoiceState.${state}`)}
    </span>
  );
}

export function PaymentState({ status }: { status: PaymentStatus }) {
  const { t } = useTranslation('labels');
  return (
    <span className="with-icon">
      <StateIcon kind={PAYMENT_ICONS[status]} />
      {t(`paymentStatus.${status}`)}
    </span>
  );
}

function daysText(days: string[]): string {
  return days.map((d) => shortDayLabel(d)).join(', ');
}

/** The invoice's facts, lines and totals. `headingLevel` keeps the outline right inside a page or a window. */
export function InvoiceDetailView({ invoice, showComputation = false, headingLevel = 3 }: { invoice: InvoiceDetail; showComputation?: boolean; headingLevel?: 2 | 3 | 4 }) {
  const { t } = useTranslation(['common', 'labels']);
  const H = (`h${headingLevel}` as 'h2' | 'h3' | 'h4');
  const head = [t('invoice.head.child'), t('invoice.head.activity'), t('invoice.head.days'), t('invoice.head.quantity'), t('invoice.head.unitPrice'), t('invoice.head.amount')];
  if (showComputation) head.push(t('invoice.head.computation'));
  return (
    <div className="invoice">
      <SummaryList
        rows={[
          [t('invoice.number'), invoice.number ?? t('invoice.draftNumber')],
          [t('invoice.state'), <InvoiceStateText key="s" state={invoice.state} />],
          [t('invoice.month'), monthLabel(invoice.month)],
          [t('invoice.office'), `${invoice.officeName}${invoice.officeAddress ? `, ${invoice.officeAddress}` : ''}`],
          [t('invoice.issuedOn'), formatDay(invoice.issuedOn)],
          [t('invoice.dueOn'), formatDay(invoice.dueOn)],
          [
            t('invoice.payer'),
            <span key="p">
              {invoice.payer.name}
              {invoice.payer.addressLines.map((l) => (
                <span key={l}>
                  <br />
                  {l}
                </span>
              ))}
            </span>,
          ],
          [t('invoice.quotient'), invoice.quotient === null ? t('invoice.quotientMissing') : String(invoice.quotient)],
          [t('invoice.tariff'), invoice.resident ? t('invoice.resident') : t('invoice.nonResident')],
        ]}
      />
      <Table caption={t('invoice.caption', { name: invoiceName(invoice) })} head={head}>
        {invoice.lines.map((l, i) => (
          <tr key={i}>
            <td>{l.childName}</td>
            <td>
              {l.activityName} — {l.unitLabel}
              <span className="line-reason">{t(`labels:lineKind.${l.kind}`)}</span>
            </td>
            <td>{daysText(l.days)}</td>
            <td className="num">{l.quantity}</td>
            <td className="num">{formatEuros(l.unitPriceCents)}</td>
            <td className="num">{formatEuros(l.amountCents)}</td>
            {showComputation && <td>{l.computation}</td>}
          </tr>
        ))}
      </Table>
      <H>{t('invoice.amounts')}</H>
      <SummaryList
        rows={[
          [t('invoice.total'), formatEuros(invoice.totalCents)],
          [t('invoice.credited'), formatEuros(invoice.creditedCents)],
          [t('invoice.paid'), formatEuros(invoice.paidCents)],
          [t('invoice.balance'), <strong key="b">{formatEuros(invoice.balanceCents)}</strong>],
        ]}
      />
      {invoice.creditNotes.length > 0 && (
        <>
          <H>{t('invoice.creditNotes')}</H>
          <ul className="plain-list">
            {invoice.creditNotes.map((c) => (
              <li key={c.id}>
                {t('invoice.creditNote', { number: c.number, amount: formatEuros(c.amountCents), reason: c.reason })}
              </li>
            ))}
          </ul>
        </>
      )}
      {invoice.allocations.length > 0 && (
        <>
          <H>{t('invoice.payments')}</H>
          <ul className="plain-list">
            {invoice.allocations.map((a, i) => (
              <li key={`${a.paymentId}-${i}`}>
                {t('invoice.payment', { method: t(`labels:paymentMethod.${a.method}`), day: formatDay(a.receivedOn), amount: formatEuros(a.amountCents) })}
              </li>
            ))}
          </ul>
        </>
      )}
      {invoice.paymentInstructions && (
        <>
          <H>{t('invoice.howToPay')}</H>
          <p className="pre-line">{invoice.paymentInstructions}</p>
        </>
      )}
    </div>
  );
}
