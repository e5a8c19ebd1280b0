import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import {
  campaignDetail,
  campaignInput,
  campaignView,
  familyCampaign,
  familyFlags,
  familyOutcomes,
  flagsInput,
  simulation,
  simulationInput,
  wishesInput,
} from '../../../shared/campaign-contracts.js';
import { familyOf, staffOf } from '../../plugins/access.js';
import { requestLanguage } from '../../i18n.js';
import * as campaigns from './campaign.service.js';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'field.invalid' });

function scopeOf(request: FastifyRequest): campaigns.CampaignScope {
  const { accountId, familyId, account } = familyOf(request);
  return { accountId, familyId, email: account.email, accountStatus: account.status };
}

/** Wish changes per family login: generous for a family ticking days, a wall for a script. */
const WISH_LIMIT = { max: 120, timeWindow: '1 minute' };

/** Request campaigns (issue 12, docs/fair-opening.md). Access per route in src/server/access.ts. */
export async function campaignRoutes(app: App, ctx: AppContext): Promise<void> {
  // ---------- family ----------
  app.get(
    '/api/campaigns/for-planning/:childId/:activityId/:periodId',
    { schema: { params: z.object({ childId: id, activityId: id, periodId: id }), response: { 200: familyCampaign } } },
    async (request) =>
      campaigns.familyCampaignFor(ctx, scopeOf(request), request.params.childId, request.params.activityId, request.params.periodId, requestLanguage(request)),
  );

  app.put(
    '/api/campaigns/:campaignId/wishes/:childId',
    { schema: { params: z.object({ campaignId: id, childId: id }), body: wishesInput, response: { 200: familyCampaign } }, config: { rateLimit: WISH_LIMIT } },
    async (request) => {
      const arrivedAt = ctx.clock.now(); // the close is judged at arrival
      return campaigns.saveWishes(ctx, scopeOf(request), request.params.campaignId, request.params.childId, request.body, requestLanguage(request), arrivedAt);
    },
  );

  app.get('/api/campaigns/outcomes', { schema: { response: { 200: familyOutcomes } } }, async (request) =>
    campaigns.familyOutcomes(ctx, scopeOf(request), requestLanguage(request)),
  );

  // ---------- staff ----------
  app.get('/api/staff/campaigns', { schema: { response: { 200: z.array(campaignView) } } }, async () => campaigns.listCampaigns(ctx));

  app.post('/api/staff/campaigns', { schema: { body: campaignInput, response: { 201: campaignView } } }, async (request, reply) =>
    reply.status(201).send(await campaigns.createCampaign(ctx, staffOf(request), request.body)),
  );

  app.get('/api/staff/campaigns/:campaignId', { schema: { params: z.object({ campaignId: id }), response: { 200: campaignDetail } } }, async (request) =>
    campaigns.campaignDetail(ctx, request.params.campaignId),
  );

  app.put(
    '/api/staff/campaigns/:campaignId',
    { schema: { params: z.object({ campaignId: id }), body: campaignInput, response: { 200: campaignView } } },
    async (request) => campaigns.updateCampaign(ctx, staffOf(request), request.params.campaignId, request.body),
  );

  app.post(
    '/api/staff/campaigns/:campaignId/simulate',
    { schema: { params: z.object({ campaignId: id }), body: simulationInput, response: { 200: simulation } }, config: { rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (request) => campaigns.simulate(ctx, staffOf(request), request.params.campaignId, request.body),
  );

  app.post('/api/staff/campaigns/:campaignId/publish', { schema: { params: z.object({ campaignId: id }), response: { 200: campaignDetail } } }, async (request) =>
    campaigns.publish(ctx, staffOf(request), request.params.campaignId),
  );

  app.put(
    '/api/staff/campaigns/flags/:familyId',
    { schema: { params: z.object({ familyId: id }), body: flagsInput, response: { 200: familyFlags } } },
    async (request) => campaigns.setFlags(ctx, staffOf(request), request.params.familyId, request.body),
  );
}
