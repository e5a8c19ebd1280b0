import { sql, type Kysely } from 'kysely';

/**
 * Children shared by two households (issue 11, separated parents): `child_household` links a child to each family it
 * belongs to, with that household's part of the custody schedule. `child.family_id` stays as the child's first
 * household (the one that created the record, or the one left after an unlink); who may see or book a child is
 * decided by the link. Each household's emergency contacts and pick-up persons are its own (`family_id`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('child_household')
    .addColumn('child_id', 'text', (c) => c.notNull().references('child.id').onDelete('cascade'))
    .addColumn('family_id', 'text', (c) => c.notNull().references('family.id').onDelete('cascade'))
    // the child's schedule (the same kind on every link of a child): free, alternate weeks or fixed weekdays
    .addColumn('custody_kind', 'text', (c) =>
      c.notNull().defaultTo('free').check(sql`custody_kind in ('free', 'alternate_weeks', 'weekdays')`),
    )
    // alternate weeks: a Monday of one of this household's weeks (then every other week)
    .addColumn('custody_anchor', 'text')
    // weekdays: this household's ISO weekdays, « 1,3,5 »
    .addColumn('custody_weekdays', 'text')
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addColumn('linked_by', 'text')
    .addPrimaryKeyConstraint('child_household_pk', ['child_id', 'family_id'])
    .execute();
  await db.schema.createIndex('child_household_family_idx').on('child_household').columns(['family_id', 'child_id']).execute();
  await sql`insert into child_household (child_id, family_id, custody_kind, linked_at) select id, family_id, 'free', created_at from child`.execute(db);

  for (const t of ['child_contact', 'child_pickup']) {
    await db.schema.alterTable(t).addColumn('family_id', 'text', (c) => c.notNull().defaultTo('')).execute();
    await sql`update ${sql.table(t)} set family_id = (select c.family_id from child c where c.id = ${sql.ref(`${t}.child_id`)})`.execute(db);
    await db.schema.createIndex(`${t}_household_idx`).on(t).columns(['child_id', 'family_id']).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['child_contact', 'child_pickup']) {
    await db.schema.dropIndex(`${t}_household_idx`).ifExists().execute();
    await db.schema.alterTable(t).dropColumn('family_id').execute();
  }
  await db.schema.dropTable('child_household').ifExists().execute();
}
