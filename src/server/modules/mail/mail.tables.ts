import type { Generated } from 'kysely';

export interface OutboxTable {
  id: Generated<number>;
  created_at: string;
  template: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  status: 'pending' | 'sent' | 'failed' | 'not_sent';
  attempts: Generated<number>;
  next_attempt_at: string;
  locked_until: string | null;
  last_error: string | null;
  sent_at: string | null;
  family_id: string | null;
}

export interface PartialDB {
  outbox: OutboxTable;
}
