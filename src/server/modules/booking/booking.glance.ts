/**
 * « Mon compte famille » at a glance (issue 17): per child, the days booked this week and next week, the next
 * cancellation deadline of those days, the next deadline to book a day of the two weeks, and the planning to open in
 * one click. Read only, from the booking module's own tables and the catalog's and child module's services.
 */
import type { AppContext } from '../../context.js';
import { readGenerations } from '../../db/generations.js';
import { addDays, mondayOf, parisDateOf, weekdayOf } from '../../../shared/calendar/paris-time.js';
import type { FamilyGlance } from '../../../shared/booking-contracts.js';
import * as catalog from '../catalog/catalog.service.js';
import { childNamesOfFamily } from '../child/child.service.js';
import type { FamilyScope } from '../family/family.service.js';
import { outcome } from './booking.rules.js';
import { ownedChild } from './booking.planning.js';
import type { ChildBookings } from '../../../shared/booking-contracts.js';

export async function familyGlance(ctx: AppContext, scope: FamilyScope): Promise<FamilyGlance> {
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const today = parisDateOf(now);
  const monday = mondayOf(today);
  const last = addDays(monday, 13);
  const gens = await readGenerations(ctx.db);
  const children = await childNamesOfFamily(ctx.db, scope.familyId);
  const rows = await ctx.db
    .selectFrom('booking')
    .select(['child_id', 'activity_id', 'unit_id', 'day', 'state', 'cancel_line_id'])
    .where('family_id', '=', scope.familyId)
    .where('day', '>=', monday)
    .where('day', '<=', last)
    .orderBy('day')
    .orderBy('id')
    .execute();

  const bundles = new Map<string, Awaited<ReturnType<typeof catalog.cachedActivityWithUnits>>>();
  const bundleOf = async (activityId: string) => {
    if (!bundles.has(activityId)) bundles.set(activityId, await catalog.cachedActivityWithUnits(ctx.db, gens, activityId));
    return bundles.get(activityId) ?? null;
  };
  const factsOf = new Map<string, catalog.CalendarFacts>();
  const facts = async (a: catalog.ActivityConfig) => {
    if (!factsOf.has(a.id)) factsOf.set(a.id, await catalog.cachedCalendarFacts(ctx.db, gens, a, monday, last));
    return factsOf.get(a.id)!;
  };

  // the next deadline to book a day of the two weeks, per activity whose period is open now
  const c = await catalog.staffCatalog(ctx);
  const bookable: { activityId: string; activityName: string; periodId: string; day: string; cutoff: string | null }[] = [];
  for (const e of c.establishments)
    for (const a of e.activities)
      for (const p of a.periods) {
        if (!(p.opensAt <= nowIso && nowIso < p.closesAt)) continue;
        const b = await bundleOf(a.id);
        if (!b || !b.units.length) continue;
        const f = await facts(b.activity);
        for (let d = today; d <= last; d = addDays(d, 1)) {
          if (d < p.startDay || d > p.endDay || !b.activity.openWeekdays.includes(weekdayOf(d))) continue;
          if (f.closureOn(d) || (b.activity.schoolHolidays === 'closed' && f.schoolHolidayOn(d)) || (b.activity.schoolHolidays === 'only' && !f.schoolHolidayOn(d)))
            continue;
          const o = outcome(b.activity.bookingPolicy, d, now, f, b.units[0]);
          // the first day still bookable; a rule without a deadline has no cut-off to say
          if (o.outcome !== 'refused' && (o.cutoff === null || o.cutoff > nowIso)) {
            bookable.push({ activityId: a.id, activityName: a.name, periodId: p.id, day: d, cutoff: o.cutoff });
            break;
          }
        }
      }
  // soonest cut-off first; without a deadline, last
  const order = (c: string | null) => c ?? '9999';
  bookable.sort((x, y) => (order(x.cutoff) < order(y.cutoff) ? -1 : order(x.cutoff) > order(y.cutoff) ? 1 : 0));

  const out: FamilyGlance['children'] = [];
  for (const child of children) {
    const mine = rows.filter((r) => r.child_id === child.id);
    const days: FamilyGlance['children'][number]['days'] = [];
    let nextCancel: FamilyGlance['children'][number]['nextCancel'] = null;
    for (const r of mine) {
      const b = await bundleOf(r.activity_id);
      const unit = b?.units.find((u) => u.id === r.unit_id);
      if (!b || !unit) continue;
      days.push({
        day: r.day,
        activityId: r.activity_id,
        activityName: b.activity.name,
        unitLabel: unit.label,
        unitPosition: unit.position,
        state: r.state,
        cancelRequested: r.cancel_line_id !== null,
      });
      if (r.day >= today && r.cancel_line_id === null) {
        const o = outcome(b.activity.cancellationPolicy, r.day, now, await facts(b.activity), unit);
        if (o.outcome !== 'refused' && o.cutoff && o.cutoff > nowIso && (!nextCancel || o.cutoff < nextCancel.cutoff))
          nextCancel = { day: r.day, activityName: b.activity.name, unitLabel: unit.label, cutoff: o.cutoff };
      }
    }
    // the planning one click away: an activity the child is booked in whose period is open, else the first open one
    const booked = new Set(mine.map((r) => r.activity_id));
    const planning = bookable.find((x) => booked.has(x.activityId)) ?? bookable[0] ?? null;
    out.push({
      id: child.id,
      firstName: child.first_name,
      lastName: child.last_name,
      days,
      nextCancel,
      nextBooking: planning ? { day: planning.day, activityName: planning.activityName, cutoff: planning.cutoff } : null,
      planning: planning ? { activityId: planning.activityId, periodId: planning.periodId } : null,
    });
  }
  return { today, weeks: [monday, addDays(monday, 7)], children: out };
}

/**
 * Every day a child holds from today on (issue 17: the printable summary and month view of a child's bookings,
 * « Jours réservés de Léa »): accepted, awaiting the service or on the waiting list, by day and unit. Another
 * family's child is the same 404 as a missing one.
 */
export async function childBookings(ctx: AppContext, scope: FamilyScope, childId: string): Promise<ChildBookings> {
  const { child } = await ownedChild(ctx.db, scope, childId);
  const today = parisDateOf(ctx.clock.now());
  const gens = await readGenerations(ctx.db);
  const rows = await ctx.db
    .selectFrom('booking')
    .select(['activity_id', 'unit_id', 'day', 'state', 'cancel_line_id'])
    .where('family_id', '=', scope.familyId)
    .where('child_id', '=', child.id)
    .where('day', '>=', today)
    .orderBy('day')
    .orderBy('id')
    .limit(1000)
    .execute();
  const days: ChildBookings['days'] = [];
  for (const r of rows) {
    const b = await catalog.cachedActivityWithUnits(ctx.db, gens, r.activity_id);
    const unit = b?.units.find((u) => u.id === r.unit_id);
    if (!b || !unit) continue;
    days.push({
      day: r.day,
      activityId: r.activity_id,
      activityName: b.activity.name,
      unitLabel: unit.label,
      unitPosition: unit.position,
      state: r.state,
      cancelRequested: r.cancel_line_id !== null,
    });
  }
  return { child: { id: child.id, firstName: child.first_name, lastName: child.last_name }, today, days };
}
