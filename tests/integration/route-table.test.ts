import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { addMember, createFamily, createStaff, type FamilyFixture } from '../support/factories.js';
import { invite as inviteMember } from '../../src/server/modules/account/account.members.js';
import { loginAs } from '../support/login.js';
import { createChildFor, fullChildInput, lists } from '../support/children.js';
import { createActivityFixture, reserve } from './booking-support.js';
import { requestMandate } from '../../src/server/modules/billing/billing.sepa.js';
import { publishedInvoices } from './payment-support.js';
import { startPayment } from '../../src/server/modules/payment/payment.service.js';
import { submitReservation } from '../../src/server/modules/booking/booking.service.js';
import { addDays } from '../../src/shared/calendar/paris-time.js';
import { FAMILY_RIGHTS, ROUTE_ACCESS, routeKey, type Access, type FamilyRight } from '../../src/server/access.js';
import { registerAccessControl } from '../../src/server/plugins/access.js';
import { saveType as saveDocumentType, submit as submitDocument } from '../../src/server/modules/document/document.service.js';
import { pdfFile } from './document-support.js';
import { createCampaign } from '../../src/server/modules/campaign/campaign.service.js';
import { payAtBookingActivity } from './pay-at-booking-support.js';
import { startThread as startMessageThread } from '../../src/server/modules/messaging/messaging.threads.js';

/**
 * Objects a family route reaches through a URL parameter, one entry per parameterised family route.
 *
 * The rule (ARCHITECTURE.md): a family asking for another family's object gets the same 404 as for a missing
 * one. No family route takes a parameter yet; each later issue that adds one (a child record, a booking, an
 * invoice, a document…) adds its entry here, keyed exactly as in src/server/access.ts:
 *
 *   'GET /api/children/:childId': {
 *     create: async (t, owner) => ({ childId: (await createChild(t.ctx, owner.familyId)).id }),
 *     missing: { childId: randomUUID() },
 *   },
 *
 * `create` writes an object belonging to `owner` and returns the URL parameters that reach it; `missing` are
 * parameters of an object that does not exist; `body` is sent with state-changing methods (a valid body, so
 * that the 404 comes from the ownership check and not from validation). The test below fails, naming the
 * route, when a parameterised family route has no entry.
 */
