/**
 * Talking to families (issue 14, docs/messages.md): threads between a family and the city, the staff inbox,
 * announcements and their audiences, « Actualités », notification choices, the calendar feed. Shared by the server's
 * routes (src/server/modules/messaging/messaging.routes.ts) and the web pages.
 */
import { z } from 'zod';
import { isoDay, requiredText } from './contracts.js';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'field.invalid' });
/** A message's text: up to 5,000 characters, kept as written (line breaks included). */
export const messageBody = z
  .string({ error: 'required' })
  .transform((s) => s.replace(/\r\n/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim())
  .pipe(z.string().min(1, { error: 'required' }).max(5000, { error: 'too_long' }));
export const MESSAGE_SUBJECT_MAX = 120;

// ---------- threads ----------

export const THREAD_STATES = ['open', 'closed'] as const;
export type ThreadState = (typeof THREAD_STATES)[number];

export const topic = z.object({ id: z.string(), label: z.string(), active: z.boolean() });
export type Topic = z.infer<typeof topic>;
export const topicInput = z.object({ label: requiredText(60), active: z.boolean().default(true) });

export const attachment = z.object({ id: z.string(), fileName: z.string(), mediaType: z.string(), size: z.number() });

export const message = z.object({
  id: z.string(),
  author: z.enum(['family', 'staff']),
  authorName: z.string(),
  /** staff only: an internal note, never shown to the family */
  internal: z.boolean(),
  body: z.string(),
  createdAt: z.string(),
  attachments: z.array(attachment),
  /** a family's message: whether the city has read it (« lu »); a staff message: whether the family has */
  read: z.boolean(),
});
export type Message = z.infer<typeof message>;

export const threadSummary = z.object({
  id: z.string(),
  topicId: z.string(),
  topicLabel: z.string(),
  subject: z.string(),
  kind: z.enum(['conversation', 'announcement']),
  state: z.enum(THREAD_STATES),
  lastMessageAt: z.string(),
  /** unread by the caller (the family, or this agent) */
  unread: z.boolean(),
});
export type ThreadSummary = z.infer<typeof threadSummary>;

export const familyMessages = z.object({ threads: z.array(threadSummary), unread: z.number().int(), topics: z.array(topic) });
export type FamilyMessages = z.infer<typeof familyMessages>;

export const familyThread = threadSummary.extend({ messages: z.array(message) });
export type FamilyThread = z.infer<typeof familyThread>;

export const staffThreadSummary = threadSummary.extend({
  familyId: z.string(),
  familyName: z.string(),
  waitingOn: z.enum(['staff', 'family', 'none']),
  assignedTo: z.string().nullable(),
  assignedName: z.string().nullable(),
});
export type StaffThreadSummary = z.infer<typeof staffThreadSummary>;

export const staffThread = staffThreadSummary.extend({
  messages: z.array(message),
  /** who read the thread, and up to when (staff and family) */
  reads: z.array(z.object({ who: z.string(), kind: z.enum(['family', 'staff']), readAt: z.string() })),
  /** the active agents the thread can be assigned to */
  agents: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type StaffThread = z.infer<typeof staffThread>;

export const inboxQuery = z.object({
  topicId: id.optional(),
  state: z.enum(['open', 'closed', 'all']).default('open'),
  /** mine: assigned to me; waiting: the family waits for an answer */
  filter: z.enum(['all', 'mine', 'unassigned', 'waiting', 'unread']).default('all'),
  q: z.string().trim().max(100, { error: 'too_long' }).optional(),
  kind: z.enum(['conversation', 'announcement']).default('conversation'),
});
export type InboxQuery = z.input<typeof inboxQuery>;

export const inboxView = z.object({
  counts: z.array(z.object({ topicId: z.string(), label: z.string(), unread: z.number().int(), waiting: z.number().int(), open: z.number().int() })),
  threads: z.array(staffThreadSummary),
  agents: z.array(z.object({ id: z.string(), name: z.string() })),
  topics: z.array(topic),
});
export type InboxView = z.infer<typeof inboxView>;

export const staffReplyInput = z.object({
  body: messageBody,
  internal: z.boolean().default(false),
  clientKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { error: 'field.invalid' }),
  /** the thread's last message the agent saw (lastMessageAt): another answer since → 409 « messages.answered_meanwhile » */
  expectedLast: z.string().max(40).nullable().optional(),
});
export const assignInput = z.object({ assignedTo: id.nullable() });
export const threadStateInput = z.object({ state: z.enum(THREAD_STATES) });

export const answerTemplate = z.object({ id: z.string(), title: z.string(), body: z.string() });
export type AnswerTemplate = z.infer<typeof answerTemplate>;
export const answerTemplateInput = z.object({ title: requiredText(80), body: messageBody });

// ---------- announcements ----------

export const audience = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('all') }),
    z.object({ kind: z.literal('establishment'), establishmentId: id }),
    z.object({
      kind: z.literal('booked'),
      activityId: id.optional(),
      unitId: id.optional(),
      periodId: id.optional(),
      day: isoDay.optional(),
    }),
    z.object({ kind: z.literal('missing_document'), documentTypeId: id.optional() }),
    z.object({ kind: z.literal('in_debt') }),
  ],
  { error: 'messages.audience_invalid' },
);
export type Audience = z.infer<typeof audience>;
export const AUDIENCE_KINDS = ['all', 'establishment', 'booked', 'missing_document', 'in_debt'] as const;

