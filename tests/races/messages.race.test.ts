import { afterAll, beforeAll, describe, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff, type FamilyFixture } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { clickKey, familyReply, startThread, TOPIC_ENROLMENT } from '../integration/messages-support.js';
import { deliverAnnouncements } from '../../src/server/modules/messaging/messaging.announcements.js';
import { sendDeadlineReminders } from '../../src/server/modules/messaging/messaging.reminders.js';
import { deliverSms } from '../../src/server/modules/messaging/messaging.notify.js';
import { childOf, createActivityFixture, J2_NOON, reserve } from '../integration/booking-support.js';
import { raceCounter, raceRandom, raceRuns, raceTimeout } from './harness.js';

/**
 * Issue 14 — messages, announcements and reminders under concurrent callers, on SQLite and PostgreSQL: two agents
 * answering one family at once (one answer, one notification; the other is told), a family's double clicks (one
 * thread, one message), an announcement sent twice at once and delivered by several instances' batches (each family
 * once), the reminder job on several instances (one reminder per family and deadline), two devices saving choices.
 * Invariants read back in SQL.
 */

// Tuesday 1 September 2026, 10:00 Paris; the reminder job runs last, on Thursday
const START = '2026-09-01T08:00:00Z';
let t: TestApp;
let agents: TestClient[];
let families: { fam: FamilyFixture; client: TestClient }[];
const count = raceCounter('messages');
const rnd = raceRandom(14);

beforeAll(async () => {
  t = await createTestApp({ clockStart: START });
  count.watch(t.app);
  agents = [];
  for (let i = 0; i < 4; i++) agents.push(await loginAs(t, (await createStaff(t.ctx, { role: 'agent' })).accountId));
  families = [];
  for (let i = 0; i < 12; i++) {
    const fam = await createFamily(t.ctx, { lastName: `Course${i}` });
    families.push({ fam, client: await loginAs(t, fam.accountId) });
  }
  // half the families booked Thursday 3: on Thursday, their next week is empty and Tuesday 8's cut-off is tomorrow
  const act = await createActivityFixture(t, { units: { matin: 20 }, activity: { bookingPolicy: J2_NOON, cancellationPolicy: J2_NOON }, period: { startDay: '2026-09-01', endDay: '2026-10-16' } });
  for (const f of families.slice(0, 6)) {
    const childId = await childOf(t, f.fam);
    await reserve(f.client, { childId, activityId: act.activityId, periodId: act.periodId, changes: [{ day: '2026-09-03', unitId: act.units.matin, action: 'book' }] });
  }
  // every family wants SMS for answers: one answer, one SMS
  for (const f of families)
    await f.client.request('PUT', '/api/notifications', { choices: [{ kind: 'message_answered', email: true, sms: true, push: false }] });
});
afterAll(async () => {
  await t.close();
});

