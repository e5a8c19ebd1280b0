import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * True when the attendance of `activityId` on `day` may no longer change: the month is being invoiced (a draft)
 * or has been invoiced (published) by the activity's collection office. The booking module asks before marking
 * attendance; discarding the draft unlocks the month.
 */
export async function attendanceLocked(db: Executor, activityId: string, day: string): Promise<boolean> {
  const row = await db
    .selectFrom('invoicing_run as r')
    .innerJoin('office_activity as oa', 'oa.office_id', 'r.office_id')
    .select('r.id')
    .where('oa.activity_id', '=', activityId)
    .where('r.month', '=', day.slice(0, 7))
    .where('r.state', 'in', ['draft', 'published'])
    .executeTakeFirst();
  return !!row;
}
