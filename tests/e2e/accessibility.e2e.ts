/**
 * « Déclaration d'accessibilité » (issue 15): linked from the footer of every page with its state, public, it
 * declares the state computed from the project's axe runs and known gaps, its test results, the contact and the
 * remedies; it passes axe itself, in French and in English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectNoAxeViolations, launchBrowser, openPage, printAxeSummary, startPortal, type Portal } from './support.js';
import { AXE_SUMMARY, STATEMENT_STATE } from '../../src/shared/accessibility/statement.js';

const STATE_FR = { total: 'totalement conforme', partial: 'partiellement conforme', none: 'non conforme' }[STATEMENT_STATE];

let portal: Portal;
let browser: Browser;

beforeAll(async () => {
  portal = await startPortal();
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await portal?.close();
  printAxeSummary('accessibility.e2e.ts');
});

describe('the accessibility statement', () => {
  it('is linked from the footer with its state, and declares the computed state, the results, the contact and the remedies', async () => {
    const page = await openPage(browser);
    await page.goto(`${portal.baseUrl}/`);
    const link = page.getByRole('contentinfo').getByRole('link', { name: `Accessibilité : ${STATE_FR}` });
    await link.waitFor();
    await link.click();
    await page.getByRole('heading', { name: 'Déclaration d’accessibilité', level: 1 }).waitFor();
    expect(page.url()).toBe(`${portal.baseUrl}/accessibilite`);
    await page.getByText(`Le Portail Familles de ${portal.ctx.config.city.name} est ${STATE_FR}`).waitFor();
    if (AXE_SUMMARY.statesChecked > 0) {
      await page.getByText(new RegExp(`ont vérifié ${AXE_SUMMARY.statesChecked} états? de pages? dans le navigateur, avec axe-core ${AXE_SUMMARY.axeVersion!.replace(/\./g, '\\.')}`)).waitFor();
      await page.getByRole('table', { name: 'États de pages vérifiés par partie du portail' }).waitFor();
    }
    await page.getByText(/ne sont pas des PDF balisés/).waitFor();
    await page.getByRole('heading', { name: 'Voies de recours', level: 2 }).waitFor();
    await page.getByText(/Défenseur des droits, Libre réponse 71120/).waitFor();
    const mail = page.getByRole('link', { name: 'Signaler un problème d’accessibilité' });
    expect(await mail.getAttribute('href')).toMatch(new RegExp(`^mailto:${portal.ctx.config.city.email.replace(/\./g, '\\.')}\\?subject=`));
    expect(await page.title()).toContain('Déclaration d’accessibilité');
    await expectNoAxeViolations(page, 'déclaration d’accessibilité');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Accessibility statement', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Remedies', level: 2 }).waitFor();
    await expectNoAxeViolations(page, 'accessibility statement (English)');
    await page.context().close();
  });
});
