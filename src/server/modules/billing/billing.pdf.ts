import PDFDocument from 'pdfkit';
import type { CityConfig } from '../../config.js';
import { formatEuros, type InvoiceDetail } from '../../../shared/billing-contracts.js';
import { monthLabel, numericDay } from '../../../shared/i18n/dates.js';
import type { Language } from '../../../shared/i18n/languages.js';
import { translator } from '../../i18n.js';

/** pdfkit's standard fonts speak WinAnsi: narrow no-break spaces (from formatEuros) become plain ones. */
const t = (s: string) => s.replace(/\u202f/g, ' ');
const frDay = numericDay;

/** The file name the invoice is downloaded under, in `language`. */
export function invoicePdfName(inv: Pick<InvoiceDetail, 'id' | 'number'>, language: Language): string {
  return translator(language)('pdf:invoice.fileName', { number: inv.number ?? String(inv.id) });
}

/**
 * The invoice as an A4 PDF (§6.2): the city's header, the office, the family and its payer, one block per child
 * and activity with its dates, quantities, unit prices and totals, the credit notes and payments, the balance, the
 * due date and how to pay, in `opts.language` (the downloading request's; French by default). `compress: false` leaves
 * the text readable in the file (the tests extract it).
 */
export function invoicePdf(inv: InvoiceDetail, city: CityConfig, opts: { compress?: boolean; language?: Language } = {}): Promise<Buffer> {
  const language = opts.language ?? 'fr';
  const tr = translator(language);
  const money = (c: number) => t(formatEuros(c, language));
  const noDay = '—';
  return new Promise((resolve, reject) => {
    const title = inv.number ? tr('pdf:invoice.title', { number: inv.number }) : tr('pdf:invoice.titleDraft');
    const doc = new PDFDocument({ size: 'A4', margin: 40, compress: opts.compress ?? true, lang: language, info: { Title: title } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    doc.font('Helvetica-Bold').fontSize(14).text(t(city.name), 40, 40);
    doc.font('Helvetica').fontSize(9).fillColor('#333').text(t([city.address, `${city.phone} · ${city.email}`].filter(Boolean).join('\n')));
    doc.moveDown(0.5).font('Helvetica-Bold').text(t(tr('pdf:invoice.office', { name: inv.officeName, code: inv.officeCode })));
    if (inv.officeAddress) doc.font('Helvetica').text(t(inv.officeAddress));

    doc.fillColor('#000').font('Helvetica-Bold').fontSize(10).text(t(tr('pdf:invoice.billedTo')), 330, 40);
    doc.font('Helvetica').text(t([inv.payer.name, ...inv.payer.addressLines].join('\n')), 330, doc.y, { width: 225 });

    doc.x = 40;
    doc.y = Math.max(doc.y, 150) + 10;
    doc.font('Helvetica-Bold').fontSize(16).text(t(inv.number ? tr('pdf:invoice.heading', { number: inv.number }) : tr('pdf:invoice.headingDraft')));
    doc.font('Helvetica').fontSize(10).text(t(tr('pdf:invoice.services', { month: monthLabel(inv.month, language), family: inv.familyName })));
    doc.text(t(tr('pdf:invoice.dates', { issuedOn: inv.issuedOn ? frDay(inv.issuedOn) : noDay, dueOn: inv.dueOn ? frDay(inv.dueOn) : noDay })));
    doc.text(
      t(
        tr('pdf:invoice.quotient', {
          quotient: inv.quotient ?? tr('pdf:invoice.quotientMissing'),
          residence: inv.resident ? tr('pdf:invoice.resident') : tr('pdf:invoice.nonResident'),
        }),
      ),
    );
    doc.moveDown();

    const cols = [40, 300, 350, 430, 500];
    const header = (y: number) => {
      doc.font('Helvetica-Bold').fontSize(9);
      const c = (k: 'service' | 'quantity' | 'unitPrice' | 'amount') => t(tr(`pdf:invoice.columns.${k}`));
      [c('service'), c('quantity'), c('unitPrice'), c('amount')].forEach((h, i) => doc.text(h, cols[i] + (i ? 10 : 0), y, { width: (cols[i + 1] ?? 555) - cols[i] - 10, align: i ? 'right' : 'left' }));
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
      doc.text(t(`${l.unitLabel} — ${tr(`labels:lineKind.${l.kind}`)}`), 48, top, { width: 252 });
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
    total(tr('pdf:invoice.total'), inv.totalCents, true);
    for (const n of inv.creditNotes) total(tr('pdf:invoice.creditNote', { number: n.number }), -n.amountCents);
    if (inv.paidCents) total(tr('pdf:invoice.paid'), -inv.paidCents);
    total(tr('pdf:invoice.balance'), inv.balanceCents, true);

    doc.moveDown(2).x = 40;
    doc.font('Helvetica-Bold').fontSize(10).text(t(tr('pdf:invoice.howToPay')), 40);
    doc.font('Helvetica').fontSize(9).text(
      t(
        inv.paymentInstructions ?? tr('pdf:invoice.howToPayText', { office: inv.officeName }),
      ),
      { width: 515 },
    );
    doc.text(t(tr('pdf:invoice.recovery', { dueOn: inv.dueOn ? frDay(inv.dueOn) : noDay })), { width: 515 });
    doc.end();
  });
}
