/**
 * Issue 15, the family quotient from the CAF (docs/quotient.md): the family's consent and fetch with the demo
 * provider, the real API Particulier client against a fake server on loopback (errors, time-out, nothing saved), the
 * staff's view, « Interroger la CAF » and manual entry on an accepted document, the family form's rule, the tariff
 * engine using the fetched quotient, the January refresh (once a year, one instance), export and closure.
 * Runs on SQLite, and on PostgreSQL with TEST_DATABASE_URL.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff, type FamilyFixture } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { FakeApiParticulier } from '../support/fake-api-particulier.js';
import { runPeriodicOnce } from '../../src/server/jobs/runner.js';
import { refreshJanuary } from '../../src/server/modules/quotient/quotient.service.js';
import { apiParticulierProvider, setQuotientProvider } from '../../src/server/modules/quotient/quotient.provider.js';
import { bookDirect, createBillingFixture, markDirect, runMonth } from './billing-support.js';
import { childOf } from './booking-support.js';
import { getRaw, readZip } from './document-support.js';

// Tuesday 1 September 2026, 10:00 Paris
const START = '2026-09-01T08:00:00Z';

async function familyAndClient(t: TestApp, lastName: string): Promise<{ f: FamilyFixture; c: TestClient }> {
  const f = await createFamily(t.ctx, { lastName, postalCode: '59560' });
  return { f, c: await loginAs(t, f.accountId) };
}

/** An accepted (or other state) document of a family, written directly. */
async function documentOf(t: TestApp, familyId: string, state: 'accepted' | 'pending' | 'refused' = 'accepted', validUntil: string | null = null): Promise<string> {
  const typeId = randomUUID();
  const now = t.ctx.clock.now().toISOString();
  await t.ctx.db
    .insertInto('document_type')
    .values({ id: typeId, name: `Attestation CAF ${typeId.slice(0, 4)}`, description: null, scope: 'family', validity_kind: 'none', validity_months: null, required: 0, active: 1, created_at: now, updated_at: now })
    .execute();
  const id = randomUUID();
  await t.ctx.db
    .insertInto('document_submission')
    .values({ id, family_id: familyId, child_id: null, document_type_id: typeId, state, refusal_reason: null, submitted_at: now, submitted_by: null, reviewed_at: state === 'pending' ? null : now, reviewed_by: null, valid_until: validUntil, reminder_sent_at: null })
    .execute();
  return id;
}

const history = (t: TestApp, familyId: string) => t.ctx.db.selectFrom('quotient_history').selectAll().where('family_id', '=', familyId).orderBy('seq').execute();
const familyRow = (t: TestApp, familyId: string) => t.ctx.db.selectFrom('family').selectAll().where('id', '=', familyId).executeTakeFirstOrThrow();
const audits = (t: TestApp, familyId: string, action: string) => t.ctx.db.selectFrom('audit_log').selectAll().where('family_id', '=', familyId).where('action', '=', action).execute();

