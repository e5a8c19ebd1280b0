/**
 * Statistics for the CAF and the city (issue 15, docs/statistics.md): the staff page's figures and the exports, for
 * agents and administrators (`staff` in ROUTE_ACCESS; a family gets 403). Every answer comes from stats.service.ts.
 */
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import { hoursReport as hoursReportSchema, statsOverview, statsQuery } from '../../../shared/stats-contracts.js';
import { parisDateOf } from '../../../shared/calendar/paris-time.js';
import { requestLanguage, translator } from '../../i18n.js';
import { hoursReport, overview, scopeLabel } from './stats.service.js';
import { exportFileName, hoursCsv, hoursPdf, hoursXlsx } from './stats.export.js';

export async function statsRoutes(app: App, ctx: AppContext) {
  app.get('/api/staff/stats/overview', { schema: { querystring: statsQuery, response: { 200: statsOverview } } }, async (request) => overview(ctx, request.query));
  app.get('/api/staff/stats/hours', { schema: { querystring: statsQuery, response: { 200: hoursReportSchema } } }, async (request) => hoursReport(ctx, request.query));
  app.get('/api/staff/stats/hours.csv', { schema: { querystring: statsQuery } }, async (request, reply) => {
    const language = requestLanguage(request);
    const report = await hoursReport(ctx, request.query);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${exportFileName(report, language, 'csv')}"`)
      .send(hoursCsv(report, language));
  });
  app.get('/api/staff/stats/hours.xlsx', { schema: { querystring: statsQuery } }, async (request, reply) => {
    const language = requestLanguage(request);
    const report = await hoursReport(ctx, request.query);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${exportFileName(report, language, 'xlsx')}"`)
      .send(await hoursXlsx(report, language, ctx.config.city));
  });
  app.get('/api/staff/stats/summary.pdf', { schema: { querystring: statsQuery } }, async (request, reply) => {
    const language = requestLanguage(request);
    const report = await hoursReport(ctx, request.query);
    const scope = await scopeLabel(ctx, request.query, translator(language)('stats:filters.allActivities'));
    const pdf = await hoursPdf(report, ctx.config.city, { language, scope, madeOn: parisDateOf(ctx.clock.now()) });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${exportFileName(report, language, 'pdf')}"`)
      .send(pdf);
  });
}
