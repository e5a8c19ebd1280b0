import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/shared/i18n/en/index.js';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff, type FamilyFixture } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { childOf, createActivityFixture, EVE_18H, J2_NOON, NO_DEADLINE, reserve, type ActivityFixture } from './booking-support.js';

// Tuesday 1 September 2026, 10:00 Paris
const START = '2026-09-01T08:00:00Z';
let t: TestApp;
let agent: TestClient;
let auto: ActivityFixture; // J-2 hors week-end à 12h to book; la veille 18h to cancel, a request after; automatic waiting list
let manual: ActivityFixture; // requests for every booking; waiting list by staff

beforeAll(async () => {
  t = await createTestApp({ clockStart: START, smtp: true });
  agent = await loginAs(t, (await createStaff(t.ctx, { role: 'agent' })).accountId);
  auto = await createActivityFixture(t, {
    units: { matin: 1, soir: 5 },
    activity: { bookingPolicy: J2_NOON, cancellationPolicy: EVE_18H, minAge: 3, maxAge: 11 },
    period: { startDay: '2026-09-01', endDay: '2026-10-16' },
  });
  manual = await createActivityFixture(t, {
    units: { journee: 1 },
    activity: {
      kind: 'mercredi',
      openWeekdays: [3],
      waitlistMode: 'staff',
      bookingPolicy: { ...J2_NOON, insideDeadline: 'request' },
      cancellationPolicy: J2_NOON,
    },
    period: { startDay: '2026-09-01', endDay: '2026-10-16' },
  });
});
afterAll(async () => {
  await t.close();
});

async function parent(o: { birthDate?: string; status?: 'pending' | 'active' } = {}) {
  const family: FamilyFixture = await createFamily(t.ctx, { status: o.status });
  const childId = await childOf(t, family, { birthDate: o.birthDate });
  return { family, childId, client: await loginAs(t, family.accountId) };
}

const book = (a: ActivityFixture, unit: string, ...days: string[]) => days.map((day) => ({ day, unitId: a.units[unit], action: 'book' as const }));
const cancel = (a: ActivityFixture, unit: string, ...days: string[]) => days.map((day) => ({ day, unitId: a.units[unit], action: 'cancel' as const }));
const body = (a: ActivityFixture, childId: string, changes: { day: string; unitId: string; action: 'book' | 'cancel' }[]) => ({
  childId,
  activityId: a.activityId,
  periodId: a.periodId,
  changes,
});

async function mailTo(email: string, subject: RegExp) {
  await t.deliverMail();
  return t.smtp!.messages.find((m) => m.to.includes(email) && subject.test(m.subject));
}

