import { describe, expect, it } from 'vitest';
import { isErrorCode, messageFor, MESSAGES_FR, type ErrorCode } from './errors.js';

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
});
