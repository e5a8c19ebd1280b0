import type { Executor } from '../../db/write.js';

/**
 * The booking module's answers to the messaging module (issue 14, docs/messages.md): the families an announcement
 * reaches (« familles ayant une réservation tel jour / sur telle unité / telle activité / telle période »), the
 * families the deadline reminders speak to, and the bookings of a family's calendar feed. Current bookings only
 * (accepted or awaiting the staff's decision); the waiting list is not a booking.
 */

export interface BookedFilter {
  activityIds?: string[];
  unitId?: string;
  /** days from … to (YYYY-MM-DD, included) */
  from?: string;
  to?: string;
}

export async function familiesWithBookings(db: Executor, f: BookedFilter): Promise<string[]> {
  if (f.activityIds && f.activityIds.length === 0) return [];
  let q = db.selectFrom('booking').select('family_id').distinct().where('state', 'in', ['accepted', 'pending']);
  if (f.activityIds) q = q.where('activity_id', 'in', f.activityIds);
  if (f.unitId) q = q.where('unit_id', '=', f.unitId);
  if (f.from) q = q.where('day', '>=', f.from);
  if (f.to) q = q.where('day', '<=', f.to);
  return (await q.orderBy('family_id').execute()).map((r) => r.family_id);
}

/** For each family, the days it has something booked between `from` and `to` on these activities (or any). */
export async function bookedDaysOfFamilies(db: Executor, from: string, to: string, activityId?: string): Promise<Map<string, Set<string>>> {
  let q = db.selectFrom('booking').select(['family_id', 'day']).distinct().where('state', 'in', ['accepted', 'pending']).where('day', '>=', from).where('day', '<=', to);
  if (activityId) q = q.where('activity_id', '=', activityId);
  const out = new Map<string, Set<string>>();
  for (const r of await q.execute()) {
    let s = out.get(r.family_id);
    if (!s) out.set(r.family_id, (s = new Set()));
    s.add(r.day);
  }
  return out;
}

export interface FeedBooking {
  childId: string;
  activityId: string;
  unitId: string;
  day: string;
  state: 'accepted' | 'pending' | 'waitlisted';
}

/** A family's bookings between two days (one child, or the whole family), for its calendar feed. */
export async function bookingsForFeed(db: Executor, familyId: string, childId: string | null, from: string, to: string): Promise<FeedBooking[]> {
  let q = db
    .selectFrom('booking')
    .select(['child_id', 'activity_id', 'unit_id', 'day', 'state'])
    .where('family_id', '=', familyId)
    .where('day', '>=', from)
    .where('day', '<=', to);
  if (childId) q = q.where('child_id', '=', childId);
  const rows = await q.orderBy('day').orderBy('child_id').orderBy('unit_id').limit(5000).execute();
  return rows.map((r) => ({ childId: r.child_id, activityId: r.activity_id, unitId: r.unit_id, day: r.day, state: r.state }));
}
