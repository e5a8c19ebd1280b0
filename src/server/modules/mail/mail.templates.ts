import type { CityConfig } from '../../config.js';
import { longDay, monthLabel, numericDay } from '../../../shared/i18n/dates.js';
import { formatEuros } from '../../../shared/billing-labels.js';
import type { Language } from '../../../shared/i18n/languages.js';
import { translator, type ServerT } from '../../i18n.js';
import { moneyNotice, type MoneyNotice } from '../billing/billing.mails.js';
import { messagesMail, type MessagesMail } from '../messaging/messaging.mails.js';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export type MailTemplate =
  /** issue 14 (messages, announcements, reminders): words in the `messages` catalogue */
  | MessagesMail
  | { template: 'account.registered'; firstName: string }
  | { template: 'account.already_exists'; loginUrl: string; resetUrl: string }
  | { template: 'account.validated'; firstName: string; loginUrl: string }
  | { template: 'account.rejected'; firstName: string; reason: string }
  | { template: 'password.reset'; email: string; resetUrl: string }
  | { template: 'password.changed' }
  | { template: 'email_change.confirm'; confirmUrl: string }
  | { template: 'email_change.notice_old'; newEmail: string }
  | { template: 'email_change.done'; newEmail: string }
  | { template: 'staff.invitation'; displayName: string; email: string; setPasswordUrl: string }
  | { template: 'booking.promoted'; firstName: string; childName: string; activityName: string; day: string; unitLabel: string; number: number }
  | {
      /** issue 12: a request campaign's allocation is published (one mail per family, counts of its wishes' outcomes) */
      template: 'campaign.published';
      firstName: string;
      activityName: string;
      periodLabel: string;
      allocated: number;
      waitlisted: number;
      /** ineligible, over a cap or already booked */
      other: number;
      seed: string;
      url: string;
    }
  | { template: 'household.linked'; firstName: string; childName: string }
  | { template: 'household.unlinked'; firstName: string; childName: string; removed: boolean }
  /** « partage autorisé » changed: `seer` is the household allowed (or no longer) to see the other's items */
  | { template: 'household.sharing'; firstName: string; childName: string; seesOther: boolean; seer: boolean }
  | {
      template: 'household.custody';
      firstName: string;
      childName: string;
      kind: 'free' | 'alternate_weeks' | 'weekdays';
      /** alternate weeks: a Monday of the recipient household's weeks */
      monday: string | null;
      /** weekdays: the recipient household's ISO weekdays */
      weekdays: number[];
    }
  | {
      template: 'booking.decided';
      firstName: string;
      childName: string;
      activityName: string;
      number: number;
      decision: 'accept' | 'refuse';
      /** the lines decided */
      lines: { day: string; unitLabel: string; action: 'book' | 'cancel' }[];
      /** the staff's reason, written only under a refusal */
      reason: string | null;
    }
  | {
      template: 'payment.receipt';
      reference: string;
      amountCents: number;
      /** what went to each invoice */
      lines: { invoiceNumber: string; amountCents: number }[];
      /** what could not be allocated, when anything */
      creditCents: number | null;
      /** the day the bank confirmed it (Paris), YYYY-MM-DD */
      paidOn: string;
    }
  | { template: 'document.accepted'; firstName: string; documentName: string; validUntil: string | null }
  | { template: 'document.refused'; firstName: string; documentName: string; reason: string }
  | { template: 'document.expiring'; firstName: string; documentName: string; validUntil: string }
  | { template: 'privacy.closure_requested'; firstName: string }
  | { template: 'member.invitation'; inviterName: string | null; familyName: string; email: string; acceptUrl: string; expiresAt: string }
  | { template: 'member.invitation_taken'; familyName: string; loginUrl: string }
  /** issue 13 (money): pre-notification, reminder, rejection, mandate decisions — words in the `money` catalogue */
  | { template: 'money.notice'; notice: MoneyNotice; params: Record<string, string | number> }
  /** issue 15: the January refresh found a new family quotient — words in the `quotient` catalogue */
  | { template: 'quotient.changed'; firstName: string; previous: number | null; quotient: number; computedMonth: string }
  | {
      template: 'billing.invoice_published';
      payerName: string;
      number: string;
      /** YYYY-MM */
      month: string;
      amountCents: number;
      /** YYYY-MM-DD */
      dueOn: string;
      url: string;
    };

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

