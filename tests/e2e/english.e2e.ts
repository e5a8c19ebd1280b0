/**
 * The portal in English (issue 10), walked in Chromium on the demo data. A visitor switches to English on the login
 * page (« English », then « Français » to come back), signs in as the demo family and as the demo administrator,
 * and opens every page of both areas (the navigation, and every link of the portal found on the way). On each page
 * in English: `<html lang="en">`, no French sentence of the catalogues visible, axe with zero violations. The choice
 * survives a reload and a new sign-in (cookie, then the account), and the family's account stores it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectNoAxeViolations, launchBrowser, openPage, printAxeSummary, startPortal, type Portal } from './support.js';
import { DEMO_LOGINS, seedDemo } from '../../src/server/demo/seed.js';
import { fr } from '../../src/shared/i18n/fr/index.js';
import { en } from '../../src/shared/i18n/en/index.js';
import { flatten, type MessageTree } from '../../src/shared/i18n/catalogue.js';

const PASSWORD = 'Demo-Portail-Anglais-2026';

let portal: Portal;
let browser: Browser;

/**
 * The French sentences a page in English must not show: every piece of four words or more of the French catalogues
 * (cut at placeholders and markup), unless English says the same (a name) or the demo data itself writes it (an
 * activity the city named « Accueil de loisirs du mercredi » stays so named in English).
 */
function frenchSentences(cityWords: string[]): string[] {
  const english = new Set<string>();
  for (const tree of Object.values(en)) for (const v of flatten(tree as MessageTree).values()) english.add(v);
  const out = new Set<string>();
  for (const [ns, tree] of Object.entries(fr)) {
    if (ns === 'mail' || ns === 'pdf' || ns === 'server') continue;
    for (const value of flatten(tree as MessageTree).values()) {
      if (english.has(value)) continue;
      for (const piece of value.split(/\{\{[^}]*\}\}|<[^>]*>/)) {
        const p = piece.trim().replace(/[\s:,.;!?…]+$/, '');
        if (p.split(/\s+/).length >= 4 && !cityWords.some((w) => w.includes(p))) out.add(p);
      }
    }
  }
  return [...out];
}

let FRENCH: string[] = [];

beforeAll(async () => {
  portal = await startPortal();
  expect(await seedDemo(portal.ctx, PASSWORD)).toBe(true);
  browser = await launchBrowser();
  // What the city wrote itself stays in its words: the names of its establishments, activities, units, periods and
  // document types, a billing office's payment instructions (the demo's « Accueil de loisirs du mercredi » is also a kind's label in the catalogue).
  const db = portal.ctx.db;
  const cityWords = [
    ...(await db.selectFrom('establishment').select('name as w').execute()),
    ...(await db.selectFrom('activity').select('name as w').execute()),
    ...(await db.selectFrom('unit').select('label as w').execute()),
    ...(await db.selectFrom('period').select('label as w').execute()),
    ...(await db.selectFrom('document_type').select('name as w').execute()),
    ...(await db.selectFrom('collection_office').select('payment_instructions as w').execute()),
  ].flatMap((r) => (r.w ? [r.w] : []));
  FRENCH = frenchSentences(cityWords);
});

afterAll(async () => {
  printAxeSummary('english');
  await browser?.close();
  await portal?.close();
});

async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.loading').count()).toBe(0);
}

/** On the page as it is: English, no French sentence, no axe violation. */
async function expectEnglish(page: Page, label: string): Promise<void> {
  await settled(page);
  expect(await page.evaluate(() => document.documentElement.lang), `${label}: <html lang>`).toBe('en');
  const text = await page.evaluate(() => document.body.innerText.replace(/\s+/g, ' '));
  const found = FRENCH.filter((s) => text.includes(s));
  expect(found, `French left on « ${label} »`).toEqual([]);
  await expectNoAxeViolations(page, `${label} (en)`);
}

/** Every link of the portal's own area on the page (not downloads, not the API). */
async function areaLinks(page: Page, prefix: string): Promise<string[]> {
  const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''));
  return hrefs.filter((h) => h.startsWith(prefix) && !h.includes('/api/'));
}

