import { registerPrivacyParticipant } from '../privacy/privacy.registry.js';

/**
 * A family's request-campaign data in its export (`other.campaign_wishes`, `campaign_outcomes`, `campaign_flags`) and
 * its closure: wishes, staff-set categories and outcomes are erased (the places they led to are bookings, kept by the
 * booking module as for any booking).
 */
export function registerCampaignPrivacy(): void {
  registerPrivacyParticipant({
    name: 'campaign',
    order: 100,
    exportRows: async (db, _ctx, familyId) => ({
      campaign_wishes: await db
        .selectFrom('campaign_wish')
        .select(['campaign_id', 'child_id', 'unit_id', 'day', 'preference', 'created_at', 'updated_at'])
        .where('family_id', '=', familyId)
        .orderBy('campaign_id')
        .orderBy('day')
        .execute(),
      campaign_outcomes: await db
        .selectFrom('campaign_outcome')
        .select(['campaign_id', 'child_id', 'unit_id', 'day', 'status', 'reason', 'wait_rank', 'applicant_rank'])
        .where('family_id', '=', familyId)
        .orderBy('campaign_id')
        .orderBy('day')
        .execute(),
      campaign_flags: await db.selectFrom('campaign_flag').select(['child_id', 'flag', 'set_at']).where('family_id', '=', familyId).orderBy('flag').execute(),
    }),
    erase: async (trx, _ctx, familyId) => {
      const n = async (p: Promise<{ numDeletedRows?: bigint }>) => Number((await p).numDeletedRows ?? 0);
      return {
        erased: {
          campaign_wish: await n(trx.deleteFrom('campaign_wish').where('family_id', '=', familyId).executeTakeFirst()),
          campaign_outcome: await n(trx.deleteFrom('campaign_outcome').where('family_id', '=', familyId).executeTakeFirst()),
          campaign_flag: await n(trx.deleteFrom('campaign_flag').where('family_id', '=', familyId).executeTakeFirst()),
        },
        kept: [],
      };
    },
  });
}
