import { describe, expect, it } from 'vitest';
import { custodyAllows, parseWeekdays } from './custody.js';

describe('custodyAllows', () => {
  it('free: every day', () => {
    expect(custodyAllows({ kind: 'free', anchor: null, weekdays: [] }, '2026-12-09')).toBe(true);
  });
  it('alternate weeks: the anchor week and every other week, before and after it', () => {
    const a = { kind: 'alternate_weeks' as const, anchor: '2026-12-07', weekdays: [] };
    expect(custodyAllows(a, '2026-12-07')).toBe(true);
    expect(custodyAllows(a, '2026-12-13')).toBe(true); // Sunday of the same week
    expect(custodyAllows(a, '2026-12-14')).toBe(false);
    expect(custodyAllows(a, '2026-12-21')).toBe(true);
    expect(custodyAllows(a, '2026-11-30')).toBe(false);
    expect(custodyAllows(a, '2026-11-23')).toBe(true);
    // across a year end and a daylight-saving change
    expect(custodyAllows(a, '2027-01-04')).toBe(true);
    expect(custodyAllows(a, '2027-04-05')).toBe(custodyAllows(a, '2027-03-22'));
  });
  it('weekdays: only the household’s weekdays', () => {
    const w = { kind: 'weekdays' as const, anchor: null, weekdays: [1, 3] };
    expect(custodyAllows(w, '2026-12-07')).toBe(true); // Monday
    expect(custodyAllows(w, '2026-12-08')).toBe(false);
    expect(custodyAllows(w, '2026-12-09')).toBe(true);
  });
  it('parses stored weekdays, ignoring junk', () => {
    expect(parseWeekdays('1,3,5')).toEqual([1, 3, 5]);
    expect(parseWeekdays(null)).toEqual([]);
    expect(parseWeekdays('0,8,x,2')).toEqual([2]);
  });
});
