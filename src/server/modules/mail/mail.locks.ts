import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { forUpdate } from '../../db/write.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Locks one outbox message's row (an admin's retry reads its state under this lock); false when there is none. */
export async function lockOutboxMessage(trx: Executor, id: number): Promise<boolean> {
  return (await forUpdate(trx, trx.selectFrom('outbox').select('id').where('id', '=', id)).executeTakeFirst()) !== undefined;
}
