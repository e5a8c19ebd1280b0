/**
 * « Pointage sur tablette » offline (issue 15), in Chromium: an agent opens the day's list, the network is cut
 * (`context.setOffline(true)`), arrivals and an absence are marked, the page is reloaded offline (the service worker
 * serves the app's shell, IndexedDB keeps the list and the queued marks); meanwhile a second agent, on another
 * browser, marks the same child online at a later time; the network comes back, the queue is sent, the latest mark
 * stands and the history shows both. Logout wipes the device's store. axe on every state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeReport, expectNoAxeViolations, launchBrowser, printAxeSummary, signIn, startPortal, type Portal } from './support.js';
import { createFamily, createStaff } from '../support/factories.js';
import { fullChildInput } from '../support/children.js';
import { activeLists } from '../../src/server/modules/lists/lists.service.js';
import { createChild } from '../../src/server/modules/child/child.service.js';
import * as catalog from '../../src/server/modules/catalog/catalog.service.js';
import { activityInput, periodInput, unitInput } from '../../src/shared/booking-contracts.js';
import { childInput } from '../../src/shared/child-contracts.js';
import { bookDirect } from '../integration/billing-support.js';
import { parisToday } from '../../src/web/staff/attendance-store.js';

const AGENT_A = { email: 'agent.ecole@example.org', password: 'Tablette-Du-Matin-2026' };
const AGENT_B = { email: 'agent.cantine@example.org', password: 'Tablette-Du-Midi-2026' };

let portal: Portal;
let browser: Browser;
let lea: string;
let tom: string;
let unitId: string;
const today = parisToday();

beforeAll(async () => {
  portal = await startPortal();
  browser = await launchBrowser();
  const admin = await createStaff(portal.ctx, { email: 'direction@example.org', password: 'Direction-Enfance-2026', role: 'admin' });
  await createStaff(portal.ctx, { ...AGENT_A, role: 'agent' });
  await createStaff(portal.ctx, { ...AGENT_B, role: 'agent' });
  const family = await createFamily(portal.ctx, { email: 'famille.martin@example.org', password: 'Famille-Martin-2026', lastName: 'Martin', status: 'active' });
  const lists = await activeLists(portal.ctx);
  const scope = { familyId: family.familyId, accountId: family.accountId, email: family.email, displayName: 'Camille Martin' };
  lea = (await createChild(portal.ctx, scope, childInput.parse(fullChildInput(lists, { firstName: 'Léa', lastName: 'Martin', birthDate: '2018-03-10' })))).id;
  const quiet = fullChildInput(lists, { firstName: 'Tom', lastName: 'Martin', birthDate: '2019-05-02' });
  quiet.health = { ...quiet.health, allergies: {}, carePlan: false } as typeof quiet.health;
  tom = (await createChild(portal.ctx, scope, childInput.parse(quiet))).id;

  const actor = { id: admin.accountId, email: admin.email };
  const e = await catalog.createEstablishment(portal.ctx, actor, { name: 'École Jean-Jaurès', address: '1 place de la Mairie' });
  const a = await catalog.createActivity(
    portal.ctx,
    actor,
    activityInput.parse({
      establishmentId: e.id,
      name: 'Accueil périscolaire',
      kind: 'periscolaire',
      openWeekdays: [1, 2, 3, 4, 5, 6, 7],
      bookingPolicy: { deadline: { kind: 'none' }, insideDeadline: 'accept', afterDeadline: 'refuse' },
      cancellationPolicy: { deadline: { kind: 'none' }, insideDeadline: 'accept', afterDeadline: 'refuse' },
    }),
  );
  unitId = (await catalog.createUnit(portal.ctx, actor, a.id, unitInput.parse({ code: 'matin', label: 'Matin', position: 0, defaultCapacity: 20 }))).id;
  const now = Date.now();
  const p = await catalog.createPeriod(
    portal.ctx,
    actor,
    a.id,
    periodInput.parse({
      label: 'Année scolaire',
      startDay: today,
      endDay: today,
      opensAt: new Date(now - 86_400_000).toISOString(),
      closesAt: new Date(now + 86_400_000).toISOString(),
    }),
  );
  const activity = { establishmentId: e.id, activityId: a.id, periodId: p.id, units: { matin: unitId } };
  const t = { ctx: portal.ctx } as Parameters<typeof bookDirect>[0];
  for (const childId of [lea, tom]) await bookDirect(t, { family, childId, activity, unitId, day: today, bookedAt: new Date(now - 3_600_000).toISOString() });
});

afterAll(async () => {
  await browser?.close();
  await portal?.close();
  printAxeSummary('attendance-offline');
});

async function agentPage(who: { email: string; password: string }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 820, height: 1180 }, hasTouch: true });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await signIn(page, portal.baseUrl, who.email, who.password);
  await page.getByRole('heading', { name: 'Tableau de bord', level: 1 }).waitFor();
  await page.goto(`${portal.baseUrl}/agent/pointage/tablette`);
  await page.getByRole('heading', { level: 1, name: 'Pointage sur tablette' }).waitFor();
  return { context, page };
}

const card = (page: Page, name: string) => page.getByRole('listitem', { name });
const banner = (page: Page) => page.locator('.pointage__banner');

describe('attendance on a tablet, offline', () => {
  it('keeps the list and the marks through a reload offline, sends them back online, the latest mark wins, logout wipes the device', async () => {
    const { context, page } = await agentPage(AGENT_A);
    const leaCard = card(page, 'Léa MARTIN');
    await leaCard.waitFor();
    // the flags as icons with text, who may pick up, and nothing of the health details
    await leaCard.getByText('Allergie', { exact: true }).waitFor();
    await leaCard.getByText('PAI (projet d’accueil individualisé)').waitFor();
    await card(page, 'Tom MARTIN').getByText('Aucune alerte santé').waitFor();
    expect(await page.content()).not.toMatch(/Arachide|adrénaline/);
    await leaCard.getByText(/Qui peut venir le ou la chercher/).click();
    await expect.poll(() => banner(page).textContent()).toMatch(/En ligne — tous les pointages sont envoyés/);
    // the service worker controls the page and keeps its shell
    await expect
      .poll(() =>
        page.evaluate(async () => {
          if (!navigator.serviceWorker.controller) return 0;
          return (await (await caches.open('pf-attendance-v1')).keys()).length;
        }),
      )
      .toBeGreaterThan(5);
    await expectNoAxeViolations(page, 'pointage sur tablette (en ligne)');
    // installable: the page links its own manifest (start URL and scope the page), the portal's is the family's
    expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/pointage.webmanifest');
    for (const [file, start] of [['/pointage.webmanifest', '/agent/pointage/tablette'], ['/famille.webmanifest', '/famille']]) {
      const res = await page.request.get(`${portal.baseUrl}${file}`);
      expect(res.status()).toBe(200);
      const manifest = await res.json();
      expect(manifest).toMatchObject({ start_url: start, display: 'standalone', lang: 'fr' });
      expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    }

    // the network goes
    await context.setOffline(true);
    await expect.poll(() => banner(page).textContent()).toMatch(/Hors ligne — les pointages restent sur l’appareil/);
    await leaCard.getByRole('button', { name: 'Arrivée' }).click();
    await leaCard.getByText(/^Arrivé·e à \d{1,2} h \d{2}$/).waitFor();
    await leaCard.getByText(/en attente d’envoi/).waitFor();
    await card(page, 'Tom MARTIN').getByRole('button', { name: 'Absent·e justifié' }).click();
    await expect.poll(() => banner(page).textContent()).toMatch(/Hors ligne — 2 pointages en attente d’envoi/);
    await expectNoAxeViolations(page, 'pointage sur tablette (hors ligne, 2 en attente)');

    // a reload without network: the service worker serves the app, IndexedDB the list and the queue
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await page.getByRole('heading', { level: 1, name: 'Pointage sur tablette' }).waitFor();
    expect(await page.evaluate(() => fetch('/healthz').then(() => 'up', () => 'down'))).toBe('down');
    await expect.poll(() => banner(page).textContent()).toMatch(/Hors ligne — 2 pointages en attente d’envoi/);
    await card(page, 'Léa MARTIN').getByText(/^Arrivé·e à \d{1,2} h \d{2}$/).waitFor();
    await card(page, 'Tom MARTIN').getByText('Absent (justifié)', { exact: true }).waitFor();
    await card(page, 'Léa MARTIN').getByText('Allergie', { exact: true }).waitFor();
    expect(await portal.ctx.db.selectFrom('attendance_mark').select('id').where('child_id', 'in', [lea, tom]).execute()).toEqual([]);

    // meanwhile, a second agent marks Léa online, later
    await new Promise((r) => setTimeout(r, 1100));
    const b = await agentPage(AGENT_B);
    const leaForB = card(b.page, 'Léa MARTIN');
    await leaForB.getByText('Pas encore pointé·e').waitFor();
    await leaForB.getByRole('button', { name: 'Absent·e non justifié' }).click();
    await expect.poll(() => banner(b.page).textContent()).toMatch(/En ligne — tous les pointages sont envoyés/);
    await expect
      .poll(async () => (await portal.ctx.db.selectFrom('attendance').select('status').where('child_id', '=', lea).executeTakeFirst())?.status)
      .toBe('absent_unjustified');
    await b.context.close();

    // the network comes back: the queue goes, the later mark (B's) stands, the history keeps both
    await context.setOffline(false);
    await expect.poll(() => banner(page).textContent(), { timeout: 15_000 }).toMatch(/En ligne — tous les pointages sont envoyés/);
    const leaAfter = card(page, 'Léa MARTIN');
    await leaAfter.getByText('Absent (non justifié)', { exact: true }).waitFor();
    await leaAfter.getByText('Historique (2 pointages)').click();
    await leaAfter.getByText(/remplacé par un pointage plus récent/).waitFor();
    await card(page, 'Tom MARTIN').getByText('Absent (justifié)', { exact: true }).waitFor();
    const history = await portal.ctx.db.selectFrom('attendance_mark').select(['status', 'outcome', 'device_id']).where('child_id', '=', lea).orderBy('marked_at').execute();
    expect(history.map((h) => [h.status, h.outcome])).toEqual([
      ['present', 'overtaken'],
      ['absent_unjustified', 'applied'],
    ]);
    const rows = await portal.ctx.db.selectFrom('attendance').select(['child_id', 'status']).where('unit_id', '=', unitId).where('day', '=', today).orderBy('child_id').execute();
    expect(new Map(rows.map((r) => [r.child_id, r.status]))).toEqual(new Map([[lea, 'absent_unjustified'], [tom, 'absent_justified']]));
    await expectNoAxeViolations(page, 'pointage sur tablette (après envoi, historique)');

    // the staff sheet shows the marks too, and leads to the tablet page
    await page.goto(`${portal.baseUrl}/agent/pointage`);
    await page.getByRole('heading', { level: 1, name: 'Pointage des présences' }).waitFor();
    await page.getByRole('radio', { name: 'Absent (non justifié)' }).first().waitFor();
    expect(await page.getByRole('radio', { name: 'Absent (non justifié)' }).first().isChecked()).toBe(true);
    await expectNoAxeViolations(page, 'pointage des présences (après la tablette)');
    await page.getByRole('link', { name: 'Pointage sur tablette (hors ligne)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pointage sur tablette' }).waitFor();
    await card(page, 'Léa MARTIN').waitFor();
    // no API answer is ever in the service worker's caches
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) urls.push(new URL(r.url).pathname);
      return urls;
    });
    expect(cached.filter((u) => u.startsWith('/api/'))).toEqual([]);
    expect(cached).toContain('/agent/pointage/tablette');

    // logout wipes the device's store
    expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).toContain('pf-pointage');
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByText('Vous êtes déconnecté(e).').waitFor();
    await expect.poll(() => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).not.toContain('pf-pointage');
    // and the app does not open offline any more
    await context.setOffline(true);
    await page.goto(`${portal.baseUrl}/agent/pointage/tablette`).catch(() => undefined);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await page.getByRole('heading', { level: 1, name: 'Pointage sur tablette' }).count()).toBe(0);
    await context.close();
    expect(axeReport.every((r) => r.violations === 0)).toBe(true);
  });
});
