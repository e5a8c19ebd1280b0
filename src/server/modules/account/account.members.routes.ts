import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import { familyOf, setSessionCookie, staffOf } from '../../plugins/access.js';
import { requestLanguage } from '../../i18n.js';
import { accountView, errorBody } from '../../../shared/contracts.js';
import {
  familyInvitation,
  familyMember,
  invitationAcceptInput,
  invitationInput,
  invitationPreview,
  invitationToken,
  journalEntry,
  memberRights,
  membersView,
} from '../../../shared/member-contracts.js';
import { toAccountView } from './account.view.js';
import type { RequestMeta } from './account.service.js';
import * as members from './account.members.js';
import { familyJournal } from './account.journal.js';

/** Coarse per-IP limits: the accept page hashes a password; inviting sends mail to an address the caller chooses. */
const LIMITS = {
  invite: { max: 10, timeWindow: '1 hour' },
  accept: { max: 10, timeWindow: '1 minute' },
  check: { max: 30, timeWindow: '1 minute' },
  change: { max: 30, timeWindow: '1 minute' },
} as const;

const okResponse = z.object({ ok: z.literal(true) });
const accountParams = z.object({ accountId: z.string().max(64) });
const invitationParams = z.object({ invitationId: z.string().max(64) });
const familyParams = z.object({ familyId: z.string().max(64) });

function meta(request: FastifyRequest): RequestMeta {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null, sessionId: request.auth?.id ?? null };
}

function memberActor(request: FastifyRequest): members.MemberActor & { familyId: string } {
  const { accountId, familyId, account } = familyOf(request);
  return { id: accountId, email: account.email, kind: 'family', familyId };
}

function staffActor(request: FastifyRequest): members.MemberActor {
  const s = staffOf(request);
  return { id: s.id, email: s.email, kind: 'staff' };
}

export async function memberRoutes(app: App, ctx: AppContext): Promise<void> {
  // ---------- the family's side ----------
  app.get('/api/family/members', { schema: { response: { 200: membersView } } }, async (request) => members.listMembers(ctx, familyOf(request).familyId));

  app.get('/api/family/journal', { schema: { response: { 200: z.array(journalEntry) } } }, async (request) =>
    familyJournal(ctx, familyOf(request).familyId, requestLanguage(request)),
  );

  app.post(
    '/api/family/invitations',
    { schema: { body: invitationInput, response: { 201: familyInvitation, 400: errorBody, 409: errorBody } }, config: { rateLimit: LIMITS.invite } },
    async (request, reply) => {
      const actor = memberActor(request);
      return reply.status(201).send(await members.invite(ctx, actor, actor.familyId, request.body));
    },
  );

  app.delete(
    '/api/family/invitations/:invitationId',
    { schema: { params: invitationParams, response: { 200: okResponse, 404: errorBody, 409: errorBody } }, config: { rateLimit: LIMITS.change } },
    async (request) => {
      const actor = memberActor(request);
      await members.withdrawInvitation(ctx, actor, actor.familyId, request.params.invitationId);
      return { ok: true as const };
    },
  );

  app.put(
    '/api/family/members/:accountId/rights',
    { schema: { params: accountParams, body: memberRights, response: { 200: familyMember, 404: errorBody, 409: errorBody } }, config: { rateLimit: LIMITS.change } },
    async (request) => {
      const actor = memberActor(request);
      return members.setRights(ctx, actor, actor.familyId, request.params.accountId, request.body);
    },
  );

  app.delete(
    '/api/family/members/:accountId',
    { schema: { params: accountParams, response: { 200: okResponse, 404: errorBody, 409: errorBody } }, config: { rateLimit: LIMITS.change } },
    async (request) => {
      const actor = memberActor(request);
      await members.detachMember(ctx, actor, actor.familyId, request.params.accountId, request.params.accountId === actor.id ? 'left' : 'removed');
      return { ok: true as const };
    },
  );

  app.post(
    '/api/family/members/leave',
    { schema: { response: { 200: okResponse, 409: errorBody } }, config: { rateLimit: LIMITS.change } },
    async (request) => {
      const actor = memberActor(request);
      await members.detachMember(ctx, actor, actor.familyId, actor.id, 'left');
      return { ok: true as const };
    },
  );

  // ---------- the invitee's link (public) ----------
  app.post(
    '/api/invitations/check',
    { schema: { body: invitationToken, response: { 200: invitationPreview, 400: errorBody, 409: errorBody } }, config: { rateLimit: LIMITS.check } },
    async (request) => members.previewInvitation(ctx, request.body.token),
  );

  app.post(
    '/api/invitations/accept',
    {
      schema: { body: invitationAcceptInput, response: { 201: z.object({ account: accountView }), 400: errorBody, 409: errorBody } },
      config: { rateLimit: LIMITS.accept },
    },
    async (request, reply) => {
      const { token, account } = await members.acceptInvitation(ctx, request.body, meta(request));
      setSessionCookie(ctx, request, reply, token);
      return reply.status(201).send({ account: toAccountView(account) });
    },
  );

  // ---------- staff ----------
  app.get('/api/staff/families/:familyId/members', { schema: { params: familyParams, response: { 200: membersView, 404: errorBody } } }, async (request) =>
    members.listMembersAsStaff(ctx, request.params.familyId),
  );

  app.post(
    '/api/staff/families/:familyId/invitations',
    { schema: { params: familyParams, body: invitationInput, response: { 201: familyInvitation, 400: errorBody, 404: errorBody, 409: errorBody } } },
    async (request, reply) => reply.status(201).send(await members.invite(ctx, staffActor(request), request.params.familyId, request.body)),
  );

  app.delete(
    '/api/staff/families/:familyId/invitations/:invitationId',
    { schema: { params: familyParams.merge(invitationParams), response: { 200: okResponse, 404: errorBody, 409: errorBody } } },
    async (request) => {
      await members.withdrawInvitation(ctx, staffActor(request), request.params.familyId, request.params.invitationId);
      return { ok: true as const };
    },
  );

  app.put(
    '/api/staff/families/:familyId/members/:accountId/rights',
    { schema: { params: familyParams.merge(accountParams), body: memberRights, response: { 200: familyMember, 404: errorBody, 409: errorBody } } },
    async (request) => members.setRights(ctx, staffActor(request), request.params.familyId, request.params.accountId, request.body),
  );

  app.delete(
    '/api/staff/families/:familyId/members/:accountId',
    { schema: { params: familyParams.merge(accountParams), response: { 200: okResponse, 404: errorBody, 409: errorBody } } },
    async (request) => {
      await members.detachMember(ctx, staffActor(request), request.params.familyId, request.params.accountId, 'removed');
      return { ok: true as const };
    },
  );
}
