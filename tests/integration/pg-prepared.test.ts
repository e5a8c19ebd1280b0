/**
 * PostgreSQL: the statements the portal repeats are prepared once per connection (src/server/db/database.ts,
 * withPreparedStatements). Checked here: a repeated query becomes a prepared statement on its connection; a rare
 * one does not; a schema change under a prepared `select *` (a column added during a rolling upgrade) does not
 * break the next call; pool.query with a callback (pg-boss's way) still answers.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, pgPoolOf, type Database } from '../../src/server/db/database.js';

const PG_URL = process.env.TEST_DATABASE_URL;
const schema = `t_${randomBytes(6).toString('hex')}`;
let db: Database;

describe.skipIf(!PG_URL)('prepared statements on PostgreSQL', () => {
  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    db = openDatabase({ url: PG_URL!, pgSchema: schema, pgPoolSize: 1 }); // one connection: every query on it
    await sql`create table item (id integer primary key, label text not null)`.execute(db);
    await sql`insert into item values (1, 'un'), (2, 'deux')`.execute(db);
  });
  afterAll(async () => {
    await db?.destroy();
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  });

  const prepared = async () =>
    (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db)).rows.map((r) => r.statement);
  const find = (id: number) => db.selectFrom('item' as never).selectAll().where('id' as never, '=', id as never).executeTakeFirst() as Promise<unknown>;

  it('prepares a query once it has been run a few times, not a query run once', async () => {
    await sql`select label from item where id = ${2} and label <> ${'x'}`.execute(db);
    for (let i = 0; i < 5; i++) expect(await find(1)).toEqual({ id: 1, label: 'un' });
    const texts = await prepared();
    expect(texts.some((t) => t.includes('from "item" where "id" = $1'))).toBe(true);
    expect(texts.some((t) => t.includes("label <> $2"))).toBe(false);
  });

  it('survives a column added under a prepared select * (the plan is forgotten and the query runs again)', async () => {
    await sql`alter table item add column note text`.execute(db);
    expect(await find(1)).toEqual({ id: 1, label: 'un', note: null });
    expect(await find(2)).toEqual({ id: 2, label: 'deux', note: null });
  });

  it('leaves pool.query with a callback (pg-boss) untouched', async () => {
    const pool = pgPoolOf(db)!;
    const rows = await new Promise<unknown[]>((resolve, reject) =>
      pool.query('select id from item where id = $1', [2], (err, r) => (err ? reject(err) : resolve(r.rows))),
    );
    expect(rows).toEqual([{ id: 2 }]);
  });
});
