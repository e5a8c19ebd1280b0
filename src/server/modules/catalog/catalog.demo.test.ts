import { describe, expect, it } from 'vitest';
import { summerMondayAfter } from './catalog.demo.js';

describe('demo summer holidays (issue 17)', () => {
  it('start on the Monday on or after 6 July, this year or the next — never in December', () => {
    expect(summerMondayAfter('2026-12-05')).toBe('2027-07-12'); // 6 July 2027 is a Tuesday
    expect(summerMondayAfter('2026-03-01')).toBe('2026-07-06'); // a Monday itself
    expect(summerMondayAfter('2026-07-06')).toBe('2027-07-12'); // begun today: next year's
  });
});
