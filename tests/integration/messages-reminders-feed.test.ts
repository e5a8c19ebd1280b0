import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff, type FamilyFixture } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { childOf, createActivityFixture, J2_NOON, reserve, type ActivityFixture } from './booking-support.js';
import { getRaw, pdfFile, readZip } from './document-support.js';
import { startThread, TOPIC_ENROLMENT } from './messages-support.js';
import { sendDeadlineReminders } from '../../src/server/modules/messaging/messaging.reminders.js';
import { privacyParticipants } from '../../src/server/modules/privacy/privacy.registry.js';

// Tuesday 1 September 2026, 10:00 Paris
const START = '2026-09-01T08:00:00Z';
let t: TestApp;
let act: ActivityFixture;
let fam: FamilyFixture;
let quiet: FamilyFixture;
let parent: TestClient;
let childId: string;

beforeAll(async () => {
  t = await createTestApp({ clockStart: START });
  act = await createActivityFixture(t, { units: { matin: 10 }, activity: { bookingPolicy: J2_NOON, cancellationPolicy: J2_NOON }, period: { startDay: '2026-09-01', endDay: '2026-10-16' } });
  await t.ctx.db.updateTable('unit').set({ start_time: '08:30' }).where('id', '=', act.units.matin).execute();
  fam = await createFamily(t.ctx, { lastName: 'Rappel' });
  quiet = await createFamily(t.ctx, { lastName: 'Silence' });
  parent = await loginAs(t, fam.accountId);
  childId = await childOf(t, fam, { firstName: 'Léa' });
  const quietChild = await childOf(t, quiet, { firstName: 'Tom' });
  const r = await reserve(parent, { childId, activityId: act.activityId, periodId: act.periodId, changes: [{ day: '2026-09-03', unitId: act.units.matin, action: 'book' }] });
  expect(r.status).toBe(201);
  const quietClient = await loginAs(t, quiet.accountId);
  expect((await reserve(quietClient, { childId: quietChild, activityId: act.activityId, periodId: act.periodId, changes: [{ day: '2026-09-03', unitId: act.units.matin, action: 'book' }] })).status).toBe(201);
  // the quiet family wants no reminder by e-mail
  expect((await quietClient.request('PUT', '/api/notifications', { choices: [{ kind: 'deadline_reminder', email: false, sms: false, push: false }] })).status).toBe(200);
});
afterAll(async () => {
  await t.close();
});

describe('reminders before deadlines', () => {
  it('waits for 9:00 Paris', async () => {
    t.clock.set('2026-09-03T06:30:00Z'); // Thursday 8:30 Paris
    expect(await sendDeadlineReminders(t.ctx)).toBe(0);
  });

  it('reminds once of an empty next week and of tomorrow’s cut-off, whatever the number of instances', async () => {
    t.clock.set('2026-09-03T08:00:00Z'); // Thursday 10:00 Paris
    const runs = await Promise.all([sendDeadlineReminders(t.ctx), sendDeadlineReminders(t.ctx), sendDeadlineReminders(t.ctx)]);
    // two families × (next week, tomorrow's cut-off): each decided once across the three runs
    expect(runs.reduce((a, b) => a + b, 0)).toBe(4);
    expect(await sendDeadlineReminders(t.ctx)).toBe(0);
    const mails = await t.ctx.db.selectFrom('outbox').select(['template', 'subject', 'text_body', 'family_id']).where('template', 'like', 'messages.reminder%').execute();
    expect(mails.map((m) => [m.template, m.family_id])).toEqual(
      expect.arrayContaining([
        ['messages.reminder_week', fam.familyId],
        ['messages.reminder_deadline', fam.familyId],
      ]),
    );
    expect(mails).toHaveLength(2);
    const deadline = mails.find((m) => m.template === 'messages.reminder_deadline')!;
    // J-2 hors week-end à 12h: Tuesday 8's cut-off is Friday 4 at 12:00, tomorrow
    expect(deadline.text_body).toContain('mardi 8 septembre 2026');
    expect(deadline.text_body).toContain('vendredi 4 septembre 2026 12h00');
    // the quiet family's reminders are marked (once) but not mailed
    const marks = await t.ctx.db.selectFrom('reminder_log').select(['family_id', 'deadline_key']).execute();
    expect(marks.filter((m) => m.family_id === quiet.familyId)).toHaveLength(2);
    expect(marks).toHaveLength(4);
  });
});

