/**
 * FranceConnect in Chromium (issue 11), against the loopback provider of the integration tests (oidc-provider set
 * up like FranceConnect v2): « S'identifier avec FranceConnect » from the home page, « Créer mon compte » with the
 * identity it gives, the family's space, the locked guardian fields, the account page, the sign-out that goes through
 * FranceConnect, a refused return, and an existing account linking and unlinking. Axe runs on every state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectErrorSummary, expectNoAxeViolations, label, launchBrowser, openPage, printAxeSummary, signIn, startPortal, type Portal } from './support.js';
import { ANGELA, startFakeFranceConnect, type FakeFranceConnect } from '../support/fake-franceconnect.js';
import { createFamily } from '../support/factories.js';

let portal: Portal;
let fc: FakeFranceConnect;
let browser: Browser;

beforeAll(async () => {
  portal = await startPortal();
  // another site than the portal (localhost vs 127.0.0.1), as FranceConnect is: its redirects back are cross-site
  fc = await startFakeFranceConnect([portal.baseUrl], 'localhost');
  // the portal's address is known once it listens: FranceConnect's settings follow it
  portal.ctx.config.franceConnect = fc.settings(portal.baseUrl);
  browser = await launchBrowser();
});

afterAll(async () => {
  printAxeSummary('franceconnect');
  await browser?.close();
  await portal?.close();
  await fc?.stop();
});

describe('a family with FranceConnect', () => {
  it('signs up with FranceConnect, is let into its space, finds its identity locked, and signs out of both', async () => {
    fc.user = { ...ANGELA, sub: 'e2e-angela', email: 'angela.dubois@exemple.fr' };
    const page = await openPage(browser);
    await page.goto(`${portal.baseUrl}/`);
    const button = page.getByRole('link', { name: 'S’identifier avec FranceConnect' });
    await button.waitFor();
    await expectNoAxeViolations(page, 'accueil avec FranceConnect');

    // to FranceConnect and back: an identity the portal does not know goes to « Créer mon compte »
    await button.click();
    await page.getByRole('heading', { name: 'Créer mon compte avec FranceConnect', level: 1 }).waitFor();
    await expect.poll(() => page.getByText('Angela Claire Louise').isVisible()).toBe(true);
    expect(await page.getByLabel(label('Adresse e-mail')).inputValue()).toBe('angela.dubois@exemple.fr');
    expect(await page.getByLabel(label('Nom')).count()).toBe(0); // the names are not fields
    await expectNoAxeViolations(page, 'créer mon compte avec FranceConnect');

    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expectErrorSummary(page, 3);
    await expectNoAxeViolations(page, 'créer mon compte avec FranceConnect (erreurs)');

    await page.getByRole('radio', { name: 'Mme' }).check();
    await page.getByLabel(label('Téléphone')).fill('06 12 34 56 78');
    await page.getByLabel(label('Adresse')).fill('12 rue de la Lys');
    await page.getByRole('combobox', { name: 'Code postal' }).pressSequentially('5956');
    await page.getByRole('option', { name: /59560.*Comines/ }).click();
    await page.getByRole('checkbox', { name: /J’accepte les conditions/ }).check();
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.getByRole('heading', { name: 'Demande de compte envoyée' }).waitFor();
    await expectNoAxeViolations(page, 'demande de compte FranceConnect envoyée');
    await portal.waitForMail('angela.dubois@exemple.fr', /demande de compte/i);

    // FranceConnect's session is alive: the button signs in at once, the family (pending) lands in its space
    await page.getByRole('link', { name: 'S’identifier avec FranceConnect' }).click();
    await page.getByRole('heading', { name: 'Mon compte famille', level: 1 }).waitFor();
    await expectNoAxeViolations(page, 'espace famille après FranceConnect');

    await page.getByRole('link', { name: 'Lier mon compte à FranceConnect' }).click();
    await page.getByRole('heading', { name: 'Votre compte est lié à FranceConnect' }).waitFor();
    await page.getByText('Vous n’avez pas encore de mot de passe').waitFor();
    await expectNoAxeViolations(page, 'FranceConnect : compte lié, sans mot de passe');

    await page.goto(`${portal.baseUrl}/famille/informations/modifier`);
    const lastName = page.getByLabel(label('Nom')).first();
    await lastName.waitFor();
    await expect.poll(() => lastName.getAttribute('readonly')).not.toBeNull();
    expect(await lastName.inputValue()).toBe('Dubois');
    await page.getByText('Vient de FranceConnect').first().waitFor();
    await expectNoAxeViolations(page, 'mes informations, identité FranceConnect verrouillée');

    // « Se déconnecter »: FranceConnect's sign-out, then back to the portal's home page
    const logoutsBefore = fc.logouts;
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByText('Vous êtes déconnecté(e) du portail et de FranceConnect.').waitFor();
    expect(fc.logouts).toBe(logoutsBefore + 1);
    expect(new URL(page.url()).search).toBe('');
    await expectNoAxeViolations(page, 'accueil après déconnexion FranceConnect');

    // FranceConnect asks again (its session ended)
    const loginsBefore = fc.logins;
    await page.getByRole('link', { name: 'S’identifier avec FranceConnect' }).click();
    await page.getByRole('heading', { name: 'Mon compte famille', level: 1 }).waitFor();
    expect(fc.logins).toBe(loginsBefore + 1);
    await page.context().close();
  });

  it('a forged return is refused with a message on the home page', async () => {
    const page = await openPage(browser);
    await page.goto(`${portal.baseUrl}/`);
    await page.getByRole('link', { name: 'S’identifier avec FranceConnect' }).waitFor();
    await page.goto(`${portal.baseUrl}${'/api/franceconnect/callback'}?code=forged&state=${'0'.repeat(64)}`);
    await page.getByText('La connexion avec FranceConnect n’a pas abouti').waitFor();
    await page.getByText(/n’a pas été commencée dans ce navigateur/).waitFor();
    await expectNoAxeViolations(page, 'accueil, retour FranceConnect refusé');

    // the registration form without an identity waiting (expired, used, or opened by hand)
    await page.goto(`${portal.baseUrl}/creer-mon-compte?franceconnect=1`);
    await page.getByRole('heading', { name: 'Identification FranceConnect expirée', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'S’identifier avec FranceConnect' }).waitFor();
    await expectNoAxeViolations(page, 'créer mon compte avec FranceConnect, identification expirée');
    await page.context().close();
  });

  it('the button fits a 320 px phone screen without horizontal scrolling', async () => {
    const page = await openPage(browser, 320, 640);
    for (const path of ['/', '/creer-mon-compte']) {
      await page.goto(`${portal.baseUrl}${path}`);
      await page.getByRole('link', { name: 'S’identifier avec FranceConnect' }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `horizontal overflow on ${path}`).toBeLessThanOrEqual(0);
      await expectNoAxeViolations(page, `${path} avec FranceConnect à 320 px`);
    }
    await page.context().close();
  });

  it('an existing account links FranceConnect from its account page, then unlinks it', async () => {
    fc.user = { ...ANGELA, sub: 'e2e-marc', given_name: 'Marc', family_name: 'Lefebvre', birthdate: '1980-02-14', email: 'marc@exemple.fr' };
    const f = await createFamily(portal.ctx, { status: 'active' });
    const page = await openPage(browser);
    await signIn(page, portal.baseUrl, f.email, f.password);
    await page.getByRole('heading', { name: 'Mon compte famille', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Lier mon compte à FranceConnect' }).click();
    await page.getByRole('heading', { name: 'Votre compte n’est pas lié à FranceConnect' }).waitFor();
    await expectNoAxeViolations(page, 'FranceConnect : compte non lié');

    await page.getByRole('button', { name: 'Lier mon compte à FranceConnect' }).click();
    await page.getByText('Votre compte est maintenant lié à FranceConnect.').waitFor();
    await page.getByText(/Marc Lefebvre, né\(e\) le 14\/02\/1980/).waitFor();
    await expectNoAxeViolations(page, 'FranceConnect : compte lié');

    await page.getByRole('button', { name: 'Délier FranceConnect' }).click();
    await page.getByText('Votre compte n’est plus lié à FranceConnect.').waitFor();
    await page.getByRole('heading', { name: 'Votre compte n’est pas lié à FranceConnect' }).waitFor();
    await expectNoAxeViolations(page, 'FranceConnect : compte délié');
    await page.context().close();
  });
});
