/**
 * What families and staff read of an invoice (guide §6.1, §6.2): its state as an icon and words, and its detail —
 * office, payer, lines per child and activity with their days, quantities, unit prices and amounts, totals, due
 * date, credit notes, payments, how to pay. Staff also see each line's computation.
 */
import type { InvoiceDetail } from '../../shared/billing-contracts.js';
import {
  formatEuros,
  INVOICE_STATE_LABELS_FR,
  LINE_KIND_LABELS_FR,
  PAYMENT_METHOD_LABELS_FR,
  type InvoiceState,
} from '../../shared/billing-labels.js';
import { PAYMENT_STATUS_LABELS_FR, type PaymentStatus } from '../../shared/payment-labels.js';
import { formatDay } from '../i18n/format.js';
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

export const INVOICE_LEGEND: LegendItem[] = (['unpaid', 'partly_paid', 'paid', 'overdue', 'credited'] as const).map((s) => ({
  icon: INVOICE_ICONS[s],
  label: INVOICE_STATE_LABELS_FR[s],
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
  label: PAYMENT_STATUS_LABELS_FR[s],
}));

/** « Facture n° R01-2026-000001 » or, for a draft, « Facture (brouillon) ». */
export function invoiceTitle(inv: { number: string | null }): string {
  return inv.number ? `Facture n° ${inv.number}` : 'Facture (brouillon)';
}

/** The same inside a sentence (« de la facture n° R01-2026-000001 »): the number keeps its capitals. */
export function invoiceName(inv: { number: string | null }): string {
  return inv.number ? `facture n° ${inv.number}` : 'facture (brouillon)';
}

export function InvoiceStateText({ state }: { state: InvoiceState }) {
  return (
    <span className="with-icon">
      <StateIcon kind={INVOICE_ICONS[state]} />
      {INVOICE_STATE_LABELS_FR[state]}
    </span>
  );
}

export function PaymentState({ status }: { status: PaymentStatus }) {
  return (
    <span className="with-icon">
      <StateIcon kind={PAYMENT_ICONS[status]} />
      {PAYMENT_STATUS_LABELS_FR[status]}
    </span>
  );
}

function daysText(days: string[]): string {
  return days.map((d) => shortDayLabel(d)).join(', ');
}

/** The invoice's facts, lines and totals. `headingLevel` keeps the outline right inside a page or a window. */
export function InvoiceDetailView({ invoice, showComputation = false, headingLevel = 3 }: { invoice: InvoiceDetail; showComputation?: boolean; headingLevel?: 2 | 3 | 4 }) {
  const H = (`h${headingLevel}` as 'h2' | 'h3' | 'h4');
  const head = ['Enfant', 'Activité', 'Jours', 'Quantité', 'Prix unitaire', 'Montant'];
  if (showComputation) head.push('Calcul');
  return (
    <div className="invoice">
      <SummaryList
        rows={[
          ['Numéro', invoice.number ?? 'Brouillon (numéroté à la publication)'],
          ['État', <InvoiceStateText key="s" state={invoice.state} />],
          ['Période facturée', monthLabel(invoice.month)],
          ['Régie', `${invoice.officeName}${invoice.officeAddress ? `, ${invoice.officeAddress}` : ''}`],
          ['Date d’émission', formatDay(invoice.issuedOn)],
          ['À régler avant le', formatDay(invoice.dueOn)],
          [
            'Payeur',
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
          ['Quotient familial', invoice.quotient === null ? 'Non déclaré : tranche la plus haute appliquée' : String(invoice.quotient)],
          ['Tarif', invoice.resident ? 'Résident de la commune' : 'Hors commune'],
        ]}
      />
      <Table caption={`Détail de la ${invoiceName(invoice)}`} head={head}>
        {invoice.lines.map((l, i) => (
          <tr key={i}>
            <td>{l.childName}</td>
            <td>
              {l.activityName} — {l.unitLabel}
              <span className="line-reason">{LINE_KIND_LABELS_FR[l.kind]}</span>
            </td>
            <td>{daysText(l.days)}</td>
            <td className="num">{l.quantity}</td>
            <td className="num">{formatEuros(l.unitPriceCents)}</td>
            <td className="num">{formatEuros(l.amountCents)}</td>
            {showComputation && <td>{l.computation}</td>}
          </tr>
        ))}
      </Table>
      <H>Montants</H>
      <SummaryList
        rows={[
          ['Total de la facture', formatEuros(invoice.totalCents)],
          ['Avoirs', formatEuros(invoice.creditedCents)],
          ['Déjà réglé', formatEuros(invoice.paidCents)],
          ['Reste à payer', <strong key="b">{formatEuros(invoice.balanceCents)}</strong>],
        ]}
      />
      {invoice.creditNotes.length > 0 && (
        <>
          <H>Avoirs</H>
          <ul className="plain-list">
            {invoice.creditNotes.map((c) => (
              <li key={c.id}>
                Avoir n° {c.number} : {formatEuros(c.amountCents)} — {c.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {invoice.allocations.length > 0 && (
        <>
          <H>Règlements reçus</H>
          <ul className="plain-list">
            {invoice.allocations.map((a, i) => (
              <li key={`${a.paymentId}-${i}`}>
                {PAYMENT_METHOD_LABELS_FR[a.method]} du {formatDay(a.receivedOn)} : {formatEuros(a.amountCents)}
              </li>
            ))}
          </ul>
        </>
      )}
      {invoice.paymentInstructions && (
        <>
          <H>Comment payer</H>
          <p className="pre-line">{invoice.paymentInstructions}</p>
        </>
      )}
    </div>
  );
}
