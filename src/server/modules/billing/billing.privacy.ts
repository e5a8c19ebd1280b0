import { registerPrivacyParticipant } from '../privacy/privacy.registry.js';
import { forUpdate } from '../../db/write.js';
import { isoNow } from '../../clock.js';

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
      // issue 13: direct-debit mandates (the family's own bank details), reminders, refunds, the debt rule's state
      const mandates = await db
        .selectFrom('sepa_mandate')
        .select(['rum', 'office_id', 'holder_name', 'iban', 'bic', 'state', 'sequence', 'signed_on', 'signed_place', 'created_at', 'activated_at', 'ended_at', 'end_reason'])
        .where('family_id', '=', familyId)
        .orderBy('created_at')
        .execute();
      const reminders = ids.length
        ? await db.selectFrom('invoice_reminder').select(['invoice_id', 'step', 'channel', 'balance_cents', 'sent_at']).where('invoice_id', 'in', ids).orderBy('id').execute()
        : [];
      const refunds = await db.selectFrom('refund').select(['kind', 'method', 'amount_cents', 'reference', 'refunded_on']).where('family_id', '=', familyId).orderBy('id').execute();
      const lifts = await db.selectFrom('debt_lift').select(['until', 'reason', 'created_at']).where('family_id', '=', familyId).execute();
      const pauses = await db.selectFrom('reminder_pause').select(['reason', 'created_at']).where('family_id', '=', familyId).execute();
      return { invoices, invoice_lines: lines, credit_notes: creditNotes, payments, sepa_mandates: mandates, invoice_reminders: reminders, refunds, debt_lifts: lifts, reminder_pauses: pauses };
    },
    erase: async (trx, ctx, familyId) => {
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
      // issue 13: mandates never used by a debit are erased; those used are debit evidence (kept with the payments,
      // ended); the debt rule's lift and the reminders' pause go
      const used = trx.selectFrom('sepa_batch_item').select('mandate_id');
      const mandatesErased = Number((await trx.deleteFrom('sepa_mandate').where('family_id', '=', familyId).where('id', 'not in', used).executeTakeFirst()).numDeletedRows);
      await trx
        .updateTable('sepa_mandate')
        .set({ state: 'revoked', ended_at: isoNow(ctx.clock), end_reason: 'closure' })
        .where('family_id', '=', familyId)
        .where('state', 'in', ['requested', 'active'])
        .execute();
      const lifts = Number((await trx.deleteFrom('debt_lift').where('family_id', '=', familyId).executeTakeFirst()).numDeletedRows);
      const pauses = Number((await trx.deleteFrom('reminder_pause').where('family_id', '=', familyId).executeTakeFirst()).numDeletedRows);
      const count = async (table: 'invoice' | 'payment') =>
        Number((await trx.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('family_id', '=', familyId).executeTakeFirstOrThrow()).n);
      const invoices = await count('invoice');
      const payments = await count('payment');
      return {
        erased: { invoice: drafts.length, invoice_line: lines, sepa_mandate: mandatesErased, debt_lift: lifts, reminder_pause: pauses },
        kept: [
          ...(invoices ? [{ table: 'invoice', rows: invoices, reasonKey: 'invoices' as const }] : []),
          ...(payments ? [{ table: 'payment', rows: payments, reasonKey: 'payments' as const }] : []),
        ],
      };
    },
  });
}