describe('with the demo provider', () => {
  let t: TestApp;
  let agent: TestClient;
  let admin: TestClient;
  let A: { f: FamilyFixture; c: TestClient };
  let B: { f: FamilyFixture; c: TestClient };

  beforeAll(async () => {
    t = await createTestApp({ clockStart: START, smtp: true });
    agent = await loginAs(t, (await createStaff(t.ctx, { role: 'agent' })).accountId);
    admin = await loginAs(t, (await createStaff(t.ctx, { role: 'admin' })).accountId);
    A = await familyAndClient(t, 'Durand');
    B = await familyAndClient(t, 'Morel');
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows no quotient at first, and refuses to ask the CAF without the consent box ticked or with a bad number', async () => {
    const r = await A.c.get('/api/family/quotient');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ current: { quotient: null, source: null }, consent: null, consentActive: false, provider: 'demo', history: [] });
    const noConsent = await A.c.post('/api/family/quotient/fetch', { allocataireNumber: '1234567', regime: 'cnaf', consent: false });
    expect(noConsent.status).toBe(400);
    expect(noConsent.body.error.fields).toEqual([{ path: 'consent', code: 'quotient.consent_required', message: expect.stringContaining('Cochez la case') }]);
    const badNumber = await A.c.post('/api/family/quotient/fetch', { allocataireNumber: '12AB', regime: 'cnaf', consent: true });
    expect(badNumber.status).toBe(400);
    expect(badNumber.body.error.fields[0]).toMatchObject({ path: 'allocataireNumber', code: 'quotient.number_invalid' });
    const badRegime = await A.c.post('/api/family/quotient/fetch', { allocataireNumber: '1234567', regime: 'autre', consent: true });
    expect(badRegime.status).toBe(400);
    expect(await history(t, A.f.familyId)).toEqual([]);
    expect((await familyRow(t, A.f.familyId)).benefits_number).toBeNull();
  });

  it('asks the demo provider with the family’s consent: dated value, its source, consent recorded, audited', async () => {
    const r = await A.c.post('/api/family/quotient/fetch', { allocataireNumber: '123 45 67', regime: 'cnaf', consent: true });
    expect(r.status).toBe(200);
    expect(r.body.current).toMatchObject({ quotient: 780, source: 'demo', computedMonth: '2026-08', fetchedAt: START.replace('Z', '.000Z') });
    expect(r.body.consent).toMatchObject({ givenAt: expect.any(String), givenBy: A.f.email, withdrawnAt: null });
    expect(r.body.consentActive).toBe(true);
    expect(r.body.allocataireNumber).toBe('1234567');
    expect(r.body.regime).toBe('cnaf');
    expect(r.body.history).toEqual([{ seq: 1, quotient: 780, source: 'demo', computedMonth: '2026-08', recordedAt: expect.any(String), recordedBy: null, documentName: null }]);
    const row = await familyRow(t, A.f.familyId);
    expect(row).toMatchObject({ family_quotient: 780, benefits_regime: 'CAF', benefits_number: '1234567' });
    expect(await audits(t, A.f.familyId, 'quotient.consent_given')).toHaveLength(1);
    const fetched = await audits(t, A.f.familyId, 'quotient.fetched');
    expect(fetched).toHaveLength(1);
    expect(fetched[0]!.details).not.toContain('1234567');
  });

  it('a second identical fetch (double click) adds no history line', async () => {
    const [x, y] = await Promise.all([
      A.c.post('/api/family/quotient/fetch', { allocataireNumber: '1234567', regime: 'cnaf', consent: true }),
      A.c.post('/api/family/quotient/fetch', { allocataireNumber: '1234567', regime: 'cnaf', consent: true }),
    ]);
    expect([x.status, y.status]).toEqual([200, 200]);
    expect(await history(t, A.f.familyId)).toHaveLength(1);
  });

  it('a number the CAF does not know, or a service down, says so in French and saves nothing', async () => {
    const before = await familyRow(t, A.f.familyId);
    const unknown = await A.c.post('/api/family/quotient/fetch', { allocataireNumber: '0000000', regime: 'cnaf', consent: true });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields[0]).toMatchObject({ path: 'allocataireNumber', code: 'quotient.caf_not_found', message: expect.stringContaining('Rien n’a été enregistré') });
    const down = await A.c.post('/api/family/quotient/fetch', { allocataireNumber: '9999999', regime: 'msa', consent: true });
    expect(down.status).toBe(503);
    expect(down.body.error).toMatchObject({ code: 'quotient.unavailable', message: expect.stringContaining('ne répond pas') });
    const after = await familyRow(t, A.f.familyId);
    expect(after.family_quotient).toBe(780);
    expect(after.benefits_number).toBe(before.benefits_number);
    expect(await history(t, A.f.familyId)).toHaveLength(1);
    expect((await audits(t, A.f.familyId, 'quotient.fetch_failed')).map((a) => JSON.parse(a.details!).reason).sort()).toEqual(['not_found', 'unavailable']);
  });

  it('the family’s own form may not change a quotient the CAF sent', async () => {
    const rec = (await A.c.get('/api/family')).body;
    const input = {
      guardian1: { ...rec.guardian1, civility: rec.guardian1.civility ?? 'MME' },
      guardian2: null,
      addressLine1: rec.addressLine1,
      addressLine2: rec.addressLine2,
      postalCode: rec.postalCode,
      city: rec.city,
      familySituation: 'married',
      benefitsRegime: rec.benefitsRegime,
      benefitsNumber: rec.benefitsNumber,
      familyQuotient: 300,
      payerRank: 1,
    };
    const r = await A.c.put('/api/family', input);
    expect(r.status).toBe(400);
    expect(r.body.error.fields).toContainEqual(expect.objectContaining({ path: 'familyQuotient', code: 'quotient.verified_locked' }));
    expect((await familyRow(t, A.f.familyId)).family_quotient).toBe(780);
    // the same value passes (the rest of the form saves)
    expect((await A.c.put('/api/family', { ...input, familyQuotient: 780 })).status).toBe(200);
  });

  it('a family without a verified quotient declares one in its form: source « declared », in the history', async () => {
    const rec = (await B.c.get('/api/family')).body;
    const r = await B.c.put('/api/family', {
      guardian1: { ...rec.guardian1, civility: rec.guardian1.civility ?? 'M' },
      guardian2: null,
      addressLine1: rec.addressLine1,
      addressLine2: rec.addressLine2,
      postalCode: rec.postalCode,
      city: rec.city,
      familySituation: 'married',
      benefitsRegime: null,
      benefitsNumber: null,
      familyQuotient: 640,
      payerRank: 1,
    });
    expect(r.status).toBe(200);
    const q = (await B.c.get('/api/family/quotient')).body;
    expect(q.current).toMatchObject({ quotient: 640, source: 'declared' });
    expect(q.history).toEqual([expect.objectContaining({ seq: 1, quotient: 640, source: 'declared' })]);
  });

  it('each family sees only its own; staff routes are closed to families; an unknown family is 404', async () => {
    const b = (await B.c.get('/api/family/quotient')).body;
    expect(b.current.quotient).toBe(640);
    expect(b.allocataireNumber).toBeNull();
    expect((await B.c.get(`/api/staff/families/${A.f.familyId}/quotient`)).status).toBe(403);
    expect((await B.c.post(`/api/staff/families/${A.f.familyId}/quotient/fetch`)).status).toBe(403);
    expect((await agent.get(`/api/staff/families/${randomUUID()}/quotient`)).status).toBe(404);
    expect((await agent.post(`/api/staff/families/${randomUUID()}/quotient/fetch`)).status).toBe(404);
    expect((await agent.post(`/api/staff/families/${randomUUID()}/quotient`, { quotient: 1, computedMonth: '2026-08', documentId: 'x' })).status).toBe(404);
    expect((await t.client().get('/api/family/quotient')).status).toBe(401);
  });

  it('staff see the source and history with who wrote it, and ask the CAF only with consent in force', async () => {
    const v = await agent.get(`/api/staff/families/${A.f.familyId}/quotient`);
    expect(v.status).toBe(200);
    expect(v.body.history[0]).toMatchObject({ quotient: 780, source: 'demo', recordedBy: A.f.email });
    expect(v.body.documents).toEqual([]);
    const asked = await agent.post(`/api/staff/families/${A.f.familyId}/quotient/fetch`);
    expect(asked.status).toBe(200);
    expect(asked.body.current.quotient).toBe(780);
    // B never consented
    const refused = await agent.post(`/api/staff/families/${B.f.familyId}/quotient/fetch`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('quotient.consent_missing');
  });

  it('the family withdraws its consent: staff can no longer ask; the value stays', async () => {
    const r = await A.c.delete('/api/family/quotient/consent');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ consentActive: false, consent: { withdrawnAt: expect.any(String) }, current: { quotient: 780 } });
    expect((await A.c.delete('/api/family/quotient/consent')).status).toBe(409);
    const refused = await agent.post(`/api/staff/families/${A.f.familyId}/quotient/fetch`);
    expect(refused.status).toBe(409);
    expect(await audits(t, A.f.familyId, 'quotient.consent_withdrawn')).toHaveLength(1);
  });

  it('staff enter the quotient by hand on an accepted, valid document of the family only', async () => {
    const url = `/api/staff/families/${A.f.familyId}/quotient`;
    const ofB = await documentOf(t, B.f.familyId);
    const pending = await documentOf(t, A.f.familyId, 'pending');
    const expired = await documentOf(t, A.f.familyId, 'accepted', '2026-06-30');
    const good = await documentOf(t, A.f.familyId, 'accepted', '2027-06-30');
    for (const documentId of [ofB, pending, expired, 'nope']) {
      const r = await agent.post(url, { quotient: 512, computedMonth: '2026-07', documentId });
      expect(r.status).toBe(400);
      expect(r.body.error.fields[0]).toMatchObject({ path: 'documentId', code: 'quotient.document_invalid' });
    }
    const badMonth = await agent.post(url, { quotient: 512, computedMonth: '07/2026', documentId: good });
    expect(badMonth.status).toBe(400);
    expect(badMonth.body.error.fields[0]).toMatchObject({ path: 'computedMonth', code: 'quotient.month_invalid' });
    const negative = await agent.post(url, { quotient: -3, computedMonth: '2026-07', documentId: good });
    expect(negative.status).toBe(400);
    expect((await agent.get(url)).body.documents.map((d: { id: string }) => d.id)).toEqual([good]);
    const ok = await agent.post(url, { quotient: 512, computedMonth: '2026-07', documentId: good });
    expect(ok.status).toBe(200);
    expect(ok.body.current).toMatchObject({ quotient: 512, source: 'manual', computedMonth: '2026-07', documentName: expect.stringContaining('Attestation CAF') });
    expect(ok.body.history.map((h: { seq: number; source: string }) => [h.seq, h.source])).toEqual([
      [2, 'manual'],
      [1, 'demo'],
    ]);
    expect((await familyRow(t, A.f.familyId)).family_quotient).toBe(512);
    const line = (await audits(t, A.f.familyId, 'quotient.manual'))[0]!;
    expect(JSON.parse(line.details!)).toMatchObject({ quotient: 512, previous: 780, documentId: good });
    // the family sees it with its source, not who typed it
    const fam = (await A.c.get('/api/family/quotient')).body;
    expect(fam.current.source).toBe('manual');
    expect(fam.history[0].recordedBy).toBeNull();
  });

  it('the family’s export holds its consent and quotient history; the closure erases them', async () => {
    const zip = readZip((await getRaw(t, A.c, '/api/family/export')).body);
    const data = JSON.parse(zip.get('donnees.json')!.toString('utf8'));
    const text = JSON.stringify(data);
    expect(text).toContain('quotient_history');
    expect(text).toContain('quotient_consent');
    expect(data.other.quotient_history).toHaveLength(2);
    await A.c.post('/api/family/closure-request', { reason: 'Départ' });
    const closed = await admin.post(`/api/staff/families/${A.f.familyId}/close`, { confirmLastName: 'Durand' });
    expect(closed.status).toBe(200);
    expect(await history(t, A.f.familyId)).toEqual([]);
    expect(await t.ctx.db.selectFrom('quotient_state').selectAll().where('family_id', '=', A.f.familyId).execute()).toEqual([]);
  });
});

