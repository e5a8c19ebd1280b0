/**
 * « Statistiques » (issue 15) in Chromium: an agent opens the page from the staff navigation, the charts and their
 * sentences render, each data table opens from its disclosure (keyboard), the filters apply (a month, an
 * activity), the three exports download (CSV, xlsx, PDF), a bad quotient band list shows the server's sentence;
 * axe finds no violation in any of these states. A family sent to the page's API gets 403.
 *
 * Set up through the services and direct writes (as billing's journeys do): one activity with two units, three
 * children booked on a few days of last month, marks, capacity counters, one waiting child.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectNoAxeViolations, launchBrowser, openPage, printAxeSummary, signIn, startPortal, type Portal } from './support.js';
import { createFamily, createStaff, type FamilyFixture } from '../support/factories.js';
import { fullChildInput } from '../support/children.js';
import { activeLists } from '../../src/server/modules/lists/lists.service.js';
import { createChild } from '../../src/server/modules/child/child.service.js';
import * as catalog from '../../src/server/modules/catalog/catalog.service.js';
import { childInput } from '../../src/shared/child-contracts.js';
import { activityInput, periodInput, unitInput, type DeadlinePolicy } from '../../src/shared/booking-contracts.js';

const AGENT_EMAIL = 'statistiques@ville.example';
const AGENT_PASSWORD = 'Compter-Les-Heures-2026';
const POLICY: DeadlinePolicy = { deadline: { kind: 'none' }, insideDeadline: 'accept', afterDeadline: 'refuse' };

let portal: Portal;
let browser: Browser;
let page: Page;
let family: FamilyFixture;
let activityId = '';
let monthDays: string[] = [];
let year = '';
let month = '';

function lastMonthDays(): string[] {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const out: string[] = [];
  for (let d = new Date(first); d.getUTCMonth() === first.getUTCMonth(); d.setUTCDate(d.getUTCDate() + 1)) {
    const wd = d.getUTCDay();
    if (wd >= 1 && wd <= 5) out.push(d.toISOString().slice(0, 10));
  }
  return out.slice(0, 6);
}

beforeAll(async () => {
  portal = await startPortal({ config: { statsUnitHours: 'matin=1.5 repas=2' } });
  const ctx = portal.ctx;
  const admin = await createStaff(ctx, { role: 'admin' });
  await createStaff(ctx, { role: 'agent', email: AGENT_EMAIL, password: AGENT_PASSWORD });
  const actor = { id: admin.accountId, email: admin.email };
  monthDays = lastMonthDays();
  [year, month] = monthDays[0]!.split('-') as [string, string];
  const e = await catalog.createEstablishment(ctx, actor, { name: 'École Jules Ferry', address: null });
  const a = await catalog.createActivity(ctx, actor, activityInput.parse({ establishmentId: e.id, name: 'Accueil périscolaire', kind: 'periscolaire', openWeekdays: [1, 2, 3, 4, 5], bookingPolicy: POLICY, cancellationPolicy: POLICY }));
  activityId = a.id;
  const matin = await catalog.createUnit(ctx, actor, a.id, unitInput.parse({ code: 'matin', label: 'Matin', position: 1, defaultCapacity: 4 }));
  const repas = await catalog.createUnit(ctx, actor, a.id, unitInput.parse({ code: 'repas', label: 'Repas', position: 2, defaultCapacity: 3 }));
  const period = await catalog.createPeriod(
    ctx,
    actor,
    a.id,
    periodInput.parse({ label: 'Année', startDay: `${Number(year) - 1}-09-01`, endDay: `${Number(year) + 1}-07-31`, opensAt: '2020-01-01T00:00:00.000Z', closesAt: '2030-01-01T00:00:00.000Z' }),
  );
  family = await createFamily(ctx, { lastName: 'Durand' });
  const lists = await activeLists(ctx);
  const children: string[] = [];
  for (const [firstName, birthDate] of [
    ['Léa', '2021-03-02'],
    ['Hugo', '2017-06-10'],
  ] as const)
    children.push((await createChild(ctx, { familyId: family.familyId, accountId: family.accountId, email: family.email, displayName: 'Durand' }, childInput.parse(fullChildInput(lists, { firstName, lastName: 'Durand', birthDate })))).id);
  const bookedAt = `${monthDays[0]}T06:00:00.000Z`;
  const counters = new Map<string, number>();
  for (const [i, day] of monthDays.entries())
    for (const [c, childId] of children.entries())
      for (const unit of [matin, repas]) {
        if (unit === repas && c === 0 && i % 2) continue;
        const r = await ctx.db
          .insertInto('reservation')
          .values({ family_id: family.familyId, child_id: childId, activity_id: a.id, period_id: period.id, kind: 'booking', idempotency_key: randomUUID(), request_hash: 'e2e', account_id: family.accountId, created_at: bookedAt })
          .returning('id')
          .executeTakeFirstOrThrow();
        const line = await ctx.db
          .insertInto('reservation_line')
          .values({ reservation_id: r.id, unit_id: unit.id, day, action: 'book', state: 'accepted', reason: null, decided_at: null, decided_by: null })
          .returning('id')
          .executeTakeFirstOrThrow();
        await ctx.db
          .insertInto('booking')
          .values({ family_id: family.familyId, child_id: childId, activity_id: a.id, unit_id: unit.id, day, state: 'accepted', line_id: line.id, cancel_line_id: null, created_at: bookedAt, updated_at: bookedAt })
          .execute();
        counters.set(`${unit.id}|${day}`, (counters.get(`${unit.id}|${day}`) ?? 0) + 1);
        const status = (i + c) % 4 === 3 ? 'absent_unjustified' : (i + c) % 5 === 4 ? 'absent_justified' : 'present';
        await ctx.db.insertInto('attendance').values({ child_id: childId, unit_id: unit.id, day, status, marked_by: admin.accountId, marked_at: bookedAt }).execute();
      }
  for (const [k, booked] of counters) {
    const [unit_id, day] = k.split('|') as [string, string];
    const capacity = unit_id === matin.id ? 4 : 3;
    await ctx.db.insertInto('unit_day').values({ unit_id, day, booked, capacity, overridden: 0 }).execute();
  }
  browser = await launchBrowser();
  page = await openPage(browser, 1280, 900);
}, 120_000);

afterAll(async () => {
  printAxeSummary('stats.e2e.ts');
  await browser?.close();
  await portal?.close();
});

describe('statistics page', () => {
  it('an agent opens it from the navigation: sentences, charts, tables, no axe violation', async () => {
    await signIn(page, portal.baseUrl, AGENT_EMAIL, AGENT_PASSWORD);
    await page.getByRole('navigation').getByRole('link', { name: 'Statistiques' }).click();
    await page.getByRole('heading', { level: 1, name: 'Statistiques' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Heures de présence (actes)' }).waitFor();
    for (const h of ['Taux d’occupation par semaine et par unité', 'Listes d’attente', 'Absences sur réservation', 'Recettes par mois', 'Moyens de paiement', 'Part des réservations et des paiements en ligne'])
      await expect(page.getByRole('heading', { level: 2, name: h }).count()).resolves.toBe(1);
    // the occupancy sentence names a week, a unit and a rate
    await expect(page.locator('#stats-occupancy ~ .stats-summary').first().textContent()).resolves.toMatch(/Occupation la plus forte : la semaine du .+, l’unité (Matin|Repas) était occupée à \d+ %/);
    expect(await page.locator('svg.stats-svg').count()).toBeGreaterThanOrEqual(4);
    // hours summary table: the activity and last month
    const hours = page.getByRole('table', { name: 'Heures de présence par activité et par mois' });
    await expect(hours.getByRole('rowheader', { name: 'Accueil périscolaire' }).count()).resolves.toBe(1);
    await expectNoAxeViolations(page, 'statistiques');
  });

  it('opens a data table with the keyboard', async () => {
    const summary = page.locator('details.stats-data > summary', { hasText: 'Tableau de données : Taux d’occupation par semaine et par unité' });
    await summary.focus();
    await page.keyboard.press('Enter');
    const table = page.getByRole('table', { name: 'Places prises et offertes par semaine et par unité' });
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBeGreaterThan(1);
    const rules = page.locator('details.stats-rules > summary');
    await rules.focus();
    await page.keyboard.press('Enter');
    await page.getByText('arrondie au quart d’heure le plus proche').waitFor();
    await expectNoAxeViolations(page, 'statistiques, tableau et règles ouverts');
    if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/statistiques.png`, fullPage: true });
  });

  it('applies the filters: last month and the activity', async () => {
    await page.getByLabel('Année', { exact: true }).selectOption(year);
    await page.getByLabel('Mois', { exact: true }).selectOption(month);
    await page.getByLabel('Activité', { exact: true }).selectOption(activityId);
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page.getByText(/^Du .+ au .+$/).waitFor();
    const hours = page.getByRole('table', { name: 'Heures de présence par activité et par mois' });
    await hours.waitFor();
    expect(await hours.getByRole('row').count()).toBe(3); // heading, the month, the total
    await expectNoAxeViolations(page, 'statistiques filtrées');
  });

  it('downloads the CSV, the spreadsheet and the PDF', async () => {
    for (const [name, ext, start] of [
      ['Tableau CSV', 'csv', '\uFEFF"Activité";"Unité"'],
      ['Classeur Excel (.xlsx)', 'xlsx', 'PK'],
      ['Synthèse PDF à imprimer', 'pdf', '%PDF-'],
    ] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^statistiques-${year}-${month}-01-.*\\.${ext}$`));
      const bytes = fs.readFileSync((await download.path())!);
      expect(bytes.subarray(0, Buffer.byteLength(start)).toString()).toBe(start);
    }
  });

  it('shows the server’s sentence for bad quotient bands', async () => {
    await page.getByLabel('Tranches de quotient familial (plafonds)').fill('900,300');
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page.getByText('Saisissez des plafonds de quotient croissants', { exact: false }).first().waitFor();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('quotientBands');
    await expectNoAxeViolations(page, 'statistiques, tranches refusées');
  });

  it('answers a family 403', async () => {
    const fam = await openPage(browser);
    await signIn(fam, portal.baseUrl, family.email, family.password);
    await fam.waitForURL(/\/famille/);
    const status = await fam.evaluate(async () => (await fetch(`/api/staff/stats/overview?from=2026-01-01&to=2026-12-31`)).status);
    expect(status).toBe(403);
    await fam.context().close();
  });
});
