import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { addMember, createFamily, createStaff, TEST_PASSWORD, type FamilyFixture } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { enqueueMail } from '../../src/server/modules/mail/mail.service.js';
import { childOf, createActivityFixture, reserve, type ActivityFixture } from './booking-support.js';
import { publishedInvoices } from './payment-support.js';
import { pdfFile } from './document-support.js';
import { saveType as saveDocumentType, submit as submitDocument } from '../../src/server/modules/document/document.service.js';

// Tuesday 1 September 2026, 10:00 Paris
const START = '2026-09-01T08:00:00Z';
const NEW_PASSWORD = 'Un-Parent-Tout-Neuf-2026!';

let t: TestApp;
let agent: TestClient;
let act: ActivityFixture;

beforeAll(async () => {
  t = await createTestApp({ clockStart: START });
  agent = await loginAs(t, (await createStaff(t.ctx, { role: 'agent' })).accountId);
  act = await createActivityFixture(t, { units: { matin: 50 }, period: { startDay: '2026-09-01', endDay: '2026-10-16' } });
});
afterAll(async () => {
  await t.close();
});

const rights = (canBook = false, canPay = false, canEdit = false) => ({ canBook, canPay, canEdit });
let n = 0;
const address = () => `invite${++n}-${Math.random().toString(36).slice(2, 8)}@example.org`;

async function holder(o: { status?: 'pending' | 'active' } = {}) {
  const family = await createFamily(t.ctx, { status: o.status });
  return { family, client: await loginAs(t, family.accountId) };
}

/** The single-use link of the last invitation mailed to this address, from the outbox. */
async function tokenMailedTo(email: string): Promise<string> {
  const row = await t.ctx.db.selectFrom('outbox').select(['text_body', 'template']).where('to_address', '=', email).orderBy('id', 'desc').executeTakeFirstOrThrow();
  expect(row.template).toBe('member.invitation');
  const m = /\/invitation\?jeton=([A-Za-z0-9_-]+)/.exec(row.text_body);
  expect(m, 'invitation link in the mail').not.toBeNull();
  return decodeURIComponent(m![1]);
}

async function invite(client: TestClient, o: { email?: string; guardianRank?: 1 | 2; rights?: ReturnType<typeof rights> } = {}) {
  const email = o.email ?? address();
  const res = await client.post('/api/family/invitations', { email, guardianRank: o.guardianRank ?? 2, rights: o.rights ?? rights(true) });
  return { res, email };
}

const acceptBody = (token: string, o: { password?: string } = {}) => ({
  token,
  firstName: 'Bruno',
  lastName: 'Second',
  password: o.password ?? NEW_PASSWORD,
  passwordConfirmation: o.password ?? NEW_PASSWORD,
});

async function accountsOf(familyId: string) {
  return t.ctx.db.selectFrom('account').selectAll().where('family_id', '=', familyId).orderBy('created_at').execute();
}

