import fs from 'node:fs';
import path from 'node:path';
import { generateDemoPassword, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { createContext } from './bootstrap.js';
import { buildApp } from './app.js';
import { startJobs } from './jobs/runner.js';
import { DEMO_LOGINS, isEmpty, seedDemo } from './demo/seed.js';
import { backupCommand, restoreCommand } from './backup.js';

async function main(command: string): Promise<void> {
  const config = loadConfig();
  // Backup and restore work on the database file or server directly: no context (a restore needs an empty target).
  if (command === 'backup') return backupCommand(config, process.argv.slice(3));
  if (command === 'restore') return restoreCommand(config, process.argv.slice(3));
  const logger = createLogger(config.logLevel);
  const ctx = await createContext(config, logger);

  if (command === 'migrate') {
    logger.info('database is up to date');
    await ctx.db.destroy();
    return;
  }

  let demoPassword: string | null = null;
  if (command === 'seed-demo' || (command === 'start' && config.demo)) {
    const remembered = path.join(config.dataDir, 'demo-password.txt');
    if (await isEmpty(ctx)) {
      demoPassword = config.demoPassword ?? generateDemoPassword();
      await seedDemo(ctx, demoPassword);
      // A generated demo password is kept beside the data so later starts can print it again.
      if (!config.demoPassword) {
        fs.mkdirSync(config.dataDir, { recursive: true });
        fs.writeFileSync(remembered, demoPassword, { mode: 0o600 });
      }
    } else if (!config.demoPassword && fs.existsSync(remembered)) {
      demoPassword = fs.readFileSync(remembered, 'utf8').trim();
    }
    if (command === 'seed-demo') {
      console.log(demoPassword ? `Demo data created. Password: ${demoPassword}` : 'Database not empty: nothing seeded.');
      await ctx.db.destroy();
      return;
    }
  }
  if (command !== 'start') throw new Error(`Commande inconnue : ${command} (start | migrate | seed-demo | backup | restore)`);

  const app = await buildApp(ctx);
  let stopJobs: (() => Promise<void>) | null = null;
  // Signal handlers go in before the server listens and before the banner is printed: a supervisor
  // that reads the banner and stops the process at once must still get a clean shutdown.
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await app.close(); // stops accepting, lets in-flight requests finish
    await stopJobs?.();
    ctx.mailer?.close();
    await ctx.db.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  if (closing) return;
  stopJobs = startJobs(ctx);
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  const lines = [
    '',
    `  Portail Familles — ${config.city.name}`,
    `  ${url}`,
    `  Base de données : ${config.databaseUrl ? 'PostgreSQL' : `SQLite (${config.dataDir}/portail.sqlite)`}`,
    `  Courriels : ${ctx.mailer ? 'SMTP' : 'non envoyés (pas de SMTP_URL) — lisibles dans le back-office, « Courriels envoyés »'}`,
  ];
  if (config.demo) {
    const pw = demoPassword ?? config.demoPassword;
    lines.push(
      '',
      '  Comptes de démonstration / demo logins:',
      `    famille validée         ${DEMO_LOGINS.family}`,
      `    famille en attente      ${DEMO_LOGINS.pendingFamily}`,
      `    administratrice         ${DEMO_LOGINS.admin}`,
      `    agent                   ${DEMO_LOGINS.agent}`,
      pw
        ? `    mot de passe / password ${pw}`
        : '    mot de passe : celui affiché au premier démarrage (ou définissez DEMO_PASSWORD sur une base vide)',
    );
  }
  console.log(lines.join('\n') + '\n');
}

main(process.argv[2] ?? 'start').catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
