/**
 * Issue 17 walked in Chromium: the family's experience. A used or unknown mailed link says so when its page opens; the
 * home opens on « Cette semaine et la suivante » for each child with the planning one click away; the planning's
 * legend opens without moving its button, disabled buttons look disabled, an unsaved choice reads « À réserver (non
 * enregistré) » and every cell's name contains its visible words; one week is booked for two children in one go
 * (« Appliquer la même sélection à »); the home's reservations are paged and say what they gave, not when they were
 * made; the booking window shows a step indicator. Axe runs on every state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { escapeRegExp as esc, expectNoAxeViolations, label, launchBrowser, openPage, printAxeSummary, startPortal, type Portal } from './support.js';
import { createFamily } from '../support/factories.js';
import { fullChildInput } from '../support/children.js';
import { activeLists } from '../../src/server/modules/lists/lists.service.js';
import { createChild } from '../../src/server/modules/child/child.service.js';
import * as catalog from '../../src/server/modules/catalog/catalog.service.js';
import { createAccountToken, consumeAccountToken } from '../../src/server/modules/account/account.tokens.js';
import { submitReservation } from '../../src/server/modules/booking/booking.submit.js';
import { childInput } from '../../src/shared/child-contracts.js';
import { activityInput, periodInput, unitInput, type DeadlinePolicy } from '../../src/shared/booking-contracts.js';
import { addDays, isFrenchPublicHoliday, mondayOf, parisDateOf } from '../../src/shared/calendar/index.js';
import { dayLabel } from '../../src/shared/i18n/dates.js';

const PARENT = { email: 'claire.martin@example.org', password: 'Deux-Enfants-Une-Semaine-2026' };
const OPEN: DeadlinePolicy = { deadline: { kind: 'none' }, insideDeadline: 'accept', afterDeadline: 'refuse' };

let portal: Portal;
let browser: Browser;
let familyId: string;
let accountId: string;
let leaId: string;
let tomId: string;
let activityId: string;
let periodId: string;
let unitId: string;
let start: string; // Monday of next week
const days = () => [0, 1, 2].map((i) => addDays(start, i)).filter((d) => !isFrenchPublicHoliday(d));

beforeAll(async () => {
  portal = await startPortal();
  const family = await createFamily(portal.ctx, { ...PARENT, lastName: 'Martin', status: 'active' });
  familyId = family.familyId;
  accountId = family.accountId;
  const lists = await activeLists(portal.ctx);
  const scope = { familyId, accountId, email: PARENT.email, displayName: 'Claire Martin' };
  leaId = (await createChild(portal.ctx, scope, childInput.parse(fullChildInput(lists, { firstName: 'Léa', lastName: 'Martin', birthDate: '2018-03-10' })))).id;
  tomId = (await createChild(portal.ctx, scope, childInput.parse(fullChildInput(lists, { firstName: 'Tom', lastName: 'Martin', birthDate: '2019-05-02' })))).id;
  const now = portal.ctx.clock.now();
  start = addDays(mondayOf(parisDateOf(now)), 7);
  const admin = (await portal.ctx.db.selectFrom('account').select(['id', 'email']).where('kind', '=', 'staff').executeTakeFirst()) ?? { id: accountId, email: PARENT.email };
  const actor = { id: admin.id, email: admin.email };
  const e = await catalog.createEstablishment(portal.ctx, actor, { name: 'Centre de loisirs Les Tilleuls', address: null });
  const a = await catalog.createActivity(
    portal.ctx,
    actor,
    activityInput.parse({ establishmentId: e.id, name: 'Accueil du soir', kind: 'periscolaire', openWeekdays: [1, 2, 3, 4, 5], bookingPolicy: OPEN, cancellationPolicy: OPEN }),
  );
  activityId = a.id;
  unitId = (await catalog.createUnit(portal.ctx, actor, a.id, unitInput.parse({ code: 'soir', label: 'Soir', position: 0, defaultCapacity: 20 }))).id;
  periodId = (
    await catalog.createPeriod(
      portal.ctx,
      actor,
      a.id,
      periodInput.parse({
        label: 'Fin d’année',
        startDay: start,
        endDay: addDays(start, 25),
        opensAt: new Date(now.getTime() - 86_400_000).toISOString(),
        closesAt: new Date(now.getTime() + 60 * 86_400_000).toISOString(),
      }),
    )
  ).id;
  browser = await launchBrowser();
});

afterAll(async () => {
  printAxeSummary('experience');
  await browser?.close();
  await portal?.close();
});

async function signIn(page: Page): Promise<void> {
  await page.goto(`${portal.baseUrl}/`);
  await page.getByLabel(label('Identifiant (adresse e-mail)')).fill(PARENT.email);
  await page.getByLabel(label('Mot de passe')).fill(PARENT.password);
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
  await page.getByRole('heading', { name: 'Mon compte famille', level: 1 }).waitFor();
}

const cell = (page: Page, day: string) => page.getByRole('button', { name: new RegExp(`^${esc(`${dayLabel(day)}, Soir : `)}`) });

describe('a mailed link checked when its page opens', () => {
  it('a used reset link says it was used, before anything is typed; an unknown one says so too', async () => {
    const token = await createAccountToken(portal.ctx.db, portal.ctx, accountId, 'password_reset');
    await consumeAccountToken(portal.ctx.db, portal.ctx, token, ['password_reset']);
    const page = await openPage(browser);
    await page.goto(`${portal.baseUrl}/nouveau-mot-de-passe?jeton=${token}`);
    await page.getByRole('heading', { name: 'Lien non valable', level: 1 }).waitFor();
    await page.getByText(/Ce lien a déjà servi/).waitFor();
    expect(await page.getByLabel(label('Nouveau mot de passe')).count()).toBe(0);
    await page.getByRole('link', { name: 'Demander un nouveau lien' }).waitFor();
    expect(await page.getByText('Le formulaire contient des erreurs').count()).toBe(0);
    await expectNoAxeViolations(page, 'nouveau mot de passe (lien déjà utilisé)');
    await page.goto(`${portal.baseUrl}/confirmer-adresse?jeton=${'X'.repeat(43)}`);
    await page.getByRole('heading', { name: 'Lien non valable', level: 1 }).waitFor();
    await page.getByText(/Ce lien est incomplet ou n’existe pas/).waitFor();
    await expectNoAxeViolations(page, 'confirmation d’adresse (lien inconnu)');
    await page.context().close();
  });
});

describe('the home at a glance and two children booked at once', () => {
  it('the home shows each child’s weeks and opens the planning in one click', async () => {
    const page = await openPage(browser);
    await signIn(page);
    const glance = page.getByRole('region', { name: 'Cette semaine et la suivante' });
    await glance.getByRole('heading', { name: 'Léa MARTIN' }).waitFor();
    await glance.getByRole('heading', { name: 'Tom MARTIN' }).waitFor();
    expect(await glance.getByText('Aucun jour réservé.').count()).toBe(4);
    await expectNoAxeViolations(page, 'accueil famille (en un coup d’œil)');

    // the booking window: a step indicator in place of the ❶ ❷ markers
    await page.getByRole('button', { name: 'Réserver des jours' }).click();
    const dialog = page.getByRole('dialog', { name: 'Réserver des jours' });
    const steps = dialog.getByRole('navigation', { name: 'Étapes de la réservation' });
    await steps.getByText('Étape 1 sur 4 : Enfant').waitFor();
    expect(await dialog.getByText(/[❶❷❸]/).count()).toBe(0);
    await dialog.getByRole('radio', { name: 'Léa MARTIN' }).check();
    await steps.getByText(/Étape [23] sur 4/).waitFor();
    await expectNoAxeViolations(page, 'fenêtre de réservation (étapes)');
    await dialog.getByRole('button', { name: 'Annuler' }).click();

    await glance.getByRole('link', { name: 'Ouvrir le planning de Léa' }).click();
    await page.getByRole('heading', { name: /Léa/, level: 1 }).waitFor();
    await page.context().close();
  });

  it('the planning: legend steady, disabled buttons look disabled, unsaved days say so, names contain the visible words', async () => {
    const page = await openPage(browser, 1280, 900);
    await signIn(page);
    await page.goto(`${portal.baseUrl}/famille/reservations/planning/${leaId}/${activityId}/${periodId}`);
    await cell(page, days()[0]).waitFor();

    // « Semaine précédente » on the first week and « Suivant » before a choice: disabled, and they look it
    const previous = page.getByRole('button', { name: 'Semaine précédente' });
    const nextWeek = page.getByRole('button', { name: 'Semaine suivante' });
    expect(await previous.isDisabled()).toBe(true);
    const bg = (b: typeof previous) => b.evaluate((el) => getComputedStyle(el).backgroundColor + getComputedStyle(el).color);
    expect(await bg(previous)).not.toBe(await bg(nextWeek));
    const suivant = page.getByRole('button', { name: 'Suivant', exact: true });
    expect(await suivant.isDisabled()).toBe(true);
    expect(await suivant.evaluate((el) => getComputedStyle(el).cursor)).toBe('not-allowed');

    // the legend opens on hover without moving, and a click then pins it open
    const legend = page.getByRole('button', { name: 'Légende' });
    const before = await legend.boundingBox();
    await legend.hover();
    await expect.poll(() => legend.getAttribute('aria-expanded')).toBe('true');
    const after = await legend.boundingBox();
    expect(Math.abs((after?.x ?? 0) - (before?.x ?? 0))).toBeLessThan(2);
    await legend.click();
    expect(await legend.getAttribute('aria-expanded')).toBe('true');
    // the grid stays where it was: the panel floats over the page
    await expectNoAxeViolations(page, 'planning (légende ouverte)');
    await page.keyboard.press('Escape');

    for (const d of days()) await cell(page, d).click();
    for (const d of days()) await expect.poll(() => cell(page, d).getAttribute('aria-label')).toMatch(/: à réserver \(non enregistré\)$/);
    expect(await page.locator('.cell').filter({ hasText: 'Réservation acceptée' }).count()).toBe(0);
    // label in name: every cell's visible words are part of its accessible name (Lighthouse's label-content-name-mismatch)
    const mismatches = await page.locator('button.cell').evaluateAll((cells) => {
      const curate = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
      return cells.filter((c) => !curate(c.getAttribute('aria-label') ?? '').includes(curate((c as HTMLElement).innerText))).map((c) => c.getAttribute('aria-label'));
    });
    expect(mismatches).toEqual([]);
    await expectNoAxeViolations(page, 'planning (jours non enregistrés)');

    // the month view: the weeks of the month one after the other, the unsaved choices kept
    await page.getByRole('button', { name: 'Mois', exact: true }).click();
    expect(await page.getByRole('button', { name: 'Mois', exact: true }).getAttribute('aria-pressed')).toBe('true');
    // the period's weeks (from next Monday, four of them) whose Thursday is in the month of the first one's Thursday
    const monthOf = (monday: string) => addDays(monday, 3).slice(0, 7);
    const inMonth = [0, 7, 14, 21].map((n) => addDays(start, n)).filter((m) => monthOf(m) === monthOf(start)).length;
    await expect.poll(() => page.locator('table.planning').count()).toBe(inMonth);
    await expect.poll(() => cell(page, days()[0]).getAttribute('aria-label')).toMatch(/\(non enregistré\)$/);
    await expectNoAxeViolations(page, 'planning (vue du mois)');
    await page.getByRole('button', { name: 'Semaine', exact: true }).click();
    await expect.poll(() => page.locator('table.planning').count()).toBe(1);

    // the same week for Tom: « Appliquer la même sélection à »
    await page.getByRole('group', { name: 'Appliquer la même sélection à' }).getByRole('checkbox', { name: 'Tom MARTIN' }).check();
    await suivant.click();
    await page.getByRole('heading', { name: 'Pour Tom MARTIN' }).waitFor();
    await expectNoAxeViolations(page, 'vérification (deux enfants)');
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByRole('heading', { name: /Réservation n° \d+ enregistrée/ }).first().waitFor();
    expect(await page.getByText(/Réservation n° \d+ enregistrée/).count()).toBe(2);
    await expectNoAxeViolations(page, 'récapitulatif (deux enfants)');
    await page.getByRole('button', { name: 'Terminer' }).click();

    // home: both children hold the days next week; the reservations say what they gave, not when they were made
    const glance = page.getByRole('region', { name: 'Cette semaine et la suivante' });
    await glance.getByText(dayLabel(days()[0]), { exact: true }).first().waitFor();
    expect(await glance.getByText(dayLabel(days()[0]), { exact: true }).count()).toBe(2);
    const list = page.getByRole('list', { name: 'Mes réservations' });
    await list.getByText(new RegExp(`${days().length} jours? acceptés?`)).first().waitFor();
    expect(await list.getByText(/ Le \d/).count()).toBe(0);
    // the printable summary, month by month
    await glance.getByRole('link', { name: 'Tous les jours réservés de Tom (à imprimer)' }).click();
    await page.getByRole('heading', { name: 'Jours réservés de Tom MARTIN', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Imprimer' }).waitFor();
    const month = page.getByRole('table').first();
    await month.getByText(dayLabel(days()[0])).waitFor();
    await expectNoAxeViolations(page, 'jours réservés de Tom (mois)');
    await page.goBack();
    const rows = await portal.ctx.db.selectFrom('booking').select(['child_id']).where('family_id', '=', familyId).execute();
    expect(rows.filter((r) => r.child_id === leaId)).toHaveLength(days().length);
    expect(rows.filter((r) => r.child_id === tomId)).toHaveLength(days().length);
    await page.context().close();
  });

  it('the home pages its reservations five at a time, on a phone too', async () => {
    const scope = { familyId, accountId, email: PARENT.email, accountStatus: 'active' };
    for (let i = 0; i < 5; i++)
      await submitReservation(portal.ctx, scope, { childId: leaId, activityId, periodId, changes: [{ day: addDays(start, 14 + i), unitId, action: 'book' }] }, `e2e-paging-${i}-${Date.now()}`);
    const page = await openPage(browser, 375, 800);
    await signIn(page);
    const list = page.getByRole('list', { name: 'Mes réservations' });
    await list.getByRole('listitem').first().waitFor();
    expect(await list.getByRole('listitem').count()).toBe(5);
    await page.getByText('Réservations 1 à 5 sur 7').waitFor();
    await page.getByRole('button', { name: 'Réservations plus anciennes' }).click();
    await page.getByText('Réservations 6 à 7 sur 7').waitFor();
    expect(await list.getByRole('listitem').count()).toBe(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectNoAxeViolations(page, 'accueil famille, téléphone (réservations page 2)');
    await page.context().close();
  });
});
