/**
 * Issue #9, the six booking defects found from outside with parallel HTTP clients, one test each. They failed on
 * PostgreSQL before the write discipline reached the booking paths (defect 5 on both databases); the invariants
 * are checked in SQL after each race, not only the HTTP answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Res, type TestApp, type TestClient } from '../support/app.js';
import type { ActivityFixture } from '../integration/booking-support.js';
import {
  activity,
  book,
  bookingOf,
  change,
  checkBookingInvariants,
  counter,
  heldRows,
  isOrderlyRefusal,
  parent,
  promotedMails,
  REQUEST,
  staff,
  START,
  weekdays,
  type Parent,
} from './booking-race-support.js';

let t: TestApp;
let agent1: TestClient;
let agent2: TestClient;
let admin: TestClient;

beforeAll(async () => {
  t = await createTestApp({ clockStart: START });
  agent1 = await staff(t, 'agent');
  agent2 = await staff(t, 'agent');
  admin = await staff(t, 'admin');
});
afterAll(async () => {
  await t.close();
});

const states = (res: Res) => (res.body?.lines ?? []).map((l: any) => l.state);
const sortedStatuses = (rs: Res[]) => rs.map((r) => r.status).sort((a, b) => a - b);

async function expectNoViolations(act: ActivityFixture) {
  const report = await checkBookingInvariants(t, Object.values(act.units));
  expect(report.violations).toEqual([]);
  expect(report.checks).toBeGreaterThan(0);
}

describe('defect 1: a cancellation sent from several devices at once', () => {
  it('accepts one cancellation line, gives the place to the first waiting child only, counter 1/1, on 6 days', async () => {
    const act = await activity(t, { units: { un: 1 } });
    const unit = act.units.un;
    const a = await parent(t, 3);
    const w1 = await parent(t);
    const w2 = await parent(t);
    const days = weekdays('2026-09-07', 6);
    const observed = [];
    for (const day of days) {
      expect(states(await book(a, act, unit, day))).toEqual(['accepted']);
      expect(states(await book(w1, act, unit, day))).toEqual(['waitlisted']);
      expect(states(await book(w2, act, unit, day))).toEqual(['waitlisted']);
      // five cancellations of the same day, each under its own key, from three phones/laptops of family A
      const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => change(a.devices[i % 3], act, a.childId, unit, day, 'cancel')));
      const lines = answers.flatMap((r) => (r.body?.lines ?? []).map((l: any) => l.state));
      observed.push({
        day,
        statuses: answers.map((r) => r.status),
        acceptedCancellations: lines.filter((s) => s === 'accepted').length,
        refusedCancellations: lines.filter((s) => s === 'refused').length,
        a: (await bookingOf(t, a.childId, unit, day))?.state ?? null,
        w1: (await bookingOf(t, w1.childId, unit, day))?.state ?? null,
        w2: (await bookingOf(t, w2.childId, unit, day))?.state ?? null,
        counter: await counter(t, unit, day),
        held: await heldRows(t, unit, day),
      });
    }
    expect(observed).toEqual(
      days.map((day) => ({
        day,
        statuses: [201, 201, 201, 201, 201],
        acceptedCancellations: 1,
        refusedCancellations: 4,
        a: null,
        w1: 'accepted',
        w2: 'waitlisted',
        counter: { capacity: 1, booked: 1 },
        held: 1,
      })),
    );
    // W1 was e-mailed once per day it got, W2 never
    expect(await promotedMails(t, w1.family.familyId)).toBe(days.length);
    expect(await promotedMails(t, w2.family.familyId)).toBe(0);
    await expectNoViolations(act);
  });
});

describe('defect 2: staff deciding the same pending request twice at once', () => {
  it('answers one 2xx and one 409 (accept+accept, refuse+refuse, accept+refuse); the place is freed at most once', async () => {
    const act = await activity(t, { units: { un: 1 }, booking: REQUEST });
    const unit = act.units.un;
    const p = await parent(t);
    const w = await parent(t);
    const combos: ['accept' | 'refuse', 'accept' | 'refuse'][] = [
      ['accept', 'accept'],
      ['refuse', 'refuse'],
      ['accept', 'refuse'],
      ['refuse', 'accept'],
      ['accept', 'accept'],
      ['refuse', 'refuse'],
      ['accept', 'refuse'],
      ['refuse', 'refuse'],
    ];
    const days = weekdays('2026-09-07', combos.length);
    const observed = [];
    const expected = [];
    for (const [i, day] of days.entries()) {
      const req = await book(p, act, unit, day);
      expect(states(req)).toEqual(['pending']); // a request holds its place until staff decide
      expect(states(await book(w, act, unit, day))).toEqual(['waitlisted']);
      const body = (d: 'accept' | 'refuse') => (d === 'accept' ? { decision: d } : { decision: d, reason: 'Groupe complet' });
      const [d1, d2] = combos[i];
      const answers = await Promise.all([
        agent1.post(`/api/staff/booking/requests/${req.body.number}/decide`, body(d1)),
        agent2.post(`/api/staff/booking/requests/${req.body.number}/decide`, body(d2)),
      ]);
      const winner = answers.find((r) => r.status === 200);
      const won = winner ? (winner === answers[0] ? d1 : d2) : null;
      // a newcomer afterwards: the day holds one child (P accepted, or W promoted), never two
      const n = await parent(t);
      const late = await book(n, act, unit, day);
      const audits = await t.ctx.db
        .selectFrom('audit_log')
        .select('action')
        .where('target_type', '=', 'reservation')
        .where('target_id', '=', String(req.body.number))
        .execute();
      observed.push({
        day,
        statuses: sortedStatuses(answers),
        loser: answers.find((r) => r.status !== 200)?.body?.error?.code ?? null,
        decisionsAudited: audits.length,
        p: (await bookingOf(t, p.childId, unit, day))?.state ?? null,
        w: (await bookingOf(t, w.childId, unit, day))?.state ?? null,
        newcomer: states(late),
        counter: await counter(t, unit, day),
        held: await heldRows(t, unit, day),
      });
      expected.push({
        day,
        statuses: [200, 409],
        loser: 'booking.not_pending',
        decisionsAudited: 1,
        p: won === 'accept' ? 'accepted' : null,
        w: won === 'accept' ? 'waitlisted' : 'accepted',
        newcomer: ['waitlisted'],
        counter: { capacity: 1, booked: 1 },
        held: 1,
      });
    }
    expect(observed).toEqual(expected);
    await expectNoViolations(act);
  });
});

describe('defect 3: the head of the waiting list withdraws as the place frees', () => {
  it('gives the place to the next child, keeps the counter right, and e-mails no withdrawn family', async () => {
    const act = await activity(t, { units: { un: 1 } });
    const unit = act.units.un;
    const days = weekdays('2026-09-07', 6);
    const observed = [];
    const expected = [];
    for (const day of days) {
      const a = await parent(t);
      const w1 = await parent(t);
      const w2 = await parent(t);
      expect(states(await book(a, act, unit, day))).toEqual(['accepted']);
      const w1Booking = await book(w1, act, unit, day);
      expect(states(w1Booking)).toEqual(['waitlisted']);
      expect(states(await book(w2, act, unit, day))).toEqual(['waitlisted']);
      const [withdrawal, cancellation] = await Promise.all([
        change(w1.client, act, w1.childId, unit, day, 'cancel'),
        change(a.client, act, a.childId, unit, day, 'cancel'),
      ]);
      // W1 may really have got the place first (the holder's cancellation ran before its withdrawal), and then
      // be e-mailed once for it; otherwise (it withdrew while waiting) it must get no « promoted » e-mail.
      const w1Line = await t.ctx.db.selectFrom('reservation_line').select(['state', 'reason']).where('id', '=', w1Booking.body.lines[0].id).executeTakeFirstOrThrow();
      const w1GotThePlace = w1Line.reason === 'booking.promoted';
      observed.push({
        day,
        statuses: [withdrawal.status, cancellation.status],
        lines: [states(withdrawal), states(cancellation)],
        a: (await bookingOf(t, a.childId, unit, day))?.state ?? null,
        w1: (await bookingOf(t, w1.childId, unit, day))?.state ?? null,
        w2: (await bookingOf(t, w2.childId, unit, day))?.state ?? null,
        counter: await counter(t, unit, day),
        held: await heldRows(t, unit, day),
        w1PromotedMails: await promotedMails(t, w1.family.familyId),
        w2PromotedMails: await promotedMails(t, w2.family.familyId),
      });
      expected.push({
        day,
        statuses: [201, 201],
        lines: [['accepted'], ['accepted']],
        a: null,
        w1: null,
        w2: 'accepted',
        counter: { capacity: 1, booked: 1 },
        held: 1,
        w1PromotedMails: w1GotThePlace ? 1 : 0,
        w2PromotedMails: 1,
      });
    }
    expect(observed).toEqual(expected);
    await expectNoViolations(act);
  });
});

describe('defect 4: « Promouvoir » clicked twice at once', () => {
  it('promotes once: one 200, one 409, the counter counts the child once', async () => {
    const act = await activity(t, { units: { trois: 3 }, waitlistMode: 'staff' });
    const unit = act.units.trois;
    const [a, b, c, w] = [await parent(t), await parent(t), await parent(t), await parent(t)];
    const days = weekdays('2026-09-07', 6);
    const observed = [];
    for (const [i, day] of days.entries()) {
      for (const p of [a, b, c]) expect(states(await book(p, act, unit, day))).toEqual(['accepted']);
      expect(states(await book(w, act, unit, day))).toEqual(['waitlisted']);
      for (const p of [b, c]) expect(states(await change(p.client, act, p.childId, unit, day, 'cancel'))).toEqual(['accepted']);
      const waiting = await bookingOf(t, w.childId, unit, day);
      expect(waiting?.state).toBe('waitlisted'); // staff mode: the freed places wait for staff
      const mailsBefore = await promotedMails(t, w.family.familyId);
      // two agents, or one agent's double click
      const [first, second] = i % 2 === 0 ? [agent1, agent2] : [agent1, agent1];
      const answers = await Promise.all([
        first.post(`/api/staff/booking/waiting-list/${waiting!.id}/promote`),
        second.post(`/api/staff/booking/waiting-list/${waiting!.id}/promote`),
      ]);
      observed.push({
        day,
        statuses: sortedStatuses(answers),
        loser: answers.find((r) => r.status !== 200)?.body?.error?.code ?? null,
        w: (await bookingOf(t, w.childId, unit, day))?.state ?? null,
        counter: await counter(t, unit, day),
        held: await heldRows(t, unit, day),
        mails: (await promotedMails(t, w.family.familyId)) - mailsBefore,
      });
    }
    expect(observed).toEqual(
      days.map((day) => ({
        day,
        statuses: [200, 409],
        loser: 'booking.not_waitlisted',
        w: 'accepted',
        counter: { capacity: 3, booked: 2 },
        held: 2,
        mails: 1,
      })),
    );
    await expectNoViolations(act);
  });
});

describe('defect 5: raising a capacity gives the new places to the waiting list first', () => {
  const DAY = '2026-09-14';
  let crowd: Parent[] = [];

  beforeAll(async () => {
    crowd = [];
    for (let i = 0; i < 45; i++) crowd.push(await parent(t));
  });

  async function fill(act: ActivityFixture, unit: string) {
    const lines: string[] = [];
    for (const p of crowd) lines.push(...states(await book(p, act, unit, DAY)));
    expect(lines.filter((s) => s === 'accepted')).toHaveLength(5);
    expect(lines.filter((s) => s === 'waitlisted')).toHaveLength(40);
  }

  async function afterRaise(act: ActivityFixture, unit: string, mailsBefore: number[]) {
    const st = await Promise.all(crowd.map(async (p) => (await bookingOf(t, p.childId, unit, DAY))?.state ?? null));
    const mails = (await Promise.all(crowd.map((p) => promotedMails(t, p.family.familyId)))).map((n, i) => n - mailsBefore[i]);
    const newcomer = await parent(t);
    return {
      states: st,
      mails,
      counter: await counter(t, unit, DAY),
      held: await heldRows(t, unit, DAY),
      newcomer: states(await book(newcomer, act, unit, DAY)),
    };
  }

  const expectedAuto = () => ({
    states: crowd.map((_, i) => (i < 7 ? 'accepted' : 'waitlisted')),
    mails: crowd.map((_, i) => (i === 5 || i === 6 ? 1 : 0)),
    counter: { capacity: 7, booked: 7 },
    held: 7,
    newcomer: ['waitlisted'],
  });

  it('a staff override 5 → 7 with 40 children waiting promotes the first two, each e-mailed once; a newcomer waits', async () => {
    const act = await activity(t, { units: { grand: 5 } });
    const unit = act.units.grand;
    await fill(act, unit);
    const before = await Promise.all(crowd.map((p) => promotedMails(t, p.family.familyId)));
    const res = await admin.put(`/api/staff/catalog/units/${unit}/capacity`, { day: DAY, capacity: 7 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await afterRaise(act, unit, before)).toEqual(expectedAuto());
    await expectNoViolations(act);
  });

  it('the unit’s default capacity 5 → 7 with 40 children waiting promotes the first two, each e-mailed once; a newcomer waits', async () => {
    const act = await activity(t, { units: { grand: 5 } });
    const unit = act.units.grand;
    await fill(act, unit);
    const before = await Promise.all(crowd.map((p) => promotedMails(t, p.family.familyId)));
    const res = await admin.patch(`/api/staff/catalog/units/${unit}`, { code: 'grand', label: 'grand', position: 0, defaultCapacity: 7, requires: null, excludes: [] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await afterRaise(act, unit, before)).toEqual(expectedAuto());
    await expectNoViolations(act);
  });

  it('in staff mode, a raised capacity is left for staff to give: a newcomer waits behind the waiting children', async () => {
    const act = await activity(t, { units: { un: 1 }, waitlistMode: 'staff' });
    const unit = act.units.un;
    const [d1, d2] = ['2026-09-15', '2026-09-16'];
    const observed = [];
    for (const [day, raise] of [
      [d1, () => admin.put(`/api/staff/catalog/units/${unit}/capacity`, { day: d1, capacity: 2 })],
      [d2, () => admin.patch(`/api/staff/catalog/units/${unit}`, { code: 'un', label: 'un', position: 0, defaultCapacity: 2, requires: null, excludes: [] })],
    ] as const) {
      const a = await parent(t);
      const w = await parent(t);
      const n = await parent(t);
      expect(states(await book(a, act, unit, day))).toEqual(['accepted']);
      expect(states(await book(w, act, unit, day))).toEqual(['waitlisted']);
      expect((await raise()).status).toBe(200);
      const wAfterRaise = (await bookingOf(t, w.childId, unit, day))?.state ?? null;
      const newcomer = states(await book(n, act, unit, day));
      const waiting = await bookingOf(t, w.childId, unit, day);
      const promote = await agent1.post(`/api/staff/booking/waiting-list/${waiting!.id}/promote`);
      observed.push({
        day,
        wAfterRaise,
        newcomer,
        promote: promote.status,
        counter: await counter(t, unit, day),
        held: await heldRows(t, unit, day),
      });
    }
    expect(observed).toEqual(
      [d1, d2].map((day) => ({ day, wAfterRaise: 'waitlisted', newcomer: ['waitlisted'], promote: 200, counter: { capacity: 2, booked: 2 }, held: 2 })),
    );
    await expectNoViolations(act);
  });
});

describe('defect 6: lowering a capacity while families book', () => {
  /** While `traffic` runs, an admin lowers the capacity to what it sees booked, then raises it back, again and again. */
  async function whileBooking(traffic: Promise<unknown>, step: () => Promise<void>) {
    let done = false;
    void traffic.finally(() => (done = true));
    for (let i = 0; i < 40 && !done; i++) await step();
  }

  it('never answers 500: every answer is 2xx, 400 or 409 with a French message, and the invariants hold', async () => {
    const rounds = 8;
    const act = await activity(t, { units: Object.fromEntries([['jour', 5], ...Array.from({ length: rounds }, (_, r) => [`d${r}`, 5])]) });
    const families: Parent[] = [];
    for (let i = 0; i < 8; i++) families.push(await parent(t));
    const admin2 = await staff(t, 'admin');
    const answers: { what: string; res: Res }[] = [];
    const record = (what: string) => (res: Res) => {
      answers.push({ what, res });
    };
    const jour = act.units.jour;
    for (const [r, day] of weekdays('2026-09-07', rounds).entries()) {
      const d = act.units[`d${r}`];
      expect(states(await book(families[0], act, jour, day))).toEqual(['accepted']);
      expect(states(await book(families[0], act, d, day))).toEqual(['accepted']);
      const traffic = Promise.all(
        families.slice(1).flatMap((p) => [book(p, act, jour, day).then(record(`book ${day}`)), book(p, act, d, day).then(record(`book d${r} ${day}`))]),
      );
      await Promise.all([
        traffic,
        // a staff override of that day lowered to what is booked, then back to 5
        whileBooking(traffic, async () => {
          const booked = (await counter(t, jour, day))?.booked ?? 0;
          record(`capacity ${booked} ${day}`)(await admin.put(`/api/staff/catalog/units/${jour}/capacity`, { day, capacity: booked }));
          record(`capacity 5 ${day}`)(await admin.put(`/api/staff/catalog/units/${jour}/capacity`, { day, capacity: 5 }));
        }),
        // the unit's default capacity lowered to what is booked, then back to 5
        whileBooking(traffic, async () => {
          const booked = (await counter(t, d, day))?.booked ?? 0;
          const unit = (capacity: number) => ({ code: `d${r}`, label: `d${r}`, position: r + 1, defaultCapacity: capacity, requires: null, excludes: [] });
          record(`default ${booked} d${r}`)(await admin2.patch(`/api/staff/catalog/units/${d}`, unit(booked)));
          record(`default 5 d${r}`)(await admin2.patch(`/api/staff/catalog/units/${d}`, unit(5)));
        }),
      ]);
    }
    const disorderly = answers.filter(({ res }) => !(res.status === 200 || res.status === 201 || ([400, 409].includes(res.status) && isOrderlyRefusal(res))));
    expect(disorderly.map(({ what, res }) => `${what}: ${res.status} ${JSON.stringify(res.body)}`)).toEqual([]);
    // the race was run: capacities were lowered under the families' feet
    expect(answers.filter(({ what }) => /^(capacity|default) [0-4] /.test(what)).length).toBeGreaterThanOrEqual(rounds);
    expect(answers.filter(({ what }) => what.startsWith('book')).length).toBe(rounds * 14);
    await expectNoViolations(act);
  });
});
