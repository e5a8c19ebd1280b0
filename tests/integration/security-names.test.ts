import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff, type FamilyFixture } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { fullChildInput, lists } from '../support/children.js';
import { getRaw, pdfFile, pngFile, readZip, upload } from './document-support.js';

/**
 * A name shown to people must read as it is: no Unicode bidirectional control (after U+202E a name reads backwards,
 * `photo\u202Egnp.pdf` shows as « photofdp.png ») and no other invisible format character, in the documents a family
 * sends, their Content-Disposition, the staff's view, the export, and the names a family types.
 */
const INVISIBLE = /[\p{Cf}\u2028\u2029]/u;
const INVISIBLE_ENCODED = /%E2%80%(8[B-F]|A[A-E])|%E2%81%(A[0-9])|%D8%9C|%EF%BB%BF/i;

let t: TestApp;
let admin: TestClient;
let agent: TestClient;
let fam: FamilyFixture;
let parent: TestClient;
let typeId: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t, (await createStaff(t.ctx, { role: 'admin' })).accountId);
  agent = await loginAs(t, (await createStaff(t.ctx, { role: 'agent' })).accountId);
  fam = await createFamily(t.ctx);
  parent = await loginAs(t, fam.accountId);
  typeId = (
    await admin.post('/api/staff/document-types', {
      name: 'Avis d’imposition',
      description: null,
      scope: 'family',
      validityKind: 'months',
      validityMonths: 12,
      required: true,
      requiredForActivityIds: [],
      active: true,
    })
  ).body.id;
});
afterAll(async () => {
  await t.close();
});

describe('uploaded file names', () => {
  it('lose their bidirectional controls and zero-width characters everywhere they are shown', async () => {
    const sent = await upload(t, parent, typeId, [
      { fileName: 'facture\u202Efdp.exe', content: pdfFile() },
      { fileName: 'photo\u202Egnp.pdf', content: pngFile(), contentType: 'image/png' },
      { fileName: '\u2066avis\u200B 2026\u2069\u200F.pdf', content: pdfFile('% 2') },
    ]);
    expect(sent.status).toBe(201);
    expect(sent.body.files.map((f: { fileName: string }) => f.fileName)).toEqual(['facturefdp.pdf', 'photognp.png', 'avis 2026.pdf']);

    // stored clean
    const stored = await t.ctx.db.selectFrom('document_file').select(['id', 'file_name']).where('submission_id', '=', sent.body.id).orderBy('position').execute();
    expect(stored.map((f) => f.file_name)).toEqual(['facturefdp.pdf', 'photognp.png', 'avis 2026.pdf']);

    // the family's checklist, the staff's queue and review page
    const checklist = await parent.get('/api/documents');
    expect(checklist.status).toBe(200);
    expect(JSON.stringify(checklist.body)).toContain('facturefdp.pdf');
    expect(INVISIBLE.test(JSON.stringify(checklist.body))).toBe(false);
    const review = await agent.get(`/api/staff/documents/${sent.body.id}`);
    expect(review.status).toBe(200);
    expect(JSON.stringify(review.body)).toContain('photognp.png');
    expect(INVISIBLE.test(JSON.stringify(review.body))).toBe(false);

    // downloads: Content-Disposition, both forms
    for (const f of stored) {
      for (const url of [`/api/documents/files/${f.id}`, `/api/staff/documents/files/${f.id}`]) {
        const r = await getRaw(t, url.startsWith('/api/staff') ? agent : parent, url);
        expect(r.status, url).toBe(200);
        const cd = String(r.headers['content-disposition']);
        expect(cd).toContain(`filename*=UTF-8''${encodeURIComponent(f.file_name)}`);
        expect(INVISIBLE_ENCODED.test(cd)).toBe(false);
        expect(INVISIBLE.test(cd)).toBe(false);
      }
    }
  });

  it('are cleaned on their way out when stored before this rule (Content-Disposition, export)', async () => {
    const sent = await upload(t, parent, typeId, [{ fileName: 'ancien.pdf', content: pdfFile('% old') }]);
    const file = await t.ctx.db.selectFrom('document_file').select('id').where('submission_id', '=', sent.body.id).executeTakeFirstOrThrow();
    await t.ctx.db.updateTable('document_file').set({ file_name: 'rele\u202Evé.pdf' }).where('id', '=', file.id).execute();
    const r = await getRaw(t, parent, `/api/documents/files/${file.id}`);
    expect(r.headers['content-disposition']).toBe(`attachment; filename="releve.pdf"; filename*=UTF-8''relev%C3%A9.pdf`);
    const zip = readZip((await getRaw(t, parent, '/api/family/export')).body);
    const paths = [...zip.keys()].filter((p) => p.startsWith('documents/'));
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) expect(INVISIBLE.test(p), p).toBe(false);
    expect(paths.some((p) => p.endsWith('-relevé.pdf'))).toBe(true);
  });
});

describe('names people type', () => {
  it('a child’s name comes to the staff without the controls that would turn it around', async () => {
    const input = fullChildInput(await lists(t), { lastName: 'Mar\u202Etin', firstName: '\u200BLéa\u2069' });
    const created = await parent.post('/api/children', input);
    expect(created.status).toBe(201);
    expect([created.body.lastName, created.body.firstName]).toEqual(['Martin', 'Léa']);
    const staffView = await agent.get(`/api/staff/children/${created.body.id}`);
    expect(staffView.status).toBe(200);
    expect(JSON.stringify(staffView.body)).not.toMatch(INVISIBLE);
    expect(JSON.stringify(staffView.body)).toContain('Martin');
  });

  it('a name made only of invisible characters is an empty name, refused in French', async () => {
    const input = fullChildInput(await lists(t), { lastName: '\u202E\u200B', firstName: 'Léa' });
    const res = await parent.post('/api/children', input);
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toContainEqual(expect.objectContaining({ path: 'lastName', code: 'required' }));
    expect(res.body.error.fields.find((f: { path: string }) => f.path === 'lastName').message).toMatch(/[a-zé]/);
  });
});
