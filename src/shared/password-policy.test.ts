import { describe, expect, it } from 'vitest';
import { checkPassword } from './password-policy.js';

describe('checkPassword (CNIL 2022-100)', () => {
  it('accepts 12 characters of 3 kinds', () => {
    expect(checkPassword('Lysriver2026')).toBeNull(); // lower, upper, digits
    expect(checkPassword('lysriver-202')).toBeNull(); // lower, digits, special
  });

  it('accepts 12 characters of 4 kinds', () => {
    expect(checkPassword('Beffroi-2027')).toBeNull();
  });

  it('refuses 11 characters even with 4 kinds', () => {
    expect(checkPassword('Beffroi-202')).toBe('password.too_short');
  });

  it('refuses only 2 kinds of characters, however long', () => {
    expect(checkPassword('lysriverbeffroi')).toBe('password.too_weak');
    expect(checkPassword('lysriverbeffroi2026')).toBe('password.too_weak');
    expect(checkPassword('LYSRIVERBEFFROI2026')).toBe('password.too_weak');
  });

  it('refuses a long password made of too few different characters', () => {
    expect(checkPassword('Aa1!Aa1!Aa1!Aa1!')).toBe('password.too_weak');
  });

  it('counts accented letters as letters', () => {
    expect(checkPassword('Éléphantrosé9')).toBeNull();
  });

  it('accepts a passphrase of 4 words and at least 20 characters', () => {
    expect(checkPassword('cheval agrafe pile correcte')).toBeNull();
    expect(checkPassword('lundi-marché-vélo-soleil')).toBeNull();
  });

  it('refuses a passphrase that is too short or has too few different words', () => {
    expect(checkPassword('un deux trois quatre')).toBeNull(); // exactly 20 characters, 4 words
    expect(checkPassword('chat chien loup')).toBe('password.too_weak'); // 3 words, 15 characters, 1 kind
    expect(checkPassword('chat chat chat chat chat')).toBe('password.too_weak'); // one word repeated
  });

  it('refuses common passwords whatever their case', () => {
    expect(checkPassword('azertyuiop')).toBe('password.common');
    expect(checkPassword('AZERTYUIOP')).toBe('password.common');
    expect(checkPassword('MotDePasse')).toBe('password.common');
  });

  it('refuses common passwords dressed up with digits or symbols at the end', () => {
    expect(checkPassword('Azerty123!')).toBe('password.common');
    expect(checkPassword('Portailfamilles2026!')).toBe('password.common');
    expect(checkPassword('Motdepasse-1234')).toBe('password.common');
  });

  it('refuses a password containing the local part of the e-mail', () => {
    expect(checkPassword('Marguerite.Duras-1914', { email: 'marguerite.duras@exemple.fr' })).toBe('password.common');
    expect(checkPassword('xxDURAS.2026!', { email: 'duras@exemple.fr' })).toBe('password.common');
    expect(checkPassword('Beffroi-2027', { email: 'duras@exemple.fr' })).toBeNull();
  });

  it('ignores a very short local part, which would refuse too much', () => {
    expect(checkPassword('Beffroi-2027-jo', { email: 'jo@exemple.fr' })).toBeNull();
  });

  it('refuses a password containing a given name', () => {
    expect(checkPassword('Lefebvre-Maison-59', { names: ['Lefebvre'] })).toBe('password.common');
    expect(checkPassword('Lefebvre-Maison-59', { names: ['Sophie'] })).toBeNull();
  });

  it('refuses more than 256 characters', () => {
    expect(checkPassword(`Aa1!${'x'.repeat(253)}`)).toBe('password.too_long');
    expect(checkPassword(`Aa1!bcdefghi${'x'.repeat(244)}`)).toBeNull();
  });
});