describe('deadlines and calendar', () => {
  it('accepts inside the booking deadline and refuses after it, per line, in one numbered reservation', async () => {
    const p = await parent();
    // Thursday 3 Sept: cut-off Tuesday 1 Sept 12:00 (inside); Wednesday 2 Sept: cut-off Monday 31 Aug 12:00 (past)
    const res = await reserve(p.client, body(auto, p.childId, book(auto, 'soir', '2026-09-03', '2026-09-02')));
    expect(res.status).toBe(201);
    expect(res.body.lines.map((l: any) => [l.day, l.state, l.reason])).toEqual([
      ['2026-09-02', 'refused', 'booking.deadline_passed'],
      ['2026-09-03', 'accepted', null],
    ]);
    expect(res.body.state).toBe('partial');
    expect(res.body.lines[0].reasonText).toBe('Le délai de réservation de ce jour est dépassé.');
  });

  it('the minute after the cut-off is too late', async () => {
    t.clock.set('2026-09-01T10:00:59Z'); // 12:00:59 Paris: the cut-off minute still counts
    const p = await parent();
    const ok = await reserve(p.client, body(auto, p.childId, book(auto, 'soir', '2026-09-03')));
    t.clock.set('2026-09-01T10:01:00Z');
    const late = await reserve(p.client, body(auto, p.childId, book(auto, 'soir', '2026-09-03')));
    t.clock.set(START);
    expect(ok.body.lines?.[0]?.state, JSON.stringify(ok.body)).toBe('accepted');
    expect(late.body.lines[0]).toMatchObject({ state: 'refused', reason: 'booking.deadline_passed' });
    t.clock.set('2026-09-01T10:01:00Z');
    const other = await parent();
    const late2 = await reserve(other.client, body(auto, other.childId, book(auto, 'soir', '2026-09-03')));
    t.clock.set(START);
    expect(late2.body.lines[0]).toMatchObject({ state: 'refused', reason: 'booking.deadline_passed' });
  });

  it('never books or cancels a day already gone, even without a deadline; today is Paris’s day', async () => {
    const open = await createActivityFixture(t, {
      units: { soir: 5 },
      activity: { bookingPolicy: NO_DEADLINE, cancellationPolicy: { ...NO_DEADLINE, afterDeadline: 'request' } },
      period: { startDay: '2026-08-24', endDay: '2026-10-16' },
    });
    // Tuesday 1 September, 00:30 in Paris but still Monday 31 August in UTC
    t.clock.set('2026-08-31T22:30:00Z');
    try {
      const p = await parent();
      const res = await reserve(p.client, body(open, p.childId, book(open, 'soir', '2026-08-31', '2026-09-01')));
      expect(res.body.lines.map((l: any) => [l.day, l.state, l.reason])).toEqual([
        ['2026-08-31', 'refused', 'booking.deadline_passed'],
        ['2026-09-01', 'accepted', null],
      ]);
      // the planning opens on the week of Paris's today, and shows Monday 31 August as past its deadline
      const grid = await p.client.get(`/api/booking/planning/${p.childId}/${open.activityId}/${open.periodId}`);
      expect(grid.status).toBe(200);
      expect(grid.body.days.map((d: any) => d.day)).toContain('2026-09-01');
      const monday = grid.body.days.find((d: any) => d.day === '2026-08-31');
      expect(monday.cells[0].state).toBe('deadline_passed');
      // the day just booked cannot be cancelled once it is gone
      t.clock.set('2026-09-01T22:30:00Z'); // Wednesday 2 September, 00:30 Paris
      const again = await loginAs(t, p.family.accountId); // a day later: a new session
      const late = await reserve(again, body(open, p.childId, cancel(open, 'soir', '2026-09-01')));
      expect(late.body.lines?.[0], JSON.stringify(late.body)).toMatchObject({ state: 'refused' });
    } finally {
      t.clock.set(START);
    }
  });

  it('refuses closed days, public holidays, school holidays, other weekdays and ages out of range', async () => {
    const admin = await loginAs(t, (await createStaff(t.ctx, { role: 'admin' })).accountId);
    expect((await admin.post('/api/staff/catalog/closures', { establishmentId: auto.establishmentId, activityId: null, day: '2026-09-21', reason: 'Journée pédagogique' })).status).toBe(201);
    expect((await admin.post('/api/staff/catalog/school-holidays', { label: 'Vacances de la Toussaint', startDay: '2026-10-17', endDay: '2026-11-01' })).status).toBe(201);
    const p = await parent();
    const res = await reserve(p.client, body(auto, p.childId, [...book(auto, 'soir', '2026-09-21', '2026-09-19'), ...book(auto, 'soir', '2026-11-11')]));
    expect(res.body.lines.map((l: any) => l.reason)).toEqual(['booking.weekday', 'booking.closed', 'booking.outside_period']);
    const toddler = await parent({ birthDate: '2024-01-01' });
    const tooYoung = await reserve(toddler.client, body(auto, toddler.childId, book(auto, 'soir', '2026-09-22')));
    expect(tooYoung.body.lines[0]).toMatchObject({ state: 'refused', reason: 'booking.age_not_allowed' });
    const grid = await toddler.client.get(`/api/booking/planning/${toddler.childId}/${auto.activityId}/${auto.periodId}?week=2026-09-21`);
    expect(grid.status).toBe(200);
    const monday = grid.body.days.find((d: any) => d.day === '2026-09-21');
    expect(monday.cells[0]).toMatchObject({ state: 'closed', reason: 'Journée pédagogique' });
    const tuesday = grid.body.days.find((d: any) => d.day === '2026-09-22');
    expect(tuesday.cells[0]).toMatchObject({ state: 'age_not_allowed' });
    expect(grid.body.days.find((d: any) => d.day === '2026-09-26').cells[0]).toMatchObject({ state: 'closed', reason: 'weekday' });
  });

  it('shows the planning: weeks open for booking, states, cut-offs, and a public holiday closed', async () => {
    const p = await parent();
    await reserve(p.client, body(auto, p.childId, book(auto, 'soir', '2026-09-08')));
    const grid = await p.client.get(`/api/booking/planning/${p.childId}/${auto.activityId}/${auto.periodId}?week=2026-09-09`);
    expect(grid.status).toBe(200);
    expect(grid.body.week).toBe('2026-09-07');
    expect(grid.body.weeks.length).toBeGreaterThanOrEqual(6);
    expect(grid.body.weeks[0]).toMatchObject({ monday: '2026-08-31', number: 36 });
    expect(grid.body.previousWeek).toBe('2026-08-31');
    expect(grid.body.nextWeek).toBe('2026-09-14');
    const soir = grid.body.units.findIndex((u: any) => u.code === 'soir');
    const tue = grid.body.days.find((d: any) => d.day === '2026-09-08').cells[soir];
    expect(tue).toMatchObject({ state: 'accepted', onCancel: 'accepted', cancelCutoff: '2026-09-07T16:00:00.000Z' });
    const wed = grid.body.days.find((d: any) => d.day === '2026-09-09').cells[soir];
    // J-2 hors week-end à 12h for Wednesday 9 Sept: Monday 7 Sept 12:00 Paris
    expect(wed).toMatchObject({ state: 'bookable', onBook: 'accepted', cutoff: '2026-09-07T10:00:00.000Z' });
    expect(grid.body.blocked).toBeNull();
    const nov = await p.client.get(`/api/booking/planning/${p.childId}/${auto.activityId}/${auto.periodId}?week=2026-10-12`);
    expect(nov.body.days.map((d: any) => d.day)).toEqual(['2026-10-12', '2026-10-13', '2026-10-14', '2026-10-15', '2026-10-16']);
  });
});

