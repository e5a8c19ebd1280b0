/**
 * « Partage autorisé » (issue 11, separated parents): what one household of a shared child may read of the other's
 * invoices when staff allowed it — per published invoice, the amount of its lines for that child and whether the
 * invoice is settled. Never the other children's lines, the payer or the payments. The caller checked the permission.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/write.js';
import type { OtherHouseholdView } from '../../../shared/household-contracts.js';

export async function householdInvoicesOfChild(db: Executor, childId: string, familyId: string): Promise<OtherHouseholdView['invoices']> {
  const rows = await db
    .selectFrom('invoice')
    .innerJoin('invoice_line', 'invoice_line.invoice_id', 'invoice.id')
    .select([
      'invoice.id',
      'invoice.reference',
      'invoice.month',
      'invoice.issued_on',
      'invoice.total_cents',
      'invoice.credited_cents',
      'invoice.paid_cents',
      sql<number>`sum(invoice_line.amount_cents)`.as('child_cents'),
    ])
    .where('invoice.family_id', '=', familyId)
    .where('invoice.state', '=', 'published')
    .where('invoice_line.child_id', '=', childId)
    .groupBy(['invoice.id', 'invoice.reference', 'invoice.month', 'invoice.issued_on', 'invoice.total_cents', 'invoice.credited_cents', 'invoice.paid_cents'])
    .orderBy('invoice.month', 'desc')
    .orderBy('invoice.id', 'desc')
    .limit(24)
    .execute();
  return rows.map((r) => ({
    reference: r.reference,
    month: r.month,
    issuedOn: r.issued_on,
    childAmountCents: Number(r.child_cents),
    settled: Number(r.paid_cents) + Number(r.credited_cents) >= Number(r.total_cents),
  }));
}
