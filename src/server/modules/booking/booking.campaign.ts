/**
 * The booking module's part of request campaigns (issue 12, docs/fair-opening.md). The campaign module owns the
 * campaigns and the wishes; the places, the bookings and the waiting lists stay here, and this file is the only door
 * the campaign module writes them through:
 *
 * - `registerCampaignPhase` / `campaignPhase`: the campaign module tells booking whether a period is collecting wishes
 *   (or waiting for its allocation); the planning then shows the wish mode, and a first-come booking is refused.
 * - `lockCampaignCells`: the unit-days of the allocation, created and locked in (unit, day) order (the engine's lock
 *   rule) with the places each still has.
 * - `writeCampaignPlaces`: the allocated places (accepted bookings) and the waiting-list entries, in priority order,
 *   one reservation per child, in the caller's transaction, with the counters taken conditionally.
 * - reads the allocation needs: cells children already hold, previous attendance, siblings holding a place, and the
 *   current waiting-list rank of a family's children.
 */
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import { affected, type Executor } from '../../db/write.js';
import { ConflictError } from '../../errors.js';
import * as catalog from '../catalog/catalog.service.js';
import * as repo from './booking.repo.js';
import { settleWaitingLists } from './booking.waitlist.js';

/** The phase of a period in request-campaign mode, as booking needs it; null: first come, first served. */
export interface CampaignPhase {
  campaignId: string;
  /** 'requests': the window is open (wishes, no booking); 'allocating': closed, not yet published (nothing yet) */
  phase: 'requests' | 'allocating' | 'before';
  opensAt: string;
  closesAt: string;
}

type PhaseOf = (db: Executor, activityId: string, periodId: string, nowIso: string) => Promise<CampaignPhase | null>;
let phaseOf: PhaseOf | null = null;

/** Called once by buildApp (src/server/app.ts): the campaign module answers for the periods it holds. */
export function registerCampaignPhase(fn: PhaseOf | null): void {
  phaseOf = fn;
}

export function campaignPhase(db: Executor, activityId: string, periodId: string, nowIso: string): Promise<CampaignPhase | null> {
  return phaseOf ? phaseOf(db, activityId, periodId, nowIso) : Promise.resolve(null);
}

/** The refusal of a first-come booking while a campaign holds the period, or null. */
export async function campaignRefusal(db: Executor, activityId: string, periodId: string, nowIso: string): Promise<string | null> {
  const p = await campaignPhase(db, activityId, periodId, nowIso);
  if (!p) return null;
  return p.phase === 'allocating' ? 'campaign.allocation_pending' : 'campaign.requests_only';
}

const key = (unitId: string, day: string) => `${unitId}|${day}`;

/**
 * Creates the missing counter rows of these unit-days and locks them all, in (unit, day) order, then answers the
 * places each has left (capacity − booked). Publishing holds these locks until its commit, so no place moves between
 * the allocation and its writing.
 */
export async function lockCampaignCells(trx: Executor, cells: { unitId: string; day: string; capacity: number }[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < cells.length; i += 500) {
    const rows = await repo.ensureAndLockUnitDays(trx, cells.slice(i, i + 500));
    for (const r of rows) out.set(key(r.unit_id, r.day), Math.max(0, Number(r.capacity) - Number(r.booked)));
  }
  return out;
}

/** Places left per cell without locking (the simulation): capacity − booked, the unit's default where no counter exists. */
export async function placesLeft(db: Executor, cells: { unitId: string; day: string; capacity: number }[], from: string, to: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const c of cells) out.set(key(c.unitId, c.day), c.capacity);
  const unitIds = [...new Set(cells.map((c) => c.unitId))];
  if (unitIds.length) {
    const rows = await db
      .selectFrom('unit_day')
      .select(['unit_id', 'day', 'capacity', 'booked'])
      .where('unit_id', 'in', unitIds)
      .where('day', '>=', from)
      .where('day', '<=', to)
      .execute();
    for (const r of rows) if (out.has(key(r.unit_id, r.day))) out.set(key(r.unit_id, r.day), Math.max(0, r.capacity - r.booked));
  }
  return out;
}

