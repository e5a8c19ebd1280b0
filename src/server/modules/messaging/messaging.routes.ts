import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { familyOf, staffOf } from '../../plugins/access.js';
import { FifoGate } from '../../db/fifo-gate.js';
import { MAX_FILE_BYTES, MAX_FILES_PER_SUBMISSION } from '../../../shared/document-contracts.js';
import { contentDisposition } from '../document/document.files.js';
import {
  announcement,
  announcementInput,
  answerTemplate,
  answerTemplateInput,
  assignInput,
  audienceChoices,
  audiencePreview,
  audiencePreviewInput,
  calendarFeedCreated,
  calendarFeedInput,
  calendarFeeds,
  familyMessages,
  familyThread,
  inboxQuery,
  inboxView,
  newsInput,
  newsItem,
  notificationChoicesInput,
  notificationSettings,
  pushEndpointInput,
  pushSubscriptionInput,
  smsOutboxItem,
  staffReplyInput,
  staffThread,
  threadStateInput,
  topic,
  topicInput,
} from '../../../shared/messages-contracts.js';
import * as threads from './messaging.threads.js';
import * as notify from './messaging.notify.js';
import * as announcements from './messaging.announcements.js';
import * as feed from './messaging.feed.js';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'field.invalid' });
const ok = z.object({ ok: z.literal(true) });
const ENVELOPE_BYTES = 64 * 1024;
const TEXT_FIELDS = new Set(['topicId', 'subject', 'body', 'clientKey']);

function familyActor(request: FastifyRequest): threads.FamilyActor {
  const { accountId, familyId, account } = familyOf(request);
  return { accountId, familyId, name: account.display_name ?? account.email };
}

function staffActor(request: FastifyRequest): threads.StaffActor {
  const s = staffOf(request);
  return { ...s, name: request.auth?.account?.display_name ?? s.email };
}

