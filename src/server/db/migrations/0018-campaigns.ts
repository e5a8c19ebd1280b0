import { sql, type Kysely } from 'kysely';

/**
 * Request campaigns (issue 12, docs/fair-opening.md): a campaign per period (request window, seed, eligibility
 * rules, priority criteria), the families' wishes (one per child, unit and day), staff-set family categories, the
 * simulations and the published outcomes. The places and waiting lists stay in the booking tables.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('campaign')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activity.id'))
    .addColumn('period_id', 'text', (c) => c.notNull().unique().references('period.id'))
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('first_come', 'requests')`))
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('resident_opens_at', 'text')
    .addColumn('closes_at', 'text', (c) => c.notNull())
    .addColumn('resident_towns', 'text', (c) => c.notNull())
    .addColumn('eligibility', 'text', (c) => c.notNull())
    .addColumn('criteria', 'text', (c) => c.notNull())
    .addColumn('siblings_together', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('seed_text', 'text', (c) => c.notNull())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text')
    .addColumn('result', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('campaign_window', sql`opens_at < closes_at and (resident_opens_at is null or resident_opens_at <= opens_at)`)
    .execute();
  await db.schema
    .createTable('campaign_wish')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    .addColumn('family_id', 'text', (c) => c.notNull())
    .addColumn('child_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('preference', 'integer', (c) => c.check(sql`preference is null or preference between 1 and 99`))
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('campaign_wish_cell', ['campaign_id', 'child_id', 'unit_id', 'day'])
    .execute();
  await db.schema.createIndex('campaign_wish_family').on('campaign_wish').columns(['family_id', 'campaign_id']).execute();
  await db.schema
    .createTable('campaign_flag')
    .addColumn('family_id', 'text', (c) => c.notNull())
    .addColumn('child_id', 'text', (c) => c.notNull())
    .addColumn('flag', 'text', (c) => c.notNull())
    .addColumn('set_by', 'text', (c) => c.notNull())
    .addColumn('set_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('campaign_flag_pk', ['family_id', 'child_id', 'flag'])
    .execute();
  await db.schema
    .createTable('campaign_simulation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    .addColumn('criteria', 'text', (c) => c.notNull())
    .addColumn('siblings_together', 'integer', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('campaign_simulation_campaign').on('campaign_simulation').columns(['campaign_id', 'created_at']).execute();
  await db.schema
    .createTable('campaign_outcome')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    .addColumn('wish_id', 'text', (c) => c.notNull())
    .addColumn('family_id', 'text', (c) => c.notNull())
    .addColumn('child_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('allocated', 'waitlisted', 'ineligible', 'capped', 'already_booked')`))
    .addColumn('reason', 'text')
    .addColumn('wait_rank', 'integer')
    .addColumn('applicant_rank', 'integer')
    .addColumn('applied', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('campaign_outcome_pk', ['campaign_id', 'wish_id'])
    .execute();
  await db.schema.createIndex('campaign_outcome_family').on('campaign_outcome').columns(['family_id', 'campaign_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['campaign_outcome', 'campaign_simulation', 'campaign_flag', 'campaign_wish', 'campaign']) await db.schema.dropTable(t).execute();
}
