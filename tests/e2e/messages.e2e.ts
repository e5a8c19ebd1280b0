/**
 * Issue 14 walked in Chromium: a parent asks the town hall a question with an attachment (the error summary first),
 * an agent finds it in the inbox, answers with a template, and the parent reads the answer (the home page's unread
 * block, « Lu » under the question); an agent announces a closure to the families booked on a day, previewing the
 * audience, and the booked family sees it in its messages; a parent turns SMS on for waiting-list promotions only;
 * the app's service worker registers under the portal's CSP; a parent turns Web Push on for this device and the
 * portal's push, encrypted for that device, is shown by the service worker as a notification. Axe runs on every page
 * state.
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
import { saveTemplate, staffReply, startThread } from '../../src/server/modules/messaging/messaging.threads.js';
import { deliverPush } from '../../src/server/modules/messaging/messaging.notify.js';
import { FakePushService } from '../support/fake-push.js';

const FAMILY_EMAIL = 'sarah.leroy@example.org';
const FAMILY_PASSWORD = 'Question-Mairie-2026';
const OTHER_EMAIL = 'paul.garnier@example.org';
const OTHER_PASSWORD = 'Sans-Reservation-2026';
const AGENT_EMAIL = 'enfance.accueil@example.org';
const AGENT_PASSWORD = 'Repondre-Aux-Familles-2026';
const ADMIN_EMAIL = 'enfance.direction@example.org';
const ADMIN_PASSWORD = 'Sujets-Des-Messages-2026';

/** A small well-formed PDF. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n', 'latin1');

let portal: Portal;
let browser: Browser;
let family: FamilyFixture;
let bookedDay: string;
let agentAccountId = '';

beforeAll(async () => {
  portal = await startPortal();
  family = await createFamily(portal.ctx, { email: FAMILY_EMAIL, password: FAMILY_PASSWORD, lastName: 'Leroy', status: 'active' });
  await createFamily(portal.ctx, { email: OTHER_EMAIL, password: OTHER_PASSWORD, lastName: 'Garnier', status: 'active' });
  const agent = await createStaff(portal.ctx, { email: AGENT_EMAIL, password: AGENT_PASSWORD, role: 'agent' });
  agentAccountId = agent.accountId;
  await createStaff(portal.ctx, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, role: 'admin' });
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
    const scope = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
      await navigator.serviceWorker.ready;
      return reg.scope;
    });
    expect(scope).toBe(`${portal.baseUrl}/`);
    expect(cspErrors).toEqual([]);
    // whatever the service worker keeps for offline use, no answer of the API (personal data) is ever in its caches
    await page.goto(`${portal.baseUrl}/famille/messages`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) urls.push(r.url);
      return urls;
    });
    expect(cached.filter((u) => new URL(u).pathname.startsWith('/api/'))).toEqual([]);
    await page.context().close();
  });

  it('turns Web Push on for this device; the answer’s push, encrypted for it, becomes a notification of the service worker', async () => {
    const push = new FakePushService();
    await push.start();
    try {
      // Headless Chromium has no push service to subscribe with (it answers « Registration failed »): the page's
      // PushManager hands out a subscription of the push service on loopback instead, whose private key the test
      // holds — everything else (permission, the service worker, the server's VAPID-signed aes128gcm request, the
      // push event and the notification) is the real thing.
      const sub = push.subscription();
      const page = await openPage(browser);
      await page.context().grantPermissions(['notifications'], { origin: portal.baseUrl });
      await page.context().addInitScript((s: { endpoint: string; keys: { p256dh: string; auth: string } }) => {
        const fake = () => ({
          endpoint: s.endpoint,
          expirationTime: null,
          options: { userVisibleOnly: true },
          getKey: () => null,
          toJSON: () => ({ endpoint: s.endpoint, expirationTime: null, keys: s.keys }),
          unsubscribe: async () => {
            sessionStorage.removeItem('test-push');
            return true;
          },
        });
        PushManager.prototype.subscribe = async function () {
          sessionStorage.setItem('test-push', '1');
          return fake() as unknown as PushSubscription;
        };
        PushManager.prototype.getSubscription = async function () {
          return (sessionStorage.getItem('test-push') ? fake() : null) as unknown as PushSubscription;
        };
      }, sub);
      await signIn(page, portal.baseUrl, OTHER_EMAIL, OTHER_PASSWORD);
      await page.waitForURL(/\/famille$/);
      await page.goto(`${portal.baseUrl}/famille/notifications`);
      await page.getByRole('heading', { level: 2, name: 'Notifications sur ce téléphone ou cet ordinateur' }).waitFor();
      await page.getByRole('button', { name: 'Activer les notifications sur cet appareil' }).click();
      await page.getByText('Les notifications sont activées sur cet appareil.').waitFor();
      await expectNoAxeViolations(page, 'push turned on');
      const other = await portal.ctx.db.selectFrom('family').innerJoin('account', 'account.family_id', 'family.id').select('family.id as id').where('account.email', '=', OTHER_EMAIL).executeTakeFirstOrThrow();
      const stored = await portal.ctx.db.selectFrom('push_subscription').select(['family_id', 'p256dh']).where('endpoint', '=', sub.endpoint).executeTakeFirstOrThrow();
      expect(stored).toEqual({ family_id: other.id, p256dh: sub.keys.p256dh });

      // the family asks, the agent answers: the relay sends the push to the device's push service
      const account = await portal.ctx.db.selectFrom('account').select('id').where('email', '=', OTHER_EMAIL).executeTakeFirstOrThrow();
      const thread = await startThread(portal.ctx, { familyId: other.id, accountId: account.id, name: 'Paul Garnier' }, { topicId: 'topic-1', subject: 'Cantine', body: 'Bonjour', clientKey: randomUUID(), files: [] });
      await staffReply(portal.ctx, { id: agentAccountId, email: AGENT_EMAIL, name: 'Agent' }, thread.id, { body: 'Voici la réponse.', internal: false, clientKey: randomUUID() });
      expect(await deliverPush(portal.ctx)).toBe(1);
      expect(push.received).toHaveLength(1);
      const payload = push.received[0].payload;
      expect(payload.url).toBe(`${portal.baseUrl}/famille/messages`);

      // the push service hands the decrypted message to the browser: the service worker shows it
      const cdp = await page.context().newCDPSession(page);
      const registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] = [];
      cdp.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: typeof registrations }) => registrations.push(...e.registrations));
      await cdp.send('ServiceWorker.enable');
      await expect.poll(() => registrations.find((r) => !r.isDeleted && r.scopeURL === `${portal.baseUrl}/`)).toBeTruthy();
      const registrationId = registrations.find((r) => !r.isDeleted && r.scopeURL === `${portal.baseUrl}/`)!.registrationId;
      await cdp.send('ServiceWorker.deliverPushMessage', { origin: portal.baseUrl, registrationId, data: JSON.stringify(payload) });
      await expect
        .poll(() => page.evaluate(async () => (await (await navigator.serviceWorker.getRegistration('/'))!.getNotifications()).map((n) => ({ title: n.title, body: n.body, url: (n.data as { url: string }).url }))))
        .toEqual([{ title: payload.title, body: payload.body, url: payload.url }]);

      // turned off: the server forgets the device
      await page.getByRole('button', { name: 'Désactiver les notifications sur cet appareil' }).click();
      await page.getByText('Les notifications sont désactivées sur cet appareil.').waitFor();
      expect(await portal.ctx.db.selectFrom('push_subscription').select('id').where('endpoint', '=', sub.endpoint).execute()).toEqual([]);
      await expectNoAxeViolations(page, 'push turned off');
      await page.context().close();
    } finally {
      await push.stop();
    }
  });
});

describe('the subjects families write about', () => {
  it('an administrator adds « Transport scolaire », families are offered it; withdrawn, it is offered no more', async () => {
    const reader = await signedIn(AGENT_EMAIL, AGENT_PASSWORD, /\/agent/);
    await reader.goto(`${portal.baseUrl}/agent/messagerie`);
    await reader.getByRole('link', { name: 'Sujets des messages' }).click();
    await reader.getByRole('heading', { level: 1, name: 'Sujets des messages' }).waitFor();
    await reader.getByRole('rowheader', { name: 'Santé' }).waitFor();
    await reader.getByText('Seul un administrateur du portail peut ajouter, renommer ou retirer un sujet.').waitFor();
    expect(await reader.getByRole('button', { name: 'Ajouter le sujet' }).count()).toBe(0);
    await expectNoAxeViolations(reader, 'message topics — an agent reads them');
    await reader.context().close();

    const agent = await signedIn(ADMIN_EMAIL, ADMIN_PASSWORD, /\/agent/);
    await agent.goto(`${portal.baseUrl}/agent/messagerie/sujets`);
    await agent.getByRole('heading', { level: 1, name: 'Sujets des messages' }).waitFor();
    await agent.getByRole('rowheader', { name: 'Santé' }).waitFor();
    await expectNoAxeViolations(agent, 'message topics');
    await agent.getByRole('button', { name: 'Ajouter le sujet' }).click();
    await expectErrorSummary(agent, 1);
    await expectNoAxeViolations(agent, 'message topics — errors');
    await agent.getByLabel(label('Nom du sujet')).fill('Santé');
    await agent.getByRole('button', { name: 'Ajouter le sujet' }).click();
    await agent.getByText('Un sujet porte déjà ce nom.').first().waitFor();
    await agent.getByLabel(label('Nom du sujet')).fill('Transport scolaire');
    await agent.getByRole('button', { name: 'Ajouter le sujet' }).click();
    await agent.getByText('Le sujet « Transport scolaire » est enregistré.').waitFor();
    await agent.getByRole('rowheader', { name: 'Transport scolaire' }).waitFor();

    const parent = await signedIn(FAMILY_EMAIL, FAMILY_PASSWORD, /\/famille$/);
    await parent.goto(`${portal.baseUrl}/famille/messages/ecrire`);
    await parent.getByRole('heading', { level: 1, name: 'Écrire à la mairie' }).waitFor();
    const offered = () => parent.getByLabel(label('Sujet')).locator('option').allTextContents();
    expect(await offered()).toContain('Transport scolaire');

    await agent.getByRole('button', { name: 'Retirer — Transport scolaire' }).click();
    await agent.getByText('Le sujet « Transport scolaire » n’est plus proposé aux familles.').waitFor();
    await agent.getByRole('row', { name: /Transport scolaire Non, retiré/ }).waitFor();
    await expectNoAxeViolations(agent, 'message topics — one withdrawn');
    await parent.reload();
    await parent.getByRole('heading', { level: 1, name: 'Écrire à la mairie' }).waitFor();
    await expect.poll(offered).not.toContain('Transport scolaire');
    expect(await offered()).toContain('Santé');
    await agent.context().close();
    await parent.context().close();
  });
});

describe('the outbox names every mail (issue 17)', () => {
  it('an administrator reads « Réponse de la mairie », « Annonce aux familles »… — no internal code, no « Message automatique », badges on one line', async () => {
    const admin = await signedIn(ADMIN_EMAIL, ADMIN_PASSWORD, /\/agent/);
    await admin.goto(`${portal.baseUrl}/agent/courriels`);
    await admin.getByRole('heading', { level: 1, name: 'Courriels' }).waitFor();
    const table = admin.getByRole('table', { name: 'Courriels, du plus récent au plus ancien' });
    await table.getByRole('row').nth(1).waitFor();
    const types = await table.locator('tbody tr td:nth-child(4)').allTextContents();
    expect(types).toEqual(expect.arrayContaining(['Réponse de la mairie', 'Annonce aux familles']));
    expect(types.filter((x) => x === 'Message automatique' || /^[a-z_]+\.[a-z_.]+$/.test(x))).toEqual([]);
    const badgeLines = await table.locator('tbody tr td:nth-child(5)').evaluateAll((cells) =>
      cells.map((c) => {
        const r = c.firstElementChild!.getBoundingClientRect();
        return Math.round(r.height / parseFloat(getComputedStyle(c.firstElementChild!).lineHeight || '20'));
      }),
    );
    expect(badgeLines.every((n) => n <= 1)).toBe(true);
    await expectNoAxeViolations(admin, 'outbox');
    await admin.context().close();
  });
});