/** A message form: its text fields, then up to MAX_FILES_PER_SUBMISSION `files` parts of MAX_FILE_BYTES at most. */
async function readMessageForm(request: FastifyRequest) {
  const declared = Number(request.headers['content-length']);
  if (declared > MAX_FILES_PER_SUBMISSION * MAX_FILE_BYTES + ENVELOPE_BYTES) throw new AppError('document.file_too_large', 413);
  if (!request.isMultipart()) throw new AppError('request.unsupported_media', 415);
  const fields: { topicId?: string; subject?: string; body?: string; clientKey?: string } = {};
  const files: threads.IncomingFile[] = [];
  let tooMany = false;
  try {
    const parts = request.parts({
      limits: { fileSize: MAX_FILE_BYTES, files: MAX_FILES_PER_SUBMISSION + 1, fields: 8, fieldSize: 6 * 1024, parts: MAX_FILES_PER_SUBMISSION + 10, headerPairs: 20 },
    });
    for await (const part of parts) {
      if (part.type === 'field') {
        if (TEXT_FIELDS.has(part.fieldname)) fields[part.fieldname as keyof typeof fields] = String(part.value ?? '');
        continue;
      }
      if (part.fieldname !== 'files' || files.length >= MAX_FILES_PER_SUBMISSION) {
        tooMany ||= part.fieldname === 'files';
        part.file.resume();
        continue;
      }
      const content = await part.toBuffer();
      // an empty file input still sends one part without a name: not a file
      if (content.length === 0 && !part.filename) continue;
      files.push({ fileName: part.filename, content });
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const e = err as { code?: string; statusCode?: number };
    if (e.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('document.file_too_large', 413);
    if (e.code === 'FST_FILES_LIMIT' || e.code === 'FST_PARTS_LIMIT') throw new AppError('document.too_many_files', 413);
    if (e.code === 'FST_FIELDS_LIMIT' || e.code === 'FST_PROTO_VIOLATION') throw new AppError('request.malformed', 400);
    if (e.statusCode === 413) throw new AppError('request.too_large', 413);
    throw new AppError('request.malformed', 400);
  }
  if (tooMany) throw new AppError('request.invalid', 400, [{ path: 'files', code: 'document.too_many_files' }]);
  return { ...fields, files };
}

function sendFile(reply: FastifyReply, f: { media_type: string; file_name: string; content: Buffer | Uint8Array }) {
  const body = Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content);
  reply.header('content-type', 'application/octet-stream').header('content-disposition', contentDisposition('attachment', f.file_name)).header('cache-control', 'private, no-store');
  return reply.send(body);
}

/** Messages, announcements, news, notifications and the calendar feed (issue 14, docs/messages.md). */
export async function messagingRoutes(app: App, ctx: AppContext): Promise<void> {
  await app.register(fastifyMultipart, { throwFileSizeLimit: true, limits: { fileSize: MAX_FILE_BYTES } });
  const uploads = new FifoGate(4);
  const writeLimit = { max: 30, timeWindow: '1 minute' };

  // ---------- family: messages ----------
  app.get('/api/messages', { schema: { response: { 200: familyMessages } } }, async (request) => threads.familyThreads(ctx, familyOf(request).familyId));

  app.post('/api/messages', { config: { rateLimit: writeLimit }, schema: { response: { 201: familyThread } } }, async (request, reply) => {
    const who = familyActor(request);
    const t = await uploads.run(async () => {
      const form = await readMessageForm(request);
      return threads.startThread(ctx, who, { topicId: form.topicId, subject: form.subject, body: form.body, clientKey: form.clientKey, files: form.files });
    });
    return reply.status(201).send(t);
  });

  app.get('/api/messages/:threadId', { schema: { params: z.object({ threadId: id }), response: { 200: familyThread } } }, async (request) =>
    threads.familyThread(ctx, familyActor(request), request.params.threadId),
  );

  app.post(
    '/api/messages/:threadId/replies',
    { config: { rateLimit: writeLimit }, schema: { params: z.object({ threadId: id }), response: { 201: familyThread } } },
    async (request, reply) => {
      const who = familyActor(request);
      // another family's thread answers 404 before its body is read
      await threads.assertFamilyThread(ctx, who.familyId, request.params.threadId);
      const t = await uploads.run(async () => {
        const form = await readMessageForm(request);
        return threads.familyReply(ctx, who, request.params.threadId, { body: form.body, clientKey: form.clientKey, files: form.files });
      });
      return reply.status(201).send(t);
    },
  );

  app.get('/api/messages/files/:fileId', { schema: { params: z.object({ fileId: id }) } }, async (request, reply) =>
    sendFile(reply, await threads.familyAttachment(ctx, familyOf(request).familyId, request.params.fileId)),
  );

  app.get('/api/news', { schema: { response: { 200: z.array(newsItem) } } }, async () => announcements.currentNews(ctx));

  // ---------- family: notifications ----------
  app.get('/api/notifications', { schema: { response: { 200: notificationSettings } } }, async (request) => notify.notificationSettings(ctx, familyOf(request).familyId));

  app.put('/api/notifications', { schema: { body: notificationChoicesInput, response: { 200: notificationSettings } } }, async (request) =>
    notify.saveNotificationChoices(ctx, familyOf(request).familyId, request.body.choices),
  );

  app.post(
    '/api/notifications/push-subscriptions',
    { config: { rateLimit: { max: 10, timeWindow: '1 minute' } }, schema: { body: pushSubscriptionInput, response: { 201: ok } } },
    async (request, reply) => {
      const { familyId, accountId } = familyOf(request);
      await notify.subscribePush(ctx, { familyId, accountId }, request.body, request.headers['user-agent']);
      return reply.status(201).send({ ok: true as const });
    },
  );

  app.post('/api/notifications/push-subscriptions/remove', { schema: { body: pushEndpointInput, response: { 200: ok } } }, async (request) => {
    await notify.unsubscribePush(ctx, familyOf(request).familyId, request.body.endpoint);
    return { ok: true as const };
  });

  // ---------- family: calendar feed ----------
  app.get('/api/calendar-feeds', { schema: { response: { 200: calendarFeeds } } }, async (request) => feed.listFeeds(ctx, familyOf(request).familyId));

  app.post('/api/calendar-feeds', { config: { rateLimit: { max: 10, timeWindow: '1 minute' } }, schema: { body: calendarFeedInput, response: { 201: calendarFeedCreated } } }, async (request, reply) =>
    reply.status(201).send(await feed.createFeed(ctx, familyOf(request).familyId, request.body.childId)),
  );

  app.post('/api/calendar-feeds/revoke', { schema: { body: calendarFeedInput, response: { 200: ok } } }, async (request) => {
    await feed.revokeFeed(ctx, familyOf(request).familyId, request.body.childId);
    return { ok: true as const };
  });

  // the secret URL a calendar application polls: no session, the token is the key; rate-limited per address
  app.get(
    '/api/calendar/:token',
    { config: { rateLimit: { max: 60, timeWindow: '1 hour' } }, schema: { params: z.object({ token: z.string().max(100) }) } },
    async (request, reply) => {
      // anything but a well-formed token answers the same 404 as an unknown or revoked one
      const m = /^([A-Za-z0-9_-]{43})\.ics$/.exec(request.params.token);
      const text = m ? await feed.renderFeed(ctx, m[1]) : null;
      if (text === null) throw new AppError('not_found', 404);
      return reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'private, no-store').header('content-disposition', 'inline; filename="calendrier.ics"').send(text);
    },
  );

  // ---------- staff: inbox ----------
  app.get('/api/staff/inbox', { schema: { querystring: inboxQuery, response: { 200: inboxView } } }, async (request) => threads.inbox(ctx, staffOf(request), request.query));

  app.get('/api/staff/inbox/:threadId', { schema: { params: z.object({ threadId: id }), response: { 200: staffThread } } }, async (request) =>
    threads.staffThread(ctx, staffActor(request), request.params.threadId),
  );

  app.post(
    '/api/staff/inbox/:threadId/replies',
    { schema: { params: z.object({ threadId: id }), body: staffReplyInput, response: { 201: staffThread } } },
    async (request, reply) => reply.status(201).send(await threads.staffReply(ctx, staffActor(request), request.params.threadId, request.body)),
  );

  app.post('/api/staff/inbox/:threadId/assign', { schema: { params: z.object({ threadId: id }), body: assignInput, response: { 200: staffThread } } }, async (request) =>
    threads.assignThread(ctx, staffActor(request), request.params.threadId, request.body.assignedTo),
  );

  app.post('/api/staff/inbox/:threadId/state', { schema: { params: z.object({ threadId: id }), body: threadStateInput, response: { 200: staffThread } } }, async (request) =>
    threads.setThreadState(ctx, staffActor(request), request.params.threadId, request.body.state),
  );

  app.get('/api/staff/inbox/files/:fileId', { schema: { params: z.object({ fileId: id }) } }, async (request, reply) =>
    sendFile(reply, await threads.staffAttachment(ctx, staffOf(request), request.params.fileId)),
  );

  app.get('/api/staff/message-templates', { schema: { response: { 200: z.array(answerTemplate) } } }, async () => threads.listTemplates(ctx.db));
  app.post('/api/staff/message-templates', { schema: { body: answerTemplateInput, response: { 201: answerTemplate } } }, async (request, reply) =>
    reply.status(201).send(await threads.saveTemplate(ctx, staffOf(request), null, request.body)),
  );
  app.put('/api/staff/message-templates/:templateId', { schema: { params: z.object({ templateId: id }), body: answerTemplateInput, response: { 200: answerTemplate } } }, async (request) =>
    threads.saveTemplate(ctx, staffOf(request), request.params.templateId, request.body),
  );
  app.post('/api/staff/message-templates/:templateId/remove', { schema: { params: z.object({ templateId: id }), response: { 200: ok } } }, async (request) => {
    await threads.deleteTemplate(ctx, staffOf(request), request.params.templateId);
    return { ok: true as const };
  });

  app.get('/api/staff/message-topics', { schema: { response: { 200: z.array(topic) } } }, async () => threads.listTopics(ctx.db));
  app.post('/api/staff/message-topics', { schema: { body: topicInput, response: { 201: topic } } }, async (request, reply) =>
    reply.status(201).send(await threads.saveTopic(ctx, staffOf(request), null, request.body)),
  );
  app.put('/api/staff/message-topics/:topicId', { schema: { params: z.object({ topicId: id }), body: topicInput, response: { 200: topic } } }, async (request) =>
    threads.saveTopic(ctx, staffOf(request), request.params.topicId, request.body),
  );

  // ---------- staff: announcements and news ----------
  app.get('/api/staff/announcements', { schema: { response: { 200: z.array(announcement) } } }, async () => announcements.listAnnouncements(ctx));
  app.get('/api/staff/announcements/audiences', { schema: { response: { 200: audienceChoices } } }, async () => announcements.audienceChoices(ctx));
  app.post('/api/staff/announcements/preview', { schema: { body: audiencePreviewInput, response: { 200: audiencePreview } } }, async (request) =>
    announcements.previewAudience(ctx, request.body.audience),
  );
  app.post('/api/staff/announcements', { config: { rateLimit: { max: 20, timeWindow: '1 minute' } }, schema: { body: announcementInput, response: { 201: announcement } } }, async (request, reply) =>
    reply.status(201).send(await announcements.sendAnnouncement(ctx, staffOf(request), request.body)),
  );

  app.get('/api/staff/news', { schema: { response: { 200: z.array(newsItem) } } }, async () => announcements.listNews(ctx.db));
  app.post('/api/staff/news', { schema: { body: newsInput, response: { 201: newsItem } } }, async (request, reply) =>
    reply.status(201).send(await announcements.saveNews(ctx, staffOf(request), null, request.body)),
  );
  app.put('/api/staff/news/:newsId', { schema: { params: z.object({ newsId: id }), body: newsInput, response: { 200: newsItem } } }, async (request) =>
    announcements.saveNews(ctx, staffOf(request), request.params.newsId, request.body),
  );
  app.post('/api/staff/news/:newsId/remove', { schema: { params: z.object({ newsId: id }), response: { 200: ok } } }, async (request) => {
    await announcements.deleteNews(ctx, staffOf(request), request.params.newsId);
    return { ok: true as const };
  });

  app.get('/api/staff/sms-outbox', { schema: { response: { 200: z.array(smsOutboxItem) } } }, async () => notify.listSmsOutbox(ctx));
}
