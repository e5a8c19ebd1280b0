import { z } from 'zod';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import { familyOf } from '../../plugins/access.js';
import { paymentRecap, paymentSelection, paymentStart, paymentStarted, paymentView } from '../../../shared/payment-contracts.js';
import * as payment from './payment.service.js';
import { DEMO_BANK_CSS, DEMO_BANK_CSS_PATH, DEMO_BANK_PATH, DEMO_CHOICES, decideDemoOperation, demoBankPage } from './demo-bank.js';
import { requestLanguage } from '../../i18n.js';
import { publicBase } from './public-base.js';
import { basketParams } from '../../../shared/pay-at-booking-contracts.js';

/** Per-IP limits on the routes anyone can reach without a session. */
const LIMITS = {
  notify: { max: 60, timeWindow: '1 minute' },
  browser: { max: 30, timeWindow: '1 minute' },
} as const;

const paymentParams = z.object({ paymentId: z.string().uuid() });
const opParams = z.object({ opId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
/** PayFiP posts `idop` (form-encoded); JSON is accepted too. Anything else in the body is ignored. */
const notifyBody = z.object({ idop: z.string().max(100).optional(), idOp: z.string().max(100).optional() }).passthrough().nullish();

/** Online payment (§6.3), the providers' notifications and the demo bank. Access per route in src/server/access.ts. */
export async function paymentRoutes(app: App, ctx: AppContext): Promise<void> {
  // Providers and the bank page post HTML forms; parsed here only (this plugin's scope), small bodies.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 2048 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  // ---------- family ----------
  app.post('/api/payments/recap', { schema: { body: paymentSelection, response: { 200: paymentRecap } } }, async (request) => {
    const { lines, totalCents } = await payment.paymentRecap(ctx, familyOf(request).familyId, request.body.invoiceIds);
    return { lines, totalCents };
  });

  app.post('/api/payments', { schema: { body: paymentStart, response: { 201: paymentStarted } } }, async (request, reply) => {
    const { familyId, account } = familyOf(request);
    return reply.status(201).send(await payment.startPayment(ctx, { familyId, email: account.email, accountId: account.id }, request.body, publicBase(ctx, request)));
  });

  // « paiement à la réservation » (issue 13): pay a held basket's invoice
  app.post('/api/baskets/:basketId/payment', { schema: { params: basketParams, response: { 201: paymentStarted } } }, async (request, reply) => {
    const { familyId, account } = familyOf(request);
    return reply.status(201).send(await payment.startBasketPayment(ctx, { familyId, email: account.email, accountId: account.id }, request.params.basketId, publicBase(ctx, request)));
  });

  app.post('/api/payments/:paymentId/abandon', { schema: { params: paymentParams, response: { 200: paymentView } } }, async (request) =>
    payment.abandonPayment(ctx, familyOf(request).familyId, request.params.paymentId),
  );

  app.get('/api/payments', { schema: { response: { 200: z.array(paymentView) } } }, async (request) =>
    payment.listPayments(ctx, familyOf(request).familyId),
  );

  app.get('/api/payments/:paymentId', { schema: { params: paymentParams, response: { 200: paymentView } } }, async (request) =>
    payment.paymentOf(ctx, familyOf(request).familyId, request.params.paymentId),
  );

  // ---------- providers ----------
  app.post(
    '/api/payments/notify/:provider',
    { schema: { params: z.object({ provider: z.string().max(20) }), body: notifyBody }, config: { rateLimit: LIMITS.notify } },
    async (request, reply) => {
      const body = request.body ?? {};
      await payment.handleNotification(ctx, request.params.provider, body.idop ?? body.idOp);
      // the same answer whatever happened: a forger learns nothing
      return reply.status(200).type('text/plain').send('OK');
    },
  );

  const backFromBank = async (paymentId: string): Promise<string> => {
    await payment.handleReturn(ctx, paymentId);
    return `${payment.RETURN_PAGE}/${encodeURIComponent(paymentId)}`;
  };
  app.get('/api/payments/return/:paymentId', { schema: { params: paymentParams }, config: { rateLimit: LIMITS.browser } }, async (request, reply) =>
    reply.redirect(await backFromBank(request.params.paymentId), 303),
  );
  app.post('/api/payments/return/:paymentId', { schema: { params: paymentParams }, config: { rateLimit: LIMITS.browser } }, async (request, reply) =>
    reply.redirect(await backFromBank(request.params.paymentId), 303),
  );

  // ---------- the demo provider's simulated bank ----------
  app.get(DEMO_BANK_CSS_PATH, async (_request, reply) => reply.header('cache-control', 'public, max-age=3600').type('text/css; charset=utf-8').send(DEMO_BANK_CSS));
  app.get(`${DEMO_BANK_PATH}/:opId`, { schema: { params: opParams }, config: { rateLimit: LIMITS.browser } }, async (request, reply) => {
    const page = await demoBankPage(ctx, request.params.opId, requestLanguage(request));
    return reply.status(page.status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page.html);
  });
  app.post(
    `${DEMO_BANK_PATH}/:opId`,
    { schema: { params: opParams, body: z.object({ choice: z.enum(DEMO_CHOICES) }) }, config: { rateLimit: LIMITS.browser } },
    async (request, reply) => {
      const back = await decideDemoOperation(ctx, request.params.opId, request.body.choice);
      if (!back) return reply.status(404).type('text/html; charset=utf-8').send((await demoBankPage(ctx, request.params.opId, requestLanguage(request))).html);
      return reply.redirect(back, 303);
    },
  );
}
