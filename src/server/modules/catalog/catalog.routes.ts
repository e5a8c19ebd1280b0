import { z } from 'zod';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import {
  activity,
  activityInput,
  capacityOverrideInput,
  closure,
  closureInput,
  establishment,
  establishmentInput,
  icsImportInput,
  icsImportResult,
  period,
  periodInput,
  schoolHoliday,
  schoolHolidayInput,
  staffCatalog,
  unit,
  unitInput,
} from '../../../shared/booking-contracts.js';
import { IcsParseError, parseSchoolHolidaysIcs } from '../../../shared/calendar/school-holidays-ics.js';
import { staffOf } from '../../plugins/access.js';
import * as catalog from './catalog.service.js';
import { capacityHooks, setCapacityOverride, settleActivity } from '../booking/booking.capacity.js';

const id = z.string().max(64);
const ok = z.object({ ok: z.literal(true) });

/** Staff configuration of what can be booked. Reads are for agents, changes for admins (src/server/access.ts). */
export async function catalogRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/staff/catalog', { schema: { response: { 200: staffCatalog } } }, async () => catalog.staffCatalog(ctx));

  app.post('/api/staff/catalog/establishments', { schema: { body: establishmentInput, response: { 201: establishment } } }, async (request, reply) =>
    reply.status(201).send(await catalog.createEstablishment(ctx, staffOf(request), request.body)),
  );
  app.patch(
    '/api/staff/catalog/establishments/:establishmentId',
    { schema: { params: z.object({ establishmentId: id }), body: establishmentInput, response: { 200: establishment } } },
    async (request) => catalog.updateEstablishment(ctx, staffOf(request), request.params.establishmentId, request.body),
  );

  app.post('/api/staff/catalog/activities', { schema: { body: activityInput, response: { 201: activity } } }, async (request, reply) =>
    reply.status(201).send(await catalog.createActivity(ctx, staffOf(request), request.body)),
  );
  app.patch(
    '/api/staff/catalog/activities/:activityId',
    { schema: { params: z.object({ activityId: id }), body: activityInput, response: { 200: activity } } },
    async (request) => {
      const a = await catalog.updateActivity(ctx, staffOf(request), request.params.activityId, request.body, capacityHooks);
      await settleActivity(ctx, a.id);
      return a;
    },
  );

  app.post(
    '/api/staff/catalog/activities/:activityId/units',
    { schema: { params: z.object({ activityId: id }), body: unitInput, response: { 201: unit } } },
    async (request, reply) => reply.status(201).send(await catalog.createUnit(ctx, staffOf(request), request.params.activityId, request.body)),
  );
  app.patch(
    '/api/staff/catalog/units/:unitId',
    { schema: { params: z.object({ unitId: id }), body: unitInput, response: { 200: unit } } },
    async (request) => {
      const u = await catalog.updateUnit(ctx, staffOf(request), request.params.unitId, request.body, capacityHooks);
      await settleActivity(ctx, u.activityId); // places added while children joined a waiting list
      return u;
    },
  );
  app.put(
    '/api/staff/catalog/units/:unitId/capacity',
    { schema: { params: z.object({ unitId: id }), body: capacityOverrideInput, response: { 200: ok } } },
    async (request) => {
      await setCapacityOverride(ctx, staffOf(request), request.params.unitId, request.body.day, request.body.capacity);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/staff/catalog/activities/:activityId/periods',
    { schema: { params: z.object({ activityId: id }), body: periodInput, response: { 201: period } } },
    async (request, reply) => reply.status(201).send(await catalog.createPeriod(ctx, staffOf(request), request.params.activityId, request.body)),
  );
  app.patch(
    '/api/staff/catalog/periods/:periodId',
    { schema: { params: z.object({ periodId: id }), body: periodInput, response: { 200: period } } },
    async (request) => catalog.updatePeriod(ctx, staffOf(request), request.params.periodId, request.body),
  );

  app.get('/api/staff/catalog/closures', { schema: { response: { 200: z.array(closure) } } }, async () => catalog.listClosures(ctx));
  app.post('/api/staff/catalog/closures', { schema: { body: closureInput, response: { 201: closure } } }, async (request, reply) =>
    reply.status(201).send(await catalog.createClosure(ctx, staffOf(request), request.body)),
  );
  app.delete(
    '/api/staff/catalog/closures/:closureId',
    { schema: { params: z.object({ closureId: id }), response: { 200: ok } } },
    async (request) => {
      await catalog.deleteClosure(ctx, staffOf(request), request.params.closureId);
      return { ok: true as const };
    },
  );

  app.get('/api/staff/catalog/school-holidays', { schema: { response: { 200: z.array(schoolHoliday) } } }, async () =>
    catalog.listSchoolHolidays(ctx),
  );
  app.post('/api/staff/catalog/school-holidays', { schema: { body: schoolHolidayInput, response: { 201: schoolHoliday } } }, async (request, reply) =>
    reply.status(201).send(await catalog.createSchoolHoliday(ctx, staffOf(request), request.body)),
  );
  app.delete(
    '/api/staff/catalog/school-holidays/:holidayId',
    { schema: { params: z.object({ holidayId: id }), response: { 200: ok } } },
    async (request) => {
      await catalog.deleteSchoolHoliday(ctx, staffOf(request), request.params.holidayId);
      return { ok: true as const };
    },
  );
  // The official ICS (all zones) is a few hundred kilobytes: this route alone takes up to 2 MB.
  app.post(
    '/api/staff/catalog/school-holidays/import',
    { bodyLimit: 2_500_000, schema: { body: icsImportInput, response: { 200: icsImportResult } } },
    async (request) => {
      let parsed;
      try {
        parsed = parseSchoolHolidaysIcs(request.body.ics);
      } catch (err) {
        if (err instanceof IcsParseError) throw new catalog.IcsError();
        throw err;
      }
      const zone = request.body.zone?.toUpperCase() ?? null;
      const mine = parsed.filter((h) => !h.zone || !zone || h.zone.toUpperCase().split('/').includes(zone));
      const holidays = await catalog.importSchoolHolidays(
        ctx,
        staffOf(request),
        mine.map((h) => ({ label: h.zone ? `${h.label} (zone ${h.zone})` : h.label, startDay: h.firstDay, endDay: h.lastDay })),
        request.body.replace,
      );
      return { imported: holidays.length, holidays };
    },
  );
}
