/**
 * Offline attendance (issue 15): two agents' tablets syncing marks of the same child at the same moment, each mark in
 * its own request, some sent twice (a retried request, a double tap). Whatever the interleaving, the line that stands
 * is the latest mark by the device's time, every mark is in the history exactly once, and the marks recorded as
 * « applied », in the order they were received, were each later than the one before (a mark is never applied over a
 * later one). On SQLite and PostgreSQL; on PostgreSQL it fails without the unit-day lock and the conditional upsert
 * of booking.offline.ts.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { childOf, createActivityFixture, type ActivityFixture } from '../integration/booking-support.js';
import { raceCounter, raceRandom, raceRuns, raceTimeout } from './harness.js';

const START = '2026-10-05T08:00:00Z';
const ROUNDS = 8;
const MARKS = 16;
const count = raceCounter('attendance-offline');
const random = raceRandom();
let t: TestApp;
let agents: TestClient[];
let a: ActivityFixture;
let childId: string;

beforeAll(async () => {
  t = await createTestApp({ clockStart: START });
  a = await createActivityFixture(t, { units: { soir: 30 }, period: { startDay: '2026-09-01', endDay: '2026-12-18' } });
  agents = [await loginAs(t, (await createStaff(t.ctx, { role: 'agent' })).accountId), await loginAs(t, (await createStaff(t.ctx, { role: 'agent' })).accountId)];
  childId = await childOf(t, await createFamily(t.ctx), { healthAlert: false });
  count.watch(t.app);
});
afterAll(async () => {
  await t.close();
});

const STATUSES = ['present_unbooked', null] as const;

describe('two agents syncing the same child at once', () => {
  it(
    'keeps the latest mark, every mark once, and never applies a mark over a later one',
    async () => {
      const rounds = raceRuns(ROUNDS);
      for (let round = 0; round < rounds; round++) {
        const day = `2026-11-${String(2 + round).padStart(2, '0')}`;
        // distinct device times over the morning, shuffled: arrival order has nothing to do with mark order
        const marks = Array.from({ length: MARKS }, (_, i) => {
          const status = STATUSES[random.int(0, 1)];
          const at = new Date(Date.parse('2026-10-05T05:00:00Z') + i * 60_000 + random.int(0, 59) * 1000).toISOString();
          return { id: randomUUID(), unitId: a.units.soir, day, childId, status, arrivedAt: status ? at : null, departedAt: null, markedAt: at, agent: i % 2 };
        });
        const order = [...marks].sort(() => random.next() - 0.5);
        const sends = order.flatMap((m) => {
          const { agent, ...body } = m;
          const send = () => agents[agent].post('/api/staff/attendance/sync', { deviceId: `tablette-${agent}`, marks: [body] });
          return random.int(0, 3) === 0 ? [send, send] : [send];
        });
        const answers = await count.race(() => Promise.all(sends.map((s) => s())));
        for (const r of answers) count.check(r.status, JSON.stringify(r.body)).toBe(200);

        const latest = [...marks].sort((x, y) => (x.markedAt < y.markedAt ? 1 : -1))[0];
        const row = await t.ctx.db.selectFrom('attendance').selectAll().where('child_id', '=', childId).where('day', '=', day).executeTakeFirst();
        if (latest.status === null) count.check(row, 'a latest clear leaves no line').toBeUndefined();
        else count.check(row?.mark_id, 'the latest mark stands').toBe(latest.id);

        const history = await t.ctx.db.selectFrom('attendance_mark').selectAll().where('child_id', '=', childId).where('day', '=', day).orderBy('id').execute();
        count.check(history.map((h) => h.mark_id).sort(), 'every mark once in the history').toEqual(marks.map((m) => m.id).sort());
        count.check(history.find((h) => h.mark_id === latest.id)?.outcome, 'the latest mark applied').toBe('applied');
        const applied = history.filter((h) => h.outcome === 'applied').map((h) => h.marked_at);
        count.check(applied, 'each applied mark later than the one applied before').toEqual([...applied].sort());
        count.check(new Set(applied).size, 'no mark applied twice').toBe(applied.length);
      }
    },
    raceTimeout(120_000),
  );
});
