import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { addMs, isoNow } from '../../clock.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import { affected, writeTransaction, type Executor } from '../../db/write.js';
import { renderMail, type MailTemplate } from '../mail/mail.templates.js';
import type { MailChannels } from '../mail/mail.service.js';
import { mobilePhones } from '../family/family.audiences.js';
import { CHANNELS, NOTIFICATION_KINDS, type Channel, type NotificationKind, type NotificationSettings } from '../../../shared/messages-contracts.js';
import { isMobile, smsProvider, SmsError } from './messaging.sms.js';
import { pushEndpointAllowed, PushGone, sendPush, vapidKeys } from './messaging.push.js';

/**
 * Notifications (issue 14, docs/messages.md): each family chooses, per kind and per channel (e-mail, SMS, Web
 * Push), what reaches it. The kinds are those of the other modules' family mails — booking decided, waiting-list
 * promotion, invoice published, payment received, document accepted or refused — plus this module's (message
 * answered, announcement, deadline reminder). Any other mail (account, password, security, privacy, members…) is
 * legal or security: always e-mailed, never turned off.
 *
 * Hooked into the mail module (`registerMailChannels`, by buildApp): every family mail enqueued by any module passes
 * through `routeMailChannels`, in the enqueuer's transaction: the family's choices decide whether the e-mail goes,
 * and its SMS and push copies are queued in `sms_outbox` / `push_outbox` in the same transaction (they exist if and
 * only if the change does). Relays: `deliverSms`, `deliverPush` (jobs), rows claimed with a lease by a conditional
 * UPDATE, as the mail relay does: several instances never send one twice.
 */

const KIND_OF_TEMPLATE: Record<string, NotificationKind> = {
  'booking.decided': 'booking_decided',
  'booking.promoted': 'waitlist_promoted',
  'billing.invoice_published': 'invoice_published',
  'payment.receipt': 'payment_received',
  'document.accepted': 'document_reviewed',
  'document.refused': 'document_reviewed',
  'messages.answered': 'message_answered',
  'messages.announcement': 'announcement',
  'messages.reminder_week': 'deadline_reminder',
  'messages.reminder_deadline': 'deadline_reminder',
};

/** The kind a mail template belongs to, or null for a legal / security mail (always e-mailed). */
export function kindOfTemplate(template: string): NotificationKind | null {
  return KIND_OF_TEMPLATE[template] ?? null;
}

/** Without a choice of the family's: e-mail on, SMS off, push on (a device subscribed is the family's opt-in). */
export const DEFAULT_CHOICE: Record<Channel, boolean> = { email: true, sms: false, push: true };

/** Where each notification opens in the portal. */
function portalPath(kind: NotificationKind): string {
  switch (kind) {
    case 'booking_decided':
    case 'waitlist_promoted':
    case 'deadline_reminder':
      return '/famille';
    case 'invoice_published':
    case 'payment_received':
      return '/famille/factures';
    case 'document_reviewed':
      return '/famille/documents';
    default:
      return '/famille/messages';
  }
}

type Choices = Map<string, Record<Channel, boolean>>;

