/**
 * Certificates families ask for (issue 13): « attestation de paiement » over a chosen period, the yearly
 * « attestation fiscale » of childcare costs for children under 6, and the PDF copy of a SEPA mandate.
 */
import PDFDocument from 'pdfkit';
import type { AppContext } from '../../context.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import { formatEuros } from '../../../shared/billing-labels.js';
import { numericDay } from '../../../shared/i18n/dates.js';
import type { Language } from '../../../shared/i18n/languages.js';
import { parisDateOf } from '../../../shared/calendar/paris-time.js';
import { translator } from '../../i18n.js';
import * as catalog from '../catalog/catalog.service.js';
import { childrenOfFamilies } from '../child/child.service.js';
import { payerLastNames } from '../family/family.service.js';
import { ESSENTIAL_KINDS } from './billing.money.js';

const w = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

function pdfDoc(title: string, language: Language, compress: boolean, draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, compress, lang: language, info: { Title: title } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    draw(doc);
    doc.end();
  });
}

function header(doc: PDFKit.PDFDocument, ctx: AppContext, title: string) {
  const city = ctx.config.city;
  doc.font('Helvetica-Bold').fontSize(14).text(w(city.name));
  doc.font('Helvetica').fontSize(9).fillColor('#333').text(w([city.address, `${city.phone} · ${city.email}`].filter(Boolean).join('\n')));
  doc.fillColor('#000').moveDown().font('Helvetica-Bold').fontSize(16).text(w(title));
  doc.moveDown(0.5).font('Helvetica').fontSize(10);
}

async function familyName(ctx: AppContext, familyId: string): Promise<string> {
  return ((await payerLastNames(ctx.db, [familyId])).get(familyId) ?? '').toUpperCase();
}

/** Payments received over [from, to], net of direct debits the bank took back. */
export async function paymentsInPeriod(ctx: AppContext, familyId: string, from: string, to: string) {
  const rows = await ctx.db
    .selectFrom('payment_allocation as a')
    .innerJoin('payment as p', 'p.id', 'a.payment_id')
    .innerJoin('invoice as i', 'i.id', 'a.invoice_id')
    .select(['p.id', 'p.received_on', 'p.method', 'i.reference', (eb) => eb.fn.sum<number>('a.amount_cents').as('amount')])
    .where('p.family_id', '=', familyId)
    .where('p.received_on', '>=', from)
    .where('p.received_on', '<=', to)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('refund as r').select('r.id').whereRef('r.payment_id', '=', 'p.id').where('r.kind', '=', 'debit_return'))))
    .groupBy(['p.id', 'p.received_on', 'p.method', 'i.reference'])
    .orderBy('p.received_on')
    .orderBy('p.id')
    .execute();
  return rows.filter((r) => Number(r.amount) > 0).map((r) => ({ day: r.received_on, method: r.method, invoice: r.reference ?? '', amountCents: Number(r.amount) }));
}

export async function paymentCertificate(ctx: AppContext, familyId: string, from: string, to: string, language: Language = 'fr', compress = true): Promise<{ pdf: Buffer; fileName: string }> {
  if (from > to || Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > 3) throw new ValidationError([{ path: 'from', code: 'money.period_invalid' }]);
  const tr = translator(language);
  const lines = await paymentsInPeriod(ctx, familyId, from, to);
  const family = await familyName(ctx, familyId);
  const money = (c: number) => w(formatEuros(c, language));
  const title = tr('money:pdf.payment.title');
  const pdf = await pdfDoc(title, language, compress, (doc) => {
    header(doc, ctx, title);
    doc.text(w(tr('money:pdf.payment.intro', { family, from: numericDay(from), to: numericDay(to) })));
    doc.moveDown();
    if (lines.length === 0) doc.text(w(tr('money:pdf.payment.none')));
    else {
      const cols = [50, 130, 290, 450];
      const row = (cells: string[], bold = false) => {
        const y = doc.y;
        doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
        cells.forEach((c, i) => doc.text(w(c), cols[i], y, { width: i === 3 ? 95 : cols[i + 1]! - cols[i]! - 6, align: i === 3 ? 'right' : 'left' }));
        doc.x = 50;
        doc.moveDown(0.3);
      };
      row([tr('money:pdf.payment.columns.day'), tr('money:pdf.payment.columns.invoice'), tr('money:pdf.payment.columns.method'), tr('money:pdf.payment.columns.amount')], true);
      for (const l of lines) row([numericDay(l.day), l.invoice, tr(`labels:paymentMethod.${l.method}`), money(l.amountCents)]);
      doc.moveDown(0.5);
      row([tr('money:pdf.payment.total'), '', '', money(lines.reduce((s, l) => s + l.amountCents, 0))], true);
    }
    doc.moveDown(2).font('Helvetica').text(w(tr('money:pdf.payment.done', { day: numericDay(parisDateOf(ctx.clock.now())) })), 50);
  });
  return { pdf, fileName: tr('money:pdf.payment.fileName', { from, to }) };
}