/** The cells (child|unit|day) these children already hold (booked, requested or waiting) in the activity. */
export async function heldByChildren(db: Executor, activityId: string, childIds: string[], from: string, to: string): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < childIds.length; i += 500) {
    const rows = await db
      .selectFrom('booking')
      .select(['child_id', 'unit_id', 'day'])
      .where('activity_id', '=', activityId)
      .where('child_id', 'in', childIds.slice(i, i + 500))
      .where('day', '>=', from)
      .where('day', '<=', to)
      .execute();
    for (const r of rows) out.add(`${r.child_id}|${r.unit_id}|${r.day}`);
  }
  return out;
}

/** Among these children, those who held a place in this activity before `beforeDay` (« a déjà fréquenté »). */
export async function previouslyAttended(db: Executor, activityId: string, childIds: string[], beforeDay: string): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < childIds.length; i += 500) {
    const rows = await db
      .selectFrom('booking')
      .select('child_id')
      .distinct()
      .where('activity_id', '=', activityId)
      .where('state', '=', 'accepted')
      .where('day', '<', beforeDay)
      .where('child_id', 'in', childIds.slice(i, i + 500))
      .execute();
    for (const r of rows) out.add(r.child_id);
  }
  return out;
}

/** Among these children, those holding an accepted place on a day between `from` and `to` (any activity). */
export async function childrenWithPlaces(db: Executor, childIds: string[], from: string, to: string): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < childIds.length; i += 500) {
    const rows = await db
      .selectFrom('booking')
      .select('child_id')
      .distinct()
      .where('state', '=', 'accepted')
      .where('day', '>=', from)
      .where('day', '<=', to)
      .where('child_id', 'in', childIds.slice(i, i + 500))
      .execute();
    for (const r of rows) out.add(r.child_id);
  }
  return out;
}

export interface CampaignPlace {
  familyId: string;
  childId: string;
  unitId: string;
  day: string;
  state: 'accepted' | 'waitlisted';
  /** waitlisted: position on the unit-day's waiting list (entries are written in this order) */
  waitRank: number | null;
}

/**
 * Writes the published allocation, inside the caller's transaction, which holds the cells' counter rows
 * (lockCampaignCells): per child one numbered reservation (idempotency key `campaign:<id>:<child>`, so the family sees
 * « Réservation n° … » as for any booking), its lines, the current bookings — accepted ones first, then the waiting
 * entries rank by rank, so that the waiting lists (ordered by arrival, then id) hold the priority order — and each
 * counter taken by the places given, conditionally (never above capacity: a conflict rolls everything back).
 */
