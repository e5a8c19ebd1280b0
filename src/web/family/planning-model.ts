/**
 * What a planning cell shows and what clicking it does, from the server's cell state (src/shared/booking-contracts.ts)
 * and the family's unsaved change; and the bulk options of a unit's menu (guide §5.1 and §5.3). Pure functions.
 */
import type { Planning, PlanningCell } from '../../shared/booking-contracts.js';
import { parisWallClockOf } from '../../shared/calendar/paris-time.js';
import { longDay } from '../../shared/i18n/dates.js';
import { errorMessage } from '../api/client.js';
import type { IconKind } from '../ui/state-icon.js';
import { dayLabel, weekdayOfDay } from '../i18n/fr.js';
import { currentLanguage, i18n } from '../i18n/i18n.js';

/** « 12 h », « 8 h 30 » / "12:00", "8:30": a time as Paris clocks show it. */
function clockTime(hour: number, minute: number): string {
  return minute === 0
    ? i18n.t('family:planning.cell.hour', { h: hour })
    : i18n.t('family:planning.cell.hourMinute', { h: hour, m: String(minute).padStart(2, '0') });
}

/** « jeudi 5 mars 2026 à 12 h » / "Thursday 5 March 2026 at 12:00": a cut-off as Paris clocks show it. */
export function formatCutoff(instant: Date): string {
  const c = parisWallClockOf(instant);
  return i18n.t('family:planning.cell.at', { day: longDay(c.day, currentLanguage()), time: clockTime(c.hour, c.minute) });
}

export type Action = 'book' | 'cancel';

/** An unsaved change of one cell, with what the rules said it would give when it was chosen. */
export interface Change {
  day: string;
  unitId: string;
  action: Action;
  /** book: 'accepted' | 'request' | 'waitlist'; cancel: 'accepted' | 'request' */
  expect: 'accepted' | 'request' | 'waitlist';
}

export type Changes = ReadonlyMap<string, Change>;

export const keyOf = (day: string, unitId: string) => `${day}|${unitId}`;

export interface CellView {
  icon: IconKind;
  /** the state in words, as the legend names it (« Réservation acceptée ») */
  text: string;
  /** why, or until when (« date limite : jeudi 2 juillet 2026 à 12 h ») */
  detail: string | null;
  /** the same, short enough for a phone's cell (« limite : 02/07 à 12 h ») */
  shortDetail: string | null;
  /** an unsaved change (« à valider ») */
  pending: boolean;
  /** the day will be booked once the changes are validated */
  booked: boolean;
  /** clicking does something */
  actionable: boolean;
}

function instant(iso: string | null): string | null {
  return iso ? formatCutoff(new Date(iso)) : null;
}

const CLOSED_REASONS = ['weekday', 'public_holiday', 'outside_period', 'school_term', 'school_holiday'] as const;
const isClosedReason = (r: string): r is (typeof CLOSED_REASONS)[number] => (CLOSED_REASONS as readonly string[]).includes(r);

function closedReason(reason: string | null): string | null {
  if (reason === null) return null;
  return isClosedReason(reason) ? i18n.t(`family:planning.cell.closedReason.${reason}`) : reason;
}

const BOOK_RESULT: Record<Change['expect'], { icon: IconKind; text: () => string }> = {
  accepted: { icon: 'accepted', text: () => i18n.t('labels:cellState.accepted') },
  request: { icon: 'requested', text: () => i18n.t('labels:cellState.requested') },
  waitlist: { icon: 'waitlisted', text: () => i18n.t('labels:cellState.waitlisted') },
};

const CANCEL_RESULT: Record<'accepted' | 'request', { icon: IconKind; text: () => string }> = {
  accepted: { icon: 'cancel', text: () => i18n.t('family:planning.cell.cancel') },
  request: { icon: 'cancel_requested', text: () => i18n.t('labels:cellState.cancel_requested') },
};

const said = (r: { icon: IconKind; text: () => string }) => ({ icon: r.icon, text: r.text() });

/**
 * issue 17: an unsaved choice says what will be asked (« À réserver », « Demande à envoyer »…), never a state it does
 * not have yet — « Réservation acceptée — À VALIDER » contradicted itself.
 */
const PENDING_BOOK: Record<Change['expect'], () => string> = {
  accepted: () => i18n.t('family:planning.cell.toBook'),
  request: () => i18n.t('family:planning.cell.toRequest'),
  waitlist: () => i18n.t('family:planning.cell.toWaitlist'),
};
const PENDING_CANCEL: Record<'accepted' | 'request', () => string> = {
  accepted: () => i18n.t('family:planning.cell.toCancel'),
  request: () => i18n.t('family:planning.cell.toRequestCancel'),
};