async function choicesOf(db: Executor, familyIds: string[]): Promise<Map<string, Choices>> {
  const out = new Map<string, Choices>();
  const ids = [...new Set(familyIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('notification_preference').selectAll().where('family_id', 'in', ids.slice(i, i + 500)).execute();
    for (const r of rows) {
      let f = out.get(r.family_id);
      if (!f) out.set(r.family_id, (f = new Map()));
      const c = f.get(r.kind) ?? { ...DEFAULT_CHOICE };
      c[r.channel] = r.enabled === 1;
      f.set(r.kind, c);
    }
  }
  return out;
}

function choiceOf(all: Map<string, Choices>, familyId: string, kind: NotificationKind): Record<Channel, boolean> {
  return all.get(familyId)?.get(kind) ?? { ...DEFAULT_CHOICE };
}

/** The mail module's channel hook (registered by buildApp). */
export const routeMailChannels: MailChannels = async (db, ctx, mails) => {
  const relevant = mails.map((m) => (m.familyId ? kindOfTemplate(m.mail.template) : null));
  const familyIds = [...new Set(mails.flatMap((m, i) => (relevant[i] && m.familyId ? [m.familyId] : [])))];
  if (!familyIds.length) return mails.map(() => true);
  const choices = await choicesOf(db, familyIds);
  const provider = smsProvider(ctx.config.notifications);
  const smsFamilies = provider ? familyIds.filter((f) => mails.some((m, i) => m.familyId === f && relevant[i] && choiceOf(choices, f, relevant[i]!).sms)) : [];
  const pushFamilies = familyIds.filter((f) => mails.some((m, i) => m.familyId === f && relevant[i] && choiceOf(choices, f, relevant[i]!).push));
  const phones = smsFamilies.length ? await mobilePhones(db, smsFamilies) : new Map<string, string>();
  // a run's publication enqueues one mail per family (tens of thousands): read the devices 500 families at a time
  const subs: { id: string; family_id: string }[] = [];
  for (let i = 0; i < pushFamilies.length; i += 500)
    subs.push(...(await db.selectFrom('push_subscription').select(['id', 'family_id']).where('family_id', 'in', pushFamilies.slice(i, i + 500)).execute()));
  const devices = new Map<string, string[]>();
  for (const s of subs) devices.set(s.family_id, [...(devices.get(s.family_id) ?? []), s.id]);
  const now = isoNow(ctx.clock);
  const sms: { id: string; family_id: string; kind: string; to_number: string; body: string; status: 'pending' | 'kept'; attempts: number; next_attempt_at: string; locked_until: null; provider_id: string | null; last_error: null; created_at: string; sent_at: string | null }[] = [];
  const pushes: { id: string; family_id: string; subscription_id: string; kind: string; title: string; body: string; url: string; status: 'pending'; attempts: number; next_attempt_at: string; locked_until: null; last_error: null; created_at: string; sent_at: null }[] = [];
  const done = new Set<string>();
  mails.forEach((m, i) => {
    const kind = relevant[i];
    if (!kind || !m.familyId) return;
    // one SMS / push per family and event: the mail's copies to other members do not multiply them
    const key = `${m.familyId}\u0000${m.mail.template}`;
    if (done.has(key)) return;
    done.add(key);
    const c = choiceOf(choices, m.familyId, kind);
    const phone = phones.get(m.familyId);
    const smsTo = c.sms && provider && phone && isMobile(phone) ? phone : null;
    const pushTo = c.push ? (devices.get(m.familyId) ?? []) : [];
    if (!smsTo && pushTo.length === 0) return; // nothing but the e-mail: no rendering
    // the text says what happened (the mail's subject) and where to read it; never a health detail, never a link token
    const subject = renderMail(m.mail as MailTemplate, ctx.config.city, 'fr').subject;
    const url = `${ctx.config.publicUrl}${portalPath(kind)}`;
    if (smsTo && provider)
      sms.push({
        id: randomUUID(),
        family_id: m.familyId,
        kind,
        to_number: smsTo,
        body: `${subject}. ${url}`.slice(0, 320),
        status: provider.name === 'demo' ? 'kept' : 'pending',
        attempts: 0,
        next_attempt_at: now,
        locked_until: null,
        provider_id: provider.name === 'demo' ? 'demo' : null,
        last_error: null,
        created_at: now,
        sent_at: provider.name === 'demo' ? now : null,
      });
    for (const subscriptionId of pushTo)
        pushes.push({
          id: randomUUID(),
          family_id: m.familyId,
          subscription_id: subscriptionId,
          kind,
          title: ctx.config.city.name,
          body: subject,
          url,
          status: 'pending',
          attempts: 0,
          next_attempt_at: now,
          locked_until: null,
          last_error: null,
          created_at: now,
          sent_at: null,
        });
  });
  for (let i = 0; i < sms.length; i += 200) await db.insertInto('sms_outbox').values(sms.slice(i, i + 200)).execute();
  for (let i = 0; i < pushes.length; i += 200) await db.insertInto('push_outbox').values(pushes.slice(i, i + 200)).execute();
  return mails.map((m, i) => {
    const kind = relevant[i];
    return !kind || !m.familyId || choiceOf(choices, m.familyId, kind).email;
  });
};

// ---------- the family's settings ----------

function maskPhone(p: string): string {
  return /^0\d{9}$/.test(p) ? `${p.slice(0, 2)} •• •• •• ${p.slice(8)}` : `${p.slice(0, 4)}•••${p.slice(-2)}`;
}

export async function notificationSettings(ctx: AppContext, familyId: string): Promise<NotificationSettings> {
  const choices = await choicesOf(ctx.db, [familyId]);
  const phone = (await mobilePhones(ctx.db, [familyId])).get(familyId);
  const devices = await ctx.db.selectFrom('push_subscription').select('id').where('family_id', '=', familyId).execute();
  return {
    choices: NOTIFICATION_KINDS.map((kind) => ({ kind, ...choiceOf(choices, familyId, kind) })),
    sms: { available: ctx.config.notifications.smsProvider !== 'off', number: phone && isMobile(phone) ? maskPhone(phone) : null },
    push: { publicKey: (await vapidKeys(ctx)).publicKey, devices: devices.length },
  };
}

/** Saves the family's choices (one row per kind and channel, upserted: two devices saving at once, the last wins per box). */
export async function saveNotificationChoices(
  ctx: AppContext,
  familyId: string,
  choices: { kind: NotificationKind; email: boolean; sms: boolean; push: boolean }[],
): Promise<NotificationSettings> {
  const kinds = new Set(choices.map((c) => c.kind));
  if (kinds.size !== choices.length) throw new ValidationError([{ path: 'choices', code: 'field.invalid' }]);
  const now = isoNow(ctx.clock);
  await writeTransaction(ctx, async (trx) => {
    for (const c of choices)
      for (const channel of CHANNELS)
        await trx
          .insertInto('notification_preference')
          .values({ family_id: familyId, kind: c.kind, channel, enabled: c[channel] ? 1 : 0, updated_at: now })
          .onConflict((oc) => oc.columns(['family_id', 'kind', 'channel']).doUpdateSet({ enabled: c[channel] ? 1 : 0, updated_at: now }))
          .execute();
  });
  return notificationSettings(ctx, familyId);
}

/** Records this device's push subscription (the same endpoint again: moved to this family and login). */
export async function subscribePush(
  ctx: AppContext,
  who: { familyId: string; accountId: string },
  input: { endpoint: string; keys: { p256dh: string; auth: string } },
  userAgent: string | undefined,
): Promise<void> {
  if (!pushEndpointAllowed(input.endpoint, ctx.config.notifications.pushHosts)) {
    throw new ValidationError([{ path: 'endpoint', code: 'messages.push_service_unknown' }]);
  }
  const now = isoNow(ctx.clock);
  await ctx.db
    .insertInto('push_subscription')
    .values({ id: randomUUID(), family_id: who.familyId, account_id: who.accountId, endpoint: input.endpoint, p256dh: input.keys.p256dh, auth: input.keys.auth, user_agent: userAgent?.slice(0, 200) ?? null, created_at: now })
    .onConflict((oc) => oc.column('endpoint').doUpdateSet({ family_id: who.familyId, account_id: who.accountId, p256dh: input.keys.p256dh, auth: input.keys.auth, created_at: now }))
    .execute();
}

export async function unsubscribePush(ctx: AppContext, familyId: string, endpoint: string): Promise<void> {
  const r = await ctx.db.deleteFrom('push_subscription').where('family_id', '=', familyId).where('endpoint', '=', endpoint).executeTakeFirst();
  if (affected(r) !== 1) throw new NotFoundError();
}

// ---------- relays (jobs) ----------

const MAX_ATTEMPTS = 8;
const retryDelay = (attempts: number) => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);