describe('invitations', () => {
  it('the holder invites the other guardian, who accepts with own login and password, signed in at once', async () => {
    const h = await holder();
    const { res, email } = await invite(h.client, { rights: rights(true, false, false) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email, guardianRank: 2, state: 'pending', rights: rights(true, false, false) });
    const listed = await h.client.get('/api/family/members');
    expect(listed.body.invitations.map((i: any) => [i.email, i.state])).toEqual([[email, 'pending']]);
    const token = await tokenMailedTo(email);

    const invitee = t.client();
    const check = await invitee.post('/api/invitations/check', { token });
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ email, guardianRank: 2, rights: rights(true, false, false) });

    const accepted = await invitee.post('/api/invitations/accept', acceptBody(token));
    expect(accepted.status).toBe(201);
    expect(accepted.body.account).toMatchObject({ email, status: 'active', familyId: h.family.familyId, member: { role: 'member', guardianRank: 2, canBook: true, canPay: false, canEdit: false } });
    // signed in: the invitee reads the family's members
    const seen = await invitee.get('/api/family/members');
    expect(seen.status).toBe(200);
    expect(seen.body.members.map((m: any) => [m.role, m.displayName])).toEqual([
      ['holder', expect.any(String)],
      ['member', 'Bruno Second'],
    ]);
    expect(seen.body.invitations[0].state).toBe('accepted');
    // own login with own password
    const login = await t.client().post('/api/auth/login', { email, password: NEW_PASSWORD });
    expect(login.status).toBe(200);
    // the link is single use, and says so plainly
    const again = await t.client().post('/api/invitations/check', { token });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('member.invitation_used');
    expect((await t.client().post('/api/invitations/accept', acceptBody(token))).body.error.code).toBe('member.invitation_used');
    // the link's token is never written to the logs, nor its password
    expect(t.logs.join('\n')).not.toContain(token);
    expect(t.logs.join('\n')).not.toContain(NEW_PASSWORD);
  });

  it('says plainly when a link is unknown, withdrawn or expired', async () => {
    const h = await holder();
    expect((await t.client().post('/api/invitations/check', { token: 'x'.repeat(43) })).body.error.code).toBe('member.invitation_invalid');

    const w = await invite(h.client);
    const wToken = await tokenMailedTo(w.email);
    expect((await h.client.delete(`/api/family/invitations/${w.res.body.id}`)).status).toBe(200);
    const withdrawn = await t.client().post('/api/invitations/check', { token: wToken });
    expect([withdrawn.status, withdrawn.body.error.code]).toEqual([409, 'member.invitation_withdrawn']);
    expect((await t.client().post('/api/invitations/accept', acceptBody(wToken))).body.error.code).toBe('member.invitation_withdrawn');
    // withdrawn twice: plain 409
    expect((await h.client.delete(`/api/family/invitations/${w.res.body.id}`)).body.error.code).toBe('member.invitation_not_pending');

    const e = await invite(h.client);
    const eToken = await tokenMailedTo(e.email);
    t.clock.advance(8 * 24 * 3_600_000);
    try {
      expect((await t.client().post('/api/invitations/check', { token: eToken })).body.error.code).toBe('member.invitation_expired');
      expect((await t.client().post('/api/invitations/accept', acceptBody(eToken))).body.error.code).toBe('member.invitation_expired');
      const fresh = await loginAs(t, h.family.accountId); // eight days on, the first session has expired
      expect((await fresh.get('/api/family/members')).body.invitations.find((i: any) => i.id === e.res.body.id).state).toBe('expired');
    } finally {
      t.clock.set(START);
    }
    expect(await accountsOf(h.family.familyId)).toHaveLength(1);
  });

  it('answers an address that is already a login like any other, and its mail says it cannot be used', async () => {
    const h = await holder();
    const other = await createFamily(t.ctx);
    const { res } = await invite(h.client, { email: other.email });
    expect(res.status).toBe(201);
    expect(res.body.state).toBe('pending');
    const mail = await t.ctx.db.selectFrom('outbox').select(['template', 'text_body']).where('to_address', '=', other.email).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(mail.template).toBe('member.invitation_taken');
    expect(mail.text_body).not.toMatch(/jeton=/);
  });

  it('refuses a weak password and a mismatch without using the link', async () => {
    const h = await holder();
    const { email } = await invite(h.client);
    const token = await tokenMailedTo(email);
    const weak = await t.client().post('/api/invitations/accept', acceptBody(token, { password: 'motdepasse' }));
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields.map((f: any) => f.path)).toContain('password');
    const mismatch = await t.client().post('/api/invitations/accept', { ...acceptBody(token), passwordConfirmation: 'autre chose' });
    expect(mismatch.status).toBe(400);
    expect((await t.client().post('/api/invitations/check', { token })).status).toBe(200);
  });

  it('one login per guardian: a guardian with a login, or a pending invitation, cannot be invited again', async () => {
    const h = await holder();
    expect((await invite(h.client, { guardianRank: 1 })).res.body.error.code).toBe('member.rank_taken');
    expect((await invite(h.client)).res.status).toBe(201);
    expect((await invite(h.client)).res.body.error.code).toBe('member.invitation_pending');
  });

  it('the public invitation routes are rate-limited per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await t.client('10.77.0.1').post('/api/invitations/accept', acceptBody('y'.repeat(43)))).status);
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('bad input is a 400 with field errors, never a 500', async () => {
    const h = await holder();
    for (const body of [{}, { email: 'pas-une-adresse', guardianRank: 2, rights: rights() }, { email: address(), guardianRank: 3, rights: rights() }, { email: address(), guardianRank: 2, rights: { canBook: 'oui' } }]) {
      const res = await h.client.post('/api/family/invitations', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await t.client().post('/api/invitations/accept', { token: 'court' })).status).toBe(400);
  });

  it('an invited guardian of a pending family waits for the family’s validation, then is opened with it', async () => {
    const h = await holder({ status: 'pending' });
    const { email } = await invite(h.client);
    const accepted = await t.client().post('/api/invitations/accept', acceptBody(await tokenMailedTo(email)));
    expect(accepted.status).toBe(201);
    expect(accepted.body.account.status).toBe('pending');
    // the staff's pending list shows the family once
    const pending = (await agent.get('/api/staff/accounts/pending')).body.filter((p: any) => p.familyId === h.family.familyId);
    expect(pending).toHaveLength(1);
    expect((await agent.post(`/api/staff/accounts/${h.family.accountId}/validate`)).status).toBe(200);
    expect((await accountsOf(h.family.familyId)).map((a) => a.status)).toEqual(['active', 'active']);
    // the validation mail reaches both members
    const mails = await t.ctx.db.selectFrom('outbox').select('to_address').where('template', '=', 'account.validated').where('family_id', '=', h.family.familyId).execute();
    expect(mails.map((m) => m.to_address).sort()).toEqual([h.family.email, email].sort());
  });

  it('a member (not the holder) cannot invite, withdraw, change rights or remove', async () => {
    const h = await holder();
    const m = await addMember(t.ctx, h.family, { rights: rights(true, true, true) });
    const mc = await loginAs(t, m.accountId);
    const res = await invite(mc);
    expect([res.res.status, res.res.body.error.code]).toEqual([403, 'member.right_missing_holder']);
    expect((await mc.put(`/api/family/members/${h.family.accountId}/rights`, rights())).body.error.code).toBe('member.right_missing_holder');
    expect((await mc.delete(`/api/family/members/${h.family.accountId}`)).body.error.code).toBe('member.right_missing_holder');
  });

  it('staff invite a member to a family, list, change rights and remove', async () => {
    const h = await holder();
    const email = address();
    const res = await agent.post(`/api/staff/families/${h.family.familyId}/invitations`, { email, guardianRank: 2, rights: rights(false, true, false) });
    expect(res.status).toBe(201);
    expect(res.body.invitedBy).toBeNull();
    const accepted = await t.client().post('/api/invitations/accept', acceptBody(await tokenMailedTo(email)));
    expect(accepted.status).toBe(201);
    const id = accepted.body.account.id;
    const list = await agent.get(`/api/staff/families/${h.family.familyId}/members`);
    expect(list.body.members).toHaveLength(2);
    // the staff's family search finds the family by the member's own login e-mail too (whole or in part)
    for (const q of [email, email.split('@')[0]]) {
      const found = await agent.get(`/api/staff/families?q=${encodeURIComponent(q)}`);
      expect(found.status).toBe(200);
      expect(found.body.map((f: { familyId: string }) => f.familyId), q).toEqual([h.family.familyId]);
    }
    const changed = await agent.put(`/api/staff/families/${h.family.familyId}/members/${id}/rights`, rights(true, true, true));
    expect(changed.body.rights).toEqual(rights(true, true, true));
    expect((await agent.put(`/api/staff/families/${h.family.familyId}/members/${h.family.accountId}/rights`, rights())).body.error.code).toBe('member.holder_rights_fixed');
    expect((await agent.delete(`/api/staff/families/${h.family.familyId}/members/${id}`)).status).toBe(200);
    expect((await agent.get(`/api/staff/families/${h.family.familyId}/members`)).body.members).toHaveLength(1);
    // another family's member through this family's URL: 404
    const other = await holder();
    const om = await addMember(t.ctx, other.family);
    expect((await agent.delete(`/api/staff/families/${h.family.familyId}/members/${om.accountId}`)).status).toBe(404);
  });
});

