import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff, type FamilyFixture } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import type { FamilyInput } from '../../src/shared/contracts.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

function fullInput(): FamilyInput {
  return {
    guardian1: {
      civility: 'MME',
      lastName: 'Lefèvre',
      firstName: 'Élodie',
      birthDate: '1984-03-21',
      mobilePhone: '06 11 22 33 44',
      homePhone: '+33 3 20 11 22 33',
      workPhone: '0032 470 12 34 56',
      email: 'Elodie.Lefevre@Example.org',
      profession: 'Infirmière',
      employer: 'CH de Tourcoing',
    },
    guardian2: {
      civility: 'M',
      lastName: 'Lefèvre',
      firstName: 'Thomas',
      birthDate: '1982-12-02',
      mobilePhone: '07.55.44.33.22',
      homePhone: null,
      workPhone: '',
      email: '',
      profession: 'Électricien',
      employer: null,
    },
    addressLine1: '  4 rue du Fort  ',
    addressLine2: 'Bâtiment B',
    postalCode: '59560',
    city: 'comines',
    familySituation: 'pacs',
    benefitsRegime: 'CAF',
    benefitsNumber: 'AB12345',
    familyQuotient: 812,
    payerRank: 2,
  };
}

async function familyAndClient(o: Parameters<typeof createFamily>[1] = {}): Promise<{ f: FamilyFixture; c: TestClient }> {
  const f = await createFamily(t.ctx, o);
  return { f, c: await loginAs(t, f.accountId) };
}

/** Everything stored for a family, to prove a refused request changed nothing. */
async function snapshot(familyId: string) {
  const family = await t.ctx.db.selectFrom('family').selectAll().where('id', '=', familyId).executeTakeFirstOrThrow();
  const guardians = await t.ctx.db.selectFrom('guardian').selectAll().where('family_id', '=', familyId).orderBy('rank').execute();
  const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('family_id', '=', familyId).execute();
  return { family, guardians, audit };
}

describe('GET /api/family', () => {
  it('returns the signed-in family’s own record', async () => {
    const { f, c } = await familyAndClient({ lastName: 'Durand' });
    await createFamily(t.ctx, { lastName: 'Voisin' });
    const res = await c.get('/api/family');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: f.familyId,
      accountStatus: 'active',
      loginEmail: f.email,
      guardian1: { civility: 'MME', lastName: 'Durand', firstName: 'Alice', mobilePhone: '0612345678' },
      guardian2: null,
      postalCode: '59560',
      city: 'Comines',
      payerRank: 1,
    });
  });

  it('answers 401 without a session and 403 to a staff account', async () => {
    expect((await t.client().get('/api/family')).status).toBe(401);
    const staff = await createStaff(t.ctx);
    expect((await (await loginAs(t, staff.accountId)).get('/api/family')).status).toBe(403);
  });

  it('is open to a family still awaiting validation, and closed to a rejected or disabled one', async () => {
    const pending = await familyAndClient({ status: 'pending' });
    const res = await pending.c.get('/api/family');
    expect(res.status).toBe(200);
    expect(res.body.accountStatus).toBe('pending');
    for (const status of ['rejected', 'disabled'] as const) {
      const { c } = await familyAndClient({ status });
      expect((await c.get('/api/family')).status).toBe(401);
      expect((await c.put('/api/family', fullInput())).status).toBe(401);
    }
  });
});

