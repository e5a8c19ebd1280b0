import { z } from 'zod';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import { NotFoundError } from '../../errors.js';
import { familyOf } from '../../plugins/access.js';
import { basketParams, basketView, familyBasketsParams } from '../../../shared/pay-at-booking-contracts.js';
import { familyExists } from '../family/family.service.js';
import { familyBasket, familyBaskets } from './booking.baskets.js';

/**
 * « Paiement à la réservation » (issue 13): the family's baskets (held, paid, expired, cancelled) and staff's view of
 * a family's. Paying a basket is the payment module's (POST /api/baskets/:basketId/payment). Access in access.ts.
 */
export async function basketRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/baskets', { schema: { response: { 200: z.array(basketView) } } }, async (request) => familyBaskets(ctx, familyOf(request).familyId));

  app.get('/api/baskets/:basketId', { schema: { params: basketParams, response: { 200: basketView } } }, async (request) =>
    familyBasket(ctx, familyOf(request).familyId, request.params.basketId),
  );

  app.get('/api/staff/families/:familyId/baskets', { schema: { params: familyBasketsParams, response: { 200: z.array(basketView) } } }, async (request) => {
    if (!(await familyExists(ctx.db, request.params.familyId))) throw new NotFoundError();
    return familyBaskets(ctx, request.params.familyId);
  });
}
