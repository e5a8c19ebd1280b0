import type { InvoiceState } from '../../../shared/billing-contracts.js';

/** paid / unpaid / partly paid / overdue / credited, from the amounts and the due date (Paris days). */
export function invoiceState(r: { total_cents: number; credited_cents: number; paid_cents: number; due_on: string | null }, today: string): InvoiceState {
  const balance = r.total_cents - r.credited_cents - r.paid_cents;
  if (balance <= 0) return r.paid_cents === 0 && r.credited_cents > 0 ? 'credited' : 'paid';
  if (r.due_on && r.due_on < today) return 'overdue';
  return r.paid_cents > 0 || r.credited_cents > 0 ? 'partly_paid' : 'unpaid';
}
