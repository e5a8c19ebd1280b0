import { describe, expect, it } from 'vitest';
import { cleanFileName, contentDisposition, inspectFile } from './document.files.js';

const pdf = (body = '') => Buffer.from(`%PDF-1.7\n${body}\n%%EOF\n`, 'latin1');

describe('inspectFile', () => {
  it('knows a PDF by its header and trailer, even with a few bytes after %%EOF', () => {
    expect(inspectFile(pdf())).toEqual({ ok: true, mediaType: 'application/pdf', extension: 'pdf' });
    expect(inspectFile(Buffer.concat([pdf(), Buffer.from('\r\n\0\0')]))).toMatchObject({ ok: true });
    expect(inspectFile(Buffer.from('%PDF-1.7\nno trailer'))).toEqual({ ok: false, code: 'document.file_truncated' });
    expect(inspectFile(Buffer.from('%PDF-x.7\n%%EOF'))).toEqual({ ok: false, code: 'document.file_type' });
    // %%EOF only at the start of a long file does not count as a trailer
    expect(inspectFile(Buffer.concat([pdf(), Buffer.alloc(2048, 0x20)]))).toEqual({ ok: false, code: 'document.file_truncated' });
  });

  it('refuses what is not a PDF, JPEG or PNG, whatever it starts with', () => {
    for (const s of ['GIF89a', 'PK\x03\x04', '<?xml version="1.0"?><svg/>', '\xef\xbb\xbf<html>', 'BM', 'II*\x00'])
      expect(inspectFile(Buffer.from(s + 'x'.repeat(100), 'latin1'))).toEqual({ ok: false, code: 'document.file_type' });
  });

  it('walks JPEG segments and refuses one whose segment runs past the end', () => {
    const bad = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x40, 0x00, 0x00, 0x00, 0xff, 0xd9]);
    expect(inspectFile(bad)).toEqual({ ok: false, code: 'document.file_truncated' });
    const noFrame = Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x08, 1, 1, 0, 0, 63, 0, 0x11, 0xff, 0xd9]);
    expect(inspectFile(noFrame)).toEqual({ ok: false, code: 'document.file_type' });
  });
});

describe('file names', () => {
  it('keeps the family’s name without path or control characters, with the extension of the content', () => {
    expect(cleanFileName('C:\\Users\\moi\\Avis 2026.PDF', 'pdf')).toBe('Avis 2026.pdf');
    expect(cleanFileName('../../etc/passwd', 'png')).toBe('passwd.png');
    expect(cleanFileName('a\u0000b\r\n"c".exe', 'jpg')).toBe('abc.jpg');
    expect(cleanFileName('', 'pdf')).toBe('document.pdf');
    expect(cleanFileName('x'.repeat(500), 'pdf')).toHaveLength(104);
  });

  it('drops bidirectional controls and other invisible characters, which would make the name lie', () => {
    // after U+202E the name reads backwards: `photo\u202Egnp.pdf` would show as « photofdp.png »
    expect(cleanFileName('photo\u202Egnp.pdf', 'pdf')).toBe('photognp.pdf');
    expect(cleanFileName('facture\u202Efdp.exe', 'pdf')).toBe('facturefdp.pdf');
    for (const c of ['\u061C', '\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069', '\u2060', '\uFEFF', '\u0085', '\u2028'])
      expect(cleanFileName(`avis${c} impôt${c}.pdf`, 'pdf'), `U+${c.codePointAt(0)!.toString(16)}`).toBe('avis impôt.pdf');
    expect(cleanFileName('\u202E\u200B.pdf', 'pdf')).toBe('document.pdf');
    // a name stored before this rule is cleaned on its way out too
    expect(contentDisposition('inline', 'photo\u202Egnp.pdf')).toBe(`inline; filename="photognp.pdf"; filename*=UTF-8''photognp.pdf`);
  });

  it('writes an RFC 6266 Content-Disposition with an ASCII fallback', () => {
    expect(contentDisposition('attachment', 'Quittance été "2026".pdf')).toBe(
      `attachment; filename="Quittance ete _2026_.pdf"; filename*=UTF-8''Quittance%20%C3%A9t%C3%A9%20%222026%22.pdf`,
    );
  });
});
