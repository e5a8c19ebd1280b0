import { readGenerations, type Generations } from '../../db/generations.js';
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../context.js';
import { isoNow } from '../../clock.js';
import { isUniqueViolation } from '../../db/database.js';
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldProblem } from '../../errors.js';
import { familyNames, type FamilyScope } from '../family/family.service.js';
import { recordAudit, type Actor } from '../audit/audit.service.js';
import { enqueueMail } from '../mail/mail.service.js';
import { findChildRow as findChild } from '../child/child.service.js';
import * as catalog from '../catalog/catalog.service.js';
import type { ActivityConfig, CalendarFacts } from '../catalog/catalog.service.js';
import type { UnitRow, PeriodRow } from '../catalog/catalog.service.js';
import { decide } from '../../../shared/calendar/deadlines.js';
import type { WallTime } from '../../../shared/calendar/paris-time.js';
import { addDays, mondayOf, isoWeekOf, parisDateOf, weekdayOf } from '../../../shared/calendar/paris-time.js';
import { messageFor } from '../../../shared/errors.js';
import type {
  BookingCatalog,
  decisionInput,
  LineState,
  Occupancy,
  Planning,
  Reservation,
  ReservationLine,
  ReservationState,
  ReservationSummary,
  PendingRequest,
  WaitingEntry,
  reservationInput,
} from '../../../shared/booking-contracts.js';
import { ageAllowed, cancelEffect, cellState, unavailability, unitRuleRefusals, type CellInput, type DeadlineOutcome } from './grid-state.js';
import * as repo from './booking.repo.js';
import { writeTransaction, isRetryable } from '../../db/write.js';
import { removeBooking, settleWaitingLists } from './booking.waitlist.js';
import { dayLabel, weekLabel } from './booking.wording.js';
import { missingDocuments } from '../document/document.service.js';
import { FifoGate } from '../../db/fifo-gate.js';
import { countBookingLines } from '../../plugins/metrics.js';

type Executor = Kysely<DB> | Transaction<DB>;
type ReservationInput = z.output<typeof reservationInput>;

/** Who books: the family from the session, and whether its account is validated. */
export interface BookingScope extends FamilyScope {
  accountStatus: string;
}

function blockedFor(scope: Pick<BookingScope, 'accountStatus'>): string | null {
  return scope.accountStatus === 'active' ? null : 'account.not_validated';
}

function windowBlock(period: PeriodRow, nowIso: string): string | null {
  if (nowIso < period.opens_at) return 'period.not_open';
  if (nowIso >= period.closes_at) return 'period.closed';
  return null;
}

/** What a policy gives for one unit on one day; `hoursBefore` rules « from the unit's start » use its start time. */
function outcome(policy: ActivityConfig['bookingPolicy'], day: string, now: Date, facts: CalendarFacts, unit: UnitRow): DeadlineOutcome {
  const d = decide(policy, day, now, { holidays: facts.publicHoliday, ...(unit.start_time ? { unitStart: unit.start_time as WallTime } : {}) });
  const cutoff = d.cutoff ? d.cutoff.toISOString() : null;
  // A day already gone (in Paris) is never booked or cancelled online, whatever the rule (even « sans délai »).
  if (day < parisDateOf(now)) return { outcome: 'refused', cutoff, late: true };
  return { outcome: d.outcome, cutoff, late: d.reason === 'after_cutoff' };
}

/** Everything the rules need about one activity and period, loaded once per request. */
interface Bundle {
  activity: ActivityConfig;
  units: UnitRow[];
  period: PeriodRow;
}

async function loadBundle(db: Executor, gens: Generations, activityId: string, periodId: string): Promise<Bundle> {
  const b = await catalog.cachedActivityWithUnits(db, gens, activityId);
  const period = b?.periods.find((p) => p.id === periodId);
  if (!b || !period) throw new NotFoundError();
  return { activity: b.activity, units: b.units, period };
}

