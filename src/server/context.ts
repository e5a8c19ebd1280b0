import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Database, DialectName } from './db/database.js';
import type { Clock } from './clock.js';
import type { MailTransport } from './modules/mail/mail.transport.js';

/** Everything a request or a job needs, built once at start (or per test). */
export interface AppContext {
  config: Config;
  db: Database;
  dialect: DialectName;
  clock: Clock;
  /** null when SMTP_URL is unset: messages stay in the outbox as "not sent" */
  mailer: MailTransport | null;
  logger: Logger;
}