describe('an account not validated yet', () => {
  it('cannot book, with a French reason, and the planning says why', async () => {
    const p = await parent({ status: 'pending' });
    const res = await reserve(p.client, body(auto, p.childId, book(auto, 'soir', '2026-09-10')));
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'account.not_validated' });
    expect(res.body.error.message).toMatch(/validation/);
    const grid = await p.client.get(`/api/booking/planning/${p.childId}/${auto.activityId}/${auto.periodId}`);
    expect(grid.body.blocked).toBe('account.not_validated');
    const cells = grid.body.days.flatMap((d: any) => d.cells);
    expect(cells.some((c: any) => c.state === 'not_open' && c.reason === 'account.not_validated')).toBe(true);
    expect(cells.every((c: any) => c.onBook === null)).toBe(true);
    expect((await p.client.get('/api/booking/catalog')).body.blocked).toBe('account.not_validated');
  });
});

describe('waiting list', () => {
  it('promotes the first waiting child automatically when a place frees, and e-mails the family', async () => {
    const a = await parent();
    const b = await parent();
    const c = await parent();
    const day = '2026-09-15';
    expect((await reserve(a.client, body(auto, a.childId, book(auto, 'matin', day)))).body.lines[0].state).toBe('accepted');
    expect((await reserve(b.client, body(auto, b.childId, book(auto, 'matin', day)))).body.lines[0].state).toBe('waitlisted');
    expect((await reserve(c.client, body(auto, c.childId, book(auto, 'matin', day)))).body.lines[0].state).toBe('waitlisted');
    const list = await agent.get(`/api/staff/booking/waiting-list?unitId=${auto.units.matin}&day=${day}`);
    expect(list.body.map((w: any) => [w.position, w.child.id])).toEqual([[1, b.childId], [2, c.childId]]);

    const cancelled = await reserve(a.client, body(auto, a.childId, cancel(auto, 'matin', day)));
    expect(cancelled.status).toBe(201);
    expect(cancelled.body.kind).toBe('cancellation');
    expect(cancelled.body.lines[0].state).toBe('accepted');
    const bGrid = await b.client.get(`/api/booking/planning/${b.childId}/${auto.activityId}/${auto.periodId}?week=${day}`);
    const cell = bGrid.body.days.find((d: any) => d.day === day).cells[0];
    expect(cell.state).toBe('accepted');
    const bRes = await b.client.get('/api/booking/reservations');
    expect(bRes.body[0]).toMatchObject({ state: 'accepted' });
    const mail = await mailTo(b.family.email, /place s’est libérée/);
    expect(mail?.text).toContain('est désormais inscrit(e)');
    const occ = await agent.get(`/api/staff/booking/occupancy?activityId=${auto.activityId}&from=${day}&to=${day}`);
    expect(occ.body.days[0].cells.find((x: any) => x.unitId === auto.units.matin)).toMatchObject({ capacity: 1, booked: 1, waiting: 1 });
  });

  it('leaves the waiting list to staff when the activity says so; staff promote by hand only into a free place', async () => {
    const day = '2026-09-16'; // a Wednesday
    const a = await parent();
    const b = await parent();
    const ra = await reserve(a.client, body(manual, a.childId, book(manual, 'journee', day)));
    expect(ra.body.lines[0].state).toBe('pending'); // a request holds its place until staff decide
    const rb = await reserve(b.client, body(manual, b.childId, book(manual, 'journee', day)));
    expect(rb.body.lines[0].state).toBe('waitlisted');
    const [w] = (await agent.get(`/api/staff/booking/waiting-list?unitId=${manual.units.journee}&day=${day}`)).body;
    const full = await agent.post(`/api/staff/booking/waiting-list/${w.bookingId}/promote`);
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe('booking.full');
    // staff refuse a's request: the place frees, nobody is promoted automatically
    const refused = await agent.post(`/api/staff/booking/requests/${ra.body.number}/decide`, { decision: 'refuse', reason: 'Groupe complet pour les 3-5 ans' });
    expect(refused.status).toBe(200);
    expect(refused.body.lines[0]).toMatchObject({ state: 'refused', reasonText: 'Groupe complet pour les 3-5 ans' });
    expect((await agent.get(`/api/staff/booking/waiting-list?unitId=${manual.units.journee}&day=${day}`)).body).toHaveLength(1);
    const promoted = await agent.post(`/api/staff/booking/waiting-list/${w.bookingId}/promote`);
    expect(promoted.status).toBe(200);
    expect(promoted.body.state).toBe('accepted');
    expect((await mailTo(b.family.email, /place s’est libérée/))).toBeTruthy();
    const refusalMail = await mailTo(a.family.email, /a été traitée/);
    expect(refusalMail?.text).toContain('réservation refusée');
    expect(refusalMail?.text).toContain('Groupe complet pour les 3-5 ans');
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('action', 'like', 'booking.%').execute();
    expect(audit.map((x) => x.action)).toEqual(expect.arrayContaining(['booking.request_refused', 'booking.waitlist_promoted']));
  });
});