/** Unfolds an iCalendar text (RFC 5545 §3.1) and reads its events' properties. */
function events(ics: string): Record<string, string>[] {
  const lines = ics.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  const out: Record<string, string>[] = [];
  let cur: Record<string, string> | null = null;
  for (const l of lines) {
    if (l === 'BEGIN:VEVENT') cur = {};
    else if (l === 'END:VEVENT') {
      out.push(cur!);
      cur = null;
    } else if (cur) {
      const i = l.indexOf(':');
      cur[l.slice(0, i)] = l.slice(i + 1);
    }
  }
  return out;
}

describe('the calendar feed', () => {
  let url: string;

  it('gives a secret address once; the feed lists bookings in Paris time and closures, with no session', async () => {
    parent = await loginAs(t, fam.accountId); // the clock moved: a new session
    const admin = await loginAs(t, (await createStaff(t.ctx, { role: 'admin' })).accountId);
    expect((await admin.request('POST', '/api/staff/catalog/closures', { establishmentId: act.establishmentId, activityId: null, day: '2026-09-11', reason: 'Pont' })).status).toBe(201);
    const created = await parent.request('POST', '/api/calendar-feeds', { childId: null });
    expect(created.status).toBe(201);
    url = created.body.url;
    expect(url).toMatch(/^http:\/\/portail\.test\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(created.body.webcalUrl).toMatch(/^webcal:\/\//);
    const feeds = (await parent.request('GET', '/api/calendar-feeds')).body.feeds;
    expect(feeds[0]).toMatchObject({ childId: null, active: true });
    expect(JSON.stringify(feeds)).not.toContain(url.split('/').at(-1)!.slice(0, 20));
    const res = await t.app.inject({ method: 'GET', url: new URL(url).pathname });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    expect(res.body).toContain('BEGIN:VTIMEZONE');
    const ev = events(res.body);
    const booking = ev.find((e) => e.SUMMARY?.includes('Accueil périscolaire'))!;
    expect(booking['DTSTART;TZID=Europe/Paris']).toBe('20260903T083000');
    expect(booking.SUMMARY).toBe('Léa — Accueil périscolaire (matin)');
    const closure = ev.find((e) => e.SUMMARY?.startsWith('Fermeture'))!;
    expect(closure['DTSTART;VALUE=DATE']).toBe('20260911');
    expect(res.body).not.toMatch(/allerg|PAI/i);
  });

  it('revokes the old address when a new one is made; unknown tokens answer 404', async () => {
    const again = await parent.request('POST', '/api/calendar-feeds', { childId });
    expect(again.status).toBe(201);
    const childOnly = await t.app.inject({ method: 'GET', url: new URL(again.body.url).pathname });
    expect(childOnly.statusCode).toBe(200);
    const regenerated = await parent.request('POST', '/api/calendar-feeds', { childId: null });
    expect((await t.app.inject({ method: 'GET', url: new URL(url).pathname })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: new URL(regenerated.body.url).pathname })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/calendar/short.ics' })).statusCode).toBe(404);
    const stranger = await loginAs(t, quiet.accountId);
    expect((await stranger.request('POST', '/api/calendar-feeds', { childId })).status).toBe(404);
    expect((await parent.request('POST', '/api/calendar-feeds/revoke', { childId: null })).status).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: new URL(regenerated.body.url).pathname })).statusCode).toBe(404);
  });
});

describe('privacy', () => {
  it('exports the family’s threads and attachments, and erases everything on closure', async () => {
    const th = await startThread(t, parent, { topicId: TOPIC_ENROLMENT, subject: 'Question export', body: 'Mon message', files: [{ fileName: 'piece.pdf', content: pdfFile() }] });
    expect(th.status).toBe(201);
    const zip = await getRaw(t, parent, '/api/family/export');
    expect(zip.status).toBe(200);
    const files = readZip(zip.body);
    expect([...files.keys()].some((k) => k.startsWith(`messages/${th.body.id}/`) && k.endsWith('piece.pdf'))).toBe(true);
    const data = JSON.parse(files.get('donnees.json')!.toString('utf8'));
    expect(data.other.message.map((m: { body: string }) => m.body)).toContain('Mon message');
    const p = privacyParticipants().find((x) => x.name === 'messaging')!;
    const erased = await t.ctx.db.transaction().execute((trx) => p.erase(trx, t.ctx, fam.familyId));
    expect(erased.erased).toMatchObject({ message_thread: 1, message: 1, message_attachment: 1, reminder_log: 2, calendar_feed: 3 });
    expect(await t.ctx.db.selectFrom('message_thread').select('id').where('family_id', '=', fam.familyId).execute()).toHaveLength(0);
  });
});
