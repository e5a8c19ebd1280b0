/**
 * Issue 13 and the payment items of issue 17 walked in Chromium, with axe on every page state:
 *   - the portal started without PUBLIC_URL (its default `http://localhost:PORT`) and opened as 127.0.0.1: the
 *     simulated bank (styled) and its return stay on the address the family used, which stays signed in;
 *   - leaving the bank without paying: the invoices page shows the payment in progress, the family abandons it and
 *     can pay again at once;
 *   - a family signs a direct-debit mandate, staff activate it and build the month's debit batch (pain.008);
 *   - a family in debt sees its bookings suspended, why and how to settle;
 *   - staff bill a one-off charge, which the family finds among its invoices;
 *   - a family downloads its tax certificate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectErrorSummary, expectNoAxeViolations, label, launchBrowser, openPage, printAxeSummary, signIn, startPortal, type Portal } from './support.js';
import { createFamily, createStaff, type FamilyFixture } from '../support/factories.js';
import { publishedInvoices } from '../integration/payment-support.js';
import { DEFAULT_REMINDER_STEPS } from '../../src/server/modules/billing/billing.money.js';

const PASSWORD = 'Payer-Ses-Factures-2026';
const AGENT_EMAIL = 'regie.recouvrement@example.org';

let portal: Portal;
let browser: Browser;
/** the address the family types: not PUBLIC_URL's host */
let visited: string;
let payer: FamilyFixture;
let debtor: FamilyFixture;
let payerOffice: string;
let payerInvoices: { id: number; number: string; totalCents: number }[];

beforeAll(async () => {
  portal = await startPortal();
  portal.ctx.config.payment.demoBankDelayMs = 1000;
  // A portal started without PUBLIC_URL: its default is http://localhost:PORT, and the family opens 127.0.0.1:PORT.
  const port = Number(new URL(portal.baseUrl).port);
  portal.ctx.config.port = port;
  portal.ctx.config.publicUrl = `http://localhost:${port}`;
  visited = portal.baseUrl;

  payer = await createFamily(portal.ctx, { email: 'anne.martin@example.org', password: PASSWORD, lastName: 'Martin', status: 'active' });
  debtor = await createFamily(portal.ctx, { email: 'marc.leroy@example.org', password: PASSWORD, lastName: 'Leroy', status: 'active' });
  await createStaff(portal.ctx, { email: AGENT_EMAIL, password: PASSWORD, role: 'agent' });
  const paid = await publishedInvoices({ ctx: portal.ctx, clock: portal.ctx.clock } as never, payer, [2450, 1300, 990]);
  payerOffice = paid.officeId;
  payerInvoices = paid.invoices;
  const now = new Date().toISOString();
  await portal.ctx.db
    .insertInto('office_money_setting')
    .values({
      office_id: payerOffice,
      creditor_id: 'FR72ZZZ123456',
      creditor_name: 'Régie enfance',
      creditor_iban: 'FR1420041010050500013M02606',
      creditor_bic: 'PSSTFRPPLIL',
      prenotification_days: 14,
      reminder_steps: JSON.stringify(DEFAULT_REMINDER_STEPS),
      debt_min_cents: 10000,
      debt_min_age_days: null,
      auto_allocate_credit: 0,
      updated_at: now,
      updated_by: 'e2e',
    })
    .execute();
  // the debtor owes 120 € overdue (due 2026-11-30) at the same office
  await publishedInvoices({ ctx: portal.ctx, clock: portal.ctx.clock } as never, debtor, [12000], payerOffice);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await portal?.close();
  printAxeSummary('money.e2e.ts');
});

async function toInvoices(page: Page) {
  await page.goto(`${visited}/famille/factures`);
  await page.getByRole('heading', { level: 1, name: 'Mes Factures & Paiements' }).waitFor();
}