async function ownedChild(db: Executor, scope: FamilyScope, childId: string) {
  const child = await findChild(db, childId);
  if (!child || child.family_id !== scope.familyId) throw new NotFoundError();
  return child;
}

function baseCell(
  bundle: Bundle,
  facts: CalendarFacts,
  birthDate: string,
  day: string,
): Omit<CellInput, 'blocked' | 'booking' | 'counter' | 'book' | 'cancel'> {
  const a = bundle.activity;
  return {
    day,
    weekday: weekdayOf(day),
    inPeriod: bundle.period.start_day <= day && day <= bundle.period.end_day,
    openWeekdays: a.openWeekdays,
    publicHoliday: facts.publicHoliday(day),
    schoolHoliday: facts.schoolHolidayOn(day),
    schoolHolidayMode: a.schoolHolidays,
    closureReason: facts.closureOn(day),
    ageAllowed: ageAllowed(birthDate, day, a.minAge, a.maxAge),
  };
}

// ---------- family: catalog and planning ----------

/** The wizard's establishments → activities → periods (§5.1 ❶ ❷), with each period's window state. */
export async function bookingCatalog(ctx: AppContext, scope: BookingScope): Promise<BookingCatalog> {
  const c = await catalog.staffCatalog(ctx);
  const now = isoNow(ctx.clock);
  return {
    blocked: blockedFor(scope),
    establishments: c.establishments
      .map((e) => ({
        id: e.id,
        name: e.name,
        activities: e.activities
          .map((a) => ({
            id: a.id,
            name: a.name,
            kind: a.kind,
            minAge: a.minAge,
            maxAge: a.maxAge,
            bookingRuleText: a.bookingRuleText,
            cancellationRuleText: a.cancellationRuleText,
            periods: a.periods
              .filter((p) => p.closesAt > now)
              .map((p) => ({ ...p, open: p.opensAt <= now && now < p.closesAt })),
          }))
          .filter((a) => a.periods.length > 0),
      }))
      .filter((e) => e.activities.length > 0),
  };
}

