import { familyExists } from '../family/family.service.js';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import {
  documentChecklist,
  documentType,
  documentTypeInput,
  filePreviewQuery,
  MAX_FILE_BYTES,
  MAX_FILES_PER_SUBMISSION,
  reviewInput,
  reviewItem,
  submission,
} from '../../../shared/document-contracts.js';
import { familyOf, staffOf } from '../../plugins/access.js';
import * as documents from './document.service.js';
import { contentDisposition } from './document.files.js';
import { FifoGate } from '../../db/fifo-gate.js';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'field.invalid' });
const idParam = (name: string) => z.object({ [name]: id });
const fileParams = z.object({ fileId: id });
/** Room for the multipart framing and the two text fields around the files. */
const ENVELOPE_BYTES = 64 * 1024;
/** Uploads read and checked at the same time by one process (memory: at most this × 50 MB). */
export const UPLOADS_AT_ONCE = 4;

function scopeOf(request: FastifyRequest) {
  const { accountId, familyId, account } = familyOf(request);
  return { accountId, familyId, email: account.email };
}

/** Reads the upload: fields first, then up to MAX_FILES_PER_SUBMISSION `files` parts, none over 10 MB. */
async function readUpload(request: FastifyRequest) {
  const declared = Number(request.headers['content-length']);
  // The whole body's size is known before a byte is read: refuse at once what cannot fit.
  if (declared > MAX_FILES_PER_SUBMISSION * MAX_FILE_BYTES + ENVELOPE_BYTES) throw new AppError('document.file_too_large', 413);
  if (!request.isMultipart()) throw new AppError('request.unsupported_media', 415);
  const fields: Record<string, string> = {};
  const files: documents.IncomingFile[] = [];
  let tooMany = false;
  try {
    const parts = request.parts({
      limits: { fileSize: MAX_FILE_BYTES, files: MAX_FILES_PER_SUBMISSION + 1, fields: 5, fieldSize: 256, parts: MAX_FILES_PER_SUBMISSION + 6, headerPairs: 20 },
    });
    for await (const part of parts) {
      if (part.type === 'field') {
        if (part.fieldname === 'typeId' || part.fieldname === 'childId') fields[part.fieldname] = String(part.value ?? '');
        continue;
      }
      if (part.fieldname !== 'files' || files.length >= MAX_FILES_PER_SUBMISSION) {
        tooMany ||= part.fieldname === 'files';
        part.file.resume(); // drain, never buffered
        continue;
      }
      // toBuffer() stops at fileSize + 1 byte and throws: a large part is never held whole in memory
      files.push({ fileName: part.filename, content: await part.toBuffer() });
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const e = err as { code?: string; statusCode?: number };
    if (e.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('document.file_too_large', 413);
    if (e.code === 'FST_FILES_LIMIT' || e.code === 'FST_PARTS_LIMIT') throw new AppError('document.too_many_files', 413);
    if (e.statusCode === 413) throw new AppError('request.too_large', 413);
    // busboy's « Unexpected end of form », « Malformed part header »…: the body is not valid multipart
    throw new AppError('request.malformed', 400);
  }
  if (tooMany) throw new AppError('request.invalid', 400, [{ path: 'files', code: 'document.too_many_files' }]);
  return { typeId: fields.typeId || undefined, childId: fields.childId || undefined, files };
}

function sendFile(reply: FastifyReply, f: { media_type: string; file_name: string; content: Buffer | Uint8Array; size: number }, disposition: 'inline' | 'attachment') {
  const body = Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content);
  reply
    .header('content-type', disposition === 'inline' ? f.media_type : 'application/octet-stream')
    .header('content-disposition', contentDisposition(disposition, f.file_name))
    .header('cache-control', 'private, no-store');
  return reply.send(body);
}

/** Supporting documents (§7): the family's list, uploads and downloads; staff types, review and preview. */
export async function documentRoutes(app: App, ctx: AppContext): Promise<void> {
  // Encapsulated: only the upload route of this plugin parses multipart bodies.
  await app.register(fastifyMultipart, { throwFileSizeLimit: true, limits: { fileSize: MAX_FILE_BYTES } });

  // ---------- family ----------
  app.get('/api/documents', { schema: { response: { 200: documentChecklist } } }, async (request) =>
    documents.checklist(ctx, scopeOf(request).familyId),
  );

  // Each upload may hold up to 5 × 10 MB while it is checked: a few at a time bound the memory of the process
  // (the others wait their turn, in order, with their bodies still unread in the socket).
  const uploads = new FifoGate(UPLOADS_AT_ONCE);
  app.post('/api/documents', { schema: { response: { 201: submission } } }, async (request, reply) => {
    const scope = scopeOf(request);
    const sent = await uploads.run(async () => documents.submit(ctx, scope, await readUpload(request)));
    return reply.status(201).send(sent);
  });

  app.get('/api/documents/files/:fileId', { schema: { params: fileParams } }, async (request, reply) => {
    const f = await documents.familyFile(ctx, scopeOf(request), request.params.fileId);
    return sendFile(reply, f, 'attachment');
  });

  // ---------- staff ----------
  app.get('/api/staff/document-types', { schema: { response: { 200: z.array(documentType) } } }, async () => documents.listTypes(ctx));

  app.post('/api/staff/document-types', { schema: { body: documentTypeInput, response: { 201: documentType } } }, async (request, reply) =>
    reply.status(201).send(await documents.saveType(ctx, staffOf(request), null, request.body)),
  );

  app.patch(
    '/api/staff/document-types/:typeId',
    { schema: { params: idParam('typeId'), body: documentTypeInput, response: { 200: documentType } } },
    async (request) => documents.saveType(ctx, staffOf(request), (request.params as { typeId: string }).typeId, request.body),
  );

  app.get('/api/staff/documents/queue', { schema: { response: { 200: z.array(reviewItem) } } }, async () => documents.reviewQueue(ctx));

  app.get(
    '/api/staff/documents/:submissionId',
    { schema: { params: idParam('submissionId'), response: { 200: reviewItem } } },
    async (request) => documents.reviewItem(ctx, (request.params as { submissionId: string }).submissionId),
  );

  app.get(
    '/api/staff/documents/files/:fileId',
    {
      schema: { params: fileParams, querystring: filePreviewQuery },
      // The preview is framed by the review page: the file gets a CSP sandbox (no script, no plugin but the PDF viewer)
      // instead of the app's page policy.
      onSend: async (request, reply, payload) => {
        if ((request.query as { disposition?: string }).disposition === 'inline' && reply.statusCode === 200) {
          reply.header('content-security-policy', "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'");
          reply.header('x-frame-options', 'SAMEORIGIN');
          reply.header('cross-origin-resource-policy', 'same-origin');
        }
        return payload;
      },
    },
    async (request, reply) => {
      const f = await documents.staffFile(ctx, staffOf(request), request.params.fileId, request.query.disposition);
      return sendFile(reply, f, request.query.disposition);
    },
  );

  app.post(
    '/api/staff/documents/:submissionId/review',
    { schema: { params: idParam('submissionId'), body: reviewInput, response: { 200: reviewItem } } },
    async (request) => documents.review(ctx, staffOf(request), (request.params as { submissionId: string }).submissionId, request.body),
  );

  app.get(
    '/api/staff/families/:familyId/documents',
    { schema: { params: idParam('familyId'), response: { 200: documentChecklist } } },
    async (request) => {
      const familyId = (request.params as { familyId: string }).familyId;
      if (!(await familyExists(ctx.db, familyId))) throw new AppError('not_found', 404);
      return documents.checklist(ctx, familyId);
    },
  );
}
