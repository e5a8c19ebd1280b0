/**
 * Guide §6 walked in Chromium. A family reads « Mes Factures & Paiements » (state icons, legend), opens an invoice's
 * detail window and downloads its PDF (§6.2), pays two invoices at once through the demo bank — list with ticks,
 * recap with each number and amount, « Retour », « Continuer », the simulated bank page, back on the portal with
 * the confirmation, « en attente de validation par la banque » then « validé » — and sees them paid (§6.3); then
 * pays the last one through a refusal and sees « refusé » with the invoice still to pay. A city agent runs a month
 * for a collection office, reviews the draft (each line's computation, the warnings), publishes it, and records a
 * cheque allocated to an invoice. Axe runs on every page, window and error state, the demo bank's page included.
 *
 * Set up through the services: two offices, each invoicing one activity with a tariff; past bookings written
 * directly (as billing's integration tests do); office A's August, September and October published for the paying
 * family; office B's October left for the agent to run.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { escapeRegExp as esc, expectErrorSummary, expectNoAxeViolations, label, launchBrowser, openPage, printAxeSummary, signIn, startPortal, type Portal } from './support.js';
import { createFamily, createStaff, type FamilyFixture } from '../support/factories.js';
import { fullChildInput } from '../support/children.js';
import { activeLists } from '../../src/server/modules/lists/lists.service.js';
import { createChild } from '../../src/server/modules/child/child.service.js';
import * as catalog from '../../src/server/modules/catalog/catalog.service.js';
import * as billing from '../../src/server/modules/billing/billing.service.js';
import { runTuning, waitForRun } from '../../src/server/modules/billing/billing.run.js';
import { childInput } from '../../src/shared/child-contracts.js';
import { activityInput, periodInput, unitInput, type DeadlinePolicy } from '../../src/shared/booking-contracts.js';
import { officeInput, tariffInput, formatEuros, type InvoiceSummary } from '../../src/shared/billing-contracts.js';

const FAMILY_EMAIL = 'paul.durand@example.org';
const FAMILY_PASSWORD = 'Regler-Les-Factures-2026';
const OTHER_EMAIL = 'ines.petit@example.org';
const AGENT_EMAIL = 'regie.enfance@example.org';
const AGENT_PASSWORD = 'Facturer-Le-Mois-2026';
const ADMIN_EMAIL = 'direction.finances@example.org';
const ADMIN_PASSWORD = 'Grille-Tarifaire-2026';

const POLICY: DeadlinePolicy = { deadline: { kind: 'none' }, insideDeadline: 'accept', afterDeadline: 'refuse' };
const TARIFF = {
  bands: [
    { upToQuotient: 600, residentCents: 180, nonResidentCents: 300 },
    { upToQuotient: null, residentCents: 455, nonResidentCents: 600 },
  ],
  siblingReductionsPercent: [0, 10],
  lateBooking: null,
  unbookedPresence: { kind: 'fixed' as const, value: 500 },
  unjustifiedAbsenceCharged: true,
};

let portal: Portal;
let browser: Browser;
let family: FamilyFixture;
let other: FamilyFixture;
/** office A's published invoices of the paying family, oldest first */
let published: InvoiceSummary[];
const OFFICE_B = 'Régie de la restauration scolaire';

async function childFor(f: FamilyFixture, firstName: string, lastName: string): Promise<string> {
  const input = childInput.parse(fullChildInput(await activeLists(portal.ctx), { firstName, lastName, birthDate: '2017-05-12' }));
  return (await createChild(portal.ctx, { familyId: f.familyId, accountId: f.accountId, email: f.email, displayName: `${firstName} ${lastName}` }, input)).id;
}

