import PDFDocument from 'pdfkit';
import type { AppContext } from '../../context.js';
import { isoNow } from '../../clock.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import { writeTransaction } from '../../db/write.js';
import { attendanceLocked } from '../billing/billing.locks.js';
import { recordAudit, type Actor } from '../audit/audit.service.js';
import { findChildRow as findChild } from '../child/child.service.js';
import { childrenForSheet } from '../child/child.service.js';
import * as catalog from '../catalog/catalog.service.js';
import {
  type AttendanceSheet,
  type AttendanceStatus,
} from '../../../shared/booking-contracts.js';
import * as repo from './booking.repo.js';
import { recordMark, serverMarkId } from './booking.offline.js';
import { translator } from '../../i18n.js';
import type { Language } from '../../../shared/i18n/languages.js';

/**
 * The attendance sheet (pointage) of a unit on a day: the children booked (accepted) and those marked present
 * without booking, with their mark. Reading it shows a health flag per child: audited.
 */
export async function attendanceSheet(ctx: AppContext, actor: Actor, unitId: string, day: string): Promise<AttendanceSheet> {
  const unit = await catalog.findUnit(ctx.db, unitId);
  if (!unit) throw new NotFoundError();
  const activity = await catalog.findActivity(ctx.db, unit.activity_id);
  if (!activity) throw new NotFoundError();
  const booked = await childrenForSheet(ctx, await repo.bookedChildIds(ctx.db, unitId, day));
  const marks = new Map((await repo.attendanceOf(ctx.db, unitId, day)).map((m) => [m.child_id, m]));
  const rows: AttendanceSheet['rows'] = booked.map((c) => ({
    child: { id: c.id, firstName: c.firstName, lastName: c.lastName, birthDate: c.birthDate },
    expected: true,
    healthAlert: c.healthAlert,
    status: marks.get(c.id)?.status ?? null,
    markedAt: marks.get(c.id)?.marked_at ?? null,
    arrivedAt: marks.get(c.id)?.arrived_at ?? null,
    departedAt: marks.get(c.id)?.departed_at ?? null,
  }));
  const bookedIds = new Set(booked.map((b) => b.id));
  const unbooked = [...marks.values()].filter((m) => !bookedIds.has(m.child_id));
  const others = new Map((await childrenForSheet(ctx, unbooked.map((m) => m.child_id))).map((c) => [c.id, c]));
  for (const m of unbooked) {
    const c = others.get(m.child_id);
    if (!c) continue;
    rows.push({
      child: { id: c.id, firstName: c.firstName, lastName: c.lastName, birthDate: c.birthDate },
      expected: false,
      healthAlert: c.healthAlert,
      status: m.status,
      markedAt: m.marked_at,
      arrivedAt: m.arrived_at,
      departedAt: m.departed_at,
    });
  }
  rows.sort((a, b) => a.child.lastName.localeCompare(b.child.lastName, 'fr') || a.child.firstName.localeCompare(b.child.firstName, 'fr'));
  await recordAudit(ctx.db, ctx.clock, actor, {
    action: 'booking.attendance_viewed',
    targetType: 'unit',
    targetId: unitId,
    details: { day, children: rows.length },
  });
  return {
    activity: { id: activity.id, name: activity.name },
    unit: { id: unit.id, code: unit.code, label: unit.label },
    day,
    rows,
  };
}

/**
 * Marks (or clears, with null) one child's attendance. « Présent sans réservation » is for a child who was not
 * booked; the other marks are for booked children.
 */
export async function markAttendance(
  ctx: AppContext,
  actor: Actor,
  input: { unitId: string; day: string; childId: string; status: AttendanceStatus | null },
): Promise<AttendanceSheet> {
  const unit = await catalog.findUnit(ctx.db, input.unitId);
  if (!unit) throw new NotFoundError();
  const child = await findChild(ctx.db, input.childId);
  if (!child) throw new ValidationError([{ path: 'childId', code: 'booking.attendance_unknown_child' }]);
  // Read the booking under the unit-day's lock (the booking engine's rule) so a cancellation cannot slip in between,
  // and billing's month lock in the same transaction as the write (billing.locks.ts).
  await writeTransaction(ctx, async (trx) => {
    await repo.ensureAndLockUnitDays(trx, [{ unitId: unit.id, day: input.day, capacity: unit.default_capacity }]);
    const booking = await repo.findBooking(trx, input.childId, unit.activity_id, unit.id, input.day);
    const expected = booking?.state === 'accepted';
    if (input.status && (input.status === 'present_unbooked') === expected)
      throw new ValidationError([{ path: 'status', code: 'choice.invalid' }]);
    // Invoiced months are frozen: a change now would make the invoice disagree with the sheet.
    if (await attendanceLocked(trx, unit.activity_id, input.day)) throw new ConflictError('billing.attendance_locked');
    // Issue 15: a mark of this page is a mark like a device's (history, latest mark wins), timed by the server; a
    // presence kept as a presence keeps the arrival and departure times the device recorded.
    const before = (await repo.attendanceOf(trx, unit.id, input.day)).find((m) => m.child_id === child.id);
    const keepTimes = !!before && !!input.status && input.status !== 'absent_justified' && input.status !== 'absent_unjustified' && (before.status === 'present' || before.status === 'present_unbooked');
    await recordMark(
      trx,
      {
        id: serverMarkId(),
        unitId: unit.id,
        day: input.day,
        childId: child.id,
        status: input.status,
        arrivedAt: keepTimes ? before.arrived_at : null,
        departedAt: keepTimes ? before.departed_at : null,
        markedAt: isoNow(ctx.clock),
      },
      { accountId: actor.id, deviceId: null, receivedAt: isoNow(ctx.clock) },
    );
    await recordAudit(trx, ctx.clock, actor, {
      action: 'booking.attendance_marked',
      familyId: child.family_id,
      targetType: 'child',
      targetId: child.id,
      details: { unitId: unit.id, day: input.day, status: input.status },
    });
  });
  return attendanceSheet(ctx, actor, unit.id, input.day);
}

