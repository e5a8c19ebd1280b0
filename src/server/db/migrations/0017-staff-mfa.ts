import { sql, type Kysely } from 'kysely';

/**
 * Staff two-factor login (issue 11): a TOTP secret per account (encrypted, see account.mfa.crypto.ts) with the last
 * time step used, single-use recovery codes (hashed), passkeys, WebAuthn challenges, the pending login between the
 * password and the second step, the per-agent requirement; and the session's scope (a session restricted to
 * enrolling a factor).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('session')
    .addColumn('scope', 'text', (c) => c.check(sql`scope is null or scope in ('enrolment')`))
    .execute();
  await db.schema
    .createTable('mfa_totp')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('account.id').onDelete('cascade'))
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('last_step', 'bigint')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('mfa_recovery_code')
    .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addPrimaryKeyConstraint('mfa_recovery_code_pk', ['account_id', 'code_hash'])
    .execute();
  await db.schema
    .createTable('mfa_passkey')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
    .addColumn('credential_id', 'text', (c) => c.notNull().unique())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('counter', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('transports', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .execute();
  await db.schema.createIndex('mfa_passkey_account').on('mfa_passkey').column('account_id').execute();
  await db.schema
    .createTable('mfa_challenge')
    .addColumn('challenge', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.references('account.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('register', 'login')`))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('mfa_pending_login')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('mfa_setting')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('account.id').onDelete('cascade'))
    .addColumn('requirement', 'text', (c) => c.notNull().check(sql`requirement in ('required', 'optional')`))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['mfa_setting', 'mfa_pending_login', 'mfa_challenge', 'mfa_passkey', 'mfa_recovery_code', 'mfa_totp'])
    await db.schema.dropTable(t).execute();
  await db.schema.alterTable('session').dropColumn('scope').execute();
}
