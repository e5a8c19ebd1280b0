import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { DocumentFileTable, DocumentSubmissionTable, DocumentTypeTable } from './document.tables.js';

type Executor = Kysely<DB> | Transaction<DB>;
export type TypeRow = DocumentTypeTable & { activity_ids: string[] };
export type SubmissionRow = DocumentSubmissionTable;
export type FileMeta = Omit<DocumentFileTable, 'content'>;

const FILE_META = ['id', 'submission_id', 'position', 'file_name', 'media_type', 'size', 'sha256', 'created_at'] as const;

export async function listTypes(db: Executor, o: { activeOnly?: boolean } = {}): Promise<TypeRow[]> {
  let q = db.selectFrom('document_type').selectAll().orderBy('name');
  if (o.activeOnly) q = q.where('active', '=', 1);
  const types = await q.execute();
  const links = await db.selectFrom('document_type_activity').selectAll().execute();
  return types.map((t) => ({ ...t, activity_ids: links.filter((l) => l.document_type_id === t.id).map((l) => l.activity_id).sort() }));
}

export async function findType(db: Executor, id: string): Promise<TypeRow | undefined> {
  const t = await db.selectFrom('document_type').selectAll().where('id', '=', id).executeTakeFirst();
  if (!t) return undefined;
  const links = await db.selectFrom('document_type_activity').select('activity_id').where('document_type_id', '=', id).execute();
  return { ...t, activity_ids: links.map((l) => l.activity_id).sort() };
}

export async function setTypeActivities(trx: Executor, typeId: string, activityIds: string[]): Promise<void> {
  await trx.deleteFrom('document_type_activity').where('document_type_id', '=', typeId).execute();
  if (activityIds.length)
    await trx.insertInto('document_type_activity').values(activityIds.map((activity_id) => ({ document_type_id: typeId, activity_id }))).execute();
}

/** Active types an activity needs before booking. */
export function typesRequiredFor(db: Executor, activityId: string) {
  return db
    .selectFrom('document_type')
    .innerJoin('document_type_activity as l', 'l.document_type_id', 'document_type.id')
    .selectAll('document_type')
    .where('l.activity_id', '=', activityId)
    .where('document_type.active', '=', 1)
    .execute();
}

export function familySubmissions(db: Executor, familyId: string): Promise<SubmissionRow[]> {
  return db.selectFrom('document_submission').selectAll().where('family_id', '=', familyId).orderBy('submitted_at', 'desc').orderBy('id').execute();
}

export function findSubmission(db: Executor, id: string): Promise<SubmissionRow | undefined> {
  return db.selectFrom('document_submission').selectAll().where('id', '=', id).executeTakeFirst();
}

export function pendingSubmissions(db: Executor): Promise<SubmissionRow[]> {
  return db.selectFrom('document_submission').selectAll().where('state', '=', 'pending').orderBy('submitted_at').orderBy('id').limit(500).execute();
}

export async function filesOf(db: Executor, submissionIds: string[]): Promise<FileMeta[]> {
  if (!submissionIds.length) return [];
  return db.selectFrom('document_file').select(FILE_META).where('submission_id', 'in', submissionIds).orderBy('submission_id').orderBy('position').execute();
}

/** One file with its bytes and the family that owns it. */
export function findFile(db: Executor, fileId: string) {
  return db
    .selectFrom('document_file')
    .innerJoin('document_submission as s', 's.id', 'document_file.submission_id')
    .select([...FILE_META.map((c) => `document_file.${c}` as const), 'document_file.content', 's.family_id'])
    .where('document_file.id', '=', fileId)
    .executeTakeFirst();
}
