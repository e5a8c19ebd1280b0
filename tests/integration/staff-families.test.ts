import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff, type FamilyFixture } from '../support/factories.js';
import { loginAs } from '../support/login.js';

let t: TestApp;
let agent: { accountId: string; email: string };
let staff: TestClient;
const fam: Record<string, FamilyFixture> = {};

async function setNames(familyId: string, rank: 1 | 2, lastName: string, firstName: string) {
  const updated = await t.ctx.db
    .updateTable('guardian')
    .set({ last_name: lastName, first_name: firstName })
    .where('family_id', '=', familyId)
    .where('rank', '=', rank)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0)
    await t.ctx.db
      .insertInto('guardian')
      .values({
        id: randomUUID(),
        family_id: familyId,
        rank,
        civility: 'M',
        last_name: lastName,
        first_name: firstName,
        birth_date: null,
        mobile_phone: null,
        home_phone: null,
        work_phone: null,
        email: null,
        profession: null,
        employer: null,
      })
      .execute();
}

beforeAll(async () => {
  t = await createTestApp();
  agent = await createStaff(t.ctx);
  staff = await loginAs(t, agent.accountId);
  fam.lefevre = await createFamily(t.ctx, { lastName: 'Lefèvre', email: 'elo.lefevre@example.org' });
  await setNames(fam.lefevre.familyId, 1, 'Lefèvre', 'Élodie');
  fam.dupont = await createFamily(t.ctx, { lastName: 'DUPONT', status: 'pending', email: 'karim@exemple.fr' });
  await setNames(fam.dupont.familyId, 1, 'DUPONT', 'Karim');
  await setNames(fam.dupont.familyId, 2, 'Müller', 'Jörg');
  fam.oeuvre = await createFamily(t.ctx, { lastName: 'Cœur', postalCode: '59000', city: 'Lille', email: 'zoe_martin@example.org' });
  await setNames(fam.oeuvre.familyId, 1, 'Cœur', 'Zoé');
  fam.jp = await createFamily(t.ctx, { lastName: 'Jean-Pierre', postalCode: '59200', city: 'Tourcoing', email: 'zoe.martin@example.org' });
  await setNames(fam.jp.familyId, 1, 'Jean-Pierre', 'ÉMILE');
});
afterAll(async () => {
  await t.close();
});

