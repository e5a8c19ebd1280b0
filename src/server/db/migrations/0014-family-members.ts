import { sql, type Kysely } from 'kysely';

/**
 * Family members: one login per guardian, rights, invitations (issue 11).
 *
 * - `account.member_role` ('holder' | 'member', null for staff), the member's rights `can_book`, `can_pay`,
 *   `can_edit` (0/1; the holder always has all) and `guardian_rank` (1 or 2: the guardian of the family record this
 *   login is; null for staff). Every existing family account becomes its family's holder, guardian 1, all rights.
 *   One login per guardian: UNIQUE (family_id, guardian_rank) among members.
 * - `family_invitation`: single-use, withdrawable invitations of a second member (only the token's SHA-256 is kept).
 * - `online_payment.account_id`: the member who started an online payment (« who paid »).
 * Booleans are integers 0/1 on both databases.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('account')
    .addColumn('member_role', 'text', (c) => c.check(sql`member_role in ('holder', 'member')`))
    .execute();
  for (const right of ['can_book', 'can_pay', 'can_edit'])
    await db.schema
      .alterTable('account')
      .addColumn(right, 'integer', (c) => c.notNull().defaultTo(0).check(sql.raw(`${right} in (0, 1)`)))
      .execute();
  await db.schema
    .alterTable('account')
    .addColumn('guardian_rank', 'integer', (c) => c.check(sql`guardian_rank in (1, 2)`))
    .execute();
  // each family's oldest account is its holder, guardian 1 (there was one login per family; should a family hold
  // more, the others become members with every right and no guardian)
  await sql`UPDATE account SET member_role = 'holder', can_book = 1, can_pay = 1, can_edit = 1, guardian_rank = 1
            WHERE kind = 'family' AND family_id IS NOT NULL
              AND id = (SELECT a2.id FROM account a2 WHERE a2.kind = 'family' AND a2.family_id = account.family_id ORDER BY a2.created_at, a2.id LIMIT 1)`.execute(db);
  await sql`UPDATE account SET member_role = 'member', can_book = 1, can_pay = 1, can_edit = 1
            WHERE kind = 'family' AND family_id IS NOT NULL AND member_role IS NULL`.execute(db);
  await db.schema.createIndex('account_family_member_idx').on('account').columns(['family_id', 'created_at']).execute();
  // one login per guardian of a family: the last guard of two invitations for one guardian accepted at once
  await sql`CREATE UNIQUE INDEX account_family_rank_unique ON account (family_id, guardian_rank) WHERE member_role IS NOT NULL`.execute(db);

  await db.schema
    .createTable('family_invitation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().references('family.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('guardian_rank', 'integer', (c) => c.notNull().check(sql`guardian_rank in (1, 2)`))
    .addColumn('can_book', 'integer', (c) => c.notNull().check(sql`can_book in (0, 1)`))
    .addColumn('can_pay', 'integer', (c) => c.notNull().check(sql`can_pay in (0, 1)`))
    .addColumn('can_edit', 'integer', (c) => c.notNull().check(sql`can_edit in (0, 1)`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('accepted_account_id', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_by', 'text')
    .execute();
  await db.schema.createIndex('family_invitation_family_idx').on('family_invitation').columns(['family_id', 'created_at']).execute();

  await db.schema.alterTable('online_payment').addColumn('account_id', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('online_payment').dropColumn('account_id').execute();
  await db.schema.dropTable('family_invitation').execute();
  await db.schema.dropIndex('account_family_rank_unique').execute();
  await db.schema.dropIndex('account_family_member_idx').execute();
  for (const column of ['guardian_rank', 'can_edit', 'can_pay', 'can_book', 'member_role'])
    await db.schema.alterTable('account').dropColumn(column).execute();
}
