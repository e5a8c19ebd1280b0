import { healthCipher, type AppContext } from '../../context.js';
import { registerPrivacyParticipant, subjectOf } from '../privacy/privacy.registry.js';
import { getChild, listHealthAccesses, sharedChildIds } from './child.service.js';
import * as repo from './child.repo.js';

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
      // the household's children (a shared child with this household's own contacts only)
      const ids = await repo.childrenOf(ctx.db, scope.familyId);
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
      new Map((await repo.childrenOf(ctx.db, familyId)).map((c) => [c.id, emptyHealthOf(ctx, c.id)])),
    erase: async (trx, ctx, familyId, subject, emptyHealth) => {
      const { childIds, now } = subjectOf(subject, 'child');
      const erased: Record<string, number> = {};
      // A child shared with another household (issue 11) stays whole for it: the closed household is unlinked, its
      // own contacts and pick-up persons go, its name leaves the child's history. (subject.childIds holds only the
      // household's own children: lockChildrenOfFamily.)
      const shared = [...(await sharedChildIds(trx, familyId))].sort();
      if (shared.length) {
        erased.child_people = await repo.deletePeopleOfHousehold(trx, shared, familyId);
        for (const childId of shared) {
          await repo.deleteHousehold(trx, childId, familyId);
          const child = await repo.findChild(trx, childId);
          const left = await repo.householdsOf(trx, childId);
          if (child?.family_id === familyId && left[0]) await repo.setFirstHousehold(trx, childId, left[0].family_id);
        }
        await trx.updateTable('child_history').set({ actor_name: null }).where('child_id', 'in', shared).where('family_id', '=', familyId).execute();
        erased.child_household = shared.length;
      }
      if (!childIds.length) return { erased, kept: [] };
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
