import type { ServerT } from '../../i18n.js';

/** The money e-mails (issue 13): their words are in the `money` catalogue, under `mail.<notice>`. */
export type MoneyNotice = 'prenotification' | 'reminder' | 'rejection' | 'mandateActive' | 'mandateRefused' | 'basketCredit' | 'basketPaid' | 'basketExpired' | 'basketLate';

type Paragraph = string | { link: string; label: string };

/** Subject and paragraphs of a money notice, in the recipient's language (`tr`). */
export function moneyNotice(
  t: { notice: MoneyNotice; params: Record<string, string | number> },
  tr: ServerT,
  f: { euros: (cents: number) => string; day: (d: string) => string },
): { subject: string; paragraphs: Paragraph[] } {
  const p = t.params;
  const amount = typeof p.amountCents === 'number' ? f.euros(p.amountCents) : '';
  const link = (label: string): Paragraph[] => (typeof p.url === 'string' && p.url ? [{ link: p.url, label }] : []);
  switch (t.notice) {
    case 'prenotification':
      return {
        subject: tr('money:mail.prenotification.subject', { number: p.number }),
        paragraphs: [
          tr('mail:frame.hello'),
          tr('money:mail.prenotification.body', { number: p.number, amount, day: f.day(String(p.day)), iban: p.iban }),
          tr('money:mail.prenotification.mandate', { rum: p.rum, ics: p.ics }),
          tr('money:mail.prenotification.provision'),
        ],
      };
    case 'reminder':
      return {
        subject: tr('money:mail.reminder.subject', { number: p.number, step: p.step }),
        paragraphs: [
          tr('mail:frame.hello'),
          tr('money:mail.reminder.body', { number: p.number, amount, dueOn: f.day(String(p.dueOn)) }),
          ...(p.letter ? [tr('money:mail.reminder.letter')] : []),
          tr('money:mail.reminder.how'),
          ...link(tr('money:mail.reminder.link')),
          tr('money:mail.reminder.help'),
        ],
      };
    case 'rejection':
      return {
        subject: tr('money:mail.rejection.subject', { number: p.number }),
        paragraphs: [
          tr('mail:frame.hello'),
          tr('money:mail.rejection.body', { number: p.number, amount, reason: p.reason }),
          ...(Number(p.feeCents) > 0 ? [tr('money:mail.rejection.fee', { fee: f.euros(Number(p.feeCents)) })] : []),
          tr('money:mail.rejection.how'),
          ...link(tr('money:mail.reminder.link')),
        ],
      };
    case 'mandateActive':
      return { subject: tr('money:mail.mandateActive.subject'), paragraphs: [tr('mail:frame.hello'), tr('money:mail.mandateActive.body')] };
    case 'mandateRefused':
      return {
        subject: tr('money:mail.mandateRefused.subject'),
        paragraphs: [tr('mail:frame.hello'), tr('money:mail.mandateRefused.body'), ...(p.reason ? [String(p.reason)] : [])],
      };
    case 'basketCredit':
      return { subject: tr('money:mail.basketCredit.subject'), paragraphs: [tr('mail:frame.hello'), tr('money:mail.basketCredit.body', { amount })] };
    // « paiement à la réservation » (issue 13): the basket paid, expired unpaid, or paid after its expiry
    case 'basketPaid':
      return {
        subject: tr('money:mail.basketPaid.subject', { activity: p.activity }),
        paragraphs: [tr('mail:frame.hello'), tr('money:mail.basketPaid.body', { amount, activity: p.activity, child: p.child, days: p.days, number: p.number }), ...link(tr('money:mail.basketPaid.link'))],
      };
    case 'basketExpired':
      return {
        subject: tr('money:mail.basketExpired.subject', { activity: p.activity }),
        paragraphs: [tr('mail:frame.hello'), tr('money:mail.basketExpired.body', { activity: p.activity, child: p.child, days: p.days, number: p.number }), ...link(tr('money:mail.basketExpired.link'))],
      };
    case 'basketLate':
      return {
        subject: tr('money:mail.basketLate.subject'),
        paragraphs: [tr('mail:frame.hello'), tr('money:mail.basketLate.body', { amount, activity: p.activity, child: p.child }), ...link(tr('money:mail.basketLate.link'))],
      };
  }
}
