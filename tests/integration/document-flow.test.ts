import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff, type FamilyFixture } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { childOf, createActivityFixture, reserve, type ActivityFixture } from './booking-support.js';
import { getRaw, jpegFile, pdfFile, pngFile, upload } from './document-support.js';
import { missingDocuments, sendExpiryReminders } from '../../src/server/modules/document/document.service.js';

// Tuesday 1 September 2026, 10:00 Paris
const START = '2026-09-01T08:00:00Z';
let t: TestApp;
let admin: TestClient;
let agent: TestClient;
let act: ActivityFixture;
let fam: FamilyFixture;
let parent: TestClient;
let childId: string;
let insurance: { id: string };
let tax: { id: string };
let optional: { id: string };

beforeAll(async () => {
  t = await createTestApp({ clockStart: START, smtp: true });
  admin = await loginAs(t, (await createStaff(t.ctx, { role: 'admin' })).accountId);
  agent = await loginAs(t, (await createStaff(t.ctx, { role: 'agent' })).accountId);
  act = await createActivityFixture(t, { units: { matin: 10 }, period: { startDay: '2026-09-01', endDay: '2026-10-16' } });
  fam = await createFamily(t.ctx, { lastName: 'Dupont' });
  parent = await loginAs(t, fam.accountId);
  childId = await childOf(t, fam, { firstName: 'Léa' });
});
afterAll(async () => {
  await t.close();
});

const type = (o: Record<string, unknown>) => ({ description: null, validityMonths: null, required: true, requiredForActivityIds: [], active: true, ...o });
const checklist = async (c = parent) => (await c.request('GET', '/api/documents')).body;
const itemOf = async (typeId: string) => (await checklist()).items.find((i: { typeId: string }) => i.typeId === typeId);
async function mailTo(email: string, subject: RegExp) {
  await t.deliverMail();
  return t.smtp!.messages.find((m) => m.to.includes(email) && subject.test(m.subject));
}

describe('document types (staff)', () => {
  it('lets an admin configure types, not an agent, and checks the fields', async () => {
    const r = await admin.request('POST', '/api/staff/document-types', type({ name: 'Attestation d’assurance', scope: 'child', validityKind: 'school_year', requiredForActivityIds: [act.activityId] }));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ scope: 'child', validityKind: 'school_year', required: true, requiredForActivityIds: [act.activityId] });
    insurance = r.body;
    tax = (await admin.request('POST', '/api/staff/document-types', type({ name: 'Avis d’imposition', scope: 'family', validityKind: 'months', validityMonths: 12 }))).body;
    optional = (await admin.request('POST', '/api/staff/document-types', type({ name: 'Justificatif facultatif', scope: 'family', validityKind: 'none', required: false }))).body;
    expect((await agent.request('POST', '/api/staff/document-types', type({ name: 'X', scope: 'family', validityKind: 'none' }))).status).toBe(403);
    const bad = await admin.request('POST', '/api/staff/document-types', type({ name: 'Y', scope: 'family', validityKind: 'months' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0]).toMatchObject({ path: 'validityMonths', code: 'document.validity_months_required' });
    const dup = await admin.request('POST', '/api/staff/document-types', type({ name: 'avis d’imposition', scope: 'family', validityKind: 'none' }));
    expect(dup.body.error.fields[0].code).toBe('document.name_taken');
    const unknownActivity = await admin.request('POST', '/api/staff/document-types', type({ name: 'Z', scope: 'family', validityKind: 'none', requiredForActivityIds: ['nope'] }));
    expect(unknownActivity.body.error.fields[0].code).toBe('document.activity_unknown');
    expect((await agent.request('GET', '/api/staff/document-types')).body).toHaveLength(3);
  });
});

