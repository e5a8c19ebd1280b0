import { createHash, randomBytes, randomUUID } from 'node:crypto';
import ical from 'ical-generator';
import type { AppContext } from '../../context.js';
import { isoNow } from '../../clock.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import { isUniqueViolation } from '../../db/database.js';
import { writeTransaction } from '../../db/write.js';
import { addDays, parisDateOf } from '../../../shared/calendar/paris-time.js';
import { childNamesOfFamily, isChildOfFamily } from '../child/child.service.js';
import { listActivities, listClosures, listUnits } from '../catalog/catalog.service.js';
import { bookingsForFeed } from '../booking/booking.audiences.js';
import type { CalendarFeeds } from '../../../shared/messages-contracts.js';

/**
 * The family's calendar feed (issue 14, docs/messages.md): an iCalendar file (`ical-generator`) of its bookings and
 * of the closures of the activities it books, for one child or the whole family, at a secret URL
 * (`/api/calendar/<token>.ics`, 32 random bytes; only the token's SHA-256 is stored). Regenerating revokes the old
 * URL at once (one live feed per family and scope: a partial UNIQUE index, so two regenerations at once leave one).
 * Times are Europe/Paris wall times with the zone's VTIMEZONE. No health data: a child's first name, the activity,
 * the unit and its state.
 */

const VTIMEZONE_PARIS = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function listFeeds(ctx: AppContext, familyId: string): Promise<CalendarFeeds> {
  const children = await childNamesOfFamily(ctx.db, familyId);
  const live = await ctx.db.selectFrom('calendar_feed').selectAll().where('family_id', '=', familyId).where('revoked_at', 'is', null).execute();
  const scopes = [{ childId: null as string | null, childName: null as string | null }, ...children.map((c) => ({ childId: c.id, childName: c.first_name }))];
  return {
    feeds: scopes.map((s) => {
      const f = live.find((l) => l.child_id === s.childId);
      return { ...s, active: Boolean(f), createdAt: f?.created_at ?? null, lastUsedAt: f?.last_used_at ?? null };
    }),
  };
}

/** Creates the scope's feed, revoking the one before; the URL is shown once (only its hash is kept). */
export async function createFeed(ctx: AppContext, familyId: string, childId: string | null): Promise<{ url: string; webcalUrl: string }> {
  if (childId && !(await isChildOfFamily(ctx.db, childId, familyId))) throw new NotFoundError();
  const token = randomBytes(32).toString('base64url');
  const now = isoNow(ctx.clock);
  try {
    await writeTransaction(ctx, async (trx) => {
      let revoke = trx.updateTable('calendar_feed').set({ revoked_at: now }).where('family_id', '=', familyId).where('revoked_at', 'is', null);
      revoke = childId ? revoke.where('child_id', '=', childId) : revoke.where('child_id', 'is', null);
      await revoke.execute();
      await trx.insertInto('calendar_feed').values({ id: randomUUID(), family_id: familyId, child_id: childId, token_hash: hash(token), created_at: now, revoked_at: null, last_used_at: null }).execute();
    });
  } catch (err) {
    // another regeneration of the same scope committed in between: its URL is the live one
    if (isUniqueViolation(err)) throw new ConflictError('messages.feed_busy');
    throw err;
  }
  const url = `${ctx.config.publicUrl}/api/calendar/${token}.ics`;
  return { url, webcalUrl: url.replace(/^https?:/, 'webcal:') };
}

export async function revokeFeed(ctx: AppContext, familyId: string, childId: string | null): Promise<void> {
  let q = ctx.db.updateTable('calendar_feed').set({ revoked_at: isoNow(ctx.clock) }).where('family_id', '=', familyId).where('revoked_at', 'is', null);
  q = childId ? q.where('child_id', '=', childId) : q.where('child_id', 'is', null);
  await q.execute();
}

/** A Date whose local fields are the Paris wall time (ical-generator writes local fields under TZID). */
function wall(day: string, time: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return new Date(y, m - 1, d, hh, mm);
}

function addMinutes(time: string, minutes: number): string {
  const [hh, mm] = time.split(':').map(Number);
  const t = Math.min(hh * 60 + mm + minutes, 23 * 60 + 59);
  return `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
}

/** The feed of a token, or null (unknown or revoked: 404). From 60 days back to one year ahead. */
export async function renderFeed(ctx: AppContext, token: string): Promise<string | null> {
  const feed = await ctx.db.selectFrom('calendar_feed').selectAll().where('token_hash', '=', hash(token)).where('revoked_at', 'is', null).executeTakeFirst();
  if (!feed) return null;
  await ctx.db.updateTable('calendar_feed').set({ last_used_at: isoNow(ctx.clock) }).where('id', '=', feed.id).execute();
  const today = parisDateOf(ctx.clock.now());
  const from = addDays(today, -60);
  const to = addDays(today, 365);
  const [bookings, children, units, activities, closures] = await Promise.all([
    bookingsForFeed(ctx.db, feed.family_id, feed.child_id, from, to),
    childNamesOfFamily(ctx.db, feed.family_id),
    listUnits(ctx.db),
    listActivities(ctx.db),
    listClosures(ctx),
  ]);
  const childName = new Map(children.map((c) => [c.id, c.first_name]));
  const unitOf = new Map(units.map((u) => [u.id, u]));
  const activityOf = new Map(activities.map((a) => [a.id, a]));
  const cal = ical({
    name: feed.child_id ? `${ctx.config.city.name} — ${childName.get(feed.child_id) ?? ''}` : ctx.config.city.name,
    prodId: { company: 'Portail Familles', product: 'calendrier', language: 'FR' },
    timezone: { name: 'Europe/Paris', generator: () => VTIMEZONE_PARIS },
    ttl: 3600,
  });
  const stateWord: Record<string, string> = { accepted: 'réservé', pending: 'en attente de validation', waitlisted: 'liste d’attente' };
  for (const b of bookings) {
    const unit = unitOf.get(b.unitId);
    const activity = activityOf.get(b.activityId);
    const summary = `${childName.get(b.childId) ?? ''} — ${activity?.name ?? ''} (${unit?.label ?? ''})${b.state === 'accepted' ? '' : ` — ${stateWord[b.state]}`}`;
    const id = `${b.childId}-${b.unitId}-${b.day}@portail-familles`;
    if (unit?.start_time) {
      cal.createEvent({ id, start: wall(b.day, unit.start_time), end: wall(b.day, addMinutes(unit.start_time, 60)), timezone: 'Europe/Paris', summary, location: null });
    } else cal.createEvent({ id, start: wall(b.day, '00:00'), allDay: true, summary });
  }
  // closures of the establishments / activities the family books (one event a day)
  const booked = new Set(bookings.map((b) => b.activityId));
  const establishments = new Set([...booked].map((a) => activityOf.get(a)?.establishment_id).filter(Boolean));
  for (const c of closures) {
    if (c.day < from || c.day > to) continue;
    if (c.activityId ? !booked.has(c.activityId) : !establishments.has(c.establishmentId)) continue;
    const what = c.activityId ? (activityOf.get(c.activityId)?.name ?? '') : '';
    cal.createEvent({ id: `closure-${c.id}@portail-familles`, start: wall(c.day, '00:00'), allDay: true, summary: `Fermeture${what ? ` — ${what}` : ''} : ${c.reason}` });
  }
  return cal.toString();
}
