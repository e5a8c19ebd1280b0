import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../database.js';

// Typed Kysely<any>: a migration never depends on today's schema types.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  const serial = (t: any) =>
    pg ? t.addColumn('id', 'serial', (c: any) => c.primaryKey()) : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement());

  await db.schema
    .createTable('family')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('address_line1', 'text')
    .addColumn('address_line2', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('city', 'text')
    .addColumn('insee_code', 'text')
    .addColumn('family_situation', 'text')
    .addColumn('benefits_regime', 'text')
    .addColumn('benefits_number', 'text')
    .addColumn('family_quotient', 'integer', (c) => c.check(sqlCheck('family_quotient >= 0')))
    .addColumn('payer_rank', 'integer', (c) => c.notNull().defaultTo(1).check(sqlCheck('payer_rank in (1, 2)')))
    .addColumn('terms_accepted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('guardian')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().references('family.id').onDelete('cascade'))
    .addColumn('rank', 'integer', (c) => c.notNull().check(sqlCheck('rank in (1, 2)')))
    .addColumn('civility', 'text')
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text')
    .addColumn('mobile_phone', 'text')
    .addColumn('home_phone', 'text')
    .addColumn('work_phone', 'text')
    .addColumn('email', 'text')
    .addColumn('profession', 'text')
    .addColumn('employer', 'text')
    .addUniqueConstraint('guardian_family_rank_uq', ['family_id', 'rank'])
    .execute();

  await db.schema
    .createTable('account')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sqlCheck("kind in ('family', 'staff')")))
    .addColumn('role', 'text', (c) => c.check(sqlCheck("role is null or role in ('admin', 'agent')")))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sqlCheck("status in ('pending', 'active', 'rejected', 'disabled')")),
    )
    .addColumn('family_id', 'text', (c) => c.references('family.id').onDelete('cascade'))
    .addColumn('display_name', 'text')
    .addColumn('rejection_reason', 'text')
    .addColumn('validated_at', 'text')
    .addColumn('validated_by', 'text')
    .addColumn('password_changed_at', 'text')
    .addColumn('last_login_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('account_status_idx').on('account').columns(['kind', 'status']).execute();
  await db.schema.createIndex('account_family_idx').on('account').column('family_id').execute();

  await db.schema
    .createTable('session')
    .addColumn('id', 'text', (c) => c.primaryKey()) // sha-256 of the cookie token: a DB leak reveals no usable token
    .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('idle_expires_at', 'text', (c) => c.notNull())
    .addColumn('absolute_expires_at', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('session_account_idx').on('session').column('account_id').execute();

  await db.schema
    .createTable('account_token')
    .addColumn('id', 'text', (c) => c.primaryKey()) // sha-256 of the mailed token
    .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) =>
      c.notNull().check(sqlCheck("purpose in ('password_reset', 'email_change', 'invitation')")),
    )
    .addColumn('new_email', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('account_token_account_idx').on('account_token').column('account_id').execute();

  await serial(db.schema.createTable('outbox'))
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('template', 'text', (c: any) => c.notNull())
    .addColumn('to_address', 'text', (c: any) => c.notNull())
    .addColumn('subject', 'text', (c: any) => c.notNull())
    .addColumn('text_body', 'text', (c: any) => c.notNull())
    .addColumn('html_body', 'text', (c: any) => c.notNull())
    .addColumn('status', 'text', (c: any) =>
      c.notNull().check(sqlCheck("status in ('pending', 'sent', 'failed', 'not_sent')")),
    )
    .addColumn('attempts', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c: any) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('family_id', 'text')
    .execute();
  await db.schema.createIndex('outbox_due_idx').on('outbox').columns(['status', 'next_attempt_at']).execute();

  await serial(db.schema.createTable('audit_log'))
    .addColumn('at', 'text', (c: any) => c.notNull())
    .addColumn('actor_account_id', 'text')
    .addColumn('actor_email', 'text')
    .addColumn('action', 'text', (c: any) => c.notNull())
    .addColumn('family_id', 'text')
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('details', 'text')
    .execute();
  await db.schema.createIndex('audit_family_idx').on('audit_log').columns(['family_id', 'at']).execute();
  await db.schema.createIndex('audit_at_idx').on('audit_log').column('at').execute();

  await db.schema
    .createTable('throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', 'text', (c) => c.notNull())
    .addColumn('blocked_until', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['throttle', 'audit_log', 'outbox', 'account_token', 'session', 'account', 'guardian', 'family']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}

function sqlCheck(expr: string) {
  return sql.raw(expr);
}
