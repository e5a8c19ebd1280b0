import { registerPrivacyParticipant } from '../privacy/privacy.registry.js';
import { forUpdate } from '../../db/write.js';

/**
 * Invoices and payments in the family's export and closure. Published invoices, their credit notes and the money
 * received are accounting records that public accounting keeps for 10 years: kept as they are (an invoice is
 * never edited). Unpublished drafts and discarded runs' invoices are erased.
 */
export function registerBillingPrivacy(): void {
  registerPrivacyParticipant({
    name: 'billing',
    exportRows: async (db, _ctx, familyId) => {
      const invoices = await db
        .selectFrom('invoice')
        .select(['id', 'reference', 'month', 'issued_on', 'due_on', 'total_cents', 'credited_cents', 'paid_cents', 'payer', 'quotient', 'resident'])
        .where('family_id', '=', familyId)
        .where('state', '=', 'published')
        .orderBy('id')
        .execute();
      const ids = invoices.map((i) => i.id);
      const lines = ids.length
        ? await db
            .selectFrom('invoice_line')
            .select(['invoice_id', 'child_name', 'activity_name', 'unit_label', 'kind', 'days', 'quantity', 'unit_price_cents', 'amount_cents'])
            .where('invoice_id', 'in', ids)
            .orderBy('invoice_id')
            .orderBy('position')
            .execute()
        : [];
      const creditNotes = ids.length
        ? await db.selectFrom('credit_note').select(['invoice_id', 'reference', 'amount_cents', 'reason', 'created_at']).where('invoice_id', 'in', ids).execute()
        : [];
      const payments = await db
        .selectFrom('payment')
        .select(['id', 'method', 'amount_cents', 'allocated_cents', 'reference', 'received_on'])
        .where('family_id', '=', familyId)
        .orderBy('id')
        .execute();
      return { invoices, invoice_lines: lines, credit_notes: creditNotes, payments };
    },
    erase: async (trx, _ctx, familyId) => {
      // lock what you read: the unpublished invoices, in id order; one published meanwhile (a run published at the
      // same instant) is no longer selected once its lock is released, and is kept
      const drafts = (
        await forUpdate(trx, trx.selectFrom('invoice').select('id').where('family_id', '=', familyId).where('state', '<>', 'published').orderBy('id')).execute()
      ).map((r) => r.id);
      let lines = 0;
      if (drafts.length) {
        lines = Number((await trx.deleteFrom('invoice_line').where('invoice_id', 'in', drafts).executeTakeFirst()).numDeletedRows);
        await trx.deleteFrom('invoice').where('id', 'in', drafts).execute();
      }
      const count = async (table: 'invoice' | 'payment') =>
        Number((await trx.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('family_id', '=', familyId).executeTakeFirstOrThrow()).n);
      const invoices = await count('invoice');
      const payments = await count('payment');
      return {
        erased: { invoice: drafts.length, invoice_line: lines },
        kept: [
          ...(invoices ? [{ table: 'invoice', rows: invoices, reasonKey: 'invoices' as const }] : []),
          ...(payments ? [{ table: 'payment', rows: payments, reasonKey: 'payments' as const }] : []),
        ],
      };
    },
  });
}
