import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../database.js';

/**
 * Configuration generations (issue 16): one counter per configuration scope, bumped by a trigger on every write to
 * the scope's tables, in the writing transaction. An instance caches configuration in memory and re-reads it only
 * when the counter moved (src/server/db/generations.ts): one small read per request instead of one per table, and
 * correct on N instances, because the bump commits or rolls back with the change itself — whatever wrote it (a
 * service, the demo seed, a restore, a hand-written UPDATE).
 */
export const GENERATION_SCOPES: Record<string, string[]> = {
  catalog: ['establishment', 'activity', 'unit', 'period', 'closure', 'school_holiday'],
  documents: ['document_type', 'document_type_activity'],
};

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('config_generation')
    .addColumn('scope', 'text', (c) => c.primaryKey())
    .addColumn('generation', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.insertInto('config_generation').values(Object.keys(GENERATION_SCOPES).map((scope) => ({ scope, generation: 0 }))).execute();
  if (dialectOf(db) === 'postgres') {
    await sql`create function bump_config_generation() returns trigger language plpgsql as $$
      begin
        update config_generation set generation = generation + 1 where scope = tg_argv[0];
        return null;
      end $$`.execute(db);
    for (const [scope, tables] of Object.entries(GENERATION_SCOPES))
      for (const t of tables)
        await sql`create trigger ${sql.raw(`${t}_generation`)} after insert or update or delete or truncate on ${sql.table(t)}
          for each statement execute function bump_config_generation(${sql.lit(scope)})`.execute(db);
  } else {
    for (const [scope, tables] of Object.entries(GENERATION_SCOPES))
      for (const t of tables)
        for (const op of ['insert', 'update', 'delete'])
          await sql`create trigger ${sql.raw(`${t}_generation_${op}`)} after ${sql.raw(op)} on ${sql.table(t)}
            begin update config_generation set generation = generation + 1 where scope = ${sql.lit(scope)}; end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  for (const tables of Object.values(GENERATION_SCOPES))
    for (const t of tables) {
      if (postgres) await sql`drop trigger if exists ${sql.raw(`${t}_generation`)} on ${sql.table(t)}`.execute(db);
      else for (const op of ['insert', 'update', 'delete']) await sql`drop trigger if exists ${sql.raw(`${t}_generation_${op}`)}`.execute(db);
    }
  if (postgres) await sql`drop function if exists bump_config_generation()`.execute(db);
  await db.schema.dropTable('config_generation').ifExists().execute();
}
