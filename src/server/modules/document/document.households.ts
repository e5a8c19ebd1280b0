/**
 * « Partage autorisé » (issue 11, separated parents): the documents one household sent for a shared child, as the
 * other household may read them when staff allowed it — the type and state only, never the file. The caller checked.
 */
import type { Executor } from '../../db/write.js';
import type { OtherHouseholdView } from '../../../shared/household-contracts.js';

export async function householdDocumentsOfChild(db: Executor, childId: string, familyId: string): Promise<OtherHouseholdView['documents']> {
  const rows = await db
    .selectFrom('document_submission')
    .innerJoin('document_type', 'document_type.id', 'document_submission.document_type_id')
    .select(['document_type.name', 'document_submission.state', 'document_submission.submitted_at', 'document_submission.valid_until'])
    .where('document_submission.family_id', '=', familyId)
    .where('document_submission.child_id', '=', childId)
    .orderBy('document_submission.submitted_at', 'desc')
    .limit(50)
    .execute();
  return rows.map((r) => ({ typeName: r.name, state: r.state, submittedAt: r.submitted_at, validUntil: r.valid_until }));
}