describe('requests and cancellations', () => {
  it('staff accept a pending request per line; the family is e-mailed', async () => {
    const p = await parent();
    const res = await reserve(p.client, body(manual, p.childId, book(manual, 'journee', '2026-09-23', '2026-09-30')));
    expect(res.body.state).toBe('pending');
    const queue = await agent.get(`/api/staff/booking/requests?activityId=${manual.activityId}`);
    const mine = queue.body.find((r: any) => r.number === res.body.number);
    expect(mine.familyName).toMatch(/Testeur/);
    const first = mine.lines[0].id;
    const decided = await agent.post(`/api/staff/booking/requests/${res.body.number}/decide`, { decision: 'accept', lineIds: [first] });
    expect(decided.body.lines.map((l: any) => l.state)).toEqual(['accepted', 'pending']);
    expect(decided.body.state).toBe('pending');
    const again = await agent.post(`/api/staff/booking/requests/${res.body.number}/decide`, { decision: 'accept', lineIds: [first] });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('booking.not_pending');
    const noReason = await agent.post(`/api/staff/booking/requests/${res.body.number}/decide`, { decision: 'refuse' });
    expect(noReason.status).toBe(400);
    const mail = await mailTo(p.family.email, new RegExp(`n° ${res.body.number} a été traitée`));
    expect(mail?.text).toContain('réservation acceptée');
    const detail = await p.client.get(`/api/booking/reservations/${res.body.number}`);
    expect(detail.body.lines[0]).toMatchObject({ state: 'accepted' });
    // the family's journal shows the decision, by the town hall (issue 11)
    const journal = (await p.client.get('/api/family/journal')).body as { action: string; who: string | null; ref: string | null }[];
    expect(journal.filter((j) => j.action.startsWith('request.'))).toEqual([expect.objectContaining({ action: 'request.accepted', who: null, ref: String(res.body.number) })]);
  });

  it('cancels at once inside the cancellation deadline, and as a request after it', async () => {
    const p = await parent();
    await reserve(p.client, body(auto, p.childId, book(auto, 'soir', '2026-09-24', '2026-09-25')));
    const before = await t.ctx.db.selectFrom('unit_day').select('booked').where('unit_id', '=', auto.units.soir).where('day', '=', '2026-09-24').executeTakeFirstOrThrow();
    const inside = await reserve(p.client, body(auto, p.childId, cancel(auto, 'soir', '2026-09-24')));
    expect(inside.body.lines[0].state).toBe('accepted');
    const after = await t.ctx.db.selectFrom('unit_day').select('booked').where('unit_id', '=', auto.units.soir).where('day', '=', '2026-09-24').executeTakeFirstOrThrow();
    expect(after.booked).toBe(before.booked - 1);

    t.clock.set('2026-09-24T17:00:00Z'); // Thursday 19:00 Paris: past « la veille à 18h » for Friday 25
    p.client = await loginAs(t, p.family.accountId);
    const late = await reserve(p.client, body(auto, p.childId, cancel(auto, 'soir', '2026-09-25')));
    const grid = await p.client.get(`/api/booking/planning/${p.childId}/${auto.activityId}/${auto.periodId}?week=2026-09-25`);
    t.clock.set(START);
    expect(late.body.lines[0].state).toBe('pending');
    expect(grid.body.days.find((d: any) => d.day === '2026-09-25').cells.find((c: any) => c.unitId === auto.units.soir).state).toBe('cancel_requested');
    p.client = await loginAs(t, p.family.accountId);
    const twice = await reserve(p.client, body(auto, p.childId, cancel(auto, 'soir', '2026-09-25')));
    expect(twice.body.lines[0]).toMatchObject({ state: 'refused', reason: 'booking.cancel_pending' });
    const accepted = await agent.post(`/api/staff/booking/requests/${late.body.number}/decide`, { decision: 'accept' });
    expect(accepted.body.lines[0].state).toBe('accepted');
    expect(await t.ctx.db.selectFrom('booking').selectAll().where('child_id', '=', p.childId).execute()).toHaveLength(0);
    const nothing = await reserve(p.client, body(auto, p.childId, cancel(auto, 'soir', '2026-09-25')));
    expect(nothing.body.lines[0]).toMatchObject({ state: 'refused', reason: 'booking.not_booked' });
  });
});

