/**
 * One login per guardian (issue 11) walked in Chromium: the holder opens « Membres du foyer », invites the other
 * guardian (error summary first), the invitee opens the mailed link, chooses a password (error summary first), is
 * signed in and books a day for the child; the holder sees who booked on the list and in « Journal du foyer »,
 * changes the member's rights in a window; the used link says plainly that it no longer works; staff see the members
 * on the family's page; the member leaves after a confirmation. Axe runs on every state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  escapeRegExp as esc,
  expectErrorSummary,
  expectNoAxeViolations,
  label,
  launchBrowser,
  linkIn,
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
import { addDays, isFrenchPublicHoliday, mondayOf, parisDateOf, weekdayOf } from '../../src/shared/calendar/index.js';
import { dayLabel } from '../../src/shared/i18n/dates.js';

const HOLDER_EMAIL = 'claire.martin@example.org';
const HOLDER_PASSWORD = 'Deux-Parents-Un-Foyer-2026';
const INVITEE_EMAIL = 'julien.martin@example.org';
const INVITEE_PASSWORD = 'Mon-Propre-Mot-De-Passe-26';
const AGENT_EMAIL = 'accueil.familles@example.org';
const AGENT_PASSWORD = 'Guichet-Unique-Familles-26';
const POLICY: DeadlinePolicy = { deadline: { kind: 'daysBefore', days: 1, skip: 'none', at: '12:00' }, insideDeadline: 'accept', afterDeadline: 'request' };

let portal: Portal;
let browser: Browser;
let familyId = '';
let start = '';
let bookedDay = '';

beforeAll(async () => {
  portal = await startPortal();
  const family = await createFamily(portal.ctx, { email: HOLDER_EMAIL, password: HOLDER_PASSWORD, lastName: 'Martin', status: 'active' });
  familyId = family.familyId;
  await createStaff(portal.ctx, { email: AGENT_EMAIL, password: AGENT_PASSWORD, role: 'agent' });
  const input = childInput.parse(fullChildInput(await activeLists(portal.ctx), { firstName: 'Léa', lastName: 'Martin', birthDate: '2018-03-10' }));
  await createChild(portal.ctx, { familyId: family.familyId, accountId: family.accountId, email: family.email, displayName: 'Claire Martin' }, input);

  const admin = await createStaff(portal.ctx, { role: 'admin' });
  const actor = { id: admin.accountId, email: admin.email };
  const now = portal.ctx.clock.now();
  start = addDays(mondayOf(parisDateOf(now)), 14);
  const e = await catalog.createEstablishment(portal.ctx, actor, { name: 'Centre de loisirs Les Tilleuls', address: null });
  const a = await catalog.createActivity(
    portal.ctx,
    actor,
    activityInput.parse({ establishmentId: e.id, name: 'Accueil du mercredi', kind: 'petites_vacances', openWeekdays: [1, 2, 3, 4, 5], bookingPolicy: POLICY, cancellationPolicy: POLICY }),
  );
  await catalog.createUnit(portal.ctx, actor, a.id, unitInput.parse({ code: 'matin', label: 'Matin', position: 0, defaultCapacity: 20 }));
  await catalog.createPeriod(
    portal.ctx,
    actor,
    a.id,
    periodInput.parse({
      label: 'Période de test',
      startDay: start,
      endDay: addDays(start, 11),
      opensAt: new Date(now.getTime() - 86_400_000).toISOString(),
      closesAt: new Date(now.getTime() + 60 * 86_400_000).toISOString(),
    }),
  );
  bookedDay = [0, 1, 2, 3, 4].map((d) => addDays(start, d)).find((d) => weekdayOf(d) <= 5 && !isFrenchPublicHoliday(d))!;
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await portal?.close();
  printAxeSummary('members.e2e.ts');
});

/** Signs in from the home page (the exact button: the page may offer other ways to sign in). */
async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${portal.baseUrl}/`);
  await page.getByLabel(label('Identifiant (adresse e-mail)')).fill(email);
  await page.getByLabel(label('Mot de passe')).fill(password);
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
}

function cell(page: Page, day: string, unit: string): Locator {
  return page.getByRole('button', { name: new RegExp(`^${esc(`${dayLabel(day)}, ${unit} : `)}`) });
}

describe('one login per guardian (issue 11)', () => {
  let inviteLink = '';

  it('the holder invites the other guardian from « Membres du foyer » (error summary first)', async () => {
    const page = await openPage(browser);
    await signIn(page, HOLDER_EMAIL, HOLDER_PASSWORD);
    await page.getByRole('heading', { name: 'Mon compte famille', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Membres du foyer et invitations' }).click();
    await page.getByRole('heading', { name: 'Membres du foyer', level: 1 }).waitFor();
    await page.getByRole('cell', { name: 'Titulaire du compte Responsable légal 1' }).waitFor();
    await page.getByText('Aucune invitation envoyée.').waitFor();
    await expectNoAxeViolations(page, 'membres du foyer');

    await page.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await expectErrorSummary(page, 1);
    expect(await page.title()).toMatch(/^Erreur/);
    await expectNoAxeViolations(page, 'membres du foyer (erreur)');

    await page.getByLabel(label('Adresse e-mail de la personne invitée')).fill(INVITEE_EMAIL);
    expect(await page.getByRole('checkbox', { name: 'Réserver et annuler' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Payer les factures' }).isChecked()).toBe(false);
    // keyboard: the submit button is reached and pressed with the keyboard
    await page.getByRole('button', { name: 'Envoyer l’invitation' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(`L’invitation est envoyée à ${INVITEE_EMAIL}.`).waitFor();
    const row = page.getByRole('row').filter({ hasText: INVITEE_EMAIL });
    expect(await row.textContent()).toContain('En attente');
    expect(await page.getByText('Chaque responsable légal du foyer a déjà son identifiant.').isVisible()).toBe(true);
    await expectNoAxeViolations(page, 'membres du foyer (invitation envoyée)');

    const mail = await portal.waitForMail(INVITEE_EMAIL, /Invitation à rejoindre un foyer/);
    expect(mail.text).toContain('Alice Martin vous invite');
    inviteLink = linkIn(mail, '/invitation');
    await page.context().close();
  });

  it('the invitee opens the link, chooses a password (error summary first), is signed in and books a day', async () => {
    const page = await openPage(browser);
    await page.goto(inviteLink);
    await page.getByRole('heading', { name: 'Rejoindre un foyer', level: 1 }).waitFor();
    await page.getByText(`Votre identifiant sera : ${INVITEE_EMAIL}`).waitFor();
    await expectNoAxeViolations(page, 'invitation');

    await page.getByRole('button', { name: 'Accepter l’invitation' }).click();
    await expectErrorSummary(page, 4);
    await expectNoAxeViolations(page, 'invitation (erreur)');

    await page.getByLabel(label('Votre prénom')).fill('Julien');
    await page.getByLabel(label('Votre nom')).fill('Martin');
    await page.getByLabel(label('Choisissez votre mot de passe')).fill(INVITEE_PASSWORD);
    await page.getByLabel(label('Confirmez votre mot de passe')).fill(INVITEE_PASSWORD);
    await page.getByRole('button', { name: 'Accepter l’invitation' }).click();
    await page.getByRole('heading', { name: 'Bienvenue dans le foyer', level: 1 }).waitFor();
    await expectNoAxeViolations(page, 'invitation acceptée');

    await page.getByRole('link', { name: 'Aller à mon compte famille' }).click();
    await page.getByRole('heading', { name: 'Mon compte famille', level: 1 }).waitFor();
    const block = page.getByRole('region', { name: 'Accueil de loisirs / Périscolaire – Les Réservations' });
    await block.getByRole('button', { name: 'Réserver des jours' }).click();
    const dialog = page.getByRole('dialog', { name: 'Réserver des jours' });
    await dialog.waitFor();
    await dialog.getByRole('radio', { name: 'Léa MARTIN' }).check();
    const establishment = dialog.getByRole('radio', { name: 'Centre de loisirs Les Tilleuls' });
    if (await establishment.count()) await establishment.check();
    await dialog.getByRole('radio', { name: /Période de test/ }).check();
    await dialog.getByRole('button', { name: 'Suivant' }).click();
    await page.getByRole('heading', { level: 1, name: /Planning de Léa/ }).waitFor();
    await cell(page, bookedDay, 'Matin').click();
    await expect.poll(() => cell(page, bookedDay, 'Matin').getAttribute('aria-label')).toMatch(/\(non enregistré\)$/);
    await page.getByRole('button', { name: 'Suivant', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Vérifier ma demande' }).waitFor();
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByRole('heading', { level: 1, name: 'Réservation enregistrée' }).waitFor();
    await page.getByRole('button', { name: 'Terminer' }).click();
    await page.getByRole('heading', { name: 'Mon compte famille', level: 1 }).waitFor();
    await block.getByText('Par Julien Martin').waitFor();
    await page.getByText('Votre identifiant : Membre — Réserver et annuler.').waitFor();
    await expectNoAxeViolations(page, 'accueil du second parent (réservation faite)');
    // without the edit right: the record is shown, and why there is no « Modifier »
    expect(await page.getByRole('link', { name: 'Modifier les informations de la famille' }).count()).toBe(0);
    await page.goto(`${portal.baseUrl}/famille/informations`);
    await page.getByText('Votre compte ne permet pas de modifier la fiche du foyer').waitFor();
    await expectNoAxeViolations(page, 'mes informations (sans droit de modifier)');
    await page.context().close();
  });

  it('the used link says plainly that it no longer works', async () => {
    const page = await openPage(browser);
    await page.goto(inviteLink);
    await page.getByRole('heading', { name: 'Ce lien d’invitation ne fonctionne plus', level: 1 }).waitFor();
    await page.getByText('Cette invitation a déjà été acceptée').waitFor();
    await expectNoAxeViolations(page, 'invitation déjà utilisée');
    await page.context().close();
  });

  it('the holder sees who booked in « Journal du foyer » and changes the member’s rights', async () => {
    const page = await openPage(browser);
    await signIn(page, HOLDER_EMAIL, HOLDER_PASSWORD);
    await page.getByRole('heading', { name: 'Mon compte famille', level: 1 }).waitFor();
    await page.getByText('Par Julien Martin').waitFor();
    await page.getByRole('link', { name: 'Journal du foyer' }).click();
    await page.getByRole('heading', { name: 'Journal du foyer', level: 1 }).waitFor();
    const line = page.getByRole('row').filter({ hasText: /Réservation n° \d+ pour Léa/ });
    expect(await line.textContent()).toContain('Julien Martin');
    await page.getByRole('row').filter({ hasText: 'Arrivée dans le foyer' }).waitFor();
    await expectNoAxeViolations(page, 'journal du foyer');

    await page.getByRole('link', { name: 'Membres du foyer et invitations' }).click();
    await page.getByRole('heading', { name: 'Membres du foyer', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Modifier les droits de Julien Martin' }).click();
    const dialog = page.getByRole('dialog', { name: 'Droits de Julien Martin' });
    await dialog.waitFor();
    await expectNoAxeViolations(page, 'droits d’un membre (fenêtre)');
    await dialog.getByRole('checkbox', { name: 'Payer les factures' }).check();
    await dialog.getByRole('button', { name: 'Enregistrer les droits' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Les droits de Julien Martin sont enregistrés.').waitFor();
    await expect.poll(() => page.getByRole('row').filter({ hasText: INVITEE_EMAIL }).first().textContent()).toContain('Réserver et annuler, Payer les factures');
    await expectNoAxeViolations(page, 'membres du foyer (droits modifiés)');
    await page.context().close();
  });

  it('staff see the members on the family’s page', async () => {
    const page = await openPage(browser);
    await signIn(page, AGENT_EMAIL, AGENT_PASSWORD);
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    await page.goto(`${portal.baseUrl}/agent/familles/${familyId}`);
    await page.getByRole('heading', { name: 'Membres du foyer', level: 2 }).waitFor();
    await page.getByRole('cell', { name: INVITEE_EMAIL }).first().waitFor();
    await expectNoAxeViolations(page, 'fiche famille (agent) avec les membres');
    await page.context().close();
  });

  it('the member leaves the household after a confirmation, and is signed out', async () => {
    const page = await openPage(browser);
    await signIn(page, INVITEE_EMAIL, INVITEE_PASSWORD);
    await page.getByRole('heading', { name: 'Mon compte famille', level: 1 }).waitFor();
    await page.goto(`${portal.baseUrl}/famille/membres`);
    await page.getByRole('heading', { name: 'Membres du foyer', level: 1 }).waitFor();
    expect(await page.getByText('Seul le titulaire du compte du foyer peut inviter un membre.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Quitter le foyer' }).click();
    const dialog = page.getByRole('dialog', { name: 'Quitter le foyer ?' });
    await dialog.waitFor();
    // focus starts on « Annuler »: Enter by habit does not leave
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Annuler');
    await expectNoAxeViolations(page, 'quitter le foyer (confirmation)');
    await dialog.getByRole('button', { name: 'Quitter le foyer' }).click();
    await page.getByText('Vous avez quitté le foyer. Votre identifiant est fermé.').waitFor();
    await expectNoAxeViolations(page, 'accueil après avoir quitté le foyer');
    await page.context().close();
  });

  it('staff invite a guardian from the family’s page (error summary first) and withdraw the invitation', async () => {
    const page = await openPage(browser);
    await signIn(page, AGENT_EMAIL, AGENT_PASSWORD);
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    await page.goto(`${portal.baseUrl}/agent/familles/${familyId}`);
    await page.getByRole('heading', { name: 'Inviter l’autre responsable légal', level: 3 }).waitFor();
    await page.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await expectErrorSummary(page, 1);
    await expectNoAxeViolations(page, 'fiche famille (agent), invitation (erreur)');
    await page.getByLabel(label('Adresse e-mail de la personne invitée')).fill('parent2@example.org');
    await page.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await page.getByText('L’invitation est envoyée à parent2@example.org.').waitFor();
    await page.getByRole('button', { name: 'Retirer l’invitation à parent2@example.org' }).click();
    await page.getByText('L’invitation à parent2@example.org est retirée').waitFor();
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'parent2@example.org' }).textContent()).toContain('Retirée');
    await expectNoAxeViolations(page, 'fiche famille (agent), invitation retirée');
    await page.context().close();
  });
});