/** Sends the SMS due (real provider only: the demo's are « kept » at once). Returns how many left. */
export async function deliverSms(ctx: AppContext, batch = 20): Promise<number> {
  const provider = smsProvider(ctx.config.notifications);
  if (!provider || provider.name === 'demo') return 0;
  const now = isoNow(ctx.clock);
  const due = await ctx.db
    .selectFrom('sms_outbox')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .orderBy('next_attempt_at')
    .limit(batch)
    .execute();
  let sent = 0;
  for (const { id } of due) {
    const claimed = await ctx.db
      .updateTable('sms_outbox')
      .set({ locked_until: addMs(ctx.clock.now(), 120_000) })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', isoNow(ctx.clock))]))
      .executeTakeFirst();
    if (affected(claimed) !== 1) continue;
    const row = await ctx.db.selectFrom('sms_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    try {
      const r = await provider.send(row.to_number, row.body);
      await ctx.db.updateTable('sms_outbox').set({ status: 'sent', provider_id: r.providerId, sent_at: isoNow(ctx.clock), locked_until: null, attempts: row.attempts + 1, last_error: null }).where('id', '=', id).execute();
      sent++;
    } catch (err) {
      const attempts = row.attempts + 1;
      const final = attempts >= MAX_ATTEMPTS || (err instanceof SmsError && !err.retryable);
      await ctx.db
        .updateTable('sms_outbox')
        .set({ status: final ? 'failed' : 'pending', attempts, last_error: String((err as Error).message).slice(0, 200), locked_until: null, next_attempt_at: addMs(ctx.clock.now(), retryDelay(attempts)) })
        .where('id', '=', id)
        .execute();
      ctx.logger.warn({ smsId: id, attempts }, 'sms delivery failed'); // never the number nor the text
    }
  }
  return sent;
}

