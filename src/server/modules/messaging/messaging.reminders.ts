import type { AppContext } from '../../context.js';
import { isoNow } from '../../clock.js';
import { affected, writeTransaction } from '../../db/write.js';
import { addDays, mondayOf, parisDateOf, parisTimeOf, weekdayOf } from '../../../shared/calendar/paris-time.js';
import { deadlineFor } from '../../../shared/calendar/deadlines.js';
import { listActivities, listPeriods, toActivityConfig } from '../catalog/catalog.service.js';
import { bookedDaysOfFamilies } from '../booking/booking.audiences.js';
import { activeFamilyIds } from '../account/account.audiences.js';
import { familyLogin } from '../account/account.logins.js';
import { enqueueMail } from '../mail/mail.service.js';
import type { MessagesMail } from './messaging.mails.js';

/**
 * Reminders before deadlines (issue 14, docs/messages.md), a periodic job:
 * - « Rien n'est réservé pour la semaine prochaine » — from Thursday to Sunday, to the families that booked in the
 *   last four weeks and have nothing booked the next week (key `week:<monday>`);
 * - « La date limite de réservation de mercredi est demain 12h » — the day before an activity's booking cut-off, to
 *   the families that use the activity (a booking in the last four weeks or to come) and have not booked the days
 *   that cut-off closes (key `deadline:<activity>:<cut-off instant>`).
 * At most once per family and deadline, whatever the number of instances: `reminder_log` has PRIMARY KEY (family,
 * key); the row is inserted `ON CONFLICT DO NOTHING` and only the transaction that inserted it enqueues the mail
 * (shape 1 of docs/write-discipline.md). The family's choices (kind « deadline_reminder ») decide the channels.
 * Not before 9:00 Paris: nobody is woken by a reminder.
 */

const HORIZON_DAYS = 21;

async function remindOnce(ctx: AppContext, familyId: string, key: string, mail: MessagesMail): Promise<boolean> {
  return writeTransaction(ctx, async (trx) => {
    const r = await trx
      .insertInto('reminder_log')
      .values({ family_id: familyId, deadline_key: key, sent_at: isoNow(ctx.clock) })
      .onConflict((oc) => oc.columns(['family_id', 'deadline_key']).doNothing())
      .executeTakeFirst();
    if (affected(r) !== 1) return false;
    const login = await familyLogin(trx, familyId);
    if (!login || login.status !== 'active') return false;
    await enqueueMail(trx, ctx, login.email, mail, familyId);
    return true;
  });
}

export async function sendDeadlineReminders(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  if (parisTimeOf(now) < '09:00') return 0;
  const today = parisDateOf(now);
  const tomorrow = addDays(today, 1);
  const url = `${ctx.config.publicUrl}/famille`;
  const active = new Set(await activeFamilyIds(ctx.db));
  let sent = 0;

  // 1. nothing booked next week
  if (weekdayOf(today) >= 4) {
    const monday = addDays(mondayOf(today), 7);
    const recent = await bookedDaysOfFamilies(ctx.db, addDays(today, -28), today);
    const next = await bookedDaysOfFamilies(ctx.db, monday, addDays(monday, 6));
    for (const familyId of recent.keys())
      if (active.has(familyId) && !next.has(familyId) && (await remindOnce(ctx, familyId, `week:${monday}`, { template: 'messages.reminder_week', monday, url }))) sent++;
  }

  // 2. a booking cut-off tomorrow
  const periods = await listPeriods(ctx.db);
  for (const row of await listActivities(ctx.db)) {
    const activity = toActivityConfig(row);
    const rule = activity.bookingPolicy.deadline;
    if (rule.kind === 'none' || rule.kind === 'closed') continue;
    const mine = periods.filter((p) => p.activity_id === activity.id);
    const byCutoff = new Map<string, string[]>();
    for (let i = 1; i <= HORIZON_DAYS; i++) {
      const day = addDays(today, i);
      if (!activity.openWeekdays.includes(weekdayOf(day))) continue;
      if (!mine.some((p) => p.start_day <= day && day <= p.end_day)) continue;
      const cutoff = deadlineFor(rule, day);
      if (!cutoff || parisDateOf(cutoff) !== tomorrow) continue;
      const key = cutoff.toISOString();
      byCutoff.set(key, [...(byCutoff.get(key) ?? []), day]);
    }
    if (!byCutoff.size) continue;
    const users = await bookedDaysOfFamilies(ctx.db, addDays(today, -28), addDays(today, HORIZON_DAYS + 7), activity.id);
    for (const [cutoffIso, days] of byCutoff) {
      const cutoff = new Date(cutoffIso);
      for (const [familyId, booked] of users) {
        if (!active.has(familyId) || days.every((d) => booked.has(d))) continue;
        const mail: MessagesMail = {
          template: 'messages.reminder_deadline',
          activityName: activity.name,
          days: days.filter((d) => !booked.has(d)),
          cutoffDay: parisDateOf(cutoff),
          cutoffTime: parisTimeOf(cutoff),
          url,
        };
        if (await remindOnce(ctx, familyId, `deadline:${activity.id}:${cutoffIso}`, mail)) sent++;
      }
    }
  }
  return sent;
}