export interface TaxLine {
  childId: string;
  childName: string;
  birthDate: string;
  establishmentId: string;
  establishmentName: string;
  identifier: string | null;
  amountCents: number;
}

/**
 * Amounts paid in `year` for children under 6 on 1 January of that year, per child and establishment: each payment
 * received in the year is spread over the invoice's lines in proportion to their amounts; lines of essential
 * activities (meals: the canteen) are left out, as the tax credit excludes meals.
 */
export async function taxLines(ctx: AppContext, familyId: string, year: number): Promise<TaxLine[]> {
  const born = `${year - 6}-01-01`;
  const children = (await childrenOfFamilies(ctx.db, [familyId])).filter((c) => c.birth_date > born);
  if (children.length === 0) return [];
  const childIds = new Set(children.map((c) => c.id));
  const paid = await ctx.db
    .selectFrom('payment_allocation as a')
    .innerJoin('payment as p', 'p.id', 'a.payment_id')
    .select(['a.invoice_id', (eb) => eb.fn.sum<number>('a.amount_cents').as('amount')])
    .where('p.family_id', '=', familyId)
    .where('p.received_on', '>=', `${year}-01-01`)
    .where('p.received_on', '<=', `${year}-12-31`)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('refund as r').select('r.id').whereRef('r.payment_id', '=', 'p.id').where('r.kind', '=', 'debit_return'))))
    .groupBy('a.invoice_id')
    .execute();
  if (paid.length === 0) return [];
  const lines = await ctx.db.selectFrom('invoice_line').select(['invoice_id', 'child_id', 'activity_name', 'amount_cents']).where('invoice_id', 'in', paid.map((p) => p.invoice_id)).execute();
  const [activities, establishments, identifiers] = await Promise.all([
    catalog.listActivities(ctx.db),
    catalog.listEstablishments(ctx.db),
    ctx.db.selectFrom('establishment_identifier').selectAll().execute(),
  ]);
  const activityByName = new Map(activities.map((a) => [a.name, a]));
  const estName = new Map(establishments.map((e) => [e.id, e.name]));
  const estId = new Map(identifiers.map((i) => [i.establishment_id, i.identifier]));
  const out = new Map<string, TaxLine>();
  for (const p of paid) {
    const invLines = lines.filter((l) => l.invoice_id === p.invoice_id);
    const total = invLines.reduce((s, l) => s + l.amount_cents, 0);
    if (total <= 0) continue;
    for (const l of invLines) {
      if (!childIds.has(l.child_id)) continue;
      const act = activityByName.get(l.activity_name);
      if (!act || ESSENTIAL_KINDS.includes(act.kind)) continue;
      const share = Math.round((Number(p.amount) * l.amount_cents) / total);
      const child = children.find((c) => c.id === l.child_id)!;
      const key = `${child.id}|${act.establishment_id}`;
      const line = out.get(key) ?? {
        childId: child.id,
        childName: `${child.first_name} ${child.last_name}`,
        birthDate: child.birth_date,
        establishmentId: act.establishment_id,
        establishmentName: estName.get(act.establishment_id) ?? '',
        identifier: estId.get(act.establishment_id) ?? null,
        amountCents: 0,
      };
      line.amountCents += share;
      out.set(key, line);
    }
  }
  return [...out.values()].filter((l) => l.amountCents > 0).sort((a, b) => a.childName.localeCompare(b.childName) || a.establishmentName.localeCompare(b.establishmentName));
}

export async function taxCertificate(ctx: AppContext, familyId: string, year: number, language: Language = 'fr', compress = true): Promise<{ pdf: Buffer; fileName: string; lines: TaxLine[] }> {
  const tr = translator(language);
  const lines = await taxLines(ctx, familyId, year);
  const family = await familyName(ctx, familyId);
  const money = (c: number) => w(formatEuros(c, language));
  const title = tr('money:pdf.tax.title', { year });
  const pdf = await pdfDoc(title, language, compress, (doc) => {
    header(doc, ctx, title);
    doc.text(w(tr('money:pdf.tax.intro', { year })));
    doc.moveDown().font('Helvetica-Bold').text(w(tr('money:pdf.tax.payer', { family })));
    doc.moveDown(0.5);
    if (lines.length === 0) doc.font('Helvetica').text(w(tr('money:pdf.tax.none', { year })));
    for (const l of lines) {
      doc.font('Helvetica-Bold').text(w(tr('money:pdf.tax.child', { name: l.childName, birth: numericDay(l.birthDate) })));
      doc.font('Helvetica').text(w(tr('money:pdf.tax.establishment', { name: l.establishmentName, identifier: l.identifier ?? tr('money:pdf.tax.noIdentifier') })));
      doc.text(w(tr('money:pdf.tax.paid', { year, amount: money(l.amountCents) })));
      doc.moveDown(0.5);
    }
    if (lines.length) doc.font('Helvetica-Bold').text(w(tr('money:pdf.tax.total', { year, amount: money(lines.reduce((s, l) => s + l.amountCents, 0)) })));
    doc.moveDown().font('Helvetica').fontSize(9).text(w(tr('money:pdf.tax.note')));
    doc.moveDown().fontSize(10).text(w(tr('money:pdf.payment.done', { day: numericDay(parisDateOf(ctx.clock.now())) })));
  });
  return { pdf, fileName: tr('money:pdf.tax.fileName', { year }), lines };
}

