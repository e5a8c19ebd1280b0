/**
 * What the statistics (issue 15, docs/statistics.md) read of children: their birth date (the age band on the day of
 * an act) and their first household, as a subquery another module joins in its own grouped statement, so the
 * aggregates stay one SQL GROUP BY (`innerJoin(childBirthSubquery(db).as('c'), 'c.id', 'booking.child_id')`).
 */
import type { Executor } from '../../db/write.js';

export function childBirthSubquery(db: Executor) {
  return db.selectFrom('child').select(['id', 'birth_date', 'family_id']);
}
