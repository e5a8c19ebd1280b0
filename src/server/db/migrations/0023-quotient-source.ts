import { sql, type Kysely } from 'kysely';

/**
 * Issue 15, the family quotient from the CAF or the MSA (API Particulier), owned by the quotient module
 * (docs/quotient.md). The value itself stays in `family.family_quotient` (the one the tariff engine reads); these
 * tables say where it comes from and keep every value a family ever had:
 * - `quotient_state`: one row per family — the current value's source (declared by the family, entered by the town
 *   hall on a document, transmitted by the CNAF or the MSA, or the demo provider), the month the CAF computed it,
 *   when it was fetched, the justifying document, the family's consent (given when and by which login, withdrawn
 *   when) and the year of the last January refresh (the job's claim);
 * - `quotient_history`: each value with its source and dates, numbered per family (`seq`, unique) in the order the
 *   writes committed, so that an invoice computed earlier stays explained.
 * The allocataire number is the family's `benefits_number` (family module), not copied here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('quotient_state')
    .addColumn('family_id', 'text', (c) => c.primaryKey().references('family.id'))
    .addColumn('source', 'text', (c) => c.check(sql`source is null or source in ('declared', 'manual', 'cnaf', 'msa', 'demo')`))
    .addColumn('computed_month', 'text')
    .addColumn('fetched_at', 'text')
    .addColumn('recorded_at', 'text')
    .addColumn('document_id', 'text')
    .addColumn('consent_given_at', 'text')
    .addColumn('consent_account_id', 'text')
    .addColumn('consent_email', 'text')
    .addColumn('consent_withdrawn_at', 'text')
    .addColumn('refreshed_year', 'integer')
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('quotient_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().references('family.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('quotient', 'integer', (c) => c.check(sql`quotient is null or quotient >= 0`))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('declared', 'manual', 'cnaf', 'msa', 'demo')`))
    .addColumn('computed_month', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('document_id', 'text')
    .addUniqueConstraint('quotient_history_family_seq', ['family_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('quotient_history').execute();
  await db.schema.dropTable('quotient_state').execute();
}