export const audiencePreviewInput = z.object({ audience });
export const audiencePreview = z.object({
  count: z.number().int(),
  /** the first families, by name */
  families: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type AudiencePreview = z.infer<typeof audiencePreview>;

export const announcementInput = z.object({
  subject: requiredText(MESSAGE_SUBJECT_MAX),
  body: messageBody,
  audience,
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { error: 'field.invalid' }),
});

export const announcement = z.object({
  id: z.string(),
  subject: z.string(),
  body: z.string(),
  audience,
  state: z.enum(['sending', 'sent']),
  recipients: z.number().int(),
  delivered: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  sentAt: z.string().nullable(),
});
export type Announcement = z.infer<typeof announcement>;

/** What the audience form offers: establishments, activities with units and periods, document types. */
export const audienceChoices = z.object({
  establishments: z.array(z.object({ id: z.string(), name: z.string() })),
  activities: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      units: z.array(z.object({ id: z.string(), label: z.string() })),
      periods: z.array(z.object({ id: z.string(), label: z.string() })),
    }),
  ),
  documentTypes: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type AudienceChoices = z.infer<typeof audienceChoices>;

// ---------- news ----------

export const newsItem = z.object({ id: z.string(), title: z.string(), body: z.string(), publishFrom: z.string(), publishUntil: z.string().nullable() });
export type NewsItem = z.infer<typeof newsItem>;
export const newsInput = z
  .object({ title: requiredText(120), body: messageBody, publishFrom: isoDay, publishUntil: isoDay.nullable().default(null) })
  .refine((n) => !n.publishUntil || n.publishUntil >= n.publishFrom, { path: ['publishUntil'], error: 'messages.window_invalid' });

// ---------- notifications ----------

/** The kinds a family chooses for; legal and security mails are not among them (always sent by e-mail). */
export const NOTIFICATION_KINDS = [
  'booking_decided',
  'waitlist_promoted',
  'invoice_published',
  'payment_received',
  'document_reviewed',
  'message_answered',
  'announcement',
  'deadline_reminder',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const CHANNELS = ['email', 'sms', 'push'] as const;
export type Channel = (typeof CHANNELS)[number];

export const notificationSettings = z.object({
  choices: z.array(z.object({ kind: z.enum(NOTIFICATION_KINDS), email: z.boolean(), sms: z.boolean(), push: z.boolean() })),
  /** the SMS channel: off when the city has none; the number SMS go to, masked (« 06 •• •• •• 78 »), null without one */
  sms: z.object({ available: z.boolean(), number: z.string().nullable() }),
  /** Web Push: the VAPID public key to subscribe with, and this family's devices */
  push: z.object({ publicKey: z.string(), devices: z.number().int() }),
});
export type NotificationSettings = z.infer<typeof notificationSettings>;

export const notificationChoicesInput = z.object({
  choices: z.array(z.object({ kind: z.enum(NOTIFICATION_KINDS), email: z.boolean(), sms: z.boolean(), push: z.boolean() })).max(NOTIFICATION_KINDS.length),
});

export const pushSubscriptionInput = z.object({
  endpoint: z.string().url({ error: 'field.invalid' }).max(1000).refine((u) => u.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(u), { error: 'field.invalid' }),
  keys: z.object({ p256dh: z.string().regex(/^[A-Za-z0-9_-]{40,200}$/, { error: 'field.invalid' }), auth: z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, { error: 'field.invalid' }) }),
});
export const pushEndpointInput = z.object({ endpoint: z.string().max(1000) });

// ---------- calendar feed ----------

export const calendarFeeds = z.object({
  feeds: z.array(z.object({ childId: z.string().nullable(), childName: z.string().nullable(), active: z.boolean(), createdAt: z.string().nullable(), lastUsedAt: z.string().nullable() })),
});
export type CalendarFeeds = z.infer<typeof calendarFeeds>;
export const calendarFeedInput = z.object({ childId: id.nullable() });
export const calendarFeedCreated = z.object({ url: z.string(), webcalUrl: z.string() });

export const smsOutboxItem = z.object({ id: z.string(), createdAt: z.string(), kind: z.string(), toNumber: z.string(), body: z.string(), status: z.string() });
