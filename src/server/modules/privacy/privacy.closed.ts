import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Whether the family has been closed (its closure carried out). Other modules ask here, never in privacy_request:
 * family.lockOpenFamily asks it once the family row is locked, the row the closure locks first.
 */
export async function familyClosed(db: Executor, familyId: string): Promise<boolean> {
  const closed = await db.selectFrom('privacy_request').select('closed_at').where('family_id', '=', familyId).where('closed_at', 'is not', null).executeTakeFirst();
  return closed !== undefined;
}
