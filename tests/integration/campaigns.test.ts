import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { createFamily } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { childOf, reserve } from './booking-support.js';
import { applicant, campaignBody, campaignWorld, moveClock, MONDAY, SATURDAY, START, TUESDAY, WEDNESDAY, wish, type CampaignWorld } from './campaigns-support.js';

let t: TestApp;
let w: CampaignWorld;
let unit: string;

beforeAll(async () => {
  t = await createTestApp({ clockStart: START, smtp: true });
  w = await campaignWorld(t);
  unit = w.activity.units.journee;
});
afterAll(async () => {
  await t.close();
});

describe('request window', () => {
  it('only an admin creates a campaign; one per period; a bad window is a clear 400', async () => {
    expect((await w.agent.request('POST', '/api/staff/campaigns', campaignBody(w.activity.periodId))).status).toBe(403);
    const again = await w.admin.request('POST', '/api/staff/campaigns', campaignBody(w.activity.periodId));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('campaign.exists');
    const bad = await w.admin.request('POST', '/api/staff/campaigns', campaignBody(w.activity.periodId, { closesAt: '2026-05-01T00:00:00.000Z' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path)).toContain('closesAt');
    const list = await w.agent.request('GET', '/api/staff/campaigns');
    expect(list.status).toBe(200);
    expect(list.body.find((c: { id: string }) => c.id === w.campaignId)).toMatchObject({ phase: 'requests', mode: 'requests' });
  });

  it('during the window the planning collects wishes and a first-come booking is refused', async () => {
    const a = await applicant(t);
    const planning = await a.client.request('GET', `/api/booking/planning/${a.childId}/${w.activity.activityId}/${w.activity.periodId}?week=${MONDAY}`);
    expect(planning.status).toBe(200);
    expect(planning.body.campaign).toMatchObject({ id: w.campaignId, phase: 'requests' });
    expect(planning.body.blocked).toBe('campaign.requests_only');
    const r = await reserve(a.client, { childId: a.childId, activityId: w.activity.activityId, periodId: w.activity.periodId, changes: [{ day: MONDAY, unitId: unit, action: 'book' }] });
    expect(r.status).toBe(201);
    expect(r.body.lines[0]).toMatchObject({ state: 'refused', reason: 'campaign.requests_only' });
    expect(await t.ctx.db.selectFrom('booking').select('id').where('child_id', '=', a.childId).execute()).toHaveLength(0);
  });

  it('a family saves, changes and withdraws its wishes; another family’s child is a 404; a closed day is a 400', async () => {
    const a = await applicant(t);
    const saved = await wish(a.client, w.campaignId, a.childId, [
      { unitId: unit, day: MONDAY, preference: 2 },
      { unitId: unit, day: TUESDAY, preference: 1 },
    ]);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ editable: true, phase: 'requests' });
    expect(saved.body.wishes).toEqual([
      { unitId: unit, day: MONDAY, preference: 2 },
      { unitId: unit, day: TUESDAY, preference: 1 },
    ]);
    expect(saved.body.rules.join(' ')).toContain('Résidence dans la commune ×10');
    const changed = await wish(a.client, w.campaignId, a.childId, [{ unitId: unit, day: TUESDAY, preference: null }]);
    expect(changed.body.wishes).toEqual([{ unitId: unit, day: TUESDAY, preference: null }]);
    const read = await a.client.request('GET', `/api/campaigns/for-planning/${a.childId}/${w.activity.activityId}/${w.activity.periodId}`);
    expect(read.body.wishes).toHaveLength(1);
    expect((await wish(a.client, w.campaignId, a.childId, [])).body.wishes).toEqual([]);

    const other = await applicant(t);
    expect((await wish(other.client, w.campaignId, a.childId, [{ unitId: unit, day: MONDAY }])).status).toBe(404);
    expect((await other.client.request('GET', `/api/campaigns/for-planning/${a.childId}/${w.activity.activityId}/${w.activity.periodId}`)).status).toBe(404);
    const saturday = await wish(a.client, w.campaignId, a.childId, [{ unitId: unit, day: SATURDAY }]);
    expect(saturday.status).toBe(400);
    expect(saturday.body.error.fields[0]).toMatchObject({ path: 'wishes.0.day', code: 'campaign.day_closed' });
    const twice = await wish(a.client, w.campaignId, a.childId, [{ unitId: unit, day: MONDAY }, { unitId: unit, day: MONDAY }]);
    expect(twice.status).toBe(400);
    const pref = await a.client.request('PUT', `/api/campaigns/${w.campaignId}/wishes/${a.childId}`, { wishes: [{ unitId: unit, day: MONDAY, preference: 0 }] });
    expect(pref.status).toBe(400);
    expect(pref.body.error.fields[0].code).toBe('campaign.preference_invalid');
    expect(await t.ctx.db.selectFrom('campaign_wish').select('id').where('child_id', '=', a.childId).execute()).toHaveLength(0);
  });

  it('a pending account may not submit wishes', async () => {
    const f = await createFamily(t.ctx, { status: 'pending' });
    const childId = await childOf(t, f);
    const c = await loginAs(t, f.accountId);
    const r = await wish(c, w.campaignId, childId, [{ unitId: unit, day: MONDAY }]);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('account.not_validated');
  });
});