describe('rights', () => {
  it('the holder changes a member’s rights; they apply on the member’s very next request', async () => {
    const h = await holder();
    const m = await addMember(t.ctx, h.family, { rights: rights() });
    const mc = await loginAs(t, m.accountId);
    const childId = await childOf(t, h.family);
    const booking = { childId, activityId: act.activityId, periodId: act.periodId, changes: [{ day: '2026-09-10', unitId: act.units.matin, action: 'book' as const }] };
    const refused = await reserve(mc, booking);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'member.right_missing_book']);
    const set = await h.client.put(`/api/family/members/${m.accountId}/rights`, rights(true, false, false));
    expect(set.status).toBe(200);
    const ok = await reserve(mc, booking);
    expect(ok.status).toBe(201);
    // who did it: on the reservation list and in the family's log
    const list = await h.client.get('/api/booking/reservations');
    expect(list.body[0].madeBy).toBe('Bruno Membre' + m.email.match(/membre(\d+)/)![1]);
    const journal = await h.client.get('/api/family/journal');
    expect(journal.status).toBe(200);
    const line = journal.body.find((j: any) => j.action === 'booking');
    expect(line).toMatchObject({ who: list.body[0].madeBy, ref: String(ok.body.number) });
    expect(journal.body.find((j: any) => j.action === 'member.rights_changed')).toMatchObject({ subject: list.body[0].madeBy });
  });

  it('the family and child edits are in the family’s log by member name', async () => {
    const h = await holder();
    const m = await addMember(t.ctx, h.family, { rights: rights(false, false, true), name: 'Bruno Éditeur' });
    const mc = await loginAs(t, m.accountId);
    const record = (await mc.get('/api/family')).body;
    const put = await mc.put('/api/family', {
      addressLine1: record.addressLine1,
      addressLine2: record.addressLine2,
      postalCode: record.postalCode,
      city: record.city,
      familySituation: record.familySituation,
      benefitsRegime: record.benefitsRegime,
      benefitsNumber: record.benefitsNumber,
      familyQuotient: record.familyQuotient,
      payerRank: record.payerRank,
      guardian1: { ...record.guardian1, mobilePhone: '0611223344' },
      guardian2: record.guardian2,
    });
    expect(put.status).toBe(200);
    const type = await saveDocumentType(t.ctx, { id: h.family.accountId, email: 'agent@ville.example' }, null, {
      name: 'Attestation d’assurance',
      description: null,
      scope: 'family',
      validityKind: 'none',
      validityMonths: null,
      required: false,
      requiredForActivityIds: [],
      active: true,
    });
    await submitDocument(t.ctx, { familyId: h.family.familyId, accountId: m.accountId, email: m.email }, { typeId: type.id, childId: undefined, files: [{ fileName: 'a.pdf', content: pdfFile() }] });
    const journal = (await h.client.get('/api/family/journal')).body;
    expect(journal.find((j: any) => j.action === 'family.updated')).toMatchObject({ who: 'Bruno Éditeur' });
    expect(journal.find((j: any) => j.action === 'document.sent')).toMatchObject({ who: 'Bruno Éditeur', subject: 'Attestation d’assurance' });
  });

  it('family mails reach every active member; money mails only those with the pay right', async () => {
    const h = await holder();
    const payer = await addMember(t.ctx, h.family, { rights: rights(false, true, false), guardianRank: 2 });
    const extra = await createFamily(t.ctx); // another family's address is never added
    await t.ctx.db.transaction().execute(async (trx) => {
      await enqueueMail(trx, t.ctx, h.family.email, { template: 'payment.receipt', reference: 'R1', amountCents: 100, lines: [], creditCents: null, paidOn: '2026-09-01' }, h.family.familyId);
      await enqueueMail(trx, t.ctx, h.family.email, { template: 'privacy.closure_requested', firstName: 'Alice' }, h.family.familyId);
      await enqueueMail(trx, t.ctx, h.family.email, { template: 'password.changed' }, h.family.familyId);
      await enqueueMail(trx, t.ctx, extra.email, { template: 'privacy.closure_requested', firstName: 'Alice' }, h.family.familyId);
    });
    const rows = await t.ctx.db.selectFrom('outbox').select(['template', 'to_address']).where('family_id', '=', h.family.familyId).execute();
    const to = (template: string) => rows.filter((r) => r.template === template).map((r) => r.to_address).sort();
    expect(to('payment.receipt')).toEqual([h.family.email, payer.email].sort());
    expect(to('password.changed')).toEqual([h.family.email]);
    // privacy mail: both (the member has no pay right, but it is not money); the stray address gets its own only
    expect(to('privacy.closure_requested')).toEqual([h.family.email, payer.email, extra.email].sort());
    // the holder is greeted by name; a member's copy is not greeted with guardian 1's name
    const bodies = await t.ctx.db.selectFrom('outbox').select(['to_address', 'text_body']).where('family_id', '=', h.family.familyId).where('template', '=', 'privacy.closure_requested').execute();
    const bodyOf = (email: string) => bodies.find((b) => b.to_address === email)!.text_body;
    expect(bodyOf(h.family.email)).toMatch(/^Bonjour Alice,/m);
    expect(bodyOf(payer.email)).toMatch(/^Bonjour,/m);
    expect(bodyOf(payer.email)).not.toContain('Alice');
  });
});

