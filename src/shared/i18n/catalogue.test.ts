import { describe, expect, it } from 'vitest';
import { completePlurals, flatten, placeholders, type MessageTree } from './catalogue.js';
import { NAMESPACES } from './namespaces.js';
import { fr } from './fr/index.js';
import { en } from './en/index.js';

const catalogues = { fr, en } as Record<string, Record<string, MessageTree>>;

describe('message catalogues (French and English)', () => {
  it('hold the same namespaces, listed in namespaces.ts', () => {
    expect(Object.keys(fr).sort()).toEqual([...NAMESPACES].sort());
    expect(Object.keys(en).sort()).toEqual([...NAMESPACES].sort());
  });

  for (const ns of NAMESPACES) {
    it(`« ${ns} »: every key in both languages, with the same placeholders, none empty`, () => {
      const f = flatten(catalogues.fr![ns]!);
      const e = flatten(catalogues.en![ns]!);
      expect([...e.keys()].filter((k) => !f.has(k)), 'keys in English only').toEqual([]);
      expect([...f.keys()].filter((k) => !e.has(k)), 'keys missing in English').toEqual([]);
      for (const [key, text] of f) {
        expect(text.trim(), `${ns}:${key} (fr) is empty`).not.toBe('');
        expect(e.get(key)!.trim(), `${ns}:${key} (en) is empty`).not.toBe('');
        expect(placeholders(e.get(key)!), `${ns}:${key}: placeholders`).toEqual(placeholders(text));
      }
    });

    it(`« ${ns} »: plural forms come in pairs (_one with _other)`, () => {
      for (const key of flatten(catalogues.fr![ns]!).keys()) {
        if (key.endsWith('_one')) expect(flatten(catalogues.fr![ns]!).has(key.replace(/_one$/, '_other')), `${ns}:${key}`).toBe(true);
      }
    });
  }

  it('the English catalogue is English: no sentence of more than three words copied from French', () => {
    const copied: string[] = [];
    for (const ns of NAMESPACES) {
      const f = flatten(catalogues.fr![ns]!);
      for (const [key, text] of flatten(catalogues.en![ns]!)) if (text === f.get(key) && text.split(/\s+/).length > 3) copied.push(`${ns}:${key}`);
    }
    expect(copied).toEqual([]);
  });

  it('completePlurals gives every `_other` a `_many` twin (French says « 1 000 000 de jours » with it)', () => {
    expect(completePlurals({ a: { d_one: '1 jour', d_other: '{{count}} jours' }, b: 'x' })).toEqual({
      a: { d_one: '1 jour', d_other: '{{count}} jours', d_many: '{{count}} jours' },
      b: 'x',
    });
  });

  it('flatten and placeholders read what they should', () => {
    expect([...flatten({ a: { b: 'x {{n}}', c: { d: 'y' } }, e: 'z' }).keys()]).toEqual(['a.b', 'a.c.d', 'e']);
    expect(placeholders('{{count}} jours pour {{ name }} le {{day, date}}')).toEqual(['count', 'day', 'name']);
  });
});
