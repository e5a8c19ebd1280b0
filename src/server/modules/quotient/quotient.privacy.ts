import { registerPrivacyParticipant } from '../privacy/privacy.registry.js';

/**
 * The family quotient in the family's export (its consent and every value with its source, under `other`) and its
 * closure: the consent and the history go (the invoices keep the quotient they were computed with, billing's part).
 */
export function registerQuotientPrivacy(): void {
  registerPrivacyParticipant({
    name: 'quotient',
    exportRows: async (db, _ctx, familyId) => {
      const state = await db
        .selectFrom('quotient_state')
        .select(['source', 'computed_month', 'fetched_at', 'recorded_at', 'consent_given_at', 'consent_email', 'consent_withdrawn_at'])
        .where('family_id', '=', familyId)
        .execute();
      const history = await db
        .selectFrom('quotient_history')
        .select(['seq', 'quotient', 'source', 'computed_month', 'recorded_at'])
        .where('family_id', '=', familyId)
        .orderBy('seq')
        .execute();
      return { quotient_consent: state, quotient_history: history };
    },
    erase: async (trx, _ctx, familyId) => {
      const h = await trx.deleteFrom('quotient_history').where('family_id', '=', familyId).executeTakeFirst();
      const s = await trx.deleteFrom('quotient_state').where('family_id', '=', familyId).executeTakeFirst();
      return { erased: { quotient_history: Number(h.numDeletedRows), quotient_state: Number(s.numDeletedRows) }, kept: [] };
    },
  });
}
