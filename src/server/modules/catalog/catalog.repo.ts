import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ActivityTable, ClosureTable, EstablishmentTable, PeriodTable, SchoolHolidayTable, UnitTable } from './catalog.tables.js';

type Executor = Kysely<DB> | Transaction<DB>;

export type EstablishmentRow = EstablishmentTable;
export type ActivityRow = Selectable<ActivityTable>;
export type UnitRow = UnitTable;
export type PeriodRow = PeriodTable;
export type ClosureRow = ClosureTable;
export type SchoolHolidayRow = SchoolHolidayTable;

export function listEstablishments(db: Executor): Promise<EstablishmentRow[]> {
  return db.selectFrom('establishment').selectAll().orderBy('name').execute();
}

export function findEstablishment(db: Executor, id: string): Promise<EstablishmentRow | undefined> {
  return db.selectFrom('establishment').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertEstablishment(db: Executor, row: EstablishmentRow): Promise<void> {
  await db.insertInto('establishment').values(row).execute();
}

export async function updateEstablishment(db: Executor, id: string, set: Partial<EstablishmentRow>): Promise<number> {
  const r = await db.updateTable('establishment').set(set).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export function listActivities(db: Executor): Promise<ActivityRow[]> {
  return db.selectFrom('activity').selectAll().orderBy('name').execute();
}

export function findActivity(db: Executor, id: string): Promise<ActivityRow | undefined> {
  return db.selectFrom('activity').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertActivity(db: Executor, row: Insertable<ActivityTable>): Promise<void> {
  await db.insertInto('activity').values(row).execute();
}

export async function updateActivity(db: Executor, id: string, set: Updateable<ActivityTable>): Promise<number> {
  const r = await db.updateTable('activity').set(set).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export function listUnits(db: Executor, activityId?: string): Promise<UnitRow[]> {
  let q = db.selectFrom('unit').selectAll().orderBy('position').orderBy('label');
  if (activityId) q = q.where('activity_id', '=', activityId);
  return q.execute();
}

/** Units with their activity's name (billing: an office's units, the tariffs page), by activity or by unit ids. */
export function unitsWithActivity(
  db: Executor,
  q: { activityIds?: string[]; unitIds?: string[] },
): Promise<{ id: string; label: string; position: number; activity_id: string; activity_name: string }[]> {
  if ((q.activityIds && !q.activityIds.length) || (q.unitIds && !q.unitIds.length)) return Promise.resolve([]);
  let query = db.selectFrom('unit as u').innerJoin('activity as a', 'a.id', 'u.activity_id').select(['u.id', 'u.label', 'u.position', 'u.activity_id', 'a.name as activity_name']);
  if (q.activityIds) query = query.where('u.activity_id', 'in', q.activityIds);
  if (q.unitIds) query = query.where('u.id', 'in', q.unitIds);
  return query.orderBy('a.name').orderBy('u.position').execute();
}

/** Those of these activity ids that exist. */
export async function existingActivityIds(db: Executor, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  return new Set((await db.selectFrom('activity').select('id').where('id', 'in', ids).execute()).map((a) => a.id));
}

export function findUnit(db: Executor, id: string): Promise<UnitRow | undefined> {
  return db.selectFrom('unit').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUnit(db: Executor, row: UnitRow): Promise<void> {
  await db.insertInto('unit').values(row).execute();
}

export async function updateUnit(db: Executor, id: string, set: Partial<UnitRow>): Promise<void> {
  await db.updateTable('unit').set(set).where('id', '=', id).execute();
}


export function listPeriods(db: Executor, activityId?: string): Promise<PeriodRow[]> {
  let q = db.selectFrom('period').selectAll().orderBy('start_day');
  if (activityId) q = q.where('activity_id', '=', activityId);
  return q.execute();
}

export function findPeriod(db: Executor, id: string): Promise<PeriodRow | undefined> {
  return db.selectFrom('period').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertPeriod(db: Executor, row: PeriodRow): Promise<void> {
  await db.insertInto('period').values(row).execute();
}

export async function updatePeriod(db: Executor, id: string, set: Partial<PeriodRow>): Promise<void> {
  await db.updateTable('period').set(set).where('id', '=', id).execute();
}

export function listClosures(db: Executor, opts: { establishmentId?: string; from?: string; to?: string } = {}): Promise<ClosureRow[]> {
  let q = db.selectFrom('closure').selectAll().orderBy('day');
  if (opts.establishmentId) q = q.where('establishment_id', '=', opts.establishmentId);
  if (opts.from) q = q.where('day', '>=', opts.from);
  if (opts.to) q = q.where('day', '<=', opts.to);
  return q.execute();
}

export async function insertClosure(db: Executor, row: ClosureRow): Promise<void> {
  await db.insertInto('closure').values(row).execute();
}

export async function deleteClosure(db: Executor, id: string): Promise<ClosureRow | undefined> {
  const row = await db.selectFrom('closure').selectAll().where('id', '=', id).executeTakeFirst();
  if (row) await db.deleteFrom('closure').where('id', '=', id).execute();
  return row;
}

export function listSchoolHolidays(db: Executor, opts: { from?: string; to?: string } = {}): Promise<SchoolHolidayRow[]> {
  let q = db.selectFrom('school_holiday').selectAll().orderBy('start_day');
  if (opts.to) q = q.where('start_day', '<=', opts.to);
  if (opts.from) q = q.where('end_day', '>=', opts.from);
  return q.execute();
}

export async function insertSchoolHoliday(db: Executor, row: SchoolHolidayRow): Promise<void> {
  await db.insertInto('school_holiday').values(row).execute();
}

export async function deleteSchoolHoliday(db: Executor, id: string): Promise<SchoolHolidayRow | undefined> {
  const row = await db.selectFrom('school_holiday').selectAll().where('id', '=', id).executeTakeFirst();
  if (row) await db.deleteFrom('school_holiday').where('id', '=', id).execute();
  return row;
}

export async function deleteImportedSchoolHolidays(db: Executor): Promise<void> {
  await db.deleteFrom('school_holiday').where('source', '=', 'ics').execute();
}
