import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import { attendanceDay, attendanceDayQuery, attendanceSyncInput, attendanceSyncResult } from '../../../shared/attendance-contracts.js';
import { staffOf } from '../../plugins/access.js';
import { requestLanguage } from '../../i18n.js';
import { dayLists, syncMarks } from './booking.offline.js';

/** Offline attendance on a phone or tablet (issue 15): staff only (src/server/access.ts). */
export async function attendanceOfflineRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/staff/attendance/day', { schema: { querystring: attendanceDayQuery, response: { 200: attendanceDay } } }, async (request) =>
    dayLists(ctx, staffOf(request), request.query.establishmentId, request.query.day),
  );

  app.post('/api/staff/attendance/sync', { schema: { body: attendanceSyncInput, response: { 200: attendanceSyncResult } } }, async (request) =>
    syncMarks(ctx, staffOf(request), request.body, requestLanguage(request)),
  );
}