async function search(query: string): Promise<string[]> {
  const res = await staff.get(`/api/staff/families?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.map((s: { familyId: string }) => s.familyId);
}

describe('GET /api/staff/families', () => {
  it('finds a family by guardian 1’s name, whatever the case and accents', async () => {
    for (const q of ['lefevre', 'LEFÈVRE', 'Lefevre', 'lefè', 'elodie', 'ÉLODIE', 'Élodie Lefèvre']) {
      expect(await search(`q=${encodeURIComponent(q)}`), q).toEqual([fam.lefevre.familyId]);
    }
  });

  it('finds a family by guardian 2’s name, and folds ligatures and hyphens', async () => {
    expect(await search('q=muller')).toEqual([fam.dupont.familyId]);
    expect(await search(`q=${encodeURIComponent('JÖRG')}`)).toEqual([fam.dupont.familyId]);
    expect(await search('q=coeur')).toEqual([fam.oeuvre.familyId]);
    expect(await search(`q=${encodeURIComponent('jean pierre emile')}`)).toEqual([fam.jp.familyId]);
    expect(await search(`q=${encodeURIComponent('jean-pierre')}`)).toEqual([fam.jp.familyId]);
  });

  it('finds a family by login e-mail, and treats % and _ as plain characters', async () => {
    expect(await search(`q=${encodeURIComponent('karim@exemple')}`)).toEqual([fam.dupont.familyId]);
    expect(await search('q=zoe_martin')).toEqual([fam.oeuvre.familyId]);
    expect(await search('q=zoe.martin')).toEqual([fam.jp.familyId]);
    expect(await search(`q=${encodeURIComponent('%')}`)).toEqual([]);
    expect(await search('q=_')).toHaveLength(1);
  });

  it('requires every typed word to match', async () => {
    expect(await search('q=karim+muller')).toEqual([fam.dupont.familyId]);
    expect(await search('q=karim+lefevre')).toEqual([]);
  });

  it('filters by postal code (or its start) and by account status', async () => {
    expect(await search('postalCode=59000')).toEqual([fam.oeuvre.familyId]);
    expect((await search('postalCode=59')).sort()).toEqual(Object.values(fam).map((f) => f.familyId).sort());
    expect(await search('status=pending')).toEqual([fam.dupont.familyId]);
    expect(await search('q=zoe&postalCode=59200')).toEqual([fam.jp.familyId]);
  });

  it('returns summaries ordered by guardian 1’s name', async () => {
    const res = await staff.get('/api/staff/families');
    expect(res.body.map((s: { guardian1Name: string }) => s.guardian1Name)).toEqual([
      'Cœur Zoé',
      'DUPONT Karim',
      'Jean-Pierre ÉMILE',
      'Lefèvre Élodie',
    ]);
    expect(res.body[1]).toEqual({
      familyId: fam.dupont.familyId,
      accountId: fam.dupont.accountId,
      loginEmail: 'karim@exemple.fr',
      accountStatus: 'pending',
      guardian1Name: 'DUPONT Karim',
      phone: '0612345678',
      postalCode: '59560',
      city: 'Comines',
      createdAt: expect.any(String),
    });
  });

  it('answers at most 100 families', async () => {
    const t2 = await createTestApp();
    try {
      for (let i = 0; i < 105; i++) await createFamily(t2.ctx, { lastName: `Nombreux${i}` });
      const c = await loginAs(t2, (await createStaff(t2.ctx)).accountId);
      const res = await c.get('/api/staff/families?q=nombreux');
      expect(res.status).toBe(200);
      expect(res.body).toHaveLength(100);
    } finally {
      await t2.close();
    }
  });

  it('refuses an over-long query with a field message', async () => {
    const res = await staff.get(`/api/staff/families?q=${'a'.repeat(101)}`);
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0]).toMatchObject({ path: 'q', code: 'too_long' });
  });
});

describe('GET /api/staff/families/:familyId', () => {
  it('returns the record and the account, and logs who looked at it', async () => {
    const res = await staff.get(`/api/staff/families/${fam.dupont.familyId}`);
    expect(res.status).toBe(200);
    expect(res.body.family).toMatchObject({
      id: fam.dupont.familyId,
      loginEmail: 'karim@exemple.fr',
      accountStatus: 'pending',
      guardian1: { lastName: 'DUPONT', firstName: 'Karim' },
      guardian2: { lastName: 'Müller', firstName: 'Jörg' },
    });
    expect(res.body.account).toMatchObject({
      id: fam.dupont.accountId,
      email: 'karim@exemple.fr',
      status: 'pending',
      validatedAt: null,
      rejectionReason: null,
    });
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'family.viewed')
      .where('family_id', '=', fam.dupont.familyId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_account_id: agent.accountId, actor_email: agent.email, target_id: fam.dupont.familyId });
  });

  it('answers 404 for an unknown family, without an audit line', async () => {
    const before = await t.ctx.db.selectFrom('audit_log').select('id').execute();
    const res = await staff.get(`/api/staff/families/${randomUUID()}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect(await t.ctx.db.selectFrom('audit_log').select('id').execute()).toHaveLength(before.length);
  });

  it('is closed to families and anonymous visitors', async () => {
    const family = await loginAs(t, fam.lefevre.accountId);
    expect((await family.get(`/api/staff/families/${fam.lefevre.familyId}`)).status).toBe(403);
    expect((await family.get('/api/staff/families?q=lefevre')).status).toBe(403);
    expect((await t.client().get(`/api/staff/families/${fam.lefevre.familyId}`)).status).toBe(401);
  });
});
