/**
 * Shared pieces of the booking race tests (tests/races/booking-defects.test.ts, booking.race.test.ts): activities,
 * families with several devices, staff clients, and the invariants checked in SQL after a race.
 */
import { sql } from 'kysely';
import type { TestApp, TestClient, Res } from '../support/app.js';
import { createFamily, createStaff, type FamilyFixture } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { childOf, createActivityFixture, newKey, reserve, type ActivityFixture } from '../integration/booking-support.js';
import type { DeadlinePolicy } from '../../src/shared/booking-contracts.js';

// Tuesday 1 September 2026, 10:00 Paris; the activities' periods run from Monday 7 September to mid-October.
export const START = '2026-09-01T08:00:00Z';

/** No deadline: every day of the period can be booked or cancelled at once. */
export const OPEN: DeadlinePolicy = { deadline: { kind: 'none' }, insideDeadline: 'accept', afterDeadline: 'refuse' };
/** Every booking is a request that staff decide (it holds its place until then). */
export const REQUEST: DeadlinePolicy = { deadline: { kind: 'none' }, insideDeadline: 'request', afterDeadline: 'refuse' };

/** The weekdays (Monday–Friday) from `from` on, `n` of them. */
export function weekdays(from: string, n: number): string[] {
  const out: string[] = [];
  const d = new Date(`${from}T12:00:00Z`);
  while (out.length < n) {
    const wd = d.getUTCDay();
    if (wd >= 1 && wd <= 5) out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

/** An activity open Monday–Friday, 7 September – 16 October 2026, with the given units and policies. */
export function activity(
  t: TestApp,
  o: { units: Record<string, number>; waitlistMode?: 'auto' | 'staff'; booking?: DeadlinePolicy; cancellation?: DeadlinePolicy },
): Promise<ActivityFixture> {
  return createActivityFixture(t, {
    units: o.units,
    activity: { waitlistMode: o.waitlistMode ?? 'auto', bookingPolicy: o.booking ?? OPEN, cancellationPolicy: o.cancellation ?? OPEN },
    period: { startDay: '2026-09-07', endDay: '2026-10-16' },
  });
}

export interface Parent {
  family: FamilyFixture;
  childId: string;
  /** one logged-in client per device (each its own session and CSRF token) */
  devices: TestClient[];
  client: TestClient;
}

export async function parent(t: TestApp, devices = 1, firstName = 'Léa'): Promise<Parent> {
  const family = await createFamily(t.ctx);
  const childId = await childOf(t, family, { firstName });
  const clients: TestClient[] = [];
  for (let i = 0; i < devices; i++) clients.push(await loginAs(t, family.accountId));
  return { family, childId, devices: clients, client: clients[0] };
}

export async function staff(t: TestApp, role: 'agent' | 'admin' = 'agent'): Promise<TestClient> {
  return loginAs(t, (await createStaff(t.ctx, { role })).accountId);
}

/** One reservation of one change, under a fresh Idempotency-Key. */
export function change(client: TestClient, act: ActivityFixture, childId: string, unitId: string, day: string, action: 'book' | 'cancel', key = newKey()) {
  return reserve(client, { childId, activityId: act.activityId, periodId: act.periodId, changes: [{ day, unitId, action }] }, key);
}

export async function book(p: Parent, act: ActivityFixture, unitId: string, day: string): Promise<Res> {
  return change(p.client, act, p.childId, unitId, day, 'book');
}

export async function bookingOf(t: TestApp, childId: string, unitId: string, day: string) {
  return t.ctx.db.selectFrom('booking').selectAll().where('child_id', '=', childId).where('unit_id', '=', unitId).where('day', '=', day).executeTakeFirst();
}

export async function counter(t: TestApp, unitId: string, day: string) {
  return t.ctx.db.selectFrom('unit_day').select(['capacity', 'booked']).where('unit_id', '=', unitId).where('day', '=', day).executeTakeFirst();
}

export async function promotedMails(t: TestApp, familyId: string): Promise<number> {
  const r = await t.ctx.db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('template', '=', 'booking.promoted')
    .where('family_id', '=', familyId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The French day the promotion e-mail names (as booking.service's dayLabel writes it). */
export function dayLabel(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** An error answer the portal may give under a race: a French message, never a bare 500. */
export function isOrderlyRefusal(res: Res): boolean {
  if (res.status < 400 || res.status >= 500) return false;
  const m = res.body?.error?.message;
  return typeof m === 'string' && m.length > 0 && !/^(internal|error)/i.test(m);
}

export interface InvariantReport {
  /** how many individual checks ran (one per unit-day per rule, one per promoted line, …) */
  checks: number;
  violations: string[];
}

/**
 * The booking invariants, in SQL, over every unit-day of the given units (all units when none given):
 *   - the counter equals the booking rows that hold a place (accepted or pending);
 *   - the counter never exceeds the capacity;
 *   - in automatic mode, no free place while a child waits;
 *   - a request line is decided once (one staff decision audited per line at most);
 *   - one « booking.promoted » e-mail per promoted line, none without a promoted line;
 *   - a booking row points at a line of the same cell whose state matches (accepted/pending/waitlisted).
 */
export async function checkBookingInvariants(t: TestApp, unitIds?: string[]): Promise<InvariantReport> {
  const db = t.ctx.db;
  const violations: string[] = [];
  let checks = 0;
  const units = await db
    .selectFrom('unit')
    .innerJoin('activity', 'activity.id', 'unit.activity_id')
    .select(['unit.id', 'unit.label', 'unit.default_capacity', 'activity.waitlist_mode'])
    .$if(!!unitIds, (q) => q.where('unit.id', 'in', unitIds!))
    .execute();
  if (!units.length) return { checks, violations };
  const ids = units.map((u) => u.id);
  const unitOf = new Map(units.map((u) => [u.id, u]));
  const counters = await db.selectFrom('unit_day').selectAll().where('unit_id', 'in', ids).execute();
  const rows = await db
    .selectFrom('booking')
    .select(['unit_id', 'day', 'state'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('unit_id', 'in', ids)
    .groupBy(['unit_id', 'day', 'state'])
    .execute();
  const count = new Map<string, { held: number; waiting: number }>();
  for (const r of rows) {
    const k = `${r.unit_id}|${r.day}`;
    const c = count.get(k) ?? { held: 0, waiting: 0 };
    if (r.state === 'waitlisted') c.waiting += Number(r.n);
    else c.held += Number(r.n);
    count.set(k, c);
  }
  const seen = new Set<string>();
  for (const c of counters) {
    const k = `${c.unit_id}|${c.day}`;
    seen.add(k);
    const n = count.get(k) ?? { held: 0, waiting: 0 };
    checks += 3;
    if (c.booked !== n.held) violations.push(`${k}: counter ${c.booked} but ${n.held} booking rows hold a place`);
    if (c.booked > c.capacity) violations.push(`${k}: counter ${c.booked} above capacity ${c.capacity}`);
    if (unitOf.get(c.unit_id)?.waitlist_mode === 'auto' && n.waiting > 0 && n.held < c.capacity)
      violations.push(`${k}: ${c.capacity - n.held} free place(s) while ${n.waiting} child(ren) wait (automatic mode)`);
  }
  for (const [k, n] of count) {
    if (seen.has(k)) continue;
    checks++;
    if (n.held > 0 || n.waiting > 0) violations.push(`${k}: ${n.held} holding and ${n.waiting} waiting rows without a counter row`);
  }

  // Booking rows agree with their lines.
  const bookings = await db
    .selectFrom('booking')
    .leftJoin('reservation_line', 'reservation_line.id', 'booking.line_id')
    .select(['booking.id', 'booking.state', 'booking.unit_id', 'booking.day', 'reservation_line.state as line_state', 'reservation_line.unit_id as line_unit', 'reservation_line.day as line_day'])
    .where('booking.unit_id', 'in', ids)
    .execute();
  for (const b of bookings) {
    checks++;
    if (b.line_state !== b.state || b.line_unit !== b.unit_id || b.line_day !== b.day)
      violations.push(`booking ${b.id} (${b.unit_id}|${b.day}) is ${b.state} but its line is ${b.line_state ?? 'missing'}`);
  }

  // A request line decided once: at most one staff decision audited per line.
  const decisions = await db
    .selectFrom('audit_log')
    .select(['details'])
    .where('action', 'in', ['booking.request_accepted', 'booking.request_refused'])
    .execute();
  const decidedLines = new Map<number, number>();
  for (const d of decisions) {
    const details = typeof d.details === 'string' ? JSON.parse(d.details) : d.details;
    for (const id of (details?.lineIds ?? []) as number[]) decidedLines.set(id, (decidedLines.get(id) ?? 0) + 1);
  }
  const ourLines = decidedLines.size
    ? new Set(
        (await db.selectFrom('reservation_line').select('id').where('id', 'in', [...decidedLines.keys()]).where('unit_id', 'in', ids).execute()).map((l) => Number(l.id)),
      )
    : new Set<number>();
  for (const [id, n] of decidedLines) {
    if (!ourLines.has(id)) continue;
    checks++;
    if (n > 1) violations.push(`request line ${id} decided ${n} times`);
  }

  // One « booking.promoted » e-mail per promoted line (matched by family, reservation number, day and unit).
  const promoted = await db
    .selectFrom('reservation_line')
    .innerJoin('reservation', 'reservation.id', 'reservation_line.reservation_id')
    .select(['reservation_line.id', 'reservation_line.unit_id', 'reservation_line.day', 'reservation.id as rid', 'reservation.family_id'])
    .where('reservation_line.reason', '=', 'booking.promoted')
    .where('reservation_line.unit_id', 'in', ids)
    .execute();
  const mails = await db.selectFrom('outbox').select(['id', 'family_id', 'text_body']).where('template', '=', 'booking.promoted').execute();
  const used = new Set<number>();
  const squash = (s: string) => s.replace(/\s+/g, ' ');
  for (const l of promoted) {
    checks++;
    const needle = `${dayLabel(l.day)} (${unitOf.get(l.unit_id)?.label ?? ''})`;
    const mine = mails.filter((m) => m.family_id === l.family_id && squash(m.text_body).includes(`n° ${l.rid}`) && squash(m.text_body).includes(needle));
    mine.forEach((m) => used.add(m.id));
    if (mine.length !== 1) violations.push(`promoted line ${l.id} (${l.unit_id}|${l.day}) has ${mine.length} « booking.promoted » e-mails`);
  }
  // Mails of these units' families that match no promoted line (only when all units are checked: otherwise a
  // mail of another unit is not ours to judge).
  if (!unitIds) {
    for (const m of mails) {
      checks++;
      if (!used.has(m.id)) violations.push(`« booking.promoted » e-mail ${m.id} matches no promoted line`);
    }
  }
  return { checks, violations };
}

/** Counts rows of a table (used to tell a counter apart from what it counts). */
export async function heldRows(t: TestApp, unitId: string, day: string): Promise<number> {
  const r = await t.ctx.db
    .selectFrom('booking')
    .select(sql<number>`count(*)`.as('n'))
    .where('unit_id', '=', unitId)
    .where('day', '=', day)
    .where('state', 'in', ['accepted', 'pending'])
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