async function signInEnglish(page: Page, email: string): Promise<void> {
  await page.goto(`${portal.baseUrl}/`);
  await settled(page);
  await page.locator('input[type="email"]').fill(email);
  await page.locator('input[type="password"]').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => u.pathname !== '/');
}

/** Opens the start pages, then every link of the area they lead to (breadth first, at most `limit` pages). */
async function walk(page: Page, start: string[], prefix: string, limit: number): Promise<string[]> {
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length > 0 && seen.size < limit) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    await page.goto(`${portal.baseUrl}${path}`);
    await expectEnglish(page, path);
    for (const link of await areaLinks(page, prefix)) if (!seen.has(link)) queue.push(link);
  }
  return [...seen];
}

describe('the portal in English', () => {
  it('switches on the login page, keeps the choice, and comes back to French', async () => {
    const page = await openPage(browser);
    await page.goto(`${portal.baseUrl}/`);
    await settled(page);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    const toEnglish = page.getByRole('button', { name: 'English' });
    expect(await toEnglish.getAttribute('lang')).toBe('en');
    await toEnglish.click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await expectEnglish(page, 'login page');
    await page.reload();
    await expectEnglish(page, 'login page, reloaded');

    for (const path of ['/creer-mon-compte', '/identifiant-oublie', '/conditions-utilisation', '/page-inconnue']) {
      await page.goto(`${portal.baseUrl}${path}`);
      await expectEnglish(page, path);
    }

    await page.goto(`${portal.baseUrl}/`);
    await settled(page);
    const toFrench = page.getByRole('button', { name: 'Français' });
    expect(await toFrench.getAttribute('lang')).toBe('fr');
    await toFrench.click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await page.getByRole('heading', { name: 'Connexion à votre espace' }).waitFor();
    await page.context().close();
  });

  it('shows every page of the family area in English and stores the choice on the account', async () => {
    const page = await openPage(browser);
    await page.goto(`${portal.baseUrl}/`);
    await settled(page);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await signInEnglish(page, DEMO_LOGINS.family);
    const session = await page.evaluate(() => fetch('/api/session').then((r) => r.json()));
    expect(session.account.language).toBe('en');

    const visited = await walk(
      page,
      ['/famille', '/famille/informations', '/famille/informations/modifier', '/famille/identifiant', '/famille/mot-de-passe', '/famille/enfants', '/famille/enfants/ajouter', '/famille/enfants/acces', '/famille/documents', '/famille/documents/ajouter', '/famille/mes-donnees', '/famille/factures'],
      '/famille',
      40,
    );
    expect(visited.length).toBeGreaterThanOrEqual(15);

    // A new device without the cookie: the account's language is applied at sign-in.
    const other = await openPage(browser);
    await other.goto(`${portal.baseUrl}/`);
    await settled(other);
    expect(await other.evaluate(() => document.documentElement.lang)).toBe('fr');
    await other.locator('input[type="email"]').fill(DEMO_LOGINS.family);
    await other.locator('input[type="password"]').fill(PASSWORD);
    await other.getByRole('button', { name: 'Se connecter' }).click();
    await expect.poll(() => other.evaluate(() => document.documentElement.lang)).toBe('en');
    await expectEnglish(other, '/famille on a second device');
    await other.context().close();
    await page.context().close();
  });

  it('shows every page of the staff area in English', async () => {
    const page = await openPage(browser);
    await page.goto(`${portal.baseUrl}/`);
    await settled(page);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await signInEnglish(page, DEMO_LOGINS.admin);
    const nav = await areaLinks(page, '/agent');
    const visited = await walk(page, ['/agent', ...nav, '/agent/calendrier', '/agent/documents-demandes', '/agent/fermetures', '/agent/facturation/reglements/nouveau'], '/agent', 60);
    expect(visited.length).toBeGreaterThanOrEqual(25);
    await page.context().close();
  });
});
