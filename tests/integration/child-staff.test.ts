import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { createChildFor, fullChildInput, lists } from '../support/children.js';
import type { ReferenceLists } from '../../src/shared/child-contracts.js';

let t: TestApp;
let l: ReferenceLists;
let agent: { accountId: string; email: string };
let agentClient: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  l = await lists(t);
  agent = await createStaff(t.ctx, { role: 'agent' });
  agentClient = await loginAs(t, agent.accountId);
});
afterAll(async () => {
  await t.close();
});

async function auditOf(childId: string) {
  return t.ctx.db.selectFrom('audit_log').selectAll().where('target_id', '=', childId).orderBy('id').execute();
}

describe('GET /api/staff/children — child search', () => {
  it('finds children by their name or a guardian’s (case and accents ignored), birth date or family; no health data', async () => {
    const f1 = await createFamily(t.ctx, { lastName: 'Lefèvre' });
    const f2 = await createFamily(t.ctx, { lastName: 'Ngo' });
    const zoe = await createChildFor(t, f1, fullChildInput(l, { lastName: 'Lefèvre', firstName: 'Zoé', birthDate: '2017-01-09' }));
    const noe = await createChildFor(t, f2, fullChildInput(l, { lastName: 'Ngo', firstName: 'Noé-Anh', birthDate: '2019-04-30' }));

    const ids = async (qs: string) => {
      const res = await agentClient.get(`/api/staff/children?${qs}`);
      expect(res.status, qs).toBe(200);
      return res.body.map((x: any) => x.id);
    };
    expect(await ids('q=zoe%20LEFEVRE')).toEqual([zoe.id]);
    expect(await ids('q=noe%20anh')).toEqual([noe.id]);
    expect(await ids('q=ngo')).toEqual([noe.id]);
    // a guardian's name alone (guardian 1 of both families is Alice), or with the child's
    expect(await ids('q=ALICE')).toEqual([zoe.id, noe.id]);
    expect(await ids('q=alice%20zoe')).toEqual([zoe.id]);
    expect(await ids('birthDate=2017-01-09')).toEqual([zoe.id]);
    expect(await ids(`familyId=${f2.familyId}`)).toEqual([noe.id]);
    expect(await ids('q=%25')).toEqual([]);
    const res = await agentClient.get(`/api/staff/children?familyId=${f1.familyId}`);
    expect(res.body[0]).toEqual({
      id: zoe.id,
      familyId: f1.familyId,
      familyName: 'LEFÈVRE Alice',
      lastName: 'Lefèvre',
      firstName: 'Zoé',
      sex: 'F',
      birthDate: '2017-01-09',
      school: 'École Jean Jaurès',
      schoolClass: 'CE1',
      updatedAt: zoe.updatedAt,
    });
    expect(await auditOf(zoe.id)).toHaveLength(1); // only the family's own « child.created »
  });

  it('refuses a malformed birth date with a field error', async () => {
    const res = await agentClient.get('/api/staff/children?birthDate=2017-13-40');
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0]).toMatchObject({ path: 'birthDate', code: 'date.invalid' });
  });
});

