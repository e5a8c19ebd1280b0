import type { Executor } from '../../db/write.js';

/**
 * The family module's answer to the messaging module (issue 14): where a family's SMS go — the first guardian's
 * mobile phone, else the second's. Never logged.
 */
export async function mobilePhones(db: Executor, familyIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(familyIds)];
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('guardian')
      .select(['family_id', 'mobile_phone', 'rank'])
      .where('family_id', 'in', ids.slice(i, i + 500))
      .where('mobile_phone', 'is not', null)
      .orderBy('family_id')
      .orderBy('rank')
      .execute();
    for (const r of rows) if (r.mobile_phone && !out.has(r.family_id)) out.set(r.family_id, r.mobile_phone);
  }
  return out;
}
