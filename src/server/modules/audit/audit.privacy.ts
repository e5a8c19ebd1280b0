import { registerPrivacyParticipant, subjectOf } from '../privacy/privacy.registry.js';

/**
 * A family's closure in the audit log: the lines stay (who did what, when, for accountability) without their details
 * or the family's e-mail. Called explicitly by the app's wiring.
 */
export function registerAuditPrivacy(): void {
  registerPrivacyParticipant({
    name: 'audit',
    order: 60,
    erase: async (trx, _ctx, familyId, subject) => {
      const { accountId, childIds } = subjectOf(subject, 'audit');
      const r = await trx
        .updateTable('audit_log')
        .set({ details: null })
        .where((eb) =>
          eb.or([
            eb('family_id', '=', familyId),
            eb('actor_account_id', '=', accountId),
            eb('target_id', '=', accountId),
            ...(childIds.length ? [eb('target_id', 'in', childIds)] : []),
          ]),
        )
        .executeTakeFirst();
      await trx.updateTable('audit_log').set({ actor_email: null }).where('actor_account_id', '=', accountId).execute();
      return { erased: { audit_log: Number(r.numUpdatedRows) }, kept: [] };
    },
  });
}
