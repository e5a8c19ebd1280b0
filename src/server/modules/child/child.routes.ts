import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import {
  childHistoryEntry,
  childInput,
  childRecord,
  childSearchQuery,
  childSummary,
  emergencySheet as emergencySheetSchema,
  healthAccess,
  staffChildSummary,
} from '../../../shared/child-contracts.js';
import { familyOf, staffOf } from '../../plugins/access.js';
import { requestLanguage } from '../../i18n.js';
import {
  childHistory,
  createChild,
  emergencySheet,
  getChild,
  listChildren,
  listHealthAccesses,
  searchChildren,
  updateChild,
  viewChildAsStaff,
  type ChildScope,
} from './child.service.js';
import { familyCustody, linkHousehold, listHouseholds, otherHousehold, setCustody, setSharing, unlinkHousehold } from './child.households.js';
import { custodyInput, familyCustodyView, householdLinkInput, householdSharingInput, householdView, otherHouseholdView } from '../../../shared/household-contracts.js';

const childParams = z.object({ childId: z.string().max(64) });
const householdParams = z.object({ childId: z.string().max(64), familyId: z.string().max(64) });

/** The family always comes from the session: a child id only ever reaches that family's own children. */
function scopeOf(request: FastifyRequest): ChildScope {
  const { accountId, familyId, account } = familyOf(request);
  return { accountId, familyId, email: account.email, displayName: account.display_name ?? account.email };
}

/** Children's records (§4.4 to §4.6): the family's « Mes Enfants » and the staff's child search and sheets. */
export async function childRoutes(app: App, ctx: AppContext): Promise<void> {
  // ---------- family ----------
  app.get('/api/children', { schema: { response: { 200: z.array(childSummary) } } }, async (request) =>
    listChildren(ctx, scopeOf(request)),
  );

  app.post('/api/children', { schema: { body: childInput, response: { 201: childRecord } } }, async (request, reply) =>
    reply.status(201).send(await createChild(ctx, scopeOf(request), request.body)),
  );

  app.get('/api/children/:childId', { schema: { params: childParams, response: { 200: childRecord } } }, async (request) =>
    getChild(ctx, scopeOf(request), request.params.childId),
  );

  app.put(
    '/api/children/:childId',
    { schema: { params: childParams, body: childInput, response: { 200: childRecord } } },
    async (request) => updateChild(ctx, scopeOf(request), request.params.childId, request.body),
  );

  // the child's custody, as this household reads it (issue 11)
  app.get('/api/children/:childId/custody', { schema: { params: childParams, response: { 200: familyCustodyView } } }, async (request) =>
    familyCustody(ctx, scopeOf(request), request.params.childId),
  );

  // « partage autorisé » (issue 11): the other household, when staff allowed this one to see it
  app.get('/api/children/:childId/other-household', { schema: { params: childParams, response: { 200: otherHouseholdView } } }, async (request) =>
    otherHousehold(ctx, scopeOf(request), request.params.childId),
  );

  app.get('/api/family/health-accesses', { schema: { response: { 200: z.array(healthAccess) } } }, async (request) =>
    listHealthAccesses(ctx, scopeOf(request), requestLanguage(request)),
  );

  // ---------- staff ----------
  app.get(
    '/api/staff/children',
    { schema: { querystring: childSearchQuery, response: { 200: z.array(staffChildSummary) } } },
    async (request) => searchChildren(ctx, request.query),
  );

  app.get('/api/staff/children/:childId', { schema: { params: childParams, response: { 200: childRecord } } }, async (request) =>
    viewChildAsStaff(ctx, staffOf(request), request.params.childId),
  );

  app.get(
    '/api/staff/children/:childId/history',
    { schema: { params: childParams, response: { 200: z.array(childHistoryEntry) } } },
    async (request) => childHistory(ctx, staffOf(request), request.params.childId),
  );

  // ---------- staff: the child's households (issue 11) ----------
  app.get(
    '/api/staff/children/:childId/households',
    { schema: { params: childParams, response: { 200: z.array(householdView) } } },
    async (request) => listHouseholds(ctx, request.params.childId),
  );

  app.post(
    '/api/staff/children/:childId/households',
    { schema: { params: childParams, body: householdLinkInput, response: { 201: z.array(householdView) } } },
    async (request, reply) => reply.status(201).send(await linkHousehold(ctx, staffOf(request), request.params.childId, request.body)),
  );

  app.delete(
    '/api/staff/children/:childId/households/:familyId',
    { schema: { params: householdParams, response: { 200: z.array(householdView) } } },
    async (request) => unlinkHousehold(ctx, staffOf(request), request.params.childId, request.params.familyId),
  );

  app.put(
    '/api/staff/children/:childId/custody',
    { schema: { params: childParams, body: custodyInput, response: { 200: z.array(householdView) } } },
    async (request) => setCustody(ctx, staffOf(request), request.params.childId, request.body),
  );

  app.put(
    '/api/staff/children/:childId/households/:familyId/sharing',
    { schema: { params: householdParams, body: householdSharingInput, response: { 200: z.array(householdView) } } },
    async (request) => setSharing(ctx, staffOf(request), request.params.childId, request.params.familyId, request.body.seesOther),
  );

  app.get(
    '/api/staff/children/:childId/emergency-sheet',
    { schema: { params: childParams, response: { 200: emergencySheetSchema } } },
    async (request) => emergencySheet(ctx, staffOf(request), request.params.childId),
  );
}
