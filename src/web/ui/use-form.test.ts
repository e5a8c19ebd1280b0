import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client.js';
import { messageFor } from '../../shared/errors.js';
import { startI18n } from '../i18n/i18n.js';
import { blanks, errorsOf, prefixed } from './use-form.js';

describe('the form hook’s helpers', () => {
  // The sentences come from the page's « errors » catalogue: French here, the same as the shared table's.
  beforeAll(async () => {
    vi.stubGlobal('document', { cookie: '', documentElement: { lang: '' } });
    await startI18n('fr');
  });
  afterAll(() => vi.unstubAllGlobals());

  it('turns the server’s field problems into summary lines on their paths, or its general message', () => {
    const fields = new ApiError(400, 'request.invalid', 'Vérifiez le formulaire.', [{ path: 'guardian1.phone', code: 'phone.invalid', message: 'Numéro invalide.' }]);
    expect(errorsOf(fields)).toEqual([{ path: 'guardian1.phone', message: 'Numéro invalide.' }]);
    expect(errorsOf(new ApiError(409, 'booking.full', 'Complet.'))).toEqual([{ message: 'Complet.' }]);
    expect(errorsOf(new TypeError('Failed to fetch'))).toEqual([{ message: messageFor('internal') }]);
  });

  it('moves the server’s paths under the form’s prefix, general messages untouched', () => {
    expect(prefixed('closure.')([{ path: 'day', message: 'a' }, { message: 'b' }])).toEqual([{ path: 'closure.day', message: 'a' }, { message: 'b' }]);
  });

  it('says « obligatoire » for each blank key, in the keys’ order, on the prefixed path', () => {
    const check = blanks<{ label: string; day: string; code: string }, 'label' | 'day' | 'code'>('unit', ['label', 'day', 'code']);
    expect(check({ label: ' ', day: '2027-01-04', code: '' })).toEqual([
      { path: 'unit.label', message: messageFor('required') },
      { path: 'unit.code', message: messageFor('required') },
    ]);
  });
});
