import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Res, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff, TEST_PASSWORD, type FamilyFixture } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { createChildFor, fullChildInput, lists } from '../support/children.js';
import { pdfFile, upload } from '../integration/document-support.js';
import { createActivityFixture } from '../integration/booking-support.js';
import { createAccountToken } from '../../src/server/modules/account/account.tokens.js';
import { verifyPassword } from '../../src/server/modules/account/account.password.js';
import { sendExpiryReminders } from '../../src/server/modules/document/document.service.js';
import { addDays, parisDateOf } from '../../src/shared/calendar/paris-time.js';
import { auditsOf, exactlyOneWinner, mailsTo, notServerError, ok, runs, startAll } from './accounts-documents-support.js';
import { raceCounter, raceRuns } from './harness.js';

/**
 * Issue #9 — the write paths of accounts, staff decisions, documents, privacy (closure), families, children and
 * reference lists under concurrent callers. Every test fires many requests at once over HTTP (two agents, two
 * devices, double clicks, Promise.all of N) and then checks invariants in SQL: decided once, one audit line and one
 * e-mail per decision, single-use links used once, nothing acknowledged missing, never a 500. Run on SQLite and on
 * PostgreSQL (TEST_DATABASE_URL), where READ COMMITTED lets a read-then-write race. The properties' seed and runs
 * and the scenarios' rounds come from the harness (raceSeed, raceRuns: more with the soak); count.check() is expect()
 * on the state read back after a race, counted for the summary.
 */

// Tuesday 1 September 2026, 10:00 Paris
const START = '2026-09-01T08:00:00Z';
let t: TestApp;
let admins: TestClient[];
let agents: TestClient[];
const count = raceCounter('accounts-documents');
/** startAll() of requests racing each other: the writes they send are counted */
const raceAll = <T>(order: number[], makers: (() => Promise<T>)[]) => count.race(() => startAll(order, makers));

beforeAll(async () => {
  // A loopback SMTP server, so that mails wait « pending » as in production (the relay is never run here).
  t = await createTestApp({ clockStart: START, smtp: true });
  admins = [];
  for (let i = 0; i < 2; i++) admins.push(await loginAs(t, (await createStaff(t.ctx, { role: 'admin' })).accountId));
  agents = [];
  for (let i = 0; i < 2; i++) agents.push(await loginAs(t, (await createStaff(t.ctx, { role: 'agent' })).accountId));
  count.watch(t.app);
});
afterAll(async () => {
  await t.close();
});

const order = fc.array(fc.nat(1000), { minLength: 32, maxLength: 32 });
const pick = <T>(xs: T[], i: number) => xs[i % xs.length];
async function accountRow(id: string) {
  return t.ctx.db.selectFrom('account').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

// ---------------------------------------------------------------------------------------------------------------
describe('staff: pending family accounts', () => {
  it('decides each pending account once (two agents, double clicks, validate racing refuse): one e-mail, one audit line, 409 for the others', async () => {
    const decision = fc.record({ agent: fc.nat(1), kind: fc.constantFrom('validate' as const, 'reject' as const) });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(decision, { minLength: 2, maxLength: 4 }), { minLength: 3, maxLength: 6 }), order, async (plans, o) => {
        const fams = await Promise.all(plans.map(() => createFamily(t.ctx, { status: 'pending' })));
        const calls = plans.flatMap((plan, i) => plan.map((d) => ({ i, ...d })));
        const results = await raceAll(
          o,
          calls.map((c) => () => pick(agents, c.agent).post(`/api/staff/accounts/${fams[c.i].accountId}/${c.kind}`, c.kind === 'reject' ? { reason: 'Justificatif de domicile illisible.' } : {})),
        );
        for (const [i, f] of fams.entries()) {
          const mine = calls.map((c, k) => ({ c, r: results[k] })).filter((x) => x.c.i === i);
          const w = mine[exactlyOneWinner(mine.map((x) => x.r), 409, ['account.not_pending'])].c.kind;
          const action = w === 'validate' ? 'account.validated' : 'account.rejected';
          count.check((await accountRow(f.accountId)).status).toBe(w === 'validate' ? 'active' : 'rejected');
          count.check((await auditsOf(t, ['account.validated', 'account.rejected'], f.accountId)).map((a) => a.action)).toEqual([action]);
          count.check((await mailsTo(t, f.email)).map((m) => m.template)).toEqual([action]);
        }
        count.ran();
      }),
      runs(8),
    );
  });
});