/** What clicking a cell without a change would record, or null when it cannot be clicked. */
export function clickEffect(cell: PlanningCell): Omit<Change, 'day' | 'unitId'> | null {
  if (cell.state === 'accepted' || cell.state === 'requested' || cell.state === 'waitlisted')
    return cell.onCancel ? { action: 'cancel', expect: cell.onCancel } : null;
  if (cell.onBook && (cell.state === 'bookable' || cell.state === 'full' || cell.state === 'deadline_passed'))
    return { action: 'book', expect: cell.onBook };
  return null;
}

function fullView(cell: PlanningCell, change: Change | undefined): Omit<CellView, 'shortDetail'> {
  if (change) {
    const cancelAs = change.expect === 'request' ? 'request' : 'accepted';
    const r = change.action === 'book' ? BOOK_RESULT[change.expect] : CANCEL_RESULT[cancelAs];
    const text = change.action === 'book' ? PENDING_BOOK[change.expect]() : PENDING_CANCEL[cancelAs]();
    return { icon: r.icon, text, detail: null, pending: true, booked: change.action === 'book', actionable: true };
  }
  const effect = clickEffect(cell);
  const base = { pending: false, actionable: effect !== null, booked: false, detail: null as string | null };
  switch (cell.state) {
    case 'bookable':
      return {
        ...base,
        icon: 'available',
        text: i18n.t('labels:cellState.bookable'),
        detail:
          cell.placesLeft !== null
            ? i18n.t('family:planning.cell.placesLeft', { count: cell.placesLeft })
            : cell.onBook === 'request'
              ? i18n.t('family:planning.cell.onRequest')
              : null,
      };
    case 'full':
      return { ...base, icon: 'full', text: cell.onBook ? i18n.t('labels:cellState.full') : i18n.t('family:planning.cell.full') };
    case 'accepted':
    case 'requested':
    case 'waitlisted': {
      const r = cell.state === 'accepted' ? BOOK_RESULT.accepted : cell.state === 'requested' ? BOOK_RESULT.request : BOOK_RESULT.waitlist;
      const until = instant(cell.cancelCutoff);
      return {
        ...base,
        ...said(r),
        booked: true,
        detail: effect
          ? null
          : until
            ? i18n.t('family:planning.cell.noOnlineCancelSince', { date: until })
            : i18n.t('family:planning.cell.noOnlineCancel'),
      };
    }
    case 'cancel_requested':
      return {
        ...base,
        icon: 'cancel_requested',
        text: i18n.t('labels:cellState.cancel_requested'),
        detail: i18n.t('family:planning.cell.waitingService'),
        booked: true,
      };
    case 'deadline_passed': {
      const cutoff = instant(cell.cutoff);
      return {
        ...base,
        icon: 'deadline_passed',
        text: i18n.t('labels:cellState.deadline_passed'),
        detail:
          [cutoff ? i18n.t('family:planning.cell.deadline', { date: cutoff }) : null, cell.onBook ? i18n.t('family:planning.cell.requestPossible') : null]
            .filter(Boolean)
            .join(', ') || null,
      };
    }
    case 'closed':
      return { ...base, icon: 'closed', text: i18n.t('labels:cellState.closed'), detail: closedReason(cell.reason) };
    case 'holiday':
      return { ...base, icon: 'holiday', text: i18n.t('labels:cellState.holiday'), detail: i18n.t('family:planning.cell.holiday') };
    case 'age_not_allowed':
      return { ...base, icon: 'age_not_allowed', text: i18n.t('labels:cellState.age_not_allowed'), detail: i18n.t('family:planning.cell.ageNotAllowed') };
    case 'not_open':
      return {
        ...base,
        icon: 'not_open',
        text: i18n.t('labels:cellState.not_open'),
        detail: cell.reason ? errorMessage(cell.reason).replace(/\.$/, '') : null,
      };
  }
}

function shortInstant(iso: string): string {
  const c = parisWallClockOf(new Date(iso));
  const [, m, d] = c.day.split('-');
  return i18n.t('family:planning.cell.at', { day: `${d}/${m}`, time: clockTime(c.hour, c.minute) });
}

