import { crc32 } from 'node:zlib';
import type { AcceptedMediaType } from '../../../shared/document-contracts.js';
import { stripInvisible } from '../../../shared/text.js';

/** What the bytes are, or why they are refused (an error code of the « errors » catalogue, under document). */
export type FileVerdict = { ok: true; mediaType: AcceptedMediaType; extension: 'pdf' | 'jpg' | 'png' } | { ok: false; code: string };

/** A PNG larger than this would take gigabytes to decode in a viewer: a decompression bomb. */
const MAX_PIXELS = 100_000_000;
const MAX_SIDE = 30_000;

const startsWith = (b: Buffer, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);

/**
 * Identifies an uploaded file from its content alone (the name and the declared type are never trusted):
 * PDF (header, and a `%%EOF` trailer near the end), JPEG (SOI … EOI, walking the segments up to the scan),
 * PNG (signature, chunks walked with their CRC, IHDR first, IEND last, bounded dimensions). Anything else is refused;
 * HEIC phone photos get a message of their own.
 */
export function inspectFile(b: Buffer): FileVerdict {
  if (b.length === 0) return { ok: false, code: 'document.file_empty' };
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return inspectPdf(b);
  if (startsWith(b, [0xff, 0xd8, 0xff])) return inspectJpeg(b);
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return inspectPng(b);
  if (b.length >= 12 && b.toString('latin1', 4, 8) === 'ftyp' && /^(heic|heix|hevc|hevx|heim|heis|mif1|msf1)$/.test(b.toString('latin1', 8, 12)))
    return { ok: false, code: 'document.file_heic' };
  return { ok: false, code: 'document.file_type' };
}

function inspectPdf(b: Buffer): FileVerdict {
  if (!/^%PDF-[12]\.\d/.test(b.toString('latin1', 0, 8))) return { ok: false, code: 'document.file_type' };
  // The trailer: `%%EOF` within the last 1 KB (writers may add a newline or a few bytes after it).
  const tail = b.toString('latin1', Math.max(0, b.length - 1024));
  if (!tail.includes('%%EOF')) return { ok: false, code: 'document.file_truncated' };
  return { ok: true, mediaType: 'application/pdf', extension: 'pdf' };
}

function inspectJpeg(b: Buffer): FileVerdict {
  // Walk the marker segments up to the start of scan; each length must stay inside the file.
  let i = 2;
  let sawFrame = false;
  for (;;) {
    if (i + 4 > b.length) return { ok: false, code: 'document.file_truncated' };
    if (b[i] !== 0xff) return { ok: false, code: 'document.file_type' };
    const marker = b[i + 1];
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const len = b.readUInt16BE(i + 2);
    if (len < 2 || i + 2 + len > b.length) return { ok: false, code: 'document.file_truncated' };
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (len < 8) return { ok: false, code: 'document.file_type' };
      const h = b.readUInt16BE(i + 5);
      const w = b.readUInt16BE(i + 7);
      if (w === 0 || w * Math.max(h, 1) > MAX_PIXELS) return { ok: false, code: 'document.file_type' };
      sawFrame = true;
    }
    if (marker === 0xda) break;
    i += 2 + len;
  }
  if (!sawFrame) return { ok: false, code: 'document.file_type' };
  // EOI at the end; phones sometimes pad with zeros after it.
  let end = b.length;
  while (end > 2 && b[end - 1] === 0x00) end--;
  if (!(b[end - 2] === 0xff && b[end - 1] === 0xd9)) return { ok: false, code: 'document.file_truncated' };
  return { ok: true, mediaType: 'image/jpeg', extension: 'jpg' };
}

function inspectPng(b: Buffer): FileVerdict {
  let i = 8;
  let first = true;
  for (;;) {
    if (i + 12 > b.length) return { ok: false, code: 'document.file_truncated' };
    const len = b.readUInt32BE(i);
    const type = b.toString('latin1', i + 4, i + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) return { ok: false, code: 'document.file_type' };
    if (len > b.length - i - 12) return { ok: false, code: 'document.file_truncated' };
    const crc = b.readUInt32BE(i + 8 + len);
    if (crc32(b.subarray(i + 4, i + 8 + len)) !== crc) return { ok: false, code: 'document.file_truncated' };
    if (first) {
      if (type !== 'IHDR' || len !== 13) return { ok: false, code: 'document.file_type' };
      const w = b.readUInt32BE(i + 8);
      const h = b.readUInt32BE(i + 12);
      if (w === 0 || h === 0 || w > MAX_SIDE || h > MAX_SIDE || w * h > MAX_PIXELS) return { ok: false, code: 'document.file_type' };
      first = false;
    }
    i += 12 + len;
    if (type === 'IEND') return i === b.length ? { ok: true, mediaType: 'image/png', extension: 'png' } : { ok: false, code: 'document.file_type' };
  }
}

/**
 * The family's file name, made safe to show and to put back in a Content-Disposition header: no path, no control
 * characters, no invisible format characters (after a U+202E the name reads backwards: `facture\u202Efdp.exe` shows as « factureexe.pdf »), at most
 * 120 characters, and the extension of the type found in the bytes.
 */
export function cleanFileName(raw: string | undefined, extension: string): string {
  const base = stripInvisible((raw ?? '').normalize('NFC'))
    .split(/[\\/]/)
    .pop()!
    .replace(/[\u0000-\u001f\u007f-\u009f"<>|:*?]/g, '')
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .trim()
    .slice(0, 100);
  return `${base || 'document'}.${extension}`;
}

/** `attachment; filename="ascii"; filename*=UTF-8''…` (RFC 6266). */
export function contentDisposition(kind: 'inline' | 'attachment', stored: string): string {
  const fileName = stripInvisible(stored); // names stored before they were cleaned of them
  const ascii = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())}`;
}
