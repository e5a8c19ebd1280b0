import { readGenerations, type Generations } from '../../db/generations.js';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../context.js';
import { isoNow } from '../../clock.js';
import { NotFoundError } from '../../errors.js';
import type { FamilyScope } from '../family/family.service.js';
import { childForBooking } from '../child/child.service.js';
import * as catalog from '../catalog/catalog.service.js';
import { addDays, mondayOf, isoWeekOf, parisDateOf, weekdayOf } from '../../../shared/calendar/paris-time.js';
import type { BookingCatalog, Planning } from '../../../shared/booking-contracts.js';
import { cellState, unavailability, type CellInput } from './grid-state.js';
import * as repo from './booking.repo.js';
import { baseCell, blockedFor, householdRefusal, outcome, windowBlock, type BookingScope, type Bundle } from './booking.rules.js';
import { translator } from '../../i18n.js';
import { weekLabel } from './booking.wording.js';
import type { Language } from '../../../shared/i18n/languages.js';
import { missingDocuments } from '../document/document.service.js';
import { campaignPhase } from './booking.campaign.js';

/**
 * What a family sees before it books (§5.1): the catalog of the wizard and the planning of one child's week, each
 * cell's state computed by the pure rules (booking.rules.ts, grid-state.ts). Reads only. `loadBundle` and
 * `ownedChild` are also the submit engine's first reads (booking.submit.ts).
 */

type Executor = Kysely<DB> | Transaction<DB>;

export async function loadBundle(db: Executor, gens: Generations, activityId: string, periodId: string): Promise<Bundle> {
  const b = await catalog.cachedActivityWithUnits(db, gens, activityId);
  const period = b?.periods.find((p) => p.id === periodId);
  if (!b || !period) throw new NotFoundError();
  return { activity: b.activity, units: b.units, period };
}

/**
 * The child when it is one of the scope's household's (issue 11: through the child's household links), with this
 * household's custody part when the child is shared (null otherwise). Another family's child is a 404.
 */
export async function ownedChild(db: Executor, scope: FamilyScope, childId: string) {
  return childForBooking(db, childId, scope.familyId);
}

/** The wizard's establishments → activities → periods (§5.1 ❶ ❷), with each period's window state. */
export async function bookingCatalog(ctx: AppContext, scope: BookingScope, language: Language = 'fr'): Promise<BookingCatalog> {
  const c = await catalog.staffCatalog(ctx);
  const now = isoNow(ctx.clock);
  // issue 12: a period whose booking window opens later but whose request campaign is collecting wishes now is open
  // in the wizard (the planning then collects requests); one look-up per period not yet open
  const requesting = new Set<string>();
  for (const e of c.establishments)
    for (const a of e.activities)
      for (const p of a.periods)
        if (p.opensAt > now && p.closesAt > now && (await campaignPhase(ctx.db, a.id, p.id, now))?.phase === 'requests') requesting.add(p.id);
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
            // the deadlines as the family reads them, in its language
            ...(language === 'fr' ? { bookingRuleText: a.bookingRuleText, cancellationRuleText: a.cancellationRuleText } : catalog.ruleTexts(a, language)),
            periods: a.periods
              .filter((p) => p.closesAt > now)
              .map((p) => ({ ...p, open: (p.opensAt <= now && now < p.closesAt) || requesting.has(p.id) })),
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
  language: Language = 'fr',
): Promise<Planning> {
  const { child, custody } = await ownedChild(ctx.db, scope, childId);
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
    if (open) weeks.push({ monday, number: isoWeekOf(monday).week, label: weekLabel(monday, language) });
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
    (await repo.childBookings(ctx.db, child.id, activity.id, from, to, scope.familyId)).map((b) => [`${b.unit_id}|${b.day}`, b]),
  );
  // A shared child (issue 11): the other household's custody days, and the days it already booked, are not this
  // household's to book; the cell says so (the other household is never named, nor what it booked).
  const otherDays = custody ? await repo.otherHouseholdDays(ctx.db, child.id, activity.id, scope.familyId, from, to) : new Set<string>();
  const t = translator(language);
  const householdText: Record<string, string> = {
    'household.other_custody': t('households:planning.otherCustody'),
    'household.day_taken': t('households:planning.dayTaken'),
  };
  // Documents the activity requires (issue 6): a day they do not cover cannot be booked; a week none of whose days
  // they cover says so once, plainly, at the top of the planning.
  const missingDocs = await missingDocuments(ctx.db, scope.familyId, child.id, activity.id, days, gens);
  // issue 12: a period held by a request campaign shows the wish mode (booking.campaign.ts); no first-come booking
  const campaign = await campaignPhase(ctx.db, activity.id, period.id, nowIso);
  const campaignBlock = campaign ? (campaign.phase === 'allocating' ? 'campaign.allocation_pending' : 'campaign.requests_only') : null;
  const blocked =
    blockedFor(scope) ?? campaignBlock ?? windowBlock(period, nowIso) ?? (days.length > 0 && days.every((d) => missingDocs.has(d)) ? 'booking.documents_missing' : null);

  return {
    child: { id: child.id, firstName: child.first_name, lastName: child.last_name, birthDate: child.birth_date },
    activity: { id: activity.id, name: activity.name, kind: activity.kind, ...catalog.ruleTexts(activity, language) },
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
          const household = b ? null : householdRefusal(custody, day, otherDays);
          const state = cellState({
            ...base,
            blocked: blocked ?? (missingDocs.has(day) ? 'booking.documents_missing' : null),
            booking: b ? { state: b.state, cancelRequested: b.cancel_line_id !== null } : null,
            counter: { capacity: c?.capacity ?? u.default_capacity, booked: c?.booked ?? 0 },
            book,
            cancel,
          });
          // a day the activity runs but that is the other household's: closed for this one, with the reason
          if (household && state.state !== 'closed' && state.state !== 'holiday' && state.state !== 'age_not_allowed')
            return { unitId: u.id, ...state, state: 'closed' as const, reason: householdText[household], onBook: null, onCancel: null, placesLeft: null };
          return { unitId: u.id, ...state };
        }),
      };
    }),
    blocked,
    campaign: campaign ? { id: campaign.campaignId, phase: campaign.phase, opensAt: campaign.opensAt, closesAt: campaign.closesAt } : null,
  };
}