/** Sends the pushes due; a subscription the push service no longer knows (404/410) is forgotten. */
export async function deliverPush(ctx: AppContext, batch = 50): Promise<number> {
  const now = isoNow(ctx.clock);
  const due = await ctx.db
    .selectFrom('push_outbox')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .orderBy('next_attempt_at')
    .limit(batch)
    .execute();
  let sent = 0;
  for (const { id } of due) {
    const claimed = await ctx.db
      .updateTable('push_outbox')
      .set({ locked_until: addMs(ctx.clock.now(), 120_000) })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', isoNow(ctx.clock))]))
      .executeTakeFirst();
    if (affected(claimed) !== 1) continue;
    const row = await ctx.db.selectFrom('push_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const sub = await ctx.db.selectFrom('push_subscription').selectAll().where('id', '=', row.subscription_id).executeTakeFirst();
    if (!sub) {
      await ctx.db.updateTable('push_outbox').set({ status: 'gone', locked_until: null }).where('id', '=', id).execute();
      continue;
    }
    try {
      await sendPush(ctx, sub, { title: row.title, body: row.body, url: row.url });
      await ctx.db.updateTable('push_outbox').set({ status: 'sent', sent_at: isoNow(ctx.clock), locked_until: null, attempts: row.attempts + 1 }).where('id', '=', id).execute();
      sent++;
    } catch (err) {
      if (err instanceof PushGone) {
        await ctx.db.deleteFrom('push_subscription').where('id', '=', sub.id).execute();
        await ctx.db.updateTable('push_outbox').set({ status: 'gone', locked_until: null, last_error: err.message }).where('id', '=', id).execute();
        continue;
      }
      const attempts = row.attempts + 1;
      await ctx.db
        .updateTable('push_outbox')
        .set({ status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending', attempts, last_error: String((err as Error).message).slice(0, 200), locked_until: null, next_attempt_at: addMs(ctx.clock.now(), retryDelay(attempts)) })
        .where('id', '=', id)
        .execute();
      ctx.logger.warn({ pushId: id, attempts }, 'push delivery failed');
    }
  }
  return sent;
}

/** The SMS outbox for the back-office (latest first): the demo provider's messages are read here. */
export async function listSmsOutbox(ctx: AppContext) {
  const rows = await ctx.db.selectFrom('sms_outbox').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(100).execute();
  return rows.map((r) => ({ id: r.id, createdAt: r.created_at, kind: r.kind, toNumber: r.to_number, body: r.body, status: r.status }));
}