describe('with the other modules', () => {
  it('staff decide a family through its holder: a member’s account alone is not decided', async () => {
    const h = await holder({ status: 'pending' });
    const m = await addMember(t.ctx, h.family, { status: 'pending' });
    expect((await agent.post(`/api/staff/accounts/${m.accountId}/validate`)).status).toBe(404);
    expect((await agent.post(`/api/staff/accounts/${m.accountId}/reject`, { reason: 'Non' })).status).toBe(404);
    expect((await agent.post(`/api/staff/accounts/${h.family.accountId}/reject`, { reason: 'Adresse hors commune' })).status).toBe(200);
    // refused with the family, and signed out
    expect((await accountsOf(h.family.familyId)).map((a) => a.status)).toEqual(['rejected', 'rejected']);
  });

  it('an online payment records the member who started it, shown on the family’s payments', async () => {
    const h = await holder();
    const m = await addMember(t.ctx, h.family, { rights: rights(false, true, false), name: 'Bruno Payeur' });
    const { invoices } = await publishedInvoices(t, h.family, [1500]);
    const started = await (await loginAs(t, m.accountId)).post('/api/payments', { invoiceIds: [invoices[0]!.id], totalCents: 1500 });
    expect(started.status).toBe(201);
    const row = await t.ctx.db.selectFrom('online_payment').select('account_id').where('id', '=', started.body.payment.id).executeTakeFirstOrThrow();
    expect(row.account_id).toBe(m.accountId);
    expect((await h.client.get('/api/payments')).body[0].paidBy).toBe('Bruno Payeur');
  });

  it('closing the family closes every member’s login', async () => {
    const h = await holder();
    expect((await invite(h.client)).res.status).toBe(201); // an invitation still pending…
    const m = await addMember(t.ctx, h.family); // …and a member
    const mc = await loginAs(t, m.accountId);
    const admin = await loginAs(t, (await createStaff(t.ctx, { role: 'admin' })).accountId);
    const lastName = (await h.client.get('/api/family')).body.guardian1.lastName;
    const closed = await admin.post(`/api/staff/families/${h.family.familyId}/close`, { confirmLastName: lastName });
    expect(closed.status).toBe(200);
    const accounts = await accountsOf(h.family.familyId);
    expect(accounts.map((a) => [a.status, a.email.startsWith('ferme-')])).toEqual([
      ['disabled', true],
      ['disabled', true],
    ]);
    expect((await mc.get('/api/family/members')).status).toBe(401);
    expect(await t.ctx.db.selectFrom('family_invitation').select('id').where('family_id', '=', h.family.familyId).execute()).toEqual([]);
  });
});

