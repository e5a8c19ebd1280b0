/**
 * The statistics' exports (issue 15, docs/statistics.md), all from `hoursReport` (stats.service.ts), in the request's
 * language: CSV (French: « ; », decimal comma; English: « , », decimal point; UTF-8 with BOM), a spreadsheet (.xlsx,
 * exceljs: numbers as numbers) and a printable PDF summary (pdfkit, the invoice's house style).
 */
import PDFDocument from 'pdfkit';
import ExcelJS from 'exceljs';
import type { CityConfig } from '../../config.js';
import type { HoursReport, HoursRow, HoursTotals, QuotientBand } from '../../../shared/stats-contracts.js';
import { monthLabel, numericDay } from '../../../shared/i18n/dates.js';
import type { Language } from '../../../shared/i18n/languages.js';
import { translator, type ServerT } from '../../i18n.js';
import { roundedHours } from './stats.service.js';

/** pdfkit's standard fonts speak WinAnsi: narrow no-break spaces become plain ones. */
const w = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

export function bandLabel(band: QuotientBand | undefined, t: ServerT): string {
  if (!band || band.index < 0) return t('stats:band.unknown');
  if (band.max !== null && (band.min === null || band.min === 0)) return t('stats:band.upTo', { max: band.max });
  if (band.max === null) return t('stats:band.above', { min: band.min });
  return t('stats:band.between', { min: band.min, max: band.max });
}

/** Hours as the spreadsheet of the language reads them: « 1,25 » in French, "1.25" in English. */
const hoursText = (h: number, language: Language) => (language === 'fr' ? h.toFixed(2).replace('.', ',') : h.toFixed(2));