interface Block {
  /** plain-text paragraphs; a `{ link, label }` renders as a button in HTML and a bare URL in text */
  paragraphs: (string | { link: string; label: string })[];
  subject: string;
}

function body(t: MailTemplate, tr: ServerT, language: Language): Block {
  // a copy for another member of the family (issue 11) has no name: « Bonjour, » rather than guardian 1's name
  const hello = (name: string) => (name.trim() ? tr('mail:frame.greeting', { name }) : tr('mail:frame.greetingPlain'));
  const day = numericDay;
  const longDayOf = (d: string) => longDay(d, language);
  const euros = (cents: number) => formatEuros(cents, language);
  switch (t.template) {
    case 'document.accepted':
      return {
        subject: tr('mail:document.accepted.subject'),
        paragraphs: [
          hello(t.firstName),
          tr('mail:document.accepted.body', { documentName: t.documentName }),
          t.validUntil ? tr('mail:document.accepted.validUntil', { day: day(t.validUntil) }) : tr('mail:document.accepted.noEnd'),
        ],
      };
    case 'document.refused':
      return {
        subject: tr('mail:document.refused.subject'),
        paragraphs: [hello(t.firstName), tr('mail:document.refused.body', { documentName: t.documentName }), t.reason, tr('mail:document.refused.again')],
      };
    case 'document.expiring':
      return {
        subject: tr('mail:document.expiring.subject'),
        paragraphs: [
          hello(t.firstName),
          tr('mail:document.expiring.body', { documentName: t.documentName, day: day(t.validUntil) }),
          tr('mail:document.expiring.again'),
        ],
      };
    case 'member.invitation':
      return {
        subject: tr('mail:invitation.invite.subject'),
        paragraphs: [
          tr('mail:invitation.invite.hello'),
          t.inviterName
            ? tr('mail:invitation.invite.byMember', { inviterName: t.inviterName, familyName: t.familyName })
            : tr('mail:invitation.invite.byStaff', { familyName: t.familyName }),
          tr('mail:invitation.invite.login', { email: t.email }),
          tr('mail:invitation.invite.choose', { until: longDayOf(t.expiresAt.slice(0, 10)) }),
          { link: t.acceptUrl, label: tr('mail:invitation.invite.link') },
          tr('mail:invitation.invite.notYou'),
        ],
      };
    case 'member.invitation_taken':
      return {
        subject: tr('mail:invitation.taken.subject'),
        paragraphs: [
          tr('mail:invitation.invite.hello'),
          tr('mail:invitation.taken.body', { familyName: t.familyName }),
          tr('mail:invitation.taken.what'),
          { link: t.loginUrl, label: tr('mail:invitation.taken.link') },
        ],
      };
    case 'privacy.closure_requested':
      return {
        subject: tr('mail:privacy.closureRequested.subject'),
        paragraphs: [
          hello(t.firstName),
          tr('mail:privacy.closureRequested.received'),
          tr('mail:privacy.closureRequested.erased'),
          tr('mail:privacy.closureRequested.download'),
        ],
      };
    case 'account.registered':
      return {
        subject: tr('mail:account.registered.subject'),
        paragraphs: [
          hello(t.firstName),
          tr('mail:account.registered.received'),
          tr('mail:account.registered.meanwhile'),
          tr('mail:account.registered.next'),
        ],
      };
    case 'account.already_exists':
      return {
        subject: tr('mail:account.alreadyExists.subject'),
        paragraphs: [
          tr('mail:frame.hello'),
          tr('mail:account.alreadyExists.body'),
          { link: t.loginUrl, label: tr('mail:account.alreadyExists.login') },
          tr('mail:account.alreadyExists.forgotten'),
          { link: t.resetUrl, label: tr('mail:account.alreadyExists.reset') },
          tr('mail:account.alreadyExists.notYou'),
        ],
      };
    case 'account.validated':
      return {
        subject: tr('mail:account.validated.subject'),
        paragraphs: [hello(t.firstName), tr('mail:account.validated.body'), { link: t.loginUrl, label: tr('mail:account.validated.link') }],
      };
    case 'account.rejected':
      return {
        subject: tr('mail:account.rejected.subject'),
        paragraphs: [
          hello(t.firstName),
          tr('mail:account.rejected.body'),
          tr('mail:account.rejected.reason', { reason: t.reason }),
          tr('mail:account.rejected.contact'),
        ],
      };
    case 'password.reset':
      return {
        subject: tr('mail:password.reset.subject'),
        paragraphs: [
          tr('mail:frame.hello'),
          tr('mail:password.reset.login', { email: t.email }),
          tr('mail:password.reset.open'),
          { link: t.resetUrl, label: tr('mail:password.reset.link') },
          tr('mail:password.reset.copy'),
          tr('mail:password.reset.notYou'),
        ],
      };
    case 'password.changed':
      return {
        subject: tr('mail:password.changed.subject'),
        paragraphs: [tr('mail:frame.hello'), tr('mail:password.changed.body'), tr('mail:password.changed.notYou')],
      };
    case 'email_change.confirm':
      return {
        subject: tr('mail:emailChange.confirm.subject'),
        paragraphs: [
          tr('mail:frame.hello'),
          tr('mail:emailChange.confirm.body'),
          tr('mail:emailChange.confirm.click'),
          { link: t.confirmUrl, label: tr('mail:emailChange.confirm.link') },
          tr('mail:emailChange.confirm.copy'),
        ],
      };
    case 'email_change.notice_old':
      return {
        subject: tr('mail:emailChange.noticeOld.subject'),
        paragraphs: [tr('mail:frame.hello'), tr('mail:emailChange.noticeOld.body', { newEmail: t.newEmail }), tr('mail:emailChange.noticeOld.notYou')],
      };
    case 'email_change.done':
      return {
        subject: tr('mail:emailChange.done.subject'),
        paragraphs: [tr('mail:frame.hello'), tr('mail:emailChange.done.body', { newEmail: t.newEmail }), tr('mail:emailChange.done.notYou')],
      };
    case 'staff.invitation':
      return {
        subject: tr('mail:staff.invitation.subject'),
        paragraphs: [
          hello(t.displayName),
          tr('mail:staff.invitation.body', { email: t.email }),
          tr('mail:staff.invitation.choose'),
          { link: t.setPasswordUrl, label: tr('mail:staff.invitation.link') },
        ],
      };
    case 'household.linked':
      return {
        subject: tr('mail:household.linked.subject', { childName: t.childName }),
        paragraphs: [hello(t.firstName), tr('mail:household.linked.body', { childName: t.childName }), tr('mail:household.linked.book'), tr('mail:household.contact')],
      };
    case 'household.unlinked':
      return {
        subject: tr('mail:household.unlinked.subject', { childName: t.childName }),
        paragraphs: [
          hello(t.firstName),
          t.removed ? tr('mail:household.unlinked.removed', { childName: t.childName }) : tr('mail:household.unlinked.kept', { childName: t.childName }),
          tr('mail:household.contact'),
        ],
      };
    case 'household.sharing':
      return {
        subject: tr('mail:household.sharing.subject', { childName: t.childName }),
        paragraphs: [
          hello(t.firstName),
          tr(`mail:household.sharing.${t.seer ? 'seer' : 'seen'}${t.seesOther ? 'On' : 'Off'}`, { childName: t.childName }),
          tr('mail:household.contact'),
        ],
      };
    case 'household.custody': {
      const days = t.weekdays.map((d) => tr(`households:weekdays.${String(d) as '1'}`)).join(', ');
      const schedule =
        t.kind === 'alternate_weeks' && t.monday
          ? tr('mail:household.custody.weeks', { monday: longDayOf(t.monday) })
          : t.kind === 'weekdays'
            ? days
              ? tr('mail:household.custody.weekdays', { days })
              : tr('mail:household.custody.none')
            : tr('mail:household.custody.free');
      return {
        subject: tr('mail:household.custody.subject', { childName: t.childName }),
        paragraphs: [hello(t.firstName), tr('mail:household.custody.body', { childName: t.childName, schedule }), tr('mail:household.contact')],
      };
    }
    case 'campaign.published':
      return {
        subject: tr('campaigns:mail.subject', { activityName: t.activityName }),
        paragraphs: [
          hello(t.firstName),
          tr('campaigns:mail.body', { activityName: t.activityName, periodLabel: t.periodLabel }),
          tr('campaigns:mail.counts', { allocated: t.allocated, waitlisted: t.waitlisted, other: t.other }),
          tr('campaigns:mail.seed', { seed: t.seed }),
          { link: t.url, label: tr('campaigns:mail.link') },
        ],
      };
    case 'booking.promoted':
      return {
        subject: tr('mail:booking.promoted.subject', { childName: t.childName }),
        paragraphs: [
          hello(t.firstName),
          tr('mail:booking.promoted.body', { childName: t.childName, activityName: t.activityName, day: longDayOf(t.day), unitLabel: t.unitLabel, number: t.number }),
          tr('mail:booking.promoted.cancel'),
        ],
      };
    case 'booking.decided':
      return {
        subject: tr('mail:booking.decided.subject', { number: t.number }),
        paragraphs: [
          hello(t.firstName),
          tr('mail:booking.decided.body', { number: t.number, childName: t.childName, activityName: t.activityName }),
          ...t.lines.map((l) =>
            tr('mail:booking.decided.line', { day: longDayOf(l.day), unitLabel: l.unitLabel, decision: tr(`mail:booking.decided.${l.action}.${t.decision}`) }),
          ),
          ...(t.decision === 'refuse' && t.reason ? [tr('mail:booking.decided.reason', { reason: t.reason })] : []),
          tr('mail:booking.decided.where'),
        ],
      };
    case 'payment.receipt':
      return {
        subject: tr('mail:payment.receipt.subject', { amount: euros(t.amountCents) }),
        paragraphs: [
          tr('mail:frame.hello'),
          tr('mail:payment.receipt.body', { amount: euros(t.amountCents), paidOn: day(t.paidOn), reference: t.reference }),
          ...t.lines.map((l) => tr('mail:payment.receipt.line', { number: l.invoiceNumber, amount: euros(l.amountCents) })),
          ...(t.creditCents ? [tr('mail:payment.receipt.credit', { amount: euros(t.creditCents) })] : []),
          tr('mail:payment.receipt.where'),
        ],
      };
    case 'billing.invoice_published':
      return {
        subject: tr('mail:billing.invoicePublished.subject', { number: t.number }),
        paragraphs: [
          hello(t.payerName),
          tr('mail:billing.invoicePublished.body', { number: t.number, month: monthLabel(t.month, language), amount: euros(t.amountCents), dueOn: day(t.dueOn) }),
          { link: t.url, label: tr('mail:billing.invoicePublished.link') },
        ],
      };
    case 'money.notice':
      return moneyNotice(t, tr, { euros, day });
    case 'quotient.changed':
      return {
        subject: tr('quotient:mail.subject'),
        paragraphs: [
          hello(t.firstName),
          t.previous === null
            ? tr('quotient:mail.bodyNew', { quotient: t.quotient, month: monthLabel(t.computedMonth, language) })
            : tr('quotient:mail.body', { previous: t.previous, quotient: t.quotient, month: monthLabel(t.computedMonth, language) }),
          tr('quotient:mail.tariff'),
          tr('quotient:mail.withdraw'),
        ],
      };
    case 'messages.answered':
    case 'messages.announcement':
    case 'messages.reminder_week':
    case 'messages.reminder_deadline':
      return messagesMail(t, tr, language);
  }
}