export function cellView(cell: PlanningCell, change: Change | undefined): CellView {
  const v = fullView(cell, change);
  let shortDetail = v.detail;
  if (!change && cell.state === 'deadline_passed')
    shortDetail =
      [cell.cutoff ? i18n.t('family:planning.cell.deadlineShort', { date: shortInstant(cell.cutoff) }) : null, cell.onBook ? i18n.t('family:planning.cell.onRequest') : null]
        .filter(Boolean)
        .join(', ') || null;
  else if (!change && (cell.state === 'accepted' || cell.state === 'requested' || cell.state === 'waitlisted') && clickEffect(cell) === null)
    shortDetail = i18n.t('family:planning.cell.noCancelShort');
  return { ...v, shortDetail };
}

/** « Mercredi 8 juillet, Matin : réservation acceptée (à valider) — détail »: a cell in words. */
export function describeCell(day: string, unitLabel: string, state: string, pending: boolean, detail: string | null): string {
  let text = i18n.t('family:planning.cell.name', { day: dayLabel(day), unit: unitLabel, state });
  if (pending) text = i18n.t('family:planning.cell.pending', { text });
  if (detail) text = i18n.t('family:planning.cell.withDetail', { text, detail });
  return text;
}

/**
 * The accessible name of a cell: « Mercredi 8 juillet, Matin : à réserver (non enregistré) ». It contains the words
 * the cell shows, in their order (issue 17, WCAG 2.5.3 « label in name »: a voice-control user says what they see) —
 * state, « non enregistré », short detail — then the long detail when the short one abridges it.
 */
export function cellName(day: string, unitLabel: string, view: CellView): string {
  const text = view.text.charAt(0).toLowerCase() + view.text.slice(1);
  let name = describeCell(day, unitLabel, text, view.pending, null);
  if (view.shortDetail) name = i18n.t('family:planning.cell.withShort', { text: name, short: view.shortDetail });
  if (view.detail && view.detail !== view.shortDetail) name = i18n.t('family:planning.cell.withLong', { text: name, detail: view.detail });
  return name;
}

// ---------- the unit menu's bulk options ----------

export interface BulkResult {
  changes: Map<string, Change>;
  /** cells changed */
  count: number;
  /** full days left out of a selection (the waiting list is chosen day by day) */
  skippedFull: number;
}

type Cells = { day: string; cell: PlanningCell }[];

/** The cells of one unit in the given weeks of the planning. */
export function unitCells(weeks: Iterable<Planning>, unitId: string): Cells {
  const out: Cells = [];
  for (const p of weeks)
    for (const d of p.days) {
      const cell = d.cells.find((c) => c.unitId === unitId);
      if (cell) out.push({ day: d.day, cell });
    }
  return out;
}

/** « Sélectionner les jours… »: books every day that can be booked (and keeps days marked for cancellation). */
export function selectDays(changes: Changes, cells: Cells, weekdays?: ReadonlySet<number>): BulkResult {
  const next = new Map(changes);
  let count = 0;
  let skippedFull = 0;
  for (const { day, cell } of cells) {
    if (weekdays && !weekdays.has(weekdayOfDay(day))) continue;
    const k = keyOf(day, cell.unitId);
    const current = next.get(k);
    if (current?.action === 'cancel') {
      next.delete(k);
      count++;
      continue;
    }
    if (current) continue;
    if (cell.state === 'full') {
      if (cell.onBook) skippedFull++;
      continue;
    }
    const effect = clickEffect(cell);
    if (effect?.action === 'book') {
      next.set(k, { day, unitId: cell.unitId, ...effect });
      count++;
    }
  }
  return { changes: next, count, skippedFull };
}

/** « Désélectionner… »: drops the new days and marks the booked days for cancellation when the rules allow it. */
export function deselectDays(changes: Changes, cells: Cells): BulkResult {
  const next = new Map(changes);
  let count = 0;
  for (const { day, cell } of cells) {
    const k = keyOf(day, cell.unitId);
    const current = next.get(k);
    if (current?.action === 'book') {
      next.delete(k);
      count++;
      continue;
    }
    if (current) continue;
    const effect = clickEffect(cell);
    if (effect?.action === 'cancel') {
      next.set(k, { day, unitId: cell.unitId, ...effect });
      count++;
    }
  }
  return { changes: next, count, skippedFull: 0 };
}

/** One click on a cell: adds its change, or removes the change it had. */
export function toggle(changes: Changes, day: string, cell: PlanningCell): Map<string, Change> {
  const next = new Map(changes);
  const k = keyOf(day, cell.unitId);
  if (next.has(k)) next.delete(k);
  else {
    const effect = clickEffect(cell);
    if (effect) next.set(k, { day, unitId: cell.unitId, ...effect });
  }
  return next;
}

/** An Idempotency-Key for one submission (8–100 of [A-Za-z0-9_.:-]); kept while the same changes are retried. */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return `k-${Date.now().toString(36)}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
