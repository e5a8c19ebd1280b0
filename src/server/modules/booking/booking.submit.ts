import { readGenerations } from '../../db/generations.js';
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../context.js';
import { isUniqueViolation } from '../../db/database.js';
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldProblem } from '../../errors.js';
import { lockChildHouseholds, soleHouseholdGuard } from '../child/child.service.js';
import * as catalog from '../catalog/catalog.service.js';
import type { ActivityConfig, UnitRow } from '../catalog/catalog.service.js';
import type { LineState, Reservation, reservationInput } from '../../../shared/booking-contracts.js';
import { cancelEffect, unavailability, unitRuleRefusals, type CellInput, type DeadlineOutcome } from './grid-state.js';
import * as repo from './booking.repo.js';
import { writeTransaction, isRetryable } from '../../db/write.js';
import { removeBooking, settleWaitingLists } from './booking.waitlist.js';
import { missingDocuments } from '../document/document.service.js';
import { FifoGate } from '../../db/fifo-gate.js';
import { countBookingLines } from '../../plugins/metrics.js';
import { REFUSAL_OF, baseCell, blockedFor, householdRefusal, outcome, windowBlock, type BookingScope, type Bundle } from './booking.rules.js';
import { loadBundle, ownedChild } from './booking.planning.js';
import { reservationView, toReservation } from './booking.reservations.js';
import { campaignRefusal } from './booking.campaign.js';
import { debtBlockFor } from '../billing/billing.money.js';
import { basketPricing, holdBasketIn } from './booking.baskets.js';
import { parisDateOf } from '../../../shared/calendar/paris-time.js';

/**
 * The submit engine (§5.1 « Valider », §5.3): the FIFO gate, the planning lines decided before any lock, then the
 * short transaction that takes places in (unit, day) order — or, on PostgreSQL for booking lines only, the one
 * statement of repo.bookAtOnce — and the settling of the waiting lists after the commit.
 */

type Executor = Kysely<DB> | Transaction<DB>;
type ReservationInput = z.output<typeof reservationInput>;

function requestHash(input: ReservationInput): string {
  const changes = [...input.changes].sort((a, b) => (a.unitId + a.day + a.action < b.unitId + b.day + b.action ? -1 : 1));
  return createHash('sha256')
    .update(JSON.stringify([input.childId, input.activityId, input.periodId, changes.map((c) => [c.day, c.unitId, c.action])]))
    .digest('hex');
}

interface PlannedLine {
  day: string;
  unit: UnitRow;
  action: 'book' | 'cancel';
  /** decided before the transaction: refused with a code, or what the policy gives */
  refused: string | null;
  /** the refusal whatever the other household does (a shared child's custody is judged again under its lock) */
  refusedAlone?: string | null;
  book?: 'accepted' | 'request';
  cancel?: DeadlineOutcome;
}

export interface SubmitResult {
  reservation: Reservation;
  replayed: boolean;
}

/**
 * Submits a reservation (§5.1 « Valider », §5.3 cancellations): one numbered reservation, each line accepted at
 * once, a request for staff, waitlisted or refused per the activity's rules and the places left. Capacity is taken
 * in the same short transaction by a conditional counter update; the same Idempotency-Key returns the same
 * reservation without applying anything again.
 */
export async function submitReservation(
  ctx: AppContext,
  scope: BookingScope,
  input: ReservationInput,
  key: string,
  arrivedAt: Date = ctx.clock.now(),
  abandoned: () => boolean = () => false,
): Promise<SubmitResult> {
  if (blockedFor(scope)) throw new ForbiddenError('account.not_validated');
  // Deadlines and the booking window are judged at the request's arrival, not when it leaves the queue: a family
  // that clicked at 11:59:59 for a 12:00 cut-off during a rush is in time.
  return gateOf(ctx).run(() => {
    // Nobody waits for this answer any more (the browser or the proxy closed the connection while the request was
    // queued): nothing is written, and the queue moves on to families still there. Their retry, with the same
    // Idempotency-Key, is then a first submission. Under overload this keeps an instance from working for nobody.
    if (abandoned()) throw new AppError('request.abandoned', 499);
    return submitNow(ctx, scope, input, key, arrivedAt);
  });
}

