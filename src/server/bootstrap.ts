import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { dialectOf, openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { systemClock, type Clock } from './clock.js';
import { smtpTransport, type MailTransport } from './modules/mail/mail.transport.js';
import { openHealthCipher } from './crypto/health-crypto.js';

/** Opens the configured database, runs migrations, and assembles the context. */
export async function createContext(
  config: Config,
  logger: Logger,
  overrides: { clock?: Clock; mailer?: MailTransport | null } = {},
): Promise<AppContext> {
  if (!config.databaseUrl) fs.mkdirSync(config.dataDir, { recursive: true });
  const db = openDatabase({
    url: config.databaseUrl,
    sqliteFile: config.databaseUrl ? undefined : path.join(config.dataDir, 'portail.sqlite'),
  });
  if (config.payment.provider === 'demo' && config.env === 'production')
    logger.warn('PAYMENT_PROVIDER=demo: online payments go to the simulated bank (no real payment); set PAYMENT_PROVIDER=payfip');
  const applied = await migrateToLatest(db);
  if (applied.length) logger.info({ migrations: applied }, 'migrations applied');
  let health;
  try {
    health = await openHealthCipher(config, db, logger);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return {
    config,
    db,
    dialect: dialectOf(db),
    clock: overrides.clock ?? systemClock,
    mailer: overrides.mailer !== undefined ? overrides.mailer : config.smtpUrl ? smtpTransport(config.smtpUrl) : null,
    logger,
    health,
  };
}
