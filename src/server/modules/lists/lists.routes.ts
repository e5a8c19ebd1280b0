import { z } from 'zod';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import {
  LIST_KINDS,
  listItem,
  listItemInput,
  listItemPatch,
  listOrderInput,
  referenceLists,
  staffReferenceLists,
} from '../../../shared/child-contracts.js';
import { staffOf } from '../../plugins/access.js';
import { activeLists, addItem, managedLists, removeItem, reorder, updateItem } from './lists.service.js';

const kindParams = z.object({ kind: z.enum(LIST_KINDS, { error: 'choice.invalid' }) });
const itemParams = kindParams.extend({ itemId: z.string().max(64) });
const ok = z.object({ ok: z.literal(true) });

/** The reference lists: read by families (active items), managed by admins. */
export async function listsRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/reference-lists', { schema: { response: { 200: referenceLists } } }, async () => activeLists(ctx));

  app.get('/api/staff/lists', { schema: { response: { 200: staffReferenceLists } } }, async () => managedLists(ctx));

  app.post(
    '/api/staff/lists/:kind',
    { schema: { params: kindParams, body: listItemInput, response: { 201: listItem } } },
    async (request, reply) =>
      reply.status(201).send(await addItem(ctx, staffOf(request), request.params.kind, request.body)),
  );

  app.put(
    '/api/staff/lists/:kind/order',
    { schema: { params: kindParams, body: listOrderInput, response: { 200: z.array(listItem) } } },
    async (request) => reorder(ctx, staffOf(request), request.params.kind, request.body.ids),
  );

  app.patch(
    '/api/staff/lists/:kind/:itemId',
    { schema: { params: itemParams, body: listItemPatch, response: { 200: listItem } } },
    async (request) => updateItem(ctx, staffOf(request), request.params.kind, request.params.itemId, request.body),
  );

  app.delete(
    '/api/staff/lists/:kind/:itemId',
    { schema: { params: itemParams, response: { 200: ok } } },
    async (request) => {
      await removeItem(ctx, staffOf(request), request.params.kind, request.params.itemId);
      return { ok: true as const };
    },
  );
}
