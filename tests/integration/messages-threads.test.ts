import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff, type FamilyFixture } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { getRaw, pdfFile } from './document-support.js';
import { clickKey, familyReply, startThread, TOPIC_ENROLMENT, TOPIC_HEALTH } from './messages-support.js';

const START = '2026-09-01T08:00:00Z';
let t: TestApp;
let fam: FamilyFixture;
let other: FamilyFixture;
let parent: TestClient;
let stranger: TestClient;
let agent: TestClient;
let agent2: TestClient;
let agentId: string;
let threadId: string;
let fileId: string;

beforeAll(async () => {
  t = await createTestApp({ clockStart: START, smtp: true });
  fam = await createFamily(t.ctx, { lastName: 'Dupont' });
  other = await createFamily(t.ctx, { lastName: 'Autre' });
  parent = await loginAs(t, fam.accountId);
  stranger = await loginAs(t, other.accountId);
  const a = await createStaff(t.ctx, { role: 'agent' });
  agentId = a.accountId;
  agent = await loginAs(t, a.accountId);
  agent2 = await loginAs(t, (await createStaff(t.ctx, { role: 'agent' })).accountId);
});
afterAll(async () => {
  await t.close();
});

describe('a family writes to the city', () => {
  it('checks the form: topic, subject, text, files on their bytes; nothing half-saved', async () => {
    const bad = await startThread(t, parent, { topicId: 'nope', subject: '', body: '', files: [{ fileName: 'x.pdf', content: Buffer.from('not a pdf') }] });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.fields.map((f: { path: string; code: string }) => `${f.path}:${f.code}`);
    expect(paths).toEqual(expect.arrayContaining(['topicId:messages.topic_unknown', 'subject:required', 'body:required', 'files.0:document.file_type']));
    expect(bad.body.error.fields.find((f: { path: string }) => f.path === 'topicId').message).toMatch(/sujet/);
    expect((await parent.request('GET', '/api/messages')).body.threads).toHaveLength(0);
  });

  it('starts a thread with an attachment; a double click makes one thread', async () => {
    const key = clickKey();
    const input = { topicId: TOPIC_HEALTH, subject: 'Allergie de Léa', body: 'Bonjour,\nvoici le PAI de Léa.', clientKey: key, files: [{ fileName: 'pai.pdf', content: pdfFile() }] };
    const [a, b] = await Promise.all([startThread(t, parent, input), startThread(t, parent, input)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).toBe(b.body.id);
    threadId = a.body.id;
    expect(a.body.messages).toHaveLength(1);
    expect(a.body.messages[0]).toMatchObject({ author: 'family', body: 'Bonjour,\nvoici le PAI de Léa.', read: false });
    fileId = a.body.messages[0].attachments[0].id;
    expect(a.body.messages[0].attachments[0]).toMatchObject({ fileName: 'pai.pdf', mediaType: 'application/pdf' });
    const list = (await parent.request('GET', '/api/messages')).body;
    expect(list.threads).toHaveLength(1);
    expect(list.threads[0]).toMatchObject({ topicLabel: 'Santé', state: 'open', unread: false });
  });

  it('keeps another family out of the thread and its attachment (404, as for a missing one)', async () => {
    expect((await stranger.request('GET', `/api/messages/${threadId}`)).status).toBe(404);
    expect((await getRaw(t, stranger, `/api/messages/files/${fileId}`)).status).toBe(404);
    const reply = await familyReply(t, stranger, threadId, 'intrusion');
    expect(reply.status).toBe(404);
    expect((await stranger.request('GET', '/api/messages')).body.threads).toHaveLength(0);
    const own = await getRaw(t, parent, `/api/messages/files/${fileId}`);
    expect(own.status).toBe(200);
    expect(own.body.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('answers with an attachment; a file that is not what it says is refused and nothing is saved', async () => {
    const bad = await familyReply(t, parent, threadId, 'Et le certificat', clickKey(), [{ fileName: 'certificat.pdf', content: Buffer.from('pas un pdf') }]);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0]).toMatchObject({ path: 'files.0', code: 'document.file_type' });
    expect((await parent.request('GET', `/api/messages/${threadId}`)).body.messages).toHaveLength(1);
    t.clock.advance(1000);
    const ok = await familyReply(t, parent, threadId, 'Et le certificat', clickKey(), [{ fileName: 'certificat.pdf', content: pdfFile() }]);
    expect(ok.status).toBe(201);
    expect(ok.body.messages.at(-1).attachments[0].fileName).toBe('certificat.pdf');
  });

  it('refuses families on the staff inbox and staff routes', async () => {
    expect((await parent.request('GET', '/api/staff/inbox')).status).toBe(403);
  });
});

describe('the staff inbox', () => {
  it('counts unread and waiting messages per topic, searches, and shows the family’s thread', async () => {
    const inbox = (await agent.request('GET', '/api/staff/inbox')).body;
    const health = inbox.counts.find((c: { topicId: string }) => c.topicId === TOPIC_HEALTH);
    expect(health).toMatchObject({ open: 1, waiting: 1, unread: 1 });
    expect(inbox.threads[0]).toMatchObject({ id: threadId, familyName: expect.stringContaining('Dupont'), waitingOn: 'staff', unread: true });
    expect((await agent.request('GET', '/api/staff/inbox?q=allergie')).body.threads).toHaveLength(1);
    expect((await agent.request('GET', '/api/staff/inbox?q=dupont')).body.threads).toHaveLength(1);
    expect((await agent.request('GET', '/api/staff/inbox?q=facture')).body.threads).toHaveLength(0);
    expect((await agent.request('GET', `/api/staff/inbox?topicId=${TOPIC_ENROLMENT}`)).body.threads).toHaveLength(0);
  });

  it('marks who read what: the family sees « lu » once an agent opened the thread', async () => {
    const view = (await agent.request('GET', `/api/staff/inbox/${threadId}`)).body;
    expect(view.reads.map((r: { kind: string }) => r.kind).sort()).toEqual(['family', 'staff']);
    const after = (await agent.request('GET', '/api/staff/inbox')).body;
    expect(after.counts.find((c: { topicId: string }) => c.topicId === TOPIC_HEALTH).unread).toBe(0);
    // the other agent has not read it yet
    expect((await agent2.request('GET', '/api/staff/inbox')).body.threads[0].unread).toBe(true);
    const fam = (await parent.request('GET', `/api/messages/${threadId}`)).body;
    expect(fam.messages[0].read).toBe(true);
  });

  it('keeps internal notes from the family, assigns, answers with a template and notifies the family', async () => {
    const tpl = await agent.request('POST', '/api/staff/message-templates', { title: 'PAI reçu', body: 'Merci, le PAI est bien reçu.' });
    expect(tpl.status).toBe(201);
    t.clock.advance(1000);
    const note = await agent.request('POST', `/api/staff/inbox/${threadId}/replies`, { body: 'Transmis à l’infirmière scolaire', internal: true, clientKey: clickKey() });
    expect(note.status).toBe(201);
    expect(note.body.messages.at(-1)).toMatchObject({ internal: true });
    expect((await agent.request('POST', `/api/staff/inbox/${threadId}/assign`, { assignedTo: agentId })).body.assignedTo).toBe(agentId);
    expect((await agent.request('POST', `/api/staff/inbox/${threadId}/assign`, { assignedTo: 'nobody-here' })).status).toBe(400);
    const last = note.body.lastMessageAt;
    t.clock.advance(60_000);
    const answer = await agent.request('POST', `/api/staff/inbox/${threadId}/replies`, { body: tpl.body.body, internal: false, clientKey: clickKey(), expectedLast: last });
    expect(answer.status).toBe(201);
    expect(answer.body.waitingOn).toBe('family');
    expect((await parent.request('GET', '/api/messages')).body.unread).toBe(1);
    const thread = (await parent.request('GET', `/api/messages/${threadId}`)).body;
    expect(thread.messages.map((m: { body: string }) => m.body)).toEqual(['Bonjour,\nvoici le PAI de Léa.', 'Et le certificat', 'Merci, le PAI est bien reçu.']);
    expect(JSON.stringify(thread)).not.toContain('infirmière');
    expect((await parent.request('GET', '/api/messages')).body.unread).toBe(0);
    await t.deliverMail();
    const mail = t.smtp!.messages.find((m) => m.to.includes(fam.email) && /réponse de la mairie/.test(m.subject));
    expect(mail).toBeDefined();
    expect(mail?.text).toContain('Allergie de Léa');
    expect(mail?.text).not.toContain('PAI est bien reçu');
  });

  it('tells the second agent that a colleague answered meanwhile', async () => {
    const view = (await agent2.request('GET', `/api/staff/inbox/${threadId}`)).body;
    t.clock.advance(60_000);
    await familyReply(t, parent, threadId, 'Merci !');
    const late = await agent2.request('POST', `/api/staff/inbox/${threadId}/replies`, { body: 'Bien reçu', internal: false, clientKey: clickKey(), expectedLast: view.lastMessageAt });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('messages.answered_meanwhile');
  });

  it('closes and reopens; a family reply reopens a closed thread', async () => {
    const closed = await agent.request('POST', `/api/staff/inbox/${threadId}/state`, { state: 'closed' });
    expect(closed.body.state).toBe('closed');
    expect((await agent.request('GET', '/api/staff/inbox?state=closed')).body.threads).toHaveLength(1);
    expect((await agent.request('GET', '/api/staff/inbox')).body.threads).toHaveLength(0);
    t.clock.advance(60_000);
    expect((await familyReply(t, parent, threadId, 'Une dernière question')).status).toBe(201);
    expect((await agent.request('GET', '/api/staff/inbox')).body.threads[0]).toMatchObject({ id: threadId, state: 'open', waitingOn: 'staff' });
  });

  it('audits the staff’s reads of attachments', async () => {
    const f = await getRaw(t, agent, `/api/staff/inbox/files/${fileId}`);
    expect(f.status).toBe(200);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'message.file_downloaded').execute();
    expect(audit).toHaveLength(1);
  });
});