interface OwnedObjectFixture {
  create: (t: TestApp, owner: FamilyFixture) => Promise<Record<string, string>>;
  missing: Record<string, string>;
  body?: unknown;
}
const childFixture: OwnedObjectFixture = {
  create: async (t, owner) => ({ childId: (await createChildFor(t, owner)).id }),
  missing: { childId: randomUUID() },
};
const planningFixture: OwnedObjectFixture = {
  create: async (t, owner) => {
    const act = await createActivityFixture(t);
    return { childId: (await createChildFor(t, owner)).id, activityId: act.activityId, periodId: act.periodId };
  },
  missing: { childId: randomUUID(), activityId: randomUUID(), periodId: randomUUID() },
};
const reservationFixture: OwnedObjectFixture = {
  create: async (t, owner) => {
    const act = await createActivityFixture(t);
    const childId = (await createChildFor(t, owner)).id;
    const day = addDays(t.clock.now().toISOString().slice(0, 10), 14);
    const r = await submitReservation(
      t.ctx,
      { familyId: owner.familyId, accountId: owner.accountId, email: owner.email, accountStatus: 'active' },
      { childId, activityId: act.activityId, periodId: act.periodId, changes: [{ day, unitId: act.units.matin, action: 'book' }] },
      randomUUID(),
    );
    return { reservationId: String(r.reservation.number) };
  },
  missing: { reservationId: '999999' },
};
const paymentFixture: OwnedObjectFixture = {
  create: async (t, owner) => {
    const { invoices } = await publishedInvoices(t, owner, [1500]);
    const started = await startPayment(t.ctx, { familyId: owner.familyId, email: owner.email }, { invoiceIds: [invoices[0]!.id], totalCents: 1500 });
    return { paymentId: started.payment.id };
  },
  missing: { paymentId: randomUUID() },
};
const mandateFixture: OwnedObjectFixture = {
  create: async (t, owner) => {
    const { officeId } = await publishedInvoices(t, owner, []);
    const m = await requestMandate(t.ctx, owner.familyId, owner.accountId, { officeId, holderName: 'Alice Test', iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP', signedPlace: 'Comines', consent: true });
    return { mandateId: m.id };
  },
  missing: { mandateId: randomUUID() },
};
// « paiement à la réservation » (issue 13): a held basket of the owner
const basketFixture: OwnedObjectFixture = {
  create: async (t, owner) => {
    const fx = await payAtBookingActivity(t);
    const childId = (await createChildFor(t, owner)).id;
    const client = await loginAs(t, owner.accountId);
    await reserve(client, { childId, activityId: fx.activityId, periodId: fx.periodId, changes: [{ day: '2026-12-14', unitId: fx.units.journee!, action: 'book' }] });
    const [b] = (await client.get('/api/baskets')).body;
    return { basketId: b.id };
  },
  missing: { basketId: randomUUID() },
};
const invoiceFixture: OwnedObjectFixture = {
  create: async (t, owner) => ({ invoiceId: String((await publishedInvoices(t, owner, [1200])).invoices[0]!.id) }),
  missing: { invoiceId: '999999' },
};
const documentFileFixture: OwnedObjectFixture = {
  create: async (t, owner) => {
    const actor = { id: randomUUID(), email: 'agent@ville.example' };
    const type = await saveDocumentType(t.ctx, actor, null, {
      name: `Justificatif ${randomUUID().slice(0, 8)}`,
      description: null,
      scope: 'family',
      validityKind: 'none',
      validityMonths: null,
      required: true,
      requiredForActivityIds: [],
      active: true,
    });
    const sent = await submitDocument(t.ctx, { familyId: owner.familyId, accountId: owner.accountId, email: owner.email }, {
      typeId: type.id,
      childId: undefined,
      files: [{ fileName: 'a.pdf', content: pdfFile() }],
    });
    return { fileId: sent.files[0]!.id };
  },
  missing: { fileId: randomUUID() },
};
const memberFixture: OwnedObjectFixture = {
  create: async (t, owner) => ({ accountId: (await addMember(t.ctx, owner)).accountId }),
  missing: { accountId: randomUUID() },
};
const invitationFixture: OwnedObjectFixture = {
  create: async (t, owner) => {
    const invitation = await inviteMember(t.ctx, { id: owner.accountId, email: owner.email, kind: 'family' }, owner.familyId, {
      email: `invite-${randomUUID().slice(0, 8)}@example.org`,
      guardianRank: 2,
      rights: { canBook: true, canPay: false, canEdit: false },
    });
    return { invitationId: invitation.id };
  },
  missing: { invitationId: randomUUID() },
};
// request campaigns (issue 12): a campaign whose window is open, on an activity the owner's child may ask for
const campaignFixture = (withBody: boolean): OwnedObjectFixture => ({
  create: async (t, owner) => {
    const act = await createActivityFixture(t);
    const now = t.clock.now().getTime();
    const c = await createCampaign(t.ctx, { id: randomUUID(), email: 'admin@ville.example' }, {
      periodId: act.periodId,
      mode: 'requests',
      opensAt: new Date(now - 3_600_000).toISOString(),
      residentOpensAt: null,
      closesAt: new Date(now + 10 * 86_400_000).toISOString(),
      residentTowns: [],
      eligibility: { residentsOnly: false, minAge: null, maxAge: null, schoolClasses: [], requiredFlags: [], documentsRequired: false, maxDaysPerWeek: null, maxDaysPerPeriod: null },
      criteria: [],
      siblingsTogether: false,
      seedText: 'graine',
    });
    return { childId: (await createChildFor(t, owner)).id, activityId: act.activityId, periodId: act.periodId, campaignId: c.id };
  },
  missing: { childId: randomUUID(), activityId: randomUUID(), periodId: randomUUID(), campaignId: randomUUID() },
  ...(withBody ? { body: { wishes: [] } } : {}),
});
// messages (issue 14): a thread of the owner's, with an attachment
const messageThreadFixture = (withBody: boolean): OwnedObjectFixture => ({
  create: async (t, owner) => {
    const th = await startMessageThread(t.ctx, { familyId: owner.familyId, accountId: owner.accountId, name: 'Parent' }, {
      topicId: 'topic-1',
      subject: 'Question',
      body: 'Bonjour',
      clientKey: `k${randomUUID().replace(/-/g, '')}`,
      files: [{ fileName: 'a.pdf', content: pdfFile() }],
    });
    return { threadId: th.id, fileId: th.messages[0]!.attachments[0]!.id };
  },
  missing: { threadId: randomUUID(), fileId: randomUUID() },
  ...(withBody ? { body: { body: 'intrusion', clientKey: 'k0123456789' } } : {}),
});
const FAMILY_OBJECT_FIXTURES: Record<string, OwnedObjectFixture> = {
  'GET /api/messages/:threadId': messageThreadFixture(false),
  'POST /api/messages/:threadId/replies': messageThreadFixture(true),
  'GET /api/messages/files/:fileId': messageThreadFixture(false),
  'GET /api/campaigns/for-planning/:childId/:activityId/:periodId': campaignFixture(false),
  'PUT /api/campaigns/:campaignId/wishes/:childId': campaignFixture(true),
  // family members (issue 11): another family's member or invitation is the same 404 as a missing one
  'DELETE /api/family/invitations/:invitationId': invitationFixture,
  'PUT /api/family/members/:accountId/rights': { ...memberFixture, body: { canBook: true, canPay: false, canEdit: false } },
  'DELETE /api/family/members/:accountId': memberFixture,
  'GET /api/documents/files/:fileId': documentFileFixture,
  'GET /api/billing/invoices/:invoiceId': invoiceFixture,
  'GET /api/billing/invoices/:invoiceId/pdf': invoiceFixture,
  'GET /api/payments/:paymentId': paymentFixture,
  'GET /api/baskets/:basketId': basketFixture,
  'POST /api/baskets/:basketId/payment': basketFixture,
  // issue 13 and 17 (money)
  'POST /api/payments/:paymentId/abandon': paymentFixture,
  'POST /api/money/mandates/:mandateId/revoke': { ...mandateFixture, body: { reason: 'Changement de banque' } },
  'GET /api/money/mandates/:mandateId/pdf': mandateFixture,
  'GET /api/booking/planning/:childId/:activityId/:periodId': planningFixture,
  'GET /api/booking/reservations/:reservationId': reservationFixture,
  'GET /api/children/:childId': childFixture,
  'GET /api/children/:childId/custody': childFixture,
  // issue 17: a child's days (the printable summary)
  'GET /api/booking/children/:childId/days': childFixture,
  'GET /api/children/:childId/other-household': childFixture,
  // a valid form, so that the 404 comes from the ownership check and not from validation
  'PUT /api/children/:childId': { ...childFixture }, // body set in beforeAll (needs the reference lists)
};

/** Present only when the browser app has been built (registerWeb); never in this test app. */
const WEB_ONLY = new Set(['GET /*', 'HEAD /*']);

interface Route {
  method: string;
  url: string;
  key: string;
  access: Access | undefined;
}

const routes: Route[] = [];
let t: TestApp;
let family: FamilyFixture;
let familyClient: TestClient;
let agentClient: TestClient;
let adminClient: TestClient;

beforeAll(async () => {
  t = await createTestApp({
    onRoute: (r) => {
      for (const method of Array.isArray(r.method) ? r.method : [r.method]) {
        const key = routeKey(method, r.url);
        routes.push({ method, url: r.url, key, access: ROUTE_ACCESS[key] });
      }
    },
  });
  FAMILY_OBJECT_FIXTURES['PUT /api/children/:childId'].body = fullChildInput(await lists(t));
  family = await createFamily(t.ctx);
  familyClient = await loginAs(t, family.accountId);
  agentClient = await loginAs(t, (await createStaff(t.ctx, { role: 'agent' })).accountId);
  adminClient = await loginAs(t, (await createStaff(t.ctx, { role: 'admin' })).accountId);
});
afterAll(async () => {
  await t.close();
});

function withParams(url: string, params: Record<string, string> = {}): string {
  return url.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(params[name] ?? '1'));
}

/** Every family route: any member (`family`) and those that need a member's right (issue 11). */
const FAMILY_ACCESS: Access[] = ['family', ...FAMILY_RIGHTS];

function routesWith(...access: Access[]): Route[] {
  return routes.filter((r) => r.access && access.includes(r.access));
}

async function call(client: TestClient, r: Route, params?: Record<string, string>, body?: unknown) {
  const safe = r.method === 'GET' || r.method === 'HEAD';
  return client.request(r.method, withParams(r.url, params), safe ? undefined : (body ?? {}));
}

describe('route table', () => {
  it('registers routes (sanity check of the collector)', () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.map((r) => r.key)).toContain('GET /api/family');
  });

  it('classifies every registered route in src/server/access.ts', () => {
    const unclassified = routes.filter((r) => !r.access).map((r) => r.key);
    expect(unclassified, 'routes missing from ROUTE_ACCESS').toEqual([]);
  });

  it('refuses to start with an unclassified route', async () => {
    const app = Fastify();
    registerAccessControl(app, t.ctx);
    expect(() => app.get('/api/not-classified', async () => ({}))).toThrow(/non classée.*GET \/api\/not-classified/);
    await app.close();
  });

  it('has a registered route for every entry of src/server/access.ts', () => {
    const registered = new Set(routes.map((r) => r.key));
    const stale = Object.keys(ROUTE_ACCESS).filter((k) => !registered.has(k) && !WEB_ONLY.has(k));
    expect(stale, 'ROUTE_ACCESS entries with no route').toEqual([]);
  });
});