describe('staff: staff accounts', () => {
  it('two admins changing one agent at once (role, disabling): both changes kept, one audit line each', async () => {
    const rounds = raceRuns(8);
    for (let k = 0; k < rounds; k++) {
      const target = await createStaff(t.ctx, { role: 'agent' });
      const device = await loginAs(t, target.accountId);
      const results = await count.race(() =>
        Promise.all([
          admins[0].patch(`/api/staff/staff-accounts/${target.accountId}`, { role: 'admin' }),
          admins[1].patch(`/api/staff/staff-accounts/${target.accountId}`, { disabled: true }),
        ]),
      );
      expect(results.map((r) => notServerError(r).status)).toEqual([200, 200]);
      const row = await accountRow(target.accountId);
      count.check([row.role, row.status]).toEqual(['admin', 'disabled']);
      count.check(await auditsOf(t, ['staff.updated'], target.accountId)).toHaveLength(2);
      count.check((await device.get('/api/session')).body.account ?? null).toBeNull();
      count.ran();
    }
  });

  it('the same new agent invited by two admins at once: one account, one invitation, a clear 400 for the other', async () => {
    const rounds = raceRuns(4);
    for (let k = 0; k < rounds; k++) {
      const email = `invite-${randomUUID().slice(0, 8)}@ville.example`;
      const results = await count.race(() => Promise.all(admins.map((a) => a.post('/api/staff/staff-accounts', { email, displayName: 'Nouvel agent', role: 'agent' }))));
      exactlyOneWinner(results, 400, ['email.taken']);
      count.check(await t.ctx.db.selectFrom('account').select('id').where('email', '=', email).execute()).toHaveLength(1);
      count.check((await mailsTo(t, email)).map((m) => m.template)).toEqual(['staff.invitation']);
      count.ran();
    }
  });
});

