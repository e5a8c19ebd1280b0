import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { isoNow } from '../../clock.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import { affected, writeTransaction, type Executor } from '../../db/write.js';
import { foldText } from '../../db/text-fold.js';
import { addDays, parisDateOf } from '../../../shared/calendar/paris-time.js';
import { activeFamilyIds } from '../account/account.audiences.js';
import { familyLoginEmails } from '../account/account.logins.js';
import { familyNames } from '../family/family.service.js';
import { childrenOfFamilies } from '../child/child.service.js';
import { listActivities, listEstablishments, listPeriods, listUnits, findPeriod, findUnit } from '../catalog/catalog.service.js';
import { familiesWithBookings } from '../booking/booking.audiences.js';
import { activeDocumentTypes, familiesMissingDocuments } from '../document/document.audiences.js';
import { familiesInDebt } from '../billing/billing.audiences.js';
import { recordAudit, type Actor } from '../audit/audit.service.js';
import { enqueueMails } from '../mail/mail.service.js';
import type { Announcement, Audience, AudienceChoices, AudiencePreview, NewsItem } from '../../../shared/messages-contracts.js';

/**
 * Announcements (issue 14, docs/messages.md): a message to an audience computed from the other modules' services
 * (booking, catalog, documents, billing, accounts), previewed (count and names) before sending, then delivered in
 * batches — a copy in each family's portal messages and a mail through the outbox (per the family's choices).
 *
 * Write discipline: the announcement is inserted with the page's idempotency key (UNIQUE: a double click or a retry
 * sends it once) together with one `announcement_recipient` row per family (PRIMARY KEY announcement × family). The
 * batches (`deliverAnnouncements`, right after the send and as a job) take pending recipients `FOR UPDATE SKIP
 * LOCKED` on PostgreSQL, mark each delivered by a conditional UPDATE and insert the family's copy under a UNIQUE
 * (announcement, family): two instances delivering at once never write to a family twice.
 */

export const ANNOUNCEMENT_BATCH = 200;
/** The topic id of announcement copies in the families' threads (not a staff topic). */
export const ANNOUNCEMENT_TOPIC = 'announcement';

// ---------- audiences ----------

export async function audienceChoices(ctx: AppContext): Promise<AudienceChoices> {
  const [establishments, activities, units, periods, documentTypes] = await Promise.all([
    listEstablishments(ctx.db),
    listActivities(ctx.db),
    listUnits(ctx.db),
    listPeriods(ctx.db),
    activeDocumentTypes(ctx.db),
  ]);
  return {
    establishments: establishments.map((e) => ({ id: e.id, name: e.name })),
    activities: activities.map((a) => ({
      id: a.id,
      name: a.name,
      units: units.filter((u) => u.activity_id === a.id).map((u) => ({ id: u.id, label: u.label })),
      periods: periods.filter((p) => p.activity_id === a.id).map((p) => ({ id: p.id, label: p.label })),
    })),
    documentTypes,
  };
}

