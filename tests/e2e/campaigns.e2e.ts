/**
 * Issue 12 walked in Chromium: a fair opening. The city's administrator configures a request campaign for the
 * summer period (errors first), two families submit their requests in the planning (« demande » instead of
 * « réservation », with an order of preference), staff simulate the allocation side by side with first-come, then —
 * once the window has closed — publish it; each family reads its outcome in plain French (place given; waiting
 * list, rank 1) and receives the e-mail. Axe runs on every state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectErrorSummary, expectNoAxeViolations, label, launchBrowser, openPage, printAxeSummary, signIn, startPortal, type Portal } from './support.js';
import { createFamily, createStaff } from '../support/factories.js';
import { fullChildInput } from '../support/children.js';
import { activeLists } from '../../src/server/modules/lists/lists.service.js';
import { createChild } from '../../src/server/modules/child/child.service.js';
import * as catalog from '../../src/server/modules/catalog/catalog.service.js';
import { childInput } from '../../src/shared/child-contracts.js';
import { activityInput, periodInput, unitInput, type DeadlinePolicy } from '../../src/shared/booking-contracts.js';
import { addDays, isFrenchPublicHoliday, mondayOf, parisDateOf, parisTimeOf } from '../../src/shared/calendar/index.js';
import { dayLabel } from '../../src/shared/i18n/dates.js';

const ADMIN = { email: 'direction.enfance@example.org', password: 'Une-Ouverture-Equitable-2026' };
const RESIDENT = { email: 'claire.dumont@example.org', password: 'Demandes-Ete-Claire-2026' };
const OUTSIDER = { email: 'karim.benali@example.org', password: 'Demandes-Ete-Karim-2026' };
const OPEN: DeadlinePolicy = { deadline: { kind: 'none' }, insideDeadline: 'accept', afterDeadline: 'refuse' };

let portal: Portal;
let browser: Browser;
let activityId: string;
let periodId: string;
let monday: string;
let tuesday: string;
const children: Record<string, string> = {};

const local = (d: Date) => `${parisDateOf(d)}T${parisTimeOf(d)}`;

beforeAll(async () => {
  portal = await startPortal();
  const resident = await createFamily(portal.ctx, { ...RESIDENT, lastName: 'Dumont', status: 'active' });
  const outsider = await createFamily(portal.ctx, { ...OUTSIDER, lastName: 'Benali', status: 'active' });
  await portal.ctx.db.updateTable('family').set({ insee_code: '59350', postal_code: '59000', city: 'Lille' }).where('id', '=', outsider.familyId).execute();
  const admin = await createStaff(portal.ctx, { ...ADMIN, role: 'admin' });
  const lists = await activeLists(portal.ctx);
  for (const [f, name] of [
    [resident, 'Jules'],
    [outsider, 'Inès'],
  ] as const) {
    const input = childInput.parse(fullChildInput(lists, { firstName: name, lastName: f === resident ? 'Dumont' : 'Benali', birthDate: '2017-04-02' }));
    children[name] = (await createChild(portal.ctx, { familyId: f.familyId, accountId: f.accountId, email: f.email, displayName: name }, input)).id;
  }
  const now = portal.ctx.clock.now();
  monday = addDays(mondayOf(parisDateOf(now)), 28);
  while (isFrenchPublicHoliday(monday) || isFrenchPublicHoliday(addDays(monday, 1))) monday = addDays(monday, 7);
  tuesday = addDays(monday, 1);
  const actor = { id: admin.accountId, email: admin.email };
  const e = await catalog.createEstablishment(portal.ctx, actor, { name: 'Centre de loisirs du Bois', address: null });
  const a = await catalog.createActivity(
    portal.ctx,
    actor,
    activityInput.parse({ establishmentId: e.id, name: 'Centre de loisirs d’été', kind: 'ete', openWeekdays: [1, 2, 3, 4, 5], bookingPolicy: OPEN, cancellationPolicy: OPEN }),
  );
  await catalog.createUnit(portal.ctx, actor, a.id, unitInput.parse({ code: 'journee', label: 'Journée', position: 0, defaultCapacity: 1 }));
  const p = await catalog.createPeriod(
    portal.ctx,
    actor,
    a.id,
    periodInput.parse({
      label: 'Été 2026',
      startDay: monday,
      endDay: addDays(monday, 4),
      opensAt: new Date(now.getTime() - 86_400_000).toISOString(),
      closesAt: new Date(now.getTime() + 60 * 86_400_000).toISOString(),
    }),
  );
  activityId = a.id;
  periodId = p.id;
  browser = await launchBrowser();
});

afterAll(async () => {
  printAxeSummary('campaigns');
  await browser?.close();
  await portal?.close();
});

async function staffPage(): Promise<Page> {
  const page = await openPage(browser);
  await signIn(page, portal.baseUrl, ADMIN.email, ADMIN.password);
  await page.getByRole('heading', { level: 1, name: /Tableau de bord/ }).waitFor();
  return page;
}

async function familyPlanning(who: { email: string; password: string }, child: string): Promise<Page> {
  const page = await openPage(browser);
  await signIn(page, portal.baseUrl, who.email, who.password);
  await page.getByRole('heading', { name: 'Mon compte famille', level: 1 }).waitFor();
  await page.goto(`${portal.baseUrl}/famille/reservations/planning/${children[child]}/${activityId}/${periodId}?`);
  await page.getByRole('heading', { level: 1, name: `Demandes pour ${child} — Centre de loisirs d’été` }).waitFor();
  if ((await page.getByLabel('Semaine', { exact: true }).inputValue()) !== monday) await page.getByLabel('Semaine', { exact: true }).selectOption(monday);
  await page.getByLabel(`Demander Journée le ${dayLabel(monday)}`).waitFor();
  return page;
}

let campaignUrl = '';

describe('a request campaign, from configuration to outcomes', () => {
  it('staff configure a campaign (errors first)', async () => {
    const page = await staffPage();
    await page.getByRole('link', { name: 'Campagnes de demandes' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Campagnes de demandes' }).waitFor();
    await expectNoAxeViolations(page, 'campaigns: list, new campaign form');
    await page.getByRole('button', { name: 'Créer la campagne' }).click();
    await expectErrorSummary(page, 1);
    await expectNoAxeViolations(page, 'campaigns: new campaign, errors');

    const now = new Date();
    await page.getByLabel(label('Période')).selectOption({ label: 'Centre de loisirs d’été — Été 2026' });
    await page.getByLabel(label('Ouverture des demandes')).fill(local(new Date(now.getTime() - 3_600_000)));
    await page.getByLabel(label('Clôture des demandes')).fill(local(new Date(now.getTime() + 7 * 86_400_000)));
    await page.getByLabel(label('Communes des résidents (codes INSEE, séparés par des virgules)')).fill('59152');
    await page.getByLabel('Poids : Parent isolé en activité').fill('5');
    await page.getByLabel(label('Valeur publique de la graine du tirage au sort')).fill('Arrêté municipal 2026-142');
    await page.getByRole('button', { name: 'Créer la campagne' }).click();
    await page.getByRole('heading', { level: 1, name: 'Campagne — Centre de loisirs d’été, Été 2026' }).waitFor();
    await page.getByText('Demandes ouvertes', { exact: true }).waitFor();
    campaignUrl = page.url();
    await expectNoAxeViolations(page, 'campaign: configured, requests open');
    await page.context().close();
  });

  it('two families submit their requests in the planning', async () => {
    const claire = await familyPlanning(RESIDENT, 'Jules');
    await claire.getByText('Cette période est ouverte en campagne de demandes').waitFor();
    await expectNoAxeViolations(claire, 'planning in request mode');
    await claire.getByLabel(`Demander Journée le ${dayLabel(monday)}`).check();
    await claire.getByLabel(`Demander Journée le ${dayLabel(tuesday)}`).check();
    await claire.getByLabel(`Ordre de préférence du ${dayLabel(tuesday)}, Journée`).selectOption('1');
    await claire.getByRole('button', { name: 'Enregistrer mes demandes' }).click();
    await claire.getByText('Vos demandes sont enregistrées (2 jours)').waitFor();
    await claire.getByText('Règles d’attribution').click();
    await claire.getByText(/Critères de priorité, dans l’ordre/).waitFor();
    await expectNoAxeViolations(claire, 'planning in request mode: requests saved, rules open');
    await claire.context().close();

    const karim = await familyPlanning(OUTSIDER, 'Inès');
    await karim.getByLabel(`Demander Journée le ${dayLabel(monday)}`).check();
    await karim.getByRole('button', { name: 'Enregistrer mes demandes' }).click();
    await karim.getByText('Votre demande est enregistrée (1 jour)').waitFor();
    await karim.context().close();
  });

  it('staff simulate, then publish once the window has closed', async () => {
    const page = await staffPage();
    await page.goto(campaignUrl);
    await page.getByRole('button', { name: 'Simuler l’attribution' }).click();
    const figures = page.getByRole('table', { name: 'Familles servies : campagne de demandes et premier arrivé, premier servi' });
    await figures.waitFor();
    await expect.poll(() => figures.getByRole('row', { name: /Familles ayant toutes leurs demandes/ }).innerText()).toMatch(/1\s+\d/);
    await expectNoAxeViolations(page, 'campaign: simulation');
    // publishing before the close is refused
    await page.getByRole('button', { name: 'Publier l’attribution' }).click();
    await page.getByRole('button', { name: 'Publier', exact: true }).click();
    await expectErrorSummary(page, 1);
    await page.getByText('Les demandes sont encore ouvertes').first().waitFor();
    await expectNoAxeViolations(page, 'campaign: publish refused while open');

    // a week later: the window has closed
    await portal.ctx.db.updateTable('campaign').set({ closes_at: new Date(Date.now() - 60_000).toISOString() }).execute();
    await page.reload();
    await page.getByText('Demandes closes, attribution à publier').waitFor();
    await page.getByRole('button', { name: 'Publier l’attribution' }).click();
    await page.getByRole('button', { name: 'Publier', exact: true }).click();
    await page.getByText('L’attribution est publiée ; les familles sont prévenues.').waitFor();
    await page.getByText('Attribution publiée', { exact: true }).waitFor();
    await expectNoAxeViolations(page, 'campaign: published');
    await page.context().close();
  });

  it('each family reads its outcome and receives the e-mail', async () => {
    const mail = await portal.waitForMail(OUTSIDER.email, /Résultat de vos demandes/);
    expect(mail.text).toContain('En liste d’attente : 1');

    const claire = await openPage(browser);
    await signIn(claire, portal.baseUrl, RESIDENT.email, RESIDENT.password);
    await claire.getByRole('heading', { name: 'Mon compte famille', level: 1 }).waitFor();
    await claire.goto(`${portal.baseUrl}/famille/demandes`);
    await claire.getByRole('heading', { level: 1, name: 'Résultats de mes demandes' }).waitFor();
    const rows = claire.getByRole('table').getByRole('row');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.nth(1).innerText()).toMatch(/Place attribuée/);
    expect(await rows.nth(2).innerText()).toMatch(/Place attribuée/);
    await expectNoAxeViolations(claire, 'outcomes: places given');
    await claire.context().close();

    const karim = await openPage(browser);
    await signIn(karim, portal.baseUrl, OUTSIDER.email, OUTSIDER.password);
    await karim.getByRole('heading', { name: 'Mon compte famille', level: 1 }).waitFor();
    await karim.goto(`${portal.baseUrl}/famille/demandes`);
    await karim.getByText('Liste d’attente, rang 1 : aucune priorité, ordre du tirage au sort').waitFor();
    await karim.getByText('Règles appliquées').click();
    await karim.getByText(/Arrêté municipal 2026-142/).waitFor();
    await expectNoAxeViolations(karim, 'outcomes: waiting list, rules and seed');
    await karim.context().close();
  });
});
