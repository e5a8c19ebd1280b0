import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { createChildFor, fullChildInput, lists } from '../support/children.js';
import type { ChildRecord, ListItem, ReferenceLists } from '../../src/shared/child-contracts.js';

let t: TestApp;
let admin: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t, (await createStaff(t.ctx, { role: 'admin' })).accountId);
});
afterAll(async () => {
  await t.close();
});

describe('reference lists', () => {
  it('every new database starts with the five lists; families read the active items in order', async () => {
    const f = await createFamily(t.ctx);
    const res = await (await loginAs(t, f.accountId)).get<ReferenceLists>('/api/reference-lists');
    expect(res.status).toBe(200);
    expect(res.body.diseases.map((i) => i.label)).toContain('Varicelle');
    expect(res.body.allergies.map((i) => i.label)).toContain('Asthme');
    expect(res.body.authorizations.map((i) => i.label)).toEqual(['Droit à l’image', 'Sortie seul(e)', 'Transport', 'Soins d’urgence']);
    expect(res.body.authorizations[0].description).toMatch(/photographier/);
    expect(res.body.kinships.map((i) => i.label)).toContain('Grand-mère');
    expect(res.body.diets.map((i) => i.label)).toEqual(expect.arrayContaining(['Sans porc', 'Végétarien']));
    for (const kind of Object.keys(res.body) as (keyof ReferenceLists)[]) {
      const positions = res.body[kind].map((i) => i.position);
      expect(positions, kind).toEqual([...positions].sort((a, b) => a - b));
    }
  });

  it('admins add, rename, deactivate, reactivate, reorder and remove items', async () => {
    const add = await admin.post<ListItem>('/api/staff/lists/kinships', { label: 'Parrain', description: '' });
    expect(add.status).toBe(201);
    expect(add.body).toMatchObject({ kind: 'kinships', label: 'Parrain', description: null, active: true });
    const taken = await admin.post('/api/staff/lists/kinships', { label: 'parrain' });
    expect(taken.status).toBe(400);
    expect(taken.body.error.fields[0]).toMatchObject({ path: 'label', code: 'list.label_taken' });
    expect((await admin.post('/api/staff/lists/kinships', { label: '' })).body.error.fields[0]).toMatchObject({ path: 'label', code: 'required' });
    expect((await admin.post('/api/staff/lists/unknown', { label: 'x' })).status).toBe(400);

    const renamed = await admin.patch<ListItem>(`/api/staff/lists/kinships/${add.body.id}`, { label: 'Parrain / marraine' });
    expect(renamed.body.label).toBe('Parrain / marraine');
    const off = await admin.patch<ListItem>(`/api/staff/lists/kinships/${add.body.id}`, { active: false });
    expect(off.body.active).toBe(false);
    const fam = await loginAs(t, (await createFamily(t.ctx)).accountId);
    expect((await fam.get<ReferenceLists>('/api/reference-lists')).body.kinships.map((i) => i.id)).not.toContain(add.body.id);
    const managed = await admin.get<ReferenceLists>('/api/staff/lists');
    expect(managed.body.kinships.find((i) => i.id === add.body.id)).toMatchObject({ active: false });
    await admin.patch(`/api/staff/lists/kinships/${add.body.id}`, { active: true });
    expect((await fam.get<ReferenceLists>('/api/reference-lists')).body.kinships.map((i) => i.id)).toContain(add.body.id);

    const ids = (await admin.get<ReferenceLists>('/api/staff/lists')).body.kinships.map((i) => i.id);
    const reversed = [...ids].reverse();
    const order = await admin.put<ListItem[]>('/api/staff/lists/kinships/order', { ids: reversed });
    expect(order.status).toBe(200);
    expect(order.body.map((i) => i.id)).toEqual(reversed);
    expect((await fam.get<ReferenceLists>('/api/reference-lists')).body.kinships.map((i) => i.id)).toEqual(reversed);
    const mismatch = await admin.put('/api/staff/lists/kinships/order', { ids: reversed.slice(1) });
    expect(mismatch.status).toBe(409);
    expect(mismatch.body.error.code).toBe('list.order_mismatch');

    const del = await admin.delete(`/api/staff/lists/kinships/${add.body.id}`);
    expect(del.status).toBe(200);
    expect((await admin.get<ReferenceLists>('/api/staff/lists')).body.kinships.map((i) => i.id)).not.toContain(add.body.id);
    expect((await admin.delete(`/api/staff/lists/kinships/${add.body.id}`)).status).toBe(404);
    expect((await admin.patch(`/api/staff/lists/kinships/${add.body.id}`, { active: true })).status).toBe(404);
    expect((await admin.patch(`/api/staff/lists/diets/${randomUUID()}`, { active: true })).status).toBe(404);
    // the removed label is free again
    expect((await admin.post('/api/staff/lists/kinships', { label: 'Parrain / marraine' })).status).toBe(201);

    const actions = (await t.ctx.db.selectFrom('audit_log').select('action').where('target_type', '=', 'list:kinships').execute()).map((a) => a.action);
    expect(actions).toEqual(['list.item_added', 'list.item_updated', 'list.item_updated', 'list.item_updated', 'list.reordered', 'list.item_removed', 'list.item_added']);
  });

  it('removing or deactivating items never corrupts the children who answered them', async () => {
    const l = await lists(t);
    const f = await createFamily(t.ctx);
    const family = await loginAs(t, f.accountId);
    // items of their own, so the other tests' lists stay as seeded
    const allergy = (await admin.post<ListItem>('/api/staff/lists/allergies', { label: 'Latex' })).body;
    const disease = (await admin.post<ListItem>('/api/staff/lists/diseases', { label: 'Roséole' })).body;
    const authz = (await admin.post<ListItem>('/api/staff/lists/authorizations', { label: 'Baignade' })).body;
    const diet = (await admin.post<ListItem>('/api/staff/lists/diets', { label: 'Sans gluten' })).body;
    const input = fullChildInput(await lists(t), { dietId: diet.id });
    input.health.allergies = { ...input.health.allergies, [allergy.id]: { answer: true, comment: 'Gants sans latex' } };
    input.health.diseases = { ...input.health.diseases, [disease.id]: true };
    input.authorizations = { ...input.authorizations, [authz.id]: true };
    const created = await family.post<ChildRecord>('/api/children', input);
    expect(created.status).toBe(201);

    await admin.patch(`/api/staff/lists/allergies/${allergy.id}`, { label: 'Latex (gants)' });
    await admin.delete(`/api/staff/lists/allergies/${allergy.id}`);
    await admin.patch(`/api/staff/lists/diseases/${disease.id}`, { active: false });
    await admin.delete(`/api/staff/lists/authorizations/${authz.id}`);
    await admin.delete(`/api/staff/lists/diets/${diet.id}`);

    const expectKept = (r: ChildRecord) => {
      expect(r.health.allergies.find((a) => a.itemId === allergy.id)).toEqual({ itemId: allergy.id, label: 'Latex', active: false, answer: true, comment: 'Gants sans latex' });
      expect(r.health.diseases.find((d) => d.itemId === disease.id)).toEqual({ itemId: disease.id, label: 'Roséole', active: false, answer: true });
      expect(r.authorizations.find((a) => a.itemId === authz.id)).toEqual({ itemId: authz.id, label: 'Baignade', active: false, answer: true });
      expect(r.diet).toEqual({ itemId: diet.id, label: 'Sans gluten', active: false });
    };
    const read = await family.get<ChildRecord>(`/api/children/${created.body.id}`);
    expect(read.status).toBe(200);
    expectKept(read.body);

    // The family saves the form again: no answer is required for the removed items, the old answers are kept,
    // and the removed diet may stay the child's diet (but cannot be chosen anew by another child).
    const again = { ...input };
    again.health = { ...input.health, allergies: { ...input.health.allergies, [allergy.id]: { answer: false, comment: null } } };
    again.authorizations = Object.fromEntries(Object.entries(input.authorizations!).filter(([k]) => k !== authz.id));
    const saved = await family.put<ChildRecord>(`/api/children/${created.body.id}`, again);
    expect(saved.status).toBe(200);
    expectKept(saved.body);
    const other = await family.post('/api/children', fullChildInput(l, { dietId: diet.id }));
    expect(other.status).toBe(400);
    expect(other.body.error.fields).toEqual([expect.objectContaining({ path: 'dietId', code: 'list_item.unknown' })]);

    // A new authorization must be answered at the next save.
    const fresh = (await admin.post<ListItem>('/api/staff/lists/authorizations', { label: 'Sortie à la piscine' })).body;
    const missing = await family.put(`/api/children/${created.body.id}`, again);
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toEqual([expect.objectContaining({ path: `authorizations.${fresh.id}`, code: 'authorization.required' })]);
    const listed = (await family.get<ChildRecord>(`/api/children/${created.body.id}`)).body.authorizations.find((a) => a.itemId === fresh.id);
    expect(listed).toEqual({ itemId: fresh.id, label: 'Sortie à la piscine', active: true, answer: null });
    await admin.delete(`/api/staff/lists/authorizations/${fresh.id}`);
  });
});
