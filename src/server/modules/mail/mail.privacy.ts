import { registerPrivacyParticipant, subjectOf } from '../privacy/privacy.registry.js';
import { maskMailTokens } from './mail.redact.js';

/**
 * The mails sent to a family, in its export (`messages`) and its closure (what was sent to the family or to any of its
 * addresses, and anything still queued, is deleted). Called explicitly by the app's wiring.
 */
export function registerMailPrivacy(): void {
  registerPrivacyParticipant({
    name: 'mail',
    order: 50,
    // the mails as the family received them, but without their single-use links (reset, e-mail confirmation): whoever
    // holds the export (a session is enough to download it) must not be able to use them
    exportSection: async (ctx, scope) => ({
      messages: (
        await ctx.db
          .selectFrom('outbox')
          .select(['created_at', 'template', 'to_address', 'subject', 'text_body', 'status', 'sent_at'])
          .where('family_id', '=', scope.familyId)
          .orderBy('id')
          .execute()
      ).map((m) => ({ ...m, text_body: maskMailTokens(m.text_body) })),
    }),
    erase: async (trx, _ctx, familyId, subject) => {
      const { emails } = subjectOf(subject, 'mail');
      const r = await trx
        .deleteFrom('outbox')
        .where((eb) => eb.or([eb('family_id', '=', familyId), ...(emails.length ? [eb('to_address', 'in', emails)] : [])]))
        .executeTakeFirst();
      return { erased: { outbox: Number(r.numDeletedRows) }, kept: [] };
    },
  });
}
