import type { AppContext } from '../../context.js';
import type { Actor } from '../audit/audit.service.js';
import * as catalog from '../catalog/catalog.service.js';
import { summerMondayAfter } from '../catalog/catalog.demo.js';
import { childNamesOfFamily } from '../child/child.service.js';
import { activityInput, periodInput, unitInput } from '../../../shared/booking-contracts.js';
import { addDays, parisDateOf } from '../../../shared/calendar/paris-time.js';
import { createCampaign, saveWishes } from './campaign.service.js';

/**
 * Demo request campaign (issue 12, demo mode, empty database only — called by demo/seed.ts): « Séjours nature » at the
 * Centre de loisirs Les Tilleuls, two summer weeks, opened as a « campagne de demandes » whose window is open now
 * (two weeks from yesterday): the demo family submits its requests in the planning; a family sharing Nina has already
 * asked for a few days, so staff can simulate at once. To publish, staff move the close to a past minute on the
 * campaign's page (docs/fair-opening.md, « Try it »).
 */
export async function seedCampaignDemo(ctx: AppContext, admin: Actor, requester: { familyId: string; accountId: string; email: string } | null): Promise<void> {
  const now = ctx.clock.now();
  const today = parisDateOf(now);
  const establishment = (await catalog.listEstablishments(ctx.db)).find((e) => e.name === 'Centre de loisirs Les Tilleuls');
  if (!establishment) return;
  const open = { deadline: { kind: 'none' as const }, insideDeadline: 'accept' as const, afterDeadline: 'refuse' as const };
  const activity = await catalog.createActivity(
    ctx,
    admin,
    activityInput.parse({
      establishmentId: establishment.id,
      name: 'Séjours nature',
      kind: 'ete',
      openWeekdays: [1, 2, 3, 4, 5],
      minAge: 6,
      maxAge: 12,
      schoolHolidays: 'ignore',
      bookingPolicy: open,
      cancellationPolicy: open,
      waitlistMode: 'auto',
    }),
  );
  const unit = await catalog.createUnit(ctx, admin, activity.id, unitInput.parse({ code: 'journee', label: 'Journée nature', position: 0, defaultCapacity: 4 }));
  const start = addDays(summerMondayAfter(today), 14);
  const period = await catalog.createPeriod(
    ctx,
    admin,
    activity.id,
    periodInput.parse({
      label: 'Séjours nature — 2 semaines',
      startDay: start,
      endDay: addDays(start, 11),
      opensAt: new Date(now.getTime() - 2 * 86_400_000).toISOString(),
      closesAt: new Date(Date.parse(`${start}T10:00:00Z`)).toISOString(),
    }),
  );
  const campaign = await createCampaign(ctx, admin, {
    periodId: period.id,
    mode: 'requests',
    opensAt: new Date(now.getTime() - 86_400_000).toISOString(),
    residentOpensAt: null,
    closesAt: new Date(now.getTime() + 14 * 86_400_000).toISOString(),
    residentTowns: ['59152'],
    eligibility: { residentsOnly: false, minAge: 6, maxAge: 12, schoolClasses: [], requiredFlags: [], documentsRequired: false, maxDaysPerWeek: 3, maxDaysPerPeriod: null },
    criteria: [
      { criterion: 'residence', weight: 10 },
      { criterion: 'single_parent_working', weight: 5 },
      { criterion: 'quotient_band', weight: 2 },
    ],
    siblingsTogether: true,
    seedText: 'Arrêté municipal n° 2026-142 (démonstration)',
  });
  if (!requester) return;
  // a household that already asked: its children's first two days, the first one preferred
  for (const child of await childNamesOfFamily(ctx.db, requester.familyId)) {
    await saveWishes(
      ctx,
      { familyId: requester.familyId, accountId: requester.accountId, email: requester.email, accountStatus: 'active' },
      campaign.id,
      child.id,
      {
        wishes: [
          { unitId: unit.id, day: start, preference: 1 },
          { unitId: unit.id, day: addDays(start, 1), preference: 2 },
        ],
      },
      'fr',
    ).catch(() => undefined); // a child outside the ages asks nothing
  }
}