/** The families an audience reaches today: those with an active login, among the audience's rule. */
export async function resolveAudience(ctx: AppContext, audience: Audience): Promise<string[]> {
  const db = ctx.db;
  const today = parisDateOf(ctx.clock.now());
  const active = await activeFamilyIds(db);
  const activeSet = new Set(active);
  const keep = (ids: string[]) => [...new Set(ids)].filter((id) => activeSet.has(id)).sort();
  switch (audience.kind) {
    case 'all':
      return active;
    case 'establishment': {
      const activities = (await listActivities(db)).filter((a) => a.establishment_id === audience.establishmentId);
      if (!(await listEstablishments(db)).some((e) => e.id === audience.establishmentId))
        throw new ValidationError([{ path: 'audience.establishmentId', code: 'messages.audience_unknown' }]);
      // the establishment's families: a booking there this past year or to come
      return keep(await familiesWithBookings(db, { activityIds: activities.map((a) => a.id), from: addDays(today, -365) }));
    }
    case 'booked': {
      let activityIds: string[] | undefined = audience.activityId ? [audience.activityId] : undefined;
      let from: string | undefined = audience.day;
      let to: string | undefined = audience.day;
      if (audience.unitId) {
        const unit = await findUnit(db, audience.unitId);
        if (!unit || (audience.activityId && unit.activity_id !== audience.activityId))
          throw new ValidationError([{ path: 'audience.unitId', code: 'messages.audience_unknown' }]);
        activityIds = [unit.activity_id];
      }
      if (audience.periodId) {
        const p = await findPeriod(db, audience.periodId);
        if (!p || (activityIds && !activityIds.includes(p.activity_id))) throw new ValidationError([{ path: 'audience.periodId', code: 'messages.audience_unknown' }]);
        activityIds = [p.activity_id];
        from = from && from > p.start_day ? from : p.start_day;
        to = to && to < p.end_day ? to : p.end_day;
      }
      if (activityIds && !(await listActivities(db)).some((a) => a.id === activityIds![0]))
        throw new ValidationError([{ path: 'audience.activityId', code: 'messages.audience_unknown' }]);
      if (!activityIds && !audience.day) throw new ValidationError([{ path: 'audience', code: 'messages.audience_incomplete' }]);
      // an activity alone: the bookings still to come
      if (!from && !to) from = today;
      return keep(await familiesWithBookings(db, { activityIds, unitId: audience.unitId, from, to }));
    }
    case 'missing_document': {
      const candidates: { familyId: string; childIds: string[] }[] = [];
      for (let i = 0; i < active.length; i += 500) {
        const chunk = active.slice(i, i + 500);
        const children = await childrenOfFamilies(db, chunk);
        for (const f of chunk) candidates.push({ familyId: f, childIds: children.filter((c) => c.family_id === f).map((c) => c.id) });
      }
      return keep(await familiesMissingDocuments(db, candidates, today, audience.documentTypeId));
    }
    case 'in_debt':
      return keep(await familiesInDebt(db, today));
  }
}

