/**
 * `npm run cluster`: the multi-instance deployment on loopback (issue 16) — N portal instances on one PostgreSQL
 * database behind Debian's nginx, configured by a rendered copy of deploy/nginx.conf.
 *
 * Environment:
 *   DATABASE_URL        postgres://postgres@127.0.0.1:5432/portail_cluster (the database is created if missing)
 *   CLUSTER_INSTANCES   3
 *   CLUSTER_PORT        8080 (nginx, on 127.0.0.1)
 *   CLUSTER_BASE_PORT   CLUSTER_PORT + 1 (instance i listens on CLUSTER_BASE_PORT + i - 1)
 *   CLUSTER_DATA_DIR    ./data/cluster (shared by the instances: health-data key, generated demo password)
 *   CLUSTER_DEMO        true (DEMO for the instances: demo data written into an empty database)
 *   NGINX               /usr/sbin/nginx
 * Any other variable (DEMO_PASSWORD, HEALTH_DATA_KEY, METRICS_TOKEN, LOG_LEVEL…) is passed to the instances.
 *
 * The work is done by scripts/cluster-lib.ts (shared with bench/rush.ts and the cluster tests): the first instance
 * starts alone (it migrates and, on an empty database, writes the demo data), the others then start together;
 * nginx starts last, as a child process running as the current user with everything it writes (pid, logs,
 * temporary files) in a temporary prefix, kept at the end for reading. Each instance runs the ExecStart and the
 * Environment= lines of deploy/portail-familles.service, which is checked first with `systemd-analyze verify`
 * when the tool is there. Ctrl-C / SIGTERM: SIGTERM to every instance (they drain and exit), then nginx quits.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { demoLoginLines } from '../src/server/demo/seed.js';
import { ensureDatabase, root, startCluster, UNIT_FILE, unitCommand, verifyUnit, type Cluster } from './cluster-lib.js';

const env = process.env;
const DATABASE_URL = env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/portail_cluster';
const INSTANCES = Number(env.CLUSTER_INSTANCES || 3);
const PORT = Number(env.CLUSTER_PORT || 8080);
const BASE_PORT = Number(env.CLUSTER_BASE_PORT || PORT + 1);
const DATA_DIR = path.resolve(root, env.CLUSTER_DATA_DIR || 'data/cluster');
const DEMO = (env.CLUSTER_DEMO ?? 'true') === 'true';
const NGINX = env.NGINX || '/usr/sbin/nginx';

function log(msg: string): void {
  console.log(`[cluster] ${msg}`);
}

let cluster: Cluster | null = null;
let stopping = false;

async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  log('stopping: SIGTERM to the instances (they drain), then nginx quits');
  await cluster?.stop({ keepPrefix: true });
  log('stopped');
  process.exit(code);
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  if (!fs.existsSync(NGINX)) throw new Error(`${NGINX} not found: apt-get install nginx (Debian's package)`);
  if (!Number.isInteger(INSTANCES) || INSTANCES < 1) throw new Error('CLUSTER_INSTANCES must be a positive integer');
  const verified = verifyUnit();
  log(
    verified === null
      ? `systemd-analyze missing: ${path.relative(root, UNIT_FILE)} not verified`
      : verified.ok
        ? `systemd-analyze verify ${path.relative(root, UNIT_FILE)}: ok`
        : `systemd-analyze verify ${path.relative(root, UNIT_FILE)} complains:\n${verified.output}`,
  );
  log(`instances started with the ${unitCommand().note}: ${unitCommand().argv.join(' ')}`);
  if (!fs.existsSync(path.join(root, 'dist/web/index.html'))) {
    log('building the web app (npm run build:web)');
    const r = spawnSync('npm', ['run', '--silent', 'build:web'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm run build:web failed');
  }
  await ensureDatabase(DATABASE_URL, log);

  cluster = await startCluster({
    databaseUrl: DATABASE_URL,
    instances: INSTANCES,
    port: PORT,
    basePort: BASE_PORT,
    dataDir: DATA_DIR,
    demo: DEMO,
    nginx: NGINX,
    log: (m) => {
      if (!stopping) log(m);
    },
  });
  if (stopping) return;
  const URL_ = cluster.url;
  const password =
    env.DEMO_PASSWORD ??
    (fs.existsSync(path.join(DATA_DIR, 'demo-password.txt')) ? fs.readFileSync(path.join(DATA_DIR, 'demo-password.txt'), 'utf8').trim() : null);
  const lines = [
    '',
    `  Portail Familles — cluster of ${INSTANCES} instance(s) behind nginx, PostgreSQL`,
    `  ${URL_}`,
    `  Base de données : ${DATABASE_URL.replace(/\/\/[^@/]*@/, '//…@')}`,
    '',
    `  nginx        pid ${cluster.nginx.pid}  ${URL_}  conf ${cluster.siteConf}`,
    ...cluster.instances.map((i) => `  instance ${i.index}   pid ${i.child?.pid}  ${i.url}  log ${i.logFile}`),
  ];
  if (DEMO) {
    lines.push(...demoLoginLines(password));
  }
  lines.push('', '  Ctrl-C stops the instances (SIGTERM, they drain) and then nginx.', `CLUSTER READY ${URL_}`);
  console.log(lines.join('\n') + '\n');
}

main().catch((err) => {
  console.error(`[cluster] ${err instanceof Error ? err.message : err}`);
  void stopAll(1);
});
