import { describe, expect, it } from 'vitest';
import { stripInvisible } from './text.js';
import { requiredText, optionalText, guardianInput } from './contracts.js';

const BIDI = ['\u061C', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u180E', '\u2028', '\u2029', '\u{E0041}'];

describe('stripInvisible', () => {
  it('removes every bidirectional control and zero-width or other format character', () => {
    for (const c of [...BIDI, ...ZERO_WIDTH]) expect(stripInvisible(`fac${c}ture`), `U+${c.codePointAt(0)!.toString(16)}`).toBe('facture');
    expect(stripInvisible('facture\u202Efdp.exe')).toBe('facturefdp.exe');
  });

  it('keeps letters, accents, spaces and punctuation of real names', () => {
    for (const s of ['Zoé Le Goff-N’Diaye', 'Ève d’Ornano', 'Ørsted Ångström', 'محمد', '李小龙', 'Jean\u00A0Dupont', 'Mañana 2026 (copie).pdf'])
      expect(stripInvisible(s)).toBe(s);
  });
});

describe('free text in the shared contracts', () => {
  it('loses its invisible characters before it is checked and stored', () => {
    expect(requiredText(80).parse(' Lé\u202Ea\u200Bnne ')).toBe('Léanne');
    expect(optionalText(80).parse('\u2066Martin\u2069')).toBe('Martin');
    // nothing visible left: as if empty
    expect(requiredText(80).safeParse('\u202E\u200B').success).toBe(false);
    expect(optionalText(80).parse('\u200F')).toBeNull();
  });

  it('applies to the names a family types', () => {
    expect(guardianInput.shape.lastName.parse('Du\u202Erand')).toBe('Durand');
    expect(guardianInput.shape.firstName.parse('\u200BOdile')).toBe('Odile');
    expect(guardianInput.shape.profession.parse('Infirmi\u202Eère')).toBe('Infirmière');
  });
});
