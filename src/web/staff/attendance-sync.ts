/**
 * Sends the device's queued attendance marks (issue 15): on the `online` event, when the app opens, every 30 seconds
 * and after each mark. One sending at a time; a mark leaves the queue only once the server answered for it (applied,
 * overtaken by a later mark, already recorded, or refused — then kept with its sentence for the agent to read).
 */
import { ATTENDANCE_SYNC_MAX, type AttendanceLine } from '../../shared/attendance-contracts.js';
import { ApiError, call, setCsrfToken } from '../api/client.js';
import * as store from './attendance-store.js';

export type SyncState = 'idle' | 'sending' | 'offline' | 'signin' | 'error';

export interface FlushResult {
  state: SyncState;
  lines: AttendanceLine[];
}

let running: Promise<FlushResult> | null = null;

export function flushQueue(): Promise<FlushResult> {
  running ??= flush().finally(() => (running = null));
  return running;
}

async function flush(): Promise<FlushResult> {
  const queue = await store.queued();
  if (!queue.length) return { state: 'idle', lines: [] };
  if (!navigator.onLine) return { state: 'offline', lines: [] };
  const lines: AttendanceLine[] = [];
  try {
    if (store.bootedOffline) {
      // opened offline: no session was read, so no CSRF token — and the device must still be signed in as staff
      const session = await call('system.session');
      if (!session.account || session.account.kind !== 'staff') return { state: 'signin', lines };
      setCsrfToken(session.csrfToken);
      store.sessionRead();
    }
    const deviceId = await store.deviceId();
    for (let i = 0; i < queue.length; i += ATTENDANCE_SYNC_MAX) {
      const chunk = queue.slice(i, i + ATTENDANCE_SYNC_MAX);
      const res = await call('staffAttendance.sync', {
        body: {
          deviceId,
          marks: chunk.map((m) => ({
            id: m.id,
            unitId: m.unitId,
            day: m.day,
            childId: m.childId,
            status: m.status,
            arrivedAt: m.arrivedAt,
            departedAt: m.departedAt,
            markedAt: m.markedAt,
          })),
        },
      });
      const byId = new Map(chunk.map((m) => [m.id, m]));
      await store.addRefused(
        res.results
          .filter((r) => r.outcome === 'refused')
          .map((r) => {
            const m = byId.get(r.id);
            return { id: r.id, childName: m ? `${m.child.firstName} ${m.child.lastName.toUpperCase()}` : '', message: r.message ?? '' };
          }),
      );
      await store.mergeLines(res.lines);
      await store.unqueue(res.results.map((r) => r.id));
      lines.push(...res.lines);
    }
    return { state: 'idle', lines };
  } catch (e) {
    if (e instanceof ApiError && e.status === 0) return { state: 'offline', lines };
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) return { state: 'signin', lines };
    if (e instanceof ApiError && e.status === 400) {
      // the queue holds a mark the server cannot read: set it aside with the sentence rather than block the rest
      await store.addRefused(queue.map((m) => ({ id: m.id, childName: `${m.child.firstName} ${m.child.lastName.toUpperCase()}`, message: e.message })));
      await store.unqueue(queue.map((m) => m.id));
    }
    return { state: 'error', lines };
  }
}

/** Before signing out: send what can be sent (a few seconds at most), then wipe the device's store. */
export async function beforeLogout(): Promise<void> {
  if (!store.hasStore()) return;
  try {
    await Promise.race([flushQueue(), new Promise((r) => setTimeout(r, 5000))]);
  } catch {
    /* the wipe below matters more */
  }
  await store.wipeAttendanceStore();
}