describe('messages under concurrency', () => {
  it(
    'two to four agents answering a family at once: one answer per seen state, one notification per answer',
    async () => {
      const rounds = raceRuns(6);
      for (let r = 0; r < rounds; r++) {
        count.runs++;
        const f = families[r % families.length];
        const th = (await startThread(t, f.client, { topicId: TOPIC_ENROLMENT, subject: `Question ${r}`, body: 'Bonjour' })).body;
        t.clock.advance(1000);
        const n = rnd.int(2, agents.length);
        const answers = await count.race(() =>
          Promise.all(
            agents.slice(0, n).map((a) => a.request('POST', `/api/staff/inbox/${th.id}/replies`, { body: 'Réponse', internal: false, clientKey: clickKey(), expectedLast: th.lastMessageAt })),
          ),
        );
        count.check(answers.filter((a) => a.status === 201).length, 'one agent answers').toBe(1);
        count.check(answers.filter((a) => a.status === 409 && a.body.error.code === 'messages.answered_meanwhile').length, 'the others are told').toBe(n - 1);
        const staffMessages = await t.ctx.db.selectFrom('message').select('id').where('thread_id', '=', th.id).where('author_kind', '=', 'staff').execute();
        count.check(staffMessages.length, 'one staff message').toBe(1);
        const mails = await t.ctx.db.selectFrom('outbox').select('id').where('template', '=', 'messages.answered').where('family_id', '=', f.fam.familyId).where('subject', 'like', '%').execute();
        const sms = await t.ctx.db.selectFrom('sms_outbox').select('id').where('family_id', '=', f.fam.familyId).execute();
        count.check(sms.length, 'one SMS per answer so far').toBe(mails.length);
      }
      count.op();
      await deliverSms(t.ctx); // demo provider: nothing to send, never fails
    },
    raceTimeout(60_000),
  );

  it(
    'a family’s double and triple clicks make one thread and one message each',
    async () => {
      for (let r = 0; r < raceRuns(4); r++) {
        count.runs++;
        const f = families[rnd.int(0, families.length - 1)];
        const key = clickKey();
        const clicks = rnd.int(2, 3);
        const starts = await count.race(() => Promise.all(Array.from({ length: clicks }, () => startThread(t, f.client, { topicId: TOPIC_ENROLMENT, subject: 'Double clic', body: 'Une fois', clientKey: key }))));
        count.check(new Set(starts.map((s) => s.body.id)).size, 'one thread').toBe(1);
        const replyKey = clickKey();
        await count.race(() => Promise.all(Array.from({ length: clicks }, () => familyReply(t, f.client, starts[0].body.id, 'Réponse unique', replyKey))));
        const msgs = await t.ctx.db.selectFrom('message').select(['body']).where('thread_id', '=', starts[0].body.id).execute();
        count.check(msgs.map((m) => m.body).sort(), 'one message per click key').toEqual(['Réponse unique', 'Une fois']);
      }
    },
    raceTimeout(60_000),
  );

  it(
    'an announcement sent twice at once and delivered by several batch runners reaches each family once',
    async () => {
      for (let r = 0; r < raceRuns(3); r++) {
        count.runs++;
        t.clock.advance(1000);
        const key = clickKey();
        const body = { subject: `Fermeture ${r}`, body: 'Fermé demain.', audience: { kind: 'all' }, idempotencyKey: key };
        const sent = await count.race(() => Promise.all([agents[0].request('POST', '/api/staff/announcements', body), agents[1].request('POST', '/api/staff/announcements', body), deliverAnnouncements(t.ctx), deliverAnnouncements(t.ctx)]));
        count.op(2);
        const ids = new Set(sent.slice(0, 2).map((s) => (s as { body: { id: string } }).body.id));
        count.check(ids.size, 'one announcement').toBe(1);
        await Promise.all([deliverAnnouncements(t.ctx), deliverAnnouncements(t.ctx)]);
        const id = [...ids][0];
        const copies = await t.ctx.db.selectFrom('message_thread').select('family_id').where('announcement_id', '=', id).execute();
        count.check(copies.length, 'one copy per family').toBe(families.length);
        count.check(new Set(copies.map((c) => c.family_id)).size, 'distinct families').toBe(families.length);
        const mails = await t.ctx.db.selectFrom('outbox').select('family_id').where('template', '=', 'messages.announcement').where('subject', 'like', `Fermeture ${r} %`).execute();
        count.check(mails.length, 'one mail per family').toBe(families.length);
        const a = await t.ctx.db.selectFrom('announcement').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        count.check([a.state, Number(a.delivered)], 'counted once').toEqual(['sent', families.length]);
      }
    },
    raceTimeout(60_000),
  );

  it(
    'two devices saving notification choices at once leave one row per kind and channel',
    async () => {
      count.runs++;
      const f = families[0];
      const second = await loginAs(t, f.fam.accountId);
      const choice = (sms: boolean) => ({ choices: [{ kind: 'announcement', email: true, sms, push: false }] });
      const answers = await count.race(() => Promise.all([f.client.request('PUT', '/api/notifications', choice(true)), second.request('PUT', '/api/notifications', choice(false))]));
      count.check(answers.map((a) => a.status), 'both saved').toEqual([200, 200]);
      const rows = await t.ctx.db.selectFrom('notification_preference').selectAll().where('family_id', '=', f.fam.familyId).where('kind', '=', 'announcement').execute();
      count.check(rows.length, 'one row per channel').toBe(3);
    },
    raceTimeout(60_000),
  );
  it(
    'the reminder job on several instances: one reminder per family and deadline',
    async () => {
      count.runs++;
      t.clock.set('2026-09-03T08:00:00Z'); // Thursday 10:00 Paris
      const runs = await Promise.all(Array.from({ length: 4 }, () => sendDeadlineReminders(t.ctx)));
      count.op(4);
      const marks = await t.ctx.db.selectFrom('reminder_log').select(['family_id', 'deadline_key']).execute();
      count.check(marks.length, 'two reminders for each family that booked').toBe(12);
      count.check(runs.reduce((a, b) => a + b, 0), 'one decision per mark').toBe(marks.length);
      count.check(new Set(marks.map((m) => `${m.family_id} ${m.deadline_key}`)).size, 'no duplicate').toBe(marks.length);
      const mails = await t.ctx.db.selectFrom('outbox').select('family_id').where('template', 'like', 'messages.reminder%').execute();
      count.check(mails.length, 'one mail per reminder').toBe(12);
    },
    raceTimeout(60_000),
  );
});
