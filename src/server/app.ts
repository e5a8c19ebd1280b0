import Fastify, { type FastifyServerOptions, type RouteOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from './context.js';
import type { App } from './http.js';
import { registerErrorHandler } from './plugins/errors.js';
import { registerSecurityHeaders } from './plugins/security-headers.js';
import { registerAccessControl } from './plugins/access.js';
import { sharedRateLimitStore } from './plugins/rate-limit-store.js';
import { isSpaPath, registerWeb, WEB_DIST } from './plugins/web.js';
import { errorMessage, requestLanguage } from './i18n.js';
import { systemRoutes } from './modules/system/system.routes.js';
import { operationsRoutes } from './modules/system/operations.routes.js';
import { registerRequestId, requestIdGenerator } from './plugins/request-id.js';
import { registerMetrics } from './plugins/metrics.js';
import { registerCompression } from './plugins/compression.js';
import { accountRoutes } from './modules/account/account.routes.js';
import { accountSecurityRoutes } from './modules/account/account.security.routes.js';
import { familyRoutes } from './modules/family/family.routes.js';
import { staffRoutes } from './modules/staff/staff.routes.js';
import { childRoutes } from './modules/child/child.routes.js';
import { catalogRoutes } from './modules/catalog/catalog.routes.js';
import { bookingRoutes } from './modules/booking/booking.routes.js';
import { attendanceOfflineRoutes } from './modules/booking/booking.offline-routes.js';
import { listsRoutes } from './modules/lists/lists.routes.js';
import { billingRoutes } from './modules/billing/billing.routes.js';
import { moneyRoutes } from './modules/billing/billing.money.routes.js';
import { documentRoutes } from './modules/document/document.routes.js';
import { privacyRoutes } from './modules/privacy/privacy.routes.js';
import { registerPrivacyParticipants } from './modules/privacy/privacy.participants.js';
import { registerFamilyCopies, registerMailChannels, registerRecipientLanguages } from './modules/mail/mail.service.js';
import { familyMailCopies, languagesOfLogins } from './modules/account/account.logins.js';
import { memberRoutes } from './modules/account/account.members.routes.js';
import { paymentRoutes } from './modules/payment/payment.routes.js';
import { basketRoutes } from './modules/booking/booking.baskets.routes.js';
import { franceConnectRoutes } from './modules/franceconnect/franceconnect.routes.js';
import { campaignRoutes } from './modules/campaign/campaign.routes.js';
import { bookingPhase } from './modules/campaign/campaign.service.js';
import { registerCampaignPhase } from './modules/booking/booking.service.js';
import { registerFranceConnectLocks } from './modules/franceconnect/franceconnect.service.js';
import { openHealthCipher } from './crypto/health-crypto.js';
import { stopJobQueue } from './jobs/queue.js';
import { messagingRoutes } from './modules/messaging/messaging.routes.js';
import { statsRoutes } from './modules/stats/stats.routes.js';
import { routeMailChannels } from './modules/messaging/messaging.notify.js';
import { quotientRoutes } from './modules/quotient/quotient.routes.js';
import { registerQuotientFormRules } from './modules/quotient/quotient.service.js';

export interface BuildOptions {
  /** called for every route Fastify registers (the route-table test uses it) */
  onRoute?: (route: RouteOptions) => void;
  /** serve the built browser app when present (default true) */
  web?: boolean;
  webDir?: string;
}

/** Builds the portal. Never listens: main.ts does, tests inject. */
export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<App> {
  ctx.health ??= await openHealthCipher(ctx.config, ctx.db, ctx.logger);
  const fastifyOptions: FastifyServerOptions = {
    loggerInstance: ctx.logger,
    trustProxy: ctx.config.trustProxy,
    bodyLimit: ctx.config.bodyLimit,
    exposeHeadRoutes: false,
    // X-Request-Id: taken from a trusted proxy when it is a safe token, else generated (plugins/request-id.ts)
    requestIdHeader: false,
    genReqId: requestIdGenerator(ctx.config.trustProxy),
  };
  const app = Fastify(fastifyOptions).withTypeProvider<ZodTypeProvider>() as unknown as App;
  // the context's job queue (started by startJobs or by a first enqueue) stops with the app: no worker left polling
  app.addHook('onClose', async () => stopJobQueue(ctx));
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  if (opts.onRoute) app.addHook('onRoute', opts.onRoute);
  registerRequestId(app);
  const metrics = registerMetrics(app, ctx);

  registerErrorHandler(app);
  registerSecurityHeaders(app, { https: ctx.config.publicUrl.startsWith('https://') });
  // the API's JSON compressed (issue 17); the web app's files are precompressed (plugins/web.ts)
  registerCompression(app);
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    // counters in the database: every instance counts the same requests (issue 16)
    store: sharedRateLimitStore(app, ctx),
    errorResponseBuilder: (req, c) => ({
      statusCode: 429,
      error: { code: 'request.rate_limited', message: errorMessage(requestLanguage(req), 'request.rate_limited'), retryAfterSeconds: Math.ceil(c.ttl / 1000) },
    }),
  });
  await app.register(fastifySwagger, {
    openapi: { info: { title: 'Portail Familles API', version: '0.1.0' } },
    transform: jsonSchemaTransform,
  });
  registerAccessControl(app, ctx);

  await app.register(async (i) => systemRoutes(i as App, ctx));
  await app.register(async (i) => operationsRoutes(i as App, ctx, metrics));
  // each module's part in a family's export and closure, declared explicitly (privacy.participants.ts)
  registerPrivacyParticipants();
  // each e-mail in its recipient account's language: the account module answers for the mail module (which it calls)
  registerRecipientLanguages(languagesOfLogins);
  // a family's mails reach its other members too (issue 11): the account module answers for the mail module
  registerFamilyCopies(familyMailCopies);
  // issue 14: each family mail follows the family's notification choices (e-mail, SMS, push)
  registerMailChannels(routeMailChannels);
  await app.register(async (i) => accountRoutes(i as App, ctx));
  await app.register(async (i) => accountSecurityRoutes(i as App, ctx));
  await app.register(async (i) => familyRoutes(i as App, ctx));
  await app.register(async (i) => staffRoutes(i as App, ctx));
  await app.register(async (i) => listsRoutes(i as App, ctx));
  await app.register(async (i) => childRoutes(i as App, ctx));
  await app.register(async (i) => catalogRoutes(i as App, ctx));
  await app.register(async (i) => bookingRoutes(i as App, ctx));
  await app.register(async (i) => attendanceOfflineRoutes(i as App, ctx));
  await app.register(async (i) => billingRoutes(i as App, ctx));
  await app.register(async (i) => moneyRoutes(i as App, ctx));
  await app.register(async (i) => documentRoutes(i as App, ctx));
  await app.register(async (i) => privacyRoutes(i as App, ctx));
  await app.register(async (i) => paymentRoutes(i as App, ctx));
  await app.register(async (i) => basketRoutes(i as App, ctx));
  await app.register(async (i) => statsRoutes(i as App, ctx));
  // FranceConnect (issue 11): its routes, and the guardian identities it locks in the family's form
  registerFranceConnectLocks();
  await app.register(async (i) => franceConnectRoutes(i as App, ctx));
  await app.register(async (i) => memberRoutes(i as App, ctx));
  await app.register(async (i) => messagingRoutes(i as App, ctx));
  // request campaigns (issue 12): booking asks the campaign module whether a period collects wishes
  registerCampaignPhase(bookingPhase);
  await app.register(async (i) => campaignRoutes(i as App, ctx));
  // the family quotient (issue 15): its routes, and the rule of the family's form on a verified quotient
  registerQuotientFormRules();
  await app.register(async (i) => quotientRoutes(i as App, ctx));

  const webDir = opts.webDir ?? WEB_DIST;
  const hasWeb = opts.web !== false && (await registerWeb(app, webDir));
  app.setNotFoundHandler((request, reply) => {
    if (hasWeb && request.method === 'GET' && isSpaPath(request.url) && /html|\*\/\*/.test(request.headers.accept ?? '')) {
      return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html', webDir);
    }
    return reply.status(404).send({ error: { code: 'not_found', message: errorMessage(requestLanguage(request), 'not_found') } });
  });
  return app;
}
