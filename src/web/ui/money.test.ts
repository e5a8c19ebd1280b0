import { describe, expect, it } from 'vitest';
import { centsToInput, parseEuros } from './money.js';
import { formatEuros } from '../../shared/billing-labels.js';
import { monthLabel, pastMonths } from '../i18n/fr.js';

describe('euros typed by a person', () => {
  it('reads French and English decimals, spaces and the euro sign', () => {
    expect(parseEuros('12')).toBe(1200);
    expect(parseEuros('12,5')).toBe(1250);
    expect(parseEuros('12,50')).toBe(1250);
    expect(parseEuros('12.05')).toBe(1205);
    expect(parseEuros(' 1 234,56 € ')).toBe(123456);
    expect(parseEuros('1\u202f234,56\u00a0€')).toBe(123456);
    expect(parseEuros('0,01')).toBe(1);
  });

  it('refuses what is not an amount', () => {
    for (const s of ['', 'deux euros', '-5', '12,345', '1,2,3', '12,', ',5', '12 ,5x']) expect(parseEuros(s)).toBeNull();
  });

  it('round-trips with the prefilled text and the French display', () => {
    for (const c of [0, 5, 150, 123456]) expect(parseEuros(centsToInput(c))).toBe(c);
    expect(parseEuros(formatEuros(123456))).toBe(123456);
  });

  it('reads the English display and thousands separators too', () => {
    expect(parseEuros(formatEuros(123456, 'en'))).toBe(123456);
    expect(parseEuros('€1,234.56')).toBe(123456);
    expect(parseEuros('1.234,56 €')).toBe(123456);
    expect(parseEuros('1,234,567.5')).toBe(123456750);
    expect(parseEuros('1,2.3,4')).toBeNull();
  });
});

describe('months', () => {
  it('names a month in French', () => {
    expect(monthLabel('2026-10')).toBe('octobre 2026');
    expect(monthLabel('2027-02')).toBe('février 2027');
  });

  it('lists the finished months, most recent first, across a new year (Paris time)', () => {
    expect(pastMonths(3, new Date('2027-01-15T12:00:00Z'))).toEqual(['2026-12', '2026-11', '2026-10']);
    // 31 December 23:30 UTC is already 1 January in Paris
    expect(pastMonths(1, new Date('2026-12-31T23:30:00Z'))).toEqual(['2026-12']);
  });
});
