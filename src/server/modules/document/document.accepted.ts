import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { covers } from './document.rules.js';

type Executor = Kysely<DB> | Transaction<DB>;

export interface AcceptedDocument {
  id: string;
  typeName: string;
  acceptedAt: string | null;
  validUntil: string | null;
}

/**
 * A family's accepted documents valid on `day` (family-level and its children's), newest first: the ones staff may
 * cite to justify an entry (issue 15: a family quotient entered by hand on a CAF/MSA certificate).
 */
export async function acceptedDocuments(db: Executor, familyId: string, day: string): Promise<AcceptedDocument[]> {
  const rows = await db
    .selectFrom('document_submission as s')
    .innerJoin('document_type as t', 't.id', 's.document_type_id')
    .select(['s.id', 't.name', 's.reviewed_at', 's.valid_until', 's.state'])
    .where('s.family_id', '=', familyId)
    .where('s.state', '=', 'accepted')
    .orderBy('s.reviewed_at', 'desc')
    .orderBy('s.id')
    .execute();
  return rows.filter((r) => covers(r, day)).map((r) => ({ id: r.id, typeName: r.name, acceptedAt: r.reviewed_at, validUntil: r.valid_until }));
}

/** One accepted document of this family valid on `day`, or null (another family's, refused, expired or unknown). */
export async function acceptedDocument(db: Executor, familyId: string, submissionId: string, day: string): Promise<AcceptedDocument | null> {
  return (await acceptedDocuments(db, familyId, day)).find((d) => d.id === submissionId) ?? null;
}

/** The type names of these submissions (a history names the document it cites, even once expired). */
export async function documentNames(db: Executor, submissionIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(submissionIds)];
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('document_submission as s')
    .innerJoin('document_type as t', 't.id', 's.document_type_id')
    .select(['s.id', 't.name'])
    .where('s.id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
