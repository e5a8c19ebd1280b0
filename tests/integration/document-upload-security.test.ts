import { createHash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { jpegFile, multipart, pdfFile, pngFile, postRaw, upload } from './document-support.js';
import { inspectFile } from '../../src/server/modules/document/document.files.js';
import { buildZip } from '../../src/server/modules/privacy/zip.js';
import { MAX_FILE_BYTES } from '../../src/shared/document-contracts.js';

let t: TestApp;
let parent: TestClient;
let typeId: string;

beforeAll(async () => {
  t = await createTestApp();
  const admin = await loginAs(t, (await createStaff(t.ctx, { role: 'admin' })).accountId);
  typeId = (
    await admin.request('POST', '/api/staff/document-types', {
      name: 'Justificatif de domicile',
      description: null,
      scope: 'family',
      validityKind: 'months',
      validityMonths: 3,
      required: true,
      requiredForActivityIds: [],
      active: true,
    })
  ).body.id;
  parent = await loginAs(t, (await createFamily(t.ctx)).accountId);
});
afterAll(async () => {
  await t.close();
});

async function storedCounts() {
  const s = await t.ctx.db.selectFrom('document_submission').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const f = await t.ctx.db.selectFrom('document_file').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { submissions: Number(s.n), files: Number(f.n) };
}

/** Every file stored is a checked PDF, JPEG or PNG whose bytes match their digest. */
async function everyStoredFileIsSound() {
  const rows = await t.ctx.db.selectFrom('document_file').select(['content', 'media_type', 'sha256', 'size']).execute();
  for (const r of rows) {
    const b = Buffer.from(r.content);
    const v = inspectFile(b);
    expect(v.ok && v.mediaType).toBe(r.media_type);
    expect(createHash('sha256').update(b).digest('hex')).toBe(r.sha256);
    expect(Number(r.size)).toBe(b.length);
  }
  return rows.length;
}

const zipBomb = () => buildZip([{ path: 'zeros.bin', data: Buffer.alloc(20 * 1024 * 1024) }], new Date());
const pngHeader = pngFile();

const BAD_FILES: { name: string; fileName: string; contentType: string; content: () => Buffer; code: string }[] = [
  { name: 'a Windows program renamed .pdf', fileName: 'facture.pdf', contentType: 'application/pdf', content: () => Buffer.concat([Buffer.from('MZ\x90\x00\x03', 'latin1'), Buffer.alloc(200, 1)]), code: 'document.file_type' },
  { name: 'a Word document (ZIP) renamed .pdf', fileName: 'avis.pdf', contentType: 'application/pdf', content: () => buildZip([{ path: 'word/document.xml', data: Buffer.from('<w:document/>') }], new Date()), code: 'document.file_type' },
  { name: 'a ZIP bomb (20 MB of zeros in a few KB) named .pdf', fileName: 'bombe.pdf', contentType: 'application/pdf', content: zipBomb, code: 'document.file_type' },
  { name: 'an HTML page declared as PDF', fileName: 'page.pdf', contentType: 'application/pdf', content: () => Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>'), code: 'document.file_type' },
  { name: 'an SVG with a script, named .png', fileName: 'image.png', contentType: 'image/png', content: () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), code: 'document.file_type' },
  { name: 'a PDF cut before its end', fileName: 'coupe.pdf', contentType: 'application/pdf', content: () => pdfFile().subarray(0, 60), code: 'document.file_truncated' },
  { name: 'a JPEG cut in its headers', fileName: 'photo.jpg', contentType: 'image/jpeg', content: () => jpegFile().subarray(0, 12), code: 'document.file_truncated' },
  { name: 'a JPEG without its end marker', fileName: 'photo.jpg', contentType: 'image/jpeg', content: () => jpegFile().subarray(0, jpegFile().length - 2), code: 'document.file_truncated' },
  { name: 'a PNG cut before IEND', fileName: 'scan.png', contentType: 'image/png', content: () => pngHeader.subarray(0, pngHeader.length - 12), code: 'document.file_truncated' },
  {
    name: 'a PNG with a corrupted chunk',
    fileName: 'scan.png',
    contentType: 'image/png',
    content: () => {
      const b = Buffer.from(pngHeader);
      b[43] ^= 0xff; // inside the IDAT data: the CRC no longer matches
      return b;
    },
    code: 'document.file_truncated',
  },
  { name: 'a PNG decompression bomb (100 000 × 100 000 pixels)', fileName: 'huge.png', contentType: 'image/png', content: () => pngFile(100_000, 100_000), code: 'document.file_type' },
  { name: 'a PDF header only', fileName: 'x.pdf', contentType: 'application/pdf', content: () => Buffer.from('%PDF-'), code: 'document.file_type' },
  { name: 'an empty file', fileName: 'vide.pdf', contentType: 'application/pdf', content: () => Buffer.alloc(0), code: 'document.file_empty' },
  { name: 'an iPhone HEIC photo', fileName: 'IMG_0001.HEIC', contentType: 'image/heic', content: () => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic', 'latin1'), Buffer.alloc(100)]), code: 'document.file_heic' },
];

describe('bad files', () => {
  for (const bad of BAD_FILES) {
    it(`refuses ${bad.name}`, async () => {
      const r = await upload(t, parent, typeId, [{ fileName: bad.fileName, content: bad.content(), contentType: bad.contentType }]);
      expect(r.status).toBe(400);
      expect(r.body.error.fields).toEqual([expect.objectContaining({ path: 'files.0', code: bad.code, message: expect.any(String) })]);
      expect(await storedCounts()).toEqual({ submissions: 0, files: 0 });
    });
  }

  it('refuses a file over 10 MB with 413 before storing anything', async () => {
    const big = Buffer.concat([pdfFile(), Buffer.alloc(MAX_FILE_BYTES)]);
    const r = await upload(t, parent, typeId, [{ fileName: 'gros.pdf', content: big }]);
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('document.file_too_large');
    expect(await storedCounts()).toEqual({ submissions: 0, files: 0 });
  });

  it('refuses at once a body announced larger than the limit, without reading it', async () => {
    const { payload, contentType } = multipart([{ name: 'typeId', value: typeId }]);
    const r = await postRaw(t, parent, '/api/documents', payload, contentType, { 'content-length': String(60 * 1024 * 1024) });
    expect(r.status).toBe(413);
  });

  it('stores nothing when one file of several is bad', async () => {
    const r = await upload(t, parent, typeId, [
      { fileName: 'ok.pdf', content: pdfFile() },
      { fileName: 'ko.pdf', content: Buffer.from('<html></html>') },
    ]);
    expect(r.status).toBe(400);
    expect(r.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['files.1']);
    expect(await storedCounts()).toEqual({ submissions: 0, files: 0 });
  });

  it('refuses more than 5 files, no file at all, and a body that is not multipart', async () => {
    const six = Array.from({ length: 6 }, (_, i) => ({ fileName: `p${i}.pdf`, content: pdfFile() }));
    const r = await upload(t, parent, typeId, six);
    expect(r.status).toBe(400);
    expect(r.body.error.fields[0].code).toBe('document.too_many_files');
    const none = await upload(t, parent, typeId, []);
    expect(none.body.error.fields).toContainEqual(expect.objectContaining({ path: 'files', code: 'document.no_file' }));
    const json = await parent.request('POST', '/api/documents', { typeId });
    expect(json.status).toBe(415);
    expect(await storedCounts()).toEqual({ submissions: 0, files: 0 });
  });

  it('accepts the good ones, whatever their declared name and type, and names them by their content', async () => {
    const r = await upload(t, parent, typeId, [
      { fileName: '../../etc/passwd', content: pngFile(), contentType: 'text/plain' },
      { fileName: 'scan<script>.jpeg', content: Buffer.concat([jpegFile(), Buffer.alloc(16)]), contentType: 'application/pdf' },
      { fileName: 'Quittance été.pdf', content: pdfFile() },
    ]);
    expect(r.status).toBe(201);
    expect(r.body.files.map((f: { fileName: string; mediaType: string }) => [f.fileName, f.mediaType])).toEqual([
      ['passwd.png', 'image/png'],
      ['scanscript>.jpg'.replace('>', ''), 'image/jpeg'],
      ['Quittance été.pdf', 'application/pdf'],
    ]);
    expect(r.body.files[0].id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    await t.ctx.db.deleteFrom('document_submission').execute();
  });
});

describe('concurrent uploads', () => {
  it('takes a crowd of uploads a few at a time, and stores every one', async () => {
    const before = await storedCounts();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => upload(t, parent, typeId, [{ fileName: `p${i}.pdf`, content: pdfFile(`% ${i}`) }, { fileName: `i${i}.png`, content: pngFile() }])),
    );
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
    expect(await storedCounts()).toEqual({ submissions: before.submissions + 12, files: before.files + 24 });
    await t.ctx.db.deleteFrom('document_submission').execute();
  });
});

/** A small deterministic generator, so that a failing case can be replayed. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe('fuzz', () => {
  it('answers thousands of malformed multipart bodies without a 500, and stores only sound files', async () => {
    const rnd = prng(20261127);
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
    const int = (n: number) => Math.floor(rnd() * n);
    const sources = [pdfFile(), jpegFile(), pngFile(), pngFile(3, 2)];
    const statuses = new Map<number, number>();
    const N = 2000;
    for (let i = 0; i < N; i++) {
      const boundary = `b${int(1e9)}`;
      const body = multipart(
        [
          { name: pick(['typeId', 'typeId', 'childId', 'x', '']), value: pick([typeId, typeId, '', 'é'.repeat(int(400)), '\u0000']) },
          ...Array.from({ length: int(4) }, () => ({
            name: pick(['files', 'files', 'file', '__proto__']),
            fileName: pick(['a.pdf', '', '..\\..\\x', '"quoted".png', 'ü'.repeat(int(300))]),
            contentType: pick(['application/pdf', 'image/png', '', 'text/html']),
            content: pick(sources),
          })),
        ],
        boundary,
      ).payload;
      let b = Buffer.from(body);
      const mutations = 1 + int(4);
      for (let m = 0; m < mutations; m++) {
        switch (int(6)) {
          case 0: // flip bytes
            for (let k = 0; k < 1 + int(8); k++) b[int(b.length)] = int(256);
            break;
          case 1: // cut
            b = b.subarray(0, int(b.length));
            break;
          case 2: // insert garbage
            {
              const at = int(b.length);
              b = Buffer.concat([b.subarray(0, at), Buffer.from(Array.from({ length: int(64) }, () => int(256))), b.subarray(at)]);
            }
            break;
          case 3: // duplicate a slice
            {
              const at = int(b.length);
              b = Buffer.concat([b, b.subarray(at, at + int(200))]);
            }
            break;
          case 4: // CRLF games
            b = Buffer.from(b.toString('latin1').replace(pick([/\r\n/g, /\r\n\r\n/, /--/]), pick(['\n', '', '\r\n\r\n', '-'])), 'latin1');
            break;
          default: // leave as is (a plain mistake in the header below)
            break;
        }
      }
      const contentType = pick([
        `multipart/form-data; boundary=${boundary}`,
        `multipart/form-data; boundary=${boundary}`,
        `multipart/form-data; boundary=other`,
        'multipart/form-data',
        `multipart/form-data; boundary="${boundary}"; charset=utf-8`,
        'application/octet-stream',
      ]);
      const r = await postRaw(t, parent, '/api/documents', b, contentType);
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      if (r.status >= 500) throw new Error(`case ${i}: ${r.status} ${JSON.stringify(r.body)}`);
    }
    expect([...statuses.keys()].every((s) => [201, 400, 404, 413, 415].includes(s)), JSON.stringify([...statuses])).toBe(true);
    // most bodies are refused; those that survived carry only checked files
    expect(statuses.get(400) ?? 0).toBeGreaterThan(N / 4);
    const stored = await everyStoredFileIsSound();
    const subs = await t.ctx.db.selectFrom('document_submission').select(['id']).execute();
    for (const s of subs) {
      const files = await t.ctx.db.selectFrom('document_file').select('id').where('submission_id', '=', s.id).execute();
      expect(files.length).toBeGreaterThan(0);
    }
    expect(stored).toBeGreaterThanOrEqual(subs.length);
  }, 120_000);
});
