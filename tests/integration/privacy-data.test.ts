import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff, type FamilyFixture } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { createChildFor, fullChildInput, lists } from '../support/children.js';
import { createActivityFixture, reserve, type ActivityFixture } from './booking-support.js';
import { getRaw, jpegFile, pdfFile, readZip, upload } from './document-support.js';
import { registerPrivacyParticipant } from '../../src/server/modules/privacy/privacy.registry.js';
import type { FamilyExport } from '../../src/shared/document-contracts.js';
import { SESSION_COOKIE } from '../../src/server/modules/account/account.sessions.js';
import { publishedInvoices } from './payment-support.js';

// Tuesday 1 September 2026, 10:00 Paris
const START = '2026-09-01T08:00:00Z';
let t: TestApp;
let admin: TestClient;
let agent: TestClient;
let act: ActivityFixture;
let fam: FamilyFixture;
let parent: TestClient;
let childId: string;
let neighbour: FamilyFixture;
let address: string;

/** Words that identify the family: none may be left anywhere once it is closed. */
let IDENTIFYING: string[];

beforeAll(async () => {
  t = await createTestApp({ clockStart: START, smtp: true });
  admin = await loginAs(t, (await createStaff(t.ctx, { role: 'admin' })).accountId);
  agent = await loginAs(t, (await createStaff(t.ctx, { role: 'agent' })).accountId);
  act = await createActivityFixture(t, { units: { matin: 10 }, period: { startDay: '2026-09-01', endDay: '2026-10-16' } });
  fam = await createFamily(t.ctx, { lastName: 'Zorglubovitch' });
  neighbour = await createFamily(t.ctx, { lastName: 'Voisinet' });
  parent = await loginAs(t, fam.accountId);
  childId = (await createChildFor(t, fam, fullChildInput(await lists(t), { lastName: 'Zorglubovitch', firstName: 'Philibertine' }))).id;
  address = (await t.ctx.db.selectFrom('family').select('address_line1').where('id', '=', fam.familyId).executeTakeFirstOrThrow()).address_line1!;
  // a document sent and accepted, a booking, mails, a staff read of the health record
  const type = await admin.request('POST', '/api/staff/document-types', {
    name: 'Attestation d’assurance', description: null, scope: 'child', validityKind: 'school_year', validityMonths: null,
    required: true, requiredForActivityIds: [], active: true,
  });
  const sent = await upload(t, parent, type.body.id, [{ fileName: 'assurance Philibertine.pdf', content: pdfFile('% Zorglubovitch') }, { fileName: 'carte.jpg', content: jpegFile(), contentType: 'image/jpeg' }], childId);
  expect(sent.status).toBe(201);
  await agent.request('POST', `/api/staff/documents/${sent.body.id}/review`, { decision: 'accept' });
  const b = await reserve(parent, { childId, activityId: act.activityId, periodId: act.periodId, changes: [{ day: '2026-09-10', unitId: act.units.matin, action: 'book' }] });
  expect(b.body.lines[0].state).toBe('accepted');
  expect((await agent.request('GET', `/api/staff/children/${childId}`)).status).toBe(200);
  await upload(t, await loginAs(t, neighbour.accountId), (await agent.request('GET', '/api/staff/document-types')).body[0].id, [{ fileName: 'voisin.pdf', content: pdfFile() }], await neighbourChild());
  // (health answers are encrypted at rest: checked through the staff's view of the child below)
  IDENTIFYING = [fam.email, 'Zorglubovitch', 'Philibertine', address, 'Odile', 'Durand', 'Jean Jaurès', 'assurance Philibertine', 'Zorglubville'];
});
afterAll(async () => {
  await t.close();
});

async function neighbourChild() {
  const input = fullChildInput(await lists(t), {
    lastName: 'Voisinet',
    firstName: 'Gaspard',
    school: 'École du Centre',
    contacts: [{ ref: 'c1', lastName: 'Voisinet', firstName: 'Hector', relationship: 'Oncle', phone1: '07 99 88 77 66' }],
    pickups: [],
  } as any);
  return (await createChildFor(t, neighbour, input)).id;
}

/** Every row of every table, as text (blobs as latin1), for the erasure check. */
async function wholeDatabase(): Promise<Map<string, string>> {
  const tables =
    t.ctx.dialect === 'postgres'
      ? (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(t.ctx.db)).rows
      : (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(t.ctx.db)).rows;
  const out = new Map<string, string>();
  for (const { name } of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(t.ctx.db);
    out.set(name, rows.map((r) => Object.values(r).map((v) => (Buffer.isBuffer(v) || v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : String(v))).join('|')).join('\n'));
  }
  return out;
}

