import { sql, type Kysely } from 'kysely';

/**
 * The language each account reads the portal in (issue 10): French by default, English on the family's choice.
 * The e-mails are written in it; the pages follow the browser's `lang` cookie and keep this column in line.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('account')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('fr').check(sql`language in ('fr', 'en')`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('account').dropColumn('language').execute();
}