describe('leaving', () => {
  it('a member leaves: signed out, login ended, address free again; the last member cannot leave', async () => {
    const h = await holder();
    const m = await addMember(t.ctx, h.family);
    const mc = await loginAs(t, m.accountId);
    expect((await mc.post('/api/family/members/leave')).status).toBe(200);
    expect((await mc.get('/api/family/members')).status).toBe(401);
    expect((await t.client().post('/api/auth/login', { email: m.email, password: TEST_PASSWORD })).status).toBe(401);
    expect((await h.client.get('/api/family/members')).body.members).toHaveLength(1);
    // the address may be invited again
    expect((await invite(h.client, { email: m.email })).res.status).toBe(201);
    expect(await tokenMailedTo(m.email)).toBeTruthy();
    const last = await h.client.post('/api/family/members/leave');
    expect([last.status, last.body.error.code]).toEqual([409, 'member.last_member']);
  });

  it('when the holder leaves, the longest-standing remaining member becomes holder with every right', async () => {
    const h = await holder();
    const m = await addMember(t.ctx, h.family, { rights: rights() });
    expect((await h.client.post('/api/family/members/leave')).status).toBe(200);
    const mc = await loginAs(t, m.accountId);
    const view = await mc.get('/api/family/members');
    expect(view.body.members).toEqual([expect.objectContaining({ accountId: m.accountId, role: 'holder', rights: rights(true, true, true) })]);
    expect((await mc.get('/api/session')).body.account.member).toMatchObject({ role: 'holder', canPay: true });
    // the staff's family lists follow the new holder
    const found = await agent.get(`/api/staff/families/${h.family.familyId}`);
    expect(found.status).toBe(200);
  });
});