describe('eligibility refusals', () => {
  it('refuses non-residents, ages and categories outside the rules, with the rule in plain words', async () => {
    const world = await campaignWorld(t, { journee: 5 }, { eligibility: { residentsOnly: true, minAge: 6, maxAge: 11, schoolClasses: [], requiredFlags: [], documentsRequired: false, maxDaysPerWeek: null, maxDaysPerPeriod: null } });
    const u = world.activity.units.journee;
    const lille = await applicant(t, { resident: false });
    const r1 = await wish(lille.client, world.campaignId, lille.childId, [{ unitId: u, day: MONDAY }]);
    expect(r1.status).toBe(409);
    expect(r1.body.error).toMatchObject({ code: 'campaign.ineligible_not_resident', message: 'Cette campagne est réservée aux familles résidant dans la commune.' });
    const toddler = await applicant(t, { birthDate: '2023-01-01' });
    const r2 = await wish(toddler.client, world.campaignId, toddler.childId, [{ unitId: u, day: MONDAY }]);
    expect(r2.body.error.code).toBe('campaign.ineligible_age');
    const view = await toddler.client.request('GET', `/api/campaigns/for-planning/${toddler.childId}/${world.activity.activityId}/${world.activity.periodId}`);
    expect(view.body).toMatchObject({ editable: false, blocked: 'campaign.ineligible_age' });
    const ok = await applicant(t);
    expect((await wish(ok.client, world.campaignId, ok.childId, [{ unitId: u, day: MONDAY }])).status).toBe(200);

    // a category reserved campaign: the family becomes eligible once staff set its category
    const detail = await world.admin.request('GET', `/api/staff/campaigns/${world.campaignId}`);
    const upd = await world.admin.request('PUT', `/api/staff/campaigns/${world.campaignId}`, {
      ...campaignBody(world.activity.periodId),
      eligibility: { ...detail.body.campaign.eligibility, residentsOnly: false, requiredFlags: ['single_parent_working'] },
      version: detail.body.campaign.version,
    });
    expect(upd.status).toBe(200);
    const stale = await world.admin.request('PUT', `/api/staff/campaigns/${world.campaignId}`, { ...campaignBody(world.activity.periodId), version: detail.body.campaign.version });
    expect(stale.body.error.code).toBe('campaign.stale');
    const r3 = await wish(lille.client, world.campaignId, lille.childId, [{ unitId: u, day: MONDAY }]);
    expect(r3.body.error.code).toBe('campaign.ineligible_category');
    expect((await world.agent.request('PUT', `/api/staff/campaigns/flags/${lille.family.familyId}`, { childId: null, flags: ['single_parent_working'] })).status).toBe(200);
    expect((await wish(lille.client, world.campaignId, lille.childId, [{ unitId: u, day: MONDAY }])).status).toBe(200);
    // the seed is frozen once the window is open
    const seed = await world.admin.request('PUT', `/api/staff/campaigns/${world.campaignId}`, { ...campaignBody(world.activity.periodId), seedText: 'autre', version: upd.body.version });
    expect(seed.status).toBe(400);
    expect(seed.body.error.fields[0].code).toBe('campaign.seed_frozen');
  });

  it('the earlier window for residents: a non-resident waits for the general opening', async () => {
    const world = await campaignWorld(t, { journee: 5 }, { opensAt: '2026-06-03T06:00:00.000Z', residentOpensAt: '2026-05-30T06:00:00.000Z' });
    const u = world.activity.units.journee;
    const resident = await applicant(t);
    const lille = await applicant(t, { resident: false });
    expect((await wish(resident.client, world.campaignId, resident.childId, [{ unitId: u, day: MONDAY }])).status).toBe(200);
    const early = await wish(lille.client, world.campaignId, lille.childId, [{ unitId: u, day: MONDAY }]);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('campaign.not_open_yet');
  });
});

