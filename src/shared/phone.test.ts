import { describe, expect, it } from 'vitest';
import { formatPhone, normalizePhone } from './phone.js';

describe('normalizePhone', () => {
  it('keeps a French number as 10 digits whatever the separators', () => {
    expect(normalizePhone('0612345678')).toBe('0612345678');
    expect(normalizePhone('06 12 34 56 78')).toBe('0612345678');
    expect(normalizePhone('06.12.34.56.78')).toBe('0612345678');
    expect(normalizePhone('06-12-34-56-78')).toBe('0612345678');
    expect(normalizePhone('(03) 20 00 00 00')).toBe('0320000000');
  });

  it('turns +33 and 0033 into the national form, with or without the trunk 0', () => {
    expect(normalizePhone('+33 6 12 34 56 78')).toBe('0612345678');
    expect(normalizePhone('+33 (0)6 12 34 56 78')).toBe('0612345678');
    expect(normalizePhone('0033612345678')).toBe('0612345678');
  });

  it('keeps foreign numbers in international form', () => {
    expect(normalizePhone('+32 470 12 34 56')).toBe('+32470123456');
    expect(normalizePhone('0032 470 12 34 56')).toBe('+32470123456');
    expect(normalizePhone('+44 20 7946 0958')).toBe('+442079460958');
  });

  it('refuses what is not a phone number', () => {
    for (const bad of ['', '12', '061234567', '06123456789', '0012', '+0 123 456 789', 'zéro six', '+123456789012345678', '+33 1 23'])
      expect(normalizePhone(bad), bad).toBeNull();
  });
});

describe('formatPhone', () => {
  it('groups French numbers by two', () => {
    expect(formatPhone('0612345678')).toBe('06 12 34 56 78');
  });
});

describe('formatPhone (issue 17)', () => {
  it('shows French numbers in pairs and international ones after their country code', () => {
    expect(formatPhone('0612345678')).toBe('06 12 34 56 78');
    expect(formatPhone('+32470123456')).toBe('+32 470 12 34 56');
    expect(formatPhone('+442079460958')).toBe('+44 20 79 46 09 58');
    expect(formatPhone('+352621123456')).toBe('+352 621 12 34 56');
    expect(formatPhone('+14155552671')).toBe('+1 415 555 2671');
    expect(formatPhone('n/a')).toBe('n/a');
  });
});
