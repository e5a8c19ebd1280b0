import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { forShare, forUpdate } from '../../db/write.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * True when the attendance of `activityId` on `day` may no longer change: the month is being invoiced (a draft)
 * or has been invoiced (published) by the activity's collection office. The booking module asks before marking
 * attendance, inside the transaction that writes the mark; discarding the draft unlocks the month.
 *
 * Concurrency (lock what you read): the activity's office links are read FOR SHARE and held until the mark
 * commits; a run's start takes them FOR UPDATE (lockOfficeActivities) before writing its run row, so a run never
 * starts between an attendance check and its write, and a mark after the run's start sees the run.
 */
export async function attendanceLocked(db: Executor, activityId: string, day: string): Promise<boolean> {
  await forShare(db, db.selectFrom('office_activity').select('office_id').where('activity_id', '=', activityId).orderBy('office_id')).execute();
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

/** Locks an office's activity links (FOR UPDATE, activity order): waits for attendance marks in flight. */
export async function lockOfficeActivities(db: Executor, officeId: string): Promise<void> {
  await forUpdate(db, db.selectFrom('office_activity').select('activity_id').where('office_id', '=', officeId).orderBy('activity_id')).execute();
}
