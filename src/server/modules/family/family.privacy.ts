import { registerPrivacyParticipant, subjectOf } from '../privacy/privacy.registry.js';
import { getFamilyRecord } from './family.service.js';

/**
 * The family's record in its export (`family`) and its closure: guardian 2 goes; guardian 1 stays as an anonymous
 * « Famille clôturée » (staff lists name a family by it), the family row without its address or benefits. Called
 * explicitly by the app's wiring.
 */
export function registerFamilyPrivacy(): void {
  registerPrivacyParticipant({
    name: 'family',
    order: 30,
    exportSection: async (ctx, scope) => ({ family: (await getFamilyRecord(ctx, scope)) as unknown as Record<string, unknown> }),
    erase: async (trx, _ctx, familyId, subject) => {
      const { now } = subjectOf(subject, 'family');
      const others = await trx.deleteFrom('guardian').where('family_id', '=', familyId).where('rank', '!=', 1).executeTakeFirst();
      await trx
        .updateTable('guardian')
        .set({ civility: null, last_name: 'Famille clôturée', first_name: '', birth_date: null, mobile_phone: null, home_phone: null, work_phone: null, email: null, profession: null, employer: null })
        .where('family_id', '=', familyId)
        .execute();
      await trx
        .updateTable('family')
        .set({ address_line1: null, address_line2: null, postal_code: null, city: null, insee_code: null, family_situation: null, benefits_regime: null, benefits_number: null, family_quotient: null, updated_at: now })
        .where('id', '=', familyId)
        .execute();
      return { erased: { guardian: Number(others.numDeletedRows) + 1, family: 1 }, kept: [] };
    },
  });
}
