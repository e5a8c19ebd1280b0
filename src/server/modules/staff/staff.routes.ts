import { z } from 'zod';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import {
  auditEntry,
  auditQuery,
  familySearchQuery,
  familySummary,
  outboxItem,
  outboxMessage,
  rejectInput,
  staffAccount,
  staffAccountInput,
  staffAccountPatch,
  staffFamilyView,
} from '../../../shared/contracts.js';
import { staffOf } from '../../plugins/access.js';
import { listPendingFamilies, searchFamilies, viewFamilyAsStaff } from '../family/family.service.js';
import {
  auditLog,
  createStaffAccount,
  listStaffAccounts,
  outbox,
  readOutboxMessage,
  rejectFamilyAccount,
  retryOutbox,
  updateStaffAccount,
  validateFamilyAccount,
} from './staff.service.js';

// Ids are opaque: anything unknown (or malformed) is simply not found.
const accountParams = z.object({ accountId: z.string().max(64) });
const familyParams = z.object({ familyId: z.string().max(64) });
const messageParams = z.object({ messageId: z.coerce.number().int().positive().max(2 ** 31 - 1) });
const pageQuery = z.object({ before: z.coerce.number().int().positive().optional() });
const ok = z.object({ ok: z.literal(true) });

/** The back-office. Access (staff / admin) is enforced from src/server/access.ts before any handler runs. */
export async function staffRoutes(app: App, ctx: AppContext): Promise<void> {
  // ---------- accounts awaiting validation ----------
  app.get('/api/staff/accounts/pending', { schema: { response: { 200: z.array(familySummary) } } }, async () =>
    listPendingFamilies(ctx),
  );

  app.post(
    '/api/staff/accounts/:accountId/validate',
    { schema: { params: accountParams, response: { 200: ok } } },
    async (request) => {
      await validateFamilyAccount(ctx, staffOf(request), request.params.accountId);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/staff/accounts/:accountId/reject',
    { schema: { params: accountParams, body: rejectInput, response: { 200: ok } } },
    async (request) => {
      await rejectFamilyAccount(ctx, staffOf(request), request.params.accountId, request.body.reason);
      return { ok: true as const };
    },
  );

  // ---------- families ----------
  app.get(
    '/api/staff/families',
    { schema: { querystring: familySearchQuery, response: { 200: z.array(familySummary) } } },
    async (request) => searchFamilies(ctx, request.query),
  );

  app.get(
    '/api/staff/families/:familyId',
    { schema: { params: familyParams, response: { 200: staffFamilyView } } },
    async (request) => viewFamilyAsStaff(ctx, staffOf(request), request.params.familyId),
  );

  // ---------- audit log and outbox (admin) ----------
  app.get('/api/staff/audit', { schema: { querystring: auditQuery, response: { 200: z.array(auditEntry) } } }, async (request) =>
    auditLog(ctx, request.query),
  );

  app.get('/api/staff/outbox', { schema: { querystring: pageQuery, response: { 200: z.array(outboxItem) } } }, async (request) =>
    outbox(ctx, request.query),
  );

  app.get(
    '/api/staff/outbox/:messageId',
    { schema: { params: messageParams, response: { 200: outboxMessage } } },
    async (request) => readOutboxMessage(ctx, staffOf(request), request.params.messageId),
  );

  app.post(
    '/api/staff/outbox/:messageId/retry',
    { schema: { params: messageParams, response: { 200: ok } } },
    async (request) => {
      await retryOutbox(ctx, staffOf(request), request.params.messageId);
      return { ok: true as const };
    },
  );

  // ---------- staff accounts (admin) ----------
  app.get('/api/staff/staff-accounts', { schema: { response: { 200: z.array(staffAccount) } } }, async () =>
    listStaffAccounts(ctx),
  );

  app.post(
    '/api/staff/staff-accounts',
    { schema: { body: staffAccountInput, response: { 201: staffAccount } } },
    async (request, reply) => reply.status(201).send(await createStaffAccount(ctx, staffOf(request), request.body)),
  );

  app.patch(
    '/api/staff/staff-accounts/:accountId',
    { schema: { params: accountParams, body: staffAccountPatch, response: { 200: staffAccount } } },
    async (request) => updateStaffAccount(ctx, staffOf(request), request.params.accountId, request.body),
  );
}
