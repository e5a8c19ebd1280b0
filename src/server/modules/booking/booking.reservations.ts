import type { DB } from '../../db/schema.js';
import type { Kysely, Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import { NotFoundError } from '../../errors.js';
import type { FamilyScope } from '../family/family.service.js';
import * as catalog from '../catalog/catalog.service.js';
import { childNames } from '../child/child.service.js';
import { displayNames } from '../account/account.logins.js';
import { errorMessage } from '../../i18n.js';
import type { Language } from '../../../shared/i18n/languages.js';
import type { Reservation, ReservationLine, ReservationSummary } from '../../../shared/booking-contracts.js';
import * as repo from './booking.repo.js';
import { stateOf } from './booking.rules.js';

/**
 * A reservation as the family and the staff read it (§5.2): its lines with their states and reasons in French, the
 * names of its child, activity, period and units. The submit engine builds its answer with `toReservation` from what
 * its transaction wrote; the staff's decisions and the family's list read them here.
 */

type Executor = Kysely<DB> | Transaction<DB>;

/** A line's reason as people read it: a code's sentence (in `language`), or the staff's own words as written. */
function reasonText(reason: string | null, language: Language = 'fr'): string | null {
  if (!reason) return null;
  return /^[a-z_]+\.[a-z_]+$/.test(reason) ? errorMessage(language, reason) : reason;
}

/** The reservation with its lines' reasons in `language` (they are built in French): for the request's answer. */
export function reasonsIn<R extends Reservation>(language: Language, r: R): R {
  return language === 'fr' ? r : { ...r, lines: r.lines.map((l) => ({ ...l, reasonText: reasonText(l.reason, language) })) };
}

export interface Names {
  child: { first_name: string; last_name: string } | undefined;
  activityName: string;
  periodLabel: string;
  unitLabel: (unitId: string) => string;
}

export function toReservation(r: repo.ReservationRow, mine: repo.LineRow[], names: Names): Reservation {
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

export async function reservationViews(db: Executor, rows: repo.ReservationRow[]): Promise<Reservation[]> {
  if (!rows.length) return [];
  const lines = await repo.linesOf(db, rows.map((r) => r.id));
  const childIds = [...new Set(rows.map((r) => r.child_id))];
  const children = await childNames(db, childIds);
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

export async function reservationView(db: Executor, row: repo.ReservationRow): Promise<Reservation> {
  return (await reservationViews(db, [row]))[0];
}

/** « Les Réservations »: the family's reservations, newest first, each with the member who made it (issue 11). */
export async function listReservations(ctx: AppContext, scope: FamilyScope): Promise<ReservationSummary[]> {
  const rows = await repo.reservationsOfFamily(ctx.db, scope.familyId);
  const views = await reservationViews(ctx.db, rows);
  const names = await displayNames(ctx.db, rows.map((r) => r.account_id));
  const by = new Map(rows.map((r) => [r.id, names.get(r.account_id) ?? null]));
  return views.map(({ lines: _lines, familyId: _f, ...summary }) => ({ ...summary, madeBy: by.get(summary.number) ?? null }));
}

/** The family's reservations for its log (issue 11, « Journal du foyer »): who made which, when; newest first. */
export async function reservationsForLog(
  db: Executor,
  familyId: string,
): Promise<{ number: number; kind: 'booking' | 'cancellation' | 'mixed'; accountId: string; childId: string; createdAt: string }[]> {
  const rows = await repo.reservationsOfFamily(db, familyId);
  return rows.map((r) => ({ number: r.id, kind: r.kind, accountId: r.account_id, childId: r.child_id, createdAt: r.created_at }));
}

/**
 * The staff's decisions on this family's reservations, for its journal (issue 11): per reservation and decision
 * instant, whether the lines were accepted or refused by the service (lines decided by nobody — accepted at once,
 * waitlisted, refused by a rule — are the family's own request, already in the journal).
 */
export async function decisionsForLog(
  db: Executor,
  familyId: string,
): Promise<{ number: number; childId: string; decidedAt: string; accepted: boolean; lines: number }[]> {
  const rows = await db
    .selectFrom('reservation_line as l')
    .innerJoin('reservation as r', 'r.id', 'l.reservation_id')
    .select(['r.id', 'r.child_id', 'l.decided_at', 'l.state'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('r.family_id', '=', familyId)
    .where('l.decided_by', 'is not', null)
    .where('l.decided_at', 'is not', null)
    .where('l.state', 'in', ['accepted', 'refused'])
    .groupBy(['r.id', 'r.child_id', 'l.decided_at', 'l.state'])
    .orderBy('l.decided_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({ number: Number(r.id), childId: r.child_id, decidedAt: r.decided_at!, accepted: r.state === 'accepted', lines: Number(r.n) }));
}

/** One reservation's detail (§5.2); another family's number is the same 404 as a missing one. */
export async function getReservation(ctx: AppContext, scope: FamilyScope, number: number): Promise<Reservation> {
  const row = await repo.findReservation(ctx.db, number);
  if (!row || row.family_id !== scope.familyId) throw new NotFoundError();
  return reservationView(ctx.db, row);
}
