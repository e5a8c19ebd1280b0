/**
 * The endpoint map the web calls through (src/shared/api) against the server's real route table (issue 10): every
 * route of the map exists with that method, declares the same query, body and response schemas, and real answers
 * on demo data parse against the map's response schemas. A renamed route, a changed contract on one side only, or a
 * page calling a route the server does not have fails here rather than in a browser.
 */
import type { RouteOptions } from 'fastify';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, PUBLIC_URL, type TestApp, type TestClient } from '../support/app.js';
import { loadConfig } from '../../src/server/config.js';
import { TEST_PASSWORD } from '../support/factories.js';
import { DEMO_LOGINS, seedDemo } from '../../src/server/demo/seed.js';
import { ROUTES, routeOf, urlOf, type RouteName } from '../../src/shared/api/routes.js';
import { ENDPOINTS, type EndpointSchemas } from '../../src/shared/api/endpoints.js';
import { enrolTotp, signInWithTotp } from '../support/mfa.js';

const names = Object.keys(ROUTES) as RouteName[];
const routes = new Map<string, RouteOptions>();
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({
    onRoute: (r) => {
      for (const m of [r.method].flat()) routes.set(`${m} ${r.url}`, r);
    },
    // FranceConnect on (issue 11), so that its pages answer too (no sign-in starts here: no provider is called)
    config: {
      franceConnect: loadConfig({
        PUBLIC_URL,
        FRANCECONNECT_CLIENT_ID: 'endpoint-map',
        FRANCECONNECT_CLIENT_SECRET: 'endpoint-map-secret',
        FRANCECONNECT_ISSUER: 'https://franceconnect.invalid/api/v2',
      }).franceConnect,
    },
  });
});
afterAll(async () => {
  await t?.close();
});

/** A schema as JSON Schema, to compare the map's with the server's (the same object or an equal one). */
function shape(schema: unknown): unknown {
  if (schema === undefined || schema === null) return null;
  return z.toJSONSchema(schema as z.ZodType, { unrepresentable: 'any', io: 'input' });
}

/** The server's success answer schema for a route (2xx), or null when it declares none. */
function serverResponse(r: RouteOptions): unknown {
  const response = (r.schema?.response ?? {}) as Record<string, unknown>;
  const ok = Object.entries(response).filter(([status]) => /^2\d\d$/.test(status));
  if (ok.length === 0) return null;
  const shapes = ok.map(([, s]) => JSON.stringify(shape(s)));
  // 200 and 201 of one route (a replayed booking) must agree with each other
  expect(new Set(shapes).size, `${r.method} ${r.url}: its success statuses declare different schemas`).toBe(1);
  return shape(ok[0][1]);
}

describe('the endpoint map and the server agree', () => {
  it('every route of the map is a route of the server, with that method', () => {
    const missing = names.filter((n) => {
      const { method, path } = routeOf(n);
      return !t.app.hasRoute({ method, url: path });
    });
    expect(missing.map((n) => `${n}: ${ROUTES[n]}`)).toEqual([]);
  });

  it('every route of the map has its schemas in ENDPOINTS (and nothing else is there)', () => {
    expect(Object.keys(ENDPOINTS).sort()).toEqual([...names].sort());
  });

  for (const name of names)
    it(`${name}: the same query, body and response schemas as ${ROUTES[name]}`, () => {
      const route = routes.get(ROUTES[name]);
      expect(route, `${ROUTES[name]} is not in the server's route table`).toBeDefined();
      const mine = ENDPOINTS[name] as EndpointSchemas;
      expect(shape(mine.query), 'query').toEqual(shape(route!.schema?.querystring));
      if (!mine.multipart) expect(shape(mine.body), 'body').toEqual(shape(route!.schema?.body));
      if (mine.response === null) expect(serverResponse(route!), 'a file route answers no JSON schema').toBeNull();
      else expect(shape(mine.response), 'response').toEqual(serverResponse(route!));
    });

  it('each path parameter of the map is a parameter of the server route', () => {
    for (const n of names) {
      const params = [...ROUTES[n].matchAll(/:(\w+)/g)].map((m) => m[1]);
      expect(() => urlOf(n, Object.fromEntries(params.map((p) => [p, 'x'])))).not.toThrow();
    }
  });
});