describe('publication and waiting lists', () => {
  it('allocates by priority, writes places and waiting lists through booking, mails each family once, idempotently', async () => {
    const world = await campaignWorld(t, { journee: 2 }, { eligibility: { residentsOnly: false, minAge: null, maxAge: null, schoolClasses: [], requiredFlags: [], documentsRequired: false, maxDaysPerWeek: 1, maxDaysPerPeriod: null } });
    const u = world.activity.units.journee;
    const lille1 = await applicant(t, { resident: false, firstName: 'Nina' });
    const lille2 = await applicant(t, { resident: false, firstName: 'Omar' });
    const res1 = await applicant(t, { firstName: 'Paul' });
    const res2 = await applicant(t, { firstName: 'Rose' });
    // the non-residents were first: arrival order does not count
    for (const a of [lille1, lille2, res1, res2]) expect((await wish(a.client, world.campaignId, a.childId, [{ unitId: u, day: MONDAY }])).status).toBe(200);
    // over the cap of one day a week: the Tuesday (preference 2) is not kept
    expect((await wish(res1.client, world.campaignId, res1.childId, [{ unitId: u, day: MONDAY, preference: 1 }, { unitId: u, day: TUESDAY, preference: 2 }])).status).toBe(200);

    const early = await world.admin.request('POST', `/api/staff/campaigns/${world.campaignId}/publish`);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('campaign.window_open');

    const sim = await world.agent.request('POST', `/api/staff/campaigns/${world.campaignId}/simulate`, {});
    expect(sim.status).toBe(200);
    expect(sim.body.requests).toMatchObject({ families: 4, allocated: 2, waitlisted: 2, capped: 1 });
    expect(sim.body.firstCome).toMatchObject({ families: 4, wishes: 5 });
    expect(sim.body.cells.find((c: { day: string }) => c.day === MONDAY)).toMatchObject({ places: 2, wished: 4, requests: 2 });
    expect(sim.body.perCriterion[0]).toMatchObject({ criterion: 'residence', applicants: 2, servedPart: 1, servedAll: 1 });
    // re-run with other weights: nothing booked, nothing sent
    const sim2 = await world.agent.request('POST', `/api/staff/campaigns/${world.campaignId}/simulate`, { criteria: [{ criterion: 'residence', weight: 0 }] });
    expect(sim2.body.criteria).toEqual([{ criterion: 'residence', weight: 0, flag: null }]);
    expect(await t.ctx.db.selectFrom('booking').select('id').where('activity_id', '=', world.activity.activityId).execute()).toHaveLength(0);

    await moveClock(t, '2026-06-15T20:00:01Z', world, [lille1, lille2, res1, res2]);
    try {
      const late = await wish(res2.client, world.campaignId, res2.childId, []);
      expect(late.status).toBe(409);
      expect(late.body.error.code).toBe('campaign.closed');
      const pending = await reserve(res2.client, { childId: res2.childId, activityId: world.activity.activityId, periodId: world.activity.periodId, changes: [{ day: WEDNESDAY, unitId: u, action: 'book' }] });
      expect(pending.body.lines[0].reason).toBe('campaign.allocation_pending');
      expect((await world.agent.request('POST', `/api/staff/campaigns/${world.campaignId}/publish`)).status).toBe(403);

      const pub = await world.admin.request('POST', `/api/staff/campaigns/${world.campaignId}/publish`);
      expect(pub.status).toBe(200);
      expect(pub.body.campaign.phase).toBe('published');
      expect(pub.body.published).toMatchObject({ allocated: 2, waitlisted: 2, capped: 1 });
      const again = await world.admin.request('POST', `/api/staff/campaigns/${world.campaignId}/publish`);
      expect(again.status).toBe(200);
      expect(again.body.campaign.publishedAt).toBe(pub.body.campaign.publishedAt);

      const bookings = await t.ctx.db.selectFrom('booking').select(['child_id', 'state', 'id']).where('unit_id', '=', u).where('day', '=', MONDAY).orderBy('id').execute();
      const stateOf = new Map(bookings.map((b) => [b.child_id, b.state]));
      expect(stateOf.get(res1.childId)).toBe('accepted');
      expect(stateOf.get(res2.childId)).toBe('accepted');
      expect(stateOf.get(lille1.childId)).toBe('waitlisted');
      expect(stateOf.get(lille2.childId)).toBe('waitlisted');
      const counter = await t.ctx.db.selectFrom('unit_day').select(['booked', 'capacity']).where('unit_id', '=', u).where('day', '=', MONDAY).executeTakeFirstOrThrow();
      expect(counter).toEqual({ booked: 2, capacity: 2 });
      const mails = await t.ctx.db.selectFrom('outbox').select(['to_address', 'subject', 'text_body']).where('template', '=', 'campaign.published').where('family_id', 'in', [lille1, lille2, res1, res2].map((a) => a.family.familyId)).execute();
      expect(mails).toHaveLength(4);
      expect(mails[0]!.subject).toContain('Résultat de vos demandes');

      // each family reads its outcome in plain French, with the seed and the rules
      const o1 = await res1.client.request('GET', '/api/campaigns/outcomes');
      expect(o1.status).toBe(200);
      expect(o1.body[0]).toMatchObject({ seedText: 'Arrêté municipal 2026-142' });
      expect(o1.body[0].items.map((i: { day: string; text: string }) => [i.day, i.text])).toEqual([
        [MONDAY, 'Place attribuée'],
        [TUESDAY, 'Non retenu : au plus 1 jour par semaine'],
      ]);
      const waiting = (await lille1.client.request('GET', '/api/campaigns/outcomes')).body[0].items[0];
      const waiting2 = (await lille2.client.request('GET', '/api/campaigns/outcomes')).body[0].items[0];
      expect([waiting.rankNow, waiting2.rankNow].sort()).toEqual([1, 2]);
      expect(waiting.text).toMatch(/^Liste d’attente, rang [12] : aucune priorité, ordre du tirage au sort$/);
      const first = waiting.rankNow === 1 ? lille1 : lille2;
      const second = waiting.rankNow === 1 ? lille2 : lille1;

      // after publication the period is first come again: a free day books at once, a full one waits behind the campaign's list
      const newcomer = await applicant(t, { firstName: 'Zoé' });
      const free = await reserve(newcomer.client, { childId: newcomer.childId, activityId: world.activity.activityId, periodId: world.activity.periodId, changes: [{ day: WEDNESDAY, unitId: u, action: 'book' }] });
      expect(free.body.lines[0].state).toBe('accepted');
      const full = await reserve(newcomer.client, { childId: newcomer.childId, activityId: world.activity.activityId, periodId: world.activity.periodId, changes: [{ day: MONDAY, unitId: u, action: 'book' }] });
      expect(full.body.lines[0].state).toBe('waitlisted');

      // a place frees: the first of the campaign's waiting list gets it, the second moves up to rank 1
      const cancel = await reserve(res2.client, { childId: res2.childId, activityId: world.activity.activityId, periodId: world.activity.periodId, changes: [{ day: MONDAY, unitId: u, action: 'cancel' }] });
      expect(cancel.body.lines[0].state).toBe('accepted');
      const promoted = (await first.client.request('GET', '/api/campaigns/outcomes')).body[0].items[0];
      expect(promoted).toMatchObject({ now: 'accepted', rankNow: null, rankAtPublication: 1 });
      const moved = (await second.client.request('GET', '/api/campaigns/outcomes')).body[0].items[0];
      expect(moved).toMatchObject({ now: 'waitlisted', rankNow: 1, rankAtPublication: 2, text: 'Liste d’attente, rang 1 : aucune priorité, ordre du tirage au sort' });
      // nothing changes once published
      const frozen = await world.admin.request('PUT', `/api/staff/campaigns/${world.campaignId}`, campaignBody(world.activity.periodId));
      expect(frozen.body.error.code).toBe('campaign.published');
    } finally {
      await moveClock(t, START, world, []);
    }
  });

  it('siblings together: two siblings wait together when one place is left', async () => {
    const world = await campaignWorld(t, { journee: 1 }, { siblingsTogether: true, criteria: [{ criterion: 'residence', weight: 10 }] });
    const u = world.activity.units.journee;
    const family = await applicant(t, { firstName: 'Aïcha' });
    const brother = await childOf(t, family.family, { firstName: 'Ilyes', birthDate: '2016-05-05' });
    const lille = await applicant(t, { resident: false });
    for (const childId of [family.childId, brother]) expect((await wish(family.client, world.campaignId, childId, [{ unitId: u, day: MONDAY }])).status).toBe(200);
    expect((await wish(lille.client, world.campaignId, lille.childId, [{ unitId: u, day: MONDAY }])).status).toBe(200);
    await moveClock(t, '2026-06-16T08:00:00Z', world, [family, lille]);
    try {
      expect((await world.admin.request('POST', `/api/staff/campaigns/${world.campaignId}/publish`)).status).toBe(200);
    } finally {
      await moveClock(t, START, world, []);
    }
    const items = (await family.client.request('GET', '/api/campaigns/outcomes')).body.find((c: { campaignId: string }) => c.campaignId === world.campaignId).items;
    expect(items.map((i: { status: string }) => i.status)).toEqual(['waitlisted', 'waitlisted']);
    expect(items[0].text).toContain('pas assez de places pour toute la fratrie');
    const other = (await lille.client.request('GET', '/api/campaigns/outcomes')).body[0].items[0];
    expect(other.status).toBe('allocated');
  });
});

