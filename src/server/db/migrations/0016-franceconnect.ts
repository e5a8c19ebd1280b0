import { sql, type Kysely } from 'kysely';

/**
 * FranceConnect (issue 11), owned by the franceconnect module:
 * - `fc_identity`: the FranceConnect identity linked to a family account (one per account, one account per `sub`);
 * - `fc_login`: a sign-in, link or sign-out attempt under way (state, nonce, PKCE verifier), kept server-side so any
 *   instance can finish it, used once (`used_at`, set by a conditional update);
 * - `fc_registration`: the identity FranceConnect gave for an unknown `sub`, until the family's form is sent;
 * - `fc_session`: the ID token of a portal session opened with FranceConnect, for the sign-out at FranceConnect.
 * Only hashes of the browser's values are keys (state, registration ticket); no access token is kept.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('fc_identity')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('account.id'))
    .addColumn('family_id', 'text', (c) => c.notNull().references('family.id'))
    .addColumn('sub', 'text', (c) => c.notNull().unique())
    .addColumn('given_name', 'text', (c) => c.notNull())
    .addColumn('family_name', 'text', (c) => c.notNull())
    .addColumn('birthdate', 'text')
    .addColumn('email', 'text')
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addColumn('last_login_at', 'text')
    .execute();
  await db.schema.createIndex('fc_identity_family_idx').on('fc_identity').column('family_id').execute();

  await db.schema
    .createTable('fc_login')
    .addColumn('id', 'text', (c) => c.primaryKey()) // SHA-256 of the state
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('login', 'link', 'logout')`))
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text')
    .addColumn('session_id', 'text')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('fr'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('fc_login_expires_idx').on('fc_login').column('expires_at').execute();

  await db.schema
    .createTable('fc_registration')
    .addColumn('id', 'text', (c) => c.primaryKey()) // SHA-256 of the ticket
    .addColumn('sub', 'text', (c) => c.notNull())
    .addColumn('given_name', 'text', (c) => c.notNull())
    .addColumn('family_name', 'text', (c) => c.notNull())
    .addColumn('birthdate', 'text')
    .addColumn('email', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('fc_registration_expires_idx').on('fc_registration').column('expires_at').execute();

  await db.schema
    .createTable('fc_session')
    .addColumn('session_id', 'text', (c) => c.primaryKey()) // the portal session's id (a hash of its cookie)
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('id_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fc_session_expires_idx').on('fc_session').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('fc_session').execute();
  await db.schema.dropTable('fc_registration').execute();
  await db.schema.dropTable('fc_login').execute();
  await db.schema.dropTable('fc_identity').execute();
}