const gates = new WeakMap<AppContext, FifoGate>();
/**
 * Bookings computed at once by one instance (BOOKING_CONCURRENCY): a few keep SQLite's one connection busy; on
 * PostgreSQL more would only wait on the same counter rows and the connection pool. Measured with bench:rush — see
 * docs/operations.md, « Performance ».
 */
export const DEFAULT_BOOKING_CONCURRENCY = 4;
function gateOf(ctx: AppContext): FifoGate {
  let g = gates.get(ctx);
  if (!g) gates.set(ctx, (g = new FifoGate(ctx.config.bookingConcurrency ?? DEFAULT_BOOKING_CONCURRENCY)));
  return g;
}

async function submitNow(ctx: AppContext, scope: BookingScope, input: ReservationInput, key: string, arrivedAt: Date): Promise<SubmitResult> {
  const hash = requestHash(input);
  const replay = async (): Promise<SubmitResult | null> => {
    const existing = await repo.findReservationByKey(ctx.db, scope.familyId, key);
    if (!existing) return null;
    if (existing.request_hash !== hash) throw new ConflictError('booking.idempotency_mismatch');
    return { reservation: await reservationView(ctx.db, existing), replayed: true };
  };
  // PostgreSQL: no read first; a replay fails on the UNIQUE (family, key) index when it writes, and the catch below
  // answers with the reservation already made (one round trip less for every first submission)
  if (ctx.dialect !== 'postgres') {
    const earlier = await replay();
    if (earlier) return earlier;
  }

  const { child, custody } = await ownedChild(ctx.db, scope, input.childId);
  // Configuration from this instance's cache, valid while its generation has not moved (src/server/db/generations.ts)
  const gens = await readGenerations(ctx.db);
  const bundle = await loadBundle(ctx.db, gens, input.activityId, input.periodId);
  const { activity, period } = bundle;
  const unitsById = new Map(bundle.units.map((u) => [u.id, u]));
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  input.changes.forEach((c, i) => {
    if (!unitsById.has(c.unitId)) problems.push({ path: `changes.${i}.unitId`, code: 'booking.unit_unknown' });
    const k = `${c.unitId}|${c.day}`;
    if (seen.has(k)) problems.push({ path: `changes.${i}.day`, code: 'booking.duplicate_change' });
    seen.add(k);
  });
  if (problems.length) throw new ValidationError(problems);

  const now = arrivedAt;
  const nowIso = now.toISOString();
  const sortedDays = input.changes.map((c) => c.day).sort();
  const facts = await catalog.cachedCalendarFacts(ctx.db, gens, activity, sortedDays[0], sortedDays[sortedDays.length - 1]);
  // issue 12: while a request campaign holds the period, first-come booking is refused (families submit wishes)
  const window = (await campaignRefusal(ctx.db, activity.id, period.id, nowIso)) ?? windowBlock(period, nowIso);
  // Documents the activity requires before booking (issue 6), checked per day against their validity.
  const bookDays = input.changes.filter((c) => c.action === 'book').map((c) => c.day);
  // Debt rule (issue 13): asked of the billing module (its service), which owns invoices and the rule's settings.
  if (bookDays.length && (await debtBlockFor(ctx.db, scope.familyId, activity, parisDateOf(now)))) throw new ForbiddenError('money.debt_blocked');
  // « paiement à la réservation » (issue 13): the days accepted at once are held in a basket, priced by billing
  const pricing = activity.payAtBooking && bookDays.length ? await basketPricing(ctx, scope.familyId, activity.id) : null;
  const missingDocs = await missingDocuments(ctx.db, scope.familyId, child.id, activity.id, bookDays, gens);
  // A shared child (issue 11): read before the lock for the common case, and judged again under it (below).
  const otherDays = custody && bookDays.length ? await repo.otherHouseholdDays(ctx.db, child.id, activity.id, scope.familyId, sortedDays[0], sortedDays[sortedDays.length - 1]) : new Set<string>();
  // Lines in (unit, day) order: concurrent transactions lock counter rows in the same order (no deadlock).
  const planned: PlannedLine[] = input.changes
    .map((c) => {
      const unit = unitsById.get(c.unitId)!;
      if (c.action === 'cancel') return { day: c.day, unit, action: c.action, refused: null, cancel: outcome(activity.cancellationPolicy, c.day, now, facts, unit) };
      const off = unavailability({ ...baseCell(bundle, facts, child.birth_date, c.day) } as CellInput);
      const alone = (refused: string | null, book?: 'accepted' | 'request') => ({
        day: c.day,
        unit,
        action: c.action,
        refusedAlone: refused,
        refused: refused ?? householdRefusal(custody, c.day, otherDays),
        book,
      });
      if (off) return alone(REFUSAL_OF[off.reason] ?? 'booking.closed');
      if (window) return alone(window);
      const o = outcome(activity.bookingPolicy, c.day, now, facts, unit);
      if (o.outcome === 'refused') return alone('booking.deadline_passed');
      if (missingDocs.has(c.day)) return alone('booking.documents_missing');
      return alone(null, o.outcome);
    })
    .sort((a, b) => (a.unit.id < b.unit.id ? -1 : a.unit.id > b.unit.id ? 1 : a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  await applyUnitRules(ctx.db, child.id, bundle, planned);
  const kind = planned.every((p) => p.action === 'book') ? 'booking' : planned.every((p) => p.action === 'cancel') ? 'cancellation' : 'mixed';

  let reservationId = 0;
  const written: repo.LineRow[] = [];
  const knownCounters = repo.knownUnitDays(ctx.db);
  const r0 = { child_id: child.id, family_id: scope.familyId };
  const reservation: Omit<repo.ReservationRow, 'id'> = {
    family_id: scope.familyId,
    child_id: child.id,
    activity_id: activity.id,
    period_id: period.id,
    kind,
    idempotency_key: key,
    request_hash: hash,
    account_id: scope.accountId,
    created_at: nowIso,
  };
  let live = planned.filter((p) => !p.refused);
  let liveNow = live;
  const counter = (p: PlannedLine) => ({ unitId: p.unit.id, day: p.day, capacity: p.unit.default_capacity });
  // PostgreSQL, booking lines only (the rush): one statement instead of a transaction of seven (repo.bookAtOnce)
  // (not for a shared child: its households' bookings are decided under the lock of its household links, below)
  // The statement share-locks the child's household links and writes nothing if the child was linked into a second
  // household since `custody` was read: then the transaction below judges it under the links' lock.
  let atOnce = ctx.dialect === 'postgres' && kind === 'booking' && !custody && !pricing;
  for (let attempt = 1; ; attempt++) {
    try {
      written.length = 0;
      const done = atOnce
        ? await (async () => {
            await repo.ensureUnitDays(ctx.db, live.map(counter), knownCounters);
            const lines = planned.map((p) => ({ unitId: p.unit.id, day: p.day, refused: p.refused, outcome: p.book === 'accepted' ? ('accepted' as const) : ('pending' as const) }));
            return repo.bookAtOnce(ctx.db, { reservation, lines, nowIso, households: soleHouseholdGuard(child.id) });
          })()
        : null;
      if (done) {
        reservationId = done.reservationId;
        written.push(...done.lines);
      } else {
        atOnce = false;
        reservationId = await writeTransaction(ctx, async (trx) => {
          written.length = 0; // writeTransaction may run this again (a deadlock on PostgreSQL)
          // Issue 11: the child's household links first (before any unit-day: the fixed order), so two households
          // booking a shared child at the same instant run one after the other; the custody and the other
          // household's days are read again under the lock. (One small read for a child of one household.)
          const links = await lockChildHouseholds(trx, child.id, scope.familyId);
          if (!links) throw new NotFoundError();
          if (links.households > 1 && bookDays.length) {
            const others = await repo.otherHouseholdDays(trx, child.id, activity.id, scope.familyId, sortedDays[0], sortedDays[sortedDays.length - 1]);
            for (const p of planned) if (p.action === 'book') p.refused = p.refusedAlone ?? householdRefusal(links.custody, p.day, others);
          }
          const live = planned.filter((p) => !p.refused); // as judged under the lock
          // The same key committed by another device since the replay check above: the UNIQUE (family, key) index
          // refuses this insert and the catch below answers with that reservation (no read here: one round trip less).
          const id = await repo.insertReservation(trx, reservation);
          // Cells the child already holds, read before any lock (keeps locks short): a booking of the same cell by
          // another device in between is caught by the UNIQUE index and the reservation runs again.
          const held = await repo.heldCells(trx, child.id, activity.id, live.filter((p) => p.action === 'book').map((p) => ({ unitId: p.unit.id, day: p.day })));
          // The engine's lock rule for what removes bookings: the counter rows of the cancelled unit-days, created if
          // missing and locked in (unit, day) order, before anything is read about their bookings. Booking lines
          // take a place with a conditional UPDATE (which locks only the rows it changes) and otherwise join the
          // waiting list without a lock; settleWaitingLists runs after the commit (see booking.waitlist.ts).
          await repo.ensureAndLockUnitDays(trx, live.filter((p) => p.action === 'cancel').map(counter));
          await repo.ensureUnitDays(trx, live.filter((p) => p.action === 'book').map(counter), knownCounters);
          liveNow = live;
          // Cancellations first (they may free places), then every booking line in a handful of statements.
          for (const p of planned.filter((x) => x.action === 'cancel'))
            written.push(await applyLine(trx, ctx, { id, ...r0 }, activity, p, nowIso));
          written.push(...(await applyBookLines(trx, { id, ...r0 }, activity, planned.filter((x) => x.action === 'book'), nowIso, held)));
          // the basket in the same transaction as its places: held days always have their basket and invoice
          if (pricing) await holdBasketIn(trx, ctx, { pricing, activity, reservationId: id, familyId: scope.familyId, childId: child.id, lines: written });
          return id;
        });
      }
      live = liveNow;
      for (const p of live) knownCounters.add(`${p.unit.id}|${p.day}`); // committed: they exist
      break;
    } catch (err) {
      // Another device won the race with the same key (PostgreSQL): answer with its reservation.
      if (isUniqueViolation(err)) {
        const again = await replay();
        if (again) return again;
      }
      // The same cell booked at the same instant under another key, or a deadlock between two multi-day
      // reservations (PostgreSQL): nothing was written; run again, the reads now see the winner.
      if (attempt < 3 && (isUniqueViolation(err) || isRetryable(err))) continue;
      throw err;
    }
  }
  // A place freed, or a child put on a waiting list, may meet its counterpart only now that both are committed.
  // (Lines that took a place, or were refused, leave nothing to settle: one read less on the hot path.)
  const toSettle = kind === 'booking' ? written.filter((l) => l.state === 'waitlisted') : live.map((p) => ({ unit_id: p.unit.id, day: p.day }));
  await settleWaitingLists(ctx, activity, toSettle.map((l) => ({ unitId: l.unit_id, day: l.day })));
  // Built from what the transaction wrote: no second round of reads on the hot path.
  const row: repo.ReservationRow = {
    id: reservationId,
    ...reservation,
  };
  written.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.id - b.id));
  const names = {
    child: { first_name: child.first_name, last_name: child.last_name },
    activityName: activity.name,
    periodLabel: period.label,
    unitLabel: (id: string) => unitsById.get(id)?.label ?? '',
  };
  countBookingLines(ctx, written); // /metrics: portail_booking_lines_total (src/server/plugins/metrics.ts)
  return { reservation: toReservation(row, written, names), replayed: false };
}