/** A mail in `language` (its recipient's), HTML and plain text, signed with the city's name and contact details. */
export function renderMail(t: MailTemplate, city: CityConfig, language: Language): RenderedMail {
  const tr = translator(language);
  const b = body(t, tr, language);
  const portal = tr('mail:frame.portal', { city: city.name });
  const signature = [portal, city.address, `${city.phone} · ${city.email}`];
  const text =
    b.paragraphs.map((p) => (typeof p === 'string' ? p : tr('mail:frame.linkLine', { label: p.label, link: p.link }))).join('\n\n') +
    `\n\n-- \n${signature.join('\n')}\n`;
  const htmlParas = b.paragraphs
    .map((p) =>
      typeof p === 'string'
        ? `<p style="margin:0 0 16px">${escapeHtml(p)}</p>`
        : `<p style="margin:0 0 16px"><a href="${escapeHtml(p.link)}" style="display:inline-block;padding:10px 16px;background:#1d4f91;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(p.label)}</a><br><span style="font-size:13px;color:#444">${escapeHtml(p.link)}</span></p>`,
    )
    .join('\n');
  const html = `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(b.subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;margin:0;padding:24px">
<p style="margin:0 0 24px;font-weight:bold;color:#1d4f91">${escapeHtml(portal)}</p>
${htmlParas}
<hr style="border:0;border-top:1px solid #ccc;margin:24px 0">
<p style="font-size:13px;color:#444;margin:0">${signature.map(escapeHtml).join('<br>')}</p>
</body></html>`;
  return { subject: tr('mail:frame.subject', { subject: b.subject, city: city.name }), text, html };
}