async function startPaying(page: Page, number: string) {
  await page.getByRole('button', { name: 'Payer en ligne' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Payer en ligne' });
  await dialog.getByRole('checkbox').first().waitFor();
  await dialog.getByRole('checkbox', { name: new RegExp(`Facture n° ${number}`) }).check();
  await dialog.getByRole('button', { name: 'Valider' }).click();
  await dialog.getByRole('button', { name: 'Continuer' }).click();
  await page.waitForURL(/\/demo-bank\//, { timeout: 30_000 });
}

describe('paying online from another address than PUBLIC_URL (issue 17)', () => {
  let page: Page;

  it('keeps the bank and its return on the address the family used: still signed in, with the confirmation', async () => {
    page = await openPage(browser);
    await signIn(page, visited, payer.email, PASSWORD);
    await page.waitForURL(/\/famille$/);
    await toInvoices(page);
    await startPaying(page, payerInvoices[0]!.number);
    expect(page.url().startsWith(`${visited}/demo-bank/`)).toBe(true);
    // the simulated bank is styled (its stylesheet is the portal's: CSP-clean) and accessible
    const accept = page.getByRole('button', { name: 'Simuler un paiement accepté' });
    await expect.poll(() => accept.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(11, 110, 46)');
    expect(await page.locator('.bank-card').count()).toBe(1);
    await expectNoAxeViolations(page, 'Banque de démonstration (stylée)');
    await accept.click();
    await page.waitForURL(/\/famille\/paiements\//, { timeout: 30_000 });
    expect(page.url().startsWith(visited)).toBe(true);
    await page.getByText('Votre paiement a bien été pris en compte.').waitFor();
    await page.getByText('Règlement validé').first().waitFor({ timeout: 20_000 });
    await expectNoAxeViolations(page, 'Retour de la banque sur l’adresse utilisée');
  });

  it('shows a payment left at the bank as in progress, lets the family abandon it and pay again', async () => {
    await toInvoices(page);
    await startPaying(page, payerInvoices[1]!.number);
    // the family leaves the bank's page without choosing
    await toInvoices(page);
    const inProgress = page.getByRole('status').filter({ hasText: 'Paiement en cours' });
    await inProgress.waitFor();
    expect(await inProgress.textContent()).toContain(payerInvoices[1]!.number);
    await expectNoAxeViolations(page, 'Mes Factures : paiement en cours');
    await inProgress.getByRole('button', { name: 'Abandonner ce paiement' }).click();
    await page.getByText('Le paiement a été abandonné : vous pouvez payer à nouveau.').waitFor();
    await expectNoAxeViolations(page, 'Mes Factures : paiement abandonné');
    // paying again works at once (no « paiement déjà en cours »)
    await startPaying(page, payerInvoices[1]!.number);
    await page.getByRole('button', { name: 'Simuler un paiement accepté' }).click();
    await page.waitForURL(/\/famille\/paiements\//, { timeout: 30_000 });
    await page.getByText('Règlement validé').first().waitFor({ timeout: 20_000 });
  });
});

describe('direct debit: a family signs a mandate and staff build the debit batch (issue 13)', () => {
  it('signs the mandate online, with an error summary first', async () => {
    const page = await openPage(browser);
    await signIn(page, visited, payer.email, PASSWORD);
    await page.waitForURL(/\/famille$/);
    await toInvoices(page);
    await page.getByRole('link', { name: 'Payer par prélèvement automatique (mandat SEPA)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Prélèvement automatique' }).waitFor();
    await expectNoAxeViolations(page, 'Prélèvement automatique');
    await page.getByRole('button', { name: 'Signer le mandat' }).click();
    await expectErrorSummary(page, 4);
    await expectNoAxeViolations(page, 'Prélèvement automatique : erreurs');
    await page.getByLabel(label('Titulaire du compte')).fill('Anne Martin');
    await page.getByLabel(label('IBAN')).fill('FR76 3000 6000 0112 3456 7890 188');
    await page.getByLabel(label('BIC')).fill('AGRIFRPP');
    await page.getByLabel(label('Fait à (ville)')).fill('Comines');
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Signer le mandat' }).click();
    // a wrong IBAN key: said on its field
    const summary = await expectErrorSummary(page, 1);
    expect(await summary.textContent()).toContain('Cet IBAN n’est pas valide');
    await page.getByLabel(label('IBAN')).fill('FR76 3000 6000 0112 3456 7890 189');
    await page.getByRole('button', { name: 'Signer le mandat' }).click();
    await page.getByText('Votre demande de mandat est enregistrée.').waitFor();
    const table = page.getByRole('table');
    expect(await table.textContent()).toContain('FR76 **** **** 0189');
    expect(await table.textContent()).toContain('En attente d’activation par la régie');
    await expectNoAxeViolations(page, 'Prélèvement automatique : mandat demandé');
    const pdf = await page.request.get(await page.getByRole('link', { name: /Copie du mandat .* \(PDF\)/ }).getAttribute('href').then((h) => `${visited}${h}`));
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('staff activate the mandate and build the batch with its pain.008 file', async () => {
    const page = await openPage(browser);
    await signIn(page, visited, AGENT_EMAIL, PASSWORD);
    await page.waitForURL(/\/agent/);
    await page.goto(`${visited}/agent/facturation/recouvrement`);
    await page.getByRole('heading', { level: 1, name: 'Recouvrement' }).waitFor();
    await page.getByRole('button', { name: /^Activer le mandat/ }).waitFor();
    await expectNoAxeViolations(page, 'Recouvrement');
    await page.getByRole('button', { name: /^Activer le mandat/ }).click();
    await page.getByText(/Mandat .* activé\./).waitFor();
    await page.getByRole('button', { name: 'Préparer le prélèvement' }).click();
    await expectErrorSummary(page, 1);
    await expectNoAxeViolations(page, 'Recouvrement : aucune facturation choisie');
    await page.getByLabel(label('Facturation')).selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Préparer le prélèvement' }).click();
    await page.getByText(/Lot préparé : 1 prélèvements/).waitFor();
    await expectNoAxeViolations(page, 'Recouvrement : lot préparé');
    const href = await page.getByRole('link', { name: /Fichier pain\.008 du lot/ }).getAttribute('href');
    const xml = await (await page.request.get(`${visited}${href}`)).text();
    expect(xml).toContain('urn:iso:std:iso:20022:tech:xsd:pain.008.001.02');
    expect(xml).toContain('<SeqTp>FRST</SeqTp>');
    expect(xml).toContain('<CtrlSum>9.90</CtrlSum>');
  });
});

describe('a family in debt, a one-off charge, the tax certificate (issue 13, issue 17)', () => {
  it('shows the family in debt that its bookings are suspended, why and how to settle; it pays and the suspension goes', async () => {
    const page = await openPage(browser);
    await signIn(page, visited, debtor.email, PASSWORD);
    await page.waitForURL(/\/famille$/);
    await toInvoices(page);
    const notice = page.getByRole('status').filter({ hasText: 'Réservations suspendues' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('120,00');
    expect(await notice.textContent()).toContain('La restauration scolaire reste réservable');
    await expectNoAxeViolations(page, 'Mes Factures : réservations suspendues');
    // the family settles online: the suspension is gone
    const number = (await portal.ctx.db.selectFrom('invoice').select('reference').where('family_id', '=', debtor.familyId).executeTakeFirstOrThrow()).reference!;
    await startPaying(page, number);
    await page.getByRole('button', { name: 'Simuler un paiement accepté' }).click();
    await page.waitForURL(/\/famille\/paiements\//, { timeout: 30_000 });
    await page.getByText('Règlement validé').first().waitFor({ timeout: 20_000 });
    await toInvoices(page);
    await page.getByRole('list', { name: 'Mes factures' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Réservations suspendues' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'Mes Factures : factures réglées, réservations possibles');
  });

  it('lets staff bill a one-off charge that the family then finds among its invoices', async () => {
    const page = await openPage(browser);
    await signIn(page, visited, AGENT_EMAIL, PASSWORD);
    await page.waitForURL(/\/agent/);
    await page.goto(`${visited}/agent/familles/${debtor.familyId}/recouvrement`);
    await page.getByRole('heading', { level: 1, name: 'Recouvrement — famille' }).waitFor();
    await expectNoAxeViolations(page, 'Recouvrement — famille');
    await page.getByRole('button', { name: 'Émettre la facture' }).click();
    await expectErrorSummary(page, 2);
    await expectNoAxeViolations(page, 'Recouvrement — famille : facture ponctuelle incomplète');
    await page.getByLabel(label('Libellé')).fill('Remplacement de badge');
    await page.getByLabel(label('Prix unitaire (€)')).fill('8,50');
    await page.getByRole('button', { name: 'Émettre la facture' }).click();
    const done = page.getByText(/Facture .* émise \(8,50/);
    await done.waitFor();
    const number = /Facture (\S+) émise/.exec((await done.textContent())!)![1]!;
    const family = await openPage(browser);
    await signIn(family, visited, debtor.email, PASSWORD);
    await family.waitForURL(/\/famille$/);
    await toInvoices(family);
    await family.getByRole('list', { name: 'Mes factures' }).getByText(number).first().waitFor();
  });

  it('lets a family download its tax certificate', async () => {
    const page = await openPage(browser);
    await signIn(page, visited, payer.email, PASSWORD);
    await page.waitForURL(/\/famille$/);
    await page.goto(`${visited}/famille/attestations`);
    await page.getByRole('heading', { level: 1, name: 'Mes attestations' }).waitFor();
    await expectNoAxeViolations(page, 'Mes attestations');
    const link = page.getByRole('link', { name: /Télécharger l’attestation fiscale \d{4} \(PDF\)/ });
    const pdf = await page.request.get(`${visited}${await link.getAttribute('href')}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const paymentPdf = await page.request.get(`${visited}${await page.getByRole('link', { name: 'Télécharger l’attestation (PDF)' }).getAttribute('href')}`);
    expect((await paymentPdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