/**
 * Same-day unit rules (a meal needs the morning, the whole day excludes the half days): refuses the changes that
 * would break them, given what the child holds those days. Checked before the transaction: two devices of the same
 * family submitting conflicting units at the same instant is not worth a lock.
 */
async function applyUnitRules(db: Executor, childId: string, bundle: Bundle, planned: PlannedLine[]): Promise<void> {
  const rules = new Map(bundle.units.map((u) => [u.code, { requires: u.requires_code, excludes: u.excludes_codes.split(',').filter(Boolean) }]));
  if (![...rules.values()].some((r) => r.requires || r.excludes.length)) return;
  const live = planned.filter((p) => !p.refused);
  if (!live.length) return;
  const days = live.map((p) => p.day).sort();
  const codeOf = new Map(bundle.units.map((u) => [u.id, u.code]));
  const held = await repo.childBookings(db, childId, bundle.activity.id, days[0], days[days.length - 1]);
  for (const day of new Set(days)) {
    const today = live.filter((p) => p.day === day);
    const holding = new Set(held.filter((b) => b.day === day).map((b) => codeOf.get(b.unit_id)!));
    const refusals = unitRuleRefusals(rules, holding, today.map((p) => ({ code: p.unit.code, action: p.action })));
    for (const [i, code] of refusals) today[i].refused = today[i].refusedAlone = code;
  }
}

