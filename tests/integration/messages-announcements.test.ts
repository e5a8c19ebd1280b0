import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff, type FamilyFixture } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { childOf, createActivityFixture, NO_DEADLINE, reserve, type ActivityFixture } from './booking-support.js';
import { clickKey } from './messages-support.js';
import { ANNOUNCEMENT_BATCH, deliverAnnouncements } from '../../src/server/modules/messaging/messaging.announcements.js';

// Tuesday 1 September 2026, 10:00 Paris
const START = '2026-09-01T08:00:00Z';
let t: TestApp;
let act: ActivityFixture;
let booked: { fam: FamilyFixture; client: TestClient };
let notBooked: { fam: FamilyFixture; client: TestClient };
let agent: TestClient;
let admin: TestClient;

beforeAll(async () => {
  t = await createTestApp({ clockStart: START, smtp: true });
  act = await createActivityFixture(t, { units: { matin: 10, soir: 10 }, activity: { bookingPolicy: NO_DEADLINE, cancellationPolicy: NO_DEADLINE } });
  for (const name of ['booked', 'notBooked'] as const) {
    const fam = await createFamily(t.ctx, { lastName: name === 'booked' ? 'Réservé' : 'Libre' });
    const client = await loginAs(t, fam.accountId);
    if (name === 'booked') booked = { fam, client };
    else notBooked = { fam, client };
  }
  const childId = await childOf(t, booked.fam);
  await childOf(t, notBooked.fam, { firstName: 'Tom' });
  const r = await reserve(booked.client, { childId, activityId: act.activityId, periodId: act.periodId, changes: [{ day: '2026-09-09', unitId: act.units.matin, action: 'book' }] });
  expect(r.status).toBe(201);
  agent = await loginAs(t, (await createStaff(t.ctx, { role: 'agent' })).accountId);
  admin = await loginAs(t, (await createStaff(t.ctx, { role: 'admin' })).accountId);
});
afterAll(async () => {
  await t.close();
});

const preview = (audience: object) => agent.request('POST', '/api/staff/announcements/preview', { audience });

