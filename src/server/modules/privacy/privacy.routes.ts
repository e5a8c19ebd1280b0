import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import { closeFamilyInput, closureRequestInput, closureRequestItem, closureRequestView, erasureReport } from '../../../shared/document-contracts.js';
import { familyOf, staffOf } from '../../plugins/access.js';
import * as privacy from './privacy.service.js';
import { requestLanguage } from '../../i18n.js';

function scopeOf(request: FastifyRequest) {
  const { accountId, familyId, account } = familyOf(request);
  return { accountId, familyId, email: account.email };
}

/** The family's own data (GDPR access, portability, erasure) and the staff's closure of a family. */
export async function privacyRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/family/export', async (request, reply) => {
    const { fileName, zip } = await privacy.exportFamily(ctx, scopeOf(request), requestLanguage(request));
    return reply
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .header('cache-control', 'private, no-store')
      .send(zip);
  });

  app.get('/api/family/closure-request', { schema: { response: { 200: closureRequestView } } }, async (request) =>
    privacy.closureRequest(ctx, scopeOf(request)),
  );

  app.post('/api/family/closure-request', { schema: { body: closureRequestInput, response: { 201: closureRequestView } } }, async (request, reply) =>
    reply.status(201).send(await privacy.requestClosure(ctx, scopeOf(request), request.body.reason)),
  );

  app.get('/api/staff/closure-requests', { schema: { response: { 200: z.array(closureRequestItem) } } }, async () => privacy.pendingClosures(ctx));

  app.post(
    '/api/staff/families/:familyId/close',
    { schema: { params: z.object({ familyId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'field.invalid' }) }), body: closeFamilyInput, response: { 200: erasureReport } } },
    async (request) => privacy.closeFamily(ctx, staffOf(request), request.params.familyId, request.body.confirmLastName, requestLanguage(request)),
  );
}
