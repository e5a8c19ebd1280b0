import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { createFamily, createStaff } from '../support/factories.js';
import { createChildFor, fullChildInput, lists } from '../support/children.js';
import {
  familiesByGuardianWord,
  familyBillingFacts,
  firstGuardian,
  firstGuardians,
  guardianEmails,
  guardiansOfFamilies,
  payerLastNames,
} from '../../src/server/modules/family/family.service.js';
import { childNames, childrenOfFamilies, familyIdsOfChildren, isChildOfFamily } from '../../src/server/modules/child/child.service.js';
import { displayNames, familyLogin, familyLoginEmails, oldestAdmin } from '../../src/server/modules/account/account.logins.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** The reads other modules make of a family, its children and its login through their owners (issue 10). */
describe('what the family, child and account modules give to others', () => {
  it('names a family by its first guardian, and gives its login, guardians, children and billing facts', async () => {
    const admin = await createStaff(t.ctx, { role: 'admin' });
    const a = await createFamily(t.ctx, { lastName: 'Pruvost' });
    const b = await createFamily(t.ctx, { lastName: 'Deschamps' });
    const l = await lists(t);
    const zoe = await createChildFor(t, a, fullChildInput(l, { lastName: 'Pruvost', firstName: 'Zoé', birthDate: '2017-01-09' }));
    const leo = await createChildFor(t, a, fullChildInput(l, { lastName: 'Pruvost', firstName: 'Léo', birthDate: '2015-06-01' }));
    // guardian 2 pays for family A
    await t.ctx.db
      .insertInto('guardian')
      .values({ id: `g2-${a.familyId}`, family_id: a.familyId, rank: 2, civility: 'M', last_name: 'Martin', first_name: 'Paul', birth_date: null, mobile_phone: null, home_phone: null, work_phone: null, email: 'Paul.Martin@example.org', profession: null, employer: null })
      .execute();
    await t.ctx.db.updateTable('family').set({ payer_rank: 2, family_quotient: 640 }).where('id', '=', a.familyId).execute();

    expect(await firstGuardian(t.ctx.db, a.familyId)).toEqual({ firstName: 'Alice', lastName: 'Pruvost' });
    expect(await firstGuardian(t.ctx.db, 'no-such-family')).toBeNull();
    expect([...(await firstGuardians(t.ctx.db, [a.familyId, b.familyId, a.familyId])).keys()].sort()).toEqual([a.familyId, b.familyId].sort());
    expect(await guardianEmails(t.ctx.db, a.familyId)).toEqual([a.email, 'Paul.Martin@example.org']);
    expect((await guardiansOfFamilies(t.ctx.db, [a.familyId])).map((g) => [g.rank, g.last_name])).toEqual([[1, 'Pruvost'], [2, 'Martin']]);
    expect(await payerLastNames(t.ctx.db, [a.familyId, b.familyId])).toEqual(new Map([[a.familyId, 'Martin'], [b.familyId, 'Deschamps']]));
    expect(await familyBillingFacts(t.ctx.db, [a.familyId])).toEqual([expect.objectContaining({ id: a.familyId, family_quotient: 640, payer_rank: 2, postal_code: '59560' })]);

    const matching = async (word: string) => (await familiesByGuardianWord(t.ctx.db, word).execute()).map((r) => r.family_id);
    expect(await matching('martin')).toEqual([a.familyId]);
    expect(await matching('%')).toEqual([]);

    expect(await familyLogin(t.ctx.db, a.familyId)).toMatchObject({ id: a.accountId, email: a.email });
    expect(await familyLoginEmails(t.ctx.db, [a.familyId, b.familyId])).toEqual(new Map([[a.familyId, a.email], [b.familyId, b.email]]));
    expect(await displayNames(t.ctx.db, [admin.accountId])).toEqual(new Map([[admin.accountId, expect.any(String)]]));
    expect((await oldestAdmin(t.ctx.db))?.id).toBeTruthy();

    expect((await childrenOfFamilies(t.ctx.db, [a.familyId, b.familyId])).map((c) => c.id)).toEqual([leo.id, zoe.id]);
    expect(await familyIdsOfChildren(t.ctx.db, [zoe.id, leo.id])).toEqual([a.familyId]);
    expect(await childNames(t.ctx.db, [zoe.id])).toEqual(new Map([[zoe.id, { first_name: 'Zoé', last_name: 'Pruvost' }]]));
    expect(await isChildOfFamily(t.ctx.db, zoe.id, a.familyId)).toBe(true);
    expect(await isChildOfFamily(t.ctx.db, zoe.id, b.familyId)).toBe(false);
  });
});
