import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../context.js';
import { addMs, isoNow } from '../../clock.js';
import { renderMail, type MailTemplate } from './mail.templates.js';
import { hasMaskedTokens, maskMailTokens } from './mail.redact.js';
import type { OutboxItem, OutboxMessage } from '../../../shared/contracts.js';
import { NotFoundError } from '../../errors.js';
import { SMTP_CONNECTIONS, type MailTransport } from './mail.transport.js';
import type { Language } from '../../../shared/i18n/languages.js';

type Executor = Kysely<DB> | Transaction<DB>;

export const MAX_MAIL_ATTEMPTS = 12;

/** The languages of the accounts whose logins are among `emails` (lower case), read in the caller's transaction. */
export type RecipientLanguages = (db: Executor, emails: string[]) => Promise<Map<string, Language>>;

let recipientLanguages: RecipientLanguages | null = null;

/**
 * Tells the mail module how to find a recipient's language: the account module's `languagesOfEmails`, registered at
 * build (buildApp), since the account module sends mails itself (importing it here would be a cycle). Without it
 * (unit tests that build no app), every mail is French.
 */
export function registerRecipientLanguages(resolver: RecipientLanguages | null): void {
  recipientLanguages = resolver;
}

/** For each family mail (by index), the family's other members who should read it too (issue 11). */
export type FamilyCopies = (db: Executor, mails: { familyId: string | null; to: string; template: string }[]) => Promise<Map<number, string[]>>;

let familyCopies: FamilyCopies | null = null;

/**
 * Tells the mail module who else in a family reads a mail written to one of its members: the account module's
 * `familyMailCopies`, registered at build (buildApp), like the recipients' languages. Without it, one mail, one address.
 */
export function registerFamilyCopies(resolver: FamilyCopies | null): void {
  familyCopies = resolver;
}

/**
 * Issue 14 (docs/messages.md): for the family mails of one enqueue, whether each still goes by e-mail. The messaging
 * module answers from the family's notification choices, and queues the SMS and push copies itself in the same
 * transaction; legal and security mails always go. Registered at build (buildApp), like the languages.
 */
export type MailChannels = (db: Executor, ctx: AppContext, mails: { familyId: string | null; to: string; mail: MailTemplate }[]) => Promise<boolean[]>;

let mailChannels: MailChannels | null = null;

/** The same mail without the greeting's name (a member's copy, issue 11). */
function unnamed(mail: MailTemplate): MailTemplate {
  return 'firstName' in mail ? ({ ...mail, firstName: '' } as MailTemplate) : mail;
}

export function registerMailChannels(resolver: MailChannels | null): void {
  mailChannels = resolver;
}

/**
 * Writes a mail into the outbox, inside the caller's transaction: the mail exists if and only if the change does.
 * Without SMTP the message is kept as "not_sent", readable in the back-office. `language`: for an address that is
 * not (or no longer) the account's login but is written to on its behalf (a new address to confirm, the old one
 * told of the change); otherwise the recipient account's language is looked up.
 */
export async function enqueueMail(
  trx: Executor,
  ctx: AppContext,
  to: string,
  mail: MailTemplate,
  familyId: string | null = null,
  language?: Language,
): Promise<void> {
  await enqueueMails(trx, ctx, [{ to, mail, familyId, language }]);
}

/**
 * Several mails in the caller's transaction, 200 rows per INSERT (a run's publication queues one per family). Each is
 * written in its recipient's language: the account whose login is that address (looked up once for the batch),
 * French otherwise.
 */
export async function enqueueMails(
  trx: Executor,
  ctx: AppContext,
  original: { to: string; mail: MailTemplate; familyId: string | null; language?: Language }[],
): Promise<void> {
  const now = isoNow(ctx.clock);
  if (mailChannels && original.some((m) => m.familyId)) {
    const keep = await mailChannels(trx, ctx, original);
    original = original.filter((_, i) => keep[i]);
  }
  let mails = original;
  if (familyCopies && original.some((m) => m.familyId)) {
    const copies = await familyCopies(trx, original.map((m) => ({ familyId: m.familyId, to: m.to, template: m.mail.template })));
    if (copies.size)
      // each member's copy greets without a name: the mail was written to the holder (guardian 1's name)
      mails = original.flatMap((m, i) => [m, ...(copies.get(i) ?? []).map((to) => ({ to, mail: unnamed(m.mail), familyId: m.familyId }))]);
  }
  const addresses = [...new Set(mails.filter((m) => !m.language).map((m) => m.to.trim().toLowerCase()))];
  const languages = recipientLanguages && addresses.length ? await recipientLanguages(trx, addresses) : new Map<string, Language>();
  for (let i = 0; i < mails.length; i += 200) {
    const rows = mails.slice(i, i + 200).map(({ to, mail, familyId, language }) => {
      const rendered = renderMail(mail, ctx.config.city, language ?? languages.get(to.trim().toLowerCase()) ?? 'fr');
      return {
        created_at: now,
        template: mail.template,
        to_address: to,
        subject: rendered.subject,
        text_body: rendered.text,
        html_body: rendered.html,
        status: ctx.mailer ? ('pending' as const) : ('not_sent' as const),
        next_attempt_at: now,
        locked_until: null,
        last_error: null,
        sent_at: null,
        family_id: familyId,
      };
    });
    await trx.insertInto('outbox').values(rows).execute();
  }
  if (!ctx.mailer && mails.length) ctx.logger.info({ template: mails[0].mail.template, count: mails.length }, 'mail kept in outbox, not sent (no SMTP_URL)');
}

