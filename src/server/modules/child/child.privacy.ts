import { healthCipher, type AppContext } from '../../context.js';
import { registerPrivacyParticipant, subjectOf } from '../privacy/privacy.registry.js';
import { getChild, listHealthAccesses } from './child.service.js';

const count = (r: { numDeletedRows?: bigint }) => Number(r.numDeletedRows ?? 0);

/** An empty health block, encrypted for this child (what a closed family's child keeps). */
function emptyHealthOf(ctx: AppContext, childId: string): string {
  return healthCipher(ctx).encrypt(
    JSON.stringify({ v: 1, vaccinationsUpToDate: null, lastVaccinationDate: null, diseases: [], allergies: [], medicalHistory: null, observations: null, carePlan: null, doctor: { name: null, phone: null, address: null } }),
    `child:${childId}:health`,
  );
}

/**
 * The children's records in the family's export (`children`, health data decrypted: it is the family's own, and
 * `healthAccesses`) and its closure: the child rows stay (bookings point at them), anonymized; contacts, pick-up
 * persons, authorizations and history go. Called explicitly by the app's wiring.
 */
export function registerChildPrivacy(): void {
  registerPrivacyParticipant<Map<string, string>>({
    name: 'child',
    order: 20,
    exportSection: async (ctx, scope) => {
      const ids = await ctx.db.selectFrom('child').select('id').where('family_id', '=', scope.familyId).orderBy('created_at').execute();
      const children = [];
      for (const c of ids) children.push(await getChild(ctx, scope, c.id));
      return {
        children: children as unknown as Record<string, unknown>[],
        healthAccesses: (await listHealthAccesses(ctx, scope)) as unknown as Record<string, unknown>[],
      };
    },
    // the empty health blocks are encrypted before the closure's transaction (no CPU work inside it); a child added
    // meanwhile gets its block inside (one small encryption)
    prepareErase: async (ctx, familyId) =>
      new Map((await ctx.db.selectFrom('child').select('id').where('family_id', '=', familyId).execute()).map((c) => [c.id, emptyHealthOf(ctx, c.id)])),
    erase: async (trx, ctx, _familyId, subject, emptyHealth) => {
      const { childIds, now } = subjectOf(subject, 'child');
      if (!childIds.length) return { erased: {}, kept: [] };
      const erased: Record<string, number> = {};
      for (const t of ['child_pickup', 'child_contact', 'child_authorization', 'child_history'] as const)
        erased[t] = count(await trx.deleteFrom(t).where('child_id', 'in', childIds).executeTakeFirst());
      // the rows the closure locked (subject.childIds)
      const children = await trx.selectFrom('child').select(['id', 'birth_date']).where('id', 'in', childIds).orderBy('id').execute();
      for (const c of children)
        await trx
          .updateTable('child')
          .set({
            last_name: 'Anonyme',
            first_name: 'Enfant',
            // the year alone: attendance and invoice statistics by age, nothing more
            birth_date: `${c.birth_date.slice(0, 4)}-01-01`,
            school: null,
            school_class: null,
            diet_item_id: null,
            diet_label: null,
            health_data: emptyHealth?.get(c.id) ?? emptyHealthOf(ctx, c.id),
            search_key: 'anonyme enfant',
            updated_at: now,
          })
          .where('id', '=', c.id)
          .execute();
      erased.child = children.length;
      return { erased, kept: [] };
    },
  });
}
