import { registerPrivacyParticipant } from '../privacy/privacy.registry.js';
import { forUpdate } from '../../db/write.js';

/**
 * Online payments in the family's export and closure. On closure the e-mail address given to the provider is
 * erased; payments that did not go through (refused, abandoned, expired, failed) are deleted; paid and in-flight
 * ones are kept, as accounting records (billing keeps the money received).
 */
export function registerPaymentPrivacy(): void {
  registerPrivacyParticipant({
    name: 'payment',
    exportRows: async (db, _ctx, familyId) => {
      const payments = await db
        .selectFrom('online_payment')
        .select(['id', 'provider', 'reference', 'amount_cents', 'status', 'email', 'created_at', 'settled_at'])
        .where('family_id', '=', familyId)
        .orderBy('created_at')
        .execute();
      const lines = payments.length
        ? await db
            .selectFrom('online_payment_line')
            .select(['payment_id', 'invoice_number', 'amount_cents'])
            .where('payment_id', 'in', payments.map((p) => p.id))
            .execute()
        : [];
      return { online_payments: payments, online_payment_invoices: lines };
    },
    erase: async (trx, _ctx, familyId) => {
      // lock what you read (id order): a payment settled at the same instant (expired → paid) is no longer selected
      // once its lock is released, and is kept with the money it recorded
      const gone = (
        await forUpdate(
          trx,
          trx.selectFrom('online_payment').select('id').where('family_id', '=', familyId).where('status', 'in', ['refused', 'abandoned', 'expired', 'failed']).orderBy('id'),
        ).execute()
      ).map((r) => r.id);
      let lines = 0;
      if (gone.length) {
        lines = Number((await trx.deleteFrom('online_payment_line').where('payment_id', 'in', gone).executeTakeFirst()).numDeletedRows);
        await trx.deleteFrom('online_payment').where('id', 'in', gone).execute();
      }
      const kept = await trx.updateTable('online_payment').set({ email: '' }).where('family_id', '=', familyId).executeTakeFirst();
      const keptRows = Number(kept.numUpdatedRows);
      return {
        erased: { online_payment: gone.length, online_payment_line: lines },
        kept: keptRows
          ? [{ table: 'online_payment', rows: keptRows, reasonKey: 'onlinePayments' as const }]
          : [],
      };
    },
  });
}
