import { registerPrivacyParticipant, subjectOf } from '../privacy/privacy.registry.js';
import { NotFoundError } from '../../errors.js';
import { familyLogin } from './account.logins.js';

const count = (r: { numDeletedRows?: bigint }) => Number(r.numDeletedRows ?? 0);

/**
 * A family's login in its export (`account`) and its closure: no e-mail, no usable password, no session, no pending
 * link, no throttle counter under its addresses. Called explicitly by the app's wiring.
 */
export function registerAccountPrivacy(): void {
  registerPrivacyParticipant({
    name: 'account',
    order: 40,
    exportSection: async (ctx, scope) => {
      const a = await familyLogin(ctx.db, scope.familyId);
      if (!a) throw new NotFoundError();
      // every member login of the family (issue 11), with its rights and the invitations sent (never a token)
      const members = await ctx.db
        .selectFrom('account')
        .select(['id', 'email', 'display_name', 'status', 'member_role', 'guardian_rank', 'can_book', 'can_pay', 'can_edit', 'created_at', 'last_login_at'])
        .where('family_id', '=', scope.familyId)
        .where('kind', '=', 'family')
        .orderBy('created_at')
        .execute();
      const invitations = await ctx.db
        .selectFrom('family_invitation')
        .select(['id', 'email', 'guardian_rank', 'can_book', 'can_pay', 'can_edit', 'created_at', 'expires_at', 'accepted_at', 'withdrawn_at'])
        .where('family_id', '=', scope.familyId)
        .orderBy('created_at')
        .execute();
      return {
        members,
        invitations,
        account: {
          id: a.id,
          email: a.email,
          status: a.status,
          created_at: a.created_at,
          validated_at: a.validated_at,
          last_login_at: a.last_login_at,
          password_changed_at: a.password_changed_at,
        },
      };
    },
    erase: async (trx, _ctx, familyId, subject) => {
      const { accountId, emails, now } = subjectOf(subject, 'account');
      // every login of the family (issue 11: one per guardian, and those who left), locked by the closure with the holder's
      const accounts = await trx.selectFrom('account').select(['id', 'email']).where('family_id', '=', familyId).where('kind', '=', 'family').execute();
      const ids = [...new Set([accountId, ...accounts.map((a) => a.id)])];
      const addresses = [...new Set([...emails, ...accounts.map((a) => a.email.toLowerCase())])];
      const erased: Record<string, number> = {};
      erased.session = count(await trx.deleteFrom('session').where('account_id', 'in', ids).executeTakeFirst());
      erased.account_token = count(await trx.deleteFrom('account_token').where('account_id', 'in', ids).executeTakeFirst());
      erased.family_invitation = count(await trx.deleteFrom('family_invitation').where('family_id', '=', familyId).executeTakeFirst());
      erased.throttle = 0;
      for (const e of addresses) erased.throttle += count(await trx.deleteFrom('throttle').where('key', 'like', `%:${e}`).executeTakeFirst());
      for (const id of ids)
        await trx
          .updateTable('account')
          .set({ email: `ferme-${id}@invalid.invalid`, password_hash: '!closed', status: 'disabled', display_name: null, rejection_reason: null, updated_at: now })
          .where('id', '=', id)
          .execute();
      erased.account = ids.length;
      return { erased, kept: [] };
    },
  });
}
