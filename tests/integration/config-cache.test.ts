/**
 * The configuration cache of the booking hot paths (src/server/db/generations.ts): an instance keeps activities,
 * units, periods, closures, school holidays and required document types in memory while their generation counter
 * has not moved. A change made on instance A — through a service or by hand in SQL — must be seen by the very next
 * request on instance B, which had the old configuration cached.
 *
 * Instance B has its own Kysely database object (its own cache) and its own Fastify app: on PostgreSQL its own pool
 * on the same schema, as another process would; on SQLite (one process by nature) the same connection, so the
 * test then proves the invalidation within one instance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, TestClient, type TestApp } from '../support/app.js';
import { createFamily, createStaff } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { buildApp } from '../../src/server/app.js';
import { openDatabase } from '../../src/server/db/database.js';
import { readGenerations } from '../../src/server/db/generations.js';
import type { App } from '../../src/server/http.js';
import * as catalog from '../../src/server/modules/catalog/catalog.service.js';
import * as documents from '../../src/server/modules/document/document.service.js';
import { closureInput } from '../../src/shared/booking-contracts.js';
import { documentTypeInput } from '../../src/shared/document-contracts.js';
import { childOf, createActivityFixture, NO_DEADLINE, reserve, type ActivityFixture } from './booking-support.js';

const START = '2026-09-01T08:00:00Z'; // Tuesday 1 September 2026
let A: TestApp;
let B: TestApp;
let appB: App;
let closeB: () => Promise<void>;
let fx: ActivityFixture;
let actor: { id: string; email: string };

beforeAll(async () => {
  A = await createTestApp({ clockStart: START });
  let dbB = A.ctx.db;
  if (process.env.TEST_DATABASE_URL) {
    const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(A.ctx.db);
    dbB = openDatabase({ url: process.env.TEST_DATABASE_URL, pgSchema: rows[0].s, pgPoolSize: 3 });
  }
  const ctxB = { ...A.ctx, db: dbB };
  appB = await buildApp(ctxB, { web: false });
  await appB.ready();
  closeB = async () => {
    await appB.close();
    if (dbB !== A.ctx.db) await dbB.destroy();
  };
  B = { ...A, app: appB, ctx: ctxB, client: (ip) => new TestClient(appB, ip) };
  const admin = await createStaff(A.ctx, { role: 'admin' });
  actor = { id: admin.accountId, email: admin.email };
  fx = await createActivityFixture(A, {
    units: { matin: 10 },
    activity: { bookingPolicy: NO_DEADLINE, cancellationPolicy: NO_DEADLINE },
    period: { startDay: '2026-09-01', endDay: '2026-10-16' },
  });
});
afterAll(async () => {
  await closeB?.();
  await A?.close();
});

async function familyOnB() {
  const family = await createFamily(A.ctx);
  const childId = await childOf(A, family);
  return { family, childId, client: await loginAs(B, family.accountId) };
}

const planningOf = (client: TestClient, childId: string, week: string) =>
  client.request('GET', `/api/booking/planning/${childId}/${fx.activityId}/${fx.periodId}?week=${week}`);
const bookOn = (client: TestClient, childId: string, day: string) =>
  reserve(client, { childId, activityId: fx.activityId, periodId: fx.periodId, changes: [{ day, unitId: fx.units.matin, action: 'book' }] });

describe('configuration cached per instance, invalidated by its generation', () => {
  it('a closure added on instance A refuses the next booking on instance B, which had the calendar cached', async () => {
    const p = await familyOnB();
    expect((await planningOf(p.client, p.childId, '2026-09-14')).status).toBe(200); // B caches the calendar
    const before = await readGenerations(A.ctx.db);
    await catalog.createClosure(A.ctx, actor, closureInput.parse({ establishmentId: fx.establishmentId, day: '2026-09-15', reason: 'Grève' }));
    expect((await readGenerations(A.ctx.db)).get('catalog')).toBeGreaterThan(before.get('catalog')!);
    const res = await bookOn(p.client, p.childId, '2026-09-15');
    expect(res.status).toBe(201);
    expect(res.body.lines.map((l: any) => [l.state, l.reason])).toEqual([['refused', 'booking.closed']]);
    // the day after is still open: the cache was reloaded, not switched off
    const next = await bookOn(p.client, p.childId, '2026-09-16');
    expect(next.body.lines.map((l: any) => l.state)).toEqual(['accepted']);
  });

  it('a period closed by hand in SQL on A (no service involved) blocks the planning and the booking on B', async () => {
    const p = await familyOnB();
    const open = await planningOf(p.client, p.childId, '2026-09-21');
    expect(open.body.blocked ?? null).toBeNull();
    await sql`update period set closes_at = ${new Date(Date.parse(START) - 3_600_000).toISOString()} where id = ${fx.periodId}`.execute(A.ctx.db);
    try {
      const closed = await planningOf(p.client, p.childId, '2026-09-21');
      expect(closed.body.blocked).toBe('period.closed');
      const res = await bookOn(p.client, p.childId, '2026-09-22');
      expect(res.body.lines.map((l: any) => [l.state, l.reason])).toEqual([['refused', 'period.closed']]);
    } finally {
      await sql`update period set closes_at = ${new Date(Date.parse(START) + 60 * 86_400_000).toISOString()} where id = ${fx.periodId}`.execute(A.ctx.db);
    }
  });

  it('a document type made required on A refuses the next booking on B (the documents generation)', async () => {
    const p = await familyOnB();
    expect((await bookOn(p.client, p.childId, '2026-09-28')).body.lines[0].state).toBe('accepted'); // cached: nothing required
    await documents.saveType(
      A.ctx,
      actor,
      null,
      documentTypeInput.parse({ name: 'Attestation d’assurance', scope: 'family', validityKind: 'school_year', required: true, requiredForActivityIds: [fx.activityId] }),
    );
    const res = await bookOn(p.client, p.childId, '2026-09-29');
    expect(res.body.lines.map((l: any) => [l.state, l.reason])).toEqual([['refused', 'booking.documents_missing']]);
  });
});