/** The planning of one child for one activity, period and week (§5.1): every cell's state, computed by cellState. */
export async function planning(
  ctx: AppContext,
  scope: BookingScope,
  childId: string,
  q: { activityId: string; periodId: string; week?: string },
): Promise<Planning> {
  const child = await ownedChild(ctx.db, scope, childId);
  const gens = await readGenerations(ctx.db);
  const bundle = await loadBundle(ctx.db, gens, q.activityId, q.periodId);
  const { period, activity, units } = bundle;
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const facts = await catalog.cachedCalendarFacts(ctx.db, gens, activity, period.start_day, period.end_day);

  // Weeks of the period with at least one day the activity runs (whatever the deadlines).
  const weeks: Planning['weeks'] = [];
  for (let monday = mondayOf(period.start_day); monday <= period.end_day; monday = addDays(monday, 7)) {
    let open = false;
    for (let i = 0; i < 7 && !open; i++) {
      const day = addDays(monday, i);
      const base = baseCell(bundle, facts, child.birth_date, day);
      open = unavailability({ ...base, ageAllowed: true } as CellInput) === null;
    }
    if (open) weeks.push({ monday, number: isoWeekOf(monday).week, label: weekLabel(monday) });
  }
  const today = parisDateOf(new Date(nowIso)); // the family's today is Paris's, not UTC's
  const week = q.week
    ? mondayOf(q.week)
    : (weeks.find((w) => addDays(w.monday, 6) >= today)?.monday ?? weeks[0]?.monday ?? mondayOf(period.start_day));
  const idx = weeks.findIndex((w) => w.monday === week);
  const days = Array.from({ length: 7 }, (_, i) => addDays(week, i)).filter((d) => d >= period.start_day && d <= period.end_day);

  const from = days[0] ?? week;
  const to = days[days.length - 1] ?? week;
  const counters = new Map((await repo.unitDays(ctx.db, units.map((u) => u.id), from, to)).map((r) => [`${r.unit_id}|${r.day}`, r]));
  const bookings = new Map(
    (await repo.childBookings(ctx.db, child.id, activity.id, from, to)).map((b) => [`${b.unit_id}|${b.day}`, b]),
  );
  // Documents the activity requires (issue 6): a day they do not cover cannot be booked; a week none of whose days
  // they cover says so once, plainly, at the top of the planning.
  const missingDocs = await missingDocuments(ctx.db, scope.familyId, child.id, activity.id, days, gens);
  const blocked =
    blockedFor(scope) ?? windowBlock(period, nowIso) ?? (days.length > 0 && days.every((d) => missingDocs.has(d)) ? 'booking.documents_missing' : null);

  return {
    child: { id: child.id, firstName: child.first_name, lastName: child.last_name, birthDate: child.birth_date },
    activity: { id: activity.id, name: activity.name, kind: activity.kind, ...catalog.ruleTexts(activity) },
    period: catalog.toPeriod(period),
    units: units.map((u) => {
      const v = catalog.toUnit(u);
      return { id: v.id, code: v.code, label: v.label, position: v.position, requires: v.requires, excludes: v.excludes };
    }),
    weeks,
    week,
    previousWeek: idx > 0 ? weeks[idx - 1].monday : idx === -1 ? (weeks.filter((w) => w.monday < week).pop()?.monday ?? null) : null,
    nextWeek: idx >= 0 ? (weeks[idx + 1]?.monday ?? null) : (weeks.find((w) => w.monday > week)?.monday ?? null),
    days: days.map((day) => {
      const base = baseCell(bundle, facts, child.birth_date, day);
      return {
        day,
        weekday: weekdayOf(day),
        cells: units.map((u) => {
          const book = outcome(activity.bookingPolicy, day, now, facts, u);
          const cancel = outcome(activity.cancellationPolicy, day, now, facts, u);
          const c = counters.get(`${u.id}|${day}`);
          const b = bookings.get(`${u.id}|${day}`);
          return {
            unitId: u.id,
            ...cellState({
              ...base,
              blocked: blocked ?? (missingDocs.has(day) ? 'booking.documents_missing' : null),
              booking: b ? { state: b.state, cancelRequested: b.cancel_line_id !== null } : null,
              counter: { capacity: c?.capacity ?? u.default_capacity, booked: c?.booked ?? 0 },
              book,
              cancel,
            }),
          };
        }),
      };
    }),
    blocked,
  };
}

// ---------- family: submitting a reservation ----------

function requestHash(input: ReservationInput): string {
  const changes = [...input.changes].sort((a, b) => (a.unitId + a.day + a.action < b.unitId + b.day + b.action ? -1 : 1));
  return createHash('sha256')
    .update(JSON.stringify([input.childId, input.activityId, input.periodId, changes.map((c) => [c.day, c.unitId, c.action])]))
    .digest('hex');
}

const REFUSAL_OF: Record<string, string> = {
  outside_period: 'booking.outside_period',
  public_holiday: 'booking.public_holiday',
  weekday: 'booking.weekday',
  school_holiday: 'booking.holiday',
  school_term: 'booking.closed',
  age: 'booking.age_not_allowed',
};

interface PlannedLine {
  day: string;
  unit: UnitRow;
  action: 'book' | 'cancel';
  /** decided before the transaction: refused with a code, or what the policy gives */
  refused: string | null;
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