describe('the reservations written by a publication', () => {
  it('read as any reservation, each line saying it came from the campaign', async () => {
    const world = await campaignWorld(t, { journee: 1 });
    const u = world.activity.units.journee;
    const a = await applicant(t);
    const b = await applicant(t, { resident: false });
    for (const x of [a, b]) expect((await wish(x.client, world.campaignId, x.childId, [{ unitId: u, day: MONDAY }])).status).toBe(200);
    await moveClock(t, '2026-06-16T08:00:00Z', world, [a, b]);
    try {
      expect((await world.admin.request('POST', `/api/staff/campaigns/${world.campaignId}/publish`)).status).toBe(200);
      const list = await a.client.request('GET', '/api/booking/reservations');
      const mine = list.body.find((r: { activity: { id: string } }) => r.activity.id === world.activity.activityId);
      const detail = await a.client.request('GET', `/api/booking/reservations/${mine.number}`);
      expect(detail.body.lines[0]).toMatchObject({ state: 'accepted', reason: 'campaign.allocated' });
      const other = (await b.client.request('GET', '/api/booking/reservations')).body.find((r: { activity: { id: string } }) => r.activity.id === world.activity.activityId);
      expect(other.state).toBe('waitlisted');
    } finally {
      await moveClock(t, START, world, []);
    }
  });
});

describe('a period whose booking window opens after the campaign', () => {
  it('is open in the wizard while the campaign collects requests, and its planning collects them', async () => {
    const world = await campaignWorld(t, { journee: 2 });
    await t.ctx.db.updateTable('period').set({ opens_at: '2026-06-20T06:00:00.000Z' }).where('id', '=', world.activity.periodId).execute();
    const a = await applicant(t);
    const cat = await a.client.request('GET', '/api/booking/catalog');
    const period = cat.body.establishments.flatMap((e: any) => e.activities).flatMap((x: any) => x.periods).find((p: any) => p.id === world.activity.periodId);
    expect(period.open).toBe(true);
    const planning = await a.client.request('GET', `/api/booking/planning/${a.childId}/${world.activity.activityId}/${world.activity.periodId}?week=${MONDAY}`);
    expect(planning.body.blocked).toBe('campaign.requests_only');
    expect((await wish(a.client, world.campaignId, a.childId, [{ unitId: world.activity.units.journee, day: MONDAY }])).status).toBe(200);
  });
});
