import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Database, DialectName } from './db/database.js';
import type { Clock } from './clock.js';
import type { MailTransport } from './modules/mail/mail.transport.js';
import type { HealthCipher } from './crypto/health-crypto.js';
import type { PaymentProvider } from './modules/payment/payment.provider.js';

/** Everything a request or a job needs, built once at start (or per test). */
export interface AppContext {
  config: Config;
  db: Database;
  dialect: DialectName;
  clock: Clock;
  /** null when SMTP_URL is unset: messages stay in the outbox as "not sent" */
  mailer: MailTransport | null;
  logger: Logger;
  /**
   * Encrypts and decrypts children's health data. Opened (and checked against the database) by createContext;
   * buildApp opens it from the config when a caller assembled the context by hand.
   */
  health?: HealthCipher;
  /** The online payment provider (PAYMENT_PROVIDER); built on first use from the config when unset. */
  paymentProvider?: PaymentProvider;
}

/** The health-data cipher of a context built by createContext or buildApp. */
export function healthCipher(ctx: AppContext): HealthCipher {
  if (!ctx.health) throw new Error('health-data cipher not opened (createContext or buildApp opens it)');
  return ctx.health;
}
