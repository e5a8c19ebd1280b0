import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../database.js';

/**
 * Money the way a public treasury works (issue 13), and the one-off charge (issue 17):
 *   - billing: each office's money settings (creditor identifier, pre-notification delay, reminder schedule, debt
 *     thresholds, automatic use of credit), the activities' debt policy, lifts of the debt rule per family, the
 *     reminders sent per invoice (UNIQUE (invoice, step): a step is sent once, whatever the job does), paused
 *     families, refunds (they lower the family's credit), establishments' identifiers for the tax certificate, and
 *     `invoicing_run.kind` ('monthly' or 'manual': one manual run per office holds the one-off invoices);
 *   - sepa: mandates (UNIQUE RUM; one live mandate per family and office), debit batches (UNIQUE per invoicing run:
 *     a batch built twice is one batch) and their items (UNIQUE end-to-end id; an invoice in one live item).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  const serial = (t: any) =>
    pg ? t.addColumn('id', 'serial', (c: any) => c.primaryKey()) : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement());
  const check = (expr: string) => sql.raw(expr);

  await db.schema
    .alterTable('invoicing_run')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('monthly').check(check("kind in ('monthly', 'manual')")))
    .execute();

  await db.schema
    .createTable('office_money_setting')
    .addColumn('office_id', 'text', (c) => c.primaryKey().references('collection_office.id'))
    .addColumn('creditor_id', 'text')
    .addColumn('creditor_name', 'text')
    .addColumn('creditor_iban', 'text')
    .addColumn('creditor_bic', 'text')
    .addColumn('prenotification_days', 'integer', (c) => c.notNull().defaultTo(14).check(check('prenotification_days between 1 and 60')))
    // JSON ReminderStep[]
    .addColumn('reminder_steps', 'text', (c) => c.notNull())
    .addColumn('debt_min_cents', 'integer')
    .addColumn('debt_min_age_days', 'integer')
    .addColumn('auto_allocate_credit', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('activity_debt_policy')
    .addColumn('activity_id', 'text', (c) => c.primaryKey())
    // 1: bookings allowed whatever the family owes (essential: the canteen by default)
    .addColumn('essential', 'integer', (c) => c.notNull().check(check('essential in (0, 1)')))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('debt_lift')
    .addColumn('family_id', 'text', (c) => c.primaryKey().references('family.id'))
    .addColumn('until', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();

  await serial(db.schema.createTable('invoice_reminder'))
    .addColumn('invoice_id', 'integer', (c: any) => c.notNull().references('invoice.id'))
    .addColumn('step', 'integer', (c: any) => c.notNull())
    .addColumn('channel', 'text', (c: any) => c.notNull().check(check("channel in ('email', 'letter')")))
    .addColumn('balance_cents', 'integer', (c: any) => c.notNull())
    .addColumn('sent_at', 'text', (c: any) => c.notNull())
    .addUniqueConstraint('invoice_reminder_step_uq', ['invoice_id', 'step'])
    .execute();

  await db.schema
    .createTable('reminder_pause')
    .addColumn('family_id', 'text', (c) => c.primaryKey().references('family.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();

  await serial(db.schema.createTable('refund'))
    .addColumn('family_id', 'text', (c: any) => c.notNull().references('family.id'))
    .addColumn('payment_id', 'integer', (c: any) => c.references('payment.id'))
    .addColumn('kind', 'text', (c: any) => c.notNull().check(check("kind in ('refund', 'debit_return')")))
    .addColumn('method', 'text', (c: any) => c.notNull())
    .addColumn('amount_cents', 'integer', (c: any) => c.notNull().check(check('amount_cents > 0')))
    .addColumn('reference', 'text')
    .addColumn('refunded_on', 'text', (c: any) => c.notNull())
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('refund_family_idx').on('refund').column('family_id').execute();

  await db.schema
    .createTable('establishment_identifier')
    .addColumn('establishment_id', 'text', (c) => c.primaryKey())
    .addColumn('identifier', 'text', (c) => c.notNull())
    .execute();

  // ---------- sepa ----------
  await db.schema
    .createTable('sepa_mandate')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().references('family.id'))
    .addColumn('office_id', 'text', (c) => c.notNull().references('collection_office.id'))
    .addColumn('rum', 'text', (c) => c.notNull().unique())
    .addColumn('holder_name', 'text', (c) => c.notNull())
    .addColumn('iban', 'text', (c) => c.notNull())
    .addColumn('bic', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(check("state in ('requested', 'active', 'revoked', 'refused')")))
    .addColumn('sequence', 'text', (c) => c.notNull().check(check("sequence in ('FRST', 'RCUR')")))
    .addColumn('signed_on', 'text', (c) => c.notNull())
    .addColumn('signed_place', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('activated_at', 'text')
    .addColumn('activated_by', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('ended_by', 'text')
    .addColumn('end_reason', 'text')
    .execute();
  await db.schema
    .createIndex('sepa_mandate_live_uq')
    .on('sepa_mandate')
    .columns(['family_id', 'office_id'])
    .unique()
    .where(sql.ref('state'), 'in', sql`('requested', 'active')`)
    .execute();

  await serial(db.schema.createTable('sepa_batch'))
    .addColumn('office_id', 'text', (c: any) => c.notNull().references('collection_office.id'))
    .addColumn('run_id', 'integer', (c: any) => c.notNull().unique().references('invoicing_run.id'))
    .addColumn('message_id', 'text', (c: any) => c.notNull().unique())
    .addColumn('collection_date', 'text', (c: any) => c.notNull())
    .addColumn('tx_count', 'integer', (c: any) => c.notNull())
    .addColumn('control_sum_cents', 'integer', (c: any) => c.notNull())
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('created_by', 'text', (c: any) => c.notNull())
    .execute();

  await serial(db.schema.createTable('sepa_batch_item'))
    .addColumn('batch_id', 'integer', (c: any) => c.notNull().references('sepa_batch.id'))
    .addColumn('invoice_id', 'integer', (c: any) => c.notNull().references('invoice.id'))
    .addColumn('mandate_id', 'text', (c: any) => c.notNull().references('sepa_mandate.id'))
    .addColumn('family_id', 'text', (c: any) => c.notNull())
    .addColumn('amount_cents', 'integer', (c: any) => c.notNull().check(check('amount_cents > 0')))
    .addColumn('sequence', 'text', (c: any) => c.notNull().check(check("sequence in ('FRST', 'RCUR')")))
    .addColumn('end_to_end_id', 'text', (c: any) => c.notNull().unique())
    .addColumn('payment_id', 'integer')
    .addColumn('state', 'text', (c: any) => c.notNull().check(check("state in ('collected', 'rejected')")))
    .addColumn('reject_code', 'text')
    .addColumn('fee_cents', 'integer')
    .addColumn('rejected_at', 'text')
    .addUniqueConstraint('sepa_batch_item_invoice_uq', ['batch_id', 'invoice_id'])
    .execute();
  await db.schema.createIndex('sepa_batch_item_family_idx').on('sepa_batch_item').column('family_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['sepa_batch_item', 'sepa_batch', 'sepa_mandate', 'establishment_identifier', 'refund', 'reminder_pause', 'invoice_reminder', 'debt_lift', 'activity_debt_policy', 'office_money_setting'])
    await db.schema.dropTable(t).execute();
  await db.schema.alterTable('invoicing_run').dropColumn('kind').execute();
}