export async function writeCampaignPlaces(
  trx: Executor,
  q: { campaignId: string; activityId: string; periodId: string; accountId: string; nowIso: string; places: CampaignPlace[] },
): Promise<{ reservations: number; accepted: number; waitlisted: number }> {
  const byChild = new Map<string, CampaignPlace[]>();
  for (const p of q.places) byChild.set(`${p.familyId}|${p.childId}`, [...(byChild.get(`${p.familyId}|${p.childId}`) ?? []), p]);
  const reservationOf = new Map<string, number>();
  const entries = [...byChild.entries()];
  for (let i = 0; i < entries.length; i += 1000) {
    const rows = entries.slice(i, i + 1000).map(([, ps]) => ({
      family_id: ps[0]!.familyId,
      child_id: ps[0]!.childId,
      activity_id: q.activityId,
      period_id: q.periodId,
      kind: 'booking' as const,
      idempotency_key: `campaign:${q.campaignId}:${ps[0]!.childId}`,
      request_hash: `campaign:${q.campaignId}`,
      account_id: q.accountId,
      created_at: q.nowIso,
    }));
    const ids = await trx.insertInto('reservation').values(rows).returning(['id', 'family_id', 'child_id']).execute();
    for (const r of ids) reservationOf.set(`${r.family_id}|${r.child_id}`, Number(r.id));
  }
  // lines, then bookings: accepted first, then the waiting entries by rank (ids follow this order)
  const ordered = [...q.places].sort(
    (a, b) =>
      (a.state === b.state ? 0 : a.state === 'accepted' ? -1 : 1) ||
      (a.waitRank ?? 0) - (b.waitRank ?? 0) ||
      (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0) ||
      (a.day < b.day ? -1 : a.day > b.day ? 1 : 0),
  );
  const lineOf = new Map<string, number>();
  for (let i = 0; i < ordered.length; i += 1000) {
    const rows = ordered.slice(i, i + 1000).map((p) => ({
      reservation_id: reservationOf.get(`${p.familyId}|${p.childId}`)!,
      unit_id: p.unitId,
      day: p.day,
      action: 'book' as const,
      state: p.state,
      reason: p.state === 'accepted' ? 'campaign.allocated' : 'campaign.waitlisted',
      decided_at: q.nowIso,
      decided_by: null,
    }));
    const ids = await trx.insertInto('reservation_line').values(rows).returning(['id', 'reservation_id', 'unit_id', 'day']).execute();
    for (const r of ids) lineOf.set(`${r.reservation_id}|${r.unit_id}|${r.day}`, Number(r.id));
  }
  for (let i = 0; i < ordered.length; i += 1000) {
    const rows = ordered.slice(i, i + 1000).map((p) => ({
      family_id: p.familyId,
      child_id: p.childId,
      activity_id: q.activityId,
      unit_id: p.unitId,
      day: p.day,
      state: p.state,
      line_id: lineOf.get(`${reservationOf.get(`${p.familyId}|${p.childId}`)}|${p.unitId}|${p.day}`)!,
      cancel_line_id: null,
      created_at: q.nowIso,
      updated_at: q.nowIso,
    }));
    await trx.insertInto('booking').values(rows).execute();
  }
  const taken = new Map<string, { unitId: string; day: string; n: number }>();
  for (const p of q.places.filter((x) => x.state === 'accepted')) {
    const k = key(p.unitId, p.day);
    const t = taken.get(k) ?? { unitId: p.unitId, day: p.day, n: 0 };
    t.n++;
    taken.set(k, t);
  }
  for (const t of [...taken.values()].sort((a, b) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : a.day < b.day ? -1 : 1))) {
    const r = await trx
      .updateTable('unit_day')
      .set({ booked: sql`booked + ${t.n}` })
      .where('unit_id', '=', t.unitId)
      .where('day', '=', t.day)
      .where(sql<boolean>`booked + ${t.n} <= capacity`)
      .executeTakeFirst();
    if (affected(r) !== 1) throw new ConflictError('campaign.capacity_changed');
  }
  return { reservations: entries.length, accepted: q.places.length - ordered.filter((p) => p.state === 'waitlisted').length, waitlisted: ordered.filter((p) => p.state === 'waitlisted').length };
}

/** After the publication's commit: the existing settle (automatic waiting lists) on the cells it touched. */
export async function settleAfterCampaign(ctx: AppContext, activityId: string, cells: { unitId: string; day: string }[]): Promise<void> {
  const a = await catalog.findActivity(ctx.db, activityId);
  if (a) await settleWaitingLists(ctx, catalog.toActivityConfig(a), cells);
}

/**
 * Where a family's children stand now on the cells of an activity between two days: each booking's state and, when
 * waiting, its current position (it moves as places free and children ahead are promoted or cancel).
 */
export async function familyPlacesNow(
  db: Executor,
  familyId: string,
  activityId: string,
  from: string,
  to: string,
): Promise<Map<string, { state: 'accepted' | 'pending' | 'waitlisted'; position: number | null }>> {
  const rows = await db
    .selectFrom('booking as b')
    .select(['b.child_id', 'b.unit_id', 'b.day', 'b.state'])
    .select(
      sql<number | null>`case when b.state = 'waitlisted' then (select count(*) from booking w where w.unit_id = b.unit_id and w.day = b.day and w.state = 'waitlisted' and (w.created_at < b.created_at or (w.created_at = b.created_at and w.id <= b.id))) else null end`.as(
        'position',
      ),
    )
    .where('b.family_id', '=', familyId)
    .where('b.activity_id', '=', activityId)
    .where('b.day', '>=', from)
    .where('b.day', '<=', to)
    .execute();
  return new Map(rows.map((r) => [`${r.child_id}|${r.unit_id}|${r.day}`, { state: r.state, position: r.position === null ? null : Number(r.position) }]));
}