/**
 * The booking lines of a reservation: refused ones as planned, the others take a place if one is left (one
 * conditional UPDATE for all their unit-days), else go on the waiting list. Three statements whatever the count.
 */
async function applyBookLines(
  trx: Executor,
  r: { id: number; child_id: string; family_id: string },
  activity: ActivityConfig,
  books: PlannedLine[],
  nowIso: string,
  held: Set<string>,
): Promise<repo.LineRow[]> {
  const cell = (p: PlannedLine) => `${p.unit.id}|${p.day}`;
  const live = books.filter((p) => !p.refused); // their counter rows exist (submitNow)
  const wanted = live.filter((p) => !held.has(cell(p)));
  const taken = await repo.takePlaces(trx, wanted.map((p) => ({ unitId: p.unit.id, day: p.day })));
  const lines = await repo.insertLines(
    trx,
    books.map((p) => {
      const [state, reason]: [LineState, string | null] = p.refused
        ? ['refused', p.refused]
        : held.has(cell(p))
          ? ['refused', 'booking.already_booked']
          : !taken.has(cell(p))
            ? ['waitlisted', null]
            : p.book === 'accepted'
              ? ['accepted', null]
              : ['pending', null];
      return {
        reservation_id: r.id,
        unit_id: p.unit.id,
        day: p.day,
        action: 'book' as const,
        state,
        reason,
        decided_at: state === 'pending' ? null : nowIso,
        decided_by: null,
      };
    }),
  );
  await repo.insertBookings(
    trx,
    lines
      .filter((l) => l.state !== 'refused')
      .map((l) => ({
        family_id: r.family_id,
        child_id: r.child_id,
        activity_id: activity.id,
        unit_id: l.unit_id,
        day: l.day,
        state: l.state as 'accepted' | 'pending' | 'waitlisted',
        line_id: l.id,
        cancel_line_id: null,
        created_at: nowIso,
        updated_at: nowIso,
      })),
  );
  return lines;
}

