import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { DeadlinePolicy } from '../../../shared/booking-contracts.js';
import { addDays, mondayOf, parisDateOf, weekdayOf } from '../../../shared/calendar/paris-time.js';
import * as repo from './catalog.repo.js';
import { writeTransaction } from '../../db/write.js';

/** The first Monday on or after 6 July — French summer holidays begin in the first week of July — not yet begun. */
export function summerMondayAfter(today: string): string {
  for (let year = Number(today.slice(0, 4)); ; year++) {
    const july6 = `${year}-07-06`;
    const monday = addDays(july6, (8 - weekdayOf(july6)) % 7);
    if (monday > today) return monday;
  }
}

const policy = (deadline: DeadlinePolicy['deadline'], inside: 'accept' | 'request', after: 'request' | 'refuse'): string =>
  JSON.stringify({ deadline, insideDeadline: inside, afterDeadline: after } satisfies DeadlinePolicy);

/**
 * Demo catalog (demo mode, empty database only — called by demo/seed.ts): « Groupe scolaire Jules Ferry »
 * (périscolaire matin/soir, restauration scolaire) and « Centre de loisirs Les Tilleuls » (mercredis, vacances
 * d'été), with periods whose booking window is open now, relative to the clock, so the demo family can book at once.
 */
export async function seedCatalogDemo(ctx: AppContext): Promise<void> {
  const nowDate = ctx.clock.now();
  const now = nowDate.toISOString();
  const today = parisDateOf(nowDate);
  const thisMonday = mondayOf(today);
  const openedYesterday = new Date(nowDate.getTime() - 86_400_000).toISOString();
  await writeTransaction(ctx, async (trx) => {
    const establishment = async (name: string, address: string) => {
      const id = randomUUID();
      await repo.insertEstablishment(trx, { id, name, address, created_at: now, updated_at: now });
      return id;
    };
    const activity = async (
      establishmentId: string,
      a: { name: string; kind: string; weekdays: number[]; min: number | null; max: number | null; holidays: 'ignore' | 'closed' | 'only'; booking: string; cancellation: string; waitlist: 'auto' | 'staff'; payAtBooking?: boolean },
      units: [string, string, number, string | null, string][],
      period: { label: string; start: string; end: string; opensAt?: string; closesAt: string },
    ) => {
      const id = randomUUID();
      await repo.insertActivity(trx, {
        id,
        establishment_id: establishmentId,
        name: a.name,
        kind: a.kind,
        min_age: a.min,
        max_age: a.max,
        open_weekdays: a.weekdays.join(','),
        school_holidays: a.holidays,
        booking_policy: a.booking,
        cancellation_policy: a.cancellation,
        waitlist_mode: a.waitlist,
        pay_at_booking: a.payAtBooking ? 1 : 0,
        hold_minutes: 30,
        created_at: now,
        updated_at: now,
      });
      let position = 0;
      for (const [code, label, capacity, requires, excludes] of units)
        await repo.insertUnit(trx, { id: randomUUID(), activity_id: id, code, label, position: position++, default_capacity: capacity, requires_code: requires, excludes_codes: excludes, start_time: null });
      await repo.insertPeriod(trx, {
        id: randomUUID(),
        activity_id: id,
        label: period.label,
        start_day: period.start,
        end_day: period.end,
        opens_at: period.opensAt ?? openedYesterday,
        closes_at: period.closesAt,
      });
      return id;
    };

    const school = await establishment('Groupe scolaire Jules Ferry', '2 rue de l’École, 59560 Comines');
    const centre = await establishment('Centre de loisirs Les Tilleuls', '14 allée des Tilleuls, 59560 Comines');
    const termEnd = addDays(thisMonday, 8 * 7 - 3); // eight school weeks, Monday to Friday
    const closesAt = new Date(Date.parse(`${termEnd}T12:00:00Z`)).toISOString();
    const laVeille18h = { kind: 'daysBefore' as const, days: 1, skip: 'none' as const, at: '18:00' };
    const j2 = { kind: 'daysBefore' as const, days: 2, skip: 'weekends' as const, at: '12:00' };

    await activity(
      school,
      { name: 'Accueil périscolaire', kind: 'periscolaire', weekdays: [1, 2, 4, 5], min: 3, max: 11, holidays: 'closed', booking: policy(laVeille18h, 'accept', 'refuse'), cancellation: policy(laVeille18h, 'accept', 'request'), waitlist: 'auto' },
      [
        ['matin', 'Matin (7 h 30 – 8 h 30)', 40, null, ''],
        ['soir', 'Soir (16 h 30 – 18 h 30)', 50, null, ''],
      ],
      { label: 'Périscolaire — période en cours', start: thisMonday, end: termEnd, closesAt },
    );
    await activity(
      school,
      { name: 'Restauration scolaire', kind: 'restauration', weekdays: [1, 2, 4, 5], min: 3, max: 11, holidays: 'closed', booking: policy(j2, 'accept', 'refuse'), cancellation: policy(j2, 'accept', 'request'), waitlist: 'auto' },
      [['repas', 'Repas du midi', 120, null, '']],
      { label: 'Cantine — période en cours', start: thisMonday, end: termEnd, closesAt },
    );
    const mercredis = await activity(
      centre,
      {
        name: 'Accueil de loisirs du mercredi',
        kind: 'mercredi',
        weekdays: [3],
        min: 3,
        max: 12,
        holidays: 'closed',
        booking: policy({ kind: 'weekdayOfPreviousWeek', weekday: 2, at: '23:59' }, 'accept', 'request'),
        cancellation: policy({ kind: 'weekdayOfPreviousWeek', weekday: 2, at: '23:59' }, 'accept', 'request'),
        waitlist: 'auto',
        // issue 13: « paiement à la réservation » — booked Wednesdays held 30 minutes while the family pays online
        payAtBooking: true,
      },
      [
        ['matin', 'Matin', 24, null, ''],
        ['repas', 'Repas (avec la matinée)', 24, 'matin', ''],
        ['apres_midi', 'Après-midi', 24, null, ''],
      ],
      { label: 'Mercredis — période en cours', start: thisMonday, end: termEnd, closesAt },
    );
    // issue 17: the summer holidays in summer — the Monday on or after 6 July (this year's, or next year's once
    // that one has begun), four weeks; their booking window is open from now on, as a city opens them in spring
    const summerStart = summerMondayAfter(today);
    await activity(
      centre,
      {
        name: 'Vacances d’été',
        kind: 'ete',
        weekdays: [1, 2, 3, 4, 5],
        min: 3,
        max: 14,
        holidays: 'ignore',
        booking: policy({ kind: 'daysBefore', days: 7, skip: 'none', at: '12:00' }, 'accept', 'refuse'),
        cancellation: policy({ kind: 'daysBefore', days: 15, skip: 'none', at: '12:00', clearDays: true }, 'accept', 'request'),
        waitlist: 'staff',
      },
      [
        ['journee', 'Journée avec repas', 30, null, 'matin'],
        ['matin', 'Matin', 10, null, 'journee'],
      ],
      { label: 'Été — 4 semaines', start: summerStart, end: addDays(summerStart, 4 * 7 - 3), closesAt: new Date(Date.parse(`${summerStart}T10:00:00Z`)).toISOString() },
    );
    await repo.insertClosure(trx, {
      id: randomUUID(),
      establishment_id: centre,
      activity_id: mercredis,
      day: addDays(thisMonday, 14 + 2),
      reason: 'Journée de formation des animateurs',
    });
  });
}