describe('real answers parse against the map', () => {
  let family: TestClient;
  let admin: TestClient;

  beforeAll(async () => {
    expect(await seedDemo(t.ctx, TEST_PASSWORD)).toBe(true);
    family = t.client();
    await family.login(DEMO_LOGINS.family, TEST_PASSWORD);
    admin = t.client();
    // issue 11: the demo administrator signs in with both steps (password, then a TOTP enrolled for the test)
    const adminId = (await t.ctx.db.selectFrom('account').select('id').where('email', '=', DEMO_LOGINS.admin).executeTakeFirstOrThrow()).id;
    await signInWithTotp(admin, t.clock, DEMO_LOGINS.admin, TEST_PASSWORD, await enrolTotp(t, adminId));
  });

  async function answer(client: TestClient, name: RouteName, params?: Record<string, string | number>, query?: Record<string, string>) {
    const res = await client.request(routeOf(name).method, urlOf(name, params, query));
    expect(res.status, `${name}: ${JSON.stringify(res.body).slice(0, 300)}`).toBeLessThan(300);
    const schema = ENDPOINTS[name].response;
    const parsed = schema!.safeParse(res.body);
    expect(parsed.success ? [] : parsed.error.issues, name).toEqual([]);
    return res.body;
  }

  const withoutParams = (prefix: RegExp) =>
    names.filter((n) => ROUTES[n].startsWith('GET ') && !ROUTES[n].includes(':') && prefix.test(ROUTES[n]) && ENDPOINTS[n].response !== null);

  it('the family’s pages (every GET without parameters, then a child, a reservation, an invoice)', async () => {
    for (const n of withoutParams(/^GET \/api\/(?!staff\/)/)) await answer(family, n, undefined, n === 'system.postalCodes' ? { q: '59560' } : undefined);
    const children = (await answer(family, 'children.list')) as { id: string }[];
    expect(children.length).toBeGreaterThan(0);
    await answer(family, 'children.get', { childId: children[0].id });
    await answer(family, 'children.custody', { childId: children[0].id });
    const reservations = (await answer(family, 'booking.reservations')) as { number: number }[];
    if (reservations[0]) await answer(family, 'booking.reservation', { reservationId: reservations[0].number });
    const billing = (await answer(family, 'billing.account')) as { invoices?: { id: number }[] };
    if (billing.invoices?.[0]) await answer(family, 'billing.invoice', { invoiceId: billing.invoices[0].id });
  });

  it('the staff’s pages (every GET without parameters an admin may read, then a family and a child)', async () => {
    for (const n of withoutParams(/^GET \/api\/staff\//)) {
      // these lists need a filter the page always gives
      if (['staffBooking.occupancy', 'staffBooking.waitingList', 'staffBooking.attendance'].includes(n)) continue;
      // the statistics need a period (issue 15): the demo's school year
      if (n === 'stats.overview' || n === 'stats.hours') {
        await answer(admin, n, undefined, { from: '2025-09-01', to: '2026-08-31' });
        continue;
      }
      // the tablet's day lists (issue 15) need an establishment: the demo's first, on a weekday of the demo
      if (n === 'staffAttendance.day') {
        const catalog = (await answer(admin, 'catalog.get')) as { establishments: { id: string }[] };
        await answer(admin, n, undefined, { establishmentId: catalog.establishments[0].id, day: '2026-09-15' });
        continue;
      }
      await answer(admin, n);
    }
    const families = (await answer(admin, 'staff.families')) as { familyId: string }[];
    await answer(admin, 'staff.family', { familyId: families[0].familyId });
    await answer(admin, 'staffDocuments.familyChecklist', { familyId: families[0].familyId });
    const children = (await answer(admin, 'staffChildren.search')) as { id: string }[];
    await answer(admin, 'staffChildren.get', { childId: children[0].id });
    await answer(admin, 'staffChildren.history', { childId: children[0].id });
    await answer(admin, 'staffChildren.emergencySheet', { childId: children[0].id });
    await answer(admin, 'staffChildren.households', { childId: children[0].id });
  });
});
