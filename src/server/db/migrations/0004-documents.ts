import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../database.js';

/**
 * Supporting documents (guide §7, issue 6) and the family's privacy requests. Files live in the database
 * (document_file.content, blob/bytea): every instance sees them, none sits under the web root, and their stored
 * name is the random id. Booleans are integers 0/1 on both databases.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const blob = dialectOf(db) === 'postgres' ? 'bytea' : 'blob';

  await db.schema
    .createTable('document_type')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('scope', 'text', (c) => c.notNull().check(sql.raw("scope in ('family', 'child')")))
    .addColumn('validity_kind', 'text', (c) => c.notNull().check(sql.raw("validity_kind in ('none', 'school_year', 'months')")))
    .addColumn('validity_months', 'integer')
    .addColumn('required', 'integer', (c) => c.notNull().check(sql.raw('required in (0, 1)')))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1).check(sql.raw('active in (0, 1)')))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create unique index document_type_name_uq on document_type (lower(name))`.execute(db);

  await db.schema
    .createTable('document_type_activity')
    .addColumn('document_type_id', 'text', (c) => c.notNull().references('document_type.id').onDelete('cascade'))
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activity.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('document_type_activity_pk', ['document_type_id', 'activity_id'])
    .execute();
  await db.schema.createIndex('document_type_activity_activity_idx').on('document_type_activity').column('activity_id').execute();

  await db.schema
    .createTable('document_submission')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().references('family.id').onDelete('cascade'))
    .addColumn('child_id', 'text', (c) => c.references('child.id').onDelete('cascade'))
    .addColumn('document_type_id', 'text', (c) => c.notNull().references('document_type.id'))
    .addColumn('state', 'text', (c) => c.notNull().check(sql.raw("state in ('pending', 'accepted', 'refused')")))
    .addColumn('refusal_reason', 'text')
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', 'text')
    // last valid day (YYYY-MM-DD, Paris) once accepted; null = no limit
    .addColumn('valid_until', 'text')
    .addColumn('reminder_sent_at', 'text')
    .execute();
  await db.schema.createIndex('document_submission_family_idx').on('document_submission').columns(['family_id', 'document_type_id']).execute();
  await db.schema.createIndex('document_submission_state_idx').on('document_submission').columns(['state', 'submitted_at']).execute();

  await db.schema
    .createTable('document_file')
    // random, unguessable: the only name the file has on the server
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('submission_id', 'text', (c) => c.notNull().references('document_submission.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    // the family's file name, cleaned, only ever sent back inside Content-Disposition
    .addColumn('file_name', 'text', (c) => c.notNull())
    // the type found in the bytes, never the one declared by the browser
    .addColumn('media_type', 'text', (c) =>
      c.notNull().check(sql.raw("media_type in ('application/pdf', 'image/jpeg', 'image/png')")),
    )
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', blob as any, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('document_file_submission_idx').on('document_file').column('submission_id').execute();

  await db.schema
    .createTable('privacy_request')
    .addColumn('family_id', 'text', (c) => c.primaryKey().references('family.id').onDelete('cascade'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['privacy_request', 'document_file', 'document_submission', 'document_type_activity', 'document_type'])
    await db.schema.dropTable(t).execute();
}