function csvCell(v: string | number): string {
  const s = String(v);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function exportFileName(report: Pick<HoursReport, 'from' | 'to'>, language: Language, ext: 'csv' | 'xlsx' | 'pdf'): string {
  return `${translator(language)('stats:export.fileName', { from: report.from, to: report.to })}.${ext}`;
}

function unitHoursOf(report: HoursReport): Map<string, number> {
  return new Map(report.durations.map((d) => [`${d.activityName}\u0000${d.unitLabel}`, d.hours]));
}

const HEAD = ['activity', 'unit', 'month', 'ageBand', 'residence', 'quotientBand', 'unitHours', 'bookedDays', 'invoicedDays', 'attendedDays', 'bookedHours', 'invoicedHours', 'attendedHours', 'bookedRounded', 'invoicedRounded', 'attendedRounded'] as const;

/** One line per group of the detail, then the total (exact hours, and the CAF's rounded hours). */
export function hoursCsv(report: HoursReport, language: Language): string {
  const t = translator(language);
  const sep = language === 'fr' ? ';' : ',';
  const bands = new Map(report.quotientBands.map((b) => [b.index, b]));
  const unitHours = unitHoursOf(report);
  const h = (x: number) => hoursText(x, language);
  const lines: (string | number)[][] = [HEAD.map((k) => t(`stats:export.${k}`))];
  for (const r of report.rows)
    lines.push([
      r.activityName,
      r.unitLabel,
      r.month,
      t(`stats:ageBand.${r.ageBand}`),
      t(`stats:residence.${r.residence}`),
      bandLabel(bands.get(r.quotientBand), t),
      unitHours.has(`${r.activityName}\u0000${r.unitLabel}`) ? h(unitHours.get(`${r.activityName}\u0000${r.unitLabel}`)!) : '',
      r.bookedDays,
      r.invoicedDays,
      r.attendedDays,
      h(r.bookedHours),
      h(r.invoicedHours),
      h(r.attendedHours),
      '',
      '',
      '',
    ]);
  const tot = report.total;
  lines.push([t('stats:export.total'), '', '', '', '', '', '', tot.bookedDays, tot.invoicedDays, tot.attendedDays, h(tot.bookedHours), h(tot.invoicedHours), h(tot.attendedHours), tot.bookedHoursRounded, tot.invoicedHoursRounded, tot.attendedHoursRounded]);
  return '\uFEFF' + lines.map((l) => l.map(csvCell).join(sep)).join('\r\n') + '\r\n';
}

function rulesOf(t: ServerT): string[] {
  return [t('stats:rounding.unit'), t('stats:rounding.total'), t('stats:rounding.attended'), t('stats:rounding.invoiced'), t('stats:rounding.age'), t('stats:rounding.residence')];
}

/** A workbook: the detail (numbers as numbers, filters, frozen heading), per activity and month, and the rules. */
export async function hoursXlsx(report: HoursReport, language: Language, city: CityConfig): Promise<Buffer> {
  const t = translator(language);
  const bands = new Map(report.quotientBands.map((b) => [b.index, b]));
  const unitHours = unitHoursOf(report);
  const wb = new ExcelJS.Workbook();
  wb.creator = city.name;
  wb.created = new Date(0);
  const detail = wb.addWorksheet(t('stats:export.sheetRows'), { views: [{ state: 'frozen', ySplit: 1 }] });
  detail.addRow(HEAD.map((k) => t(`stats:export.${k}`)));
  for (const r of report.rows)
    detail.addRow([
      r.activityName,
      r.unitLabel,
      r.month,
      t(`stats:ageBand.${r.ageBand}`),
      t(`stats:residence.${r.residence}`),
      bandLabel(bands.get(r.quotientBand), t),
      unitHours.get(`${r.activityName}\u0000${r.unitLabel}`) ?? null,
      r.bookedDays,
      r.invoicedDays,
      r.attendedDays,
      r.bookedHours,
      r.invoicedHours,
      r.attendedHours,
      null,
      null,
      null,
    ]);
  const tot = report.total;
  const totalRow = detail.addRow([t('stats:export.total'), null, null, null, null, null, null, tot.bookedDays, tot.invoicedDays, tot.attendedDays, tot.bookedHours, tot.invoicedHours, tot.attendedHours, tot.bookedHoursRounded, tot.invoicedHoursRounded, tot.attendedHoursRounded]);
  totalRow.font = { bold: true };
  detail.getRow(1).font = { bold: true };
  detail.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: HEAD.length } };
  HEAD.forEach((_, i) => {
    const col = detail.getColumn(i + 1);
    col.width = i < 6 ? 22 : 14;
    if (i === 6 || (i >= 10 && i <= 12)) col.numFmt = '0.00';
  });

  const months = wb.addWorksheet(t('stats:export.sheetMonths'), { views: [{ state: 'frozen', ySplit: 1 }] });
  const mHead = ['activity', 'month', 'bookedDays', 'invoicedDays', 'attendedDays', 'bookedHours', 'invoicedHours', 'attendedHours', 'bookedRounded', 'invoicedRounded', 'attendedRounded'] as const;
  months.addRow(mHead.map((k) => t(`stats:export.${k}`))).font = { bold: true };
  const totalsRow = (label: string, month: string, x: HoursTotals) => [label, month, x.bookedDays, x.invoicedDays, x.attendedDays, x.bookedHours, x.invoicedHours, x.attendedHours, x.bookedHoursRounded, x.invoicedHoursRounded, x.attendedHoursRounded];
  for (const r of report.byActivityMonth) months.addRow(totalsRow(r.activityName, r.month, r));
  months.addRow(totalsRow(t('stats:export.total'), '', tot)).font = { bold: true };
  mHead.forEach((_, i) => {
    const col = months.getColumn(i + 1);
    col.width = i < 2 ? 24 : 14;
    if (i >= 5 && i <= 7) col.numFmt = '0.00';
  });

  const rules = wb.addWorksheet(t('stats:export.sheetRules'));
  rules.getColumn(1).width = 40;
  rules.getColumn(2).width = 120;
  rules.addRow([t('stats:pdf.title'), t('stats:pdf.period', { from: numericDay(report.from), to: numericDay(report.to) })]).font = { bold: true };
  for (const line of rulesOf(t)) rules.addRow([t('stats:rounding.title'), line]);
  for (const d of report.durations)
    rules.addRow([`${d.activityName} — ${d.unitLabel}`, d.configured ? t('stats:rounding.durationSet', { hours: hoursText(d.hours, language) }) : t('stats:rounding.durationDefault', { hours: hoursText(d.hours, language) })]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Attended hours (exact quarter hours → rounded) summed by a key of the detail rows. */
function attendedBy(rows: HoursRow[], key: (r: HoursRow) => string): [string, number, number][] {
  const out = new Map<string, number>();
  for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0) + Math.round(r.attendedHours * 4));
  return [...out.entries()].map(([k, q]) => [k, q / 4, roundedHours(q)]);
}

/**
 * The printable summary: the city, the period and scope, the rules, the totals (rounded as declared, and exact),
 * attended hours by age band, residence and quotient band, and the table by activity and month. `compress: false`
 * leaves the text readable (the tests read it).
 */