async function applyLine(
  trx: Executor,
  ctx: AppContext,
  r: { id: number; child_id: string; family_id: string },
  activity: ActivityConfig,
  p: PlannedLine,
  nowIso: string,
): Promise<repo.LineRow> {
  let out: repo.LineRow | null = null;
  const line = async (state: LineState, reason: string | null) => {
    const values = {
      reservation_id: r.id,
      unit_id: p.unit.id,
      day: p.day,
      action: p.action,
      state,
      reason,
      decided_at: state === 'pending' ? null : nowIso,
      decided_by: null,
    };
    const id = await repo.insertLine(trx, values);
    out = { id, ...values };
    return id;
  };
  await applyLineWith(trx, ctx, r, activity, p, nowIso, line);
  return out!;
}

async function applyLineWith(
  trx: Executor,
  ctx: AppContext,
  r: { id: number; child_id: string; family_id: string },
  activity: ActivityConfig,
  p: PlannedLine,
  nowIso: string,
  line: (state: LineState, reason: string | null) => Promise<number>,
): Promise<void> {
  if (p.refused) {
    await line('refused', p.refused);
    return;
  }
  const b = await repo.findBooking(trx, r.child_id, activity.id, p.unit.id, p.day);
  // a shared child's booking made by the other household is not this household's to cancel (issue 11)
  if (!b || b.family_id !== r.family_id) {
    await line('refused', 'booking.not_booked');
    return;
  }
  if (b.cancel_line_id !== null) {
    await line('refused', 'booking.cancel_pending');
    return;
  }
  const effect = cancelEffect({ booking: { state: b.state, cancelRequested: false }, cancel: p.cancel! });
  if (effect === null) {
    await line('refused', 'booking.cancel_deadline_passed');
    return;
  }
  // The unit-day is locked, so b is as read; the writes are conditional all the same, and a lost race (another
  // device cancelled the same day first) refuses this line instead of freeing the place a second time.
  if (effect === 'request') {
    const lineId = await line('pending', null);
    if (!(await repo.setCancelLine(trx, b.id, null, lineId, nowIso))) throw new ConflictError('booking.cancel_pending');
    return;
  }
  const removed = await removeBooking(trx, ctx, activity, b, nowIso, b.state === 'pending' ? 'booking.withdrawn' : null);
  await (removed ? line('accepted', null) : line('refused', 'booking.not_booked'));
}