  const child = await ownedChild(ctx.db, scope, input.childId);
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
  const window = windowBlock(period, nowIso);
  // Documents the activity requires before booking (issue 6), checked per day against their validity.
  const missingDocs = await missingDocuments(ctx.db, scope.familyId, child.id, activity.id, input.changes.filter((c) => c.action === 'book').map((c) => c.day), gens);
  // Lines in (unit, day) order: concurrent transactions lock counter rows in the same order (no deadlock).
  const planned: PlannedLine[] = input.changes
    .map((c) => {
      const unit = unitsById.get(c.unitId)!;
      if (c.action === 'cancel') return { day: c.day, unit, action: c.action, refused: null, cancel: outcome(activity.cancellationPolicy, c.day, now, facts, unit) };
      const off = unavailability({ ...baseCell(bundle, facts, child.birth_date, c.day) } as CellInput);
      if (off) return { day: c.day, unit, action: c.action, refused: REFUSAL_OF[off.reason] ?? 'booking.closed' };
      if (window) return { day: c.day, unit, action: c.action, refused: window };
      const o = outcome(activity.bookingPolicy, c.day, now, facts, unit);
      if (o.outcome === 'refused') return { day: c.day, unit, action: c.action, refused: 'booking.deadline_passed' };
      if (missingDocs.has(c.day)) return { day: c.day, unit, action: c.action, refused: 'booking.documents_missing' };
      return { day: c.day, unit, action: c.action, refused: null, book: o.outcome };
    })
    .sort((a, b) => (a.unit.id < b.unit.id ? -1 : a.unit.id > b.unit.id ? 1 : a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  await applyUnitRules(ctx.db, child.id, bundle, planned);
  const kind = planned.every((p) => p.action === 'book') ? 'booking' : planned.every((p) => p.action === 'cancel') ? 'cancellation' : 'mixed';

  let reservationId = 0;
  const written: repo.LineRow[] = [];
  const knownCounters = repo.knownUnitDays(ctx.db);
  const r0 = { child_id: child.id, family_id: scope.familyId };
  // PostgreSQL, booking lines only (the rush): one statement instead of a transaction of seven (repo.bookAtOnce)
  const atOnce = ctx.dialect === 'postgres' && kind === 'booking';
  for (let attempt = 1; ; attempt++) {
    try {
      if (atOnce) {
        await repo.ensureUnitDays(ctx.db, planned.filter((p) => !p.refused).map((p) => ({ unitId: p.unit.id, day: p.day, capacity: p.unit.default_capacity })), knownCounters);
        const done = await repo.bookAtOnce(ctx.db, {
          reservation: { family_id: scope.familyId, child_id: child.id, activity_id: activity.id, period_id: period.id, kind, idempotency_key: key, request_hash: hash, account_id: scope.accountId, created_at: nowIso },
          lines: planned.map((p) => ({ unitId: p.unit.id, day: p.day, refused: p.refused, outcome: p.book === 'accepted' ? 'accepted' : 'pending' })),
          nowIso,
        });
        reservationId = done.reservationId;
        written.length = 0;
        written.push(...done.lines);
      } else
      reservationId = await writeTransaction(ctx, async (trx) => {
        written.length = 0;
        // The same key committed by another device since the replay check above: the UNIQUE (family, key) index
        // refuses this insert and the catch below answers with that reservation (no read here: one round trip less).
        const id = await repo.insertReservation(trx, {
          family_id: scope.familyId,
          child_id: child.id,
          activity_id: activity.id,
          period_id: period.id,
          kind,
          idempotency_key: key,
          request_hash: hash,
          account_id: scope.accountId,
          created_at: nowIso,
        });
        const live = planned.filter((p) => !p.refused);
        const counter = (p: PlannedLine) => ({ unitId: p.unit.id, day: p.day, capacity: p.unit.default_capacity });
        // Cells the child already holds, read before any lock (keeps locks short): a booking of the same cell by
        // another device in between is caught by the UNIQUE index and the reservation runs again.
        const held = await repo.heldCells(trx, child.id, activity.id, live.filter((p) => p.action === 'book').map((p) => ({ unitId: p.unit.id, day: p.day })));
        // The engine's lock rule for what removes bookings: the counter rows of the cancelled unit-days, created if
        // missing and locked in (unit, day) order, before anything is read about their bookings. Booking lines
        // take a place with a conditional UPDATE (which locks only the rows it changes) and otherwise join the
        // waiting list without a lock; settleWaitingLists runs after the commit (see booking.waitlist.ts).
        await repo.ensureAndLockUnitDays(trx, live.filter((p) => p.action === 'cancel').map(counter));
        await repo.ensureUnitDays(trx, live.filter((p) => p.action === 'book').map(counter), knownCounters);
        // Cancellations first (they may free places), then every booking line in a handful of statements.
        for (const p of planned.filter((x) => x.action === 'cancel'))
          written.push(await applyLine(trx, ctx, { id, ...r0 }, activity, p, nowIso));
        written.push(...(await applyBookLines(trx, { id, ...r0 }, activity, planned.filter((x) => x.action === 'book'), nowIso, held)));
        return id;
      });
      for (const p of planned) if (!p.refused) knownCounters.add(`${p.unit.id}|${p.day}`); // committed: they exist
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
  const toSettle = kind === 'booking' ? written.filter((l) => l.state === 'waitlisted') : planned.filter((p) => !p.refused).map((p) => ({ unit_id: p.unit.id, day: p.day }));
  await settleWaitingLists(ctx, activity, toSettle.map((l) => ({ unitId: l.unit_id, day: l.day })));
  // Built from what the transaction wrote: no second round of reads on the hot path.
  const row: repo.ReservationRow = {
    id: reservationId,
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
    for (const [i, code] of refusals) today[i].refused = code;
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
  if (!b) {
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

// ---------- views ----------

function reasonText(reason: string | null): string | null {
  if (!reason) return null;
  return /^[a-z_]+\.[a-z_]+$/.test(reason) ? messageFor(reason) : reason;
}

function stateOf(counts: ReservationSummary['counts']): ReservationState {
  if (counts.pending > 0) return 'pending';
  const total = counts.accepted + counts.waitlisted + counts.refused;
  if (counts.refused === total) return 'refused';
  if (counts.accepted === total) return 'accepted';
  if (counts.waitlisted === total) return 'waitlisted';
  return 'partial';
}

interface Names {
  child: { first_name: string; last_name: string } | undefined;
  activityName: string;
  periodLabel: string;
  unitLabel: (unitId: string) => string;
}

function toReservation(r: repo.ReservationRow, mine: repo.LineRow[], names: Names): Reservation {
  const counts = { accepted: 0, pending: 0, waitlisted: 0, refused: 0 };
  for (const l of mine) counts[l.state]++;
  return {
    number: r.id,
    familyId: r.family_id,
    kind: r.kind,
    state: stateOf(counts),
    child: { id: r.child_id, firstName: names.child?.first_name ?? '', lastName: names.child?.last_name ?? '' },
    activity: { id: r.activity_id, name: names.activityName },
    period: { id: r.period_id, label: names.periodLabel },
    createdAt: r.created_at,
    counts,
    lines: mine.map(
      (l): ReservationLine => ({
        id: l.id,
        day: l.day,
        unitId: l.unit_id,
        unitLabel: names.unitLabel(l.unit_id),
        action: l.action,
        state: l.state,
        reason: l.reason,
        reasonText: reasonText(l.reason),
        decidedAt: l.decided_at,
      }),
    ),
  };
}

async function reservationViews(db: Executor, rows: repo.ReservationRow[]): Promise<Reservation[]> {
  if (!rows.length) return [];
  const lines = await repo.linesOf(db, rows.map((r) => r.id));
  const childIds = [...new Set(rows.map((r) => r.child_id))];
  const children = new Map(
    (await db.selectFrom('child').select(['id', 'first_name', 'last_name']).where('id', 'in', childIds).execute()).map((c) => [c.id, c]),
  );
  const activities = new Map((await catalog.listActivities(db)).map((a) => [a.id, a]));
  const periods = new Map((await catalog.listPeriods(db)).map((p) => [p.id, p]));
  const units = new Map((await catalog.listUnits(db)).map((u) => [u.id, u]));
  return rows.map((r) =>
    toReservation(
      r,
      lines.filter((l) => l.reservation_id === r.id),
      {
        child: children.get(r.child_id),
        activityName: activities.get(r.activity_id)?.name ?? '',
        periodLabel: periods.get(r.period_id)?.label ?? '',
        unitLabel: (id) => units.get(id)?.label ?? '',
      },
    ),
  );
}

async function reservationView(db: Executor, row: repo.ReservationRow): Promise<Reservation> {
  return (await reservationViews(db, [row]))[0];
}

/** « Les Réservations »: the family's reservations, newest first. */
export async function listReservations(ctx: AppContext, scope: FamilyScope): Promise<ReservationSummary[]> {
  const views = await reservationViews(ctx.db, await repo.reservationsOfFamily(ctx.db, scope.familyId));
  return views.map(({ lines: _lines, familyId: _f, ...summary }) => summary);
}

/** One reservation's detail (§5.2); another family's number is the same 404 as a missing one. */
export async function getReservation(ctx: AppContext, scope: FamilyScope, number: number): Promise<Reservation> {
  const row = await repo.findReservation(ctx.db, number);
  if (!row || row.family_id !== scope.familyId) throw new NotFoundError();
  return reservationView(ctx.db, row);
}

// ---------- staff: requests, waiting lists, occupancy ----------

export async function pendingRequests(ctx: AppContext, activityId?: string): Promise<PendingRequest[]> {
  const ids = await repo.pendingReservationIds(ctx.db, activityId);
  if (!ids.length) return [];
  const rows = await ctx.db.selectFrom('reservation').selectAll().where('id', 'in', ids).orderBy('id').execute();
  const views = await reservationViews(ctx.db, rows);
  const names = await familyNames(ctx.db, views.map((v) => v.familyId));
  return views.map((v) => ({ ...v, familyName: names.get(v.familyId) ?? '' }));
}

/**
 * Accepts or refuses pending lines of a reservation (a whole reservation when `lineIds` is null), with the
 * reason sent to the family; audited; the family is e-mailed in the same transaction.
 */
export async function decideRequest(
  ctx: AppContext,
  actor: Actor,
  number: number,
  input: z.output<typeof decisionInput>,
): Promise<Reservation> {
  const nowIso = isoNow(ctx.clock);
  const settle = await writeTransaction(ctx, async (trx) => {
    const r = await repo.findReservation(trx, number);
    if (!r) throw new NotFoundError();
    const activityRow = await catalog.findActivity(trx, r.activity_id);
    if (!activityRow) throw new NotFoundError();
    const activity = catalog.toActivityConfig(activityRow);
    const choose = (lines: repo.LineRow[]) => {
      const pending = lines.filter((l) => l.state === 'pending');
      const chosen = input.lineIds === null ? pending : pending.filter((l) => input.lineIds!.includes(l.id));
      if (!chosen.length || (input.lineIds && chosen.length !== new Set(input.lineIds).size)) throw new ConflictError('booking.not_pending');
      return chosen;
    };
    // Lock the unit-days of the chosen lines (the engine's lock rule), then read the lines again: a second agent
    // (or a double click) waits here and then finds them decided → 409, nothing freed twice.
    const first = choose(await repo.linesOf(trx, [r.id]));
    await repo.lockUnitDays(trx, first.map((l) => ({ unitId: l.unit_id, day: l.day })));
    const chosen = choose(await repo.linesOf(trx, [r.id]));
    const refuseReason = input.reason ?? 'booking.refused_by_staff';
    const decided = { decided_at: nowIso, decided_by: actor.id };
    const decide = async (l: repo.LineRow, state: 'accepted' | 'refused') => {
      if (!(await repo.decidePendingLine(trx, l.id, { state, reason: state === 'refused' ? refuseReason : null, ...decided })))
        throw new ConflictError('booking.not_pending');
    };
    for (const l of chosen) {
      if (l.action === 'book') {
        const b = await repo.bookingByLine(trx, l.id);
        if (input.decision === 'accept') {
          await decide(l, 'accepted');
          if (b && !(await repo.moveBookingState(trx, b.id, 'pending', 'accepted', nowIso))) throw new ConflictError('booking.not_pending');
        } else {
          await decide(l, 'refused');
          if (b && !(await removeBooking(trx, ctx, activity, b, nowIso, null))) throw new ConflictError('booking.not_pending');
        }
      } else {
        const b = await repo.bookingByCancelLine(trx, l.id);
        if (input.decision === 'accept') {
          await decide(l, 'accepted');
          if (b && !(await removeBooking(trx, ctx, activity, b, nowIso, null))) throw new ConflictError('booking.not_pending');
        } else {
          await decide(l, 'refused');
          if (b && !(await repo.setCancelLine(trx, b.id, l.id, null, nowIso))) throw new ConflictError('booking.not_pending');
        }
      }
    }
    await recordAudit(trx, ctx.clock, actor, {
      action: input.decision === 'accept' ? 'booking.request_accepted' : 'booking.request_refused',
      familyId: r.family_id,
      targetType: 'reservation',
      targetId: String(r.id),
      details: { lineIds: chosen.map((l) => l.id), reason: input.reason ?? null },
    });
    const family = await repo.familyLoginEmail(trx, r.family_id);
    const child = await findChild(trx, r.child_id);
    const units = new Map((await catalog.listUnits(trx, r.activity_id)).map((u) => [u.id, u.label]));
    if (family && child) {
      const verb = (l: repo.LineRow) =>
        l.action === 'book'
          ? input.decision === 'accept' ? 'réservation acceptée' : 'réservation refusée'
          : input.decision === 'accept' ? 'annulation acceptée' : 'annulation refusée';
      await enqueueMail(
        trx,
        ctx,
        family.email,
        {
          template: 'booking.decided',
          firstName: family.first_name,
          childName: `${child.first_name} ${child.last_name}`,
          activityName: activity.name,
          number: r.id,
          lines: [
            ...chosen.map((l) => `• ${dayLabel(l.day)} — ${units.get(l.unit_id) ?? ''} : ${verb(l)}`),
            ...(input.decision === 'refuse' && input.reason ? [`Motif : « ${input.reason} »`] : []),
          ],
        },
        r.family_id,
      );
    }
    return { activity, cells: chosen.map((l) => ({ unitId: l.unit_id, day: l.day })) };
  });
  await settleWaitingLists(ctx, settle.activity, settle.cells);
  const row = await repo.findReservation(ctx.db, number);
  return reservationView(ctx.db, row!);
}

export async function occupancy(ctx: AppContext, q: { activityId: string; from: string; to: string }): Promise<Occupancy> {
  const a = await catalog.activityWithUnits(ctx.db, q.activityId);
  if (!a) throw new NotFoundError();
  const to = q.to < q.from ? q.from : q.to > addDays(q.from, 92) ? addDays(q.from, 92) : q.to;
  const unitIds = a.units.map((u) => u.id);
  const counters = new Map((await repo.unitDays(ctx.db, unitIds, q.from, to)).map((r) => [`${r.unit_id}|${r.day}`, r]));
  const counts = new Map<string, number>();
  for (const r of await repo.countsByState(ctx.db, unitIds, q.from, to)) counts.set(`${r.unit_id}|${r.day}|${r.state}`, Number(r.n));
  const days: Occupancy['days'] = [];
  for (let day = q.from; day <= to; day = addDays(day, 1)) {
    days.push({
      day,
      cells: a.units.map((u) => {
        const k = `${u.id}|${day}`;
        const c = counters.get(k);
        return {
          unitId: u.id,
          capacity: c?.capacity ?? u.default_capacity,
          booked: c?.booked ?? 0,
          pending: counts.get(`${k}|pending`) ?? 0,
          waiting: counts.get(`${k}|waitlisted`) ?? 0,
        };
      }),
    });
  }
  return { activityId: a.activity.id, units: a.units.map((u) => ({ id: u.id, code: u.code, label: u.label })), days };
}
