/**
 * Issue 11, separated parents: a child shared by two households. The staff link and unlink it (audited, both
 * households mailed), set the custody schedule; each household books its own days, a day booked by the other one is
 * refused, a day is billed to the household that booked it; nothing of one household is reachable by the other.
 * Runs on SQLite, and on PostgreSQL with TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff, type FamilyFixture } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { fullChildInput, lists } from '../support/children.js';
import { ROUTE_ACCESS } from '../../src/server/access.js';
import { en } from '../../src/shared/i18n/en/index.js';
import { fr } from '../../src/shared/i18n/fr/index.js';
import { createBillingFixture, markDirect, runMonth, type BillingFixture } from './billing-support.js';
import { childOf, reserve } from './booking-support.js';
import { upload, pdfFile } from './document-support.js';
import { startPayment } from '../../src/server/modules/payment/payment.service.js';

// Tuesday 1 September 2026, 10:00 Paris
const START = '2026-09-01T08:00:00Z';
let t: TestApp;
let b: BillingFixture;
let agent: TestClient;
let A: { family: FamilyFixture; client: TestClient };
let B: { family: FamilyFixture; client: TestClient };
let shared: string; // the child, created by household A
let siblingOfA: string; // A's other child, never shared
let l: Awaited<ReturnType<typeof lists>>;

async function household(lastName: string, address: string) {
  const family = await createFamily(t.ctx, { lastName, postalCode: '59560' });
  await t.ctx.db.updateTable('family').set({ address_line1: address, family_quotient: 600 }).where('id', '=', family.familyId).execute();
  return { family, client: await loginAs(t, family.accountId) };
}

const planning = (c: TestClient, childId: string, week: string) =>
  c.get(`/api/booking/planning/${childId}/${b.activity.activityId}/${b.activity.periodId}?week=${week}`);
const book = (c: TestClient, childId: string, unit: 'matin' | 'soir', ...days: string[]) =>
  reserve(c, { childId, activityId: b.activity.activityId, periodId: b.activity.periodId, changes: days.map((day) => ({ day, unitId: b.activity.units[unit], action: 'book' as const })) });
const cancel = (c: TestClient, childId: string, unit: 'matin' | 'soir', ...days: string[]) =>
  reserve(c, { childId, activityId: b.activity.activityId, periodId: b.activity.periodId, changes: days.map((day) => ({ day, unitId: b.activity.units[unit], action: 'cancel' as const })) });
const states = (r: { body: { lines: { day: string; state: string; reason: string | null }[] } }) => r.body.lines.map((x) => [x.day, x.state, x.reason]);

async function mailsTo(email: string, subject: RegExp) {
  await t.deliverMail();
  return t.smtp!.messages.filter((m) => m.to.includes(email) && subject.test(m.subject));
}

beforeAll(async () => {
  t = await createTestApp({ clockStart: START, smtp: true });
  b = await createBillingFixture(t, 'H01');
  agent = b.agent;
  l = await lists(t);
  A = await household('Durand', '12 rue des Lilas');
  B = await household('Morel', '3 impasse des Tilleuls');
  shared = await childOf(t, A.family, { firstName: 'Zoé', lastName: 'Durand' });
  siblingOfA = await childOf(t, A.family, { firstName: 'Hugo', lastName: 'Durand' });
});
afterAll(async () => {
  await t.close();
});

describe('linking a child into a second household (staff)', () => {
  it('requires the identity check, then links, audits and mails both households', async () => {
    const url = `/api/staff/children/${shared}/households`;
    const missing = await agent.post(url, { familyId: B.family.familyId, identityChecked: false, identityNote: '' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['identityChecked', 'identityNote']);
    expect(missing.body.error.fields[0].message).toMatch(/vérifié|Ce champ/);
    expect(await t.ctx.db.selectFrom('child_household').select('family_id').where('child_id', '=', shared).execute()).toHaveLength(1);

    // a family cannot do it
    expect((await B.client.post(url, { familyId: B.family.familyId, identityChecked: true, identityNote: 'x' })).status).toBe(403);

    const r = await agent.post(url, { familyId: B.family.familyId, identityChecked: true, identityNote: 'Livret de famille présenté en mairie' });
    expect(r.status).toBe(201);
    expect(r.body.map((h: { familyId: string; first: boolean }) => [h.familyId, h.first])).toEqual([
      [A.family.familyId, true],
      [B.family.familyId, false],
    ]);
    // twice: refused, nothing changed
    const again = await agent.post(url, { familyId: B.family.familyId, identityChecked: true, identityNote: 'x' });
    expect([again.status, again.body.error.code]).toEqual([409, 'household.already_linked']);
    const third = await household('Tiers', '1 place du Marché');
    const tooMany = await agent.post(url, { familyId: third.family.familyId, identityChecked: true, identityNote: 'x' });
    expect([tooMany.status, tooMany.body.error.code]).toEqual([409, 'household.too_many']);

    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'child.household_linked').where('target_id', '=', shared).execute();
    expect(audit.map((a) => a.family_id).sort()).toEqual([A.family.familyId, B.family.familyId].sort());
    expect(JSON.parse(audit[0].details!)).toMatchObject({ identityNote: 'Livret de famille présenté en mairie' });
    expect(await mailsTo(A.family.email, /garde partagée/)).toHaveLength(1);
    expect(await mailsTo(B.family.email, /garde partagée/)).toHaveLength(1);
  });

  it('each household sees the child; the shared record is common, contacts and pick-up persons are each household’s own', async () => {
    expect((await B.client.get('/api/children')).body.map((c: { id: string }) => c.id)).toEqual([shared]);
    const fromA = await A.client.get(`/api/children/${shared}`);
    const fromB = await B.client.get(`/api/children/${shared}`);
    expect(fromB.status).toBe(200);
    expect(fromB.body.contacts).toEqual([]); // A's contacts are A's
    expect(fromA.body.contacts.length).toBeGreaterThan(0);
    expect(fromB.body.familyId).toBe(B.family.familyId);

    // B writes its own contact and changes the school (shared): A keeps its contacts and sees the school
    const input = fullChildInput(l, { firstName: 'Zoé', lastName: 'Durand', birthDate: '2018-03-10' });
    input.school = 'École Jules Ferry (B)';
    input.contacts = [{ ...input.contacts![0], lastName: 'MOREL-CONTACT', firstName: 'Paul', ref: 'c1' }] as typeof input.contacts;
    input.pickups = [{ source: 'contact', contact: 'c1' }] as typeof input.pickups;
    const saved = await B.client.put(`/api/children/${shared}`, input);
    expect(saved.status).toBe(200);
    const afterA = await A.client.get(`/api/children/${shared}`);
    expect(afterA.body.school).toBe('École Jules Ferry (B)');
    expect(afterA.body.contacts).toEqual(fromA.body.contacts);
    expect(afterA.body.pickups).toEqual(fromA.body.pickups);
    expect(JSON.stringify(afterA.body)).not.toContain('MOREL-CONTACT');

    // B cannot send A's contact ids (guessing them): 404, nothing written
    const guess = fullChildInput(l, { firstName: 'Zoé', lastName: 'Durand', birthDate: '2018-03-10' });
    guess.contacts = [{ ...guess.contacts![0], id: fromA.body.contacts[0].id }] as typeof guess.contacts;
    guess.pickups = [] as typeof guess.pickups;
    expect((await B.client.put(`/api/children/${shared}`, guess)).status).toBe(404);
    expect((await A.client.get(`/api/children/${shared}`)).body.contacts).toEqual(fromA.body.contacts);

    // the history says which household changed what
    const history = await t.ctx.db.selectFrom('child_history').select(['family_id', 'field']).where('child_id', '=', shared).execute();
    expect(history.some((h) => h.family_id === B.family.familyId && h.field === 'school')).toBe(true);

    // staff see both households' contacts
    const staffView = await agent.get(`/api/staff/children/${shared}`);
    expect(staffView.body.contacts.length).toBe(fromA.body.contacts.length + 1);
  });
});

describe('custody schedule and booking', () => {
  it('validates the schedule (a Monday; a weekday to one household only)', async () => {
    const url = `/api/staff/children/${shared}/custody`;
    const tuesday = await agent.put(url, { kind: 'alternate_weeks', referenceMonday: '2026-09-08', referenceFamilyId: A.family.familyId });
    expect([tuesday.status, tuesday.body.error.fields[0].code]).toEqual([400, 'household.custody_monday']);
    const overlap = await agent.put(url, { kind: 'weekdays', weekdays: { [A.family.familyId]: [1, 2], [B.family.familyId]: [2, 3] } });
    expect([overlap.status, overlap.body.error.fields[0].code]).toEqual([400, 'household.custody_overlap']);
    const stranger = await agent.put(url, { kind: 'weekdays', weekdays: { 'not-a-household': [1] } });
    expect([stranger.status, stranger.body.error.code]).toEqual([409, 'household.custody_changed']);
    const single = await agent.put(`/api/staff/children/${siblingOfA}/custody`, { kind: 'free' });
    expect([single.status, single.body.error.code]).toEqual([409, 'household.not_shared']);
  });

  it('alternate weeks: each household books its weeks; the other’s are closed in the planning and refused on submit', async () => {
    const set = await agent.put(`/api/staff/children/${shared}/custody`, { kind: 'alternate_weeks', referenceMonday: '2026-09-07', referenceFamilyId: A.family.familyId });
    expect(set.status).toBe(200);
    const custodyMail = await mailsTo(B.family.email, /calendrier de garde/);
    expect(custodyMail).toHaveLength(1);
    expect(custodyMail[0].text).toMatch(/une semaine sur deux ; vos semaines commencent le lundi 14 septembre 2026/);
    expect((await mailsTo(A.family.email, /calendrier de garde/))[0].text).toMatch(/vos semaines commencent le lundi 7 septembre 2026/);
    expect((await B.client.get(`/api/children/${shared}/custody`)).body).toEqual({ shared: true, custody: { kind: 'alternate_weeks', anchor: '2026-09-14', weekdays: [] }, seesOther: false });

    // A: week of 7 September is A's; 14 September is B's
    const pa = await planning(A.client, shared, '2026-09-14');
    expect(pa.status).toBe(200);
    const cellsA = pa.body.days.filter((d: { weekday: number }) => d.weekday <= 5).flatMap((d: { cells: { state: string; reason: string }[] }) => d.cells);
    expect(cellsA.every((c: { state: string; reason: string }) => c.state === 'closed' && c.reason === 'Garde de l’autre foyer')).toBe(true);
    const pa2 = await planning(A.client, shared, '2026-09-07');
    expect(pa2.body.days.find((d: { day: string }) => d.day === '2026-09-08').cells[0].state).toBe('bookable');

    const ra = await book(A.client, shared, 'matin', '2026-09-08', '2026-09-15');
    expect(ra.status).toBe(201);
    expect(states(ra)).toEqual([
      ['2026-09-08', 'accepted', null],
      ['2026-09-15', 'refused', 'household.other_custody'],
    ]);
    const rb = await book(B.client, shared, 'matin', '2026-09-08', '2026-09-15', '2026-09-16');
    expect(states(rb)).toEqual([
      ['2026-09-08', 'refused', 'household.other_custody'],
      ['2026-09-15', 'accepted', null],
      ['2026-09-16', 'accepted', null],
    ]);
    // the refusal's sentence, in both languages
    expect(en.errors.household.other_custody).toMatch(/other household/);
    expect(fr.errors.household.other_custody).toMatch(/autre foyer/);
  });

  it('free custody: the first household to book a day gets it; the other is refused with a clear message, whatever the unit', async () => {
    await agent.put(`/api/staff/children/${shared}/custody`, { kind: 'free' });
    const ra = await book(A.client, shared, 'matin', '2026-09-22');
    expect(states(ra)).toEqual([['2026-09-22', 'accepted', null]]);
    const rb = await book(B.client, shared, 'soir', '2026-09-22', '2026-09-23');
    expect(states(rb)).toEqual([
      ['2026-09-22', 'refused', 'household.day_taken'],
      ['2026-09-23', 'accepted', null],
    ]);
    const p = await planning(B.client, shared, '2026-09-21');
    const tue = p.body.days.find((d: { day: string }) => d.day === '2026-09-22');
    expect(tue.cells.map((c: { state: string; reason: string }) => [c.state, c.reason])).toEqual([
      ['closed', 'Jour réservé par l’autre foyer'],
      ['closed', 'Jour réservé par l’autre foyer'],
    ]);
    // in English too
    B.client.setCookie('lang', 'en');
    const pEn = await planning(B.client, shared, '2026-09-21');
    expect(pEn.body.days.find((d: { day: string }) => d.day === '2026-09-22').cells[0].reason).toBe('Day booked by the other household');
    const refusedEn = await book(B.client, shared, 'soir', '2026-09-22');
    expect(refusedEn.body.lines[0].reason).toBe('household.day_taken');
    B.client.setCookie('lang', 'fr');
    // B's planning shows B's own booking as booked, A's only as « taken », never as B's
    const wed = p.body.days.find((d: { day: string }) => d.day === '2026-09-23');
    expect(wed.cells.map((c: { state: string }) => c.state)).toEqual(['bookable', 'accepted']);
  });

  it('a household cannot cancel the other household’s booking of the shared child', async () => {
    const r = await cancel(B.client, shared, 'matin', '2026-09-22');
    expect(states(r)).toEqual([['2026-09-22', 'refused', 'booking.not_booked']]);
    const still = await t.ctx.db.selectFrom('booking').select(['family_id']).where('child_id', '=', shared).where('day', '=', '2026-09-22').execute();
    expect(still.map((x) => x.family_id)).toEqual([A.family.familyId]);
  });

  it('two households booking the same day at the same instant: exactly one wins, every time', async () => {
    const days = ['2026-09-28', '2026-09-29', '2026-09-30', '2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'];
    for (const [i, day] of days.entries()) {
      // different units on even days (no UNIQUE index can decide), the same unit on odd ones; double clicks too
      const [ua, ub] = i % 2 === 0 ? (['matin', 'soir'] as const) : (['soir', 'soir'] as const);
      const results = await Promise.all([book(A.client, shared, ua, day), book(B.client, shared, ub, day), book(A.client, shared, ua, day), book(B.client, shared, ub, day)]);
      for (const r of results) expect(r.status, JSON.stringify(r.body)).toBe(201);
      const rows = await t.ctx.db.selectFrom('booking').select(['family_id']).distinct().where('child_id', '=', shared).where('day', '=', day).execute();
      expect(rows, day).toHaveLength(1);
      const refused = results.flatMap((r) => r.body.lines).filter((x: { reason: string | null }) => x.reason === 'household.day_taken');
      expect(refused.length, day).toBeGreaterThanOrEqual(2);
    }
    // capacity counters agree with the bookings
    const counters = await t.ctx.db.selectFrom('unit_day').select(['unit_id', 'day', 'booked']).execute();
    for (const c of counters) {
      const n = await t.ctx.db.selectFrom('booking').select((eb) => eb.fn.countAll<number>().as('n')).where('unit_id', '=', c.unit_id).where('day', '=', c.day).where('state', 'in', ['accepted', 'pending']).executeTakeFirstOrThrow();
      expect(Number(n.n), `${c.unit_id} ${c.day}`).toBe(Number(c.booked));
    }
  });
});

describe('billing: a day is billed to the household that booked it', () => {
  it('one invoice per household, each with only its own days; a presence without a booking to the household whose custody covers it', async () => {
    t.clock.set('2026-10-05T08:00:00Z');
    // a month later: sessions have expired, everyone signs in again
    agent = await loginAs(t, b.agentActor.id);
    A.client = await loginAs(t, A.family.accountId);
    B.client = await loginAs(t, B.family.accountId);
    // two presences without a booking, one in each household's week: each is billed to the household whose custody
    // covers the day (B has the weeks of 14 and 28 September)
    expect((await agent.put(`/api/staff/children/${shared}/custody`, { kind: 'alternate_weeks', referenceMonday: '2026-09-14', referenceFamilyId: B.family.familyId })).status).toBe(200);
    // cells (unit, day) that no household booked for the child (the other unit may be booked that day)
    const held = new Set((await t.ctx.db.selectFrom('booking').select(['unit_id', 'day']).where('child_id', '=', shared).execute()).map((x) => `${x.unit_id}|${x.day}`));
    const free = (days: string[]) => {
      for (const day of days) for (const unitId of Object.values(b.activity.units)) if (!held.has(`${unitId}|${day}`)) return { day, unitId };
      throw new Error('no free cell');
    };
    const presenceA = free(['2026-09-21', '2026-09-22', '2026-09-23', '2026-09-24', '2026-09-25']);
    const presenceB = free(['2026-09-28', '2026-09-29', '2026-09-30']);
    const [unbookedA, unbookedB] = [presenceA.day, presenceB.day];
    for (const p of [presenceA, presenceB]) await markDirect(t, shared, p.unitId, p.day, 'present_unbooked');
    const run = await runMonth(agent, b.officeId, '2026-09');
    expect(run.status).toBe(202);
    const invoices = await t.ctx.db.selectFrom('invoice').select(['id', 'family_id']).where('run_id', '=', run.body.id).execute();
    const ofFamily = (f: string) => invoices.filter((i) => i.family_id === f);
    expect(ofFamily(A.family.familyId)).toHaveLength(1);
    expect(ofFamily(B.family.familyId)).toHaveLength(1);
    const daysOf = async (invoiceId: number) =>
      (await t.ctx.db.selectFrom('invoice_line').select(['days', 'child_id']).where('invoice_id', '=', invoiceId).execute())
        .filter((x) => x.child_id === shared)
        .flatMap((x) => x.days.split(','))
        .sort();
    const aDays = await daysOf(ofFamily(A.family.familyId)[0].id);
    const bDays = await daysOf(ofFamily(B.family.familyId)[0].id);
    const booked = async (f: string) =>
      (await t.ctx.db.selectFrom('booking').select('day').where('child_id', '=', shared).where('family_id', '=', f).where('state', '=', 'accepted').where('day', '<=', '2026-09-30').execute()).map((x) => x.day).sort();
    expect(aDays).toEqual([...(await booked(A.family.familyId)), unbookedA].sort());
    expect(bDays).toEqual([...(await booked(B.family.familyId)), unbookedB].sort());
    expect(aDays).toContain('2026-09-08');
    expect(bDays).toContain('2026-09-15');
    // a booked day is on one invoice only (a presence without a booking may share its day with the other's booking)
    expect(aDays.filter((d) => bDays.includes(d) && d !== unbookedA && d !== unbookedB)).toEqual([]);
  });
});

describe('cross-household isolation: nothing of one household reachable by the other', () => {
  it('every family GET route, with each of the other household’s ids, shows nothing of it', async () => {
    // A's things: a document, a reservation, an invoice (published), its own child, its address
    const admin = await loginAs(t, (await createStaff(t.ctx, { role: 'admin' })).accountId);
    const type = await admin.request('POST', '/api/staff/document-types', {
      name: 'Attestation Durand',
      scope: 'family',
      validityKind: 'none',
      description: null,
      validityMonths: null,
      required: true,
      requiredForActivityIds: [],
      active: true,
    });
    expect(type.status).toBe(201);
    const up = await upload(t, A.client, type.body.id, [{ fileName: 'durand-secret.pdf', content: pdfFile() }]);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const fileId: string = up.body.files?.[0]?.id ?? (await t.ctx.db.selectFrom('document_file').select('id').executeTakeFirstOrThrow()).id;
    const reservationId = (await t.ctx.db.selectFrom('reservation').select('id').where('family_id', '=', A.family.familyId).executeTakeFirstOrThrow()).id;
    const run = (await t.ctx.db.selectFrom('invoicing_run').select('id').executeTakeFirstOrThrow()).id;
    expect((await agent.post(`/api/staff/billing/runs/${run}/publish`)).status).toBe(200);
    const invoice = await t.ctx.db.selectFrom('invoice').select(['id', 'total_cents']).where('family_id', '=', A.family.familyId).executeTakeFirstOrThrow();
    const invoiceId = invoice.id;
    // an online payment of A's invoice, started (the bank's page not visited)
    const paymentId = (await startPayment(t.ctx, { familyId: A.family.familyId, email: A.family.email }, { invoiceIds: [invoice.id], totalCents: Number(invoice.total_cents) })).payment.id;

    const ids: Record<string, string[]> = {
      childId: [siblingOfA, shared],
      activityId: [b.activity.activityId],
      periodId: [b.activity.periodId],
      reservationId: [String(reservationId)],
      fileId: [fileId],
      invoiceId: [String(invoiceId)],
      paymentId: [String(paymentId)],
    };
    // (the document type's name is the city's, listed to every family: not a secret)
    const secrets = ['12 rue des Lilas', 'Hugo', 'durand-secret', A.family.email];
    const routes = Object.entries(ROUTE_ACCESS)
      .filter(([route, access]) => route.startsWith('GET ') && String(access).startsWith('family'))
      .map(([route]) => route.slice(4));
    expect(routes.length).toBeGreaterThan(15);
    let checked = 0;
    for (const route of routes) {
      const params = [...route.matchAll(/:(\w+)/g)].map((m) => m[1]);
      const combos: Record<string, string>[] = [{}];
      for (const p of params) {
        const values = ids[p] ?? ['x'];
        const next: Record<string, string>[] = [];
        for (const c of combos) for (const v of values) next.push({ ...c, [p]: v });
        combos.splice(0, combos.length, ...next);
      }
      for (const c of combos) {
        const url = route.replace(/:(\w+)/g, (_, p: string) => encodeURIComponent(c[p]));
        const res = await B.client.get(url);
        expect(res.status, url).toBeLessThan(500);
        const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body ?? '');
        for (const s of secrets) expect(text.includes(s), `${url} shows « ${s} »`).toBe(false);
        // the other household's own ids answer 404, never its data
        if (c.childId === siblingOfA || c.reservationId || c.fileId || c.invoiceId || c.paymentId) expect(res.status, url).toBe(404);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);

    // writes with A's ids: booking A's own child, uploading a document for it, editing it
    const own = await reserve(B.client, { childId: siblingOfA, activityId: b.activity.activityId, periodId: b.activity.periodId, changes: [{ day: '2026-10-20', unitId: b.activity.units.matin, action: 'book' }] });
    expect(own.status).toBe(404);
    expect((await B.client.put(`/api/children/${siblingOfA}`, fullChildInput(l))).status).toBe(404);
    expect((await B.client.get(`/api/children/${siblingOfA}/custody`)).status).toBe(404);
    // B's lists hold only B's
    expect((await B.client.get('/api/booking/reservations')).body.every((r: { child: { id: string } }) => r.child.id === shared)).toBe(true);
    const mine = await t.ctx.db.selectFrom('reservation').select('id').where('family_id', '=', B.family.familyId).execute();
    expect((await B.client.get('/api/booking/reservations')).body.map((r: { number: number }) => r.number).sort()).toEqual(mine.map((r) => r.id).sort());
  });
});

describe('« partage autorisé »: staff let one household see the other’s items for the child', () => {
  it('is off by default, one-way when allowed, shows only what concerns the child, audited and told to both', async () => {
    const url = (familyId: string) => `/api/staff/children/${shared}/households/${familyId}/sharing`;
    // off by default: refused with a sentence saying whom to ask
    const off = await B.client.get(`/api/children/${shared}/other-household`);
    expect(off.status).toBe(403);
    expect(off.body.error.code).toBe('household.sharing_off');
    expect(off.body.error.message).toMatch(/service enfance/);
    expect((await B.client.get(`/api/children/${shared}/custody`)).body.seesOther).toBe(false);
    // a family cannot allow itself; a child of one household has nothing to share
    expect((await B.client.request('PUT', url(B.family.familyId), { seesOther: true })).status).toBe(403);
    const single = await agent.request('PUT', `/api/staff/children/${siblingOfA}/households/${A.family.familyId}/sharing`, { seesOther: true });
    expect(single.status).toBe(409);
    expect(single.body.error.code).toBe('household.sharing_single');
    expect((await agent.request('PUT', url(B.family.familyId), { seesOther: 'oui' })).status).toBe(400);

    const on = await agent.request('PUT', url(B.family.familyId), { seesOther: true });
    expect(on.status).toBe(200);
    expect(on.body.map((h: { familyId: string; seesOther: boolean }) => [h.familyId, h.seesOther])).toEqual([
      [A.family.familyId, false],
      [B.family.familyId, true],
    ]);
    const audits = await t.ctx.db.selectFrom('audit_log').select(['family_id', 'details']).where('action', '=', 'child.household_sharing').execute();
    expect(audits.map((a) => a.family_id).sort()).toEqual([A.family.familyId, B.family.familyId].sort());
    expect(await mailsTo(A.family.email, /partage entre les deux foyers/)).toHaveLength(1);
    expect(await mailsTo(B.family.email, /partage entre les deux foyers/)).toHaveLength(1);
    // the same click again changes nothing and tells nobody again
    expect((await agent.request('PUT', url(B.family.familyId), { seesOther: true })).status).toBe(200);
    expect(await t.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'child.household_sharing').execute()).toHaveLength(2);

    // B sees A's address, A's invoice amounts for the shared child only, and A's bookings of the child from today
    expect((await B.client.get(`/api/children/${shared}/custody`)).body.seesOther).toBe(true);
    const seen = await B.client.get(`/api/children/${shared}/other-household`);
    expect(seen.status).toBe(200);
    expect(seen.body.household.addressLine1).toBe('12 rue des Lilas');
    expect(seen.body.household.guardians[0].lastName).toBe('Durand');
    const text = JSON.stringify(seen.body);
    expect(text).not.toMatch(/Hugo|quotient|durand-secret/i);
    expect(Object.keys(seen.body.household).sort()).toEqual(['addressLine1', 'addressLine2', 'city', 'guardians', 'postalCode']);
    const aInvoice = await t.ctx.db.selectFrom('invoice').select('id').where('family_id', '=', A.family.familyId).where('state', '=', 'published').executeTakeFirstOrThrow();
    const childCents = (await t.ctx.db.selectFrom('invoice_line').select(['amount_cents', 'child_id']).where('invoice_id', '=', aInvoice.id).execute())
      .filter((x) => x.child_id === shared)
      .reduce((n, x) => n + Number(x.amount_cents), 0);
    expect(seen.body.invoices).toEqual([expect.objectContaining({ month: '2026-09', childAmountCents: childCents, settled: false })]);
    const aComing = await t.ctx.db.selectFrom('booking').select('day').where('child_id', '=', shared).where('family_id', '=', A.family.familyId).where('day', '>=', '2026-10-05').execute();
    expect(seen.body.bookings.map((x: { day: string }) => x.day).sort()).toEqual(aComing.map((x) => x.day).sort());
    // the document A sent was for the family, not the child: not listed
    expect(seen.body.documents).toEqual([]);

    // one-way: A still sees nothing of B
    expect((await A.client.get(`/api/children/${shared}/other-household`)).status).toBe(403);
    // and A's other child is not a way in
    expect((await B.client.get(`/api/children/${siblingOfA}/other-household`)).status).toBe(404);

    // withdrawn: refused again
    expect((await agent.request('PUT', url(B.family.familyId), { seesOther: false })).status).toBe(200);
    expect((await B.client.get(`/api/children/${shared}/other-household`)).status).toBe(403);
    expect(await mailsTo(B.family.email, /partage entre les deux foyers/)).toHaveLength(2);
    // a document of A reviewed by staff: in A's journal, by the town hall
    const sub = await t.ctx.db.selectFrom('document_submission').select('id').where('family_id', '=', A.family.familyId).executeTakeFirstOrThrow();
    const reviewed = await agent.request('POST', `/api/staff/documents/${sub.id}/review`, { decision: 'refuse', reason: 'Illisible' });
    expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
    const aJournal = (await A.client.get('/api/family/journal')).body as { action: string; who: string | null; subject: string | null }[];
    expect(aJournal.find((j) => j.action === 'document.refused')).toMatchObject({ who: null, subject: 'Attestation Durand' });
    // the household's journal shows the town's decisions about the child, by « la mairie » (who: null)
    const journal = (await B.client.get('/api/family/journal')).body as { action: string; who: string | null; subject: string | null }[];
    for (const action of ['child.household_linked', 'child.custody_set', 'child.household_sharing'])
      expect(journal.find((j) => j.action === action), action).toMatchObject({ who: null, subject: 'Zoé' });
    expect(journal.filter((j) => j.action === 'child.household_sharing')).toHaveLength(2);
  });
});

describe('unlinking and closing', () => {
  it('never removes the last household; unlinking one tells both, and the child leaves its space', async () => {
    const last = await agent.request('DELETE', `/api/staff/children/${siblingOfA}/households/${A.family.familyId}`);
    expect([last.status, last.body.error.code]).toEqual([409, 'household.last_household']);
    const notLinked = await agent.request('DELETE', `/api/staff/children/${siblingOfA}/households/${B.family.familyId}`);
    expect([notLinked.status, notLinked.body.error.code]).toEqual([404, 'household.not_linked']);

    // A holds a day to come: it goes with the unlink (the place is freed); its past days stay
    const future = await book(A.client, shared, 'matin', '2026-10-21');
    expect(states(future)).toEqual([['2026-10-21', 'accepted', null]]);
    const pastOfA = await t.ctx.db.selectFrom('booking').select('id').where('child_id', '=', shared).where('family_id', '=', A.family.familyId).where('day', '<=', '2026-10-05').execute(); // today stays too
    expect(pastOfA.length).toBeGreaterThan(0);
    // unlink A, the first household: B becomes the first, A no longer sees the child, its contacts go
    const r = await agent.request('DELETE', `/api/staff/children/${shared}/households/${A.family.familyId}`);
    expect(r.status).toBe(200);
    expect(r.body.map((h: { familyId: string; first: boolean; custody: { kind: string } }) => [h.familyId, h.first, h.custody.kind])).toEqual([[B.family.familyId, true, 'free']]);
    expect((await A.client.get(`/api/children/${shared}`)).status).toBe(404);
    expect((await A.client.get('/api/children')).body.map((c: { id: string }) => c.id)).toEqual([siblingOfA]);
    expect((await B.client.get(`/api/children/${shared}`)).status).toBe(200);
    expect(await t.ctx.db.selectFrom('child_contact').select('id').where('child_id', '=', shared).where('family_id', '=', A.family.familyId).execute()).toEqual([]);
    const ofA = await t.ctx.db.selectFrom('booking').select(['id', 'day']).where('child_id', '=', shared).where('family_id', '=', A.family.familyId).execute();
    expect(ofA.map((x) => x.id).sort()).toEqual(pastOfA.map((x) => x.id).sort());
    const counter = await t.ctx.db.selectFrom('unit_day').select('booked').where('unit_id', '=', b.activity.units.matin).where('day', '=', '2026-10-21').executeTakeFirstOrThrow();
    expect(Number(counter.booked)).toBe(0);
    // A's history says what became of that day: a cancellation by the service, with the reason in plain French
    const history = (await A.client.get('/api/booking/reservations')).body as { number: number; kind: string }[];
    const unlinked = history.find((h) => h.kind === 'cancellation');
    expect(unlinked, JSON.stringify(history)).toBeDefined();
    const detail = await A.client.get(`/api/booking/reservations/${unlinked!.number}`);
    expect(detail.status).toBe(200);
    const lines = detail.body.lines as { day: string; action: string; state: string; reason: string; reasonText: string }[];
    expect(lines.map((l) => l.day)).toContain('2026-10-21');
    for (const l of lines) {
      expect([l.action, l.state, l.reason]).toEqual(['cancel', 'accepted', 'household.unlinked']);
      expect(l.day > '2026-10-05').toBe(true);
      expect(l.reasonText).toMatch(/n’est plus rattaché à votre foyer/);
    }
    expect(await mailsTo(A.family.email, /changement de foyer/)).toHaveLength(1);
    expect(await mailsTo(B.family.email, /changement de foyer/)).toHaveLength(1);
    // twice at once: one wins, the other is told
    await agent.post(`/api/staff/children/${shared}/households`, { familyId: A.family.familyId, identityChecked: true, identityNote: 'retour' });
    const both = await Promise.all([
      agent.request('DELETE', `/api/staff/children/${shared}/households/${A.family.familyId}`),
      agent.request('DELETE', `/api/staff/children/${shared}/households/${B.family.familyId}`),
    ]);
    expect(both.map((x) => x.status).sort()).toEqual([200, 409]);
    expect(await t.ctx.db.selectFrom('child_household').select('family_id').where('child_id', '=', shared).execute()).toHaveLength(1);
  });

  it('two agents linking two different households at the same instant: one wins, the other is told (two at most)', async () => {
    const c = await household('Petit', '2 rue Neuve');
    const d = await household('Grand', '4 rue Neuve');
    const e = await household('Moyen', '6 rue Neuve');
    const child = await childOf(t, c.family, { firstName: 'Théo', lastName: 'Petit' });
    const agent2 = await loginAs(t, (await createStaff(t.ctx, { role: 'agent' })).accountId);
    const url = `/api/staff/children/${child}/households`;
    const body = (familyId: string) => ({ familyId, identityChecked: true, identityNote: 'pièce d’identité' });
    const r = await Promise.all([agent.post(url, body(d.family.familyId)), agent2.post(url, body(e.family.familyId)), agent.post(url, body(d.family.familyId))]);
    expect(r.map((x) => x.status).sort()).toEqual([201, 409, 409]);
    for (const x of r.filter((y) => y.status === 409)) expect(['household.too_many', 'household.already_linked']).toContain(x.body.error.code);
    expect(await t.ctx.db.selectFrom('child_household').select('family_id').where('child_id', '=', child).execute()).toHaveLength(2);
    const audits = await t.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'child.household_linked').where('target_id', '=', child).execute();
    expect(audits).toHaveLength(2); // one line per household of the one link made
  });

  it('closing one household of a shared child unlinks it: the child stays whole for the other', async () => {
    const c = await household('Ferry', '8 rue Haute');
    const d = await household('Garnier', '9 rue Basse');
    const child = await childOf(t, c.family, { firstName: 'Lina', lastName: 'Ferry' });
    expect((await agent.post(`/api/staff/children/${child}/households`, { familyId: d.family.familyId, identityChecked: true, identityNote: 'jugement' })).status).toBe(201);
    const adminClient = await loginAs(t, (await createStaff(t.ctx, { role: 'admin' })).accountId);
    const closed = await adminClient.post(`/api/staff/families/${c.family.familyId}/close`, { confirmLastName: 'Ferry' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const forD = await d.client.get(`/api/children/${child}`);
    expect(forD.status).toBe(200);
    expect(forD.body.firstName).toBe('Lina');
    expect(forD.body.health.carePlan).not.toBeNull();
    expect(await t.ctx.db.selectFrom('child_household').select('family_id').where('child_id', '=', child).execute()).toEqual([{ family_id: d.family.familyId }]);
    expect((await t.ctx.db.selectFrom('child').select('family_id').where('id', '=', child).executeTakeFirstOrThrow()).family_id).toBe(d.family.familyId);
  });
});

