import type { Selectable } from 'kysely';
import { forShare, forUpdate, type Executor } from '../../db/write.js';
import type { CampaignFlagTable, CampaignOutcomeTable, CampaignSimulationTable, CampaignTable, CampaignWishTable } from './campaign.tables.js';

/** Kysely queries on the campaign module's own tables (campaign.tables.ts). */

export type CampaignRow = Selectable<CampaignTable>;
export type WishRow = Selectable<CampaignWishTable>;
export type FlagRow = Selectable<CampaignFlagTable>;
export type SimulationRow = Selectable<CampaignSimulationTable>;
export type OutcomeRow = Selectable<CampaignOutcomeTable>;

export function listCampaigns(db: Executor): Promise<CampaignRow[]> {
  return db.selectFrom('campaign').selectAll().orderBy('opens_at', 'desc').orderBy('id').execute();
}

export function findCampaign(db: Executor, id: string): Promise<CampaignRow | undefined> {
  return db.selectFrom('campaign').selectAll().where('id', '=', id).executeTakeFirst();
}

export function campaignOfPeriod(db: Executor, periodId: string): Promise<CampaignRow | undefined> {
  return db.selectFrom('campaign').selectAll().where('period_id', '=', periodId).executeTakeFirst();
}

/** The campaign row locked for a decision (publish, configuration): FOR UPDATE on PostgreSQL. */
export function lockCampaign(db: Executor, id: string): Promise<CampaignRow | undefined> {
  return forUpdate(db, db.selectFrom('campaign').selectAll().where('id', '=', id)).executeTakeFirst();
}

/** The campaign row share-locked by a family's wish change: a publication (FOR UPDATE) waits for it, and it for one. */
export function shareLockCampaign(db: Executor, id: string): Promise<CampaignRow | undefined> {
  return forShare(db, db.selectFrom('campaign').selectAll().where('id', '=', id)).executeTakeFirst();
}

export async function insertCampaign(db: Executor, row: CampaignRow): Promise<void> {
  await db.insertInto('campaign').values(row).execute();
}

export function wishesOf(db: Executor, campaignId: string): Promise<WishRow[]> {
  return db.selectFrom('campaign_wish').selectAll().where('campaign_id', '=', campaignId).orderBy('id').execute();
}

export function wishesOfChild(db: Executor, campaignId: string, childId: string, familyId: string): Promise<WishRow[]> {
  return db
    .selectFrom('campaign_wish')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('child_id', '=', childId)
    .where('family_id', '=', familyId)
    .orderBy('day')
    .orderBy('unit_id')
    .execute();
}

export async function wishCounts(db: Executor): Promise<Map<string, { wishes: number; families: number }>> {
  const rows = await db
    .selectFrom('campaign_wish')
    .select('campaign_id')
    .select((eb) => [eb.fn.countAll<number>().as('wishes'), eb.fn.count<number>('family_id').distinct().as('families')])
    .groupBy('campaign_id')
    .execute();
  return new Map(rows.map((r) => [r.campaign_id, { wishes: Number(r.wishes), families: Number(r.families) }]));
}

export function flagsOf(db: Executor, familyIds: string[]): Promise<FlagRow[]> {
  if (!familyIds.length) return Promise.resolve([]);
  return db.selectFrom('campaign_flag').selectAll().where('family_id', 'in', familyIds).orderBy('family_id').orderBy('child_id').orderBy('flag').execute();
}

export function simulationsOf(db: Executor, campaignId: string, limit = 5): Promise<SimulationRow[]> {
  return db.selectFrom('campaign_simulation').selectAll().where('campaign_id', '=', campaignId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export function outcomesOfFamily(db: Executor, familyId: string): Promise<OutcomeRow[]> {
  return db.selectFrom('campaign_outcome').selectAll().where('family_id', '=', familyId).orderBy('campaign_id').orderBy('day').orderBy('unit_id').execute();
}

export function publishedCampaigns(db: Executor, ids: string[]): Promise<CampaignRow[]> {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('campaign').selectAll().where('id', 'in', ids).where('published_at', 'is not', null).execute();
}