describe('family routes', () => {
  it('answer 401 without a session and 403 to a staff account', async () => {
    const list = routesWith(...FAMILY_ACCESS);
    expect(list.length).toBeGreaterThan(0);
    for (const r of list) {
      const anonymous = await call(t.client(), r);
      expect(anonymous.status, `${r.key} anonymous`).toBe(401);
      expect(anonymous.body.error.code, r.key).toBe('auth.required');
      expect((await call(agentClient, r)).status, `${r.key} as agent`).toBe(403);
      expect((await call(adminClient, r)).status, `${r.key} as admin`).toBe(403);
    }
  });

  it('have an ownership fixture for every route that takes an id', () => {
    const parameterised = routesWith(...FAMILY_ACCESS).filter((r) => r.url.includes(':'));
    const missing = parameterised.filter((r) => !FAMILY_OBJECT_FIXTURES[r.key]).map((r) => r.key);
    expect(
      missing,
      `parameterised family routes without an entry in FAMILY_OBJECT_FIXTURES (tests/integration/route-table.test.ts): ${missing.join(', ')}`,
    ).toEqual([]);
    const stale = Object.keys(FAMILY_OBJECT_FIXTURES).filter((k) => !parameterised.some((r) => r.key === k));
    expect(stale, 'FAMILY_OBJECT_FIXTURES entries that are not parameterised family routes').toEqual([]);
  });

  it('answer another family’s object with the same 404 as a missing one', async () => {
    for (const r of routesWith(...FAMILY_ACCESS).filter((x) => x.url.includes(':'))) {
      const fixture = FAMILY_OBJECT_FIXTURES[r.key];
      if (!fixture) continue; // reported by the test above
      const owner = await createFamily(t.ctx);
      const params = await fixture.create(t, owner);
      const foreign = await call(familyClient, r, params, fixture.body);
      const missing = await call(familyClient, r, fixture.missing, fixture.body);
      expect(missing.status, `${r.key} missing object`).toBe(404);
      expect(foreign.status, `${r.key} another family's object`).toBe(404);
      expect(foreign.body, r.key).toEqual(missing.body);
      const own = await call(await loginAs(t, owner.accountId), r, params, fixture.body);
      expect(own.status, `${r.key} owner (the fixture must reach a real object)`).not.toBe(404);
    }
  });
});

