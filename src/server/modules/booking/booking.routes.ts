import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import {
  attendanceInput,
  attendanceQuery,
  attendanceSheet,
  bookingCatalog,
  decisionInput,
  occupancy,
  occupancyQuery,
  pendingRequest,
  planning,
  planningQuery,
  reservation,
  reservationInput,
  reservationSummary,
  waitingEntry,
  waitingListQuery,
} from '../../../shared/booking-contracts.js';
import { familyOf, staffOf } from '../../plugins/access.js';
import * as booking from './booking.service.js';
import * as waitlist from './booking.waitlist.js';
import { requestLanguage, translator } from '../../i18n.js';
import { reasonsIn } from './booking.reservations.js';
import { childBookings as childBookingsOf, familyGlance as familyGlanceOf } from './booking.glance.js';
import { childBookings, familyGlance, siblingReservationInput, siblingReservations } from '../../../shared/booking-contracts.js';
import { submitForSiblings } from './booking.siblings.js';
import { attendanceCsv, attendancePdf, attendanceSheet as sheetOf, markAttendance } from './booking.attendance.js';

function scopeOf(request: FastifyRequest): booking.BookingScope {
  const { accountId, familyId, account } = familyOf(request);
  return { accountId, familyId, email: account.email, accountStatus: account.status };
}

const idempotencyKey = /^[A-Za-z0-9_.:-]{8,100}$/;
const reservationParams = z.object({ reservationId: z.coerce.number().int().positive().max(2 ** 31 - 1) });
const planningParams = z.object({ childId: z.string().max(64), activityId: z.string().max(64), periodId: z.string().max(64) });

