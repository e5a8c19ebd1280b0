/**
 * Issue 11 walked in Chromium: separated parents. A city agent links Nina (her mother's child) into her father's
 * household after checking identity, and sets alternate weeks (errors first: nothing chosen, identity not confirmed,
 * a reference day that is not a Monday). Then each parent, from their own login, reads the shared custody on the
 * child's record and books their own week in the planning, where the other parent's week is closed « Garde de
 * l’autre foyer ». Axe runs on every state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  escapeRegExp as esc,
  expectErrorSummary,
  expectNoAxeViolations,
  label,
  launchBrowser,
  openPage,
  printAxeSummary,
  startPortal,
  type Portal,
} from './support.js';
import { createFamily, createStaff } from '../support/factories.js';
import { fullChildInput } from '../support/children.js';
import { activeLists } from '../../src/server/modules/lists/lists.service.js';
import { createChild } from '../../src/server/modules/child/child.service.js';
import * as catalog from '../../src/server/modules/catalog/catalog.service.js';
import { childInput } from '../../src/shared/child-contracts.js';
import { activityInput, periodInput, unitInput, type DeadlinePolicy } from '../../src/shared/booking-contracts.js';
import { addDays, isFrenchPublicHoliday, mondayOf, parisDateOf } from '../../src/shared/calendar/index.js';
import { dayLabel } from '../../src/shared/i18n/dates.js';

const MOTHER = { email: 'sophie.bernard@example.org', password: 'Garde-Alternee-Semaine-Paire-26' };
const FATHER = { email: 'thomas.roussel@example.org', password: 'Garde-Alternee-Semaine-Impaire-26' };
const AGENT = { email: 'service.enfance@example.org', password: 'Rattacher-Un-Second-Foyer-2026' };
const OPEN: DeadlinePolicy = { deadline: { kind: 'none' }, insideDeadline: 'accept', afterDeadline: 'refuse' };

let portal: Portal;
let browser: Browser;
let childId: string;
let start: string; // Monday of next week: the mother's week; the week after is the father's
let fatherFamilyId: string;
let motherFamilyId: string;

const weekdaysOf = (monday: string) => [0, 1, 2, 3, 4].map((i) => addDays(monday, i)).filter((d) => !isFrenchPublicHoliday(d));

beforeAll(async () => {
  portal = await startPortal();
  const mother = await createFamily(portal.ctx, { ...MOTHER, lastName: 'Bernard', status: 'active' });
  const father = await createFamily(portal.ctx, { ...FATHER, lastName: 'Roussel', status: 'active' });
  motherFamilyId = mother.familyId;
  fatherFamilyId = father.familyId;
  await createStaff(portal.ctx, { ...AGENT, role: 'agent' });
  const admin = await createStaff(portal.ctx, { role: 'admin' });
  const input = childInput.parse(fullChildInput(await activeLists(portal.ctx), { firstName: 'Nina', lastName: 'Roussel', birthDate: '2018-05-14' }));
  childId = (await createChild(portal.ctx, { familyId: mother.familyId, accountId: mother.accountId, email: mother.email, displayName: 'Sophie Bernard' }, input)).id;

  const now = portal.ctx.clock.now();
  start = addDays(mondayOf(parisDateOf(now)), 7);
  const actor = { id: admin.accountId, email: admin.email };
  const e = await catalog.createEstablishment(portal.ctx, actor, { name: 'Centre de loisirs Les Tilleuls', address: null });
  const a = await catalog.createActivity(
    portal.ctx,
    actor,
    activityInput.parse({ establishmentId: e.id, name: 'Accueil du soir', kind: 'periscolaire', openWeekdays: [1, 2, 3, 4, 5], bookingPolicy: OPEN, cancellationPolicy: OPEN }),
  );
  await catalog.createUnit(portal.ctx, actor, a.id, unitInput.parse({ code: 'soir', label: 'Soir', position: 0, defaultCapacity: 20 }));
  await catalog.createPeriod(
    portal.ctx,
    actor,
    a.id,
    periodInput.parse({
      label: 'Période de garde',
      startDay: start,
      endDay: addDays(start, 11),
      opensAt: new Date(now.getTime() - 86_400_000).toISOString(),
      closesAt: new Date(now.getTime() + 60 * 86_400_000).toISOString(),
    }),
  );
  browser = await launchBrowser();
});

afterAll(async () => {
  printAxeSummary('households');
  await browser?.close();
  await portal?.close();
});

/** As support's signIn, the « Se connecter » button matched exactly (a passkey button may sit beside it). */
async function signIn(page: Page, who: { email: string; password: string }): Promise<void> {
  await page.goto(`${portal.baseUrl}/`);
  await page.getByLabel(label('Identifiant (adresse e-mail)')).fill(who.email);
  await page.getByLabel(label('Mot de passe')).fill(who.password);
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
}

