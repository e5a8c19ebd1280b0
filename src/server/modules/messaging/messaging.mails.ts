import type { ServerT } from '../../i18n.js';
import type { Language } from '../../../shared/i18n/languages.js';
import { longDay } from '../../../shared/i18n/dates.js';

/**
 * The messaging module's e-mails (issue 14), rendered by the mail module (mail.templates.ts) with the words of the
 * « mail » catalogue (its `messages` branch): an answer in a thread, an announcement, the deadline reminders.
 */
export type MessagesMail =
  | { template: 'messages.answered'; subject: string; url: string }
  | { template: 'messages.announcement'; subject: string; body: string; url: string }
  | { template: 'messages.reminder_week'; monday: string; url: string }
  | {
      template: 'messages.reminder_deadline';
      activityName: string;
      /** the booked days the cut-off closes (YYYY-MM-DD) */
      days: string[];
      /** the cut-off, as Paris wall time: day YYYY-MM-DD and HH:MM */
      cutoffDay: string;
      cutoffTime: string;
      url: string;
    };

export function messagesMail(
  t: MessagesMail,
  tr: ServerT,
  language: Language,
): { subject: string; paragraphs: (string | { link: string; label: string })[] } {
  switch (t.template) {
    case 'messages.answered':
      return {
        subject: tr('mail:messages.answered.subject'),
        paragraphs: [tr('mail:frame.hello'), tr('mail:messages.answered.body', { subject: t.subject }), { link: t.url, label: tr('mail:messages.answered.link') }],
      };
    case 'messages.announcement':
      return {
        subject: t.subject,
        paragraphs: [tr('mail:frame.hello'), ...t.body.split(/\n{2,}/), { link: t.url, label: tr('mail:messages.announcement.link') }],
      };
    case 'messages.reminder_week':
      return {
        subject: tr('mail:messages.reminderWeek.subject'),
        paragraphs: [tr('mail:frame.hello'), tr('mail:messages.reminderWeek.body', { monday: longDay(t.monday, language) }), { link: t.url, label: tr('mail:messages.reminderWeek.link') }, tr('mail:messages.settings')],
      };
    case 'messages.reminder_deadline':
      return {
        subject: tr('mail:messages.reminderDeadline.subject', { activity: t.activityName }),
        paragraphs: [
          tr('mail:frame.hello'),
          tr('mail:messages.reminderDeadline.body', {
            activity: t.activityName,
            days: t.days.map((d) => longDay(d, language)).join(', '),
            cutoff: `${longDay(t.cutoffDay, language)} ${t.cutoffTime.replace(':', 'h')}`,
          }),
          { link: t.url, label: tr('mail:messages.reminderDeadline.link') },
          tr('mail:messages.settings'),
        ],
      };
  }
}
