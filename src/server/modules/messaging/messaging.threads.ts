import { createHash, randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { isoNow } from '../../clock.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import { affected, forUpdate, writeTransaction, type Executor } from '../../db/write.js';
import { isUniqueViolation } from '../../db/database.js';
import { foldText } from '../../db/text-fold.js';
import { familyNames, lockOpenFamily } from '../family/family.service.js';
import { familyLogin } from '../account/account.logins.js';
import { activeStaff, isActiveStaff } from '../account/account.audiences.js';
import { recordAudit, type Actor } from '../audit/audit.service.js';
import { enqueueMail } from '../mail/mail.service.js';
import { checkUploads, type CheckedUpload } from '../document/document.uploads.js';
import type { MessageThreadTable } from './messaging.tables.js';
import type {
  AnswerTemplate,
  FamilyMessages,
  FamilyThread,
  InboxView,
  Message,
  StaffThread,
  StaffThreadSummary,
  ThreadSummary,
  Topic,
} from '../../../shared/messages-contracts.js';

/**
 * Threads between a family and the city (issue 14, docs/messages.md). Write discipline:
 * - a new thread's id and a message's `client_key` come from the page's key: a double click or a retry inserts
 *   nothing twice (PRIMARY KEY / UNIQUE, `ON CONFLICT DO NOTHING`, then the existing row is answered);
 * - every message locks its thread row first (`forUpdate`), so the thread's state, `waiting_on` and
 *   `last_message_at` follow the messages in order; a staff answer carries the last message the agent saw
 *   (`expectedLast`): of two agents answering at once, the second gets 409 « messages.answered_meanwhile » and reads
 *   the colleague's answer before sending his — the family is notified once;
 * - read marks are upserts of one row per (thread, reader).
 */

export interface FamilyActor {
  familyId: string;
  accountId: string;
  name: string;
}

export interface IncomingFile {
  fileName: string | undefined;
  content: Buffer;
}

// ---------- topics and templates ----------

export async function listTopics(db: Executor, activeOnly = false): Promise<Topic[]> {
  let q = db.selectFrom('message_topic').selectAll().orderBy('position').orderBy('label');
  if (activeOnly) q = q.where('active', '=', 1);
  return (await q.execute()).map((t) => ({ id: t.id, label: t.label, active: t.active === 1 }));
}

export async function saveTopic(ctx: AppContext, actor: Actor, topicId: string | null, input: { label: string; active: boolean }): Promise<Topic> {
  const id = topicId ?? randomUUID();
  try {
    await writeTransaction(ctx, async (trx) => {
      if (topicId) {
        const r = await trx.updateTable('message_topic').set({ label: input.label, active: input.active ? 1 : 0 }).where('id', '=', topicId).executeTakeFirst();
        if (affected(r) !== 1) throw new NotFoundError();
      } else {
        const last = await trx.selectFrom('message_topic').select((eb) => eb.fn.max('position').as('p')).executeTakeFirst();
        await trx
          .insertInto('message_topic')
          .values({ id, label: input.label, position: Number(last?.p ?? 0) + 1, active: input.active ? 1 : 0, created_at: isoNow(ctx.clock) })
          .execute();
      }
      await recordAudit(trx, ctx.clock, actor, { action: topicId ? 'message_topic.updated' : 'message_topic.created', targetType: 'message_topic', targetId: id, details: { label: input.label } });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ValidationError([{ path: 'label', code: 'messages.topic_taken' }]);
    throw err;
  }
  return (await listTopics(ctx.db)).find((t) => t.id === id)!;
}

export async function listTemplates(db: Executor): Promise<AnswerTemplate[]> {
  return (await db.selectFrom('message_template').select(['id', 'title', 'body']).orderBy('title').execute()).map((t) => ({ ...t }));
}

export async function saveTemplate(ctx: AppContext, actor: Actor, templateId: string | null, input: { title: string; body: string }): Promise<AnswerTemplate> {
  const id = templateId ?? randomUUID();
  const now = isoNow(ctx.clock);
  try {
    await writeTransaction(ctx, async (trx) => {
      if (templateId) {
        const r = await trx.updateTable('message_template').set({ title: input.title, body: input.body, updated_at: now }).where('id', '=', templateId).executeTakeFirst();
        if (affected(r) !== 1) throw new NotFoundError();
      } else await trx.insertInto('message_template').values({ id, title: input.title, body: input.body, created_at: now, updated_at: now }).execute();
      await recordAudit(trx, ctx.clock, actor, { action: templateId ? 'message_template.updated' : 'message_template.created', targetType: 'message_template', targetId: id, details: { title: input.title } });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ValidationError([{ path: 'title', code: 'messages.template_taken' }]);
    throw err;
  }
  return { id, title: input.title, body: input.body };
}

export async function deleteTemplate(ctx: AppContext, actor: Actor, templateId: string): Promise<void> {
  await writeTransaction(ctx, async (trx) => {
    const r = await trx.deleteFrom('message_template').where('id', '=', templateId).executeTakeFirst();
    if (affected(r) !== 1) throw new NotFoundError();
    await recordAudit(trx, ctx.clock, actor, { action: 'message_template.deleted', targetType: 'message_template', targetId: templateId });
  });
}

// ---------- reading ----------

type ThreadRow = MessageThreadTable;

async function topicLabels(db: Executor): Promise<Map<string, string>> {
  return new Map((await db.selectFrom('message_topic').select(['id', 'label']).execute()).map((t) => [t.id, t.label]));
}

/** The latest read instant of each thread by the family's members (any of them). */
async function familyReads(db: Executor, threadIds: string[]): Promise<Map<string, string>> {
  if (!threadIds.length) return new Map();
  const rows = await db
    .selectFrom('message_read')
    .select(['thread_id', (eb) => eb.fn.max('read_at').as('at')])
    .where('thread_id', 'in', threadIds)
    .where('reader_kind', '=', 'family')
    .groupBy('thread_id')
    .execute();
  return new Map(rows.map((r) => [r.thread_id, String(r.at)]));
}

/** When the city last wrote (not notes) and when the family last wrote, per thread. */
async function lastWrites(db: Executor, threadIds: string[]): Promise<Map<string, { staff: string | null; family: string | null }>> {
  const out = new Map<string, { staff: string | null; family: string | null }>();
  if (!threadIds.length) return out;
  const rows = await db
    .selectFrom('message')
    .select(['thread_id', 'author_kind', (eb) => eb.fn.max('created_at').as('at')])
    .where('thread_id', 'in', threadIds)
    .where('internal', '=', 0)
    .groupBy(['thread_id', 'author_kind'])
    .execute();
  for (const r of rows) {
    const e = out.get(r.thread_id) ?? { staff: null, family: null };
    e[r.author_kind] = String(r.at);
    out.set(r.thread_id, e);
  }
  return out;
}

function summary(t: ThreadRow, labels: Map<string, string>, unread: boolean): ThreadSummary {
  return {
    id: t.id,
    topicId: t.topic_id,
    topicLabel: labels.get(t.topic_id) ?? '',
    subject: t.subject,
    kind: t.kind,
    state: t.state,
    lastMessageAt: t.last_message_at,
    unread,
  };
}

/** The family's threads, newest first, with what it has not read. */
export async function familyThreads(ctx: AppContext, familyId: string): Promise<FamilyMessages> {
  const threads = await ctx.db.selectFrom('message_thread').selectAll().where('family_id', '=', familyId).orderBy('last_message_at', 'desc').orderBy('id').limit(500).execute();
  const ids = threads.map((t) => t.id);
  const [labels, reads, writes, topics] = await Promise.all([topicLabels(ctx.db), familyReads(ctx.db, ids), lastWrites(ctx.db, ids), listTopics(ctx.db, true)]);
  const out = threads.map((t) => {
    const staffAt = writes.get(t.id)?.staff ?? null;
    const readAt = reads.get(t.id);
    return summary(t, labels, staffAt !== null && (!readAt || readAt < staffAt));
  });
  return { threads: out, unread: out.filter((t) => t.unread).length, topics };
}

async function messagesOf(db: Executor, threadId: string, withInternal: boolean, readBy: (m: { author_kind: string; created_at: string }) => boolean): Promise<Message[]> {
  let q = db.selectFrom('message').selectAll().where('thread_id', '=', threadId).orderBy('created_at').orderBy('id');
  if (!withInternal) q = q.where('internal', '=', 0);
  const rows = await q.execute();
  const files = rows.length
    ? await db
        .selectFrom('message_attachment')
        .select(['id', 'message_id', 'file_name', 'media_type', 'size'])
        .where('message_id', 'in', rows.map((r) => r.id))
        .orderBy('message_id')
        .orderBy('position')
        .execute()
    : [];
  return rows.map((m) => ({
    id: m.id,
    author: m.author_kind,
    authorName: m.author_name,
    internal: m.internal === 1,
    body: m.body,
    createdAt: m.created_at,
    attachments: files.filter((f) => f.message_id === m.id).map((f) => ({ id: f.id, fileName: f.file_name, mediaType: f.media_type, size: Number(f.size) })),
    read: readBy(m),
  }));
}

async function upsertRead(db: Executor, threadId: string, reader: { kind: 'family' | 'staff'; id: string; name: string }, now: string): Promise<void> {
  await db
    .insertInto('message_read')
    .values({ thread_id: threadId, reader_kind: reader.kind, reader_id: reader.id, reader_name: reader.name, read_at: now })
    .onConflict((oc) => oc.columns(['thread_id', 'reader_id']).doUpdateSet({ read_at: now, reader_name: reader.name }))
    .execute();
}

/** Staff reads (latest per thread), to say « lu » under a family's message. */
async function staffReadAt(db: Executor, threadId: string): Promise<string | null> {
  const r = await db.selectFrom('message_read').select((eb) => eb.fn.max('read_at').as('at')).where('thread_id', '=', threadId).where('reader_kind', '=', 'staff').executeTakeFirst();
  return r?.at ? String(r.at) : null;
}

/** One of the family's threads (another family's answers 404), marked read by this member. */
export async function familyThread(ctx: AppContext, who: FamilyActor, threadId: string): Promise<FamilyThread> {
  const t = await ctx.db.selectFrom('message_thread').selectAll().where('id', '=', threadId).executeTakeFirst();
  if (!t || t.family_id !== who.familyId) throw new NotFoundError();
  await upsertRead(ctx.db, t.id, { kind: 'family', id: who.accountId, name: who.name }, isoNow(ctx.clock));
  const staffAt = await staffReadAt(ctx.db, t.id);
  const messages = await messagesOf(ctx.db, t.id, false, (m) => (m.author_kind === 'family' ? staffAt !== null && staffAt >= m.created_at : true));
  return { ...summary(t, await topicLabels(ctx.db), false), messages };
}

// ---------- the family writes ----------

function threadIdFor(familyId: string, clientKey: string): string {
  return `t${createHash('sha256').update(`${familyId}:${clientKey}`).digest('base64url').slice(0, 30)}`;
}

async function insertAttachments(trx: Executor, messageId: string, files: CheckedUpload[], now: string): Promise<void> {
  // one file per statement: a 10 MB parameter is enough for one round trip
  for (const [position, f] of files.entries())
    await trx
      .insertInto('message_attachment')
      .values({ id: f.id, message_id: messageId, position, file_name: f.fileName, media_type: f.mediaType, size: f.size, sha256: f.sha256, content: f.content, created_at: now })
      .execute();
}

/** A new thread from the family: topic, subject, text, optional attachments (checked by the documents module). */
export async function startThread(
  ctx: AppContext,
  who: FamilyActor,
  input: { topicId: string | undefined; subject: string | undefined; body: string | undefined; clientKey: string | undefined; files: IncomingFile[] },
): Promise<FamilyThread> {
  const problems: { path: string; code: string }[] = [];
  const subject = (input.subject ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  const body = (input.body ?? '').replace(/\r\n/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  const topics = await listTopics(ctx.db, true);
  if (!input.topicId) problems.push({ path: 'topicId', code: 'required' });
  else if (!topics.some((t) => t.id === input.topicId)) problems.push({ path: 'topicId', code: 'messages.topic_unknown' });
  if (!subject) problems.push({ path: 'subject', code: 'required' });
  else if (subject.length > 120) problems.push({ path: 'subject', code: 'too_long' });
  if (!body) problems.push({ path: 'body', code: 'required' });
  else if (body.length > 5000) problems.push({ path: 'body', code: 'too_long' });
  if (!input.clientKey || !/^[A-Za-z0-9_-]{8,64}$/.test(input.clientKey)) problems.push({ path: 'clientKey', code: 'field.invalid' });
  let files: CheckedUpload[] = [];
  try {
    files = checkUploads(input.files);
  } catch (err) {
    if (err instanceof ValidationError) problems.push(...(err.fields ?? []));
    else throw err;
  }
  if (problems.length) throw new ValidationError(problems);
  const id = threadIdFor(who.familyId, input.clientKey!);
  const now = isoNow(ctx.clock);
  const familyName = (await familyNames(ctx.db, [who.familyId])).get(who.familyId) ?? '';
  await writeTransaction(ctx, async (trx) => {
    await lockOpenFamily(trx, who.familyId);
    const created = await trx
      .insertInto('message_thread')
      .values({
        id,
        family_id: who.familyId,
        topic_id: input.topicId!,
        subject,
        kind: 'conversation',
        state: 'open',
        waiting_on: 'staff',
        assigned_to: null,
        announcement_id: null,
        created_at: now,
        created_by: who.accountId,
        last_message_at: now,
        search_text: foldText(`${subject} ${familyName} ${body}`).slice(0, 20_000),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    if (affected(created) !== 1) return; // the same click again: the thread exists already
    const messageId = randomUUID();
    await trx
      .insertInto('message')
      .values({ id: messageId, thread_id: id, author_kind: 'family', author_id: who.accountId, author_name: who.name, internal: 0, body, client_key: input.clientKey!, created_at: now })
      .execute();
    await insertAttachments(trx, messageId, files, now);
    await upsertRead(trx, id, { kind: 'family', id: who.accountId, name: who.name }, now);
  });
  return familyThread(ctx, who, id);
}

/** The family answers in one of its threads (not an announcement); a closed thread opens again. */
export async function familyReply(
  ctx: AppContext,
  who: FamilyActor,
  threadId: string,
  input: { body: string | undefined; clientKey: string | undefined; files: IncomingFile[] },
): Promise<FamilyThread> {
  const problems: { path: string; code: string }[] = [];
  const body = (input.body ?? '').replace(/\r\n/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  if (!body) problems.push({ path: 'body', code: 'required' });
  else if (body.length > 5000) problems.push({ path: 'body', code: 'too_long' });
  if (!input.clientKey || !/^[A-Za-z0-9_-]{8,64}$/.test(input.clientKey)) problems.push({ path: 'clientKey', code: 'field.invalid' });
  let files: CheckedUpload[] = [];
  try {
    files = checkUploads(input.files);
  } catch (err) {
    if (err instanceof ValidationError) problems.push(...(err.fields ?? []));
    else throw err;
  }
  const now = isoNow(ctx.clock);
  await writeTransaction(ctx, async (trx) => {
    const t = await forUpdate(trx, trx.selectFrom('message_thread').selectAll().where('id', '=', threadId)).executeTakeFirst();
    if (!t || t.family_id !== who.familyId) throw new NotFoundError();
    if (t.kind === 'announcement') throw new ConflictError('messages.announcement_no_reply');
    if (problems.length) throw new ValidationError(problems);
    const messageId = randomUUID();
    const inserted = await trx
      .insertInto('message')
      .values({ id: messageId, thread_id: t.id, author_kind: 'family', author_id: who.accountId, author_name: who.name, internal: 0, body, client_key: input.clientKey!, created_at: now })
      .onConflict((oc) => oc.columns(['thread_id', 'client_key']).where('client_key', 'is not', null).doNothing())
      .executeTakeFirst();
    if (affected(inserted) !== 1) return; // a double click: sent once
    await insertAttachments(trx, messageId, files, now);
    await trx
      .updateTable('message_thread')
      .set({ state: 'open', waiting_on: 'staff', last_message_at: now, search_text: foldText(`${t.search_text} ${body}`).slice(0, 20_000) })
      .where('id', '=', t.id)
      .execute();
    await upsertRead(trx, t.id, { kind: 'family', id: who.accountId, name: who.name }, now);
  });
  return familyThread(ctx, who, threadId);
}

/** 404 unless the thread is the family's (as for a missing one). */
export async function assertFamilyThread(ctx: AppContext, familyId: string, threadId: string): Promise<void> {
  const t = await ctx.db.selectFrom('message_thread').select('family_id').where('id', '=', threadId).executeTakeFirst();
  if (!t || t.family_id !== familyId) throw new NotFoundError();
}

/** A file of the family's thread (never of another family, never of an internal note). */
export async function familyAttachment(ctx: AppContext, familyId: string, fileId: string) {
  const f = await ctx.db
    .selectFrom('message_attachment as a')
    .innerJoin('message as m', 'm.id', 'a.message_id')
    .innerJoin('message_thread as t', 't.id', 'm.thread_id')
    .select(['a.file_name', 'a.media_type', 'a.size', 'a.content', 't.family_id', 'm.internal'])
    .where('a.id', '=', fileId)
    .executeTakeFirst();
  if (!f || f.family_id !== familyId || f.internal === 1) throw new NotFoundError();
  return f;
}

// ---------- the staff inbox ----------

export interface StaffActor extends Actor {
  name: string;
}

async function staffSummaries(db: Executor, threads: ThreadRow[], agentId: string): Promise<StaffThreadSummary[]> {
  const ids = threads.map((t) => t.id);
  const [labels, names, agents, writes, mine] = await Promise.all([
    topicLabels(db),
    familyNames(db, [...new Set(threads.map((t) => t.family_id))]),
    activeStaff(db),
    lastWrites(db, ids),
    ids.length
      ? db.selectFrom('message_read').select(['thread_id', 'read_at']).where('thread_id', 'in', ids).where('reader_id', '=', agentId).execute()
      : Promise.resolve([]),
  ]);
  const agentName = new Map(agents.map((a) => [a.id, a.name]));
  const readAt = new Map(mine.map((r) => [r.thread_id, r.read_at]));
  return threads.map((t) => {
    const familyAt = writes.get(t.id)?.family ?? null;
    const r = readAt.get(t.id);
    return {
      ...summary(t, labels, familyAt !== null && (!r || r < familyAt)),
      familyId: t.family_id,
      familyName: names.get(t.family_id) ?? '',
      waitingOn: t.waiting_on,
      assignedTo: t.assigned_to,
      assignedName: t.assigned_to ? (agentName.get(t.assigned_to) ?? null) : null,
    };
  });
}

/** The inbox: counts per topic (unread by this agent, waiting for the city, open), and the threads filtered. */
export async function inbox(
  ctx: AppContext,
  agent: Actor,
  query: { topicId?: string; state: 'open' | 'closed' | 'all'; filter: 'all' | 'mine' | 'unassigned' | 'waiting' | 'unread'; q?: string; kind: 'conversation' | 'announcement' },
): Promise<InboxView> {
  const db = ctx.db;
  const topics = await listTopics(db);
  // counts: open conversations per topic; unread = the family wrote after this agent's last read
  const open = await db
    .selectFrom('message_thread as t')
    .leftJoin('message_read as r', (j) => j.onRef('r.thread_id', '=', 't.id').on('r.reader_id', '=', agent.id))
    .select(['t.topic_id', 't.waiting_on', 't.last_message_at', 'r.read_at'])
    .where('t.kind', '=', 'conversation')
    .where('t.state', '=', 'open')
    .execute();
  const counts = topics.map((tp) => {
    const mine = open.filter((o) => o.topic_id === tp.id);
    return {
      topicId: tp.id,
      label: tp.label,
      open: mine.length,
      waiting: mine.filter((o) => o.waiting_on === 'staff').length,
      unread: mine.filter((o) => o.waiting_on === 'staff' && (!o.read_at || o.read_at < o.last_message_at)).length,
    };
  });
  let q = db.selectFrom('message_thread').selectAll().where('kind', '=', query.kind);
  if (query.topicId) q = q.where('topic_id', '=', query.topicId);
  if (query.state !== 'all') q = q.where('state', '=', query.state);
  if (query.filter === 'mine') q = q.where('assigned_to', '=', agent.id);
  if (query.filter === 'unassigned') q = q.where('assigned_to', 'is', null);
  if (query.filter === 'waiting') q = q.where('waiting_on', '=', 'staff');
  if (query.q) for (const word of foldText(query.q).split(/\s+/).filter(Boolean).slice(0, 5)) q = q.where('search_text', 'like', `%${word.replace(/[%_\\]/g, '')}%`);
  const rows = await q.orderBy('last_message_at', 'desc').orderBy('id').limit(200).execute();
  let threads = await staffSummaries(db, rows, agent.id);
  if (query.filter === 'unread') threads = threads.filter((t) => t.unread);
  return { counts, threads, agents: await activeStaff(db), topics };
}

/** One thread for staff, internal notes and read marks included; marked read by this agent (who read what). */
export async function staffThread(ctx: AppContext, agent: StaffActor, threadId: string): Promise<StaffThread> {
  const t = await ctx.db.selectFrom('message_thread').selectAll().where('id', '=', threadId).executeTakeFirst();
  if (!t) throw new NotFoundError();
  await upsertRead(ctx.db, t.id, { kind: 'staff', id: agent.id, name: agent.name }, isoNow(ctx.clock));
  const reads = await ctx.db.selectFrom('message_read').selectAll().where('thread_id', '=', t.id).orderBy('read_at', 'desc').execute();
  const familyAt = reads.filter((r) => r.reader_kind === 'family').map((r) => r.read_at).sort().at(-1) ?? null;
  const staffAt = reads.filter((r) => r.reader_kind === 'staff').map((r) => r.read_at).sort().at(-1) ?? null;
  const messages = await messagesOf(ctx.db, t.id, true, (m) =>
    m.author_kind === 'staff' ? familyAt !== null && familyAt >= m.created_at : staffAt !== null && staffAt >= m.created_at,
  );
  const [s] = await staffSummaries(ctx.db, [t], agent.id);
  return { ...s, unread: false, messages, reads: reads.map((r) => ({ who: r.reader_name, kind: r.reader_kind, readAt: r.read_at })), agents: await activeStaff(ctx.db) };
}

/**
 * An agent answers (the family is notified, per its choices) or writes an internal note (never shown to the
 * family, no notification). `expectedLast`: the thread's last message the agent saw; another answer since → 409.
 */
export async function staffReply(
  ctx: AppContext,
  agent: StaffActor,
  threadId: string,
  input: { body: string; internal: boolean; clientKey: string; expectedLast?: string | null },
): Promise<StaffThread> {
  const now = isoNow(ctx.clock);
  await writeTransaction(ctx, async (trx) => {
    const t = await forUpdate(trx, trx.selectFrom('message_thread').selectAll().where('id', '=', threadId)).executeTakeFirst();
    if (!t) throw new NotFoundError();
    if (t.kind === 'announcement' && !input.internal) throw new ConflictError('messages.announcement_no_reply');
    const exists = await trx.selectFrom('message').select('id').where('thread_id', '=', t.id).where('client_key', '=', input.clientKey).executeTakeFirst();
    if (exists) return; // a double click: written once
    if (!input.internal && input.expectedLast && input.expectedLast !== t.last_message_at) throw new ConflictError('messages.answered_meanwhile');
    await trx
      .insertInto('message')
      .values({ id: randomUUID(), thread_id: t.id, author_kind: 'staff', author_id: agent.id, author_name: agent.name, internal: input.internal ? 1 : 0, body: input.body, client_key: input.clientKey, created_at: now })
      .execute();
    await upsertRead(trx, t.id, { kind: 'staff', id: agent.id, name: agent.name }, now);
    if (input.internal) {
      await recordAudit(trx, ctx.clock, agent, { action: 'message.note_added', familyId: t.family_id, targetType: 'message_thread', targetId: t.id });
      return;
    }
    await trx
      .updateTable('message_thread')
      .set({ waiting_on: 'family', last_message_at: now, assigned_to: t.assigned_to ?? agent.id, search_text: foldText(`${t.search_text} ${input.body}`).slice(0, 20_000) })
      .where('id', '=', t.id)
      .execute();
    await recordAudit(trx, ctx.clock, agent, { action: 'message.answered', familyId: t.family_id, targetType: 'message_thread', targetId: t.id });
    const login = await familyLogin(trx, t.family_id);
    if (login && login.status !== 'disabled')
      await enqueueMail(trx, ctx, login.email, { template: 'messages.answered', subject: t.subject, url: `${ctx.config.publicUrl}/famille/messages/${t.id}` }, t.family_id);
  });
  return staffThread(ctx, agent, threadId);
}

/** Assigns a thread to an agent (or to nobody). */
export async function assignThread(ctx: AppContext, agent: StaffActor, threadId: string, assignedTo: string | null): Promise<StaffThread> {
  await writeTransaction(ctx, async (trx) => {
    if (assignedTo && !(await isActiveStaff(trx, assignedTo))) throw new ValidationError([{ path: 'assignedTo', code: 'messages.agent_unknown' }]);
    const t = await trx.selectFrom('message_thread').select(['id', 'family_id']).where('id', '=', threadId).executeTakeFirst();
    if (!t) throw new NotFoundError();
    await trx.updateTable('message_thread').set({ assigned_to: assignedTo }).where('id', '=', threadId).execute();
    await recordAudit(trx, ctx.clock, agent, { action: 'message.assigned', familyId: t.family_id, targetType: 'message_thread', targetId: t.id, details: { assignedTo } });
  });
  return staffThread(ctx, agent, threadId);
}

/** Closes or opens a thread again; closing twice is a no-op (conditional write on the state). */
export async function setThreadState(ctx: AppContext, agent: StaffActor, threadId: string, state: 'open' | 'closed'): Promise<StaffThread> {
  await writeTransaction(ctx, async (trx) => {
    const t = await trx.selectFrom('message_thread').select(['id', 'family_id']).where('id', '=', threadId).executeTakeFirst();
    if (!t) throw new NotFoundError();
    const r = await trx
      .updateTable('message_thread')
      .set({ state, ...(state === 'closed' ? { waiting_on: 'none' as const } : {}) })
      .where('id', '=', threadId)
      .where('state', '!=', state)
      .executeTakeFirst();
    if (affected(r) === 1)
      await recordAudit(trx, ctx.clock, agent, { action: state === 'closed' ? 'message.closed' : 'message.reopened', familyId: t.family_id, targetType: 'message_thread', targetId: t.id });
  });
  return staffThread(ctx, agent, threadId);
}

/** A file of a thread for staff; every staff read is audited (a question may carry health papers). */
export async function staffAttachment(ctx: AppContext, agent: Actor, fileId: string) {
  const f = await ctx.db
    .selectFrom('message_attachment as a')
    .innerJoin('message as m', 'm.id', 'a.message_id')
    .innerJoin('message_thread as t', 't.id', 'm.thread_id')
    .select(['a.file_name', 'a.media_type', 'a.size', 'a.content', 't.family_id', 't.id as thread_id'])
    .where('a.id', '=', fileId)
    .executeTakeFirst();
  if (!f) throw new NotFoundError();
  await recordAudit(ctx.db, ctx.clock, agent, { action: 'message.file_downloaded', familyId: f.family_id, targetType: 'message_thread', targetId: f.thread_id });
  return f;
}

/** Unread threads of the family (the home page's block). */
export async function familyUnread(ctx: AppContext, familyId: string): Promise<number> {
  return (await familyThreads(ctx, familyId)).unread;
}
