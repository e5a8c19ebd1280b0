import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import { familyOf, staffOf } from '../../plugins/access.js';
import { errorBody } from '../../../shared/contracts.js';
import { quotientFetchInput, quotientManualInput, quotientView, staffQuotientView } from '../../../shared/quotient-contracts.js';
import type { FamilyScope } from '../family/family.service.js';
import { enterManually, familyQuotient, fetchAsFamily, fetchAsStaff, staffQuotient, withdrawConsent } from './quotient.service.js';

/** Each fetch is a call to the CAF through API Particulier (20 calls a second per token): a few a minute per IP. */
const FETCH_LIMIT = { max: 10, timeWindow: '1 minute' } as const;
const familyParams = z.object({ familyId: z.string().max(64) });

function scopeOf(request: FastifyRequest): FamilyScope {
  const { accountId, familyId, account } = familyOf(request);
  return { accountId, familyId, email: account.email };
}

/** The family quotient (issue 15, docs/quotient.md): the family's card and consent, the staff's section of a family. */
export async function quotientRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/family/quotient', { schema: { response: { 200: quotientView } } }, async (request) => familyQuotient(ctx, scopeOf(request)));

  app.post(
    '/api/family/quotient/fetch',
    { schema: { body: quotientFetchInput, response: { 200: quotientView, 400: errorBody, 409: errorBody, 502: errorBody, 503: errorBody } }, config: { rateLimit: FETCH_LIMIT } },
    async (request) => fetchAsFamily(ctx, scopeOf(request), request.body),
  );

  app.delete('/api/family/quotient/consent', { schema: { response: { 200: quotientView, 409: errorBody } } }, async (request) =>
    withdrawConsent(ctx, scopeOf(request)),
  );

  app.get('/api/staff/families/:familyId/quotient', { schema: { params: familyParams, response: { 200: staffQuotientView, 404: errorBody } } }, async (request) =>
    staffQuotient(ctx, request.params.familyId),
  );

  app.post(
    '/api/staff/families/:familyId/quotient/fetch',
    { schema: { params: familyParams, response: { 200: staffQuotientView, 400: errorBody, 404: errorBody, 409: errorBody, 502: errorBody, 503: errorBody } }, config: { rateLimit: FETCH_LIMIT } },
    async (request) => fetchAsStaff(ctx, staffOf(request), request.params.familyId),
  );

  app.post(
    '/api/staff/families/:familyId/quotient',
    { schema: { params: familyParams, body: quotientManualInput, response: { 200: staffQuotientView, 400: errorBody, 404: errorBody, 409: errorBody } } },
    async (request) => enterManually(ctx, staffOf(request), request.params.familyId, request.body),
  );
}