describe('the family’s data export', () => {
  it('gives a ZIP with all of the family’s data as JSON and its files, and nothing of other families', async () => {
    const r = await getRaw(t, parent, '/api/family/export');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/zip');
    expect(r.headers['content-disposition']).toMatch(/^attachment; filename="mes-donnees-2026-09-01\.zip"/);
    const zip = readZip(r.body);
    expect([...zip.keys()].slice(0, 2)).toEqual(['LISEZMOI.txt', 'donnees.json']);
    const data = JSON.parse(zip.get('donnees.json')!.toString('utf8')) as FamilyExport;
    expect(data.format).toBe('portail-familles/export@1');
    expect(data.account).toMatchObject({ email: fam.email, status: 'active' });
    expect(JSON.stringify(data)).not.toMatch(/password_hash|\$argon2/);
    expect(data.family).toMatchObject({ addressLine1: address });
    const child = data.children[0] as any;
    expect(child).toMatchObject({ firstName: 'Philibertine', lastName: 'Zorglubovitch' });
    // health data in clear: it is the family's own
    expect(JSON.stringify(child.health)).toContain('Arachide');
    expect(child.contacts.map((c: any) => c.firstName)).toEqual(['Odile', 'Paul']);
    expect(data.bookings).toHaveLength(1);
    expect(data.reservations[0]).toMatchObject({ lines: [expect.objectContaining({ day: '2026-09-10', state: 'accepted' })] });
    expect(data.documents).toHaveLength(1);
    expect(data.documents[0]).toMatchObject({ type_name: 'Attestation d’assurance', state: 'accepted', valid_until: '2027-08-31' });
    const files = data.documents[0].files;
    expect(files.map((f) => f.fileName)).toEqual(['assurance Philibertine.pdf', 'carte.jpg']);
    expect(zip.get(files[0].path)!.equals(pdfFile('% Zorglubovitch'))).toBe(true);
    expect(zip.get(files[1].path)!.equals(jpegFile())).toBe(true);
    expect(data.messages.map((m: any) => m.subject)).toContainEqual(expect.stringMatching(/document a été accepté/));
    expect(data.healthAccesses.length).toBeGreaterThan(0);
    expect(JSON.stringify(data)).not.toMatch(/Voisinet|Gaspard|voisin\.pdf/);
    expect(zip.size).toBe(4);
  });

  it('names the archive and writes its README in the request’s language (the data keeps its names)', async () => {
    const raw = await t.app.inject({ method: 'GET', url: '/api/family/export', headers: { cookie: `${SESSION_COOKIE}=${parent.cookie(SESSION_COOKIE)}; lang=en` } });
    const r = { headers: raw.headers, body: raw.rawPayload };
    expect(r.headers['content-disposition']).toMatch(/^attachment; filename="my-data-2026-09-01\.zip"/);
    const zip = readZip(r.body);
    expect([...zip.keys()].slice(0, 2)).toEqual(['README.txt', 'donnees.json']);
    expect(zip.get('README.txt')!.toString('utf8')).toContain('Your data from the Family Portal');
    const french = readZip((await getRaw(t, parent, '/api/family/export')).body);
    expect(french.get('LISEZMOI.txt')!.toString('utf8')).toBe(
      'Vos données du Portail Familles (droit d’accès et de portabilité, RGPD art. 15 et 20).\r\n\r\n' +
        '- donnees.json : votre compte, votre famille, les fiches de vos enfants (renseignements médicaux compris), vos réservations, vos documents et les courriels envoyés.\r\n' +
        '- documents/ : les fichiers que vous avez transmis.\r\n',
    );
  });

  it('is the family’s only', async () => {
    expect((await getRaw(t, agent, '/api/family/export')).status).toBe(403);
    expect((await getRaw(t, t.client(), '/api/family/export')).status).toBe(401);
  });
});