describe('the family’s list and uploads', () => {
  it('lists every required document to provide, per child for child documents, and not the optional ones', async () => {
    const c = await checklist();
    expect(c.items.map((i: any) => [i.typeName, i.childName, i.state])).toEqual([
      ['Attestation d’assurance', 'Léa Martin', 'to_provide'],
      ['Avis d’imposition', null, 'to_provide'],
    ]);
    expect(c.items[0].requiredForActivities).toEqual(['Accueil périscolaire']);
    expect(c.types).toHaveLength(3);
  });

  it('says on the planning that a required document is missing', async () => {
    const p = await parent.request('GET', `/api/booking/planning/${childId}/${act.activityId}/${act.periodId}?week=2026-09-07`);
    expect(p.status).toBe(200);
    expect(p.body.blocked).toBe('booking.documents_missing');
    expect(p.body.days[0].cells[0]).toMatchObject({ state: 'not_open', reason: 'booking.documents_missing' });
  });

  it('refuses booking an activity whose required document is missing, saying so', async () => {
    const r = await reserve(parent, { childId, activityId: act.activityId, periodId: act.periodId, changes: [{ day: '2026-09-10', unitId: act.units.matin, action: 'book' }] });
    expect(r.status).toBe(201);
    expect(r.body.lines[0]).toMatchObject({ state: 'refused', reason: 'booking.documents_missing' });
    expect(r.body.lines[0].reasonText).toMatch(/document obligatoire/);
  });

  it('takes several files at once for one type, and shows the document as awaiting review', async () => {
    const r = await upload(t, parent, insurance.id, [
      { fileName: 'recto.pdf', content: pdfFile() },
      { fileName: 'verso.JPG', content: jpegFile(), contentType: 'image/jpeg' },
    ], childId);
    expect(r.status).toBe(201);
    expect(r.body.files.map((f: any) => [f.fileName, f.mediaType])).toEqual([
      ['recto.pdf', 'application/pdf'],
      ['verso.jpg', 'image/jpeg'],
    ]);
    expect((await itemOf(insurance.id)).state).toBe('pending');
  });

  it('asks for the child of a child document, and refuses a child for a family document', async () => {
    const a = await upload(t, parent, insurance.id, [{ fileName: 'a.pdf', content: pdfFile() }]);
    expect(a.status).toBe(400);
    expect(a.body.error.fields).toContainEqual(expect.objectContaining({ path: 'childId', code: 'document.child_required' }));
    const b = await upload(t, parent, tax.id, [{ fileName: 'a.pdf', content: pdfFile() }], childId);
    expect(b.body.error.fields).toContainEqual(expect.objectContaining({ path: 'childId', code: 'document.child_not_expected' }));
    const c = await upload(t, parent, 'unknown', [{ fileName: 'a.pdf', content: pdfFile() }]);
    expect(c.body.error.fields).toContainEqual(expect.objectContaining({ path: 'typeId', code: 'document.type_unknown' }));
  });

  it('lets the family download its own files as attachments, and answers 404 to another family', async () => {
    const sent = (await checklist()).submissions[0];
    const f = sent.files[0];
    const r = await getRaw(t, parent, `/api/documents/files/${f.id}`);
    expect(r.status).toBe(200);
    expect(r.body.equals(pdfFile())).toBe(true);
    expect(r.headers['content-disposition']).toMatch(/^attachment; filename="recto.pdf"/);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['content-type']).toBe('application/octet-stream');
    const other = await loginAs(t, (await createFamily(t.ctx)).accountId);
    const o = await getRaw(t, other, `/api/documents/files/${f.id}`);
    expect(o.status).toBe(404);
    expect((await getRaw(t, other, `/api/documents/files/nope`)).status).toBe(404);
    // staff see it through their own route only
    expect((await getRaw(t, agent, `/api/documents/files/${f.id}`)).status).toBe(403);
    // nor can another family send a document for this child
    const up = await upload(t, other, insurance.id, [{ fileName: 'a.pdf', content: pdfFile() }], childId);
    expect(up.status).toBe(404);
  });
});

