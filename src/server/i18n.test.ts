import { describe, expect, it } from 'vitest';
import { translator } from './i18n.js';

describe('translator (remembered sentences)', () => {
  it('gives each key and values its own sentence, the same one again when asked again', () => {
    const t = translator('fr');
    const a = t('mail:frame.portal', { city: 'Ville de Comines' });
    const b = t('mail:frame.portal', { city: 'Ville de Lille' });
    expect(a).toContain('Comines');
    expect(b).toContain('Lille');
    expect(t('mail:frame.portal', { city: 'Ville de Comines' })).toBe(a);
    // same text, another type: not confused with the string
    expect(t('mail:frame.portal', { city: 12 as unknown as string })).toContain('12');
  });

  it('keeps the languages apart and plural forms by count', () => {
    expect(translator('en')('mail:frame.portal', { city: 'X' })).not.toBe(translator('fr')('mail:frame.portal', { city: 'X' }));
    const t = translator('fr');
    expect(t('common:fileSize.bytes' as never, { count: 1 } as never)).toBe('1 octet');
    expect(t('common:fileSize.bytes' as never, { count: 3 } as never)).toBe('3 octets');
    expect(t('common:fileSize.bytes' as never, { count: 1 } as never)).toBe('1 octet');
  });

  it('passes calls it cannot remember to i18next (objects, arrays of keys)', () => {
    const t = translator('fr');
    const obj = t('mail:frame', { returnObjects: true } as never) as unknown;
    expect(typeof obj).toBe('object');
    expect(t(['mail:nothing.here', 'mail:frame.portal'] as never, { city: 'Y' } as never)).toContain('Y');
  });
});