describe('closing a family', () => {
  it('records the family’s request once, e-mails it, and lists it for admins', async () => {
    expect((await parent.request('GET', '/api/family/closure-request')).body).toEqual({ requestedAt: null, reason: null });
    const r = await parent.request('POST', '/api/family/closure-request', { reason: 'Nous déménageons à Zorglubville' });
    expect(r.status).toBe(201);
    expect(r.body.requestedAt).toBe(START.replace('Z', '.000Z'));
    expect((await parent.request('POST', '/api/family/closure-request', {})).body.error.code).toBe('privacy.already_requested');
    const list = (await admin.request('GET', '/api/staff/closure-requests')).body;
    expect(list).toEqual([expect.objectContaining({ familyId: fam.familyId, email: fam.email, familyName: 'Zorglubovitch Alice' })]);
    await t.deliverMail();
    expect(t.smtp!.messages.some((m) => m.to.includes(fam.email) && /clôture/.test(m.subject))).toBe(true);
  });

  it('asks the admin to type the family name again', async () => {
    const r = await admin.request('POST', `/api/staff/families/${fam.familyId}/close`, { confirmLastName: 'Dupont' });
    expect(r.status).toBe(400);
    expect(r.body.error.fields[0]).toMatchObject({ path: 'confirmLastName', code: 'privacy.confirm_required' });
  });

  it('erases or anonymizes every personal datum, keeps what the law keeps, and leaves the records consistent', async () => {
    registerPrivacyParticipant({
      name: 'test-ledger',
      erase: async () => ({ erased: {}, kept: [{ table: 'invoice', rows: 2, reason: 'pièces comptables : 10 ans' }] }),
    });
    const before = await wholeDatabase();
    for (const word of IDENTIFYING) expect([...before.values()].some((rows) => rows.includes(word)), word).toBe(true);
    const bookingsBefore = await t.ctx.db.selectFrom('booking').select('id').where('family_id', '=', fam.familyId).execute();

    const r = await admin.request('POST', `/api/staff/families/${fam.familyId}/close`, { confirmLastName: 'zorglubovitch' });
    expect(r.status).toBe(200);
    expect(r.body.erased).toMatchObject({ document_file: 2, document_submission: 1, child: 1, child_contact: 2, child_pickup: 2, account: 1, family: 1 });
    expect(r.body.kept).toEqual([{ table: 'invoice', rows: 2, reason: 'pièces comptables : 10 ans' }]);

    const after = await wholeDatabase();
    for (const [table, rows] of after) for (const word of IDENTIFYING) expect(rows.includes(word), `${word} left in ${table}`).toBe(false);
    // (every test family has the same phone number: checked on the row)
    expect(await t.ctx.db.selectFrom('guardian').selectAll().where('family_id', '=', fam.familyId).execute()).toEqual([
      expect.objectContaining({ last_name: 'Famille clôturée', first_name: '', mobile_phone: null, email: null, birth_date: null }),
    ]);
    // the other family is untouched
    expect(after.get('guardian')).toContain('Voisinet');
    expect(await t.ctx.db.selectFrom('document_file').select('id').execute()).toHaveLength(1);
    // bookings keep adding up (capacity, invoices), attached to an anonymous child
    expect(await t.ctx.db.selectFrom('booking').select('id').where('family_id', '=', fam.familyId).execute()).toEqual(bookingsBefore);
    const staffView = await agent.request('GET', `/api/staff/children/${childId}`);
    expect(staffView.status).toBe(200);
    expect(staffView.body).toMatchObject({ firstName: 'Enfant', lastName: 'Anonyme', birthDate: '2018-01-01', contacts: [], pickups: [] });
    expect(JSON.stringify(staffView.body.health)).not.toMatch(/Arachide|amygdales|Lambert/);
    // the family can no longer sign in, and its session is gone
    expect((await parent.request('GET', '/api/family')).status).toBe(401);
    expect((await t.client().request('POST', '/api/auth/login', { email: fam.email, password: fam.password })).status).toBe(401);
    // staff actions stay in the audit log, without their details
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('family_id', '=', fam.familyId).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['document.accepted', 'child.health_viewed', 'privacy.family_closed']));
    expect(audit.filter((a) => a.action !== 'privacy.family_closed').every((a) => a.details === null)).toBe(true);
    // the request stays as proof it was handled, without its words
    expect(await t.ctx.db.selectFrom('privacy_request').selectAll().where('family_id', '=', fam.familyId).executeTakeFirst()).toMatchObject({ reason: null, closed_at: expect.any(String) });
    expect((await admin.request('GET', '/api/staff/closure-requests')).body).toEqual([]);
    expect((await admin.request('POST', `/api/staff/families/${fam.familyId}/close`, { confirmLastName: 'x' })).status).toBe(409);
  });
});

describe('closing a family with published invoices', () => {
  it('keeps the invoices (legal hold) and closes the rest', async () => {
    const payer = await createFamily(t.ctx, { lastName: 'Facturé' });
    const { invoices } = await publishedInvoices(t, payer, [1500, 2300]);
    const r = await admin.request('POST', `/api/staff/families/${payer.familyId}/close`, { confirmLastName: 'FACTURE' });
    expect(r.status).toBe(200);
    const kept = await t.ctx.db.selectFrom('invoice').select(['id', 'family_id']).where('family_id', '=', payer.familyId).execute();
    expect(kept.map((i) => i.id).sort()).toEqual(invoices.map((i) => i.id).sort());
    expect(await t.ctx.db.selectFrom('account').select('status').where('id', '=', payer.accountId).executeTakeFirst()).toEqual({ status: 'disabled' });
  });
});
