/** Migration 0015 on a database that already holds children, contacts and pick-up persons (SQLite and PostgreSQL). */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { createFamily } from '../support/factories.js';
import * as m0015 from '../../src/server/db/migrations/0015-households.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('migration 0015 (households)', () => {
  it('links every existing child to its family and gives its contacts and pick-up persons that household; down and up again', async () => {
    const db = t.ctx.db as never as import('kysely').Kysely<any>;
    const f1 = await createFamily(t.ctx);
    const f2 = await createFamily(t.ctx);
    await m0015.down(db);
    const child = (id: string, familyId: string) =>
      sql`insert into child (id, family_id, last_name, first_name, sex, birth_date, health_data, search_key, created_at, updated_at)
          values (${id}, ${familyId}, 'Martin', 'Léa', 'F', '2018-01-01', 'x', 'martin lea', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`.execute(db);
    await child('c1', f1.familyId);
    await child('c2', f2.familyId);
    await sql`insert into child_contact (id, child_id, position, last_name, first_name, relationship, phone1) values ('k1', 'c1', 1, 'A', 'B', 'Oncle', '0600000000'), ('k2', 'c2', 1, 'C', 'D', 'Tante', '0600000001')`.execute(db);
    await sql`insert into child_pickup (id, child_id, position, contact_id) values ('p1', 'c1', 1, 'k1')`.execute(db);
    await m0015.up(db);
    const links = await t.ctx.db.selectFrom('child_household').select(['child_id', 'family_id', 'custody_kind', 'linked_at']).orderBy('child_id').execute();
    expect(links).toEqual([
      { child_id: 'c1', family_id: f1.familyId, custody_kind: 'free', linked_at: '2026-01-01T00:00:00Z' },
      { child_id: 'c2', family_id: f2.familyId, custody_kind: 'free', linked_at: '2026-01-01T00:00:00Z' },
    ]);
    expect(await t.ctx.db.selectFrom('child_contact').select(['id', 'family_id']).orderBy('id').execute()).toEqual([
      { id: 'k1', family_id: f1.familyId },
      { id: 'k2', family_id: f2.familyId },
    ]);
    expect(await t.ctx.db.selectFrom('child_pickup').select(['id', 'family_id']).execute()).toEqual([{ id: 'p1', family_id: f1.familyId }]);
    // a household linked twice is refused by the primary key (the row as migration 0015 shaped it, before 0022)
    const again = { ...links[0], custody_anchor: null, custody_weekdays: null, linked_by: null, custody_kind: 'free' };
    await expect(t.ctx.db.insertInto('child_household').values(again as never).execute()).rejects.toThrow(/unique|duplicate|primary/i);
    await m0015.down(db);
    await m0015.up(db);
    expect(await t.ctx.db.selectFrom('child_household').select('child_id').execute()).toHaveLength(2);
  });
});
