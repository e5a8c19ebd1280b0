import { z } from 'zod';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import {
  balance,
  creditNote,
  creditNoteInput,
  familyBilling,
  invoiceDetail,
  invoiceListQuery,
  invoiceSummary,
  isoMonth,
  manualPaymentInput,
  office,
  officeInput,
  payment,
  paymentListQuery,
  runDetail,
  runInput,
  runSummary,
  tariff,
  tariffInput,
  unpaidInvoice,
} from '../../../shared/billing-contracts.js';
import { isoDay } from '../../../shared/contracts.js';
import { familyOf, staffOf } from '../../plugins/access.js';
import * as billing from './billing.service.js';
import { invoicePdf, invoicePdfName } from './billing.pdf.js';
import { requestLanguage, translator } from '../../i18n.js';

const invoiceParams = z.object({ invoiceId: z.coerce.number().int().positive().max(2 ** 31 - 1) });
const runParams = z.object({ runId: z.coerce.number().int().positive().max(2 ** 31 - 1) });
const officeParams = z.object({ officeId: z.string().max(64) });
const unitParams = z.object({ unitId: z.string().max(64) });

/** Invoices and payments (§6) and the cash office's work. Access per route in src/server/access.ts. */
export async function billingRoutes(app: App, ctx: AppContext): Promise<void> {
  // the invoice in the language of the request that downloads it (the `lang` cookie)
  const pdfReply = async (id: number, familyId: string | undefined, request: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
    const inv = await billing.invoiceDetail(ctx, id, familyId);
    const language = requestLanguage(request);
    const pdf = await invoicePdf(inv, ctx.config.city, { language });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${invoicePdfName(inv, language)}"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  };

  // ---------- family ----------
  app.get('/api/billing/account', { schema: { response: { 200: familyBilling } } }, async (request) =>
    billing.familyBilling(ctx, familyOf(request).familyId),
  );
  app.get('/api/billing/unpaid', { schema: { response: { 200: z.array(unpaidInvoice) } } }, async (request) =>
    billing.unpaidInvoicesOf(ctx, familyOf(request).familyId),
  );
  app.get('/api/billing/invoices/:invoiceId', { schema: { params: invoiceParams, response: { 200: invoiceDetail } } }, async (request) =>
    billing.invoiceDetail(ctx, request.params.invoiceId, familyOf(request).familyId),
  );
  app.get('/api/billing/invoices/:invoiceId/pdf', { schema: { params: invoiceParams } }, async (request, reply) =>
    pdfReply(request.params.invoiceId, familyOf(request).familyId, request, reply),
  );

  // ---------- staff: offices and tariffs ----------
  app.get('/api/staff/billing/offices', { schema: { response: { 200: z.array(office) } } }, async () => billing.listOffices(ctx));
  app.post('/api/staff/billing/offices', { schema: { body: officeInput, response: { 201: office } } }, async (request, reply) =>
    reply.status(201).send(await billing.createOffice(ctx, staffOf(request), request.body as never)),
  );
  app.patch('/api/staff/billing/offices/:officeId', { schema: { params: officeParams, body: officeInput, response: { 200: office } } }, async (request) =>
    billing.updateOffice(ctx, staffOf(request), request.params.officeId, request.body as never),
  );
  app.get('/api/staff/billing/tariffs', { schema: { response: { 200: z.array(tariff) } } }, async () => billing.listTariffs(ctx));
  app.put('/api/staff/billing/tariffs/:unitId', { schema: { params: unitParams, body: tariffInput, response: { 200: tariff } } }, async (request) =>
    billing.setTariff(ctx, staffOf(request), request.params.unitId, request.body),
  );

  // ---------- staff: invoicing runs ----------
  app.get('/api/staff/billing/runs', { schema: { querystring: z.object({ officeId: z.string().max(64).optional() }), response: { 200: z.array(runSummary) } } }, async (request) =>
    billing.listRuns(ctx, request.query.officeId),
  );
  // 202: the run is created and its computation queued (a background job, progress on GET …/runs/:runId)
  app.post('/api/staff/billing/runs', { schema: { body: runInput, response: { 202: runDetail } } }, async (request, reply) => {
    const id = await billing.startRun(ctx, staffOf(request), request.body.officeId, request.body.month);
    return reply.status(202).send(await billing.runDetail(ctx, id, requestLanguage(request)));
  });
  app.get('/api/staff/billing/runs/:runId', { schema: { params: runParams, response: { 200: runDetail } } }, async (request) =>
    billing.runDetail(ctx, request.params.runId, requestLanguage(request)),
  );
  app.post('/api/staff/billing/runs/:runId/publish', { schema: { params: runParams, response: { 200: runDetail } } }, async (request) => {
    await billing.publishRun(ctx, staffOf(request), request.params.runId);
    return billing.runDetail(ctx, request.params.runId, requestLanguage(request));
  });
  app.post('/api/staff/billing/runs/:runId/discard', { schema: { params: runParams, response: { 200: runSummary } } }, async (request) => {
    await billing.discardRun(ctx, staffOf(request), request.params.runId);
    return (await billing.listRuns(ctx)).find((r) => r.id === request.params.runId)!;
  });

  // ---------- staff: invoices, credit notes, payments ----------
  app.get('/api/staff/billing/invoices', { schema: { querystring: invoiceListQuery, response: { 200: z.array(invoiceSummary) } } }, async (request) =>
    billing.listInvoices(ctx, request.query),
  );
  app.get('/api/staff/billing/invoices/:invoiceId', { schema: { params: invoiceParams, response: { 200: invoiceDetail } } }, async (request) =>
    billing.invoiceDetail(ctx, request.params.invoiceId),
  );
  app.get('/api/staff/billing/invoices/:invoiceId/pdf', { schema: { params: invoiceParams } }, async (request, reply) =>
    pdfReply(request.params.invoiceId, undefined, request, reply),
  );
  app.post('/api/staff/billing/invoices/:invoiceId/credit-notes', { schema: { params: invoiceParams, body: creditNoteInput, response: { 201: creditNote } } }, async (request, reply) =>
    reply.status(201).send(await billing.createCreditNote(ctx, staffOf(request), request.params.invoiceId, request.body)),
  );
  app.post('/api/staff/billing/payments', { schema: { body: manualPaymentInput, response: { 201: payment } } }, async (request, reply) =>
    reply.status(201).send(await billing.recordManualPayment(ctx, staffOf(request), { ...request.body, reference: request.body.reference ?? null })),
  );
  app.get('/api/staff/billing/payments', { schema: { querystring: paymentListQuery, response: { 200: z.array(payment) } } }, async (request) =>
    billing.listPayments(ctx, request.query),
  );
  app.get('/api/staff/billing/balances', { schema: { querystring: z.object({ officeId: z.string().max(64).optional() }), response: { 200: z.array(balance) } } }, async (request) =>
    billing.balances(ctx, request.query.officeId),
  );
  app.get('/api/staff/billing/invoices.csv', { schema: { querystring: z.object({ officeId: z.string().max(64).optional(), month: isoMonth.optional() }) } }, async (request, reply) =>
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="${request.query.month ? translator(requestLanguage(request))('server:csv.invoicesFileOfMonth', { month: request.query.month }) : translator(requestLanguage(request))('server:csv.invoicesFile')}"`,
      )
      .send(await billing.invoicesCsv(ctx, request.query, requestLanguage(request))),
  );
  app.get('/api/staff/billing/payments.csv', { schema: { querystring: z.object({ from: isoDay.optional(), to: isoDay.optional() }) } }, async (request, reply) =>
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${translator(requestLanguage(request))('server:csv.paymentsFile')}"`)
      .send(await billing.paymentsCsv(ctx, request.query, requestLanguage(request))),
  );
}
