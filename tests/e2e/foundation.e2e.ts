/**
 * Guide §1 to §4.3 walked in Chromium, as a family and as a city agent would: create an account, be validated,
 * log in, update the family record, change the login e-mail and the password, forget it and reset it; and on the
 * staff side refuse an account with a reason. Axe runs on every page, in its normal and error states.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  expectErrorSummary,
  expectNoAxeViolations,
  label,
  launchBrowser,
  linkIn,
  openPage,
  printAxeSummary,
  signIn as signInAt,
  startPortal,
  type Portal,
} from './support.js';
import { createStaff } from '../support/factories.js';

const PASSWORD = 'Jardin-Potager-2026!';
const NEW_PASSWORD = 'Velo-Rouge-Sur-La-Digue-7';
const RESET_PASSWORD = 'Marelle-Cour-Ecole-2026';
const ADMIN_PASSWORD = 'Mairie-Guichet-Unique-59';

let portal: Portal;
let browser: Browser;

beforeAll(async () => {
  portal = await startPortal();
  await createStaff(portal.ctx, { email: 'agent.accueil@example.org', password: ADMIN_PASSWORD, role: 'admin' });
  browser = await launchBrowser();
});

afterAll(async () => {
  printAxeSummary('foundation');
  await browser?.close();
  await portal?.close();
});

const newPage = () => openPage(browser);
const signIn = (page: Page, email: string, password: string) => signInAt(page, portal.baseUrl, email, password);

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'Connexion à votre espace' }).isVisible()).toBe(true);
}

async function registerFamily(page: Page, who: { first: string; last: string; email: string }): Promise<void> {
  await page.goto(`${portal.baseUrl}/`);
  await page.getByRole('link', { name: 'Créer mon compte' }).click();
  await page.getByRole('heading', { name: 'Créer mon compte', level: 1 }).waitFor();
  await page.getByRole('radio', { name: 'Mme' }).check();
  await page.getByLabel(label('Nom')).fill(who.last);
  await page.getByLabel(label('Prénom')).fill(who.first);
  await page.getByLabel(label('Adresse e-mail')).fill(who.email);
  await page.getByLabel(label('Téléphone')).fill('06 12 34 56 78');
  await page.getByLabel(label('Adresse')).fill('12 rue de la Lys');
  await page.getByRole('combobox', { name: 'Code postal' }).pressSequentially('5956');
  await page.getByRole('option', { name: /59560.*Comines/ }).click();
  expect(await page.getByRole('combobox', { name: 'Commune' }).inputValue()).toMatch(/Comines/i);
  await page.getByLabel(label('Mot de passe')).fill(PASSWORD);
  await page.getByLabel(label('Confirmation du mot de passe')).fill(PASSWORD);
  await page.getByRole('checkbox', { name: /J’accepte les conditions/ }).check();
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await page.getByRole('heading', { name: 'Votre demande de compte est enregistrée' }).waitFor();
}

describe('a family, from « Créer mon compte » to a new password (guide §1 to §4.3)', () => {
  it('walks the whole journey with a city agent validating the account', async () => {
    const family = await newPage();
    const email = 'claire.vandamme@example.org';

    // §1 home page: the login block and « Créer mon compte »
    await family.goto(`${portal.baseUrl}/`);
    await family.getByRole('heading', { name: 'Connexion à votre espace' }).waitFor();
    await expectNoAxeViolations(family, 'accueil (connexion)');
    await family.getByRole('button', { name: 'Se connecter' }).click();
    await expectErrorSummary(family, 1);
    await expectNoAxeViolations(family, 'accueil (connexion, erreurs)');

    // §2 « Créer mon compte »: an empty submission lists every problem
    await family.getByRole('link', { name: 'Créer mon compte' }).click();
    await family.getByRole('heading', { name: 'Créer mon compte', level: 1 }).waitFor();
    await expectNoAxeViolations(family, 'créer mon compte');
    await family.getByRole('button', { name: 'Créer mon compte' }).click();
    await expectErrorSummary(family, 5);
    expect(await family.title()).toMatch(/^Erreur/);
    await expectNoAxeViolations(family, 'créer mon compte (erreurs)');
    // a link in the summary moves focus to its field
    await family.getByRole('alert').getByRole('link').first().click();
    await expect.poll(() => family.evaluate(() => document.activeElement?.tagName)).toMatch(/INPUT/);

    await registerFamily(family, { first: 'Claire', last: 'Vandamme', email });
    await expect.poll(() => family.getByText('sous 3 jours ouvrés').isVisible()).toBe(true);
    await expectNoAxeViolations(family, 'compte créé');
    await portal.waitForMail(email, /demande de compte famille a bien été reçue/);

    // awaiting validation: the family can log in and sees it cannot book yet
    await signIn(family, email, PASSWORD);
    await family.getByRole('heading', { name: 'Mon compte famille' }).waitFor();
    await expect.poll(() => family.getByText(/en attente de validation/i).first().isVisible()).toBe(true);
    await expectNoAxeViolations(family, 'mon compte famille (en attente)');
    await signOut(family);

    // §3 a city agent validates the account from the back-office
    const agent = await newPage();
    await signIn(agent, 'agent.accueil@example.org', ADMIN_PASSWORD);
    await agent.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    await expectNoAxeViolations(agent, 'tableau de bord agent');
    await agent.getByRole('link', { name: 'Valider ou refuser les nouveaux comptes' }).click();
    await agent.getByRole('heading', { name: 'Comptes à valider' }).waitFor();
    await expectNoAxeViolations(agent, 'comptes à valider');
    await agent.getByRole('button', { name: 'Valider le compte de Claire VANDAMME' }).or(agent.getByRole('button', { name: /Valider le compte de .*Vandamme/i })).first().click();
    // issue 17: one click no longer validates — the agent confirms in a window (and could cancel)
    const confirmWindow = agent.getByRole('dialog', { name: 'Valider ce compte ?' });
    await confirmWindow.getByText(/la famille pourra réserver/).waitFor();
    await expectNoAxeViolations(agent, 'comptes à valider (confirmation)');
    await confirmWindow.getByRole('button', { name: 'Valider le compte' }).click();
    await agent.getByRole('status').filter({ hasText: /validé/ }).waitFor();
    await expectNoAxeViolations(agent, 'comptes à valider (après validation)');
    const validated = await portal.waitForMail(email, /compte famille est validé/);

    // the family follows the link in the mail and logs in
    await family.goto(linkIn(validated, '/'));
    await signIn(family, email, PASSWORD);
    await family.getByRole('heading', { name: 'Mon compte famille' }).waitFor();
    expect(await family.getByText(/en attente de validation/i).count()).toBe(0);
    await expectNoAxeViolations(family, 'mon compte famille (validé)');

    // §4.3 « Mes Informations »: see, then edit the family record
    await family.getByRole('link', { name: 'Voir les informations de la famille' }).click();
    await family.getByRole('heading', { name: 'Informations de la famille' }).waitFor();
    await expectNoAxeViolations(family, 'informations de la famille');
    await family.getByRole('link', { name: 'Modifier' }).first().click();
    await family.getByRole('heading', { name: 'Modifier les informations de la famille' }).waitFor();
    await expectNoAxeViolations(family, 'modifier les informations');
    // an invalid value is refused with a clear message and nothing is saved
    await family.getByLabel(label('Quotient familial')).fill('beaucoup');
    await family.getByLabel(label('Situation familiale')).selectOption({ index: 1 });
    await family.getByRole('group', { name: /Payeur des factures/ }).getByRole('radio').first().check();
    await family.getByRole('button', { name: 'Enregistrer' }).click();
    await expectErrorSummary(family, 1);
    await expectNoAxeViolations(family, 'modifier les informations (erreurs)');
    // a new address, its commune found from the postal code
    await family.getByLabel(label('Quotient familial')).fill('640');
    await family.getByLabel(label('Adresse')).fill('3 place de la Mairie');
    const postal = family.getByRole('combobox', { name: 'Code postal' });
    await postal.fill('');
    await postal.pressSequentially('5923');
    await family.getByRole('option', { name: /59237.*Verlinghem/i }).click();
    await family.getByRole('button', { name: 'Enregistrer' }).click();
    await family.getByRole('heading', { name: 'Informations de la famille' }).waitFor();
    await expect.poll(() => family.getByText('3 place de la Mairie').isVisible()).toBe(true);
    await expect.poll(() => family.getByText(/Verlinghem/i).first().isVisible()).toBe(true);
    await expectNoAxeViolations(family, 'informations de la famille (enregistrées)');

    // §4.1 change of login e-mail: confirmed by a link sent to the new address
    const newEmail = 'claire.vandamme@exemple.fr';
    await family.goto(`${portal.baseUrl}/famille`);
    await family.getByRole('link', { name: 'Modifier mon identifiant (adresse e-mail)' }).click();
    await family.getByRole('heading', { name: 'Modifier mon identifiant' }).waitFor();
    await expectNoAxeViolations(family, 'modifier mon identifiant');
    await family.getByRole('button', { name: 'Valider' }).click();
    await expectErrorSummary(family, 1);
    await expectNoAxeViolations(family, 'modifier mon identifiant (erreurs)');
    await family.getByLabel(label('Nouvelle adresse e-mail')).fill(newEmail);
    await family.getByLabel(label('Mot de passe actuel')).fill(PASSWORD);
    await family.getByRole('button', { name: 'Valider' }).click();
    await expect.poll(() => family.getByText(newEmail).first().isVisible()).toBe(true);
    const confirm = await portal.waitForMail(newEmail, /Confirmez votre nouvelle adresse/);
    await portal.waitForMail(email, /Demande de changement de votre identifiant/);
    await family.goto(linkIn(confirm, '/confirmer-adresse'));
    await expect.poll(() => family.getByText(newEmail).first().isVisible()).toBe(true);
    await expectNoAxeViolations(family, 'identifiant confirmé');
    await portal.waitForMail(email, /Votre identifiant a été modifié/);

    // §4.2 change of password
    await family.goto(`${portal.baseUrl}/famille`);
    await family.getByRole('link', { name: 'Modifier mon mot de passe' }).click();
    await family.getByRole('heading', { name: 'Modifier mon mot de passe' }).waitFor();
    await expectNoAxeViolations(family, 'modifier mon mot de passe');
    await family.getByLabel(label('Mot de passe actuel')).fill(PASSWORD);
    await family.getByLabel(label('Nouveau mot de passe')).fill('motdepasse');
    await family.getByLabel(label('Confirmation du nouveau mot de passe')).fill('motdepasse');
    await family.getByRole('button', { name: 'Valider' }).click();
    await expectErrorSummary(family, 1);
    await expectNoAxeViolations(family, 'modifier mon mot de passe (erreurs)');
    await family.getByLabel(label('Nouveau mot de passe')).fill(NEW_PASSWORD);
    await family.getByLabel(label('Confirmation du nouveau mot de passe')).fill(NEW_PASSWORD);
    await family.getByRole('button', { name: 'Valider' }).click();
    await family.getByRole('status').filter({ hasText: /mot de passe/i }).first().waitFor();
    await portal.waitForMail(newEmail, /Votre mot de passe a été modifié/);
    await signOut(family);

    // the old password no longer works; the new one does
    await signIn(family, newEmail, PASSWORD);
    await expectErrorSummary(family, 1);
    await signIn(family, newEmail, NEW_PASSWORD);
    await family.getByRole('heading', { name: 'Mon compte famille' }).waitFor();
    await signOut(family);

    // §1 « Identifiant ou mot de passe oublié ? », then a new password through the mailed link
    await family.getByRole('link', { name: 'Identifiant ou mot de passe oublié ?' }).click();
    await family.getByRole('heading', { name: 'Identifiant ou mot de passe oublié' }).waitFor();
    await expectNoAxeViolations(family, 'identifiant oublié');
    await family.getByRole('button', { name: 'Envoyer' }).click();
    await expectErrorSummary(family, 1);
    await expectNoAxeViolations(family, 'identifiant oublié (erreurs)');
    await family.getByLabel(label('Adresse e-mail')).fill(newEmail);
    await family.getByRole('button', { name: 'Envoyer' }).click();
    await expect.poll(() => family.getByText('Pensez à regarder dans vos courriers indésirables.').isVisible()).toBe(true);
    await expectNoAxeViolations(family, 'identifiant oublié (envoyé)');
    const reset = await portal.waitForMail(newEmail, /réinitialisation de votre mot de passe/);
    await family.goto(linkIn(reset, '/nouveau-mot-de-passe'));
    await family.getByRole('heading', { name: 'Choisir un nouveau mot de passe' }).waitFor();
    await expectNoAxeViolations(family, 'nouveau mot de passe');
    await family.getByLabel(label('Nouveau mot de passe')).fill(RESET_PASSWORD);
    await family.getByLabel(label('Confirmation du nouveau mot de passe')).fill('Autre-Chose-Encore-2026');
    await family.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await expectErrorSummary(family, 1);
    await expectNoAxeViolations(family, 'nouveau mot de passe (erreurs)');
    await family.getByLabel(label('Confirmation du nouveau mot de passe')).fill(RESET_PASSWORD);
    await family.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await family.getByRole('heading', { name: 'Mot de passe enregistré' }).waitFor();
    await expectNoAxeViolations(family, 'mot de passe enregistré');
    await family.getByRole('link', { name: 'Se connecter' }).click();
    await signIn(family, newEmail, RESET_PASSWORD);
    await family.getByRole('heading', { name: 'Mon compte famille' }).waitFor();

    // keyboard: the skip link is the first stop and takes focus to the content
    await family.goto(`${portal.baseUrl}/famille`);
    await family.getByRole('heading', { name: 'Mon compte famille' }).waitFor();
    await family.keyboard.press('Tab');
    expect(await family.evaluate(() => document.activeElement?.textContent)).toBe('Aller au contenu');
    const outline = await family.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
  });

  it('lets an agent refuse an account with a reason that the family receives', async () => {
    const family = await newPage();
    const email = 'jules.martin@example.org';
    await registerFamily(family, { first: 'Jules', last: 'Martin', email });

    const agent = await newPage();
    await signIn(agent, 'agent.accueil@example.org', ADMIN_PASSWORD);
    await agent.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    await agent.goto(`${portal.baseUrl}/agent/comptes-a-valider`);
    await agent.getByRole('heading', { name: 'Comptes à valider' }).waitFor();
    await agent.getByRole('button', { name: /Refuser le compte de .*Martin/i }).click();
    const dialog = agent.getByRole('dialog', { name: 'Refuser le compte' });
    await dialog.waitFor();
    await expectNoAxeViolations(agent, 'refuser un compte (fenêtre)');
    await dialog.getByRole('button', { name: 'Refuser le compte' }).click();
    await expectErrorSummary(agent, 1);
    await expectNoAxeViolations(agent, 'refuser un compte (fenêtre, erreurs)');
    await dialog.getByLabel(label('Motif du refus')).fill('Adresse hors de la commune : merci de vous adresser à votre mairie.');
    await dialog.getByRole('button', { name: 'Refuser le compte' }).click();
    await agent.getByRole('status').filter({ hasText: /est refusé/ }).waitFor();
    await expectNoAxeViolations(agent, 'comptes à valider (après refus)');

    const mail = await portal.waitForMail(email, /n’a pas été acceptée/);
    expect(mail.text).toContain('Adresse hors de la commune');

    // the refused family cannot sign in any more, and is told so
    await signIn(family, email, PASSWORD);
    await expectErrorSummary(family, 1);
    await expectNoAxeViolations(family, 'connexion (compte refusé)');
  });

  it('fits a 320 px phone screen without horizontal scrolling', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    for (const path of ['/', '/creer-mon-compte', '/identifiant-oublie']) {
      await page.goto(`${portal.baseUrl}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `horizontal overflow on ${path}`).toBeLessThanOrEqual(0);
      await expectNoAxeViolations(page, `${path} à 320 px`);
    }
    await context.close();
  });
});
