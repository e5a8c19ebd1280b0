import { describe, expect, it } from 'vitest';
import { transition, type ProviderResult } from './payment.state.js';
import { PAYMENT_STATUSES } from '../../../shared/payment-labels.js';

const paid: ProviderResult = { kind: 'paid', transactionId: 'T1', amountCents: 1000, reference: 'R', code: 'P' };
const refused: ProviderResult = { kind: 'refused', amountCents: 1000, reference: 'R', code: 'R' };
const abandoned: ProviderResult = { kind: 'abandoned', code: 'A' };
const pending: ProviderResult = { kind: 'pending', code: 'P5' };
const unknown: ProviderResult = { kind: 'unknown', code: 'P1' };
const onTime = { overdue: false };

describe('payment state machine', () => {
  it('moves a pending payment to the state the provider gives', () => {
    expect(transition('pending', paid, onTime)).toEqual({ next: 'paid', settle: true });
    expect(transition('pending', refused, onTime)).toEqual({ next: 'refused', settle: false });
    expect(transition('pending', abandoned, onTime)).toEqual({ next: 'abandoned', settle: false });
    expect(transition('pending', unknown, onTime)).toEqual({ next: 'expired', settle: false });
  });

  it('keeps a payment pending while the result is not known, then gives it up', () => {
    expect(transition('pending', pending, onTime)).toEqual({ next: 'pending', settle: false });
    expect(transition('pending', pending, { overdue: true })).toEqual({ next: 'expired', settle: false });
  });

  it('never settles a paid payment twice, whatever comes next', () => {
    for (const r of [paid, refused, abandoned, pending, unknown]) {
      expect(transition('paid', r, onTime)).toEqual({ next: 'paid', settle: false });
      expect(transition('paid', r, { overdue: true })).toEqual({ next: 'paid', settle: false });
    }
  });

  it('records money taken after the payment was given up', () => {
    expect(transition('expired', paid, onTime)).toEqual({ next: 'paid', settle: true });
    expect(transition('expired', refused, onTime)).toEqual({ next: 'expired', settle: false });
  });

  it('keeps refused and abandoned payments final', () => {
    for (const s of ['refused', 'abandoned'] as const)
      for (const r of [paid, refused, abandoned, pending, unknown]) expect(transition(s, r, onTime).next).toBe(s);
  });

  it('settles only on the way to paid', () => {
    for (const s of PAYMENT_STATUSES)
      for (const r of [paid, refused, abandoned, pending, unknown]) {
        const t = transition(s, r, onTime);
        expect(t.settle).toBe(t.next === 'paid' && s !== 'paid');
      }
  });

  it('records a payment the family left on the portal when the bank says it was paid after all (issue 17)', () => {
    expect(transition('abandoned', paid, { overdue: false, leftByFamily: true })).toEqual({ next: 'paid', settle: true });
    for (const r of [refused, abandoned, pending, unknown]) expect(transition('abandoned', r, { overdue: false, leftByFamily: true }).next).toBe('abandoned');
  });
});
