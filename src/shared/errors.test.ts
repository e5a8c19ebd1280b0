import { describe, expect, it } from 'vitest';
import { errorKey, isErrorCode, messageFor, MESSAGES_FR, sentenceIn, type ErrorCode, type ErrorKey } from './errors.js';
import en from './i18n/en/errors.js';

describe('error codes', () => {
  it('gives the sentence of a code of the table, the field’s own sentence when there is one', () => {
    expect(messageFor('internal')).toBe(MESSAGES_FR.internal);
    expect(messageFor('required', 'guardian1.lastName')).toBe('Saisissez le nom.');
  });

  it('accepts a code only known at run time, and falls back to the generic sentence when it is unknown', () => {
    const fromServer: string = 'not.a.code';
    expect(messageFor(fromServer)).toBe(MESSAGES_FR['request.invalid']);
    expect(isErrorCode(fromServer)).toBe(false);
    expect(isErrorCode('booking.full')).toBe(true);
  });

  it('refuses a misspelt literal code at type-check time (npm run typecheck)', () => {
    // @ts-expect-error — not a code of the table
    expect(messageFor('misspelt.code')).toBe(MESSAGES_FR['request.invalid']);
    const known: ErrorCode = 'booking.full';
    expect(messageFor(known)).toBe(MESSAGES_FR['booking.full']);
  });

  it('finds a code’s key in a catalogue: the field’s own first, then the code, then the generic one', () => {
    const known = (k: string): k is ErrorKey => sentenceIn(en, k) !== undefined;
    expect(errorKey('required', 'guardian1.lastName', known)).toBe('fields.lastName.required');
    expect(errorKey('required', 'school', known)).toBe('required');
    expect(errorKey('booking.full', undefined, known)).toBe('booking.full');
    expect(errorKey('booking', undefined, known)).toBe('request.invalid'); // a branch is no sentence
    expect(errorKey('fields.lastName.required', undefined, known)).toBe('request.invalid');
    expect(sentenceIn(en, errorKey('required', 'guardian1.lastName', known))).toBe('Enter the surname.');
  });
});
