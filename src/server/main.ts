import { warmUpPasswordEstimator } from './modules/account/password-strength.js';
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import net from 'node:net';
import { generateDemoPassword, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { createContext } from './bootstrap.js';
import { buildApp } from './app.js';
import { startJobs } from './jobs/runner.js';
import { stopJobQueue } from './jobs/queue.js';
import { demoLoginLines, isEmpty, seedDemo } from './demo/seed.js';
import { backupCommand, restoreCommand } from './backup.js';

const COMMANDS = ['start', 'migrate', 'seed-demo', 'backup', 'restore'];
const USAGE = `Portail Familles — node dist/server/main.js <command> (npm start, npm run <command>)
  start              migrates, seeds the demo data into an empty database in demo mode, serves (the default)
  migrate            runs the migrations and exits
  seed-demo          writes the demo data into an empty database
  backup [--prune]   a consistent backup into BACKUP_DIR (docs/backup-restore.md)
  restore FILE       into an empty DATA_DIR or empty database
Settings come from the environment (README, « Configuration »).`;

async function main(command: string): Promise<void> {
  if (command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return;
  }
  // before anything opens (and migrates) the database
  if (!COMMANDS.includes(command)) throw new Error(`Commande inconnue : ${command} (${COMMANDS.join(' | ')})\n\n${USAGE}`);
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
      await stopJobQueue(ctx); // the demo's invoicing run went through the job queue
      await ctx.db.destroy();
      return;
    }
  }

  const app = await buildApp(ctx);
  let stopJobs: (() => Promise<void>) | null = null;

  // Drain on SIGTERM (a rolling restart behind nginx must not fail a single request):
  //  1. from the signal on, /readyz answers 503 « draining » and every answer carries `Connection: close`, so the
  //     load balancer stops reusing its kept-alive connections to this instance after their next answer;
  //  2. the listening socket closes at once (new connections are refused: nginx tries the next instance, which is
  //     safe even for a POST since nothing was sent), but idle kept-alive connections are NOT closed by the
  //     portal: closing one while nginx is sending a request on it would fail that request (nginx does not replay
  //     a POST). nginx closes them itself after its upstream `keepalive_timeout` (3 s in deploy/nginx.conf);
  //  3. once no connection is left (at most DRAIN_IDLE_MS), the idle ones of other clients are closed, in-flight
  //     requests finish (at most DRAIN_INFLIGHT_MS), then Fastify closes (its onClose hooks; a request still arriving
  //     gets 503), the jobs stop, the database pool closes and the process exits 0.
  const DRAIN_IDLE_MS = 10_000;
  const DRAIN_INFLIGHT_MS = 10_000;
  let draining = false;
  let inFlight = 0;
  // on the raw server, before Fastify's own listener: counts every request and marks answers sent while draining
  app.server.prependListener('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    inFlight++;
    res.once('close', () => inFlight--);
    if (draining) res.setHeader('connection', 'close');
  });
  app.addHook('onRequest', async (request, reply) => {
    if (draining && request.method === 'GET' && request.url.split('?')[0] === '/readyz')
      return reply.status(503).header('cache-control', 'no-store').send({ status: 'draining' });
  });
  const openConnections = () => new Promise<number>((resolve) => app.server.getConnections((err, n) => resolve(err ? 0 : n)));
  const until = async (done: () => Promise<boolean> | boolean, ms: number) => {
    const end = Date.now() + ms;
    while (!(await done()) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  };

  // Signal handlers go in before the server listens and before the banner is printed: a supervisor
  // that reads the banner and stops the process at once must still get a clean shutdown.
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down: draining');
    // systemd's TimeoutStopSec is 30 s (deploy/portail-familles.service)
    const force = setTimeout(() => process.exit(1), 25_000);
    force.unref();
    draining = true;
    if (app.server.listening) {
      // net.Server#close: stop accepting only (http.Server#close would also close the idle kept-alive connections)
      net.Server.prototype.close.call(app.server);
      await until(async () => (await openConnections()) === 0, DRAIN_IDLE_MS);
      app.server.closeIdleConnections();
      await until(() => inFlight === 0, DRAIN_INFLIGHT_MS);
    }
    await app.close(); // Fastify's onClose hooks; whatever connection is left is closed once idle
    await stopJobs?.();
    ctx.mailer?.close();
    await ctx.db.destroy();
    logger.info({ signal }, 'stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  // backlog: connections the kernel holds until the event loop accepts them (Node's default, 511, overflowed under
  // an opening-morning burst through nginx: dropped SYNs, nginx's 5 s connect timeout, the instance marked down).
  // The kernel caps it at net.core.somaxconn (4096 on current Linux).
  // the password estimator's dictionaries load once (≈ 0.7 s of CPU): before listening, not during a family's sign-up
  await warmUpPasswordEstimator();
  await app.listen({ port: config.port, host: config.host, backlog: 4096 });
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
    lines.push(...demoLoginLines(pw));
  }
  console.log(lines.join('\n') + '\n');
}

main(process.argv[2] ?? 'start').catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