describe('with API Particulier (fake server on loopback)', () => {
  let t: TestApp;
  let api: FakeApiParticulier;
  let agent: TestClient;
  let A: { f: FamilyFixture; c: TestClient };

  beforeAll(async () => {
    api = new FakeApiParticulier();
    const url = await api.start();
    t = await createTestApp({
      clockStart: START,
      smtp: true,
      config: { quotient: { provider: 'api-particulier', apiParticulier: { url, token: api.token }, timeoutMs: 400 } },
    });
    agent = await loginAs(t, (await createStaff(t.ctx, { role: 'agent' })).accountId);
    A = await familyAndClient(t, 'Petit');
    api.file('1234567', '59560', 910, 8, 2026);
  });
  afterAll(async () => {
    await t.close();
    await api.stop();
  });

  it('sends the documented request and records the CNAF’s answer as « cnaf », dated by its month', async () => {
    const r = await A.c.post('/api/family/quotient/fetch', { allocataireNumber: '1234567', regime: 'cnaf', consent: true });
    expect(r.status).toBe(200);
    expect(r.body.current).toMatchObject({ quotient: 910, source: 'cnaf', computedMonth: '2026-08' });
    expect(r.body.provider).toBe('api-particulier');
    expect(api.requests.at(-1)).toEqual({ path: '/api/v2/composition-familiale', query: { numeroAllocataire: '1234567', codePostal: '59560' }, apiKeyOk: true });
  });

  it('404, bad parameters, 5xx, a time-out and a refused token each give a clear message and save nothing', async () => {
    const fetch = (allocataireNumber: string, regime = 'cnaf') => A.c.post('/api/family/quotient/fetch', { allocataireNumber, regime, consent: true });
    const notFound = await fetch('7654321');
    expect(notFound.status).toBe(400);
    expect(notFound.body.error.fields[0].code).toBe('quotient.caf_not_found');
    const tooLong = await fetch('12345678901'); // the fake answers 400 (a CNAF number has 7 digits)
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.fields[0].code).toBe('quotient.number_invalid');
    api.failNext(503);
    const down = await fetch('1234567');
    expect(down.status).toBe(503);
    expect(down.body.error.code).toBe('quotient.unavailable');
    api.failNext(500);
    expect((await fetch('1234567')).body.error.code).toBe('quotient.unavailable');
    api.hang = true;
    const slow = await fetch('1234567');
    api.hang = false;
    expect(slow.status).toBe(503);
    expect(slow.body.error.message).toContain('ne répond pas');
    const msa = await fetch('1234567', 'msa');
    expect(msa.status).toBe(400);
    expect(msa.body.error.fields[0]).toMatchObject({ path: 'regime', code: 'quotient.regime_unsupported' });
    // a wrong token: the portal is refused (502), the family is told the town hall must check its access
    setQuotientProvider(t.ctx, apiParticulierProvider({ config: { ...t.ctx.config, quotient: { ...t.ctx.config.quotient, apiParticulier: { url: api.url, token: 'mauvais-jeton' } } }, logger: t.ctx.logger }));
    const refused = await fetch('1234567');
    expect(refused.status).toBe(502);
    expect(refused.body.error.code).toBe('quotient.service_refused');
    expect(api.requests.at(-1)!.apiKeyOk).toBe(false);
    setQuotientProvider(t.ctx, apiParticulierProvider(t.ctx));
    // nothing of these failures was saved
    expect((await history(t, A.f.familyId)).map((h) => h.quotient)).toEqual([910]);
    expect((await familyRow(t, A.f.familyId)).benefits_number).toBe('1234567');
  });

  it('never logs the token or the allocataire number', async () => {
    const logs = t.logs.join('\n');
    expect(logs).toContain('API Particulier');
    expect(logs).not.toContain(api.token);
    expect(logs).not.toContain('1234567');
    expect(logs).not.toContain('7654321');
  });

  it('refreshes in January, once a year per family, mailing the family when the value changed', async () => {
    // not in December
    t.clock.set('2026-12-20T10:00:00Z');
    expect(await refreshJanuary(t.ctx)).toBe(0);
    api.file('1234567', '59560', 870, 12, 2026);
    t.clock.set('2027-01-04T07:00:00Z');
    const before = api.requests.length;
    // two instances at once: one asks the CAF
    const [x, y] = await Promise.all([refreshJanuary(t.ctx), refreshJanuary(t.ctx)]);
    expect(x + y).toBe(1);
    expect(api.requests.length - before).toBe(1);
    expect((await familyRow(t, A.f.familyId)).family_quotient).toBe(870);
    const h = await history(t, A.f.familyId);
    expect(h.at(-1)).toMatchObject({ quotient: 870, source: 'cnaf', computed_month: '2026-12', recorded_by: 'job' });
    await t.deliverMail();
    const mails = t.smtp!.messages.filter((m) => m.to.includes(A.f.email) && /quotient familial a été mis à jour/.test(m.subject));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain('910');
    expect(mails[0]!.text).toContain('870');
    // again in January (the job's next period): nothing more this year
    expect(await runPeriodicOnce(t.ctx, 'quotient-refresh')).toBe(true);
    expect(api.requests.length - before).toBe(1);
    expect(await refreshJanuary(t.ctx)).toBe(0);
    // next January, again
    t.clock.set('2028-01-10T07:00:00Z');
    expect(await refreshJanuary(t.ctx)).toBe(1);
    expect(api.requests.length - before).toBe(2);
  });

  it('a January refresh with the CAF down gives the claim back for the next run', async () => {
    t.clock.set('2029-01-05T07:00:00Z');
    api.failNext(503);
    expect(await refreshJanuary(t.ctx)).toBe(1);
    expect(await refreshJanuary(t.ctx)).toBe(1);
    expect(await refreshJanuary(t.ctx)).toBe(0);
  });

  it('staff « Interroger la CAF » uses the number and postal code of the record', async () => {
    t.clock.set('2029-02-01T09:00:00Z');
    api.file('1234567', '59560', 1010, 1, 2029);
    agent = await loginAs(t, (await createStaff(t.ctx, { role: 'agent' })).accountId); // years went by: a new session
    const r = await agent.post(`/api/staff/families/${A.f.familyId}/quotient/fetch`);
    expect(r.status).toBe(200);
    expect(r.body.current).toMatchObject({ quotient: 1010, source: 'cnaf', computedMonth: '2029-01' });
    expect(r.body.history[0].recordedBy).toMatch(/@/);
    const lines = await audits(t, A.f.familyId, 'quotient.fetched');
    expect(lines.at(-1)!.actor_account_id).not.toBe(A.f.accountId);
  });
});