describe('ownership', () => {
  it('another family’s child and reservation are the same 404 as missing ones', async () => {
    const a = await parent();
    const b = await parent();
    const mine = await reserve(a.client, body(auto, a.childId, book(auto, 'soir', '2026-09-29')));
    expect((await b.client.get(`/api/booking/reservations/${mine.body.number}`)).status).toBe(404);
    const foreign = await reserve(b.client, body(auto, a.childId, book(auto, 'soir', '2026-09-29')));
    expect(foreign.status).toBe(404);
    expect((await b.client.get('/api/booking/reservations')).body).toEqual([]);
    expect((await a.client.get('/api/booking/reservations')).body.map((r: any) => r.number)).toEqual([mine.body.number]);
  });
});

describe('attendance', () => {
  it('lists the expected children with a health flag only, marks them, and exports CSV', async () => {
    const day = '2026-10-01';
    const a = await parent();
    const b = await createFamily(t.ctx);
    const bChild = await childOf(t, b, { healthAlert: false, firstName: 'Tom', lastName: 'Zola' });
    const bClient = await loginAs(t, b.accountId);
    await reserve(a.client, body(auto, a.childId, book(auto, 'soir', day)));
    await reserve(bClient, body(auto, bChild, book(auto, 'soir', day)));
    const walkIn = await parent();
    const sheet = await agent.get(`/api/staff/booking/attendance?unitId=${auto.units.soir}&day=${day}`);
    expect(sheet.status).toBe(200);
    expect(sheet.body.rows.map((r: any) => [r.child.id, r.healthAlert, r.expected])).toEqual([
      [a.childId, true, true],
      [bChild, false, true],
    ]);
    expect(JSON.stringify(sheet.body)).not.toMatch(/Arachide|adrénaline/);
    expect((await agent.put('/api/staff/booking/attendance', { unitId: auto.units.soir, day, childId: a.childId, status: 'present' })).status).toBe(200);
    expect((await agent.put('/api/staff/booking/attendance', { unitId: auto.units.soir, day, childId: bChild, status: 'absent_justified' })).status).toBe(200);
    const wrong = await agent.put('/api/staff/booking/attendance', { unitId: auto.units.soir, day, childId: walkIn.childId, status: 'present' });
    expect(wrong.status).toBe(400);
    const unbooked = await agent.put('/api/staff/booking/attendance', { unitId: auto.units.soir, day, childId: walkIn.childId, status: 'present_unbooked' });
    expect(unbooked.body.rows.find((r: any) => r.child.id === walkIn.childId)).toMatchObject({ expected: false, status: 'present_unbooked' });
    const csv = await agent.get(`/api/staff/booking/attendance.csv?unitId=${auto.units.soir}&day=${day}`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain('"Zola";"Tom"');
    expect(csv.body).toContain('"Absent (justifié)"');
    expect(csv.body).toContain('"Présent sans réservation"');
    agent.setCookie('lang', 'en');
    const english = await agent.get(`/api/staff/booking/attendance.csv?unitId=${auto.units.soir}&day=${day}`);
    agent.setCookie('lang', 'fr');
    expect(english.body).toContain('"Surname","First name","Date of birth","Booked","Allergy / PAI","Attendance"');
    expect(english.body).toContain('"Zola","Tom"');
    expect(english.body).toContain(`"${en.labels.attendance.absent_justified}"`);
    expect(english.headers['content-disposition']).toMatch(/filename="attendance-/);
    const pdf = await agent.get(`/api/staff/booking/attendance.pdf?unitId=${auto.units.soir}&day=${day}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(String(pdf.body).startsWith('%PDF-')).toBe(true);
    const viewed = await t.ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'booking.attendance_viewed').execute();
    expect(viewed.length).toBeGreaterThan(0);
  });
});
