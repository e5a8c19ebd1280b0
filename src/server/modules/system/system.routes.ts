import { z } from 'zod';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import { pingDatabase } from '../../db/database.js';
import { ensureCsrfToken } from '../../plugins/access.js';
import { toAccountView } from '../account/account.view.js';
import { postalCodeMatch, postalCodeQuery, publicConfig, sessionView } from '../../../shared/contracts.js';
import { searchPostalCodes } from '../postal/postal.service.js';

export async function systemRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/healthz', { logLevel: 'warn' }, async (_request, reply) => {
    const ok = await pingDatabase(ctx.db);
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'database_unreachable' });
  });

  app.get('/api/openapi.json', async () => app.swagger());

  app.get('/api/config', { schema: { response: { 200: publicConfig } } }, async () => ({
    city: ctx.config.city,
    demo: ctx.config.demo,
    smtp: Boolean(ctx.mailer),
    franceConnect: Boolean(ctx.config.franceConnect),
  }));

  app.get('/api/session', { schema: { response: { 200: sessionView } } }, async (request, reply) => ({
    csrfToken: ensureCsrfToken(ctx, request, reply),
    account: request.auth
      ? { ...toAccountView(request.auth.account), ...(request.auth.scope === 'enrolment' ? { enrolmentRequired: true } : {}) }
      : null,
  }));

  app.get(
    '/api/postal-codes',
    {
      schema: { querystring: postalCodeQuery, response: { 200: z.array(postalCodeMatch) } },
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
    },
    async (request) => searchPostalCodes(request.query.q),
  );
}
