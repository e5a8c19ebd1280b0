/**
 * Issue 14 walked in Chromium: a parent asks the town hall a question with an attachment (the error summary first),
 * an agent finds it in the inbox, answers with a template, and the parent reads the answer (the home page's unread
 * block, « Lu » under the question); an agent announces a closure to the families booked on a day, previewing the
 * audience, and the booked family sees it in its messages; a parent turns SMS on for waiting-list promotions only;
 * the app's service worker registers under the portal's CSP. Axe runs on every page state.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectErrorSummary, expectNoAxeViolations, label, launchBrowser, openPage, printAxeSummary, signIn, startPortal, type Portal } from './support.js';
import { createFamily, createStaff, type FamilyFixture } from '../support/factories.js';
import { createActivityFixture, childOf, NO_DEADLINE } from '../integration/booking-support.js';
import type { TestApp } from '../support/app.js';
import { submitReservation } from '../../src/server/modules/booking/booking.service.js';
import { addDays, parisDateOf, weekdayOf } from '../../src/shared/calendar/paris-time.js';
import { saveTemplate } from '../../src/server/modules/messaging/messaging.threads.js';

const FAMILY_EMAIL = 'sarah.leroy@example.org';
const FAMILY_PASSWORD = 'Question-Mairie-2026';
const OTHER_EMAIL = 'paul.garnier@example.org';
const OTHER_PASSWORD = 'Sans-Reservation-2026';
const AGENT_EMAIL = 'enfance.accueil@example.org';
const AGENT_PASSWORD = 'Repondre-Aux-Familles-2026';

/** A small well-formed PDF. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n', 'latin1');

let portal: Portal;
let browser: Browser;
let family: FamilyFixture;
let bookedDay: string;

beforeAll(async () => {
  portal = await startPortal();
  family = await createFamily(portal.ctx, { email: FAMILY_EMAIL, password: FAMILY_PASSWORD, lastName: 'Leroy', status: 'active' });
  await createFamily(portal.ctx, { email: OTHER_EMAIL, password: OTHER_PASSWORD, lastName: 'Garnier', status: 'active' });
  const agent = await createStaff(portal.ctx, { email: AGENT_EMAIL, password: AGENT_PASSWORD, role: 'agent' });
  await saveTemplate(portal.ctx, { id: agent.accountId, email: AGENT_EMAIL }, null, { title: 'Pièce bien reçue', body: 'Bonjour,\n\nNous avons bien reçu votre pièce, merci.\n\nLe service Enfance' });
  // the family books a weekday of the coming weeks (the portal runs on the real clock)
  const t = { ctx: portal.ctx, clock: { now: () => new Date() } } as unknown as TestApp;
  const today = parisDateOf(new Date());
  const act = await createActivityFixture(t, {
    units: { matin: 10 },
    activity: { bookingPolicy: NO_DEADLINE, cancellationPolicy: NO_DEADLINE, openWeekdays: [1, 2, 3, 4, 5, 6, 7] },
    period: { startDay: addDays(today, 1), endDay: addDays(today, 60) },
  });
  bookedDay = addDays(today, 3);
  while (weekdayOf(bookedDay) > 5) bookedDay = addDays(bookedDay, 1);
  const childId = await childOf(t, family, { firstName: 'Inès', lastName: 'Leroy' });
  await submitReservation(
    portal.ctx,
    { familyId: family.familyId, accountId: family.accountId, email: family.email, accountStatus: 'active' },
    { childId, activityId: act.activityId, periodId: act.periodId, changes: [{ day: bookedDay, unitId: act.units.matin, action: 'book' }] },
    randomUUID(),
  );
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await portal?.close();
  printAxeSummary('messages.e2e.ts');
});

async function signedIn(email: string, password: string, landing: RegExp): Promise<Page> {
  const page = await openPage(browser);
  await signIn(page, portal.baseUrl, email, password);
  await page.waitForURL(landing);
  return page;
}

describe('a question and its answer', () => {
  it('the parent writes with an attachment; the empty form shows the error summary first', async () => {
    const page = await signedIn(FAMILY_EMAIL, FAMILY_PASSWORD, /\/famille$/);
    await page.getByRole('heading', { name: 'Messagerie' }).waitFor();
    await expectNoAxeViolations(page, 'family home with the messages and news blocks');
    await page.getByRole('link', { name: 'Écrire à la mairie' }).click();
    await page.getByRole('heading', { level: 1, name: 'Écrire à la mairie' }).waitFor();
    await expectNoAxeViolations(page, 'write to the town hall');
    await page.getByRole('button', { name: 'Envoyer le message' }).click();
    await expectErrorSummary(page, 3);
    expect(await page.title()).toMatch(/^Erreur/);
    await expectNoAxeViolations(page, 'write to the town hall — errors');
    await page.getByLabel(label('Sujet')).selectOption({ label: 'Santé' });
    await page.getByLabel(label('Objet')).fill('PAI d’Inès');
    await page.getByLabel(label('Votre message')).fill('Bonjour,\nvoici le protocole d’accueil individualisé d’Inès.');
    await page.getByLabel('Parcourir', { exact: true }).setInputFiles({ name: 'pai-ines.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('button', { name: 'Envoyer le message' }).click();
    await page.getByRole('heading', { level: 1, name: 'PAI d’Inès' }).waitFor();
    await page.getByText('Votre message a été envoyé').waitFor();
    await page.getByRole('link', { name: 'pai-ines.pdf' }).waitFor();
    await page.getByText('Pas encore lu').waitFor();
    await expectNoAxeViolations(page, 'the family’s thread, just sent');
    await page.context().close();
  });

  it('an agent finds it in the inbox and answers with a template', async () => {
    const page = await signedIn(AGENT_EMAIL, AGENT_PASSWORD, /\/agent/);
    await page.goto(`${portal.baseUrl}/agent/messagerie`);
    await page.getByRole('heading', { level: 1, name: 'Messagerie des familles' }).waitFor();
    const health = page.getByRole('table', { name: 'Messages en cours par sujet' }).getByRole('row', { name: /Santé/ });
    await expect.poll(() => health.textContent()).toMatch(/Santé\s*1\s*1\s*1/);
    await expectNoAxeViolations(page, 'staff inbox');
    await page.getByRole('link', { name: 'PAI d’Inès' }).click();
    await page.getByRole('heading', { level: 1, name: 'PAI d’Inès' }).waitFor();
    await page.getByLabel('Insérer un modèle de réponse').selectOption({ label: 'Pièce bien reçue' });
    await page.getByRole('button', { name: 'Insérer' }).click();
    await expect.poll(() => page.getByLabel(label('Texte')).inputValue()).toContain('Nous avons bien reçu votre pièce');
    await expectNoAxeViolations(page, 'staff thread with a template inserted');
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await page.getByText('La réponse a été envoyée à la famille.').waitFor();
    await page.getByText('Pas encore lu par la famille').waitFor();
    await expectNoAxeViolations(page, 'staff thread answered');
    await page.context().close();
  });

  it('the parent is told, reads the answer, and sees « Lu » under the question', async () => {
    await portal.waitForMail(FAMILY_EMAIL, /réponse de la mairie/);
    const page = await signedIn(FAMILY_EMAIL, FAMILY_PASSWORD, /\/famille$/);
    await page.getByText('1 message non lu.').waitFor();
    await page.getByRole('link', { name: 'Mes messages' }).click();
    await page.getByRole('heading', { level: 1, name: 'Messagerie' }).waitFor();
    await expectNoAxeViolations(page, 'the family’s messages');
    await page.getByRole('link', { name: 'PAI d’Inès' }).click();
    await page.getByText('Nous avons bien reçu votre pièce, merci.').waitFor();
    await page.getByText('Lu', { exact: true }).waitFor();
    await expectNoAxeViolations(page, 'the family reads the answer');
    await page.goto(`${portal.baseUrl}/famille`);
    await page.getByText('Aucun message non lu.').waitFor();
    await page.context().close();
  });
});

describe('an announcement to a day’s families', () => {
  it('the agent previews the audience of a day and sends a closure', async () => {
    const page = await signedIn(AGENT_EMAIL, AGENT_PASSWORD, /\/agent/);
    await page.goto(`${portal.baseUrl}/agent/annonces`);
    await page.getByRole('heading', { level: 1, name: 'Annonces aux familles' }).waitFor();
    await expectNoAxeViolations(page, 'announcements');
    await page.getByRole('button', { name: 'Envoyer l’annonce' }).click();
    await expectErrorSummary(page, 1);
    await expectNoAxeViolations(page, 'announcements — errors');
    await page.getByLabel('Les familles ayant une réservation (jour, activité, unité, période)').check();
    await page.getByLabel(label('Jour')).fill(bookedDay);
    await page.getByRole('button', { name: 'Voir les familles concernées' }).click();
    await page.getByText('1 famille recevra ce message.').waitFor();
    await page.getByRole('cell', { name: /Leroy/ }).waitFor();
    await expectNoAxeViolations(page, 'announcements — audience previewed');
    await page.getByLabel(label('Objet')).fill('Accueil du matin fermé');
    await page.getByLabel(label('Texte')).fill('En raison d’une grève, l’accueil du matin sera fermé.');
    await page.getByRole('button', { name: 'Envoyer l’annonce' }).click();
    const dialog = page.getByRole('dialog', { name: 'Envoyer l’annonce ?' });
    await dialog.waitFor();
    await expectNoAxeViolations(page, 'announcements — confirmation');
    await dialog.getByRole('button', { name: 'Envoyer l’annonce' }).click();
    await page.getByText('L’annonce est envoyée à 1 familles').waitFor();
    await page.getByRole('cell', { name: 'Accueil du matin fermé' }).waitFor();
    await page.context().close();
  });

  it('the booked family sees it in its messages; the other family does not', async () => {
    const page = await signedIn(FAMILY_EMAIL, FAMILY_PASSWORD, /\/famille$/);
    await page.goto(`${portal.baseUrl}/famille/messages`);
    await page.getByRole('link', { name: 'Accueil du matin fermé' }).click();
    await page.getByText('En raison d’une grève').waitFor();
    await page.getByText('vous ne pouvez pas y répondre').waitFor();
    await expectNoAxeViolations(page, 'the family reads the announcement');
    await page.context().close();
    const other = await signedIn(OTHER_EMAIL, OTHER_PASSWORD, /\/famille$/);
    await other.goto(`${portal.baseUrl}/famille/messages`);
    await other.getByText('Vous n’avez encore aucun message.').waitFor();
    await other.context().close();
  });
});

describe('notification choices', () => {
  it('the parent turns SMS on for waiting-list promotions only', async () => {
    const page = await signedIn(FAMILY_EMAIL, FAMILY_PASSWORD, /\/famille$/);
    await page.getByRole('link', { name: 'Mes notifications' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mes notifications' }).waitFor();
    await page.getByText('Les SMS sont envoyés au 06 •• •• •• 78').waitFor();
    await expectNoAxeViolations(page, 'notification choices');
    await page.getByLabel('SMS — Place obtenue sur liste d’attente').check();
    await page.getByRole('button', { name: 'Enregistrer mes choix' }).click();
    await page.getByText('Vos choix de notifications sont enregistrés.').waitFor();
    await expectNoAxeViolations(page, 'notification choices saved');
    const rows = await portal.ctx.db.selectFrom('notification_preference').select(['kind', 'channel', 'enabled']).where('family_id', '=', family.familyId).where('channel', '=', 'sms').where('enabled', '=', 1).execute();
    expect(rows.map((r) => r.kind)).toEqual(['waitlist_promoted']);
    await page.context().close();
  });

  it('registers the app’s service worker under the portal’s CSP (push notifications)', async () => {
    const page = await signedIn(FAMILY_EMAIL, FAMILY_PASSWORD, /\/famille$/);
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    const sw = await page.request.get(`${portal.baseUrl}/sw.js`);
    expect(sw.status()).toBe(200);
    expect(sw.headers()['cache-control']).toBe('no-cache');
    expect(await sw.text()).not.toMatch(/addEventListener\('fetch'/);
    const scope = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
      await navigator.serviceWorker.ready;
      return reg.scope;
    });
    expect(scope).toBe(`${portal.baseUrl}/`);
    expect(cspErrors).toEqual([]);
    await page.context().close();
  });
});