export async function mandatePdf(
  ctx: AppContext,
  m: { rum: string; holder_name: string; iban: string; bic: string; signed_on: string; signed_place: string; state: string; office_id: string },
  creditor: { name: string; ics: string | null },
  language: Language = 'fr',
  compress = true,
): Promise<{ pdf: Buffer; fileName: string }> {
  const tr = translator(language);
  const title = tr('money:pdf.mandate.title');
  const pdf = await pdfDoc(title, language, compress, (doc) => {
    header(doc, ctx, title);
    doc.font('Helvetica-Bold').text(w(tr('money:pdf.mandate.rum', { rum: m.rum })));
    doc.font('Helvetica').text(w(tr('money:pdf.mandate.creditor', { name: creditor.name, ics: creditor.ics ?? '—' })));
    doc.moveDown().text(w(tr('money:pdf.mandate.text')), { align: 'justify' });
    doc.moveDown();
    doc.text(w(tr('money:pdf.mandate.debtor', { name: m.holder_name })));
    doc.text(w(tr('money:pdf.mandate.iban', { iban: m.iban.replace(/(.{4})/g, '$1 ').trim() })));
    doc.text(w(tr('money:pdf.mandate.bic', { bic: m.bic })));
    doc.text(w(tr('money:pdf.mandate.payment')));
    doc.moveDown().text(w(tr('money:pdf.mandate.signed', { place: m.signed_place, day: numericDay(m.signed_on) })));
    doc.text(w(tr('money:pdf.mandate.state', { state: tr(`money:mandateState.${m.state}` as never) })));
  });
  return { pdf, fileName: tr('money:pdf.mandate.fileName', { rum: m.rum }) };
}

/**
 * The reminder letter of a `letter` step (issue 13), for the office to print and post: the payer's address block,
 * the invoice, what remains due, since when, how to pay, and the reminders already sent.
 */
export async function reminderLetterPdf(ctx: AppContext, invoiceId: number, language: Language = 'fr', compress = true): Promise<{ pdf: Buffer; fileName: string }> {
  const inv = await ctx.db
    .selectFrom('invoice as i')
    .innerJoin('collection_office as o', 'o.id', 'i.office_id')
    .select(['i.reference', 'i.payer', 'i.due_on', 'i.issued_on', 'i.total_cents', 'i.paid_cents', 'i.credited_cents', 'i.state', 'o.name as office_name', 'o.address as office_address', 'o.payment_instructions'])
    .where('i.id', '=', invoiceId)
    .executeTakeFirst();
  if (!inv || inv.state !== 'published') throw new NotFoundError();
  const sent = await ctx.db.selectFrom('invoice_reminder').select(['step', 'sent_at']).where('invoice_id', '=', invoiceId).orderBy('step').execute();
  const tr = translator(language);
  const payer = JSON.parse(inv.payer) as { name: string; addressLines: string[] };
  const balance = inv.total_cents - inv.paid_cents - inv.credited_cents;
  const title = tr('money:pdf.letter.title', { number: inv.reference ?? '' });
  const pdf = await pdfDoc(title, language, compress, (doc) => {
    header(doc, ctx, '');
    doc.font('Helvetica-Bold').text(w(inv.office_name));
    if (inv.office_address) doc.font('Helvetica').text(w(inv.office_address));
    doc.font('Helvetica').text(w([payer.name, ...payer.addressLines].join('\n')), 330, 150, { width: 215 });
    doc.x = 50;
    doc.y = Math.max(doc.y, 230);
    doc.font('Helvetica').text(w(tr('money:pdf.letter.date', { day: numericDay(parisDateOf(ctx.clock.now())) })), { align: 'right' });
    doc.moveDown().font('Helvetica-Bold').fontSize(14).text(w(title));
    doc.moveDown(0.5).font('Helvetica').fontSize(10);
    doc.text(w(tr('money:pdf.letter.body', { number: inv.reference ?? '', issuedOn: inv.issued_on ? numericDay(inv.issued_on) : '', dueOn: inv.due_on ? numericDay(inv.due_on) : '', amount: w(formatEuros(balance, language)) })));
    if (sent.length) doc.moveDown(0.5).text(w(tr('money:pdf.letter.previous', { days: sent.map((r) => numericDay(r.sent_at.slice(0, 10))).join(', ') })));
    doc.moveDown(0.5).text(w(tr('money:pdf.letter.how')));
    if (inv.payment_instructions) doc.moveDown(0.5).text(w(inv.payment_instructions));
    doc.moveDown(0.5).text(w(tr('money:pdf.letter.after')));
    doc.moveDown(2).text(w(tr('money:pdf.letter.signature', { office: inv.office_name })));
  });
  return { pdf, fileName: tr('money:pdf.letter.fileName', { number: inv.reference ?? String(invoiceId) }) };
}