describe('audiences', () => {
  it('previews the families booked on a day, a unit, an activity, a period, an establishment; all families', async () => {
    const day = await preview({ kind: 'booked', day: '2026-09-09' });
    expect(day.body).toEqual({ count: 1, families: [{ id: booked.fam.familyId, name: expect.stringContaining('Réservé') }] });
    expect((await preview({ kind: 'booked', day: '2026-09-10' })).body.count).toBe(0);
    expect((await preview({ kind: 'booked', unitId: act.units.soir })).body.count).toBe(0);
    expect((await preview({ kind: 'booked', unitId: act.units.matin, day: '2026-09-09' })).body.count).toBe(1);
    expect((await preview({ kind: 'booked', activityId: act.activityId })).body.count).toBe(1);
    expect((await preview({ kind: 'booked', periodId: act.periodId })).body.count).toBe(1);
    expect((await preview({ kind: 'establishment', establishmentId: act.establishmentId })).body.count).toBe(1);
    expect((await preview({ kind: 'all' })).body.count).toBe(2);
  });

  it('finds the families with a required document missing', async () => {
    const type = await admin.request('POST', '/api/staff/document-types', {
      name: 'Attestation d’assurance',
      description: null,
      scope: 'child',
      validityKind: 'school_year',
      validityMonths: null,
      required: true,
      requiredForActivityIds: [],
      active: true,
    });
    expect(type.status).toBe(201);
    expect((await preview({ kind: 'missing_document' })).body.count).toBe(2);
    expect((await preview({ kind: 'missing_document', documentTypeId: type.body.id })).body.count).toBe(2);
    expect((await preview({ kind: 'in_debt' })).body.count).toBe(0);
  });

  it('answers a clear 400 for an unknown or incomplete audience', async () => {
    const unknown = await preview({ kind: 'booked', unitId: 'nope' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields[0]).toMatchObject({ path: 'audience.unitId', code: 'messages.audience_unknown' });
    expect((await preview({ kind: 'booked' })).body.error.fields[0].code).toBe('messages.audience_incomplete');
    expect((await preview({ kind: 'martians' })).status).toBe(400);
    expect((await booked.client.request('POST', '/api/staff/announcements/preview', { audience: { kind: 'all' } })).status).toBe(403);
  });
});

describe('sending', () => {
  it('announces a closure to the day’s families: one copy in their portal messages, one mail, once for a double click', async () => {
    const body = { subject: 'Accueil fermé mercredi 9', body: 'En raison d’une grève, l’accueil du matin est fermé.\n\nMerci de votre compréhension.', audience: { kind: 'booked', day: '2026-09-09' }, idempotencyKey: clickKey() };
    const [a, b] = await Promise.all([agent.request('POST', '/api/staff/announcements', body), agent.request('POST', '/api/staff/announcements', body)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).toBe(b.body.id);
    // the replayed click answers the same announcement (as it stood); it was delivered once
    expect((await agent.request('GET', '/api/staff/announcements')).body).toEqual([expect.objectContaining({ id: a.body.id, recipients: 1, delivered: 1, state: 'sent' })]);
    const list = (await booked.client.request('GET', '/api/messages')).body;
    expect(list.unread).toBe(1);
    expect(list.threads[0]).toMatchObject({ kind: 'announcement', subject: 'Accueil fermé mercredi 9' });
    const thread = (await booked.client.request('GET', `/api/messages/${list.threads[0].id}`)).body;
    expect(thread.messages[0].body).toContain('grève');
    expect((await notBooked.client.request('GET', '/api/messages')).body.threads).toHaveLength(0);
    await t.deliverMail();
    const mails = t.smtp!.messages.filter((m) => m.subject.includes('Accueil fermé'));
    expect(mails.map((m) => m.to)).toEqual([[booked.fam.email]]);
    // the family cannot answer an announcement
    const reply = await booked.client.request('GET', `/api/messages/${list.threads[0].id}`);
    expect(reply.body.kind).toBe('announcement');
  });

  it('refuses an empty audience, and lists what was sent', async () => {
    const none = await agent.request('POST', '/api/staff/announcements', { subject: 'x', body: 'y', audience: { kind: 'in_debt' }, idempotencyKey: clickKey() });
    expect(none.status).toBe(400);
    expect(none.body.error.fields[0].code).toBe('messages.audience_empty');
    expect((await agent.request('GET', '/api/staff/announcements')).body).toHaveLength(1);
  });

  it('delivers a large audience in batches, each family once, whatever runs the batches', async () => {
    const n = ANNOUNCEMENT_BATCH + 30;
    for (let i = 0; i < n; i++) await createFamily(t.ctx, { lastName: `Lot${i}` });
    t.clock.advance(60_000);
    const sent = await agent.request('POST', '/api/staff/announcements', { subject: 'Rentrée', body: 'Bonne rentrée à tous.', audience: { kind: 'all' }, idempotencyKey: clickKey() });
    expect(sent.body).toMatchObject({ recipients: n + 2, delivered: ANNOUNCEMENT_BATCH, state: 'sending' });
    await Promise.all([deliverAnnouncements(t.ctx), deliverAnnouncements(t.ctx)]);
    const a = (await agent.request('GET', '/api/staff/announcements')).body[0];
    expect(a).toMatchObject({ recipients: n + 2, delivered: n + 2, state: 'sent' });
    const copies = await t.ctx.db.selectFrom('message_thread').select(['family_id']).where('announcement_id', '=', a.id).execute();
    expect(copies).toHaveLength(n + 2);
    expect(new Set(copies.map((c) => c.family_id)).size).toBe(n + 2);
    const outbox = await t.ctx.db.selectFrom('outbox').select('id').where('template', '=', 'messages.announcement').where('subject', 'like', 'Rentrée%').execute();
    expect(outbox).toHaveLength(n + 2);
  });
});

describe('news', () => {
  it('shows the families the news of the day within their publication window', async () => {
    const past = await agent.request('POST', '/api/staff/news', { title: 'Passée', body: 'Finie', publishFrom: '2026-08-01', publishUntil: '2026-08-31' });
    expect(past.status).toBe(201);
    await agent.request('POST', '/api/staff/news', { title: 'Inscriptions ouvertes', body: 'Les inscriptions aux vacances sont ouvertes.', publishFrom: '2026-09-01', publishUntil: null });
    await agent.request('POST', '/api/staff/news', { title: 'Future', body: 'Plus tard', publishFrom: '2026-10-01', publishUntil: null });
    expect((await booked.client.request('GET', '/api/news')).body.map((n: { title: string }) => n.title)).toEqual(['Inscriptions ouvertes']);
    const bad = await agent.request('POST', '/api/staff/news', { title: 'X', body: 'Y', publishFrom: '2026-09-10', publishUntil: '2026-09-01' });
    expect(bad.body.error.fields[0]).toMatchObject({ path: 'publishUntil', code: 'messages.window_invalid' });
    t.clock.set('2026-10-02T08:00:00Z');
    // a month later: new sessions
    booked.client = await loginAs(t, booked.fam.accountId);
    agent = await loginAs(t, (await createStaff(t.ctx, { role: 'agent' })).accountId);
    expect((await booked.client.request('GET', '/api/news')).body.map((n: { title: string }) => n.title)).toEqual(['Future', 'Inscriptions ouvertes']);
    expect((await agent.request('POST', `/api/staff/news/${past.body.id}/remove`)).status).toBe(200);
    expect((await agent.request('GET', '/api/staff/news')).body).toHaveLength(2);
  });
});
