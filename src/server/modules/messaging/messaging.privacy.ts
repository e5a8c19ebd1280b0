import { registerPrivacyParticipant } from '../privacy/privacy.registry.js';
import type { ZipEntry } from '../privacy/zip.js';
import type { Executor } from '../../db/write.js';
import { stripInvisible } from '../../../shared/text.js';

const count = (r: { numDeletedRows?: bigint }) => Number(r.numDeletedRows ?? 0);
const segment = (s: string) => stripInvisible(s).replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/^\.+/, '_').slice(0, 120) || 'piece-jointe';

async function threadIds(db: Executor, familyId: string): Promise<string[]> {
  return (await db.selectFrom('message_thread').select('id').where('family_id', '=', familyId).execute()).map((t) => t.id);
}

/**
 * The messaging module's part in a family's export and closure (issue 14, docs/data-retention.md):
 * - export: the family's threads and the messages it can read (internal notes are the staff's working notes, as in
 *   the portal), their attachments under `messages/<thread>/`, its notification choices, devices (no keys), calendar
 *   feeds (no token) and the SMS written to it;
 * - closure: all of it is deleted (no legal hold: messages are not accounting records), with the announcement
 *   recipients and reminder marks naming the family.
 */
export function registerMessagingPrivacy(): void {
  registerPrivacyParticipant({
    name: 'messaging',
    order: 45,
    exportSection: async (ctx, scope) => {
      const ids = await threadIds(ctx.db, scope.familyId);
      const files: ZipEntry[] = [];
      if (ids.length) {
        const rows = await ctx.db
          .selectFrom('message_attachment as a')
          .innerJoin('message as m', 'm.id', 'a.message_id')
          .select(['a.id', 'a.file_name', 'a.content', 'm.thread_id'])
          .where('m.thread_id', 'in', ids)
          .where('m.internal', '=', 0)
          .execute();
        for (const r of rows)
          files.push({ path: `messages/${r.thread_id}/${r.id.slice(0, 8)}-${segment(r.file_name)}`, data: Buffer.isBuffer(r.content) ? r.content : Buffer.from(r.content) });
      }
      return { files };
    },
    exportRows: async (db, _ctx, familyId) => {
      const ids = await threadIds(db, familyId);
      const threads = await db.selectFrom('message_thread').select(['id', 'topic_id', 'subject', 'kind', 'state', 'created_at', 'last_message_at']).where('family_id', '=', familyId).orderBy('created_at').execute();
      const messages = ids.length
        ? await db.selectFrom('message').select(['thread_id', 'author_kind', 'author_name', 'body', 'created_at']).where('thread_id', 'in', ids).where('internal', '=', 0).orderBy('created_at').execute()
        : [];
      return {
        message_thread: threads,
        message: messages,
        notification_preference: await db.selectFrom('notification_preference').select(['kind', 'channel', 'enabled', 'updated_at']).where('family_id', '=', familyId).execute(),
        push_subscription: await db.selectFrom('push_subscription').select(['user_agent', 'created_at']).where('family_id', '=', familyId).execute(),
        calendar_feed: await db.selectFrom('calendar_feed').select(['child_id', 'created_at', 'revoked_at', 'last_used_at']).where('family_id', '=', familyId).execute(),
        sms_outbox: await db.selectFrom('sms_outbox').select(['created_at', 'kind', 'to_number', 'body', 'status', 'sent_at']).where('family_id', '=', familyId).execute(),
      };
    },
    erase: async (trx, _ctx, familyId) => {
      const ids = await threadIds(trx, familyId);
      const erased: Record<string, number> = {};
      if (ids.length) {
        const messageIds = (await trx.selectFrom('message').select('id').where('thread_id', 'in', ids).execute()).map((m) => m.id);
        erased.message_attachment = messageIds.length ? count(await trx.deleteFrom('message_attachment').where('message_id', 'in', messageIds).executeTakeFirst()) : 0;
        erased.message_read = count(await trx.deleteFrom('message_read').where('thread_id', 'in', ids).executeTakeFirst());
        erased.message = count(await trx.deleteFrom('message').where('thread_id', 'in', ids).executeTakeFirst());
        erased.message_thread = count(await trx.deleteFrom('message_thread').where('family_id', '=', familyId).executeTakeFirst());
      }
      erased.announcement_recipient = count(await trx.deleteFrom('announcement_recipient').where('family_id', '=', familyId).executeTakeFirst());
      erased.notification_preference = count(await trx.deleteFrom('notification_preference').where('family_id', '=', familyId).executeTakeFirst());
      erased.sms_outbox = count(await trx.deleteFrom('sms_outbox').where('family_id', '=', familyId).executeTakeFirst());
      erased.push_outbox = count(await trx.deleteFrom('push_outbox').where('family_id', '=', familyId).executeTakeFirst());
      erased.push_subscription = count(await trx.deleteFrom('push_subscription').where('family_id', '=', familyId).executeTakeFirst());
      erased.calendar_feed = count(await trx.deleteFrom('calendar_feed').where('family_id', '=', familyId).executeTakeFirst());
      erased.reminder_log = count(await trx.deleteFrom('reminder_log').where('family_id', '=', familyId).executeTakeFirst());
      return { erased, kept: [] };
    },
  });
}
