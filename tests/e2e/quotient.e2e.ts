/**
 * The family quotient from the CAF (issue 15) walked in Chromium with the demo provider: the family sees the card
 * « Quotient familial » in « Mes informations », opens the page, sends the form empty (error summary), then gives its
 * scheme, allocataire number and consent (ticked with the keyboard) and gets its quotient with its source and date;
 * it withdraws its consent after a confirmation window. An agent sees the quotient, its history and who wrote it on
 * the family's page, and enters a quotient by hand on an accepted document (error summary first). Axe on every state.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectErrorSummary, expectNoAxeViolations, label, launchBrowser, openPage, printAxeSummary, startPortal, type Portal } from './support.js';
import { createFamily, createStaff } from '../support/factories.js';

const FAMILY_EMAIL = 'nadia.benali@example.org';
const FAMILY_PASSWORD = 'Quotient-Familial-Caf-2026';
const AGENT_EMAIL = 'regie.enfance@example.org';
const AGENT_PASSWORD = 'Regie-Enfance-Comines-26';

let portal: Portal;
let browser: Browser;
let familyId = '';

beforeAll(async () => {
  portal = await startPortal();
  const family = await createFamily(portal.ctx, { email: FAMILY_EMAIL, password: FAMILY_PASSWORD, lastName: 'Benali', status: 'active', postalCode: '59560' });
  familyId = family.familyId;
  await createStaff(portal.ctx, { email: AGENT_EMAIL, password: AGENT_PASSWORD, role: 'agent' });
  // an accepted certificate of the family, for the manual entry
  const now = portal.ctx.clock.now().toISOString();
  const typeId = randomUUID();
  await portal.ctx.db
    .insertInto('document_type')
    .values({ id: typeId, name: 'Attestation de quotient familial', description: null, scope: 'family', validity_kind: 'none', validity_months: null, required: 0, active: 1, created_at: now, updated_at: now })
    .execute();
  await portal.ctx.db
    .insertInto('document_submission')
    .values({ id: randomUUID(), family_id: familyId, child_id: null, document_type_id: typeId, state: 'accepted', refusal_reason: null, submitted_at: now, submitted_by: null, reviewed_at: now, reviewed_by: null, valid_until: null, reminder_sent_at: null })
    .execute();
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await portal?.close();
  printAxeSummary('quotient.e2e.ts');
});

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${portal.baseUrl}/`);
  await page.getByLabel(label('Identifiant (adresse e-mail)')).fill(email);
  await page.getByLabel(label('Mot de passe')).fill(password);
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
}

describe('the family quotient (issue 15)', () => {
  it('the family gives its consent and gets its quotient from the CAF (demo provider)', async () => {
    const page = await openPage(browser);
    await signIn(page, FAMILY_EMAIL, FAMILY_PASSWORD);
    await page.getByRole('heading', { name: 'Mon compte famille', level: 1 }).waitFor();
    await page.goto(`${portal.baseUrl}/famille/informations`);
    const card = page.getByRole('region', { name: 'Quotient familial' });
    await card.getByText('Aucun quotient connu').waitFor();
    await expectNoAxeViolations(page, 'mes informations (carte quotient)');

    await card.getByRole('link', { name: 'Voir ou mettre à jour mon quotient familial' }).click();
    await page.getByRole('heading', { name: 'Quotient familial', level: 1 }).waitFor();
    await page.getByText('Pourquoi : calculer le tarif de vos réservations').waitFor();
    await page.getByText('Portail de démonstration').waitFor();
    await expectNoAxeViolations(page, 'quotient familial');

    await page.getByRole('button', { name: 'Demander mon quotient' }).click();
    await expectErrorSummary(page, 3);
    expect(await page.title()).toMatch(/^Erreur/);
    await expectNoAxeViolations(page, 'quotient familial (erreurs)');

    await page.getByRole('radio', { name: 'CAF' }).check();
    await page.getByLabel(label('Numéro d’allocataire')).fill('1234567');
    // keyboard: the consent box is ticked with the space bar, the form sent with Enter
    await page.getByRole('checkbox', { name: /J’autorise la mairie/ }).focus();
    await page.keyboard.press('Space');
    expect(await page.getByRole('checkbox', { name: /J’autorise la mairie/ }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Demander mon quotient' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Votre quotient familial a été transmis : 780.').waitFor();
    await page.getByText(/^Transmis par le service de démonstration le /).waitFor();
    await page.getByText(/^Calculé au mois de /).waitFor();
    await page.getByRole('cell', { name: 'Démonstration' }).waitFor();
    await page.getByText(/^Accord donné le /).waitFor();
    await expectNoAxeViolations(page, 'quotient familial (transmis)');

    await page.getByRole('button', { name: 'Retirer mon accord' }).click();
    const dialog = page.getByRole('alertdialog').or(page.getByRole('dialog'));
    await dialog.getByText('La mairie ne demandera plus votre quotient').waitFor();
    await expectNoAxeViolations(page, 'quotient familial (retrait, fenêtre)');
    await dialog.getByRole('button', { name: 'Retirer mon accord' }).click();
    await page.getByText('Votre accord est retiré').waitFor();
    await page.getByText(/^Accord retiré le /).waitFor();
    expect(await page.getByRole('button', { name: 'Retirer mon accord' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'quotient familial (accord retiré)');

    await page.goto(`${portal.baseUrl}/famille/informations`);
    await page.getByRole('region', { name: 'Quotient familial' }).getByText('Quotient familial : 780').waitFor();
    // the family's form shows the quotient read-only, with the way to update it
    await page.goto(`${portal.baseUrl}/famille/informations/modifier`);
    const field = page.getByLabel(label('Quotient familial'));
    await field.waitFor();
    expect(await field.inputValue()).toBe('780');
    expect(await field.isEditable()).toBe(false);
    await page.getByText(/Ce quotient vient de la CAF, de la MSA ou de la mairie/).waitFor();
    await expectNoAxeViolations(page, 'modifier mes informations (quotient transmis)');
    await page.context().close();
  });

  it('an agent sees the source and history, and enters the quotient on an accepted document', async () => {
    const page = await openPage(browser);
    await signIn(page, AGENT_EMAIL, AGENT_PASSWORD);
    await page.waitForURL(/\/agent/);
    await page.goto(`${portal.baseUrl}/agent/familles/${familyId}`);
    const section = page.getByRole('region', { name: 'Quotient familial' });
    await section.getByText('Quotient familial : 780').waitFor();
    await section.getByText(/La famille a retiré son accord le /).waitFor();
    await section.getByRole('cell', { name: FAMILY_EMAIL }).waitFor();
    expect(await section.getByRole('button', { name: 'Interroger la CAF' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'fiche famille (quotient)');

    await section.getByRole('button', { name: 'Enregistrer le quotient' }).click();
    await expectErrorSummary(page, 3);
    await expectNoAxeViolations(page, 'fiche famille (quotient, erreurs)');

    await section.getByLabel(label('Quotient familial')).fill('655');
    await section.getByLabel(label('Mois de calcul')).fill('2026-11');
    await section.getByLabel(label('Justificatif accepté')).selectOption({ index: 1 });
    await section.getByRole('button', { name: 'Enregistrer le quotient' }).click();
    await section.getByText('Quotient enregistré.').waitFor();
    await section.getByText('Quotient familial : 655').waitFor();
    await section.getByText(/^Saisi par la mairie sur justificatif le /).waitFor();
    await section.getByText('Justificatif : Attestation de quotient familial').waitFor();
    await section.getByRole('cell', { name: AGENT_EMAIL }).waitFor();
    await expectNoAxeViolations(page, 'fiche famille (quotient saisi)');
    await page.context().close();
  });
});