describe('at the same moment (two devices, two members)', () => {
  it('one invitation accepted from two devices at once: one account, the other told plainly', async () => {
    for (let round = 0; round < 4; round++) {
      const h = await holder();
      const { email } = await invite(h.client);
      const token = await tokenMailedTo(email);
      const answers = await Promise.all([t.client(), t.client(), t.client()].map((c) => c.post('/api/invitations/accept', acceptBody(token))));
      expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
      for (const a of answers.filter((x) => x.status !== 201)) expect([a.status, a.body.error.code]).toEqual([409, 'member.invitation_used']);
      expect(await accountsOf(h.family.familyId)).toHaveLength(2);
    }
  });

  it('two members leaving at once never leave the family without a member, nor without a holder', async () => {
    for (let round = 0; round < 4; round++) {
      const h = await holder();
      const m = await addMember(t.ctx, h.family);
      const mc = await loginAs(t, m.accountId);
      const [a, b] = await Promise.all([h.client.post('/api/family/members/leave'), mc.post('/api/family/members/leave')]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const left = (await accountsOf(h.family.familyId)).filter((x) => x.member_role !== null);
      expect(left).toHaveLength(1);
      expect(left[0].member_role).toBe('holder');
      expect(left[0].status).toBe('active');
    }
  });

  it('withdraw and accept at once: exactly one wins, and the state says which', async () => {
    for (let round = 0; round < 4; round++) {
      const h = await holder();
      const { res, email } = await invite(h.client);
      const token = await tokenMailedTo(email);
      const [w, a] = await Promise.all([h.client.delete(`/api/family/invitations/${res.body.id}`), t.client().post('/api/invitations/accept', acceptBody(token))]);
      const inv = await t.ctx.db.selectFrom('family_invitation').selectAll().where('id', '=', res.body.id).executeTakeFirstOrThrow();
      const accounts = await accountsOf(h.family.familyId);
      if (a.status === 201) {
        expect([w.status, w.body.error.code]).toEqual([409, 'member.invitation_not_pending']);
        expect([inv.accepted_at !== null, inv.withdrawn_at]).toEqual([true, null]);
        expect(accounts).toHaveLength(2);
      } else {
        expect(w.status).toBe(200);
        expect(a.body.error.code).toBe('member.invitation_withdrawn');
        expect([inv.accepted_at, inv.withdrawn_at !== null]).toEqual([null, true]);
        expect(accounts).toHaveLength(1);
      }
    }
  });

  it('the holder leaving while staff remove the other member: one of them is refused, a holder remains', async () => {
    for (let round = 0; round < 4; round++) {
      const h = await holder();
      const m = await addMember(t.ctx, h.family);
      const [a, b] = await Promise.all([h.client.post('/api/family/members/leave'), agent.delete(`/api/staff/families/${h.family.familyId}/members/${m.accountId}`)]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const left = (await accountsOf(h.family.familyId)).filter((x) => x.member_role !== null);
      expect(left.map((x) => x.member_role)).toEqual(['holder']);
    }
  });

  it('an invitation accepted while staff validate the pending family: the new member always ends active', async () => {
    for (let round = 0; round < 4; round++) {
      const h = await holder({ status: 'pending' });
      const { email } = await invite(h.client);
      const token = await tokenMailedTo(email);
      const [accepted, validated] = await Promise.all([t.client().post('/api/invitations/accept', acceptBody(token)), agent.post(`/api/staff/accounts/${h.family.accountId}/validate`)]);
      expect([accepted.status, validated.status]).toEqual([201, 200]);
      expect((await accountsOf(h.family.familyId)).map((a) => a.status)).toEqual(['active', 'active']);
    }
  });

  it('two invitations of one guardian at once (double click): one invitation', async () => {
    const h = await holder();
    const email = address();
    const answers = await Promise.all([1, 2, 3].map(() => h.client.post('/api/family/invitations', { email, guardianRank: 2, rights: rights(true) })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    const rows = await t.ctx.db.selectFrom('family_invitation').select('id').where('family_id', '=', h.family.familyId).execute();
    expect(rows).toHaveLength(1);
  });
});

export type { FamilyFixture };
