/**
 * Staff two-factor login and the session list (issue 11), walked in Chromium with a virtual WebAuthn authenticator
 * (CDP `WebAuthn.addVirtualAuthenticator`: ctap2, internal transport, resident keys, user verification). An
 * administrator without a factor signs in with the password and may only enrol one: they enrol a passkey, sign out and
 * sign in with it alone; then they enrol an authenticator app (QR code and key, the code computed in the test),
 * sign in with the password and a code, see their sessions and end the others. A family sees its sessions too. Axe
 * runs on every state, normal and error.
 *
 * WebAuthn refuses an IP address as relying party: the journey uses http://localhost:<port>, which is also PUBLIC_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import * as OTPAuth from 'otpauth';
import { expectErrorSummary, expectNoAxeViolations, label, launchBrowser, openPage, printAxeSummary, startPortal, type Portal } from './support.js';
import { createFamily, createStaff } from '../support/factories.js';
import { enrolTotp } from '../support/mfa.js';

const ADMIN_EMAIL = 'admin.securite@example.org';
const ADMIN_PASSWORD = 'Beffroi-Carillon-2026!';

let portal: Portal;
let browser: Browser;
let base: string;

beforeAll(async () => {
  // the production rule: a second factor is required of administrators
  portal = await startPortal({ config: { staffMfa: { admins: 'required', agents: 'optional' } } });
  base = portal.baseUrl.replace('127.0.0.1', 'localhost');
  portal.ctx.config.publicUrl = base;
  await createStaff(portal.ctx, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, role: 'admin' });
  browser = await launchBrowser();
});

afterAll(async () => {
  printAxeSummary('security');
  await browser?.close();
  await portal?.close();
});

async function virtualAuthenticator(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
}

async function passwordStep(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${base}/`);
  await page.getByLabel(label('Identifiant (adresse e-mail)')).fill(email);
  await page.getByLabel(label('Mot de passe')).fill(password);
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Se déconnecter', exact: true }).click();
  await page.getByRole('heading', { name: 'Connexion à votre espace' }).waitFor();
}

function codeAt(secret: string, offsetSteps = 0): string {
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
  return totp.generate({ timestamp: Date.now() + offsetSteps * 30_000 });
}

describe('an administrator enrols a passkey and signs in with it', () => {
  let page: Page;
  let secret = '';

  it('after the password alone, only the security page: enrols a passkey, gets recovery codes', async () => {
    page = await openPage(browser);
    await virtualAuthenticator(page);
    await passwordStep(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('heading', { name: 'Sécurité du compte', level: 1 }).waitFor();
    await page.getByText('Enregistrez une seconde méthode de connexion').waitFor();
    expect(new URL(page.url()).pathname).toBe('/agent/securite');
    await expectNoAxeViolations(page, 'sécurité (enrôlement obligatoire)');

    // another back-office page is not reachable yet: back to the security page
    await page.goto(`${base}/agent/familles`);
    await page.getByRole('heading', { name: 'Sécurité du compte', level: 1 }).waitFor();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/agent/securite');

    // no name: the error summary
    await page.getByRole('button', { name: 'Ajouter une clé d’accès' }).click();
    await expectErrorSummary(page, 1);
    await expectNoAxeViolations(page, 'sécurité (clé sans nom)');

    await page.getByLabel(label('Nom de la clé d’accès')).fill('Ordinateur du bureau');
    await page.getByRole('button', { name: 'Ajouter une clé d’accès' }).click();
    await page.getByText('La clé d’accès « Ordinateur du bureau » est enregistrée.').waitFor();
    const codes = page.getByRole('list', { name: 'Vos 10 codes de secours' }).getByRole('listitem');
    expect(await codes.count()).toBe(10);
    await page.getByRole('cell', { name: 'Ordinateur du bureau', exact: true }).waitFor();
    await expectNoAxeViolations(page, 'sécurité (clé enregistrée, codes de secours)');

    // the session is a full one now
    await page.getByRole('link', { name: 'Tableau de bord' }).first().click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/agent');
  });

  it('signs out, then signs in with the passkey alone', async () => {
    await signOut(page);
    await expectNoAxeViolations(page, 'accueil (connexion par clé d’accès proposée)');
    await page.getByRole('button', { name: 'Utiliser une clé d’accès' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/agent');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectNoAxeViolations(page, 'tableau de bord (après la clé d’accès)');
    const row = await portal.ctx.db.selectFrom('mfa_passkey').select(['last_used_at', 'counter']).executeTakeFirstOrThrow();
    expect(row.last_used_at).not.toBeNull();
  });

  it('enrols an authenticator app: QR code with a text alternative and the key, a wrong code, then the right one', async () => {
    await page.goto(`${base}/agent/securite`);
    await page.getByRole('button', { name: 'Enregistrer une application d’authentification' }).click();
    await page.getByRole('img', { name: /QR code à scanner/ }).waitFor();
    secret = (await page.locator('code.totp-key').innerText()).replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const field = page.getByLabel(label('Code affiché par l’application'));
    expect(await field.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await field.getAttribute('inputmode')).toBe('numeric');
    await expectNoAxeViolations(page, 'sécurité (QR code)');

    await field.fill(codeAt(secret) === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Confirmer l’enregistrement' }).click();
    await expectErrorSummary(page, 1);
    await expectNoAxeViolations(page, 'sécurité (code faux)');

    await field.fill(codeAt(secret));
    await page.getByRole('button', { name: 'Confirmer l’enregistrement' }).click();
    await page.getByText('L’application d’authentification est enregistrée.').waitFor();
    await expectNoAxeViolations(page, 'sécurité (application enregistrée)');
  });

  it('signs in with the password and a code on another device, sees both sessions and ends the other', async () => {
    const laptop = await openPage(browser);
    await passwordStep(laptop, ADMIN_EMAIL, ADMIN_PASSWORD);
    await laptop.getByRole('heading', { name: 'Vérification en deux étapes' }).waitFor();
    await expectNoAxeViolations(laptop, 'connexion (seconde étape)');
    const code = laptop.getByLabel(label('Code de vérification'));
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    await code.fill('12');
    await laptop.getByRole('button', { name: 'Valider' }).click();
    await expectErrorSummary(laptop, 1);
    await expectNoAxeViolations(laptop, 'connexion (seconde étape, code faux)');
    await code.fill(codeAt(secret, 1)); // the next step: the enrolment spent this one
    await code.press('Enter'); // the keyboard alone submits the second step
    await expect.poll(() => new URL(laptop.url()).pathname).toBe('/agent');

    await page.goto(`${base}/agent/securite`);
    const sessions = page.getByRole('region', { name: 'Vos sessions ouvertes' }).getByRole('row');
    await expect.poll(() => sessions.count()).toBe(3); // header + 2
    await page.getByText('cette session').waitFor();
    await expectNoAxeViolations(page, 'sécurité (sessions)');
    await page.getByRole('button', { name: 'Se déconnecter partout ailleurs' }).click();
    await page.getByText('1 autre session a été terminée.').waitFor();
    await expect.poll(() => sessions.count()).toBe(2);
    await laptop.goto(`${base}/agent/familles`);
    await laptop.getByRole('heading', { name: 'Connexion à votre espace' }).waitFor();
    await laptop.context().close();
  });

  it('on « Agents », sees who has which method, requires it of an agent and resets a colleague', async () => {
    const agent = await createStaff(portal.ctx, { role: 'agent' });
    await enrolTotp(portal, agent.accountId);
    const name = (await portal.ctx.db.selectFrom('account').select('display_name').where('id', '=', agent.accountId).executeTakeFirstOrThrow()).display_name!;
    await page.goto(`${base}/agent/agents`);
    const table = page.getByRole('region', { name: 'Méthodes de connexion des agents' });
    const row = table.getByRole('row').filter({ hasText: name });
    await row.getByText('application').waitFor();
    await expectNoAxeViolations(page, 'agents (méthodes de connexion)');
    await row.getByLabel(`Règle pour ${name}`).selectOption('required');
    await page.getByText(`La règle de ${name} est enregistrée.`).waitFor();
    await row.getByText('obligatoire', { exact: true }).waitFor();
    await row.getByRole('button', { name: `Réinitialiser les méthodes de ${name}` }).click();
    await page.getByRole('dialog').waitFor();
    await expectNoAxeViolations(page, 'agents (réinitialisation, confirmation)');
    await page.getByRole('dialog').getByRole('button', { name: 'Réinitialiser les méthodes' }).click();
    await page.getByText(`Les méthodes de connexion de ${name} ont été réinitialisées.`).waitFor();
    await row.getByText('aucune').waitFor();
    await expectNoAxeViolations(page, 'agents (méthodes réinitialisées)');
    const audit = await portal.ctx.db.selectFrom('audit_log').select('action').where('target_id', '=', agent.accountId).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['mfa.requirement_set', 'mfa.reset']));
  });
});

describe('a family sees its sessions', () => {
  it('lists this device and signs out everywhere', async () => {
    const f = await createFamily(portal.ctx, { password: 'Jardin-Potager-2026!' });
    const page = await openPage(browser);
    await passwordStep(page, f.email, f.password);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/famille');
    await page.getByRole('link', { name: 'Mes sessions ouvertes' }).click();
    await page.getByRole('heading', { name: 'Mes sessions ouvertes', level: 1 }).waitFor();
    await page.getByText('cette session').waitFor();
    await expectNoAxeViolations(page, 'famille (sessions)');
    await page.getByRole('button', { name: 'Se déconnecter partout, ici compris' }).click();
    await page.getByRole('dialog').waitFor();
    await expectNoAxeViolations(page, 'famille (sessions, confirmation)');
    await page.getByRole('dialog').getByRole('button', { name: 'Se déconnecter partout, ici compris' }).click();
    await page.getByRole('heading', { name: 'Connexion à votre espace' }).waitFor();
    await page.context().close();
  });
});
