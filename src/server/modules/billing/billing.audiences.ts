import type { Executor } from '../../db/write.js';

/**
 * The billing module's answer to the messaging module (issue 14): « familles en dette », the families holding a
 * published invoice past its due day with something left to pay (total − credited − paid > 0).
 */
export async function familiesInDebt(db: Executor, today: string): Promise<string[]> {
  const rows = await db
    .selectFrom('invoice')
    .select('family_id')
    .distinct()
    .where('state', '=', 'published')
    .where('due_on', '<', today)
    .where((eb) => eb(eb('total_cents', '-', eb('credited_cents', '+', eb.ref('paid_cents'))), '>', 0))
    .orderBy('family_id')
    .execute();
  return rows.map((r) => r.family_id);
}