describe('review', () => {
  it('queues pending documents for staff, with an inline preview served safely', async () => {
    t.clock.advance(60_000);
    await upload(t, parent, tax.id, [{ fileName: 'impots.png', content: pngFile(), contentType: 'image/png' }]);
    const q = (await agent.request('GET', '/api/staff/documents/queue')).body;
    expect(q.map((i: any) => [i.typeName, i.familyName, i.files.length])).toEqual([
      ['Attestation d’assurance', 'Dupont Alice', 2],
      ['Avis d’imposition', 'Dupont Alice', 1],
    ]);
    const pdf = q[0].files[0];
    const inline = await getRaw(t, agent, `/api/staff/documents/files/${pdf.id}?disposition=inline`);
    expect(inline.status).toBe(200);
    expect(inline.headers['content-type']).toBe('application/pdf');
    expect(inline.headers['content-disposition']).toMatch(/^inline; filename="recto.pdf"/);
    expect(inline.headers['content-security-policy']).toMatch(/^sandbox;/);
    expect(inline.headers['content-security-policy']).not.toMatch(/script-src/);
    expect(inline.headers['x-content-type-options']).toBe('nosniff');
    const png = await getRaw(t, agent, `/api/staff/documents/files/${q[1].files[0].id}?disposition=inline`);
    expect(png.headers['content-type']).toBe('image/png');
    const att = await getRaw(t, agent, `/api/staff/documents/files/${pdf.id}`);
    expect(att.headers['content-disposition']).toMatch(/^attachment;/);
    expect((await getRaw(t, parent, `/api/staff/documents/files/${pdf.id}`)).status).toBe(403);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('family_id', '=', fam.familyId).where('action', 'like', 'document.%').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['document.previewed', 'document.downloaded']));
  });

  it('refuses with a reason the family sees and is e-mailed', async () => {
    const q = (await agent.request('GET', '/api/staff/documents/queue')).body;
    const taxSub = q.find((i: any) => i.typeId === tax.id);
    const noReason = await agent.request('POST', `/api/staff/documents/${taxSub.id}/review`, { decision: 'refuse' });
    expect(noReason.body.error.fields[0]).toMatchObject({ path: 'reason', code: 'document.reason_required' });
    const r = await agent.request('POST', `/api/staff/documents/${taxSub.id}/review`, { decision: 'refuse', reason: 'Page 2 manquante' });
    expect(r.status).toBe(200);
    expect(await itemOf(tax.id)).toMatchObject({ state: 'refused', refusalReason: 'Page 2 manquante' });
    const mail = await mailTo(fam.email, /n’a pas pu être accepté/);
    expect(mail?.text).toContain('Page 2 manquante');
    expect((await agent.request('POST', `/api/staff/documents/${taxSub.id}/review`, { decision: 'accept' })).status).toBe(409);
  });

  it('accepts for one school year, and the activity can then be booked', async () => {
    const q = (await agent.request('GET', '/api/staff/documents/queue')).body;
    const r = await agent.request('POST', `/api/staff/documents/${q[0].id}/review`, { decision: 'accept' });
    expect(r.body).toMatchObject({ state: 'accepted', validUntil: '2027-08-31' });
    expect(await itemOf(insurance.id)).toMatchObject({ state: 'accepted', validUntil: '2027-08-31' });
    expect((await mailTo(fam.email, /a été accepté/))?.text).toContain('31/08/2027');
    const b = await reserve(parent, { childId, activityId: act.activityId, periodId: act.periodId, changes: [{ day: '2026-09-10', unitId: act.units.matin, action: 'book' }] });
    expect(b.body.lines[0].state).toBe('accepted');
    const p = await parent.request('GET', `/api/booking/planning/${childId}/${act.activityId}/${act.periodId}?week=2026-09-07`);
    expect(p.body.blocked).toBeNull();
    expect(p.body.days[0].cells[0].state).toBe('bookable');
    expect((await agent.request('GET', '/api/staff/documents/queue')).body).toHaveLength(0);
    // staff see the family's list too
    const staffView = await agent.request('GET', `/api/staff/families/${fam.familyId}/documents`);
    expect(staffView.body.items.map((i: any) => i.state)).toEqual(['accepted', 'refused']);
  });
});

describe('validity and expiry', () => {
  it('says « expiring soon » in the last 30 days, reminds once by e-mail, then says expired', async () => {
    expect(await missingDocuments(t.ctx.db, fam.familyId, childId, act.activityId, ['2027-08-31', '2027-09-01'])).toEqual(
      new Map([['2027-09-01', ['Attestation d’assurance']]]),
    );
    t.clock.set(new Date('2027-08-10T08:00:00Z'));
    parent = await loginAs(t, fam.accountId); // a year later: a new session
    expect((await itemOf(insurance.id)).state).toBe('expiring_soon');
    expect(await sendExpiryReminders(t.ctx)).toBe(1);
    expect(await sendExpiryReminders(t.ctx)).toBe(0);
    expect((await mailTo(fam.email, /arrive à expiration/))?.text).toContain('31/08/2027');
    t.clock.set(new Date('2027-09-01T08:00:00Z'));
    parent = await loginAs(t, fam.accountId);
    expect((await itemOf(insurance.id)).state).toBe('expired');
    t.clock.set(new Date(START));
  });
});