function csvCell(v: string): string {
  // Neutralise spreadsheet formulas and quote every cell.
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return `"${safe.replace(/"/g, '""')}"`;
}

/**
 * The sheet as CSV for a spreadsheet, in the request's language (UTF-8 with BOM; « ; » separated in French, as French
 * Excel expects, « , » in English).
 */
export function attendanceCsv(sheet: AttendanceSheet, language: Language = 'fr'): string {
  const t = translator(language);
  const sep = language === 'fr' ? ';' : ',';
  const c = (k: 'lastName' | 'firstName' | 'birthDate' | 'booked' | 'health' | 'status' | 'yes' | 'no' | 'healthYes') => t(`server:attendance.csv.${k}`);
  const head = [c('lastName'), c('firstName'), c('birthDate'), c('booked'), c('health'), c('status')];
  const lines = sheet.rows.map((r) =>
    [
      r.child.lastName,
      r.child.firstName,
      r.child.birthDate,
      r.expected ? c('yes') : c('no'),
      r.healthAlert ? c('healthYes') : c('no'),
      r.status ? t(`labels:attendance.${r.status}`) : '',
    ]
      .map(csvCell)
      .join(sep),
  );
  const title = [`${sheet.activity.name} — ${sheet.unit.label} — ${sheet.day}`].map(csvCell).join(sep);
  return '\uFEFF' + [title, head.map(csvCell).join(sep), ...lines].join('\r\n') + '\r\n';
}

/** The sheet as a printable A4 PDF: one line per child with boxes to tick, health flag shown as « OUI — voir la fiche ». */
export function attendancePdf(sheet: AttendanceSheet, cityName: string, language: Language = 'fr'): Promise<Buffer> {
  const t = translator(language);
  const p = (k: 'name' | 'born' | 'booked' | 'health' | 'status' | 'yes' | 'no' | 'healthYes' | 'boxes') => t(`server:attendance.pdf.${k}`);
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: t('server:attendance.pdf.title', { activity: sheet.activity.name, day: sheet.day }) } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const [y, m, d] = sheet.day.split('-');
    doc.fontSize(9).fillColor('#444').text(t('server:attendance.pdf.portal', { city: cityName }));
    doc.moveDown(0.5).fontSize(16).fillColor('#000').text(t('server:attendance.pdf.heading', { activity: sheet.activity.name }));
    doc.fontSize(12).text(`${sheet.unit.label} — ${d}/${m}/${y}`);
    doc.moveDown();
    const cols = [40, 210, 330, 400, 470];
    const header = [p('name'), p('born'), p('booked'), p('health'), p('status')];
    const row = (cells: string[], bold = false) => {
      const top = doc.y;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(10);
      cells.forEach((c, i) => doc.text(c, cols[i], top, { width: (cols[i + 1] ?? 555) - cols[i] - 6 }));
      doc.moveTo(40, doc.y + 3).lineTo(555, doc.y + 3).strokeColor('#ccc').stroke();
      doc.y += 8;
      doc.x = 40;
    };
    row(header, true);
    for (const r of sheet.rows) {
      if (doc.y > 760) doc.addPage();
      const [by, bm, bd] = r.child.birthDate.split('-');
      row([
        `${r.child.lastName.toUpperCase()} ${r.child.firstName}`,
        `${bd}/${bm}/${by}`,
        r.expected ? p('yes') : p('no'),
        r.healthAlert ? p('healthYes') : '',
        r.status ? t(`labels:attendance.${r.status}`) : p('boxes'),
      ]);
    }
    doc.moveDown().font('Helvetica').fontSize(9).fillColor('#444').text(t('server:attendance.pdf.footer', { n: sheet.rows.length }), 40);
    doc.end();
  });
}
