import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff, type FamilyFixture } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { FakeBrevo } from '../support/fake-brevo.js';
import { FakePushService } from '../support/fake-push.js';
import { loadConfig } from '../../src/server/config.js';
import { enqueueMail } from '../../src/server/modules/mail/mail.service.js';
import { deliverPush, deliverSms } from '../../src/server/modules/messaging/messaging.notify.js';
import { BrevoSmsProvider, SmsError } from '../../src/server/modules/messaging/messaging.sms.js';
import { clickKey, startThread, TOPIC_ENROLMENT } from './messages-support.js';

const START = '2026-09-01T08:00:00Z';

const allOn = (kind: string, o: Partial<{ email: boolean; sms: boolean; push: boolean }>) => ({ kind, email: true, sms: false, push: true, ...o });

describe('notification choices and the SMS channel (demo provider)', () => {
  let t: TestApp;
  let fam: FamilyFixture;
  let parent: TestClient;
  let agent: TestClient;

  beforeAll(async () => {
    t = await createTestApp({ clockStart: START });
    fam = await createFamily(t.ctx);
    parent = await loginAs(t, fam.accountId);
    agent = await loginAs(t, (await createStaff(t.ctx, { role: 'agent' })).accountId);
  });
  afterAll(async () => t.close());

  async function answerOnce(subject: string) {
    const th = (await startThread(t, parent, { topicId: TOPIC_ENROLMENT, subject, body: 'Question' })).body;
    return agent.request('POST', `/api/staff/inbox/${th.id}/replies`, { body: 'Réponse', internal: false, clientKey: clickKey() });
  }

  it('shows the defaults: e-mail on, SMS off, push on; the masked mobile number; a VAPID key', async () => {
    const s = (await parent.request('GET', '/api/notifications')).body;
    expect(s.choices).toHaveLength(8);
    expect(s.choices.find((c: { kind: string }) => c.kind === 'waitlist_promoted')).toEqual({ kind: 'waitlist_promoted', email: true, sms: false, push: true });
    expect(s.sms).toEqual({ available: true, number: '06 •• •• •• 78' });
    expect(s.push.publicKey).toMatch(/^[A-Za-z0-9_-]{80,90}$/);
    expect(s.push.devices).toBe(0);
  });

  it('turns SMS on for one kind only, and e-mail off for another; the choices are honoured', async () => {
    const saved = await parent.request('PUT', '/api/notifications', {
      choices: [allOn('message_answered', { sms: true, email: false }), allOn('announcement', {})],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.choices.find((c: { kind: string }) => c.kind === 'message_answered')).toMatchObject({ email: false, sms: true });
    expect((await answerOnce('Inscription cantine')).status).toBe(201);
    const sms = await t.ctx.db.selectFrom('sms_outbox').selectAll().execute();
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ family_id: fam.familyId, kind: 'message_answered', to_number: '0612345678', status: 'kept' });
    expect(sms[0].body).toContain('http://portail.test/famille/messages');
    const mails = await t.ctx.db.selectFrom('outbox').select(['template']).where('family_id', '=', fam.familyId).execute();
    expect(mails.map((m) => m.template)).not.toContain('messages.answered');
  });

  it('never turns off legal and security mails', async () => {
    await parent.request('PUT', '/api/notifications', { choices: [allOn('booking_decided', { email: false })] });
    await enqueueMail(t.ctx.db, t.ctx, fam.email, { template: 'password.changed' }, fam.familyId);
    const mails = await t.ctx.db.selectFrom('outbox').select(['template']).where('family_id', '=', fam.familyId).execute();
    expect(mails.map((m) => m.template)).toContain('password.changed');
  });

  it('refuses a choice twice for one kind, an unknown kind, and lets staff read the SMS outbox (admins only)', async () => {
    expect((await parent.request('PUT', '/api/notifications', { choices: [allOn('announcement', {}), allOn('announcement', {})] })).status).toBe(400);
    expect((await parent.request('PUT', '/api/notifications', { choices: [allOn('nope', {})] })).status).toBe(400);
    expect((await agent.request('GET', '/api/staff/sms-outbox')).status).toBe(403);
    const admin = await loginAs(t, (await createStaff(t.ctx, { role: 'admin' })).accountId);
    expect((await admin.request('GET', '/api/staff/sms-outbox')).body).toHaveLength(1);
  });
});

