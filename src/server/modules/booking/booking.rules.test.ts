import { describe, expect, it } from 'vitest';
import type { CalendarFacts, PeriodRow, UnitRow } from '../catalog/catalog.service.js';
import type { DeadlinePolicy } from '../../../shared/calendar/deadlines.js';
import { blockedFor, outcome, stateOf, windowBlock } from './booking.rules.js';

const period = { opens_at: '2026-08-01T08:00:00.000Z', closes_at: '2026-09-30T22:00:00.000Z' } as PeriodRow;
const facts = { publicHoliday: () => false } as unknown as CalendarFacts;
const unit = { start_time: null } as unknown as UnitRow;
const noDeadline = { deadline: { kind: 'none' }, insideDeadline: 'accept', afterDeadline: 'refuse' } as DeadlinePolicy;

describe('blockedFor', () => {
  it('lets an active account book and blocks any other with account.not_validated', () => {
    expect(blockedFor({ accountStatus: 'active' })).toBeNull();
    expect(blockedFor({ accountStatus: 'pending' })).toBe('account.not_validated');
  });
});

describe('windowBlock', () => {
  it('refuses before the period opens and from the instant it closes', () => {
    expect(windowBlock(period, '2026-08-01T07:59:59.999Z')).toBe('period.not_open');
    expect(windowBlock(period, '2026-08-01T08:00:00.000Z')).toBeNull();
    expect(windowBlock(period, '2026-09-30T22:00:00.000Z')).toBe('period.closed');
  });
});

describe('outcome', () => {
  it('accepts a day to come under a rule without deadline', () => {
    expect(outcome(noDeadline, '2026-09-14', new Date('2026-09-14T06:00:00.000Z'), facts, unit)).toEqual({ outcome: 'accepted', cutoff: null, late: false });
  });

  it('refuses a day already gone in Paris, even without deadline', () => {
    // 23:30 UTC on the 13th is already the 14th in Paris: the 13th is gone
    expect(outcome(noDeadline, '2026-09-13', new Date('2026-09-13T23:30:00.000Z'), facts, unit)).toEqual({ outcome: 'refused', cutoff: null, late: true });
  });
});

describe('stateOf', () => {
  const counts = (accepted: number, pending: number, waitlisted: number, refused: number) => ({ accepted, pending, waitlisted, refused });

  it('is pending while a line waits for the staff', () => {
    expect(stateOf(counts(3, 1, 0, 0))).toBe('pending');
  });

  it('is the lines’ common state when they all share one', () => {
    expect(stateOf(counts(2, 0, 0, 0))).toBe('accepted');
    expect(stateOf(counts(0, 0, 2, 0))).toBe('waitlisted');
    expect(stateOf(counts(0, 0, 0, 2))).toBe('refused');
  });

  it('is partial when decided lines differ', () => {
    expect(stateOf(counts(1, 0, 1, 1))).toBe('partial');
  });
});