describe('PUT /api/family', () => {
  it('saves every field and returns them normalized (phones, e-mail, official commune spelling)', async () => {
    const { f, c } = await familyAndClient();
    t.clock.advance(60_000);
    const res = await c.put('/api/family', fullInput());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: f.familyId,
      guardian1: {
        civility: 'MME',
        lastName: 'Lefèvre',
        firstName: 'Élodie',
        birthDate: '1984-03-21',
        mobilePhone: '0611223344',
        homePhone: '0320112233',
        workPhone: '+32470123456',
        email: 'elodie.lefevre@example.org',
        profession: 'Infirmière',
        employer: 'CH de Tourcoing',
      },
      guardian2: {
        civility: 'M',
        lastName: 'Lefèvre',
        firstName: 'Thomas',
        birthDate: '1982-12-02',
        mobilePhone: '0755443322',
        homePhone: null,
        workPhone: null,
        email: null,
        profession: 'Électricien',
        employer: null,
      },
      addressLine1: '4 rue du Fort',
      addressLine2: 'Bâtiment B',
      postalCode: '59560',
      city: 'Comines',
      familySituation: 'pacs',
      benefitsRegime: 'CAF',
      benefitsNumber: 'AB12345',
      familyQuotient: 812,
      payerRank: 2,
      updatedAt: t.clock.now().toISOString(),
    });
    expect(res.body.updatedAt > res.body.createdAt).toBe(true);
    // the same record on the next visit
    expect((await c.get('/api/family')).body).toEqual(res.body);
    const stored = await snapshot(f.familyId);
    expect(stored.family).toMatchObject({ city: 'Comines', insee_code: '59152', updated_at: t.clock.now().toISOString() });
  });

  it('stores the official spelling and INSEE code of the commune typed loosely', async () => {
    const { f, c } = await familyAndClient();
    const res = await c.put('/api/family', { ...fullInput(), postalCode: '42000', city: 'ST ETIENNE' });
    expect(res.status).toBe(200);
    expect(res.body.city).toBe('Saint-Étienne');
    const { family } = await snapshot(f.familyId);
    expect(family).toMatchObject({ postal_code: '42000', city: 'Saint-Étienne', insee_code: '42218' });
  });

  it('adds guardian 2, updates it in place, then removes it', async () => {
    const { f, c } = await familyAndClient();
    const input = { ...fullInput(), guardian2: null, payerRank: 1 as const };
    expect((await c.put('/api/family', input)).body.guardian2).toBeNull();
    expect((await snapshot(f.familyId)).guardians.map((g) => g.rank)).toEqual([1]);

    const added = await c.put('/api/family', fullInput());
    expect(added.status).toBe(200);
    expect(added.body.guardian2.firstName).toBe('Thomas');
    const afterAdd = await snapshot(f.familyId);
    expect(afterAdd.guardians.map((g) => g.rank)).toEqual([1, 2]);

    const renamed = fullInput();
    renamed.guardian2!.firstName = 'Tom';
    expect((await c.put('/api/family', renamed)).body.guardian2.firstName).toBe('Tom');
    const afterRename = await snapshot(f.familyId);
    expect(afterRename.guardians.map((g) => g.id)).toEqual(afterAdd.guardians.map((g) => g.id));

    const removed = await c.put('/api/family', input);
    expect(removed.status).toBe(200);
    expect(removed.body.guardian2).toBeNull();
    expect((await snapshot(f.familyId)).guardians.map((g) => g.rank)).toEqual([1]);
  });

  it('writes an audit line naming the changed fields, never their values, with the family as actor', async () => {
    const { f, c } = await familyAndClient();
    await c.put('/api/family', { ...fullInput(), guardian2: null, payerRank: 1 });
    const second = fullInput();
    second.addressLine1 = '6 rue du Fort';
    await c.put('/api/family', second);
    const lines = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('family_id', '=', f.familyId)
      .where('action', '=', 'family.updated')
      .orderBy('id')
      .execute();
    expect(lines).toHaveLength(2);
    const last = lines[1];
    expect(last).toMatchObject({ actor_account_id: f.accountId, actor_email: f.email, target_type: 'family', target_id: f.familyId });
    const details = JSON.parse(last.details!);
    expect(details.fields.sort()).toEqual(['addressLine1', 'guardian2', 'payerRank'].sort());
    expect(last.details).not.toContain('6 rue du Fort');
    expect(lines[0].details).not.toContain('Lefèvre');
  });

  describe('refuses bad input with French messages per field, and saves nothing', () => {
    const cases: { name: string; change: (i: FamilyInput) => void; path: string; code: string; message: RegExp }[] = [
      {
        name: 'guardian 1 last name missing',
        change: (i) => (i.guardian1.lastName = '  '),
        path: 'guardian1.lastName',
        code: 'required',
        message: /Saisissez le nom/,
      },
      {
        name: 'guardian 2 first name missing',
        change: (i) => (i.guardian2!.firstName = ''),
        path: 'guardian2.firstName',
        code: 'required',
        message: /Saisissez le prénom/,
      },
      {
        name: 'malformed phone number',
        change: (i) => (i.guardian1.mobilePhone = '06 12'),
        path: 'guardian1.mobilePhone',
        code: 'phone.invalid',
        message: /numéro de téléphone valide/,
      },
      {
        name: 'no phone for guardian 1',
        change: (i) => {
          i.guardian1.mobilePhone = null;
          i.guardian1.homePhone = '';
        },
        path: 'guardian1.mobilePhone',
        code: 'phone.one_required',
        message: /au moins un numéro/,
      },
      {
        name: 'postal code and commune that do not match',
        change: (i) => (i.city = 'Lille'),
        path: 'city',
        code: 'postal_code.unknown_city',
        message: /ne correspond pas au code postal/,
      },
      {
        name: 'malformed postal code',
        change: (i) => (i.postalCode = '5956'),
        path: 'postalCode',
        code: 'postal_code.invalid',
        message: /5 chiffres/,
      },
      {
        name: 'guardian 2 as payer without guardian 2',
        change: (i) => (i.guardian2 = null),
        path: 'payerRank',
        code: 'payer.guardian2_missing',
        message: /responsable 2 doit être renseigné/,
      },
      {
        name: 'benefits number without its regime',
        change: (i) => (i.benefitsRegime = null),
        path: 'benefitsRegime',
        code: 'required',
        message: /régime/,
      },
      {
        name: 'negative family quotient',
        change: (i) => (i.familyQuotient = -5),
        path: 'familyQuotient',
        code: 'number.out_of_range',
        message: /entre 0 et 99 999/,
      },
    ];
    for (const k of cases) {
      it(k.name, async () => {
        const { f, c } = await familyAndClient();
        const before = await snapshot(f.familyId);
        const input = fullInput();
        k.change(input);
        const res = await c.put('/api/family', input);
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('request.invalid');
        const field = res.body.error.fields.find((x: { path: string }) => x.path === k.path);
        expect(field, JSON.stringify(res.body.error.fields)).toMatchObject({ path: k.path, code: k.code });
        expect(field.message).toMatch(k.message);
        expect(await snapshot(f.familyId)).toEqual(before);
      });
    }
  });

  it('rolls everything back when a write fails halfway (one transaction)', async () => {
    const { f, c } = await familyAndClient();
    const before = await snapshot(f.familyId);
    // Make the guardian-2 insert fail after the family row and guardian 1 were already written.
    if (t.ctx.dialect === 'postgres') {
      await sql`create function refuse_boum() returns trigger language plpgsql as $$ begin raise exception 'boum'; end $$`.execute(t.ctx.db);
      await sql`create trigger refuse_boum before insert on guardian for each row when (new.first_name = 'Boum') execute function refuse_boum()`.execute(t.ctx.db);
    } else {
      await sql`create trigger refuse_boum before insert on guardian when new.first_name = 'Boum' begin select raise(abort, 'boum'); end`.execute(t.ctx.db);
    }
    try {
      const input = fullInput();
      input.guardian2!.firstName = 'Boum';
      const res = await c.put('/api/family', input);
      expect(res.status).toBe(500);
      expect(res.body.error.code).toBe('internal');
      expect(await snapshot(f.familyId)).toEqual(before);
    } finally {
      await sql`drop trigger refuse_boum${sql.raw(t.ctx.dialect === 'postgres' ? ' on guardian' : '')}`.execute(t.ctx.db);
    }
  });

  it('refuses the request without the CSRF token', async () => {
    const { f } = await familyAndClient();
    const c = await loginAs(t, f.accountId);
    const res = await c.request('PUT', '/api/family', fullInput(), { 'x-csrf-token': 'x'.repeat(32) });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('request.csrf');
  });
});
