import { sql, type Kysely } from 'kysely';

/**
 * Background jobs on several instances (issue 16).
 *  - The invoicing run becomes a background job: its progress is kept on the run row (families in the run, families
 *    done, the last family done in family-id order: the resume point) and so are the days without tariff counted by
 *    the chunks already committed (JSON {unitId: days}), for the run's warnings at the end.
 *  - UNIQUE (run_id, family_id) on the draft invoices: one invoice per family per run is computed, even if two
 *    workers raced on one chunk (invoices are created as drafts, only by the run's computation; partial, so the
 *    published or discarded invoices written directly by some tests' fixtures are not concerned).
 *  - job_schedule: one row per periodic job, claimed by a conditional UPDATE (next_run_at <= now) so that one
 *    instance runs it per period; failures push next_run_at back with a growing delay (src/server/jobs/runner.ts).
 *    Times are milliseconds since the epoch (bigint).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('invoicing_run').addColumn('families_total', 'integer').execute();
  await db.schema.alterTable('invoicing_run').addColumn('families_done', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('invoicing_run').addColumn('cursor_family_id', 'text').execute();
  await db.schema.alterTable('invoicing_run').addColumn('missing_tariff', 'text').execute();
  await db.schema.createIndex('invoice_run_family_uq').on('invoice').columns(['run_id', 'family_id']).unique().where(sql.ref('state'), '=', 'draft').execute();
  await db.schema
    .createTable('job_schedule')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('next_run_at', 'bigint', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('claimed_by', 'text')
    .addColumn('last_success_at', 'bigint')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('job_schedule').ifExists().execute();
  await db.schema.dropIndex('invoice_run_family_uq').ifExists().execute();
  for (const c of ['missing_tariff', 'cursor_family_id', 'families_done', 'families_total'])
    await db.schema.alterTable('invoicing_run').dropColumn(c).execute();
}
