/**
 * What the statistics (issue 15, docs/statistics.md) read of families: the commune (postal and INSEE codes: the
 * residence) and the family quotient, as a subquery another module joins in its own grouped statement
 * (`innerJoin(familyFactsSubquery(db).as('f'), 'f.id', 'booking.family_id')`).
 */
import type { Executor } from '../../db/write.js';

export function familyFactsSubquery(db: Executor) {
  return db.selectFrom('family').select(['id', 'postal_code', 'insee_code', 'family_quotient']);
}
