import { describe, expect, it } from 'vitest';
import { invoiceState } from './billing.state.js';

const inv = (total: number, credited: number, paid: number, due = '2026-11-04') => ({ total_cents: total, credited_cents: credited, paid_cents: paid, due_on: due });

describe('invoice state (§6.1)', () => {
  it('is unpaid, partly paid, paid, overdue or credited', () => {
    expect(invoiceState(inv(1000, 0, 0), '2026-11-04')).toBe('unpaid');
    expect(invoiceState(inv(1000, 0, 400), '2026-11-04')).toBe('partly_paid');
    expect(invoiceState(inv(1000, 300, 0), '2026-11-04')).toBe('partly_paid');
    expect(invoiceState(inv(1000, 0, 1000), '2026-12-01')).toBe('paid');
    expect(invoiceState(inv(1000, 400, 600), '2026-12-01')).toBe('paid');
    expect(invoiceState(inv(1000, 1000, 0), '2026-12-01')).toBe('credited');
  });
  it('is overdue the day after the due date while something remains to pay', () => {
    expect(invoiceState(inv(1000, 0, 0), '2026-11-05')).toBe('overdue');
    expect(invoiceState(inv(1000, 0, 999), '2026-11-05')).toBe('overdue');
    expect(invoiceState(inv(1000, 0, 0, '2026-11-05'), '2026-11-05')).toBe('unpaid');
  });
});
