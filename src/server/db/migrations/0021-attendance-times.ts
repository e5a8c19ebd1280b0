import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../database.js';

/**
 * Issue 15, offline attendance (« pointage » on a phone or tablet):
 *   - attendance: the arrival and departure times of the current mark, and the id of the mark that set it (the
 *     conflict rule compares (marked_at, mark_id): the latest mark wins);
 *   - attendance_mark: every mark ever received, applied or overtaken by a later one, with the device's time of the
 *     mark, the server's time of receipt, who sent it and from which device. `mark_id` is the client's id of the mark
 *     (UNIQUE): the same mark sent twice, or by a retried request, is recorded once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  await db.schema.alterTable('attendance').addColumn('arrived_at', 'text').execute();
  await db.schema.alterTable('attendance').addColumn('departed_at', 'text').execute();
  await db.schema.alterTable('attendance').addColumn('mark_id', 'text').execute();
  let t = db.schema.createTable('attendance_mark');
  t = pg ? t.addColumn('id', 'serial', (c) => c.primaryKey()) : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  await t
    .addColumn('mark_id', 'text', (c) => c.notNull().unique())
    .addColumn('child_id', 'text', (c) => c.notNull().references('child.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    // null: the mark cleared the child's line
    .addColumn('status', 'text', (c) =>
      c.check(sql.raw("status is null or status in ('present', 'absent_justified', 'absent_unjustified', 'present_unbooked')")),
    )
    .addColumn('arrived_at', 'text')
    .addColumn('departed_at', 'text')
    .addColumn('marked_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('marked_by', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql.raw("outcome in ('applied', 'overtaken')")))
    .execute();
  await db.schema.createIndex('attendance_mark_cell').on('attendance_mark').columns(['unit_id', 'day', 'child_id', 'marked_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('attendance_mark').execute();
  for (const c of ['mark_id', 'departed_at', 'arrived_at']) await db.schema.alterTable('attendance').dropColumn(c).execute();
}
