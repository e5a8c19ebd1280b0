/**
 * What the statistics (issue 15, docs/statistics.md) read of accounts: which are staff accounts, as a subquery
 * (a reservation recorded by staff is not an online booking: `account_id in (staffAccountIdsSubquery(db))`).
 */
import type { Executor } from '../../db/write.js';

export function staffAccountIdsSubquery(db: Executor) {
  return db.selectFrom('account').select('id').where('kind', '=', 'staff');
}
