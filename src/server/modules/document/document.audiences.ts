import type { Executor } from '../../db/write.js';
import { covers } from './document.rules.js';

/**
 * The documents module's answer to the messaging module (issue 14): « familles avec un document manquant ». Among
 * the candidate families (with their children), those for whom a required document (required, or required by an
 * activity; one type or any) has no accepted submission valid today — for the family, or for one of its children
 * when the document is a child's.
 */
export async function familiesMissingDocuments(
  db: Executor,
  candidates: { familyId: string; childIds: string[] }[],
  today: string,
  typeId?: string,
): Promise<string[]> {
  let tq = db
    .selectFrom('document_type')
    .select(['id', 'scope', 'required'])
    .where('active', '=', 1)
    .where((eb) => eb.or([eb('required', '=', 1), eb.exists(eb.selectFrom('document_type_activity').select('activity_id').whereRef('document_type_activity.document_type_id', '=', 'document_type.id'))]));
  if (typeId) tq = tq.where('id', '=', typeId);
  const types = await tq.execute();
  if (!types.length || !candidates.length) return [];
  const missing: string[] = [];
  for (let i = 0; i < candidates.length; i += 500) {
    const chunk = candidates.slice(i, i + 500);
    const subs = await db
      .selectFrom('document_submission')
      .select(['family_id', 'child_id', 'document_type_id', 'state', 'valid_until'])
      .where('family_id', 'in', chunk.map((c) => c.familyId))
      .where('state', '=', 'accepted')
      .where('document_type_id', 'in', types.map((t) => t.id))
      .execute();
    for (const c of chunk) {
      const mine = subs.filter((s) => s.family_id === c.familyId && covers(s, today));
      const lacks = types.some((t) =>
        t.scope === 'family'
          ? !mine.some((s) => s.document_type_id === t.id)
          : c.childIds.some((child) => !mine.some((s) => s.document_type_id === t.id && s.child_id === child)),
      );
      if (lacks) missing.push(c.familyId);
    }
  }
  return missing;
}

/** The active document types, to choose one in an announcement's audience. */
export async function activeDocumentTypes(db: Executor): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('document_type').select(['id', 'name']).where('active', '=', 1).orderBy('name').execute();
}
