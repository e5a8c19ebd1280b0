import type { FastifyRequest } from 'fastify';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import { familyInput, familyRecord } from '../../../shared/contracts.js';
import { familyOf } from '../../plugins/access.js';
import { getFamilyRecord, updateFamilyRecord, type FamilyScope } from './family.service.js';

/** The family always comes from the session: no family route takes a family id. */
function scopeOf(request: FastifyRequest): FamilyScope {
  const { accountId, familyId, account } = familyOf(request);
  return { accountId, familyId, email: account.email };
}

export async function familyRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/family', { schema: { response: { 200: familyRecord } } }, async (request) =>
    getFamilyRecord(ctx, scopeOf(request)),
  );

  app.put('/api/family', { schema: { body: familyInput, response: { 200: familyRecord } } }, async (request) =>
    updateFamilyRecord(ctx, scopeOf(request), request.body),
  );
}