describe('family rights (issue 11)', () => {
  const RIGHT_OF: Record<FamilyRight, 'canBook' | 'canPay' | 'canEdit' | null> = {
    'family:book': 'canBook',
    'family:pay': 'canPay',
    'family:edit': 'canEdit',
    'family:holder': null,
  };

  it('classifies the state-changing family routes by the right they need', () => {
    const rights = Object.fromEntries(routesWith(...FAMILY_RIGHTS).map((r) => [r.key, r.access]));
    expect(rights).toMatchObject({
      'POST /api/booking/reservations': 'family:book',
      'POST /api/payments': 'family:pay',
      'POST /api/payments/recap': 'family:pay',
      'PUT /api/family': 'family:edit',
      'POST /api/children': 'family:edit',
      'PUT /api/children/:childId': 'family:edit',
      'POST /api/documents': 'family:edit',
      'POST /api/family/closure-request': 'family:edit',
      'POST /api/family/invitations': 'family:holder',
    });
    // every other state-changing family route acts on the member's own login (their e-mail, password, sign-in link,
    // leaving), open to any member; a route that changes the family's data must name its right in src/server/access.ts
    const MEMBER_OWN = new Set([
      'POST /api/account/email-change',
      'POST /api/account/password',
      'POST /api/family/members/leave',
      'POST /api/franceconnect/link',
      'POST /api/franceconnect/unlink',
      // issue 14: a member writes to the city in their own name, and turns notifications on for their own device
      'POST /api/messages',
      'POST /api/messages/:threadId/replies',
      'POST /api/notifications/push-subscriptions',
      'POST /api/notifications/push-subscriptions/remove',
    ]);
    const any = routesWith('family').filter((r) => r.method !== 'GET' && !MEMBER_OWN.has(r.key)).map((r) => r.key);
    expect(any, 'state-changing family routes open to every member').toEqual([]);
  });

  it('refuses each right, on every route that needs it, to a member without it, and lets in a member with it', async () => {
    const list = routesWith(...FAMILY_RIGHTS);
    expect(list.length).toBeGreaterThanOrEqual(12);
    for (const r of list) {
      const right = r.access as FamilyRight;
      const owner = await createFamily(t.ctx);
      const key = RIGHT_OF[right];
      // every other right, but not this one
      const without = await addMember(t.ctx, owner, { rights: { canBook: key !== 'canBook', canPay: key !== 'canPay', canEdit: key !== 'canEdit' } });
      const refused = await call(await loginAs(t, without.accountId), r);
      expect(refused.status, `${r.key} without ${right}`).toBe(403);
      expect(refused.body.error.code, r.key).toBe(`member.right_missing_${right.slice('family:'.length)}`);
      expect(refused.body.error.message, r.key).toMatch(/\S/);
      // with the right (the holder for holder-only routes): past the guard (a 400 or 404 on this empty body is fine)
      // (the member without the right steps aside: one login per guardian)
      await t.ctx.db.updateTable('account').set({ guardian_rank: null, member_role: null, status: 'disabled' }).where('id', '=', without.accountId).execute();
      const allowed = key ? (await addMember(t.ctx, owner, { rights: { canBook: key === 'canBook', canPay: key === 'canPay', canEdit: key === 'canEdit' } })).accountId : owner.accountId;
      const let_in = await call(await loginAs(t, allowed), r);
      expect(let_in.status, `${r.key} with ${right}`).not.toBe(403);
      expect([401, 500], `${r.key} with ${right}`).not.toContain(let_in.status);
    }
  });
});

