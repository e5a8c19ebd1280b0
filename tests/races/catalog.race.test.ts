/**
 * Catalog configuration under concurrent agents (issue 9): two admins adding the same unit code, and several
 * « replace » imports of the school-holiday calendar at once. Over HTTP, on SQLite and PostgreSQL. Fixed scenarios
 * in rounds (raceRuns: more with the soak); the seed (raceSeed) picks which admin sends each request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createStaff } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { createActivityFixture, type ActivityFixture } from '../integration/booking-support.js';
import { raceCounter, raceRandom, raceRuns } from './harness.js';

const count = raceCounter('catalog');
const random = raceRandom();
const CODES = ['soir', 'repas', 'journee'];

let t: TestApp;
let admins: TestClient[];
let a: ActivityFixture;

const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20261017',
  'DTEND;VALUE=DATE:20261102',
  'SUMMARY:Vacances de la Toussaint - Zone B',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20261219',
  'DTEND;VALUE=DATE:20270104',
  'SUMMARY:Vacances de Noël - Zones A/B/C',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

beforeAll(async () => {
  t = await createTestApp();
  admins = await Promise.all([0, 1, 2].map(async () => loginAs(t, (await createStaff(t.ctx, { role: 'admin' })).accountId)));
  a = await createActivityFixture(t, { units: { matin: 10 } });
  count.watch(t.app);
});
afterAll(async () => {
  await t.close();
});

describe('catalog under concurrent agents', () => {
  it('adds a unit code once when several admins (and double clicks) add it at the same moment; the others get a French field error, never 500', async () => {
    const rounds = raceRuns(CODES.length);
    for (let round = 0; round < rounds; round++) {
      const code = CODES[round] ?? `unite_${round}`;
      const first = random.int(0, admins.length - 1);
      const answers = await count.race(() =>
        Promise.all(
          Array.from({ length: 6 }, (_, i) =>
            admins[(first + i) % admins.length].request('POST', `/api/staff/catalog/activities/${a.activityId}/units`, { code, label: code, position: 1, defaultCapacity: 5 }),
          ),
        ),
      );
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 400, 400, 400, 400, 400]);
      for (const r of answers.filter((x) => x.status === 400)) expect(r.body.error.fields[0]).toMatchObject({ path: 'code', message: expect.any(String) });
      const { rows } = await sql<{ n: number }>`select count(*) as n from unit where activity_id = ${a.activityId} and code = ${code}`.execute(t.ctx.db);
      count.check(Number(rows[0].n), `one unit ${code}`).toBe(1);
      count.ran();
    }
  });

  it('« replace » imports sent at once leave exactly one copy of the imported calendar', async () => {
    const rounds = raceRuns(3);
    for (let round = 0; round < rounds; round++) {
      const first = random.int(0, admins.length - 1);
      const answers = await count.race(() =>
        Promise.all(
          Array.from({ length: 5 }, (_, i) =>
            admins[(first + i) % admins.length].request('POST', '/api/staff/catalog/school-holidays/import', { ics: ICS, zone: 'B', replace: true }),
          ),
        ),
      );
      for (const r of answers) expect([200, 409]).toContain(r.status);
      expect(answers.some((r) => r.status === 200)).toBe(true);
      const { rows } = await sql<{ n: number }>`select count(*) as n from school_holiday where source = 'ics'`.execute(t.ctx.db);
      count.check(Number(rows[0].n), 'one copy of the imported calendar').toBe(2);
      count.ran();
    }
  });
});