describe('staff reads of health data', () => {
  it('writes an audit line for every read of the full record, the history and the emergency sheet', async () => {
    const f = await createFamily(t.ctx);
    const child = await createChildFor(t, f);
    const record = await agentClient.get(`/api/staff/children/${child.id}`);
    expect(record.status).toBe(200);
    expect(record.body).toEqual(child);
    t.clock.advance(1000);
    expect((await agentClient.get(`/api/staff/children/${child.id}/history`)).status).toBe(200);
    expect((await agentClient.get(`/api/staff/children/${child.id}/emergency-sheet`)).status).toBe(200);

    const lines = (await auditOf(child.id)).filter((a) => a.actor_account_id === agent.accountId);
    expect(lines.map((a) => a.action)).toEqual(['child.health_viewed', 'child.history_viewed', 'child.emergency_sheet_viewed']);
    for (const a of lines) expect(a).toMatchObject({ actor_email: agent.email, family_id: f.familyId, target_type: 'child', details: null });
    expect(lines[1].at).toBe(t.clock.now().toISOString());
  });

  it('an unknown child is a plain 404, and nothing is audited', async () => {
    const before = await t.ctx.db.selectFrom('audit_log').select('id').execute();
    for (const suffix of ['', '/history', '/emergency-sheet'])
      expect((await agentClient.get(`/api/staff/children/${randomUUID()}${suffix}`)).status, suffix).toBe(404);
    expect(await t.ctx.db.selectFrom('audit_log').select('id').execute()).toHaveLength(before.length);
  });

  it('the family sees, from its account, which agent read which child’s health information and when', async () => {
    const f = await createFamily(t.ctx);
    const other = await createFamily(t.ctx);
    const child = await createChildFor(t, f, fullChildInput(l, { firstName: 'Jules', lastName: 'Bernard' }));
    const otherChild = await createChildFor(t, other);
    const admin = await createStaff(t.ctx, { role: 'admin' });
    const adminClient = await loginAs(t, admin.accountId);
    await agentClient.get(`/api/staff/children/${child.id}`);
    t.clock.advance(60_000);
    await adminClient.get(`/api/staff/children/${child.id}/emergency-sheet`);
    await agentClient.get(`/api/staff/children/${otherChild.id}`);
    // a family-side read of its own child is not a staff access
    const familyClient = await loginAs(t, f.accountId);
    await familyClient.get(`/api/children/${child.id}`);

    const res = await familyClient.get('/api/family/health-accesses');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      { at: t.clock.now().toISOString(), childId: child.id, childName: 'Jules Bernard', staffName: expect.stringMatching(/^Agent /), kind: 'emergency_sheet' },
      { at: expect.any(String), childId: child.id, childName: 'Jules Bernard', staffName: expect.stringMatching(/^Agent /), kind: 'record' },
    ]);
    expect(JSON.stringify(res.body)).not.toContain(admin.email);
    const theirs = await (await loginAs(t, other.accountId)).get('/api/family/health-accesses');
    expect(theirs.body.map((x: any) => x.childId)).toEqual([otherChild.id]);
  });
});

describe('GET /api/staff/children/:childId/emergency-sheet', () => {
  it('holds identity, allergies answered « Oui » with their comment, PAI, contacts, pick-up persons, doctor and guardians', async () => {
    const f = await createFamily(t.ctx, { lastName: 'Martin' });
    const child = await createChildFor(t, f);
    const res = await agentClient.get(`/api/staff/children/${child.id}/emergency-sheet`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      generatedAt: t.clock.now().toISOString(),
      cityName: t.ctx.config.city.name,
      child: {
        id: child.id,
        lastName: 'Martin',
        firstName: 'Léa',
        sex: 'F',
        birthDate: '2018-06-14',
        school: 'École Jean Jaurès',
        schoolClass: 'CE1',
        diet: 'Sans porc',
      },
      allergies: [{ label: 'Alimentaire', comment: 'Arachide : stylo d’adrénaline dans le sac' }],
      carePlan: true,
      vaccinationsUpToDate: true,
      lastVaccinationDate: '2024-03-02',
      observations: 'Porte des lunettes',
      doctor: { name: 'Dr Lambert', phone: '0320123456', address: '5 rue Pasteur, 59560 Comines' },
      guardians: [{ name: 'MARTIN Alice', phones: ['0612345678'] }],
      contacts: [
        { lastName: 'Martin', firstName: 'Odile', relationship: 'Grand-mère', phone1: '0601020304', phone2: '+32470123456', address: '8 rue du Moulin, 59560 Comines' },
        { lastName: 'Roux', firstName: 'Paul', relationship: 'Voisin', phone1: '0711223344', phone2: null, address: null },
      ],
      pickups: [
        { lastName: 'Martin', firstName: 'Odile', relationship: 'Grand-mère', phone1: '0601020304', phone2: '+32470123456', address: '8 rue du Moulin, 59560 Comines' },
        { lastName: 'Durand', firstName: 'Inès', relationship: 'Nourrice', phone1: '0655443322', phone2: null, address: '59200 Tourcoing' },
      ],
    });
  });
});
