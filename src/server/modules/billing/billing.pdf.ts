import PDFDocument from 'pdfkit';
import type { CityConfig } from '../../config.js';
import { formatEuros, LINE_KIND_LABELS_FR, type InvoiceDetail } from '../../../shared/billing-contracts.js';
import { frDay, monthLabelFr } from './billing.run.js';

/** pdfkit's standard fonts speak WinAnsi: narrow no-break spaces (from formatEuros) become plain ones. */
const t = (s: string) => s.replace(/\u202f/g, ' ');
const money = (c: number) => t(formatEuros(c));

/**
 * The invoice as an A4 PDF (§6.2): the city's header, the office, the family and its payer, one block per child
 * and activity with its dates, quantities, unit prices and totals, the credit notes and payments, the balance, the
 * due date and how to pay. `compress: false` leaves the text readable in the file (the tests extract it).
 */
export function invoicePdf(inv: InvoiceDetail, city: CityConfig, opts: { compress?: boolean } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 40, compress: opts.compress ?? true, info: { Title: `Facture ${inv.number ?? 'brouillon'}` } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    doc.font('Helvetica-Bold').fontSize(14).text(t(city.name), 40, 40);
    doc.font('Helvetica').fontSize(9).fillColor('#333').text(t([city.address, `${city.phone} · ${city.email}`].filter(Boolean).join('\n')));
    doc.moveDown(0.5).font('Helvetica-Bold').text(t(`Régie : ${inv.officeName} (${inv.officeCode})`));
    if (inv.officeAddress) doc.font('Helvetica').text(t(inv.officeAddress));

    doc.fillColor('#000').font('Helvetica-Bold').fontSize(10).text('Facturé à', 330, 40);
    doc.font('Helvetica').text(t([inv.payer.name, ...inv.payer.addressLines].join('\n')), 330, doc.y, { width: 225 });

    doc.x = 40;
    doc.y = Math.max(doc.y, 150) + 10;
    doc.font('Helvetica-Bold').fontSize(16).text(t(inv.number ? `Facture n° ${inv.number}` : 'Facture (brouillon)'));
    doc.font('Helvetica').fontSize(10).text(t(`Prestations de ${monthLabelFr(inv.month)} — famille ${inv.familyName}`));
    doc.text(t(`Émise le ${inv.issuedOn ? frDay(inv.issuedOn) : '—'} · à régler avant le ${inv.dueOn ? frDay(inv.dueOn) : '—'}`));
    doc.text(t(`Quotient familial : ${inv.quotient ?? 'non déclaré (tranche la plus haute)'} · ${inv.resident ? 'résident' : 'non-résident'}`));
    doc.moveDown();

    const cols = [40, 300, 350, 430, 500];
    const header = (y: number) => {
      doc.font('Helvetica-Bold').fontSize(9);
      ['Prestation et dates', 'Qté', 'Prix unitaire', 'Montant'].forEach((h, i) => doc.text(h, cols[i] + (i ? 10 : 0), y, { width: (cols[i + 1] ?? 555) - cols[i] - 10, align: i ? 'right' : 'left' }));
      doc.moveTo(40, doc.y + 2).lineTo(555, doc.y + 2).strokeColor('#999').stroke();
      doc.y += 6;
    };
    header(doc.y);
    let current = '';
    for (const l of inv.lines) {
      if (doc.y > 740) {
        doc.addPage();
        header(40);
        current = '';
      }
      const group = `${l.childName} — ${l.activityName}`;
      if (group !== current) {
        current = group;
        doc.font('Helvetica-Bold').fontSize(10).text(t(group), 40, doc.y + 4, { width: 515 });
      }
      const top = doc.y + 2;
      doc.font('Helvetica').fontSize(9);
      doc.text(t(`${l.unitLabel} — ${LINE_KIND_LABELS_FR[l.kind]}`), 48, top, { width: 252 });
      doc.fontSize(8).fillColor('#444').text(t(l.days.map(frDay).join(', ')), 48, doc.y, { width: 252 });
      const bottom = doc.y;
      doc.fillColor('#000').fontSize(9);
      doc.text(String(l.quantity), cols[1] + 10, top, { width: 40, align: 'right' });
      doc.text(money(l.unitPriceCents), cols[2] + 10, top, { width: 70, align: 'right' });
      doc.text(money(l.amountCents), cols[3] + 10, top, { width: 115, align: 'right' });
      doc.y = bottom + 3;
    }
    doc.moveTo(40, doc.y + 2).lineTo(555, doc.y + 2).strokeColor('#999').stroke();
    doc.y += 8;
    const total = (label: string, cents: number, bold = false) => {
      const y = doc.y;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(10).text(t(label), 300, y, { width: 140, align: 'right' });
      doc.text(money(cents), 440, y, { width: 115, align: 'right' });
    };
    total('Total de la facture', inv.totalCents, true);
    for (const n of inv.creditNotes) total(`Avoir ${n.number}`, -n.amountCents);
    if (inv.paidCents) total('Déjà réglé', -inv.paidCents);
    total('Reste à payer', inv.balanceCents, true);

    doc.moveDown(2).x = 40;
    doc.font('Helvetica-Bold').fontSize(10).text('Comment payer', 40);
    doc.font('Helvetica').fontSize(9).text(
      t(
        inv.paymentInstructions ??
          `En ligne depuis votre espace « Mes Factures & Paiements », ou auprès de la régie ${inv.officeName} (chèque à l’ordre du Trésor public, espèces, CESU). Rappelez le numéro de facture.`,
      ),
      { width: 515 },
    );
    doc.text(t(`Après le ${inv.dueOn ? frDay(inv.dueOn) : '—'}, le recouvrement est confié au Trésor public.`), { width: 515 });
    doc.end();
  });
}