describe('staff routes', () => {
  it('answer 401 without a session and 403 to a family account', async () => {
    const list = routesWith('staff', 'admin');
    expect(list.length).toBeGreaterThan(0);
    for (const r of list) {
      const anonymous = await call(t.client(), r);
      expect(anonymous.status, `${r.key} anonymous`).toBe(401);
      expect(anonymous.body.error.code, r.key).toBe('auth.required');
      const asFamily = await call(familyClient, r);
      expect(asFamily.status, `${r.key} as family`).toBe(403);
      expect(asFamily.body.error.code, r.key).toBe('auth.forbidden');
    }
  });

  it('admin routes answer 403 to an agent', async () => {
    const list = routesWith('admin');
    expect(list.length).toBeGreaterThan(0);
    for (const r of list) {
      const res = await call(agentClient, r);
      expect(res.status, `${r.key} as agent`).toBe(403);
      expect(res.body.error.code, r.key).toBe('auth.forbidden');
    }
  });

  it('an unknown staff object is a plain 404', async () => {
    expect((await agentClient.get(`/api/staff/families/${randomUUID()}`)).status).toBe(404);
    expect((await adminClient.patch(`/api/staff/staff-accounts/${randomUUID()}`, { role: 'agent' })).status).toBe(404);
    expect((await agentClient.get(`/api/staff/documents/${randomUUID()}`)).status).toBe(404);
    expect((await agentClient.get(`/api/staff/documents/files/${randomUUID()}`)).status).toBe(404);
    expect((await agentClient.get(`/api/staff/families/${randomUUID()}/documents`)).status).toBe(404);
    expect((await agentClient.post(`/api/staff/documents/${randomUUID()}/review`, { decision: 'accept' })).status).toBe(404);
  });
});