describe('staff: outbox', () => {
  it('a failed e-mail retried by two admins at once is queued again once: one audit line, a 409 for the other', async () => {
    const rounds = raceRuns(6);
    for (let k = 0; k < rounds; k++) {
      const f = await createFamily(t.ctx, { status: 'pending' });
      expect((await agents[0].post(`/api/staff/accounts/${f.accountId}/validate`)).status).toBe(200);
      const mail = await t.ctx.db.selectFrom('outbox').select('id').where('to_address', '=', f.email).executeTakeFirstOrThrow();
      await t.ctx.db.updateTable('outbox').set({ status: 'failed', attempts: 5, last_error: 'boîte pleine' }).where('id', '=', mail.id).execute();
      const results = await count.race(() => Promise.all(admins.map((a) => a.post(`/api/staff/outbox/${mail.id}/retry`))));
      exactlyOneWinner(results, 409, ['outbox.not_retryable']);
      const row = await t.ctx.db.selectFrom('outbox').select(['status', 'attempts']).where('id', '=', mail.id).executeTakeFirstOrThrow();
      count.check([row.status, Number(row.attempts)]).toEqual(['pending', 0]);
      count.check(await auditsOf(t, ['outbox.retried'], String(mail.id))).toHaveLength(1);
      count.ran();
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('account', () => {
  let n = 0;
  const PASSWORD = 'Lys-Comines-2026!';
  function registration(email: string) {
    return {
      civility: 'MME',
      lastName: 'Lefebvre',
      firstName: 'Sophie',
      email,
      phone: '06 12 34 56 78',
      addressLine1: '4 rue du Château',
      addressLine2: '',
      postalCode: '59560',
      city: 'comines',
      password: PASSWORD,
      passwordConfirmation: PASSWORD,
      acceptTerms: true,
    };
  }

  it('one address registered several times at once: one account, one family, one acknowledgement, the same answer to all', async () => {
    const emails = Array.from({ length: 4 }, () => `inscription${++n}-${randomUUID().slice(0, 6)}@exemple.fr`);
    const results = await count.race(() => Promise.all(emails.flatMap((e) => [0, 1, 2].map(() => t.client().post('/api/accounts', registration(e))))));
    for (const r of results) expect([notServerError(r).status, r.body]).toEqual([201, { status: 'pending' }]);
    for (const e of emails) {
      const accounts = await t.ctx.db.selectFrom('account').select(['id', 'family_id']).where('email', '=', e).execute();
      count.check(accounts).toHaveLength(1);
      count.check(await t.ctx.db.selectFrom('guardian').select('family_id').where('email', '=', e).execute()).toEqual([{ family_id: accounts[0].family_id }]);
      count.check(await auditsOf(t, ['account.registered'], accounts[0].id)).toHaveLength(1);
      count.check((await mailsTo(t, e)).map((m) => m.template).sort()).toEqual(['account.already_exists', 'account.already_exists', 'account.registered']);
    }
    // no family left behind by a registration that lost
    const orphans = await t.ctx.db
      .selectFrom('family')
      .leftJoin('account', 'account.family_id', 'family.id')
      .select('family.id')
      .where('account.id', 'is', null)
      .execute();
    count.check(orphans).toEqual([]);
    count.ran();
  });

  it('a password-reset link used several times at once works once (one new password, one e-mail, one audit line)', async () => {
    const rounds = raceRuns(4);
    for (let k = 0; k < rounds; k++) {
      const f = await createFamily(t.ctx);
      const token = await createAccountToken(t.ctx.db, t.ctx, f.accountId, 'password_reset');
      const passwords = [0, 1, 2].map((i) => `Nouveau-Secret-${k}${i}-Lys!`);
      const results = await count.race(() => Promise.all(passwords.map((p) => t.client().post('/api/auth/password-reset/confirm', { token, password: p, passwordConfirmation: p }))));
      const w = exactlyOneWinner(results, 400, ['token.invalid']);
      count.check(await verifyPassword((await accountRow(f.accountId)).password_hash, passwords[w])).toBe(true);
      count.check(await auditsOf(t, ['account.password_reset'], f.accountId)).toHaveLength(1);
      count.check((await mailsTo(t, f.email)).map((m) => m.template)).toEqual(['password.changed']);
      count.ran();
    }
  });

  it('reset requests sent at once: a single live link, and no more than 3 e-mails an hour', async () => {
    const f = await createFamily(t.ctx);
    const results = await count.race(() => Promise.all(Array.from({ length: 8 }, () => t.client().post('/api/auth/password-reset/request', { email: f.email }))));
    for (const r of results) expect(notServerError(r).status).toBe(202);
    const live = await t.ctx.db
      .selectFrom('account_token')
      .select('id')
      .where('account_id', '=', f.accountId)
      .where('purpose', '=', 'password_reset')
      .where('used_at', 'is', null)
      .execute();
    count.check(live).toHaveLength(1);
    count.check(await mailsTo(t, f.email, ['password.reset'])).toHaveLength(3);
    count.ran();
  });

  it('an e-mail change link opened on two devices at once works once', async () => {
    const rounds = raceRuns(4);
    for (let k = 0; k < rounds; k++) {
      const f = await createFamily(t.ctx);
      const newEmail = `nouvelle-${randomUUID().slice(0, 8)}@exemple.fr`;
      const token = await createAccountToken(t.ctx.db, t.ctx, f.accountId, 'email_change', newEmail);
      const results = await count.race(() => Promise.all([0, 1, 2].map(() => t.client().post('/api/auth/email-change/confirm', { token }))));
      exactlyOneWinner(results, 400, ['token.invalid']);
      count.check((await accountRow(f.accountId)).email).toBe(newEmail);
      count.check(await auditsOf(t, ['account.email_changed'], f.accountId)).toHaveLength(1);
      count.check((await mailsTo(t, f.email, ['email_change.done'])).length).toBe(1);
      count.check(await t.ctx.db.selectFrom('session').select('id').where('account_id', '=', f.accountId).execute()).toHaveLength(1);
      count.ran();
    }
  });

  it('wrong passwords sent at once are all counted: the account is blocked after 5, even for the right password', async () => {
    const rounds = raceRuns(3);
    for (let k = 0; k < rounds; k++) {
      const f = await createFamily(t.ctx);
      const results = await count.race(() => Promise.all(Array.from({ length: 5 }, () => t.client().post('/api/auth/login', { email: f.email, password: 'Mauvais-Secret-2026!' }))));
      for (const r of results) expect(notServerError(r).status).toBe(401);
      const row = await t.ctx.db.selectFrom('throttle').selectAll().where('key', '=', `login:account:${f.email}`).executeTakeFirstOrThrow();
      count.check(Number(row.count)).toBe(5);
      const right = await t.client().post('/api/auth/login', { email: f.email, password: TEST_PASSWORD });
      count.check(right.status).toBe(429);
      count.ran();
    }
    // one address, many accounts at once: the per-address counter counts them all
    const ip = `10.9.${Math.floor(Math.random() * 200)}.1`;
    const same = await count.race(() => Promise.all(Array.from({ length: 6 }, (_, i) => t.client(ip).post('/api/auth/login', { email: `inconnu${i}-${randomUUID().slice(0, 6)}@exemple.fr`, password: 'Mauvais-Secret-2026!' }))));
    for (const r of same) expect(notServerError(r).status).toBe(401);
    const byIp = await t.ctx.db.selectFrom('throttle').select('count').where('key', '=', `login:ip:${ip}`).executeTakeFirstOrThrow();
    count.check(Number(byIp.count)).toBe(6);
  });

  it('two devices changing the password at once: one change wins, the other is told it changed in between', async () => {
    const rounds = raceRuns(3);
    for (let k = 0; k < rounds; k++) {
      const f = await createFamily(t.ctx);
      const devices = [await loginAs(t, f.accountId), await loginAs(t, f.accountId)];
      const passwords = [`Premier-Choix-${k}-Lys!`, `Second-Choix-${k}-Lys!`];
      const results = await count.race(() =>
        Promise.all(devices.map((d, i) => d.post('/api/account/password', { currentPassword: TEST_PASSWORD, newPassword: passwords[i], newPasswordConfirmation: passwords[i] }))),
      );
      // The loser read the password before the winner's commit (409 « changed meanwhile »), or after it: then its
      // « current password » is no longer the current one (400 password.current_wrong), or its session was signed
      // out by the change (401). Never two changes, never a 5xx.
      const w = exactlyOneWinner(results, [409, 400, 401], ['password.changed_meanwhile', 'password.current_wrong', 'auth.required']);
      count.check(await verifyPassword((await accountRow(f.accountId)).password_hash, passwords[w])).toBe(true);
      count.check(await auditsOf(t, ['account.password_changed'], f.accountId)).toHaveLength(1);
      count.check((await mailsTo(t, f.email)).map((m) => m.template)).toEqual(['password.changed']);
      count.ran();
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('documents', () => {
  let noExpiry: string;
  let monthly: string;
  beforeAll(async () => {
    const type = (o: Record<string, unknown>) => ({ description: null, validityMonths: null, required: true, requiredForActivityIds: [], active: true, scope: 'family', ...o });
    noExpiry = (await admins[0].post('/api/staff/document-types', type({ name: 'Justificatif de domicile', validityKind: 'none' }))).body.id;
    monthly = (await admins[0].post('/api/staff/document-types', type({ name: 'Attestation mensuelle', validityKind: 'months', validityMonths: 1 }))).body.id;
  });

  async function sent(f: FamilyFixture, typeId: string): Promise<{ parent: TestClient; id: string }> {
    const parent = await loginAs(t, f.accountId);
    const r = await upload(t, parent, typeId, [{ fileName: 'justificatif.pdf', content: pdfFile() }]);
    expect(r.status).toBe(201);
    return { parent, id: r.body.id };
  }

  it('decides each sent document once (accept racing refuse, two agents, double clicks) while the family sends more', async () => {
    const decision = fc.record({ agent: fc.nat(1), kind: fc.constantFrom('accept' as const, 'refuse' as const) });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(decision, { minLength: 2, maxLength: 4 }), { minLength: 3, maxLength: 6 }), order, async (plans, o) => {
        const fams = await Promise.all(plans.map(() => createFamily(t.ctx)));
        const docs = await Promise.all(fams.map((f) => sent(f, noExpiry)));
        const calls = plans.flatMap((plan, i) => plan.map((d) => ({ i, ...d })));
        const reviews = calls.map(
          (c) => () =>
            pick(agents, c.agent).post(`/api/staff/documents/${docs[c.i].id}/review`, c.kind === 'accept' ? { decision: 'accept', reason: null } : { decision: 'refuse', reason: 'Document illisible.' }),
        );
        // upload vs. review: each family sends another document while its first is being reviewed
        const uploads = docs.map((d) => () => upload(t, d.parent, noExpiry, [{ fileName: 'autre.pdf', content: pdfFile('% autre') }]) as Promise<Res>);
        const results = await raceAll(o, [...reviews, ...uploads]);
        for (const [i, f] of fams.entries()) {
          const mine = calls.map((c, k) => ({ c, r: results[k] })).filter((x) => x.c.i === i);
          const w = mine[exactlyOneWinner(mine.map((x) => x.r), 409, ['document.not_pending'])].c.kind;
          const s = await t.ctx.db.selectFrom('document_submission').selectAll().where('id', '=', docs[i].id).executeTakeFirstOrThrow();
          count.check(s.state).toBe(w === 'accept' ? 'accepted' : 'refused');
          const action = w === 'accept' ? 'document.accepted' : 'document.refused';
          count.check((await auditsOf(t, ['document.accepted', 'document.refused'], docs[i].id)).map((a) => a.action)).toEqual([action]);
          count.check((await mailsTo(t, f.email)).map((m) => m.template)).toEqual([action]);
          // the second upload: acknowledged, so stored whole and still waiting
          const second = results[calls.length + i];
          expect(notServerError(second).status).toBe(201);
          const row = await t.ctx.db.selectFrom('document_submission').select('state').where('id', '=', second.body.id).executeTakeFirstOrThrow();
          count.check(row.state).toBe('pending');
          count.check(await t.ctx.db.selectFrom('document_file').select('id').where('submission_id', '=', second.body.id).execute()).toHaveLength(1);
        }
        count.ran();
      }),
      runs(6),
    );
  });

  it('the expiry reminder job run by three instances at once mails each family once', async () => {
    const fams = await Promise.all(Array.from({ length: 5 }, () => createFamily(t.ctx)));
    const ids: string[] = [];
    for (const f of fams) {
      const { id } = await sent(f, monthly);
      expect((await agents[0].post(`/api/staff/documents/${id}/review`, { decision: 'accept', reason: null })).status).toBe(200);
      ids.push(id);
    }
    const soon = addDays(parisDateOf(t.clock.now()), 5);
    await t.ctx.db.updateTable('document_submission').set({ valid_until: soon }).where('id', 'in', ids).execute();
    count.op(3); // three instances of the job
    const counts = await Promise.all([0, 1, 2].map(() => sendExpiryReminders(t.ctx)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(5);
    for (const f of fams) count.check(await mailsTo(t, f.email, ['document.expiring'])).toHaveLength(1);
    count.ran();
  });

  it('two admins saving one document type at once: every answer 200, the activities are one of the sets sent', async () => {
    const a1 = (await createActivityFixture(t)).activityId;
    const a2 = (await createActivityFixture(t)).activityId;
    const sets = [[a1], [a2], [a1, a2], []];
    const rounds = raceRuns(6);
    for (let k = 0; k < rounds; k++) {
      const created = await admins[0].post('/api/staff/document-types', {
        name: `Certificat ${k} ${randomUUID().slice(0, 4)}`,
        description: null,
        scope: 'child',
        validityKind: 'school_year',
        validityMonths: null,
        required: false,
        requiredForActivityIds: [],
        active: true,
      });
      const body = (ids: string[]) => ({ ...created.body, requiredForActivityIds: ids, id: undefined });
      const results = await count.race(() => Promise.all(sets.map((s, i) => pick(admins, i + k).patch(`/api/staff/document-types/${created.body.id}`, body(s)))));
      for (const r of results) expect([notServerError(r).status, r.body?.error?.fields]).toEqual([200, undefined]);
      const links = (await t.ctx.db.selectFrom('document_type_activity').select('activity_id').where('document_type_id', '=', created.body.id).execute())
        .map((l) => l.activity_id)
        .sort();
      count.check(sets.map((s) => [...s].sort().join())).toContain(links.join());
      count.check(await auditsOf(t, ['document_type.updated'], created.body.id)).toHaveLength(sets.length);
      count.ran();
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('family record', () => {
  it('saved from several devices at once: the saves run one after the other, each audit line lists what it really changed', async () => {
    const base = {
      guardian1: { civility: 'MME', lastName: 'Parité', firstName: 'Alice', birthDate: '1985-05-05', mobilePhone: '06 12 34 56 78', homePhone: null, workPhone: null, email: null, profession: null, employer: null },
      guardian2: null,
      addressLine1: '4 rue du Fort',
      addressLine2: null,
      postalCode: '59560',
      city: 'Comines',
      familySituation: 'married',
      benefitsRegime: null,
      benefitsNumber: null,
      familyQuotient: null,
      payerRank: 1,
    };
    // each field has two values only (as in the base, or changed): its audit lines must then come in the right parity
    const flips = {
      addressLine1: (f: any) => ({ ...f, addressLine1: '5 rue du Fort' }),
      familyQuotient: (f: any) => ({ ...f, familyQuotient: 812 }),
      familySituation: (f: any) => ({ ...f, familySituation: 'pacs' }),
      'guardian1.profession': (f: any) => ({ ...f, guardian1: { ...f.guardian1, profession: 'Infirmière' } }),
    };
    const fields = Object.keys(flips) as (keyof typeof flips)[];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.subarray(fields), { minLength: 2, maxLength: 4 }), order, async (saves, o) => {
        const f = await createFamily(t.ctx, { lastName: 'Parité' });
        const devices = await Promise.all(saves.map(() => loginAs(t, f.accountId)));
        expect((await devices[0].put('/api/family', base)).status).toBe(200);
        const since = (await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id ?? 0;
        const results = await raceAll(
          o,
          saves.map((changed, i) => () => devices[i].put('/api/family', changed.reduce((form, k) => flips[k](form), base as any))),
        );
        for (const r of results) expect(notServerError(r).status).toBe(200);
        const audits = await t.ctx.db
          .selectFrom('audit_log')
          .select('details')
          .where('action', '=', 'family.updated')
          .where('family_id', '=', f.familyId)
          .where('id', '>', Number(since))
          .execute();
        count.check(audits).toHaveLength(saves.length);
        const final = (await devices[0].get('/api/family')).body;
        for (const k of fields) {
          const listed = audits.filter((a) => (JSON.parse(a.details!).fields as string[]).includes(k)).length;
          const value = k === 'guardian1.profession' ? final.guardian1.profession : final[k];
          const changed = value !== (k === 'guardian1.profession' ? null : (base as any)[k]);
          count.check(listed % 2, `${k}: ${listed} audit lines, final ${JSON.stringify(value)}`).toBe(changed ? 1 : 0);
        }
        count.ran();
      }),
      runs(8),
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('privacy: closure', () => {
  let typeId: string;
  beforeAll(async () => {
    const r = await admins[0].post('/api/staff/document-types', {
      name: `Attestation de quotient ${randomUUID().slice(0, 4)}`,
      description: null,
      scope: 'family',
      validityKind: 'none',
      validityMonths: null,
      required: true,
      requiredForActivityIds: [],
      active: true,
    });
    expect(r.status).toBe(201);
    typeId = r.body.id;
  });

  it('a closure request sent three times at once (double click, two devices) is recorded once and mailed once', async () => {
    const rounds = raceRuns(5);
    for (let k = 0; k < rounds; k++) {
      const f = await createFamily(t.ctx);
      const devices = [await loginAs(t, f.accountId), await loginAs(t, f.accountId)];
      const results = await count.race(() => Promise.all([0, 1, 2].map((i) => devices[i % 2].post('/api/family/closure-request', { reason: 'Nous déménageons.' }))));
      exactlyOneWinner(results, 409, ['privacy.already_requested']);
      count.check(await t.ctx.db.selectFrom('privacy_request').select('family_id').where('family_id', '=', f.familyId).execute()).toHaveLength(1);
      count.check(await auditsOf(t, ['privacy.closure_requested'], f.familyId)).toHaveLength(1);
      count.check(await mailsTo(t, f.email, ['privacy.closure_requested'])).toHaveLength(1);
      count.ran();
    }
  });

  it('a family closed by two admins at once, while it edits its record, is closed once and keeps nothing personal', async () => {
    const refs = await lists(t);
    const familyForm = (n: number) => ({
      guardian1: { civility: 'MME', lastName: 'Closeau', firstName: 'Alice', birthDate: '1985-05-05', mobilePhone: '06 12 34 56 78', homePhone: null, workPhone: null, email: 'alice.closeau@exemple.fr', profession: 'Comptable', employer: null },
      guardian2: { civility: 'M', lastName: 'Closeau', firstName: 'Bruno', birthDate: null, mobilePhone: '07 11 22 33 44', homePhone: null, workPhone: null, email: null, profession: null, employer: null },
      addressLine1: `${n} rue des Courses`,
      addressLine2: null,
      postalCode: '59560',
      city: 'Comines',
      familySituation: 'married',
      benefitsRegime: null,
      benefitsNumber: null,
      familyQuotient: null,
      payerRank: 1,
    });
    const edit = fc.constantFrom('family' as const, 'newChild' as const, 'child' as const, 'upload' as const);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 3 }), fc.array(edit, { minLength: 2, maxLength: 5 }), order, async (closers, edits, o) => {
        const f = await createFamily(t.ctx, { lastName: 'Closeau' });
        const child = await createChildFor(t, f);
        const devices = [await loginAs(t, f.accountId), await loginAs(t, f.accountId)];
        expect((await upload(t, devices[0], typeId, [{ fileName: 'avant.pdf', content: pdfFile() }])).status).toBe(201);
        const closes = Array.from({ length: closers }, (_, i) => () => pick(admins, i).post(`/api/staff/families/${f.familyId}/close`, { confirmLastName: 'closeau' }));
        const editors = edits.map((e, i) => () => {
          const d = devices[i % 2];
          if (e === 'family') return d.put('/api/family', familyForm(i));
          if (e === 'newChild') return d.post('/api/children', fullChildInput(refs, { firstName: `Cadet${i}`, lastName: 'Closeau' }));
          if (e === 'child') return d.put(`/api/children/${child.id}`, fullChildInput(refs, { firstName: 'Léa', lastName: 'Closeau' }));
          return upload(t, d, typeId, [{ fileName: `pendant${i}.pdf`, content: pdfFile(`% ${i}`) }]) as Promise<Res>;
        });
        const results = await raceAll(o, [...closes, ...editors]);
        exactlyOneWinner(results.slice(0, closers), 409, ['privacy.family_closed']);
        for (const r of results.slice(closers)) expect([200, 201, 401, 409], JSON.stringify((r as any).body ?? r)).toContain(notServerError(r).status);
        count.check(await auditsOf(t, ['privacy.family_closed'], f.familyId)).toHaveLength(1);
        // nothing personal left, whatever the order
        const db = t.ctx.db;
        const children = await db.selectFrom('child').select(['first_name', 'last_name', 'school']).where('family_id', '=', f.familyId).execute();
        count.check(children.every((c) => c.first_name === 'Enfant' && c.last_name === 'Anonyme' && c.school === null), JSON.stringify(children)).toBe(true);
        for (const table of ['child_contact', 'child_pickup', 'child_history'] as const) {
          const rows = await db.selectFrom(table).innerJoin('child', 'child.id', `${table}.child_id`).select('child.id').where('child.family_id', '=', f.familyId).execute();
          count.check(rows, table).toEqual([]);
        }
        const guardians = await db.selectFrom('guardian').select(['last_name', 'email', 'mobile_phone']).where('family_id', '=', f.familyId).execute();
        count.check(guardians).toEqual([{ last_name: 'Famille clôturée', email: null, mobile_phone: null }]);
        const family = await db.selectFrom('family').select(['address_line1', 'city']).where('id', '=', f.familyId).executeTakeFirstOrThrow();
        count.check(family).toEqual({ address_line1: null, city: null });
        count.check(await db.selectFrom('document_submission').select('id').where('family_id', '=', f.familyId).execute()).toEqual([]);
        count.check(await db.selectFrom('session').select('id').where('account_id', '=', f.accountId).execute()).toEqual([]);
        count.check((await accountRow(f.accountId)).status).toBe('disabled');
        count.ran();
      }),
      runs(6),
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('reference lists', () => {
  async function kinships() {
    return t.ctx.db.selectFrom('reference_item').selectAll().where('kind', '=', 'kinships').where('archived_at', 'is', null).orderBy('position').execute();
  }

  it('items added by two admins while the list is reordered keep distinct positions, and every added item is there', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 6 }), fc.boolean(), order, async (adds, reorder, o) => {
        const current = (await kinships()).map((i) => i.id);
        const labels = Array.from({ length: adds }, (_, i) => `Parenté ${randomUUID().slice(0, 6)} ${i}`);
        const calls: (() => Promise<Res>)[] = labels.map((label, i) => () => pick(admins, i).post('/api/staff/lists/kinships', { label, description: null }));
        if (reorder) calls.push(() => admins[1].put('/api/staff/lists/kinships/order', { ids: [...current].reverse() }));
        const results = await raceAll(o, calls);
        results.slice(0, adds).forEach((r) => expect(notServerError(r).status).toBe(201));
        if (reorder) expect([200, 409]).toContain(notServerError(results[adds]).status);
        const after = await kinships();
        count.check(new Set(after.map((i) => i.position)).size, JSON.stringify(after.map((i) => [i.label, i.position]))).toBe(after.length);
        for (const r of results.slice(0, adds)) count.check(after.map((i) => i.id)).toContain(r.body.id);
        // a reorder takes at most 500 ids: past 200 items (a soak's many runs), this run's items are archived once checked
        if (after.length > 200)
          await t.ctx.db
            .updateTable('reference_item')
            .set({ archived_at: t.clock.now().toISOString(), active: 0 })
            .where('id', 'in', results.slice(0, adds).map((r) => r.body.id))
            .execute();
        count.ran();
      }),
      runs(8),
    );
  });

  it('an item removed twice at once, or renamed while it is removed, is removed once with the label it had', async () => {
    const rounds = raceRuns(8);
    for (let k = 0; k < rounds; k++) {
      const item = (await admins[0].post('/api/staff/lists/kinships', { label: `Cousin ${randomUUID().slice(0, 6)}`, description: null })).body;
      const renamed = `Cousin germain ${randomUUID().slice(0, 6)}`;
      const [del1, del2, ren] = await count.race(() =>
        Promise.all([
          admins[0].delete(`/api/staff/lists/kinships/${item.id}`),
          admins[1].delete(`/api/staff/lists/kinships/${item.id}`),
          admins[k % 2].patch(`/api/staff/lists/kinships/${item.id}`, { label: renamed }),
        ]),
      );
      exactlyOneWinner([del1, del2], 404, ['not_found']);
      expect([200, 404]).toContain(notServerError(ren).status);
      const removed = await auditsOf(t, ['list.item_removed'], item.id);
      count.check(removed).toHaveLength(1);
      const row = await t.ctx.db.selectFrom('reference_item').select(['label', 'archived_at']).where('id', '=', item.id).executeTakeFirstOrThrow();
      count.check(row.archived_at).not.toBeNull();
      count.check(JSON.parse(removed[0].details!).label).toBe(row.label);
      count.check(await auditsOf(t, ['list.item_updated'], item.id)).toHaveLength(ren.status === 200 ? 1 : 0);
      count.ran();
    }
  });
});