function cell(page: Page, day: string, unit: string): Locator {
  return page.getByRole('button', { name: new RegExp(`^${esc(`${dayLabel(day)}, ${unit} : `)}`) });
}
async function expectCell(page: Page, day: string, unit: string, state: RegExp): Promise<void> {
  await expect.poll(() => cell(page, day, unit).getAttribute('aria-label'), { timeout: 10_000 }).toMatch(state);
}

/** From the family home: the booking window, Nina, the establishment and period, then the planning. */
async function openPlanning(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Mon compte famille', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Réserver des jours' }).click();
  const dialog = page.getByRole('dialog', { name: 'Réserver des jours' });
  await dialog.waitFor();
  await dialog.getByRole('radio', { name: 'Nina ROUSSEL' }).check();
  await dialog.getByRole('radio', { name: 'Centre de loisirs Les Tilleuls' }).check();
  await dialog.getByRole('radio', { name: /Période de garde/ }).check();
  await dialog.getByRole('button', { name: 'Suivant' }).click();
  await page.getByRole('heading', { level: 1, name: /^Planning de Nina/ }).waitFor();
}

/** Books every weekday of one week by clicking its cells, then « Suivant », « Valider »: the recap. */
async function bookWeek(page: Page, monday: string, label: string): Promise<void> {
  await page.getByLabel('Semaine', { exact: true }).selectOption(monday);
  await cell(page, monday, 'Soir').waitFor();
  for (const d of weekdaysOf(monday)) {
    await expectCell(page, d, 'Soir', /: disponible/);
    await cell(page, d, 'Soir').click();
    await expectCell(page, d, 'Soir', /: à réserver \(non enregistré\)$/);
  }
  await expectNoAxeViolations(page, `planning ${label} (jours choisis)`);
  await page.getByRole('button', { name: 'Suivant', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Vérifier ma demande' }).waitFor();
  await page.getByRole('button', { name: 'Valider' }).click();
  await page.getByRole('heading', { level: 1, name: 'Réservation enregistrée' }).waitFor();
  expect(await page.locator('.summary-list').textContent()).toContain('Nina ROUSSEL');
  await expectNoAxeViolations(page, `récapitulatif ${label}`);
}

async function expectOtherHouseholdWeek(page: Page, monday: string, label: string): Promise<void> {
  await page.getByLabel('Semaine', { exact: true }).selectOption(monday);
  for (const d of weekdaysOf(monday)) {
    await expectCell(page, d, 'Soir', /: fermé — Garde de l’autre foyer$/);
    expect(await cell(page, d, 'Soir').getAttribute('aria-disabled')).toBe('true');
  }
  await expectNoAxeViolations(page, `planning ${label} (semaine de l’autre foyer)`);
}

describe('separated parents: a child shared by two households (issue 11)', () => {
  it('an agent links the child into the father’s household and sets alternate weeks, errors first', async () => {
    const page = await openPage(browser);
    await signIn(page, AGENT);
    await page.waitForURL(/\/agent/);
    await page.goto(`${portal.baseUrl}/agent/enfants/${childId}`);
    const section = page.getByRole('region', { name: 'Foyers', exact: true });
    await section.waitFor();
    await expect.poll(() => section.getByRole('table').textContent()).toContain('BERNARD');
    await expectNoAxeViolations(page, 'fiche enfant (agent) — foyers, un seul foyer');

    // search, nothing found
    await section.getByRole('searchbox', { name: /Rechercher une famille/ }).fill('Personne-Inconnue');
    await section.getByRole('button', { name: 'Rechercher' }).click();
    await section.getByText('Aucune famille trouvée.').waitFor();
    // the father's family
    await section.getByRole('searchbox', { name: /Rechercher une famille/ }).fill('Roussel');
    await section.getByRole('button', { name: 'Rechercher' }).click();
    await section.getByRole('button', { name: /^Choisir ROUSSEL/i }).click();
    await section.getByText(/^Famille choisie : ROUSSEL/i).waitFor();
    // identity not confirmed: the summary says so, on the fields
    await section.getByRole('button', { name: 'Rattacher l’enfant' }).click();
    const summary = await expectErrorSummary(page, 2);
    expect(await summary.textContent()).toContain('Ce champ est obligatoire');
    await expectNoAxeViolations(page, 'rattacher un foyer (erreurs)');
    await section.getByRole('checkbox', { name: /J’ai vérifié l’identité/ }).check();
    await section.getByLabel(label('Comment (pièce vérifiée)')).fill('Livret de famille présenté en mairie');
    await section.getByRole('button', { name: 'Rattacher l’enfant' }).click();
    await section.getByText('L’enfant a été rattaché au foyer.').waitFor();
    await expect.poll(() => section.getByRole('table').textContent()).toContain('ROUSSEL');
    await expectNoAxeViolations(page, 'foyers : deux foyers');

    // custody: a Tuesday is refused, then the Monday
    await section.getByRole('radio', { name: 'Une semaine sur deux' }).check();
    await section.getByLabel(label('Semaine de référence (un lundi)')).fill(addDays(start, 1));
    await section.getByRole('radio', { name: /^BERNARD/ }).check();
    await section.getByRole('button', { name: 'Enregistrer le calendrier' }).click();
    const custodyError = await expectErrorSummary(page, 1);
    expect(await custodyError.textContent()).toContain('Choisissez un lundi');
    await expectNoAxeViolations(page, 'calendrier de garde (erreur)');
    await section.getByLabel(label('Semaine de référence (un lundi)')).fill(start);
    await section.getByRole('button', { name: 'Enregistrer le calendrier' }).click();
    await section.getByText('Le calendrier de garde a été enregistré.').waitFor();
    await expect.poll(() => section.getByRole('table').textContent()).toContain('Une semaine sur deux');
    await expectNoAxeViolations(page, 'calendrier de garde enregistré');
    await page.context().close();
  });

  it('the mother reads the shared custody and books her week; the father’s week is closed to her', async () => {
    const page = await openPage(browser);
    await signIn(page, MOTHER);
    await page.getByRole('heading', { name: 'Mon compte famille', level: 1 }).waitFor();
    await page.goto(`${portal.baseUrl}/famille/enfants/${childId}`);
    const custody = page.getByRole('region', { name: 'Garde partagée' });
    await custody.waitFor();
    expect(await custody.textContent()).toContain('Une semaine sur deux');
    expect(await custody.textContent()).not.toContain('Roussel');
    await expectNoAxeViolations(page, 'fiche enfant (mère) — garde partagée');
    await page.goto(`${portal.baseUrl}/`);
    await openPlanning(page);
    await expectOtherHouseholdWeek(page, addDays(start, 7), 'de la mère');
    await bookWeek(page, start, 'de la mère');
    await page.context().close();
  });

  it('the father books his week; the mother’s week (booked) is closed to him, and nothing of hers shows', async () => {
    const page = await openPage(browser);
    await signIn(page, FATHER);
    await openPlanning(page);
    await expectOtherHouseholdWeek(page, start, 'du père');
    await bookWeek(page, addDays(start, 7), 'du père');
    await page.getByRole('button', { name: 'Terminer' }).click();
    await page.getByRole('heading', { name: 'Mon compte famille', level: 1 }).waitFor();
    expect(await page.locator('main').textContent()).not.toContain('BERNARD');
    await expectNoAxeViolations(page, 'accueil du père après sa réservation');

    const rows = await portal.ctx.db.selectFrom('booking').select(['family_id', 'day']).where('child_id', '=', childId).orderBy('day').execute();
    expect(rows.filter((r) => r.day < addDays(start, 7)).every((r) => r.family_id === motherFamilyId)).toBe(true);
    expect(rows.filter((r) => r.day >= addDays(start, 7)).every((r) => r.family_id === fatherFamilyId)).toBe(true);
    expect(rows.length).toBe(weekdaysOf(start).length + weekdaysOf(addDays(start, 7)).length);
    await page.context().close();
  });

  it('the agent lets the father see the mother’s household (« partage autorisé »); he reads it, read-only, on the child’s page', async () => {
    const agentPage = await openPage(browser);
    await signIn(agentPage, AGENT);
    await agentPage.waitForURL(/\/agent/);
    await agentPage.goto(`${portal.baseUrl}/agent/enfants/${childId}`);
    const section = agentPage.getByRole('region', { name: 'Foyers', exact: true });
    await section.getByRole('button', { name: /^Autoriser à voir l’autre foyer \(ROUSSEL/i }).click();
    await section.getByText(/Ce foyer voit désormais/).waitFor();
    await expect.poll(() => section.getByRole('table').textContent()).toMatch(/Voit l’autre foyer/);
    await expectNoAxeViolations(agentPage, 'foyers — partage autorisé');
    await agentPage.context().close();

    const page = await openPage(browser);
    await signIn(page, FATHER);
    await page.getByRole('heading', { name: 'Mon compte famille', level: 1 }).waitFor();
    await page.goto(`${portal.baseUrl}/famille/enfants/${childId}`);
    const other = page.getByRole('region', { name: 'L’autre foyer' });
    await other.waitFor();
    await expect.poll(() => other.textContent()).toMatch(/BERNARD/);
    // the mother's week, booked above, is listed
    await expect.poll(() => other.getByRole('table', { name: /Ses réservations à venir/ }).textContent()).toMatch(/Soir/);
    await expectNoAxeViolations(page, 'fiche enfant (père) — l’autre foyer');
    await page.context().close();

    // one-way: the mother still sees nothing of the father's household
    const mother = await openPage(browser);
    await signIn(mother, MOTHER);
    await mother.getByRole('heading', { name: 'Mon compte famille', level: 1 }).waitFor();
    await mother.goto(`${portal.baseUrl}/famille/enfants/${childId}`);
    await mother.getByRole('region', { name: 'Garde partagée' }).waitFor();
    expect(await mother.getByRole('region', { name: 'L’autre foyer' }).count()).toBe(0);
    await mother.context().close();
  });

  it('the agent unlinks the father’s household: a confirmation first, then his days to come are freed', async () => {
    const page = await openPage(browser);
    await signIn(page, AGENT);
    await page.waitForURL(/\/agent/);
    await page.goto(`${portal.baseUrl}/agent/enfants/${childId}`);
    const section = page.getByRole('region', { name: 'Foyers', exact: true });
    await section.getByRole('button', { name: /^Retirer de ce foyer \(ROUSSEL/i }).click();
    const dialog = page.getByRole('dialog', { name: /^Retirer l’enfant du foyer ROUSSEL/i });
    await dialog.waitFor();
    await expectNoAxeViolations(page, 'retirer un foyer (confirmation)');
    await dialog.getByRole('button', { name: 'Retirer' }).click();
    await section.getByText('L’enfant a été retiré du foyer.').waitFor();
    await expect.poll(() => section.getByRole('table').textContent()).not.toMatch(/ROUSSEL/i);
    await expectNoAxeViolations(page, 'foyers après le retrait');
    const left = await portal.ctx.db.selectFrom('booking').select('family_id').where('child_id', '=', childId).execute();
    expect(left.every((r) => r.family_id === motherFamilyId)).toBe(true);
    await page.context().close();
  });
});
