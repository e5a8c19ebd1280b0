import { registerPrivacyParticipant } from '../privacy/privacy.registry.js';
import * as repo from './franceconnect.repo.js';

/**
 * The FranceConnect identities of a family's accounts in its export (`other.franceconnect_identities`, without the
 * `sub`, an identifier of the person at FranceConnect) and its closure: identities and session ID tokens erased.
 */
export function registerFranceConnectPrivacy(): void {
  registerPrivacyParticipant({
    name: 'franceconnect',
    order: 35, // before the account's (40), which closes the sessions these tokens belong to
    exportRows: async (db, _ctx, familyId) => ({
      franceconnect_identities: (await repo.identitiesOfFamily(db, familyId)).map((r) => ({
        account_id: r.account_id,
        given_name: r.given_name,
        family_name: r.family_name,
        birthdate: r.birthdate,
        email: r.email,
        linked_at: r.linked_at,
        last_login_at: r.last_login_at,
      })),
    }),
    erase: async (trx, _ctx, familyId, subject) => {
      const accounts = new Set((await repo.identitiesOfFamily(trx, familyId)).map((r) => r.account_id));
      if (subject) accounts.add(subject.accountId);
      const ids = [...accounts];
      const sessions = ids.length ? Number((await trx.deleteFrom('fc_session').where('account_id', 'in', ids).executeTakeFirst()).numDeletedRows ?? 0) : 0;
      const identities = Number((await trx.deleteFrom('fc_identity').where('family_id', '=', familyId).executeTakeFirst()).numDeletedRows ?? 0);
      return { erased: { fc_identity: identities, fc_session: sessions }, kept: [] };
    },
  });
}