/** Family bookings (§5.1–5.3) and the staff's processing of them. Access per route in src/server/access.ts. */
export async function bookingRoutes(app: App, ctx: AppContext): Promise<void> {
  // ---------- family ----------
  app.get('/api/booking/catalog', { schema: { response: { 200: bookingCatalog } } }, async (request) =>
    booking.bookingCatalog(ctx, scopeOf(request), requestLanguage(request)),
  );

  app.get(
    '/api/booking/planning/:childId/:activityId/:periodId',
    { schema: { params: planningParams, querystring: planningQuery, response: { 200: planning } } },
    async (request) =>
      booking.planning(ctx, scopeOf(request), request.params.childId, { ...request.params, week: request.query.week }, requestLanguage(request)),
  );

  app.post(
    '/api/booking/reservations',
    { schema: { body: reservationInput, response: { 200: reservation, 201: reservation } } },
    async (request, reply) => {
      const arrivedAt = ctx.clock.now(); // before the booking queue: deadlines are judged at arrival
      const key = request.headers['idempotency-key'];
      if (typeof key !== 'string' || !idempotencyKey.test(key)) throw new AppError('booking.idempotency_key_required', 400);
      // the client's connection closed while the booking waited in the queue (inject's fake socket has no `destroyed`)
      const abandoned = () => request.raw.socket?.destroyed === true;
      const r = await booking.submitReservation(ctx, scopeOf(request), request.body, key, arrivedAt, abandoned);
      return reply.status(r.replayed ? 200 : 201).send(reasonsIn(requestLanguage(request), r.reservation));
    },
  );

  // issue 17: one planning for several children of the family at once (booking.siblings.ts)
  app.post(
    '/api/booking/reservations/siblings',
    { schema: { body: siblingReservationInput, response: { 200: siblingReservations, 201: siblingReservations } } },
    async (request, reply) => {
      const arrivedAt = ctx.clock.now();
      const key = request.headers['idempotency-key'];
      // room for the « .N » each child's reservation adds to the key
      if (typeof key !== 'string' || !idempotencyKey.test(key) || key.length > 96) throw new AppError('booking.idempotency_key_required', 400);
      const abandoned = () => request.raw.socket?.destroyed === true;
      const r = await submitForSiblings(ctx, scopeOf(request), request.body, key, arrivedAt, abandoned);
      const language = requestLanguage(request);
      return reply.status(r.replayed ? 200 : 201).send({ reservations: r.reservations.map((x) => reasonsIn(language, x)) });
    },
  );

  // issue 17: a child's days from today on — the printable summary and month view (booking.glance.ts)
  app.get(
    '/api/booking/children/:childId/days',
    { schema: { params: z.object({ childId: z.string().max(64) }), response: { 200: childBookings } } },
    async (request) => childBookingsOf(ctx, scopeOf(request), request.params.childId),
  );

  // issue 17: the family home at a glance (booking.glance.ts)
  app.get('/api/booking/glance', { schema: { response: { 200: familyGlance } } }, async (request) => familyGlanceOf(ctx, scopeOf(request)));

  app.get('/api/booking/reservations', { schema: { response: { 200: z.array(reservationSummary) } } }, async (request) =>
    booking.listReservations(ctx, scopeOf(request)),
  );

  app.get(
    '/api/booking/reservations/:reservationId',
    { schema: { params: reservationParams, response: { 200: reservation } } },
    async (request) => reasonsIn(requestLanguage(request), await booking.getReservation(ctx, scopeOf(request), request.params.reservationId)),
  );

  // ---------- staff ----------
  app.get(
    '/api/staff/booking/requests',
    { schema: { querystring: z.object({ activityId: z.string().max(64).optional() }), response: { 200: z.array(pendingRequest) } } },
    async (request) => booking.pendingRequests(ctx, request.query.activityId),
  );

  app.post(
    '/api/staff/booking/requests/:reservationId/decide',
    { schema: { params: reservationParams, body: decisionInput, response: { 200: reservation } } },
    async (request) => reasonsIn(requestLanguage(request), await booking.decideRequest(ctx, staffOf(request), request.params.reservationId, request.body)),
  );

  app.get('/api/staff/booking/occupancy', { schema: { querystring: occupancyQuery, response: { 200: occupancy } } }, async (request) =>
    booking.occupancy(ctx, request.query),
  );

  app.get(
    '/api/staff/booking/waiting-list',
    { schema: { querystring: waitingListQuery, response: { 200: z.array(waitingEntry) } } },
    async (request) => waitlist.waitingList(ctx, request.query.unitId, request.query.day),
  );

  app.post(
    '/api/staff/booking/waiting-list/:bookingId/promote',
    { schema: { params: z.object({ bookingId: z.coerce.number().int().positive().max(2 ** 31 - 1) }), response: { 200: waitingEntry } } },
    async (request) => waitlist.promoteByStaff(ctx, staffOf(request), request.params.bookingId),
  );

  app.get('/api/staff/booking/attendance', { schema: { querystring: attendanceQuery, response: { 200: attendanceSheet } } }, async (request) =>
    sheetOf(ctx, staffOf(request), request.query.unitId, request.query.day),
  );

  app.put('/api/staff/booking/attendance', { schema: { body: attendanceInput, response: { 200: attendanceSheet } } }, async (request) =>
    markAttendance(ctx, staffOf(request), request.body),
  );

  app.get('/api/staff/booking/attendance.csv', { schema: { querystring: attendanceQuery } }, async (request, reply) => {
    const sheet = await sheetOf(ctx, staffOf(request), request.query.unitId, request.query.day);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${translator(requestLanguage(request))('server:attendance.file', { unit: sheet.unit.code, day: sheet.day })}"`)
      .send(attendanceCsv(sheet, requestLanguage(request)));
  });

  app.get('/api/staff/booking/attendance.pdf', { schema: { querystring: attendanceQuery } }, async (request, reply) => {
    const sheet = await sheetOf(ctx, staffOf(request), request.query.unitId, request.query.day);
    const language = requestLanguage(request);
    const pdf = await attendancePdf(sheet, ctx.config.city.name, language);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${translator(language)('server:attendance.pdfFile', { unit: sheet.unit.code, day: sheet.day })}"`)
      .send(pdf);
  });
}
