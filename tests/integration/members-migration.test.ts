/** Migration 0014 (family members) on a database that already holds accounts (SQLite and PostgreSQL). */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { createFamily, createStaff } from '../support/factories.js';
import * as m0014 from '../../src/server/db/migrations/0014-family-members.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('migration 0014 (family members)', () => {
  it('makes every existing family login its family’s holder, guardian 1, with every right; staff get none; down and up again', async () => {
    const db = t.ctx.db as never as Kysely<any>;
    const f1 = await createFamily(t.ctx);
    const f2 = await createFamily(t.ctx, { status: 'pending' });
    const staff = await createStaff(t.ctx);
    await m0014.down(db);
    // a family that somehow held two logins: the oldest is the holder, the other a member
    await sql`insert into account (id, email, password_hash, kind, role, status, family_id, display_name, created_at, updated_at)
              values ('late', 'tard@example.org', 'x', 'family', null, 'active', ${f1.familyId}, 'Tard', '2999-01-01T00:00:00Z', '2999-01-01T00:00:00Z')`.execute(db);
    await m0014.up(db);
    const rows = await t.ctx.db
      .selectFrom('account')
      .select(['id', 'member_role', 'guardian_rank', 'can_book', 'can_pay', 'can_edit'])
      .where('id', 'in', [f1.accountId, f2.accountId, staff.accountId, 'late'])
      .execute();
    const by = new Map(rows.map((r) => [r.id, r]));
    expect(by.get(f1.accountId)).toMatchObject({ member_role: 'holder', guardian_rank: 1, can_book: 1, can_pay: 1, can_edit: 1 });
    expect(by.get(f2.accountId)).toMatchObject({ member_role: 'holder', guardian_rank: 1 });
    expect(by.get('late')).toMatchObject({ member_role: 'member', guardian_rank: null });
    expect(by.get(staff.accountId)).toMatchObject({ member_role: null, guardian_rank: null, can_book: 0 });
    // one login per guardian: a second guardian 1 in the family is refused by the database
    await expect(t.ctx.db.updateTable('account').set({ guardian_rank: 1 }).where('id', '=', 'late').execute()).rejects.toThrow();
    await t.ctx.db.deleteFrom('account').where('id', '=', 'late').execute();
    await m0014.down(db);
    await m0014.up(db);
    expect(await t.ctx.db.selectFrom('family_invitation').selectAll().execute()).toEqual([]);
  });
});