export function hoursPdf(report: HoursReport, city: CityConfig, opts: { language: Language; scope: string; madeOn: string; compress?: boolean }): Promise<Buffer> {
  const t = translator(opts.language);
  const h = (x: number) => hoursText(x, opts.language);
  const bands = new Map(report.quotientBands.map((b) => [b.index, b]));
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 40, compress: opts.compress ?? true, lang: opts.language, info: { Title: t('stats:pdf.title') } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const ensure = (space: number) => {
      if (doc.y > 800 - space) doc.addPage();
    };

    doc.font('Helvetica-Bold').fontSize(14).text(w(city.name), 40, 40);
    doc.font('Helvetica').fontSize(9).fillColor('#333').text(w([city.address, `${city.phone} · ${city.email}`].filter(Boolean).join('\n')));
    doc.fillColor('#000').moveDown();
    doc.font('Helvetica-Bold').fontSize(16).text(w(t('stats:pdf.title')));
    doc.font('Helvetica').fontSize(10);
    doc.text(w(t('stats:pdf.period', { from: numericDay(report.from), to: numericDay(report.to) })));
    doc.text(w(t('stats:pdf.scope', { scope: opts.scope })));
    doc.text(w(t('stats:pdf.made', { date: numericDay(opts.madeOn) })));
    doc.moveDown();

    doc.font('Helvetica-Bold').fontSize(12).text(w(t('stats:pdf.totals')));
    const tot = report.total;
    doc.font('Helvetica').fontSize(10).text(w(t('stats:pdf.totalLine', { booked: tot.bookedHoursRounded, invoiced: tot.invoicedHoursRounded, attended: tot.attendedHoursRounded })));
    doc.fontSize(9).fillColor('#333').text(w(t('stats:pdf.exactLine', { booked: h(tot.bookedHours), invoiced: h(tot.invoicedHours), attended: h(tot.attendedHours) })));
    doc.fillColor('#000').moveDown();

    doc.font('Helvetica-Bold').fontSize(11).text(w(t('stats:rounding.title')));
    doc.font('Helvetica').fontSize(9);
    for (const line of rulesOf(t)) doc.text(w(`• ${line}`), { width: 515 });
    doc.text(
      w(`${t('stats:rounding.durations')} : ${report.durations.map((d) => `${d.activityName} — ${d.unitLabel} ${d.configured ? t('stats:rounding.durationSet', { hours: h(d.hours) }) : t('stats:rounding.durationDefault', { hours: h(d.hours) })}`).join(' ; ')}`),
      { width: 515 },
    );
    doc.moveDown();

    const smallTable = (title: string, entries: [string, number, number][]) => {
      ensure(40 + entries.length * 14);
      doc.font('Helvetica-Bold').fontSize(11).text(w(title), 40);
      doc.font('Helvetica').fontSize(10);
      for (const [label, exact, rounded] of entries) {
        const y = doc.y;
        doc.text(w(label), 50, y, { width: 250 });
        doc.text(`${rounded} h`, 300, y, { width: 80, align: 'right' });
        doc.fillColor('#333').text(w(`(${h(exact)} h)`), 390, y, { width: 100, align: 'right' }).fillColor('#000');
      }
      doc.x = 40;
      doc.moveDown(0.5);
    };
    smallTable(t('stats:pdf.byAge'), attendedBy(report.rows, (r) => t(`stats:ageBand.${r.ageBand}`)));
    smallTable(t('stats:pdf.byResidence'), attendedBy(report.rows, (r) => t(`stats:residence.${r.residence}`)));
    smallTable(
      t('stats:pdf.byBand'),
      attendedBy([...report.rows].sort((a, b) => a.quotientBand - b.quotientBand), (r) => bandLabel(bands.get(r.quotientBand), t)),
    );

    ensure(80);
    doc.font('Helvetica-Bold').fontSize(11).text(w(t('stats:pdf.byActivityMonth')), 40);
    const cols = [40, 230, 320, 400, 480, 555];
    const header = () => {
      doc.font('Helvetica-Bold').fontSize(9);
      const y = doc.y + 4;
      [t('stats:hours.activity'), t('stats:hours.month'), t('stats:hours.booked'), t('stats:hours.invoiced'), t('stats:hours.attended')].forEach((x, i) =>
        doc.text(w(x), cols[i]!, y, { width: cols[i + 1]! - cols[i]! - 6, align: i > 1 ? 'right' : 'left' }),
      );
      doc.moveTo(40, doc.y + 2).lineTo(555, doc.y + 2).strokeColor('#999').stroke();
      doc.y += 4;
    };
    header();
    doc.font('Helvetica').fontSize(9);
    for (const r of [...report.byActivityMonth, { activityName: t('stats:hours.total'), month: '', ...tot }]) {
      if (doc.y > 780) {
        doc.addPage();
        header();
        doc.font('Helvetica').fontSize(9);
      }
      const y = doc.y + 2;
      [r.activityName, r.month ? monthLabel(r.month, opts.language) : '', String(r.bookedHoursRounded), String(r.invoicedHoursRounded), String(r.attendedHoursRounded)].forEach((x, i) =>
        doc.text(w(x), cols[i]!, y, { width: cols[i + 1]! - cols[i]! - 6, align: i > 1 ? 'right' : 'left' }),
      );
    }
    doc.end();
  });
}
