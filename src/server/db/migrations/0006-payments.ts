import { sql, type Kysely } from 'kysely';

/** Online payments (issue 5): payments, their invoices, and the demo provider's simulated bank. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('online_payment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().references('family.id'))
    .addColumn('provider', 'text', (c) => c.notNull().check(sql`provider in ('demo', 'payfip')`))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('amount_cents', 'integer', (c) => c.notNull().check(sql`amount_cents > 0`))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'paid', 'refused', 'abandoned', 'expired', 'failed')`),
    )
    .addColumn('provider_op_id', 'text')
    .addColumn('provider_transaction_id', 'text')
    .addColumn('result_code', 'text')
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('settled_at', 'text')
    .addColumn('next_check_at', 'text')
    .addColumn('locked_until', 'text')
    .addUniqueConstraint('online_payment_op_unique', ['provider', 'provider_op_id'])
    .addUniqueConstraint('online_payment_transaction_unique', ['provider', 'provider_transaction_id'])
    .execute();
  await db.schema.createIndex('online_payment_family_idx').on('online_payment').columns(['family_id', 'created_at']).execute();
  await db.schema.createIndex('online_payment_next_check_idx').on('online_payment').column('next_check_at').execute();

  await db.schema
    .createTable('online_payment_line')
    .addColumn('payment_id', 'text', (c) => c.notNull().references('online_payment.id'))
    .addColumn('invoice_id', 'integer', (c) => c.notNull().references('invoice.id'))
    .addColumn('invoice_number', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull().check(sql`amount_cents > 0`))
    .addColumn('active', 'integer', (c) => c.check(sql`active = 1`))
    .addPrimaryKeyConstraint('online_payment_line_pk', ['payment_id', 'invoice_id'])
    // NULLs are distinct: at most one payment in progress per invoice, any number of finished ones
    .addUniqueConstraint('online_payment_line_one_in_progress', ['invoice_id', 'active'])
    .execute();

  await db.schema
    .createTable('demo_bank_operation')
    .addColumn('op_id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('notify_url', 'text', (c) => c.notNull())
    .addColumn('return_url', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('accepted', 'refused', 'abandoned')`))
    .addColumn('decided_at', 'text')
    .addColumn('notify_at', 'text')
    .addColumn('notified_at', 'text')
    .addColumn('notify_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .execute();
  await db.schema.createIndex('demo_bank_notify_idx').on('demo_bank_operation').column('notify_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('demo_bank_operation').execute();
  await db.schema.dropTable('online_payment_line').execute();
  await db.schema.dropTable('online_payment').execute();
}