export async function previewAudience(ctx: AppContext, audience: Audience): Promise<AudiencePreview> {
  const ids = await resolveAudience(ctx, audience);
  const names = await familyNames(ctx.db, ids.slice(0, 2000));
  const families = ids
    .map((id) => ({ id, name: names.get(id) ?? '' }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
    .slice(0, 200);
  return { count: ids.length, families };
}

// ---------- sending ----------

function toView(a: { id: string; subject: string; body: string; audience: string; state: 'sending' | 'sent'; recipients: number; delivered: number; created_at: string; created_by: string; sent_at: string | null }): Announcement {
  return {
    id: a.id,
    subject: a.subject,
    body: a.body,
    audience: JSON.parse(a.audience) as Audience,
    state: a.state,
    recipients: Number(a.recipients),
    delivered: Number(a.delivered),
    createdAt: a.created_at,
    createdBy: a.created_by,
    sentAt: a.sent_at,
  };
}

export async function listAnnouncements(ctx: AppContext): Promise<Announcement[]> {
  return (await ctx.db.selectFrom('announcement').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(100).execute()).map(toView);
}

/** Sends an announcement: recorded with its recipients at once, then delivered by batches (the first right away). */
export async function sendAnnouncement(
  ctx: AppContext,
  actor: Actor,
  input: { subject: string; body: string; audience: Audience; idempotencyKey: string },
): Promise<Announcement> {
  const families = await resolveAudience(ctx, input.audience);
  if (!families.length) throw new ValidationError([{ path: 'audience', code: 'messages.audience_empty' }]);
  const id = randomUUID();
  const now = isoNow(ctx.clock);
  const created = await writeTransaction(ctx, async (trx) => {
    const r = await trx
      .insertInto('announcement')
      .values({
        id,
        subject: input.subject,
        body: input.body,
        audience: JSON.stringify(input.audience),
        state: 'sending',
        recipients: families.length,
        delivered: 0,
        idempotency_key: input.idempotencyKey,
        created_by: actor.id,
        created_at: now,
        sent_at: null,
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .executeTakeFirst();
    if (affected(r) !== 1) return false;
    for (let i = 0; i < families.length; i += 500)
      await trx
        .insertInto('announcement_recipient')
        .values(families.slice(i, i + 500).map((family_id) => ({ announcement_id: id, family_id, state: 'pending' as const, delivered_at: null })))
        .execute();
    await recordAudit(trx, ctx.clock, actor, { action: 'announcement.sent', targetType: 'announcement', targetId: id, details: { recipients: families.length, audience: input.audience.kind } });
    return true;
  });
  const row = created
    ? await ctx.db.selectFrom('announcement').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    : await ctx.db.selectFrom('announcement').selectAll().where('idempotency_key', '=', input.idempotencyKey).executeTakeFirst();
  if (!row) throw new NotFoundError();
  if (created) await deliverAnnouncementBatch(ctx);
  return toView((await ctx.db.selectFrom('announcement').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow()));
}

/**
 * One batch: up to ANNOUNCEMENT_BATCH pending recipients, each given its portal copy and its mail, in one
 * transaction. Returns how many families it delivered to.
 */
export async function deliverAnnouncementBatch(ctx: AppContext): Promise<number> {
  return writeTransaction(ctx, async (trx) => {
    let q = trx
      .selectFrom('announcement_recipient')
      .select(['announcement_id', 'family_id'])
      .where('state', '=', 'pending')
      .orderBy('announcement_id')
      .orderBy('family_id')
      .limit(ANNOUNCEMENT_BATCH);
    if (ctx.dialect === 'postgres') q = q.forUpdate().skipLocked();
    const batch = await q.execute();
    if (!batch.length) return 0;
    const now = isoNow(ctx.clock);
    const announcements = new Map(
      (await trx.selectFrom('announcement').selectAll().where('id', 'in', [...new Set(batch.map((b) => b.announcement_id))]).execute()).map((a) => [a.id, a]),
    );
    const emails = await familyLoginEmails(trx, batch.map((b) => b.family_id));
    const names = await familyNames(trx, batch.map((b) => b.family_id));
    const mails: Parameters<typeof enqueueMails>[2] = [];
    let delivered = 0;
    const perAnnouncement = new Map<string, number>();
    for (const b of batch) {
      const a = announcements.get(b.announcement_id)!;
      const done = await trx
        .updateTable('announcement_recipient')
        .set({ state: 'delivered', delivered_at: now })
        .where('announcement_id', '=', b.announcement_id)
        .where('family_id', '=', b.family_id)
        .where('state', '=', 'pending')
        .executeTakeFirst();
      if (affected(done) !== 1) continue;
      const threadId = randomUUID();
      const copy = await trx
        .insertInto('message_thread')
        .values({
          id: threadId,
          family_id: b.family_id,
          topic_id: ANNOUNCEMENT_TOPIC,
          subject: a.subject,
          kind: 'announcement',
          state: 'open',
          waiting_on: 'none',
          assigned_to: null,
          announcement_id: a.id,
          created_at: now,
          created_by: a.created_by,
          last_message_at: now,
          search_text: foldText(`${a.subject} ${names.get(b.family_id) ?? ''}`),
        })
        .onConflict((oc) => oc.columns(['announcement_id', 'family_id']).where('announcement_id', 'is not', null).doNothing())
        .executeTakeFirst();
      if (affected(copy) === 1)
        await trx
          .insertInto('message')
          .values({ id: randomUUID(), thread_id: threadId, author_kind: 'staff', author_id: a.created_by, author_name: ctx.config.city.name, internal: 0, body: a.body, client_key: null, created_at: now })
          .execute();
      const to = emails.get(b.family_id);
      if (to && affected(copy) === 1)
        mails.push({ to, familyId: b.family_id, mail: { template: 'messages.announcement', subject: a.subject, body: a.body, url: `${ctx.config.publicUrl}/famille/messages/${threadId}` } });
      delivered++;
      perAnnouncement.set(a.id, (perAnnouncement.get(a.id) ?? 0) + 1);
    }
    if (mails.length) await enqueueMails(trx, ctx, mails);
    for (const [aid, n] of perAnnouncement) {
      await trx.updateTable('announcement').set((eb) => ({ delivered: eb('delivered', '+', n) })).where('id', '=', aid).execute();
      const left = await trx.selectFrom('announcement_recipient').select('family_id').where('announcement_id', '=', aid).where('state', '=', 'pending').limit(1).executeTakeFirst();
      if (!left) await trx.updateTable('announcement').set({ state: 'sent', sent_at: now }).where('id', '=', aid).where('state', '=', 'sending').execute();
    }
    return delivered;
  });
}

/** The job: batches until none is pending (bounded per run). */
export async function deliverAnnouncements(ctx: AppContext): Promise<number> {
  let total = 0;
  for (let i = 0; i < 25; i++) {
    const n = await deliverAnnouncementBatch(ctx);
    total += n;
    if (n === 0) break;
  }
  return total;
}

// ---------- news (« Actualités ») ----------

function newsView(n: { id: string; title: string; body: string; publish_from: string; publish_until: string | null }): NewsItem {
  return { id: n.id, title: n.title, body: n.body, publishFrom: n.publish_from, publishUntil: n.publish_until };
}

export async function listNews(db: Executor): Promise<NewsItem[]> {
  return (await db.selectFrom('news_item').selectAll().orderBy('publish_from', 'desc').orderBy('id').limit(200).execute()).map(newsView);
}

/** What families see today (Paris): published from ≤ today, until ≥ today or open-ended; newest first. */
export async function currentNews(ctx: AppContext): Promise<NewsItem[]> {
  const today = parisDateOf(ctx.clock.now());
  const rows = await ctx.db
    .selectFrom('news_item')
    .selectAll()
    .where('publish_from', '<=', today)
    .where((eb) => eb.or([eb('publish_until', 'is', null), eb('publish_until', '>=', today)]))
    .orderBy('publish_from', 'desc')
    .orderBy('created_at', 'desc')
    .limit(10)
    .execute();
  return rows.map(newsView);
}

export async function saveNews(
  ctx: AppContext,
  actor: Actor,
  newsId: string | null,
  input: { title: string; body: string; publishFrom: string; publishUntil: string | null },
): Promise<NewsItem> {
  const id = newsId ?? randomUUID();
  const now = isoNow(ctx.clock);
  await writeTransaction(ctx, async (trx) => {
    const values = { title: input.title, body: input.body, publish_from: input.publishFrom, publish_until: input.publishUntil, updated_at: now };
    if (newsId) {
      const r = await trx.updateTable('news_item').set(values).where('id', '=', newsId).executeTakeFirst();
      if (affected(r) !== 1) throw new NotFoundError();
    } else await trx.insertInto('news_item').values({ id, ...values, created_by: actor.id, created_at: now }).execute();
    await recordAudit(trx, ctx.clock, actor, { action: newsId ? 'news.updated' : 'news.created', targetType: 'news_item', targetId: id, details: { title: input.title } });
  });
  return newsView((await ctx.db.selectFrom('news_item').selectAll().where('id', '=', id).executeTakeFirstOrThrow()));
}

export async function deleteNews(ctx: AppContext, actor: Actor, newsId: string): Promise<void> {
  await writeTransaction(ctx, async (trx) => {
    const r = await trx.deleteFrom('news_item').where('id', '=', newsId).executeTakeFirst();
    if (affected(r) !== 1) throw new NotFoundError();
    await recordAudit(trx, ctx.clock, actor, { action: 'news.deleted', targetType: 'news_item', targetId: newsId });
  });
}
