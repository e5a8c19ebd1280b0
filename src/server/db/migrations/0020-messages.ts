import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../database.js';

/**
 * Talking to families (issue 14, docs/messages.md): the messaging module's tables.
 *
 * - `message_topic`: staff-defined subjects (« Inscriptions », « Factures », « Santé », « Autre »).
 * - `message_thread`, `message`, `message_attachment`, `message_read`: family ↔ city threads, their messages (an
 *   internal note is a message with `internal = 1`, never shown to the family), files checked by the documents
 *   module's upload checks, and who read a thread up to when (one row per reader).
 * - `message_template`: staff answer templates.
 * - `announcement`, `announcement_recipient`: a message to an audience, one row per family (UNIQUE: a family is
 *   written to once per announcement), delivered in batches.
 * - `news_item`: « Actualités » with a publication window.
 * - `notification_preference`: a family's choice per kind and channel (no row = the default).
 * - `sms_outbox`, `push_subscription`, `push_outbox`, `push_key`: the SMS and Web Push channels.
 * - `calendar_feed`: secret calendar-feed tokens (only their SHA-256), revoked on regeneration.
 * - `reminder_log`: one row per family and deadline (PRIMARY KEY): a reminder is sent at most once, across instances.
 * Booleans are integers 0/1 on both databases.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('message_topic')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull().unique())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1).check(sql`active in (0, 1)`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  const now = new Date().toISOString();
  await db
    .insertInto('message_topic')
    .values(
      ['Inscriptions et réservations', 'Factures et paiements', 'Santé', 'Autre'].map((label, i) => ({
        id: `topic-${i + 1}`,
        label,
        position: i,
        active: 1,
        created_at: now,
      })),
    )
    .execute();

  await db.schema
    .createTable('message_thread')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull())
    .addColumn('topic_id', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('conversation', 'announcement')`))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('open', 'closed')`))
    /** who must act next: 'staff' (the family wrote last) or 'family' */
    .addColumn('waiting_on', 'text', (c) => c.notNull().check(sql`waiting_on in ('staff', 'family', 'none')`))
    .addColumn('assigned_to', 'text')
    .addColumn('announcement_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('last_message_at', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('message_thread_family_idx').on('message_thread').columns(['family_id', 'last_message_at']).execute();
  await db.schema.createIndex('message_thread_inbox_idx').on('message_thread').columns(['kind', 'state', 'topic_id', 'last_message_at']).execute();
  // one copy of an announcement per family, whatever two batches do at once
  await sql`CREATE UNIQUE INDEX message_thread_announcement_unique ON message_thread (announcement_id, family_id) WHERE announcement_id IS NOT NULL`.execute(db);

  await db.schema
    .createTable('message')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('thread_id', 'text', (c) => c.notNull().references('message_thread.id').onDelete('cascade'))
    .addColumn('author_kind', 'text', (c) => c.notNull().check(sql`author_kind in ('family', 'staff')`))
    .addColumn('author_id', 'text')
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('internal', 'integer', (c) => c.notNull().defaultTo(0).check(sql`internal in (0, 1)`))
    .addColumn('body', 'text', (c) => c.notNull())
    /** a family's double click sends one message: UNIQUE (thread, client key) */
    .addColumn('client_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('message_thread_idx').on('message').columns(['thread_id', 'created_at']).execute();
  await sql`CREATE UNIQUE INDEX message_client_key_unique ON message (thread_id, client_key) WHERE client_key IS NOT NULL`.execute(db);

  await db.schema
    .createTable('message_attachment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().references('message.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', (dialectOf(db) === 'postgres' ? 'bytea' : 'blob') as any, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('message_attachment_message_idx').on('message_attachment').columns(['message_id', 'position']).execute();

  await db.schema
    .createTable('message_read')
    .addColumn('thread_id', 'text', (c) => c.notNull().references('message_thread.id').onDelete('cascade'))
    .addColumn('reader_kind', 'text', (c) => c.notNull().check(sql`reader_kind in ('family', 'staff')`))
    .addColumn('reader_id', 'text', (c) => c.notNull())
    .addColumn('reader_name', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_read_pk', ['thread_id', 'reader_id'])
    .execute();

  await db.schema
    .createTable('message_template')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull().unique())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('announcement')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    /** the audience, as JSON (messages-contracts.ts, `audience`) */
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('sending', 'sent')`))
    .addColumn('recipients', 'integer', (c) => c.notNull())
    .addColumn('delivered', 'integer', (c) => c.notNull().defaultTo(0))
    /** a double click sends one announcement: UNIQUE key from the page */
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();

  await db.schema
    .createTable('announcement_recipient')
    .addColumn('announcement_id', 'text', (c) => c.notNull().references('announcement.id').onDelete('cascade'))
    .addColumn('family_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('pending', 'delivered')`))
    .addColumn('delivered_at', 'text')
    .addPrimaryKeyConstraint('announcement_recipient_pk', ['announcement_id', 'family_id'])
    .execute();
  await db.schema.createIndex('announcement_recipient_pending_idx').on('announcement_recipient').columns(['state', 'announcement_id']).execute();

  await db.schema
    .createTable('news_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    /** YYYY-MM-DD, Paris: shown from `publish_from` to `publish_until` included */
    .addColumn('publish_from', 'text', (c) => c.notNull())
    .addColumn('publish_until', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('notification_preference')
    .addColumn('family_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('email', 'sms', 'push')`))
    .addColumn('enabled', 'integer', (c) => c.notNull().check(sql`enabled in (0, 1)`))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_preference_pk', ['family_id', 'kind', 'channel'])
    .execute();

  await db.schema
    .createTable('sms_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('to_number', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'sent', 'failed', 'kept')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('provider_id', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('sms_outbox_due_idx').on('sms_outbox').columns(['status', 'next_attempt_at']).execute();

  await db.schema
    .createTable('push_subscription')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('endpoint', 'text', (c) => c.notNull().unique())
    .addColumn('p256dh', 'text', (c) => c.notNull())
    .addColumn('auth', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('push_subscription_family_idx').on('push_subscription').column('family_id').execute();

  await db.schema
    .createTable('push_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull())
    .addColumn('subscription_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'sent', 'failed', 'gone')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('push_outbox_due_idx').on('push_outbox').columns(['status', 'next_attempt_at']).execute();

  // the VAPID key pair of Web Push when VAPID_* are unset: generated once, the same for every instance
  await db.schema
    .createTable('push_key')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('private_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('calendar_feed')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull())
    /** null: the whole family */
    .addColumn('child_id', 'text')
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('last_used_at', 'text')
    .execute();
  await db.schema.createIndex('calendar_feed_family_idx').on('calendar_feed').columns(['family_id', 'child_id']).execute();
  // one live feed per family and scope: two regenerations at once leave one
  await sql`CREATE UNIQUE INDEX calendar_feed_live_unique ON calendar_feed (family_id, coalesce(child_id, '')) WHERE revoked_at IS NULL`.execute(db);

  await db.schema
    .createTable('reminder_log')
    .addColumn('family_id', 'text', (c) => c.notNull())
    /** 'week:<monday>' or 'deadline:<activity>:<cut-off instant>' */
    .addColumn('deadline_key', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reminder_log_pk', ['family_id', 'deadline_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'reminder_log',
    'calendar_feed',
    'push_key',
    'push_outbox',
    'push_subscription',
    'sms_outbox',
    'notification_preference',
    'news_item',
    'announcement_recipient',
    'announcement',
    'message_template',
    'message_read',
    'message_attachment',
    'message',
    'message_thread',
    'message_topic',
  ])
    await db.schema.dropTable(t).ifExists().execute();
}
