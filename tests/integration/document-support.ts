import { crc32, deflateSync, inflateRawSync } from 'node:zlib';
import type { TestApp, TestClient } from '../support/app.js';
import { SESSION_COOKIE } from '../../src/server/modules/account/account.sessions.js';

/** Test files built in code: the smallest well-formed PDF, JPEG and PNG. */
export function pdfFile(extra = ''): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n${extra}\ntrailer <</Root 1 0 R>>\n%%EOF\n`, 'latin1');
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

export function pngFile(width = 1, height = 1): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc(Math.min(height, 64) * (width + 1));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export function jpegFile(): Buffer {
  const seg = (marker: number, data: number[]) => [0xff, marker, ((data.length + 2) >> 8) & 0xff, (data.length + 2) & 0xff, ...data];
  return Buffer.from([
    0xff, 0xd8,
    ...seg(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...seg(0xc0, [8, 0, 1, 0, 1, 1, 1, 0x11, 0]),
    ...seg(0xda, [1, 1, 0, 0, 63, 0]),
    0x12, 0x34, 0x56,
    0xff, 0xd9,
  ]);
}

export interface Part {
  name: string;
  value?: string;
  fileName?: string;
  contentType?: string;
  content?: Buffer;
}

export function multipart(parts: Part[], boundary = `----pf${Math.random().toString(16).slice(2)}`): { payload: Buffer; contentType: string } {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if (p.content) {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.fileName ?? 'f.bin'}"\r\nContent-Type: ${p.contentType ?? 'application/octet-stream'}\r\n\r\n`,
        ),
        p.content,
        Buffer.from('\r\n'),
      );
    } else chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value ?? ''}\r\n`));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Posts a raw body with the client's session and CSRF token (TestClient.request only sends JSON). */
export async function postRaw(t: TestApp, client: TestClient, url: string, payload: Buffer | string, contentType: string, headers: Record<string, string> = {}) {
  const token = (await client.csrfToken()) ?? '';
  const cookies = [`${SESSION_COOKIE}=${client.cookie(SESSION_COOKIE) ?? ''}`, `pf_csrf=${client.cookie('pf_csrf')}`].join('; ');
  const res = await t.app.inject({
    method: 'POST',
    url,
    payload,
    headers: { cookie: cookies, 'x-csrf-token': token, 'content-type': contentType, ...headers },
  });
  return { status: res.statusCode, body: res.headers['content-type']?.toString().includes('json') ? res.json() : res.body, headers: res.headers };
}

export function upload(t: TestApp, client: TestClient, typeId: string, files: { fileName: string; content: Buffer; contentType?: string }[], childId?: string) {
  const { payload, contentType } = multipart([
    { name: 'typeId', value: typeId },
    ...(childId ? [{ name: 'childId', value: childId }] : []),
    ...files.map((f) => ({ name: 'files', fileName: f.fileName, content: f.content, contentType: f.contentType ?? 'application/pdf' })),
  ]);
  return postRaw(t, client, '/api/documents', payload, contentType);
}

/** Downloads raw bytes with the client's session. */
export async function getRaw(t: TestApp, client: TestClient, url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: `${SESSION_COOKIE}=${client.cookie(SESSION_COOKIE) ?? ''}` } });
  return { status: res.statusCode, body: res.rawPayload, headers: res.headers };
}

/** Reads a ZIP (central directory), inflating each entry: enough to check the export. */
export function readZip(zip: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip');
  const n = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < n; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = zip.readUInt16LE(p + 10);
    const crc = zip.readUInt32LE(p + 16);
    const csize = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLen);
    const lNameLen = zip.readUInt16LE(local + 26);
    const lExtra = zip.readUInt16LE(local + 28);
    const start = local + 30 + lNameLen + lExtra;
    const raw = zip.subarray(start, start + csize);
    const data = method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    if (crc32(data) !== crc) throw new Error(`crc mismatch for ${name}`);
    out.set(name, data);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}
