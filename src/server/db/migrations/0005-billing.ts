import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../database.js';

/**
 * Billing (issue 5): collection offices, tariffs, invoicing runs, invoices and their lines, credit notes, payments
 * and their allocation to invoices.
 *
 * Invariants held by the database, whatever the code does:
 *   - invoice numbers: one counter row per (office, kind, year), bumped in the publishing transaction, and
 *     UNIQUE(office, year, number): no reuse; the counter gives no gap (a rolled-back publish rolls it back too);
 *   - invoice: 0 ≤ paid, 0 ≤ credited, paid + credited ≤ total (CHECK): never more paid than due;
 *   - payment: 0 ≤ allocated ≤ amount (CHECK): an allocation never spends money that was not received;
 *   - one live run (draft or published) per office and month (partial UNIQUE index).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  // The invoicing run reads a month of attendance per batch of children (the primary key starts with the unit).
  await db.schema.createIndex('attendance_child_day_idx').on('attendance').columns(['child_id', 'day']).execute();
  const serial = (t: any) =>
    pg ? t.addColumn('id', 'serial', (c: any) => c.primaryKey()) : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement());
  const check = (expr: string) => sql.raw(expr);

  await db.schema
    .createTable('collection_office')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('address', 'text')
    .addColumn('payment_instructions', 'text')
    // comma-separated; '' for none
    .addColumn('resident_postal_codes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('resident_insee_codes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('payment_term_days', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Which office invoices an activity (at most one).
  await db.schema
    .createTable('office_activity')
    .addColumn('activity_id', 'text', (c) => c.primaryKey().references('activity.id'))
    .addColumn('office_id', 'text', (c) => c.notNull().references('collection_office.id'))
    .execute();

  await db.schema
    .createTable('invoice_counter')
    .addColumn('office_id', 'text', (c) => c.notNull().references('collection_office.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(check("kind in ('invoice', 'credit_note')")))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_number', 'integer', (c) => c.notNull().check(check('last_number >= 0')))
    .addPrimaryKeyConstraint('invoice_counter_pk', ['office_id', 'kind', 'year'])
    .execute();

  // One per unit: the rule as JSON (TariffRule in billing-contracts.ts).
  await db.schema
    .createTable('tariff')
    .addColumn('unit_id', 'text', (c) => c.primaryKey().references('unit.id'))
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activity.id'))
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();

  await serial(db.schema.createTable('invoicing_run'))
    .addColumn('office_id', 'text', (c: any) => c.notNull().references('collection_office.id'))
    .addColumn('month', 'text', (c: any) => c.notNull())
    .addColumn('state', 'text', (c: any) => c.notNull().check(check("state in ('draft', 'published', 'discarded')")))
    // JSON RunWarning[]
    .addColumn('warnings', 'text', (c: any) => c.notNull())
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('created_by', 'text', (c: any) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text')
    .execute();
  await db.schema
    .createIndex('invoicing_run_live_uq')
    .on('invoicing_run')
    .columns(['office_id', 'month'])
    .unique()
    .where(sql.ref('state'), '<>', 'discarded')
    .execute();

  await serial(db.schema.createTable('invoice'))
    .addColumn('run_id', 'integer', (c: any) => c.notNull().references('invoicing_run.id'))
    .addColumn('office_id', 'text', (c: any) => c.notNull().references('collection_office.id'))
    .addColumn('family_id', 'text', (c: any) => c.notNull().references('family.id'))
    .addColumn('month', 'text', (c: any) => c.notNull())
    .addColumn('state', 'text', (c: any) => c.notNull().check(check("state in ('draft', 'published', 'discarded')")))
    .addColumn('year', 'integer')
    .addColumn('number', 'integer')
    .addColumn('reference', 'text')
    .addColumn('issued_on', 'text')
    .addColumn('due_on', 'text')
    .addColumn('total_cents', 'integer', (c: any) => c.notNull())
    .addColumn('credited_cents', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('paid_cents', 'integer', (c: any) => c.notNull().defaultTo(0))
    // snapshot of the family's name, payer and address, QF and residence at computation
    .addColumn('family_name', 'text', (c: any) => c.notNull())
    .addColumn('payer', 'text', (c: any) => c.notNull())
    .addColumn('quotient', 'integer')
    .addColumn('resident', 'integer', (c: any) => c.notNull())
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addCheckConstraint(
      'invoice_amounts_ck',
      check('total_cents >= 0 and paid_cents >= 0 and credited_cents >= 0 and paid_cents + credited_cents <= total_cents'),
    )
    .addCheckConstraint('invoice_number_ck', check("(state = 'published') = (number is not null and year is not null)"))
    .addUniqueConstraint('invoice_number_uq', ['office_id', 'year', 'number'])
    .execute();
  await db.schema.createIndex('invoice_family_idx').on('invoice').columns(['family_id', 'state']).execute();
  await db.schema.createIndex('invoice_run_idx').on('invoice').column('run_id').execute();

  await serial(db.schema.createTable('invoice_line'))
    .addColumn('invoice_id', 'integer', (c: any) => c.notNull().references('invoice.id'))
    .addColumn('position', 'integer', (c: any) => c.notNull())
    .addColumn('child_id', 'text', (c: any) => c.notNull())
    .addColumn('child_name', 'text', (c: any) => c.notNull())
    .addColumn('activity_name', 'text', (c: any) => c.notNull())
    .addColumn('unit_label', 'text', (c: any) => c.notNull())
    .addColumn('kind', 'text', (c: any) => c.notNull())
    // comma-separated days
    .addColumn('days', 'text', (c: any) => c.notNull())
    .addColumn('quantity', 'integer', (c: any) => c.notNull())
    .addColumn('unit_price_cents', 'integer', (c: any) => c.notNull())
    .addColumn('amount_cents', 'integer', (c: any) => c.notNull())
    .addColumn('computation', 'text', (c: any) => c.notNull())
    .addCheckConstraint('invoice_line_amount_ck', check('amount_cents = quantity * unit_price_cents'))
    .execute();
  await db.schema.createIndex('invoice_line_invoice_idx').on('invoice_line').column('invoice_id').execute();

  await serial(db.schema.createTable('credit_note'))
    .addColumn('invoice_id', 'integer', (c: any) => c.notNull().references('invoice.id'))
    .addColumn('office_id', 'text', (c: any) => c.notNull().references('collection_office.id'))
    .addColumn('year', 'integer', (c: any) => c.notNull())
    .addColumn('number', 'integer', (c: any) => c.notNull())
    .addColumn('reference', 'text', (c: any) => c.notNull())
    .addColumn('amount_cents', 'integer', (c: any) => c.notNull().check(check('amount_cents > 0')))
    .addColumn('reason', 'text', (c: any) => c.notNull())
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('created_by', 'text', (c: any) => c.notNull())
    .addUniqueConstraint('credit_note_number_uq', ['office_id', 'year', 'number'])
    .execute();

  await serial(db.schema.createTable('payment'))
    .addColumn('family_id', 'text', (c: any) => c.notNull().references('family.id'))
    .addColumn('method', 'text', (c: any) =>
      c.notNull().check(check("method in ('cheque', 'cash', 'cesu', 'transfer', 'direct_debit', 'online')")),
    )
    .addColumn('amount_cents', 'integer', (c: any) => c.notNull())
    .addColumn('allocated_cents', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('reference', 'text')
    .addColumn('received_on', 'text', (c: any) => c.notNull())
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('created_by', 'text')
    .addCheckConstraint('payment_amounts_ck', check('amount_cents > 0 and allocated_cents >= 0 and allocated_cents <= amount_cents'))
    .execute();
  await db.schema.createIndex('payment_family_idx').on('payment').column('family_id').execute();

  await serial(db.schema.createTable('payment_allocation'))
    .addColumn('payment_id', 'integer', (c: any) => c.notNull().references('payment.id'))
    .addColumn('invoice_id', 'integer', (c: any) => c.notNull().references('invoice.id'))
    // negative when a credit note gives back what had been paid beyond the new net
    .addColumn('amount_cents', 'integer', (c: any) => c.notNull().check(check('amount_cents <> 0')))
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .execute();
  await db.schema.createIndex('payment_allocation_invoice_idx').on('payment_allocation').column('invoice_id').execute();
  await db.schema.createIndex('payment_allocation_payment_idx').on('payment_allocation').column('payment_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'payment_allocation',
    'payment',
    'credit_note',
    'invoice_line',
    'invoice',
    'invoicing_run',
    'tariff',
    'invoice_counter',
    'office_activity',
    'collection_office',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
  await db.schema.dropIndex('attendance_child_day_idx').ifExists().execute();
}
