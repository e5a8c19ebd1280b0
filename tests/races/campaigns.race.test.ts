/**
 * Issue 12 under concurrency: at the close of a request campaign, several staff click « Publier » at the same instant
 * while families still change their wishes (their requests arrived before the close). Invariants in SQL afterwards:
 * the campaign is published once (one audit line, one mail per family, one reservation per child), every wish left
 * has exactly one outcome and no outcome is left without its wish (a change that lost the race was refused, never
 * half-counted), places match the outcomes, counters equal the rows holding a place and never exceed the capacity,
 * and every answer is the publication or an orderly refusal (never a 500). SQLite, and PostgreSQL with
 * TEST_DATABASE_URL (READ COMMITTED).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createTestApp, type Res, type TestApp } from '../support/app.js';
import { loginAs } from '../support/login.js';
import { raceCounter, raceRandom, raceRuns, raceTimeout } from './harness.js';
import { checkBookingInvariants, isOrderlyRefusal } from './booking-race-support.js';
import { applicant, campaignWorld, CLOSES, START, type Applicant } from '../integration/campaigns-support.js';

const count = raceCounter('campaigns');
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clockStart: START });
  count.watch(t.app);
});
afterAll(async () => {
  await t.close();
});

const DAYS = ['2026-07-06', '2026-07-07', '2026-07-08', '2026-07-09', '2026-07-10'];

describe('publishing a campaign while families change wishes at the close', () => {
  it(
    'publishes once, counts every wish committed before it and refuses every change after it',
    async () => {
      const rnd = raceRandom(12);
      const rounds = raceRuns(3);
      const tally = { accepted: 0, refused: 0 };
      for (let round = 0; round < rounds; round++) {
        count.ran();
        t.clock.set(new Date(START));
        const w = await campaignWorld(t, { journee: 3, repas: 2 }, { siblingsTogether: round % 2 === 1 });
        const units = Object.values(w.activity.units);
        const families: Applicant[] = [];
        for (let i = 0; i < 10; i++) families.push(await applicant(t, { resident: i % 3 !== 0, firstName: `E${round}-${i}` }));
        const pick = () =>
          [...new Map(Array.from({ length: rnd.int(1, 4) }, () => ({ unitId: units[rnd.int(0, units.length - 1)]!, day: DAYS[rnd.int(0, DAYS.length - 1)]! })).map((x) => [`${x.unitId}|${x.day}`, x])).values()].map(
            (x, i) => ({ ...x, preference: rnd.next() < 0.5 ? i + 1 : null }),
          );
        for (const f of families) {
          const r = await f.client.request('PUT', `/api/campaigns/${w.campaignId}/wishes/${f.childId}`, { wishes: pick() });
          count.check(r.status, JSON.stringify(r.body)).toBe(200);
        }
        // one millisecond before the close: the changes arrive (their arrival is judged open)…
        t.clock.set(new Date(new Date(CLOSES).getTime() - 1));
        // (signed in again: the sessions of two weeks ago have expired)
        const admins = [await loginAs(t, w.adminId), await loginAs(t, w.adminId), await loginAs(t, w.adminId)];
        for (const f of families) f.client = await loginAs(t, f.family.accountId);
        const answers = await count.race(async () => {
          // each change leaves after its own short delay, so that over the rounds some arrive before the close and
          // some after, some committing before the publication, some waiting for its lock
          const changes: Promise<Res>[] = families
            .filter(() => rnd.next() < 0.7)
            .map((f) => ({ f, wishes: rnd.next() < 0.2 ? [] : pick(), delay: rnd.int(0, 40) }))
            .map(async ({ f, wishes, delay }) => {
              await new Promise((r) => setTimeout(r, delay));
              return f.client.request('PUT', `/api/campaigns/${w.campaignId}/wishes/${f.childId}`, { wishes });
            });
          // …and the close passes while they are in flight: three staff click « Publier » (twice for one of them)
          // (a few milliseconds later, so that some changes are already past their arrival, some in their transaction)
          await new Promise((r) => setTimeout(r, rnd.int(10, 30)));
          t.clock.set(new Date(new Date(CLOSES).getTime() + 1));
          const publishes = [...admins, admins[0]!].map((a) => a.request('POST', `/api/staff/campaigns/${w.campaignId}/publish`));
          return { changes: await Promise.all(changes), publishes: await Promise.all(publishes) };
        });
        for (const r of answers.publishes) count.check(r.status, JSON.stringify(r.body)).toBe(200);
        count.check(new Set(answers.publishes.map((r) => r.body.campaign.publishedAt)).size, 'one publication instant').toBe(1);
        tally.accepted += answers.changes.filter((r) => r.status === 200).length;
        tally.refused += answers.changes.filter((r) => r.status === 409).length;
        for (const r of answers.changes) {
          count.check(r.status === 200 || (r.status === 409 && r.body.error.code === 'campaign.closed' && isOrderlyRefusal(r)), JSON.stringify(r.body)).toBe(true);
        }

        const db = t.ctx.db;
        const wishes = await db.selectFrom('campaign_wish').select(['id', 'family_id', 'child_id', 'unit_id', 'day']).where('campaign_id', '=', w.campaignId).execute();
        const outcomes = await db.selectFrom('campaign_outcome').select(['wish_id', 'status', 'child_id', 'unit_id', 'day']).where('campaign_id', '=', w.campaignId).execute();
        count.check(outcomes.map((o) => o.wish_id).sort(), 'one outcome per wish left, none for a wish withdrawn').toEqual(wishes.map((x) => x.id).sort());
        const audits = await db.selectFrom('audit_log').select('id').where('action', '=', 'campaign.published').where('target_id', '=', w.campaignId).execute();
        count.check(audits.length, 'published once').toBe(1);
        const familyIds = [...new Set(wishes.map((x) => x.family_id))];
        const mails = familyIds.length
          ? await db.selectFrom('outbox').select('family_id').where('template', '=', 'campaign.published').where('family_id', 'in', familyIds).execute()
          : [];
        count.check(mails.length, 'one mail per family with wishes').toBe(familyIds.length);
        const bookings = await db.selectFrom('booking').select(['child_id', 'unit_id', 'day', 'state']).where('activity_id', '=', w.activity.activityId).execute();
        const placeOf = new Map(bookings.map((b) => [`${b.child_id}|${b.unit_id}|${b.day}`, b.state]));
        for (const o of outcomes) {
          const expected = o.status === 'allocated' ? 'accepted' : o.status === 'waitlisted' ? 'waitlisted' : undefined;
          count.check(placeOf.get(`${o.child_id}|${o.unit_id}|${o.day}`), `${o.status} ${o.day}`).toBe(expected);
        }
        count.check(bookings.length, 'no booking without its outcome').toBe(outcomes.filter((o) => o.status === 'allocated' || o.status === 'waitlisted').length);
        const reservations = await db
          .selectFrom('reservation')
          .select(['child_id'])
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('activity_id', '=', w.activity.activityId)
          .groupBy('child_id')
          .execute();
        for (const r of reservations) count.check(Number(r.n), 'one reservation per child').toBe(1);
        const report = await checkBookingInvariants(t, units);
        count.checked(report.checks);
        count.check(report.violations).toEqual([]);
      }
      t.clock.set(new Date(START));
      // how the changes fell on either side of the close (both sides are expected over the rounds; not asserted)
      console.info(`[campaigns race] wish changes at the close: ${JSON.stringify(tally)}`);
    },
    raceTimeout(120_000),
  );
});
