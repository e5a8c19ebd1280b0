import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import { familyOf, staffOf } from '../../plugins/access.js';
import { requestLanguage } from '../../i18n.js';
import { isoNow } from '../../clock.js';
import {
  activityPolicy,
  allocateCreditInput,
  batch,
  batchInput,
  certificateQuery,
  creditResult,
  debtPolicyInput,
  familyMoney,
  familyOffice,
  identifierInput,
  liftInput,
  mandate,
  mandateDecision,
  mandateEnd,
  mandateListQuery,
  mandateRequest,
  manualInvoiceInput,
  manualInvoiceResult,
  moneySettings,
  moneySettingsInput,
  officeQuery,
  okResult,
  pauseInput,
  refundInput,
  refundView,
  rejectionImport,
  rejectionResult,
  reminderLine,
  reminderQuery,
  remindersRun,
  taxCertificateQuery,
} from '../../../shared/money-contracts.js';
import * as money from './billing.money.js';
import * as sepa from './billing.sepa.js';
import { mandatePdf, paymentCertificate, reminderLetterPdf, taxCertificate } from './billing.certificates.js';
import { recordAudit } from '../audit/audit.service.js';
import { parisDateOf } from '../../../shared/calendar/paris-time.js';
import { familyExists } from '../family/family.service.js';
import { NotFoundError } from '../../errors.js';

const familyParams = z.object({ familyId: z.string().max(64) });
const mandateParams = z.object({ mandateId: z.string().uuid() });
const batchParams = z.object({ batchId: z.coerce.number().int().positive().max(2 ** 31 - 1) });
const officeParams = z.object({ officeId: z.string().max(64) });
const activityParams = z.object({ activityId: z.string().max(64) });
const establishmentParams = z.object({ establishmentId: z.string().max(64) });

const today = (ctx: AppContext) => parisDateOf(ctx.clock.now());
/** Per-IP limits where a family could make the server work in a loop (PDF rendering, mandate requests). */
const LIMITS = { pdf: { max: 30, timeWindow: '1 minute' }, write: { max: 10, timeWindow: '1 minute' } } as const;