/** An accepted booking written directly, as if made long ago (the invoicing run reads bookings and attendance). */
async function bookDirect(f: FamilyFixture, childId: string, activityId: string, periodId: string, unitId: string, day: string) {
  const db = portal.ctx.db;
  const bookedAt = '2026-07-01T08:00:00.000Z';
  const r = await db
    .insertInto('reservation')
    .values({ family_id: f.familyId, child_id: childId, activity_id: activityId, period_id: periodId, kind: 'booking', idempotency_key: randomUUID(), request_hash: 'e2e', account_id: f.accountId, created_at: bookedAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  const line = await db
    .insertInto('reservation_line')
    .values({ reservation_id: r.id, unit_id: unitId, day, action: 'book', state: 'accepted', reason: null, decided_at: null, decided_by: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('booking')
    .values({ family_id: f.familyId, child_id: childId, activity_id: activityId, unit_id: unitId, day, state: 'accepted', line_id: line.id, cancel_line_id: null, created_at: bookedAt, updated_at: bookedAt })
    .execute();
}

beforeAll(async () => {
  portal = await startPortal();
  // the simulated bank answers one second after the family's choice (4 s by default)
  portal.ctx.config.payment.demoBankDelayMs = 1000;
  family = await createFamily(portal.ctx, { email: FAMILY_EMAIL, password: FAMILY_PASSWORD, lastName: 'Durand', status: 'active' });
  other = await createFamily(portal.ctx, { email: OTHER_EMAIL, lastName: 'Petit', status: 'active' });
  await portal.ctx.db.updateTable('family').set({ family_quotient: 550 }).where('id', '=', family.familyId).execute();
  const admin = await createStaff(portal.ctx, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, role: 'admin' });
  await createStaff(portal.ctx, { email: AGENT_EMAIL, password: AGENT_PASSWORD, role: 'agent' });
  const actor = { id: admin.accountId, email: admin.email };
  const lucas = await childFor(family, 'Lucas', 'Durand');
  const jade = await childFor(other, 'Jade', 'Petit');

  const e = await catalog.createEstablishment(portal.ctx, actor, { name: 'Groupe scolaire Jean Moulin', address: '4 rue des Écoles' });
  const activity = async (name: string) => {
    const a = await catalog.createActivity(
      portal.ctx,
      actor,
      activityInput.parse({ establishmentId: e.id, name, kind: 'periscolaire', openWeekdays: [1, 2, 3, 4, 5], bookingPolicy: POLICY, cancellationPolicy: POLICY }),
    );
    const u = await catalog.createUnit(portal.ctx, actor, a.id, unitInput.parse({ code: 'soir', label: 'Soir', position: 0, defaultCapacity: 30 }));
    const now = Date.now();
    const p = await catalog.createPeriod(
      portal.ctx,
      actor,
      a.id,
      periodInput.parse({ label: 'Année scolaire', startDay: '2026-08-03', endDay: '2026-10-30', opensAt: new Date(now - 86_400_000).toISOString(), closesAt: new Date(now + 86_400_000).toISOString() }),
    );
    await billing.setTariff(portal.ctx, actor, u.id, tariffInput.parse(TARIFF));
    return { activityId: a.id, unitId: u.id, periodId: p.id };
  };
  const garderie = await activity('Garderie du soir');
  const cantine = await activity('Restauration scolaire');
  const officeA = await billing.createOffice(
    portal.ctx,
    actor,
    officeInput.parse({ name: 'Régie périscolaire', code: 'PERI', address: 'Hôtel de ville', paymentInstructions: 'En ligne sur le portail, ou par chèque à l’ordre du Trésor public.', residentPostalCodes: ['59560'], activityIds: [garderie.activityId] }),
  );
  await billing.createOffice(portal.ctx, actor, officeInput.parse({ name: OFFICE_B, code: 'CANT', residentPostalCodes: ['59560'], activityIds: [cantine.activityId] }));

  for (const day of ['2026-08-04', '2026-08-05', '2026-09-08', '2026-09-09', '2026-09-10', '2026-10-06'])
    await bookDirect(family, lucas, garderie.activityId, garderie.periodId, garderie.unitId, day);
  for (const day of ['2026-10-05', '2026-10-06']) await bookDirect(family, lucas, cantine.activityId, cantine.periodId, cantine.unitId, day);
  for (const day of ['2026-10-05', '2026-10-08', '2026-10-09']) await bookDirect(other, jade, cantine.activityId, cantine.periodId, cantine.unitId, day);
  for (const month of ['2026-08', '2026-09', '2026-10']) {
    const runId = await billing.startRun(portal.ctx, actor, officeA.id, month);
    await waitForRun(portal.ctx, runId); // computed by the background job
    await billing.publishRun(portal.ctx, actor, runId);
  }
  published = (await billing.listInvoices(portal.ctx, { familyId: family.familyId })).sort((a, b) => a.month.localeCompare(b.month));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await portal?.close();
  printAxeSummary('billing.e2e.ts');
});

async function noHorizontalScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

/** From the invoices page: « Payer en ligne », tick `numbers`, « Valider », the recap, « Continuer » → the bank. */
async function payThroughBank(page: Page, numbers: string[], axeLabel: string): Promise<void> {
  await page.getByRole('button', { name: 'Payer en ligne' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Payer en ligne' });
  await dialog.getByRole('checkbox').first().waitFor();
  for (const n of numbers) await dialog.getByRole('checkbox', { name: new RegExp(`Facture n° ${esc(n)}`) }).check();
  await dialog.getByRole('button', { name: 'Valider' }).click();
  await dialog.getByRole('heading', { name: 'Récapitulatif' }).waitFor();
  await expectNoAxeViolations(page, `${axeLabel} : récapitulatif`);
  await dialog.getByRole('button', { name: 'Continuer' }).click();
  await page.waitForURL(/\/demo-bank\//, { timeout: 30_000 });
}

describe('a family pays its invoices online (guide §6)', () => {
  let page: Page;

  it('lists invoices and payments with state icons and a legend, and shows an invoice’s detail with its PDF (§6.1, §6.2)', async () => {
    expect(published.map((i) => i.month)).toEqual(['2026-08', '2026-09', '2026-10']);
    page = await openPage(browser);
    await signIn(page, portal.baseUrl, FAMILY_EMAIL, FAMILY_PASSWORD);
    await page.waitForURL(/\/famille$/);
    const block = page.getByRole('region', { name: 'Mes Factures & Paiements' });
    await expect.poll(() => block.textContent()).toContain('3 factures à régler');
    await expectNoAxeViolations(page, 'Mon compte famille (bloc factures)');
    await block.getByRole('link', { name: 'Voir mes factures et mes paiements' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mes Factures & Paiements' }).waitFor();
    expect(await page.title()).toMatch(/^Mes Factures & Paiements — /);
    const invoices = page.getByRole('list', { name: 'Mes factures' });
    await expect.poll(() => invoices.getByRole('listitem').count()).toBe(3);
    expect(await invoices.textContent()).toContain('État : Non réglée');
    // issue 17: one state icon per invoice line, and « Non réglée » is a dashed circle — not an empty square that
    // reads as a check box to tick
    const icons = await invoices.getByRole('listitem').evaluateAll((items) =>
      items.map((li) => ({ icons: li.querySelectorAll('svg').length, squares: li.querySelectorAll('svg rect').length, dashed: li.querySelectorAll('svg circle[stroke-dasharray]').length })),
    );
    expect(icons).toEqual(icons.map(() => ({ icons: 1, squares: 0, dashed: 1 })));
    await expectNoAxeViolations(page, 'Mes Factures & Paiements');
    await page.getByRole('button', { name: 'Légende des factures' }).click();
    expect(await page.getByText('Partiellement réglée').first().isVisible()).toBe(true);
    await expectNoAxeViolations(page, 'Mes Factures & Paiements : légende ouverte');
    await page.keyboard.press('Escape');

    const first = published[0];
    await page.getByRole('button', { name: `Voir le détail de la facture n° ${first.number}` }).click();
    const detail = page.getByRole('dialog', { name: 'Détail de la facture' });
    await detail.getByText(first.number!).first().waitFor();
    expect(await detail.textContent()).toContain('Lucas DURAND');
    expect(await detail.textContent()).toContain(formatEuros(first.totalCents));
    // issue 17: the window is as wide as its table — « Montant » is read without scrolling sideways
    const overflow = await detail.locator('.table-wrap').evaluateAll((wraps) => wraps.map((w) => w.scrollWidth - w.clientWidth));
    expect(overflow.length).toBeGreaterThan(0);
    expect(overflow.every((px) => px <= 1)).toBe(true);
    await expect.poll(() => detail.getByRole('columnheader', { name: 'Montant' }).first().isVisible()).toBe(true);
    await expectNoAxeViolations(page, 'Détail de la facture (fenêtre)');
    const [download] = await Promise.all([page.waitForEvent('download'), detail.getByRole('link', { name: 'Télécharger la facture (PDF)' }).click()]);
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    expect((await readFile(path)).subarray(0, 5).toString()).toBe('%PDF-');
    await detail.getByRole('button', { name: 'Fermer' }).click();
    await detail.waitFor({ state: 'detached' });
  });

  it('pays two invoices at once through the demo bank (accepted) and sees them paid (§6.3)', async () => {
    const [aug, sep] = published;
    await page.getByRole('button', { name: 'Payer en ligne' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Payer en ligne' });
    await dialog.getByRole('checkbox').first().waitFor();
    expect(await dialog.getByRole('checkbox').count()).toBe(3);
    await expectNoAxeViolations(page, 'Payer en ligne : liste des factures');
    // nothing ticked: the window says so
    await dialog.getByRole('button', { name: 'Valider' }).click();
    await expectErrorSummary(dialog, 1);
    await expectNoAxeViolations(page, 'Payer en ligne : aucune facture cochée (erreur)');
    await dialog.getByRole('checkbox', { name: new RegExp(`Facture n° ${esc(aug.number!)}`) }).check();
    await dialog.getByRole('checkbox', { name: new RegExp(`Facture n° ${esc(sep.number!)}`) }).check();
    await dialog.getByRole('button', { name: 'Valider' }).click();
    await dialog.getByRole('heading', { name: 'Récapitulatif' }).waitFor();
    const recap = await dialog.textContent();
    for (const inv of [aug, sep]) {
      expect(recap).toContain(inv.number);
      expect(recap).toContain(formatEuros(inv.balanceCents));
    }
    expect(recap).toContain(formatEuros(aug.balanceCents + sep.balanceCents));
    await expectNoAxeViolations(page, 'Payer en ligne : récapitulatif');
    // « Retour » goes back to the ticked list
    await dialog.getByRole('button', { name: 'Retour' }).click();
    expect(await dialog.getByRole('checkbox', { name: new RegExp(`Facture n° ${esc(sep.number!)}`) }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Valider' }).click();
    await dialog.getByRole('button', { name: 'Continuer' }).click();

    await page.waitForURL(/\/demo-bank\//, { timeout: 30_000 });
    expect(await page.textContent('body')).toContain('SIMULATION');
    expect(await page.textContent('body')).toContain(formatEuros(aug.balanceCents + sep.balanceCents));
    await expectNoAxeViolations(page, 'Banque de démonstration');
    await page.getByRole('button', { name: 'Simuler un paiement accepté' }).click();

    await page.waitForURL(/\/famille\/paiements\//, { timeout: 30_000 });
    await page.getByText('Votre paiement a bien été pris en compte.').waitFor();
    await expectNoAxeViolations(page, 'Retour de la banque');
    await page.getByText('Règlement validé').first().waitFor({ timeout: 20_000 });
    await expectNoAxeViolations(page, 'Retour de la banque : règlement validé');

    await page.getByRole('link', { name: 'Voir mes factures et mes paiements' }).click();
    const invoices = page.getByRole('list', { name: 'Mes factures' });
    await invoices.getByRole('listitem').first().waitFor();
    const item = (n: string) => invoices.getByRole('listitem').filter({ hasText: n });
    expect(await item(aug.number!).textContent()).toContain('État : Réglée');
    expect(await item(sep.number!).textContent()).toContain('État : Réglée');
    expect(await item(published[2].number!).textContent()).toContain('État : Non réglée');
    expect(await page.getByRole('list', { name: 'Mes paiements' }).textContent()).toContain('Règlement validé');
    await page.getByRole('button', { name: 'Légende des paiements' }).click();
    const legend = (await page.locator('.legend__panel:visible').last().textContent())!;
    for (const words of ['Règlement en attente de validation par la banque', 'Règlement validé', 'Règlement refusé par la banque']) expect(legend).toContain(words);
    await expectNoAxeViolations(page, 'Mes Factures & Paiements après paiement (légende des paiements)');
    await page.keyboard.press('Escape');
  });

  it('pays one invoice through a refusal: « refusé », and the invoice is still to pay', async () => {
    const oct = published[2];
    await payThroughBank(page, [oct.number!], 'Deuxième paiement');
    await page.getByRole('button', { name: 'Simuler un paiement refusé' }).click();
    await page.waitForURL(/\/famille\/paiements\//, { timeout: 30_000 });
    await page.getByText('Règlement refusé par la banque').first().waitFor({ timeout: 20_000 });
    expect(await page.textContent('main')).toContain('vos factures restent à payer');
    await expectNoAxeViolations(page, 'Retour de la banque : règlement refusé');
    await page.getByRole('link', { name: 'Voir mes factures et mes paiements' }).click();
    const invoices = page.getByRole('list', { name: 'Mes factures' });
    await invoices.getByRole('listitem').first().waitFor();
    expect(await invoices.getByRole('listitem').filter({ hasText: oct.number! }).textContent()).toContain('État : Non réglée');
    const payments = page.getByRole('list', { name: 'Mes paiements' });
    expect(await payments.textContent()).toContain('Règlement refusé par la banque');
    expect(await payments.textContent()).toContain('Règlement validé');
  });

  it('fits a 320 px phone', async () => {
    const phone = await openPage(browser, 320, 640);
    await signIn(phone, portal.baseUrl, FAMILY_EMAIL, FAMILY_PASSWORD);
    await phone.waitForURL(/\/famille$/);
    // « Payer en ligne » from the home page's block opens the window on the invoices page
    await phone.getByRole('region', { name: 'Mes Factures & Paiements' }).getByRole('link', { name: 'Payer en ligne' }).click();
    const pay = phone.getByRole('dialog', { name: 'Payer en ligne' });
    await pay.getByRole('checkbox', { name: new RegExp(`Facture n° ${esc(published[2].number!)}`) }).check();
    await pay.getByRole('button', { name: 'Valider' }).click();
    await pay.getByRole('heading', { name: 'Récapitulatif' }).waitFor();
    await noHorizontalScroll(phone);
    await expectNoAxeViolations(phone, 'Payer en ligne : récapitulatif sur téléphone');
    await pay.getByRole('button', { name: 'Retour' }).click();
    await pay.getByRole('button', { name: 'Annuler' }).click();
    await pay.waitFor({ state: 'detached' });
    expect(new URL(phone.url()).search).toBe('');
    await phone.getByRole('list', { name: 'Mes factures' }).waitFor();
    await noHorizontalScroll(phone);
    await phone.getByRole('button', { name: /^Voir le détail/ }).first().click();
    await phone.getByRole('dialog', { name: 'Détail de la facture' }).getByRole('link', { name: 'Télécharger la facture (PDF)' }).waitFor();
    await noHorizontalScroll(phone);
    await expectNoAxeViolations(phone, 'Détail de la facture sur téléphone');
    await phone.context().close();
  });
});

describe('a city agent invoices a month and records a cheque', () => {
  let page: Page;

  it('runs a month for an office, reviews the draft (computation, warnings) and publishes it', async () => {
    page = await openPage(browser);
    await signIn(page, portal.baseUrl, AGENT_EMAIL, AGENT_PASSWORD);
    await page.waitForURL(/\/agent$/);
    await page.getByRole('navigation', { name: 'Espace agent' }).getByRole('link', { name: 'Facturation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Facturation du mois' }).waitFor();
    await page.getByLabel(label('Régie')).locator('option').nth(1).waitFor({ state: 'attached' });
    await expectNoAxeViolations(page, 'Facturation du mois');
    // no office chosen: the error summary says so
    await page.getByRole('button', { name: 'Lancer la facturation' }).click();
    await expectErrorSummary(page, 1);
    expect(await page.title()).toMatch(/^Erreur : Facturation du mois/);
    await expectNoAxeViolations(page, 'Facturation du mois (erreur)');
    // a month already published for office A is refused with the server's words
    await page.getByLabel(label('Régie')).selectOption({ label: 'Régie périscolaire (PERI)' });
    await page.getByLabel(label('Mois à facturer')).selectOption('2026-10');
    await page.getByRole('button', { name: 'Lancer la facturation' }).click();
    expect(await (await expectErrorSummary(page, 1)).textContent()).toContain('existe déjà');

    await page.getByLabel(label('Régie')).selectOption({ label: `${OFFICE_B} (CANT)` });
    // the background job is held after its first family (one per chunk): the page shows the progress meanwhile
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    runTuning.chunk = 1;
    runTuning.afterChunk = (_runId, done) => (done === 1 ? held : undefined);
    await page.getByRole('button', { name: 'Lancer la facturation' }).click();
    await page.waitForURL(/\/agent\/facturation\/mois\/\d+$/);
    await page.getByRole('heading', { level: 1, name: `Facturation de octobre 2026 — ${OFFICE_B}` }).waitFor();
    const main = page.getByRole('main');
    const progress = page.getByRole('progressbar', { name: 'Calcul des factures en cours' });
    await progress.waitFor();
    await main.getByText('1 famille sur 2').waitFor();
    expect(await progress.getAttribute('value')).toBe('1');
    expect(await page.getByRole('button', { name: 'Publier la facturation' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'Facturation en cours de calcul');
    release();
    runTuning.afterChunk = null;
    runTuning.chunk = 250;
    await main.getByText('Le calcul est terminé').waitFor();
    await main.getByText('Brouillon à vérifier').first().waitFor();
    const text = (await main.textContent())!;
    expect(text).toContain('Quotient familial non déclaré');
    expect(text).toContain('Pointage non fait');
    expect(text).toContain('Tranche 1 (QF jusqu’à 600), résident : 1,80 €');
    expect(text).toContain('QF non déclaré : tranche la plus haute');
    expect(text).toContain('Jade PETIT');
    expect(text).toContain('Lucas DURAND');
    await expectNoAxeViolations(page, 'Brouillon de facturation');

    // a draft can be discarded (the month's attendance unlocked) and the month run again
    await page.getByRole('button', { name: 'Abandonner le brouillon' }).click();
    const discard = page.getByRole('dialog', { name: 'Abandonner le brouillon ?' });
    await discard.waitFor();
    await expectNoAxeViolations(page, 'Abandonner le brouillon ? (fenêtre)');
    await discard.getByRole('button', { name: 'Abandonner le brouillon' }).click();
    await page.getByText('Le brouillon est abandonné').waitFor();
    await main.getByText('Abandonnée', { exact: true }).first().waitFor();
    expect(await page.getByRole('button', { name: 'Publier la facturation' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Facturation du mois' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Facturation du mois' }).waitFor();
    await page.getByLabel(label('Régie')).locator('option').nth(1).waitFor({ state: 'attached' });
    await page.getByLabel(label('Régie')).selectOption({ label: `${OFFICE_B} (CANT)` });
    await page.getByLabel(label('Mois à facturer')).selectOption('2026-10');
    await page.getByRole('button', { name: 'Lancer la facturation' }).click();
    await page.getByText('Brouillon à vérifier').first().waitFor();

    await page.getByRole('button', { name: 'Publier la facturation' }).click();
    const confirm = page.getByRole('dialog', { name: 'Publier la facturation ?' });
    await confirm.waitFor();
    await expectNoAxeViolations(page, 'Publier la facturation ? (fenêtre)');
    await confirm.getByRole('button', { name: 'Publier' }).click();
    await page.getByText(/La facturation est publiée : 2 factures numérotées/).waitFor();
    await main.getByText('Publiée', { exact: true }).first().waitFor();
    expect(await main.textContent()).toMatch(/CANT-2026-0000\d\d/);
    await expectNoAxeViolations(page, 'Facturation publiée');
    await portal.waitForMail(OTHER_EMAIL, /facture/i, 15_000);
  });

  it('lists the invoices, opens one with its computation and makes a credit note, then reads the balances', async () => {
    await page.getByRole('navigation', { name: 'Facturation' }).getByRole('link', { name: 'Factures et avoirs' }).click();
    await page.getByRole('heading', { level: 1, name: 'Factures et avoirs' }).waitFor();
    await page.getByRole('link', { name: /^CANT-2026-/ }).first().waitFor();
    await expectNoAxeViolations(page, 'Factures et avoirs');
    // a credit note on the Durand family's canteen invoice: refused above the total, then made
    const cant = (await billing.listInvoices(portal.ctx, { familyId: family.familyId })).find((i) => i.number?.startsWith('CANT-'))!;
    await page.getByRole('link', { name: cant.number! }).click();
    await page.getByRole('heading', { level: 1, name: `Facture n° ${cant.number} — ${cant.familyName}` }).waitFor();
    expect(await page.getByRole('main').textContent()).toContain('Tranche 1 (QF jusqu’à 600)');
    await expectNoAxeViolations(page, 'Facture (agent)');
    await page.getByLabel(label('Montant de l’avoir (en euros)')).fill('500');
    await page.getByLabel(label('Motif')).fill('Repas non servi le 6 octobre (grève)');
    await page.getByRole('button', { name: 'Créer l’avoir' }).click();
    await expectErrorSummary(page, 1);
    await expectNoAxeViolations(page, 'Facture (agent) : avoir refusé (erreur)');
    await page.getByLabel(label('Montant de l’avoir (en euros)')).fill('1,80');
    await page.getByRole('button', { name: 'Créer l’avoir' }).click();
    await page.getByText(/Avoir n° CANT-AV-2026-\d+ de 1,80 € créé\./).waitFor();
    await expect.poll(() => page.getByRole('main').textContent()).toContain('Repas non servi le 6 octobre (grève)');
    await expectNoAxeViolations(page, 'Facture (agent) : avoir créé');
    await page.getByRole('navigation', { name: 'Facturation' }).getByRole('link', { name: 'Soldes et exports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Soldes et exports' }).waitFor();
    await page.getByRole('table').getByText('Petit', { exact: false }).first().waitFor();
    await expectNoAxeViolations(page, 'Soldes et exports');
    // a family's line leads to its invoices, and from there to a payment for it
    await page.getByRole('link', { name: /PETIT : ses factures/ }).click();
    await page.getByText('Factures de la famille PETIT.').waitFor();
    await expectNoAxeViolations(page, 'Factures d’une famille');
    await page.getByRole('link', { name: 'Enregistrer un règlement pour cette famille' }).click();
    await page.getByRole('heading', { level: 1, name: 'Enregistrer un règlement' }).waitFor();
    await expect.poll(() => page.getByLabel(label('Famille')).evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent ?? '')).toContain('PETIT');
  });

  it('records a cheque allocated to a family’s invoice', async () => {
    const [invoice] = await billing.listInvoices(portal.ctx, { familyId: other.familyId });
    await page.getByRole('navigation', { name: 'Facturation' }).getByRole('link', { name: 'Règlements' }).click();
    await page.getByRole('heading', { level: 1, name: 'Règlements' }).waitFor();
    await expectNoAxeViolations(page, 'Règlements');
    await page.getByRole('link', { name: 'Enregistrer un règlement' }).click();
    await page.getByRole('heading', { level: 1, name: 'Enregistrer un règlement' }).waitFor();
    await page.getByRole('button', { name: 'Enregistrer le règlement' }).click();
    await expectErrorSummary(page, 3);
    await expectNoAxeViolations(page, 'Enregistrer un règlement (erreurs)');

    const familySelect = page.getByLabel(label('Famille'));
    await familySelect.locator('option', { hasText: 'Petit' }).waitFor({ state: 'attached' });
    await familySelect.selectOption((await familySelect.locator('option', { hasText: 'Petit' }).getAttribute('value'))!);
    await page.getByRole('radio', { name: 'Chèque' }).check();
    const amount = (invoice.balanceCents / 100).toFixed(2).replace('.', ',');
    await page.getByLabel(label('Montant reçu (en euros)')).fill(amount);
    await page.getByLabel(label('Référence (numéro de chèque, de virement…)')).fill('Chèque n° 1234567');
    await page.getByLabel(new RegExp(`^Facture n° ${esc(invoice.number!)}`)).fill(amount);
    await expectNoAxeViolations(page, 'Enregistrer un règlement (rempli)');
    await page.getByRole('button', { name: 'Enregistrer le règlement' }).click();
    await page.waitForURL(/\/agent\/facturation\/reglements$/);
    await page.getByText(`Chèque de ${formatEuros(invoice.balanceCents)} enregistré`).waitFor();
    const ledger = page.getByRole('table');
    expect(await ledger.textContent()).toContain('Chèque n° 1234567');
    expect(await ledger.textContent()).toContain(invoice.number);
    await expectNoAxeViolations(page, 'Règlements après le chèque');
    const [after] = await billing.listInvoices(portal.ctx, { familyId: other.familyId });
    expect(after.state).toBe('paid');
  });
});

describe('an administrator sets up offices and tariffs', () => {
  it('reads the offices and tariffs, and edits a tariff (error, then saved)', async () => {
    const page = await openPage(browser);
    await signIn(page, portal.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.waitForURL(/\/agent$/);
    await page.goto(`${portal.baseUrl}/agent/facturation/regies`);
    await page.getByRole('heading', { level: 1, name: 'Régies et tarifs' }).waitFor();
    await page.getByRole('heading', { name: 'Régie périscolaire (PERI)' }).waitFor();
    await page.getByRole('button', { name: 'Modifier le tarif Garderie du soir — Soir' }).waitFor();
    await expectNoAxeViolations(page, 'Régies et tarifs');

    await page.getByRole('button', { name: 'Modifier le tarif Garderie du soir — Soir' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tarif : Garderie du soir — Soir' });
    await dialog.waitFor();
    await expectNoAxeViolations(page, 'Tarif (fenêtre)');
    await dialog.getByLabel(label('Tranche 1 : prix résident (en euros)')).fill('deux euros');
    await dialog.getByRole('button', { name: 'Enregistrer le tarif' }).click();
    await expectErrorSummary(dialog, 1);
    await expectNoAxeViolations(page, 'Tarif (fenêtre, erreur)');
    await dialog.getByLabel(label('Tranche 1 : prix résident (en euros)')).fill('2,10');
    await dialog.getByRole('button', { name: 'Enregistrer le tarif' }).click();
    await page.getByText('Le tarif Garderie du soir — Soir est enregistré.').waitFor();
    await expect.poll(() => page.getByRole('table').textContent()).toContain('2,10 €');

    await page.getByRole('button', { name: 'Créer une régie' }).click();
    const office = page.getByRole('dialog', { name: 'Créer une régie' });
    await office.getByRole('button', { name: 'Enregistrer' }).click();
    await expectErrorSummary(office, 2);
    await expectNoAxeViolations(page, 'Créer une régie (fenêtre, erreurs)');
    await office.getByLabel(label('Nom')).fill('Régie des sports');
    await office.getByLabel(label('Code')).fill('sport');
    await office.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('La régie Régie des sports est enregistrée.').waitFor();
    await page.getByRole('heading', { name: 'Régie des sports (SPORT)' }).waitFor();
    await page.context().close();
  });
});

describe('a family with invoices from two offices', () => {
  it('is told to pay them in two operations (the server’s refusal in the window’s error summary)', async () => {
    const page = await openPage(browser);
    await signIn(page, portal.baseUrl, FAMILY_EMAIL, FAMILY_PASSWORD);
    await page.waitForURL(/\/famille$/);
    await page.goto(`${portal.baseUrl}/famille/factures`);
    await page.getByRole('button', { name: 'Payer en ligne' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Payer en ligne' });
    await dialog.getByRole('checkbox').first().waitFor();
    expect(await dialog.getByRole('checkbox').count()).toBe(2);
    for (const box of await dialog.getByRole('checkbox').all()) await box.check();
    await dialog.getByRole('button', { name: 'Valider' }).click();
    const summary = await expectErrorSummary(dialog, 1);
    expect(await summary.textContent()).toContain('régies différentes');
    await expectNoAxeViolations(page, 'Payer en ligne : factures de deux régies (erreur)');
    await page.context().close();
  });
});
