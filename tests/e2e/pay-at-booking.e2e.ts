/**
 * « Paiement à la réservation » (issue 13) walked in Chromium, with axe on every state: staff tick the option on an
 * activity; the family books two days in the planning grid, reads on the recap « Payer maintenant — vos places sont
 * gardées jusqu’à … » with the minutes left, opens the basket, pays at the demo bank, comes back to the payment's
 * confirmation, sees the basket paid (its days confirmed) and the invoice paid on « Mes Factures & Paiements »;
 * a second basket left unpaid shows its places released; staff see both baskets on the family's collection page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { escapeRegExp as esc, expectNoAxeViolations, launchBrowser, openPage, printAxeSummary, signIn, startPortal, type Portal } from './support.js';
import { createFamily, createStaff, type FamilyFixture } from '../support/factories.js';
import { fullChildInput } from '../support/children.js';
import { activeLists } from '../../src/server/modules/lists/lists.service.js';
import { createChild } from '../../src/server/modules/child/child.service.js';
import * as catalog from '../../src/server/modules/catalog/catalog.service.js';
import { childInput } from '../../src/shared/child-contracts.js';
import { activityInput, periodInput, unitInput } from '../../src/shared/booking-contracts.js';
import { addDays, mondayOf, parisDateOf } from '../../src/shared/calendar/index.js';
import { dayLabel } from '../../src/shared/i18n/dates.js';
import { expireDueBaskets } from '../../src/server/modules/booking/booking.baskets.js';

const PASSWORD = 'Stage-De-Printemps-Paye-2026';
const ADMIN_EMAIL = 'regie.stages@example.org';
const ACTIVITY = 'Stage multisport';

let portal: Portal;
let browser: Browser;
let family: FamilyFixture;
let childId = '';
let activityId = '';
let periodId = '';
let establishmentId = '';
let start = '';

beforeAll(async () => {
  portal = await startPortal();
  portal.ctx.config.payment.demoBankDelayMs = 1000;
  family = await createFamily(portal.ctx, { email: 'nora.petit@example.org', password: PASSWORD, lastName: 'Petit', status: 'active' });
  const admin = await createStaff(portal.ctx, { email: ADMIN_EMAIL, password: PASSWORD, role: 'admin' });
  const input = childInput.parse(fullChildInput(await activeLists(portal.ctx), { firstName: 'Léo', lastName: 'Petit', birthDate: '2017-05-02' }));
  childId = (await createChild(portal.ctx, { familyId: family.familyId, accountId: family.accountId, email: family.email, displayName: 'Nora Petit' }, input)).id;
  const now = portal.ctx.clock.now();
  start = addDays(mondayOf(parisDateOf(now)), 14);
  const actor = { id: admin.accountId, email: admin.email };
  const e = await catalog.createEstablishment(portal.ctx, actor, { name: 'Complexe sportif Jean Jaurès', address: null });
  establishmentId = e.id;
  const a = await catalog.createActivity(
    portal.ctx,
    actor,
    activityInput.parse({
      establishmentId: e.id,
      name: ACTIVITY,
      kind: 'petites_vacances',
      openWeekdays: [1, 2, 3, 4, 5],
      schoolHolidays: 'ignore',
      bookingPolicy: { deadline: { kind: 'none' }, insideDeadline: 'accept', afterDeadline: 'refuse' },
      cancellationPolicy: { deadline: { kind: 'daysBefore', days: 2, skip: 'none', at: '12:00' }, insideDeadline: 'accept', afterDeadline: 'refuse' },
    }),
  );
  activityId = a.id;
  const unit = await catalog.createUnit(portal.ctx, actor, a.id, unitInput.parse({ code: 'journee', label: 'Journée', position: 0, defaultCapacity: 12 }));
  const p = await catalog.createPeriod(
    portal.ctx,
    actor,
    a.id,
    periodInput.parse({ label: 'Stage de printemps', startDay: start, endDay: addDays(start, 11), opensAt: new Date(now.getTime() - 86_400_000).toISOString(), closesAt: new Date(now.getTime() + 30 * 86_400_000).toISOString() }),
  );
  periodId = p.id;
  // the office that bills it, 18 € a day
  const at = now.toISOString();
  await portal.ctx.db
    .insertInto('collection_office')
    .values({ id: 'office-stages', name: 'Régie des sports', code: 'SPO', address: null, payment_instructions: null, resident_postal_codes: '', resident_insee_codes: '', payment_term_days: 30, created_at: at, updated_at: at })
    .execute();
  await portal.ctx.db.insertInto('office_activity').values({ activity_id: a.id, office_id: 'office-stages' }).execute();
  const rule = { bands: [{ upToQuotient: null, residentCents: 1800, nonResidentCents: 1800 }], siblingReductionsPercent: [], lateBooking: null, unbookedPresence: null, unjustifiedAbsenceCharged: true };
  await portal.ctx.db.insertInto('tariff').values({ unit_id: unit.id, activity_id: a.id, rule: JSON.stringify(rule), updated_at: at, updated_by: 'e2e' }).execute();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await portal?.close();
  printAxeSummary('pay-at-booking.e2e.ts');
});

const cell = (page: Page, day: string) => page.getByRole('button', { name: new RegExp(`^${esc(`${dayLabel(day)}, Journée : `)}`) });

async function bookDays(page: Page, days: string[]) {
  await page.goto(`${portal.baseUrl}/famille/reservations/planning/${childId}/${activityId}/${periodId}`);
  await cell(page, days[0]!).waitFor();
  for (const d of days) await cell(page, d).click();
  await page.getByRole('button', { name: 'Suivant', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Vérifier ma demande' }).waitFor();
  await page.getByRole('button', { name: 'Valider' }).click();
  await page.getByRole('heading', { level: 1, name: 'Réservation enregistrée' }).waitFor();
}

describe('paiement à la réservation', () => {
  it('staff tick « Paiement à la réservation » on the activity, with the holding minutes', async () => {
    const page = await openPage(browser);
    await signIn(page, portal.baseUrl, ADMIN_EMAIL, PASSWORD);
    await page.waitForURL(/\/agent/);
    await page.goto(`${portal.baseUrl}/agent/catalogue/activites/${activityId}`);
    await page.getByRole('group', { name: 'Paiement à la réservation' }).waitFor();
    await page.getByRole('checkbox', { name: 'Les familles paient en ligne au moment de réserver' }).check();
    const minutes = page.getByLabel(/Durée de garde des places/);
    await minutes.fill('2');
    await page.getByRole('button', { name: 'Enregistrer l’activité' }).click();
    await page.getByText('entre 5 et 1440').first().waitFor();
    await expectNoAxeViolations(page, 'activité : paiement à la réservation, erreur');
    await minutes.fill('30');
    await page.getByRole('button', { name: 'Enregistrer l’activité' }).click();
    await expect.poll(async () => (await catalog.findActivity(portal.ctx.db, activityId))?.pay_at_booking).toBe(1);
    await expectNoAxeViolations(page, 'activité : paiement à la réservation');
    await page.context().close();
  });

  it('the family books, sees its places held with the time left, pays at the demo bank and sees the days confirmed and the invoice paid', async () => {
    const page = await openPage(browser);
    await signIn(page, portal.baseUrl, family.email, PASSWORD);
    await page.waitForURL(/\/famille$/);
    await bookDays(page, [start, addDays(start, 1)]);
    const held = page.getByRole('status').filter({ hasText: 'Payer maintenant — vos places sont gardées jusqu’à' });
    await held.waitFor();
    expect(await held.textContent()).toMatch(/Il reste (29|30) minutes pour payer\./);
    await expectNoAxeViolations(page, 'récapitulatif : panier à payer');
    await page.getByRole('link', { name: 'Voir le panier à payer' }).click();
    await page.getByRole('heading', { level: 1, name: `Panier — ${ACTIVITY}` }).waitFor();
    const table = page.getByRole('table', { name: 'Journées du panier' });
    expect(await table.textContent()).toContain('36,00');
    expect(await table.textContent()).toContain('Gardée, en attente de paiement');
    await expectNoAxeViolations(page, 'panier en attente de paiement');
    await page.getByRole('button', { name: /Payer maintenant \(36,00/ }).click();
    await page.waitForURL(/\/demo-bank\//, { timeout: 30_000 });
    await page.getByRole('button', { name: 'Simuler un paiement accepté' }).click();
    await page.waitForURL(/\/famille\/paiements\//, { timeout: 30_000 });
    await page.getByText('Règlement validé').first().waitFor({ timeout: 20_000 });
    await expectNoAxeViolations(page, 'retour de la banque : panier payé');
    // the basket: paid, its days confirmed
    const basketId = (await portal.ctx.db.selectFrom('booking_basket').select('id').where('family_id', '=', family.familyId).executeTakeFirstOrThrow()).id;
    await page.goto(`${portal.baseUrl}/famille/paniers/${basketId}`);
    await page.getByText('Panier payé : vos journées sont confirmées').waitFor();
    expect(await page.getByRole('table', { name: 'Journées du panier' }).textContent()).toContain('Confirmée et payée');
    await expectNoAxeViolations(page, 'panier payé');
    // « Mes Factures & Paiements »: the invoice paid, the basket listed
    await page.goto(`${portal.baseUrl}/famille/factures`);
    await page.getByRole('heading', { level: 1, name: 'Mes Factures & Paiements' }).waitFor();
    await page.getByRole('heading', { name: 'Paniers à payer à la réservation' }).waitFor();
    const inv = await portal.ctx.db.selectFrom('invoice').select(['paid_cents', 'total_cents']).where('family_id', '=', family.familyId).executeTakeFirstOrThrow();
    expect(inv.paid_cents).toBe(inv.total_cents);
    await expectNoAxeViolations(page, 'mes factures : panier payé');

    // a paid day cancelled inside the deadline: the place is freed and its price becomes the family's credit
    await page.goto(`${portal.baseUrl}/famille/reservations/planning/${childId}/${activityId}/${periodId}`);
    await cell(page, start).click();
    await page.getByRole('button', { name: 'Suivant', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Vérifier ma demande' }).waitFor();
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByRole('heading', { level: 1, name: 'Demande d’annulation enregistrée' }).waitFor();
    await expectNoAxeViolations(page, 'journée payée annulée');
    await page.goto(`${portal.baseUrl}/famille/factures`);
    await page.getByRole('heading', { level: 1, name: 'Mes Factures & Paiements' }).waitFor();
    await page.getByText(/Avoir disponible auprès de la régie : 18,00\s€\./).waitFor();
    await expectNoAxeViolations(page, 'mes factures : avoir de la journée annulée');
    const booked = await portal.ctx.db.selectFrom('booking').select('day').where('child_id', '=', childId).where('state', '=', 'accepted').execute();
    expect(booked.map((b) => b.day)).toEqual([addDays(start, 1)]);
    await page.context().close();
  });

  it('a basket left unpaid releases its places; the family reads why; staff see the baskets', async () => {
    const page = await openPage(browser);
    await signIn(page, portal.baseUrl, family.email, PASSWORD);
    await page.waitForURL(/\/famille$/);
    await bookDays(page, [addDays(start, 2)]);
    await page.getByRole('status').filter({ hasText: 'Payer maintenant' }).waitFor();
    // the hold runs out (its end moved to the past) and the job passes
    await portal.ctx.db.updateTable('booking_basket').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('family_id', '=', family.familyId).where('state', '=', 'held').execute();
    await expireDueBaskets(portal.ctx);
    const expired = (await portal.ctx.db.selectFrom('booking_basket').select('id').where('family_id', '=', family.familyId).where('state', '=', 'expired').executeTakeFirstOrThrow()).id;
    await page.goto(`${portal.baseUrl}/famille/paniers/${expired}`);
    await page.getByText('Délai de paiement dépassé : places libérées').waitFor();
    await expectNoAxeViolations(page, 'panier expiré');
    await page.context().close();

    const staff = await openPage(browser);
    await signIn(staff, portal.baseUrl, ADMIN_EMAIL, PASSWORD);
    await staff.waitForURL(/\/agent/);
    await staff.goto(`${portal.baseUrl}/agent/familles/${family.familyId}/recouvrement`);
    const list = staff.getByRole('region', { name: 'Paniers à payer à la réservation' });
    await list.getByRole('table').waitFor();
    const text = await list.textContent();
    expect(text).toContain('Payé');
    expect(text).toContain('Expiré');
    await expectNoAxeViolations(staff, 'agents : paniers de la famille');
    await staff.context().close();
    void establishmentId;
  });
});
