/**
 * Offline attendance (issue 15): the day's lists of an establishment and the sync of a device's queued marks —
 * idempotent per mark id, the latest mark (device time) wins whatever the order of arrival, every mark kept in the
 * history, a closed billing month refused per mark, staff only, bad input a French 400. SQLite and PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { createBillingFixture, bookDirect, familyWith, waitForRunDetail, type BillingFixture } from './billing-support.js';

// Monday 5 October 2026, 10:00 Paris: September is over (its invoicing may run), October is open.
const START = '2026-10-05T08:00:00Z';
const DAY = '2026-10-05';
let t: TestApp;
let b: BillingFixture;
let agentB: TestClient;
let expectedChild: string;
let walkInChild: string;
let family: Awaited<ReturnType<typeof familyWith>>;

const mark = (o: { childId: string; unitId?: string; day?: string; status: string | null; markedAt: string; arrivedAt?: string | null; departedAt?: string | null; id?: string }) => ({
  id: o.id ?? randomUUID(),
  unitId: o.unitId ?? b.activity.units.soir,
  day: o.day ?? DAY,
  childId: o.childId,
  status: o.status,
  arrivedAt: o.arrivedAt ?? null,
  departedAt: o.departedAt ?? null,
  markedAt: o.markedAt,
});

beforeAll(async () => {
  t = await createTestApp({ clockStart: START });
  b = await createBillingFixture(t);
  agentB = await loginAs(t, (await createStaff(t.ctx, { role: 'agent' })).accountId);
  family = await familyWith(t, { quotient: 600, lastName: 'Durand', children: [{ firstName: 'Inès', birthDate: '2018-04-02' }, { firstName: 'Noé', birthDate: '2019-06-12' }] });
  [expectedChild, walkInChild] = family.childIds;
  await bookDirect(t, { family: family.family, childId: expectedChild, activity: b.activity, unitId: b.activity.units.soir, day: DAY, bookedAt: '2026-09-20T10:00:00Z' });
});
afterAll(async () => {
  await t.close();
});

describe('the day lists', () => {
  it('lists every unit of the establishment with its expected children, two health flags and the pick-up persons', async () => {
    const res = await b.agent.get(`/api/staff/attendance/day?establishmentId=${b.activity.establishmentId}&day=${DAY}`);
    expect(res.status).toBe(200);
    expect(res.body.establishment.id).toBe(b.activity.establishmentId);
    expect(res.body.units.map((u: any) => u.unit.code).sort()).toEqual(['matin', 'soir']);
    const soir = res.body.units.find((u: any) => u.unit.code === 'soir');
    expect(soir.lines).toHaveLength(1);
    const line = soir.lines[0];
    expect(line).toMatchObject({ child: { id: expectedChild }, expected: true, status: null, arrivedAt: null, history: [] });
    expect(typeof line.allergy).toBe('boolean');
    expect(typeof line.carePlan).toBe('boolean');
    for (const p of line.pickups) expect(Object.keys(p).sort()).toEqual(['name', 'phone', 'relationship']);
    // flags only: nothing of the health block's details, no addresses
    expect(JSON.stringify(res.body)).not.toMatch(/Arachide|adrénaline|doctor|address/i);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'target_type']).where('action', '=', 'booking.attendance_viewed').where('target_type', '=', 'establishment').execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('a Sunday lists only the units with children on them', async () => {
    const res = await b.agent.get(`/api/staff/attendance/day?establishmentId=${b.activity.establishmentId}&day=2026-10-04`);
    expect(res.status).toBe(200);
    expect(res.body.units).toEqual([]);
  });

  it('an unknown establishment is a 404; a bad day a French 400', async () => {
    expect((await b.agent.get(`/api/staff/attendance/day?establishmentId=nope&day=${DAY}`)).status).toBe(404);
    const bad = await b.agent.get(`/api/staff/attendance/day?establishmentId=${b.activity.establishmentId}&day=2026-02-30`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('Saisissez une date valide.');
  });
});

describe('sync', () => {
  it('records a mark once, however many times it is sent', async () => {
    const m = mark({ childId: expectedChild, status: 'present', arrivedAt: '2026-10-05T06:42:00Z', markedAt: '2026-10-05T06:42:05Z' });
    const first = await b.agent.post('/api/staff/attendance/sync', { deviceId: 'tablette-1', marks: [m] });
    expect(first.status).toBe(200);
    expect(first.body.results).toEqual([{ id: m.id, outcome: 'applied', code: null, message: null }]);
    // a retried request, and the same mark twice in one batch
    const again = await Promise.all([
      b.agent.post('/api/staff/attendance/sync', { deviceId: 'tablette-1', marks: [m] }),
      b.agent.post('/api/staff/attendance/sync', { deviceId: 'tablette-1', marks: [m, m] }),
    ]);
    for (const r of again) {
      expect(r.status).toBe(200);
      for (const x of r.body.results) expect(x.outcome).toBe('duplicate');
    }
    const history = await t.ctx.db.selectFrom('attendance_mark').selectAll().where('mark_id', '=', m.id).execute();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ device_id: 'tablette-1', marked_at: '2026-10-05T06:42:05.000Z', outcome: 'applied' });
    const line = first.body.lines[0];
    expect(line).toMatchObject({ child: { id: expectedChild }, status: 'present', arrivedAt: '2026-10-05T06:42:00.000Z', departedAt: null });
    // the staff sheet shows the time too
    const sheet = await b.agent.get(`/api/staff/booking/attendance?unitId=${b.activity.units.soir}&day=${DAY}`);
    expect(sheet.body.rows.find((r: any) => r.child.id === expectedChild)).toMatchObject({ status: 'present', arrivedAt: '2026-10-05T06:42:00.000Z' });
  });

  it('the latest mark wins whatever the order of arrival, and the history keeps both', async () => {
    const day = '2026-10-06';
    await bookDirect(t, { family: family.family, childId: expectedChild, activity: b.activity, unitId: b.activity.units.matin, day, bookedAt: '2026-09-20T10:00:00Z' });
    const unitId = b.activity.units.matin;
    // agent A marked the arrival at 8:40 (offline), agent B an unjustified absence at 9:10 (online, sent first)
    const fromA = mark({ childId: expectedChild, unitId, day, status: 'present', arrivedAt: '2026-10-06T06:40:00Z', markedAt: '2026-10-05T06:40:00Z' });
    const fromB = mark({ childId: expectedChild, unitId, day, status: 'absent_unjustified', markedAt: '2026-10-05T07:10:00Z' });
    const b1 = await agentB.post('/api/staff/attendance/sync', { deviceId: 'tablette-B', marks: [fromB] });
    expect(b1.body.results[0].outcome).toBe('applied');
    const a1 = await b.agent.post('/api/staff/attendance/sync', { deviceId: 'tablette-A', marks: [fromA] });
    expect(a1.body.results[0].outcome).toBe('overtaken');
    const line = a1.body.lines[0];
    expect(line).toMatchObject({ status: 'absent_unjustified', arrivedAt: null, markId: fromB.id });
    expect(line.history.map((h: any) => [h.markId, h.outcome])).toEqual([
      [fromA.id, 'overtaken'],
      [fromB.id, 'applied'],
    ]);
    expect(line.history.every((h: any) => typeof h.by === 'string' && h.by.length > 0)).toBe(true);
    // a later departure from A (17:05) wins again: the arrival came back with it
    const later = mark({ childId: expectedChild, unitId, day, status: 'present', arrivedAt: '2026-10-06T06:40:00Z', departedAt: '2026-10-06T15:05:00Z', markedAt: '2026-10-05T07:20:00Z' });
    const a2 = await b.agent.post('/api/staff/attendance/sync', { deviceId: 'tablette-A', marks: [later] });
    expect(a2.body.lines[0]).toMatchObject({ status: 'present', departedAt: '2026-10-06T15:05:00.000Z' });
    // a clear is a mark too: an older mark arriving after it does not bring the line back
    const clear = mark({ childId: expectedChild, unitId, day, status: null, markedAt: '2026-10-05T07:40:00Z' });
    const older = mark({ childId: expectedChild, unitId, day, status: 'absent_justified', markedAt: '2026-10-05T07:30:00Z' });
    const c = await agentB.post('/api/staff/attendance/sync', { deviceId: 'tablette-B', marks: [clear] });
    expect(c.body.lines[0].status).toBeNull();
    const o = await b.agent.post('/api/staff/attendance/sync', { deviceId: 'tablette-A', marks: [older] });
    expect(o.body.results[0].outcome).toBe('overtaken');
    expect(o.body.lines[0]).toMatchObject({ status: null });
    expect(await t.ctx.db.selectFrom('attendance').selectAll().where('unit_id', '=', unitId).where('day', '=', day).execute()).toEqual([]);
  });

  it('a presence without booking follows the booking, an absence of a child not expected is refused, the rest is applied', async () => {
    const walkIn = mark({ childId: walkInChild, status: 'present', arrivedAt: '2026-10-05T07:00:00Z', markedAt: '2026-10-05T07:00:00Z' });
    const absent = mark({ childId: walkInChild, unitId: b.activity.units.matin, status: 'absent_justified', markedAt: '2026-10-05T07:01:00Z' });
    const res = await b.agent.post('/api/staff/attendance/sync', { deviceId: null, marks: [walkIn, absent] });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: any) => r.outcome)).toEqual(['applied', 'refused']);
    expect(res.body.results[1]).toMatchObject({ code: 'attendance.not_booked', message: expect.stringMatching(/n’est pas inscrit/) });
    expect(res.body.lines.find((l: any) => l.child.id === walkInChild && l.unitId === b.activity.units.soir)).toMatchObject({ status: 'present_unbooked', expected: false });
  });

  it('refuses a mark of a closed month with its sentence, and applies the rest of the batch', async () => {
    const sept = '2026-09-28';
    const run = await b.admin.post('/api/staff/billing/runs', { officeId: b.officeId, month: '2026-09' });
    expect(run.status).toBe(202);
    await waitForRunDetail(b.admin, run.body.id);
    const closed = mark({ childId: walkInChild, day: sept, status: 'present_unbooked', markedAt: '2026-10-05T07:59:00Z' });
    const open = mark({ childId: walkInChild, day: '2026-10-07', status: 'present_unbooked', markedAt: '2026-10-05T07:59:30Z' });
    const res = await b.agent.post('/api/staff/attendance/sync', { deviceId: 'tablette-1', marks: [closed, open] });
    expect(res.status).toBe(200);
    expect(res.body.results[0]).toMatchObject({ id: closed.id, outcome: 'refused', code: 'billing.attendance_locked' });
    expect(res.body.results[0].message).toMatch(/verrouillé/);
    expect(res.body.results[1]).toMatchObject({ id: open.id, outcome: 'applied' });
    expect(await t.ctx.db.selectFrom('attendance_mark').select('id').where('mark_id', '=', closed.id).execute()).toEqual([]);
    expect(await t.ctx.db.selectFrom('attendance').select('status').where('child_id', '=', walkInChild).where('day', '=', sept).execute()).toEqual([]);
    await b.admin.post(`/api/staff/billing/runs/${run.body.id}/discard`, {});
  });

  it('refuses a mark timed in the future and an unknown child, per mark', async () => {
    const future = mark({ childId: expectedChild, status: 'present', markedAt: '2026-10-05T09:00:00Z' });
    const ghost = mark({ childId: 'no-such-child', status: 'present', markedAt: '2026-10-05T07:00:00Z' });
    const res = await b.agent.post('/api/staff/attendance/sync', { deviceId: null, marks: [future, ghost] });
    expect(res.status).toBe(200);
    const byId = new Map(res.body.results.map((r: any) => [r.id, r]));
    expect(byId.get(future.id)).toMatchObject({ outcome: 'refused', code: 'attendance.mark_in_future' });
    expect(byId.get(ghost.id)).toMatchObject({ outcome: 'refused', code: 'booking.attendance_unknown_child' });
  });

  it('bad input is a 400 with French field messages, and nothing is saved', async () => {
    const before = await t.ctx.db.selectFrom('attendance_mark').select('id').execute();
    const cases = [
      { deviceId: null, marks: [] },
      { deviceId: null, marks: [{ ...mark({ childId: expectedChild, status: 'present', markedAt: '2026-10-05T07:00:00Z' }), id: 'x' }] },
      { deviceId: null, marks: [mark({ childId: expectedChild, status: 'gone', markedAt: '2026-10-05T07:00:00Z' })] },
      { deviceId: null, marks: [mark({ childId: expectedChild, status: 'present', markedAt: 'hier' })] },
      { deviceId: null, marks: [mark({ childId: expectedChild, status: 'absent_justified', arrivedAt: '2026-10-05T07:00:00Z', markedAt: '2026-10-05T07:00:00Z' })] },
      { deviceId: null, marks: [mark({ childId: expectedChild, status: 'present', departedAt: '2026-10-05T07:00:00Z', markedAt: '2026-10-05T07:00:00Z' })] },
      {
        deviceId: null,
        marks: [mark({ childId: expectedChild, status: 'present', arrivedAt: '2026-10-05T08:00:00Z', departedAt: '2026-10-05T07:00:00Z', markedAt: '2026-10-05T07:00:00Z' })],
      },
      { deviceId: null, marks: Array.from({ length: 201 }, () => mark({ childId: expectedChild, status: 'present', markedAt: '2026-10-05T07:00:00Z' })) },
    ];
    const sentences = [
      /obligatoire/,
      /valeur n’est pas valide/,
      /Choisissez une des valeurs/,
      /date valide/,
      /ne va qu’avec une présence/,
      /Un départ suppose une arrivée/,
      /antérieure à l’heure d’arrivée/,
      /Trop de pointages/,
    ];
    for (const [i, c] of cases.entries()) {
      const res = await b.agent.post('/api/staff/attendance/sync', c);
      expect(res.status, JSON.stringify(c).slice(0, 80)).toBe(400);
      expect(JSON.stringify(res.body)).toMatch(sentences[i]);
    }
    expect(await t.ctx.db.selectFrom('attendance_mark').select('id').execute()).toHaveLength(before.length);
  });

  it('a mark id reused for another mark is refused for that mark; the same mark resent is a duplicate', async () => {
    const m = mark({ childId: expectedChild, status: 'present', markedAt: '2026-10-05T07:05:00Z' });
    await b.agent.post('/api/staff/attendance/sync', { deviceId: null, marks: [m] });
    const res = await agentB.post('/api/staff/attendance/sync', { deviceId: null, marks: [{ ...m, status: 'absent_justified' }] });
    expect(res.body.results[0]).toMatchObject({ outcome: 'refused', code: 'attendance.mark_id_reused' });
    // the same mark resent by the next agent signed in on the device is the same mark: recorded once
    const resent = await agentB.post('/api/staff/attendance/sync', { deviceId: null, marks: [m] });
    expect(resent.body.results[0]).toMatchObject({ outcome: 'duplicate' });
    expect(await t.ctx.db.selectFrom('attendance_mark').select('marked_by').where('mark_id', '=', m.id).execute()).toHaveLength(1);
  });
});

describe('access', () => {
  it('a family account, or no session, cannot read the lists or sync', async () => {
    const f = await createFamily(t.ctx);
    const client = await loginAs(t, f.accountId);
    const m = mark({ childId: expectedChild, status: 'absent_justified', markedAt: '2026-10-05T07:00:00Z' });
    for (const c of [client, t.client()]) {
      const day = await c.get(`/api/staff/attendance/day?establishmentId=${b.activity.establishmentId}&day=${DAY}`);
      expect([401, 403, 404]).toContain(day.status);
      const sync = await c.post('/api/staff/attendance/sync', { deviceId: null, marks: [m] });
      expect([401, 403, 404]).toContain(sync.status);
    }
    expect(await t.ctx.db.selectFrom('attendance_mark').select('id').where('mark_id', '=', m.id).execute()).toEqual([]);
  });
});
