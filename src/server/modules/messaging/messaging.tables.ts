/** The messaging module's tables (issue 14, migration 0020, docs/messages.md). */

export interface MessageTopicTable {
  id: string;
  label: string;
  position: number;
  active: number;
  created_at: string;
}

export interface MessageThreadTable {
  id: string;
  family_id: string;
  topic_id: string;
  subject: string;
  kind: 'conversation' | 'announcement';
  state: 'open' | 'closed';
  waiting_on: 'staff' | 'family' | 'none';
  assigned_to: string | null;
  announcement_id: string | null;
  created_at: string;
  created_by: string | null;
  last_message_at: string;
  /** folded (accent-insensitive, lower case) subject and family-visible bodies, for the staff's search */
  search_text: string;
}

export interface MessageTable {
  id: string;
  thread_id: string;
  author_kind: 'family' | 'staff';
  author_id: string | null;
  author_name: string;
  /** 1: an internal note, never shown to the family */
  internal: number;
  body: string;
  client_key: string | null;
  created_at: string;
}

export interface MessageAttachmentTable {
  id: string;
  message_id: string;
  position: number;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Buffer | Uint8Array;
  created_at: string;
}

export interface MessageReadTable {
  thread_id: string;
  reader_kind: 'family' | 'staff';
  reader_id: string;
  reader_name: string;
  read_at: string;
}

export interface MessageTemplateTable {
  id: string;
  title: string;
  body: string;
  created_at: string;
  updated_at: string;
}

export interface AnnouncementTable {
  id: string;
  subject: string;
  body: string;
  audience: string;
  state: 'sending' | 'sent';
  recipients: number;
  delivered: number;
  idempotency_key: string;
  created_by: string;
  created_at: string;
  sent_at: string | null;
}

export interface AnnouncementRecipientTable {
  announcement_id: string;
  family_id: string;
  state: 'pending' | 'delivered';
  delivered_at: string | null;
}

export interface NewsItemTable {
  id: string;
  title: string;
  body: string;
  publish_from: string;
  publish_until: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface NotificationPreferenceTable {
  family_id: string;
  kind: string;
  channel: 'email' | 'sms' | 'push';
  enabled: number;
  updated_at: string;
}

export interface SmsOutboxTable {
  id: string;
  family_id: string | null;
  kind: string;
  to_number: string;
  body: string;
  /** kept: the demo provider's outbox (nothing leaves) */
  status: 'pending' | 'sent' | 'failed' | 'kept';
  attempts: number;
  next_attempt_at: string;
  locked_until: string | null;
  provider_id: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface PushSubscriptionTable {
  id: string;
  family_id: string;
  account_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  user_agent: string | null;
  created_at: string;
}

export interface PushOutboxTable {
  id: string;
  family_id: string;
  subscription_id: string;
  kind: string;
  title: string;
  body: string;
  url: string;
  status: 'pending' | 'sent' | 'failed' | 'gone';
  attempts: number;
  next_attempt_at: string;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface PushKeyTable {
  id: string;
  public_key: string;
  private_key: string;
  created_at: string;
}

export interface CalendarFeedTable {
  id: string;
  family_id: string;
  child_id: string | null;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface ReminderLogTable {
  family_id: string;
  deadline_key: string;
  sent_at: string;
}

export interface PartialDB {
  message_topic: MessageTopicTable;
  message_thread: MessageThreadTable;
  message: MessageTable;
  message_attachment: MessageAttachmentTable;
  message_read: MessageReadTable;
  message_template: MessageTemplateTable;
  announcement: AnnouncementTable;
  announcement_recipient: AnnouncementRecipientTable;
  news_item: NewsItemTable;
  notification_preference: NotificationPreferenceTable;
  sms_outbox: SmsOutboxTable;
  push_subscription: PushSubscriptionTable;
  push_outbox: PushOutboxTable;
  push_key: PushKeyTable;
  calendar_feed: CalendarFeedTable;
  reminder_log: ReminderLogTable;
}
