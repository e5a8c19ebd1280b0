import { describe, expect, it } from 'vitest';
import { documentState, validUntil, type SubmissionFacts } from './document.rules.js';

describe('validUntil', () => {
  it('never expires with no limit', () => expect(validUntil('none', null, '2026-10-01')).toBeNull());
  it('ends the school year on 31 August, counting June onwards for the coming year', () => {
    expect(validUntil('school_year', null, '2026-09-15')).toBe('2027-08-31');
    expect(validUntil('school_year', null, '2027-03-01')).toBe('2027-08-31');
    expect(validUntil('school_year', null, '2027-05-31')).toBe('2027-08-31');
    expect(validUntil('school_year', null, '2027-06-01')).toBe('2028-08-31');
  });
  it('counts months to the day before', () => {
    expect(validUntil('months', 12, '2026-03-15')).toBe('2027-03-14');
    expect(validUntil('months', 3, '2026-11-30')).toBe('2027-02-28');
    expect(validUntil('months', 1, '2026-01-31')).toBe('2026-02-28');
    expect(validUntil('months', 6, '2026-01-01')).toBe('2026-06-30');
  });
});

const s = (state: SubmissionFacts['state'], at: string, valid_until: string | null = null, refusal_reason: string | null = null): SubmissionFacts => ({
  state,
  submitted_at: at,
  valid_until,
  refusal_reason,
});

describe('documentState', () => {
  const today = '2026-10-01';
  it('is to provide with nothing sent', () => expect(documentState([], today).state).toBe('to_provide'));
  it('is pending once sent', () => expect(documentState([s('pending', '2026-09-30T10:00:00Z')], today).state).toBe('pending'));
  it('is refused with the reason', () =>
    expect(documentState([s('refused', '2026-09-30T10:00:00Z', null, 'Illisible')], today)).toEqual({ state: 'refused', reason: 'Illisible', validUntil: null }));
  it('is accepted while valid, expiring soon in its last 30 days, expired after', () => {
    expect(documentState([s('accepted', '2026-09-01T10:00:00Z', '2027-08-31')], today).state).toBe('accepted');
    expect(documentState([s('accepted', '2026-09-01T10:00:00Z', '2026-10-30')], today).state).toBe('expiring_soon');
    expect(documentState([s('accepted', '2026-09-01T10:00:00Z', '2026-10-31')], today).state).toBe('accepted');
    expect(documentState([s('accepted', '2025-09-01T10:00:00Z', '2026-08-31')], today).state).toBe('expired');
  });
  it('keeps a valid accepted document over a newer refusal, and shows a renewal sent as pending', () => {
    expect(documentState([s('accepted', '2026-09-01T10:00:00Z', '2027-08-31'), s('refused', '2026-09-20T10:00:00Z', null, 'x')], today).state).toBe('accepted');
    expect(documentState([s('accepted', '2026-09-01T10:00:00Z', '2026-10-10'), s('pending', '2026-09-20T10:00:00Z')], today).state).toBe('pending');
    expect(documentState([s('accepted', '2025-09-01T10:00:00Z', '2026-08-31'), s('pending', '2026-09-20T10:00:00Z')], today).state).toBe('pending');
  });
});
