/**
 * Several children at once (issue 17): one planning booked for brothers and sisters of the same family, for the same
 * activity and period, in one request — each child's changes become that child's numbered reservation through the
 * one submit engine (booking.submit.ts: FIFO gate, deadlines at arrival, places taken in (unit, day) order).
 *
 * All or nothing for everything the rules can refuse: every child is checked first — belongs to the family, the
 * units exist, no day twice, the same Idempotency-Key not reused for other changes — and nothing is written when
 * one fails (a 400/404/409 naming `children.N…`). Then the reservations are written in the children's order, each
 * under the key `<key>.<N>`: a request sent again (a double click, a retry after a lost answer or a crash between
 * two children) replays the reservations already made and completes the rest, never booking a child twice. Lines a
 * rule refuses (full day on the waiting list, deadline passed, age) are refused per child in its reservation, as
 * for one child.
 */
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { ConflictError, ForbiddenError, ValidationError, type FieldProblem } from '../../errors.js';
import { readGenerations } from '../../db/generations.js';
import type { Reservation, siblingReservationInput } from '../../../shared/booking-contracts.js';
import * as repo from './booking.repo.js';
import { blockedFor, type BookingScope } from './booking.rules.js';
import { loadBundle, ownedChild } from './booking.planning.js';
import { submitReservation } from './booking.submit.js';
import { createHash } from 'node:crypto';

type SiblingInput = z.output<typeof siblingReservationInput>;
type OneChild = { childId: string; activityId: string; periodId: string; changes: SiblingInput['children'][number]['changes'] };

/**
 * The engine's request hash of one child's reservation (booking.submit.ts, requestHash — kept private there): the key
 * reused with other changes is refused here before any child is written (booking-siblings.test.ts checks the two agree).
 */
function requestHash(input: OneChild): string {
  const changes = [...input.changes].sort((a, b) => (a.unitId + a.day + a.action < b.unitId + b.day + b.action ? -1 : 1));
  return createHash('sha256')
    .update(JSON.stringify([input.childId, input.activityId, input.periodId, changes.map((c) => [c.day, c.unitId, c.action])]))
    .digest('hex');
}

export async function submitForSiblings(
  ctx: AppContext,
  scope: BookingScope,
  input: SiblingInput,
  key: string,
  arrivedAt: Date = ctx.clock.now(),
  abandoned: () => boolean = () => false,
): Promise<{ reservations: Reservation[]; replayed: boolean }> {
  if (blockedFor(scope)) throw new ForbiddenError('account.not_validated');
  const gens = await readGenerations(ctx.db);
  const bundle = await loadBundle(ctx.db, gens, input.activityId, input.periodId);
  const units = new Set(bundle.units.map((u) => u.id));
  const problems: FieldProblem[] = [];
  const childSeen = new Set<string>();
  const each = input.children.map((c) => ({ childId: c.childId, activityId: input.activityId, periodId: input.periodId, changes: c.changes }));
  for (const [i, c] of each.entries()) {
    if (childSeen.has(c.childId)) problems.push({ path: `children.${i}.childId`, code: 'booking.duplicate_child' });
    childSeen.add(c.childId);
    await ownedChild(ctx.db, scope, c.childId); // another family's child: the same 404 as a missing one
    const seen = new Set<string>();
    c.changes.forEach((ch, j) => {
      if (!units.has(ch.unitId)) problems.push({ path: `children.${i}.changes.${j}.unitId`, code: 'booking.unit_unknown' });
      const k = `${ch.unitId}|${ch.day}`;
      if (seen.has(k)) problems.push({ path: `children.${i}.changes.${j}.day`, code: 'booking.duplicate_change' });
      seen.add(k);
    });
  }
  if (problems.length) throw new ValidationError(problems);
  // the key sent again with other changes: refused before anything is written
  for (const [i, c] of each.entries()) {
    const earlier = await repo.findReservationByKey(ctx.db, scope.familyId, `${key}.${i}`);
    if (earlier && earlier.request_hash !== requestHash(c)) throw new ConflictError('booking.idempotency_mismatch');
  }
  const reservations: Reservation[] = [];
  let replayed = true;
  for (const [i, c] of each.entries()) {
    // only the first child may be given up when the browser has gone: after it, the group is completed
    const r = await submitReservation(ctx, scope, c, `${key}.${i}`, arrivedAt, i === 0 ? abandoned : () => false);
    reservations.push(r.reservation);
    replayed &&= r.replayed;
  }
  return { reservations, replayed };
}