describe('the Brevo SMS provider against its protocol (loopback)', () => {
  const brevo = new FakeBrevo();
  let t: TestApp;
  let fam: FamilyFixture;
  let parent: TestClient;
  let agent: TestClient;

  beforeAll(async () => {
    const url = await brevo.start();
    const notifications = loadConfig({ SMS_PROVIDER: 'brevo', BREVO_API_KEY: brevo.apiKey, BREVO_API_URL: url, SMS_SENDER: 'Comines' }).notifications;
    t = await createTestApp({ clockStart: START, config: { notifications } });
    fam = await createFamily(t.ctx);
    parent = await loginAs(t, fam.accountId);
    agent = await loginAs(t, (await createStaff(t.ctx, { role: 'agent' })).accountId);
    await parent.request('PUT', '/api/notifications', { choices: [allOn('message_answered', { sms: true })] });
  });
  afterAll(async () => {
    await t.close();
    await brevo.stop();
  });

  it('queues the SMS with the answer and the relay sends it once, in international format', async () => {
    const th = (await startThread(t, parent, { topicId: TOPIC_ENROLMENT, subject: 'Question', body: 'Bonjour' })).body;
    await agent.request('POST', `/api/staff/inbox/${th.id}/replies`, { body: 'Réponse', internal: false, clientKey: clickKey() });
    brevo.failNext = 1;
    expect(await deliverSms(t.ctx)).toBe(0); // 500: kept for a retry
    let row = await t.ctx.db.selectFrom('sms_outbox').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    t.clock.advance(60_000);
    const [a, b] = await Promise.all([deliverSms(t.ctx), deliverSms(t.ctx)]);
    expect(a + b).toBe(1);
    expect(brevo.sent).toHaveLength(1);
    expect(brevo.sent[0]).toMatchObject({ sender: 'Comines', recipient: '33612345678', type: 'transactional' });
    row = await t.ctx.db.selectFrom('sms_outbox').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', provider_id: '1001' });
  });

  it('says why a call fails, and whether trying again may help', async () => {
    const bad = new BrevoSmsProvider(brevo.url, 'wrong-key', 'Comines');
    await expect(bad.send('0612345678', 'x')).rejects.toMatchObject({ message: 'brevo 401 unauthorized', retryable: false });
    const ok = new BrevoSmsProvider(brevo.url, brevo.apiKey, 'Comines');
    await expect(ok.send('12', 'x')).rejects.toBeInstanceOf(SmsError);
    await expect(ok.send('+32470123456', 'Bonjour')).resolves.toMatchObject({ providerId: expect.any(String) });
    expect(brevo.sent.at(-1)!.recipient).toBe('32470123456');
  });
});

describe('Web Push (VAPID, aes128gcm) against a push service on loopback', () => {
  const push = new FakePushService();
  let t: TestApp;
  let fam: FamilyFixture;
  let parent: TestClient;
  let agent: TestClient;

  beforeAll(async () => {
    await push.start();
    t = await createTestApp({ clockStart: START });
    fam = await createFamily(t.ctx);
    parent = await loginAs(t, fam.accountId);
    agent = await loginAs(t, (await createStaff(t.ctx, { role: 'agent' })).accountId);
  });
  afterAll(async () => {
    await t.close();
    await push.stop();
  });

  it('subscribes a device, pushes an answer signed with the portal’s VAPID key, readable only by that device', async () => {
    const sub = push.subscription();
    expect((await parent.request('POST', '/api/notifications/push-subscriptions', sub)).status).toBe(201);
    expect((await parent.request('POST', '/api/notifications/push-subscriptions', { ...sub, endpoint: 'ftp://x' })).status).toBe(400);
    // the server POSTs to the endpoint: an internal address is no push service
    const internal = await parent.request('POST', '/api/notifications/push-subscriptions', { ...sub, endpoint: 'https://intranet.mairie.local/admin' });
    expect(internal.status).toBe(400);
    expect(JSON.stringify(internal.body)).toContain('messages.push_service_unknown');
    const key = (await parent.request('GET', '/api/notifications')).body.push.publicKey;
    const th = (await startThread(t, parent, { topicId: TOPIC_ENROLMENT, subject: 'Cantine', body: 'Bonjour' })).body;
    await agent.request('POST', `/api/staff/inbox/${th.id}/replies`, { body: 'Réponse', internal: false, clientKey: clickKey() });
    expect(await deliverPush(t.ctx)).toBe(1);
    expect(push.received).toHaveLength(1);
    expect(push.received[0]).toMatchObject({ vapidKey: key, ttl: '86400', jwtAudience: new URL(sub.endpoint).origin });
    expect(push.received[0].payload).toEqual({ title: 'Ville de Comines', body: 'Vous avez reçu une réponse de la mairie — Ville de Comines', url: 'http://portail.test/famille/messages' });
    expect(await deliverPush(t.ctx)).toBe(0);
  });

  it('forgets a subscription the push service no longer knows (410)', async () => {
    const sub = (await t.ctx.db.selectFrom('push_subscription').select('endpoint').executeTakeFirstOrThrow()).endpoint;
    push.gone.add(sub);
    const th = (await startThread(t, parent, { topicId: TOPIC_ENROLMENT, subject: 'Encore', body: 'Bonjour' })).body;
    await agent.request('POST', `/api/staff/inbox/${th.id}/replies`, { body: 'Réponse', internal: false, clientKey: clickKey() });
    expect(await deliverPush(t.ctx)).toBe(0);
    expect(await t.ctx.db.selectFrom('push_subscription').select('id').execute()).toHaveLength(0);
    expect((await parent.request('GET', '/api/notifications')).body.push.devices).toBe(0);
  });
});