describe('the tariff engine', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ clockStart: START });
  });
  afterAll(async () => {
    await t.close();
  });

  it('invoices with the quotient the family fetched (band « up to 800 » for 780)', async () => {
    const b = await createBillingFixture(t, 'Q01');
    const f = await createFamily(t.ctx, { lastName: 'Tarif', postalCode: '59560' });
    await t.ctx.db.updateTable('family').set({ insee_code: '59152' }).where('id', '=', f.familyId).execute();
    const c = await loginAs(t, f.accountId);
    const childId = await childOf(t, f, { firstName: 'Noé', birthDate: '2018-04-02', lastName: 'Tarif' });
    for (const day of ['2026-08-18', '2026-08-19']) {
      await bookDirect(t, { family: f, childId, activity: b.activity, unitId: b.activity.units.matin!, day, bookedAt: '2026-08-01T08:00:00Z' });
      await markDirect(t, childId, b.activity.units.matin!, day, 'present');
    }
    expect((await c.post('/api/family/quotient/fetch', { allocataireNumber: '1234567', regime: 'cnaf', consent: true })).status).toBe(200);
    const run = await runMonth(b.agent, b.officeId, '2026-08');
    expect(run.status).toBe(202);
    const inv = await t.ctx.db.selectFrom('invoice').selectAll().where('family_id', '=', f.familyId).executeTakeFirstOrThrow();
    expect(inv.quotient).toBe(780);
    expect(inv.total_cents).toBe(2 * 275);
    // the history explains it: the value in force when the run was computed
    const h = await history(t, f.familyId);
    expect(h.map((x) => [x.quotient, x.source])).toEqual([[780, 'demo']]);
  });
});