/** Issue 13's routes (docs/money.md). Access per route in src/server/access.ts. */
export async function moneyRoutes(app: App, ctx: AppContext): Promise<void> {
  const pdf = (reply: FastifyReply, f: { pdf: Buffer; fileName: string }) =>
    reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${f.fileName}"`).header('cache-control', 'private, no-store').send(f.pdf);

  const familyView = async (familyId: string) => ({
    debt: await money.debtStatusOf(ctx.db, familyId, today(ctx)),
    creditCents: await money.creditWithRefunds(ctx.db, familyId),
    reminders: await money.remindersOf(ctx.db, { familyId }),
    mandates: await sepa.mandatesOf(ctx.db, { familyId }),
  });
  const knownFamily = async (familyId: string) => {
    if (!(await familyExists(ctx.db, familyId))) throw new NotFoundError();
  };

  // ---------- family ----------
  app.get('/api/money/family', { schema: { response: { 200: familyMoney } } }, async (request) => familyView(familyOf(request).familyId));
  app.get('/api/money/offices', { schema: { response: { 200: z.array(familyOffice) } } }, async () => {
    const offices = await ctx.db.selectFrom('collection_office').select(['id', 'name']).orderBy('name').execute();
    const out = [];
    for (const o of offices) {
      const s = await money.moneySettingsOf(ctx.db, o.id);
      out.push({ id: o.id, name: o.name, creditorId: s.creditorId, directDebit: !!(s.creditorId && s.creditorIban && s.creditorBic), prenotificationDays: s.prenotificationDays });
    }
    return out;
  });
  app.post('/api/money/mandates', { schema: { body: mandateRequest, response: { 201: mandate } }, config: { rateLimit: LIMITS.write } }, async (request, reply) => {
    const { familyId, account } = familyOf(request);
    return reply.status(201).send(await sepa.requestMandate(ctx, familyId, account.id, request.body));
  });
  app.post('/api/money/mandates/:mandateId/revoke', { schema: { params: mandateParams, body: mandateEnd, response: { 200: mandate } } }, async (request) => {
    const { familyId, account } = familyOf(request);
    return sepa.revokeMandate(ctx, { id: account.id, email: account.email }, request.params.mandateId, familyId, request.body.reason);
  });
  const mandatePdfReply = async (request: FastifyRequest, reply: FastifyReply, mandateId: string, familyId?: string) => {
    const m = await sepa.mandateRow(ctx.db, mandateId, familyId);
    const s = await money.moneySettingsOf(ctx.db, m.office_id);
    const office = await ctx.db.selectFrom('collection_office').select('name').where('id', '=', m.office_id).executeTakeFirstOrThrow();
    return pdf(reply, await mandatePdf(ctx, m, { name: s.creditorName ?? office.name, ics: s.creditorId }, requestLanguage(request)));
  };
  app.get('/api/money/mandates/:mandateId/pdf', { schema: { params: mandateParams }, config: { rateLimit: LIMITS.pdf } }, async (request, reply) =>
    mandatePdfReply(request, reply, request.params.mandateId, familyOf(request).familyId),
  );
  app.get('/api/money/certificates/payments.pdf', { schema: { querystring: certificateQuery }, config: { rateLimit: LIMITS.pdf } }, async (request, reply) =>
    pdf(reply, await paymentCertificate(ctx, familyOf(request).familyId, request.query.from, request.query.to, requestLanguage(request))),
  );
  app.get('/api/money/certificates/tax.pdf', { schema: { querystring: taxCertificateQuery }, config: { rateLimit: LIMITS.pdf } }, async (request, reply) =>
    pdf(reply, await taxCertificate(ctx, familyOf(request).familyId, request.query.year, requestLanguage(request))),
  );

  // ---------- staff ----------
  app.get('/api/staff/money/offices/:officeId/settings', { schema: { params: officeParams, response: { 200: moneySettings } } }, async (request) =>
    money.moneySettingsOf(ctx.db, request.params.officeId),
  );
  app.put('/api/staff/money/offices/:officeId/settings', { schema: { params: officeParams, body: moneySettingsInput, response: { 200: moneySettings } } }, async (request) =>
    money.saveMoneySettings(ctx, staffOf(request), request.params.officeId, request.body),
  );
  app.get('/api/staff/money/mandates', { schema: { querystring: mandateListQuery, response: { 200: z.array(mandate) } } }, async (request) =>
    sepa.mandatesOf(ctx.db, { state: request.query.state, familyId: request.query.familyId }),
  );
  app.post('/api/staff/money/mandates/:mandateId/activate', { schema: { params: mandateParams, response: { 200: mandate } } }, async (request) =>
    sepa.decideMandate(ctx, staffOf(request), request.params.mandateId, 'active', null),
  );
  app.post('/api/staff/money/mandates/:mandateId/refuse', { schema: { params: mandateParams, body: mandateDecision, response: { 200: mandate } } }, async (request) =>
    sepa.decideMandate(ctx, staffOf(request), request.params.mandateId, 'refused', request.body.reason ?? null),
  );
  app.post('/api/staff/money/mandates/:mandateId/revoke', { schema: { params: mandateParams, body: mandateEnd, response: { 200: mandate } } }, async (request) =>
    sepa.revokeMandate(ctx, staffOf(request), request.params.mandateId, null, request.body.reason),
  );
  app.get('/api/staff/money/mandates/:mandateId/pdf', { schema: { params: mandateParams } }, async (request, reply) => mandatePdfReply(request, reply, request.params.mandateId));
  app.get('/api/staff/money/batches', { schema: { querystring: officeQuery, response: { 200: z.array(batch) } } }, async (request) => sepa.listBatches(ctx, request.query.officeId));
  app.post('/api/staff/money/batches', { schema: { body: batchInput, response: { 200: batch } } }, async (request) => sepa.buildBatch(ctx, staffOf(request), request.body.runId));
  app.get('/api/staff/money/batches/:batchId', { schema: { params: batchParams, response: { 200: batch } } }, async (request) => sepa.getBatch(ctx, request.params.batchId));
  app.get('/api/staff/money/batches/:batchId/pain008', { schema: { params: batchParams } }, async (request, reply) => {
    const xml = await sepa.batchPain008(ctx, request.params.batchId);
    await recordAudit(ctx.db, ctx.clock, staffOf(request), { action: 'money.pain008_downloaded', targetType: 'sepa_batch', targetId: String(request.params.batchId) });
    return reply
      .header('content-type', 'application/xml; charset=utf-8')
      .header('content-disposition', `attachment; filename="pain008-${request.params.batchId}.xml"`)
      .send(xml);
  });
  app.post('/api/staff/money/returns', { schema: { body: rejectionImport, response: { 200: rejectionResult } }, bodyLimit: 2_500_000 }, async (request) =>
    sepa.importReturns(ctx, staffOf(request), request.body.content),
  );
  app.get('/api/staff/money/reminders', { schema: { querystring: reminderQuery, response: { 200: z.array(reminderLine) } } }, async (request) =>
    money.remindersOf(ctx.db, { officeId: request.query.officeId, familyId: request.query.familyId }),
  );
  app.post('/api/staff/money/reminders/run', { schema: { response: { 200: remindersRun } } }, async () => ({ sent: await money.sendDueReminders(ctx) }));
  app.get('/api/staff/money/families/:familyId', { schema: { params: familyParams, response: { 200: familyMoney } } }, async (request) => {
    await knownFamily(request.params.familyId);
    return familyView(request.params.familyId);
  });
  app.put('/api/staff/money/families/:familyId/reminder-pause', { schema: { params: familyParams, body: pauseInput, response: { 200: okResult } } }, async (request) => {
    await knownFamily(request.params.familyId);
    await money.pauseReminders(ctx, staffOf(request), request.params.familyId, request.body.reason);
    return { ok: true as const };
  });
  app.delete('/api/staff/money/families/:familyId/reminder-pause', { schema: { params: familyParams, response: { 200: okResult } } }, async (request) => {
    await money.resumeReminders(ctx, staffOf(request), request.params.familyId);
    return { ok: true as const };
  });
  app.put('/api/staff/money/families/:familyId/debt-lift', { schema: { params: familyParams, body: liftInput, response: { 200: okResult } } }, async (request) => {
    await knownFamily(request.params.familyId);
    await money.liftDebtRule(ctx, staffOf(request), request.params.familyId, request.body);
    return { ok: true as const };
  });
  app.delete('/api/staff/money/families/:familyId/debt-lift', { schema: { params: familyParams, response: { 200: okResult } } }, async (request) => {
    await money.endDebtLift(ctx, staffOf(request), request.params.familyId);
    return { ok: true as const };
  });
  app.get('/api/staff/money/families/:familyId/certificates/payments.pdf', { schema: { params: familyParams, querystring: certificateQuery } }, async (request, reply) => {
    await knownFamily(request.params.familyId);
    return pdf(reply, await paymentCertificate(ctx, request.params.familyId, request.query.from, request.query.to, requestLanguage(request)));
  });
  app.get('/api/staff/money/families/:familyId/certificates/tax.pdf', { schema: { params: familyParams, querystring: taxCertificateQuery } }, async (request, reply) => {
    await knownFamily(request.params.familyId);
    return pdf(reply, await taxCertificate(ctx, request.params.familyId, request.query.year, requestLanguage(request)));
  });
  app.get('/api/staff/money/invoices/:invoiceId/reminder-letter.pdf', { schema: { params: z.object({ invoiceId: z.coerce.number().int().positive().max(2 ** 31 - 1) }) } }, async (request, reply) =>
    pdf(reply, await reminderLetterPdf(ctx, request.params.invoiceId, requestLanguage(request))),
  );
  app.get('/api/staff/money/debt-policies', { schema: { response: { 200: z.array(activityPolicy) } } }, async () => money.activityPolicies(ctx));
  app.put('/api/staff/money/debt-policies/:activityId', { schema: { params: activityParams, body: debtPolicyInput, response: { 200: z.array(activityPolicy) } } }, async (request) => {
    await money.setActivityPolicy(ctx, staffOf(request), request.params.activityId, request.body.essential);
    return money.activityPolicies(ctx);
  });
  app.put('/api/staff/money/establishments/:establishmentId/identifier', { schema: { params: establishmentParams, body: identifierInput, response: { 200: okResult } } }, async (request) => {
    const id = request.params.establishmentId;
    if (request.body.identifier) await ctx.db.insertInto('establishment_identifier').values({ establishment_id: id, identifier: request.body.identifier }).onConflict((oc) => oc.column('establishment_id').doUpdateSet({ identifier: request.body.identifier })).execute();
    else await ctx.db.deleteFrom('establishment_identifier').where('establishment_id', '=', id).execute();
    await recordAudit(ctx.db, ctx.clock, staffOf(request), { action: 'money.establishment_identifier', targetType: 'establishment', targetId: id, details: { at: isoNow(ctx.clock) } });
    return { ok: true as const };
  });
  app.get('/api/staff/money/unpaid.csv', { schema: { querystring: officeQuery } }, async (request, reply) =>
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="impayes-${today(ctx)}.csv"`)
      .send(await money.unpaidCsv(ctx, request.query.officeId, requestLanguage(request))),
  );
  app.post('/api/staff/money/credit-allocations', { schema: { body: allocateCreditInput, response: { 200: creditResult } } }, async (request) =>
    money.allocateCredit(ctx, staffOf(request), request.body),
  );
  app.post('/api/staff/money/refunds', { schema: { body: refundInput, response: { 201: refundView } } }, async (request, reply) => {
    await knownFamily(request.body.familyId);
    return reply.status(201).send(await money.recordRefund(ctx, staffOf(request), request.body));
  });
  app.post('/api/staff/money/invoices', { schema: { body: manualInvoiceInput, response: { 201: manualInvoiceResult } } }, async (request, reply) =>
    reply.status(201).send(await money.createManualInvoice(ctx, staffOf(request), request.body)),
  );
}