/** Exponential back-off: 30 s, 1 min, 2 min… capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/**
 * Delivers due messages. Each row is claimed with a lease (locked_until) by a conditional update, so several
 * instances can run this job at once without sending a mail twice. Rows are sent SMTP_CONNECTIONS at a time over
 * the transport's pooled connections, batch after batch until nothing is due or `budgetMs` has passed (the job
 * runs every 2 s: an announcement to 3,000 families leaves in a minute or two, not in five). Returns how many were
 * sent.
 */
export async function deliverDueMail(ctx: AppContext, batch = 20, budgetMs = 1_500): Promise<number> {
  const mailer = ctx.mailer;
  if (!mailer) return 0;
  const started = Date.now();
  let sent = 0;
  for (;;) {
    const now = isoNow(ctx.clock);
    const due = await ctx.db
      .selectFrom('outbox')
      .select(['id'])
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
      .orderBy('id')
      .limit(batch)
      .execute();
    let next = 0;
    const worker = async () => {
      while (next < due.length) {
        const { id } = due[next++];
        if (await deliverOne(ctx, mailer, id)) sent++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(SMTP_CONNECTIONS, due.length) }, worker));
    if (due.length < batch || Date.now() - started >= budgetMs) return sent;
  }
}

/** Claims one outbox row and sends it; true when it was sent by this call. */
async function deliverOne(ctx: AppContext, mailer: MailTransport, id: number): Promise<boolean> {
  const lease = addMs(ctx.clock.now(), 120_000);
  const claimed = await ctx.db
    .updateTable('outbox')
    .set({ locked_until: lease })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', isoNow(ctx.clock))]))
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return false;
  const row = await ctx.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  try {
    await mailer.send({
      from: ctx.config.mailFrom,
      to: row.to_address,
      subject: row.subject,
      text: row.text_body,
      html: row.html_body,
    });
    await ctx.db
      .updateTable('outbox')
      .set({
        status: 'sent',
        sent_at: isoNow(ctx.clock),
        locked_until: null,
        attempts: row.attempts + 1,
        last_error: null,
        // the single-use links now live in the addressee's mailbox only
        text_body: maskMailTokens(row.text_body),
        html_body: maskMailTokens(row.html_body),
      })
      .where('id', '=', id)
      .execute();
    return true;
  } catch (err) {
    const attempts = row.attempts + 1;
    const message = (err as Error).message?.slice(0, 300) ?? 'erreur inconnue';
    await ctx.db
      .updateTable('outbox')
      .set({
        status: attempts >= MAX_MAIL_ATTEMPTS ? 'failed' : 'pending',
        attempts,
        last_error: message,
        locked_until: null,
        next_attempt_at: addMs(ctx.clock.now(), retryDelayMs(attempts)),
      })
      .where('id', '=', id)
      .execute();
    ctx.logger.warn({ outboxId: id, attempts, template: row.template }, 'mail delivery failed, will retry');
    return false;
  }
}

function toItem(r: {
  id: number;
  created_at: string;
  template: string;
  to_address: string;
  subject: string;
  status: OutboxItem['status'];
  attempts: number;
  last_error: string | null;
  sent_at: string | null;
}): OutboxItem {
  return {
    id: r.id,
    createdAt: r.created_at,
    template: r.template,
    toAddress: r.to_address,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    sentAt: r.sent_at,
  };
}

export async function listOutbox(db: Kysely<DB>, opts: { before?: number; limit?: number } = {}): Promise<OutboxItem[]> {
  let q = db
    .selectFrom('outbox')
    .select(['id', 'created_at', 'template', 'to_address', 'subject', 'status', 'attempts', 'last_error', 'sent_at'])
    .orderBy('id', 'desc')
    .limit(opts.limit ?? 50);
  if (opts.before) q = q.where('id', '<', opts.before);
  return (await q.execute()).map(toItem);
}

/**
 * One message, whole, for the back-office. Its single-use links (reset, e-mail confirmation, invitation) are masked
 * (mail.redact.ts): they are the addressee's alone. The one exception is the demo without SMTP (`demo`, and the mail
 * kept « not sent »), where the outbox is the only way to follow them; once a mail has left, its links are gone.
 */
export async function getOutboxMessage(db: Kysely<DB>, id: number, opts: { demo?: boolean } = {}): Promise<OutboxMessage> {
  const r = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new NotFoundError();
  const showLinks = opts.demo === true && r.status === 'not_sent';
  const textBody = showLinks ? r.text_body : maskMailTokens(r.text_body);
  const htmlBody = showLinks ? r.html_body : maskMailTokens(r.html_body);
  return { ...toItem(r), textBody, htmlBody, linksMasked: hasMaskedTokens(textBody) || hasMaskedTokens(htmlBody) };
}

/** Puts a failed message back in the queue (admin action), in the caller's transaction when given one. */
export async function retryOutboxMessage(ctx: AppContext, id: number, db: Executor = ctx.db): Promise<void> {
  const res = await db
    .updateTable('outbox')
    .set({ status: ctx.mailer ? 'pending' : 'not_sent', next_attempt_at: isoNow(ctx.clock), attempts: 0 })
    .where('id', '=', id)
    .where('status', 'in', ['failed', 'not_sent'])
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new NotFoundError();
}
