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
 * The first instance starts alone (it migrates and, on an empty database, writes the demo data), the others then
 * start together; nginx starts last, as a child process running as the current user with everything it writes
 * (pid, logs, temporary files) in a temporary prefix. Ctrl-C / SIGTERM: SIGTERM to every instance (they drain
 * and exit), then nginx is told to quit.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { DEMO_LOGINS } from '../src/server/demo/seed.js';

const root = path.join(import.meta.dirname, '..');
const env = process.env;
const DATABASE_URL = env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/portail_cluster';
const INSTANCES = Number(env.CLUSTER_INSTANCES || 3);
const PORT = Number(env.CLUSTER_PORT || 8080);
const BASE_PORT = Number(env.CLUSTER_BASE_PORT || PORT + 1);
const DATA_DIR = path.resolve(root, env.CLUSTER_DATA_DIR || 'data/cluster');
const DEMO = env.CLUSTER_DEMO ?? 'true';
const NGINX = env.NGINX || '/usr/sbin/nginx';
const URL_ = `http://127.0.0.1:${PORT}`;

interface Proc {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

const procs: Proc[] = [];
let nginx: Proc | null = null;
let stopping = false;

function log(msg: string): void {
  console.log(`[cluster] ${msg}`);
}

function track(name: string, child: ChildProcess): Proc {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : null))));
  const p = { name, child, exited };
  void exited.then((code) => {
    if (!stopping) {
      log(`${name} (pid ${child.pid}) exited unexpectedly (${code})`);
    }
  });
  return p;
}

/** GET url → status (0 when unreachable). */
function get(url: string, timeoutMs = 2000): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

async function waitReady(url: string, what: string, proc: Proc | null, seconds = 60): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  let exited = false;
  void proc?.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${what} exited before it was ready`);
    if ((await get(url)) === 200) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what}: ${url} not 200 after ${seconds} s`);
}

async function ensureDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`database name not supported by the cluster script: ${name}`);
  u.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) {
      await admin.query(`create database ${name}`);
      log(`database ${name} created`);
    }
  } finally {
    await admin.end();
  }
}

/** deploy/nginx.conf with the cluster's upstream servers and listen address (see the header of that file). */
export function renderSite(template: string, listen: string, ports: number[]): string {
  const out: string[] = [];
  let inUpstream = false;
  for (const line of template.split('\n')) {
    if (line.includes('# cluster:upstream-begin')) {
      inUpstream = true;
      out.push(line, ...ports.map((p) => `    server 127.0.0.1:${p} max_fails=3 fail_timeout=10s;`));
      continue;
    }
    if (line.includes('# cluster:upstream-end')) inUpstream = false;
    else if (inUpstream) continue;
    if (line.includes('# cluster:drop')) continue;
    if (line.includes('# cluster:listen')) {
      out.push(`    listen ${listen};`);
      continue;
    }
    out.push(line.startsWith('#cluster-only ') ? `        ${line.slice('#cluster-only '.length)}` : line);
  }
  return out.join('\n');
}

function renderMain(prefix: string, site: string): string {
  const user = os.userInfo().username;
  return [
    '# rendered by scripts/cluster.ts — do not edit; the site part comes from deploy/nginx.conf',
    // as root, nginx would otherwise switch its workers to `nobody`, which cannot write the temporary prefix
    process.getuid?.() === 0 ? `user ${user};` : '',
    'worker_processes 2;',
    `pid ${prefix}/nginx.pid;`,
    `error_log ${prefix}/error.log warn;`,
    'events { worker_connections 4096; }',
    'http {',
    '  include /etc/nginx/mime.types;',
    `  client_body_temp_path ${prefix}/body;`,
    `  proxy_temp_path ${prefix}/proxy;`,
    `  fastcgi_temp_path ${prefix}/fastcgi;`,
    `  uwsgi_temp_path ${prefix}/uwsgi;`,
    `  scgi_temp_path ${prefix}/scgi;`,
    `  include ${site};`,
    `  access_log ${prefix}/access.log portail;`,
    '}',
    '',
  ].join('\n');
}

function startInstance(i: number): Proc {
  const port = BASE_PORT + i - 1;
  const logFile = path.join(prefix, `instance-${i}.log`);
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', 'start'], {
    cwd: root,
    env: {
      ...env,
      DATABASE_URL,
      PORT: String(port),
      HOST: '127.0.0.1',
      TRUST_PROXY: '127.0.0.1',
      PUBLIC_URL: URL_,
      DEMO,
      DATA_DIR,
    },
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  return track(`instance ${i}`, child);
}

async function stopAll(code: number): Promise<never> {
  if (stopping) return new Promise(() => {}) as Promise<never>;
  stopping = true;
  log('stopping: SIGTERM to the instances');
  for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGTERM');
  await Promise.all(
    procs.map(async (p) => {
      const t = setTimeout(() => p.child.kill('SIGKILL'), 20_000);
      await p.exited;
      clearTimeout(t);
    }),
  );
  if (nginx && nginx.child.exitCode === null) {
    log('nginx: quit');
    nginx.child.kill('SIGQUIT');
    const t = setTimeout(() => nginx?.child.kill('SIGKILL'), 5_000);
    await nginx.exited;
    clearTimeout(t);
  }
  log('stopped');
  process.exit(code);
}

const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'portail-cluster-'));

async function main(): Promise<void> {
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  if (!fs.existsSync(NGINX)) throw new Error(`${NGINX} not found: apt-get install nginx (Debian's package)`);
  if (!Number.isInteger(INSTANCES) || INSTANCES < 1) throw new Error('CLUSTER_INSTANCES must be a positive integer');
  if (!fs.existsSync(path.join(root, 'dist/web/index.html'))) {
    log('building the web app (npm run build:web)');
    const r = spawnSync('npm', ['run', '--silent', 'build:web'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm run build:web failed');
  }
  await ensureDatabase(DATABASE_URL);
  fs.mkdirSync(DATA_DIR, { recursive: true, mode: 0o700 });
  log(`temporary prefix (nginx conf and logs, instance logs): ${prefix}`);

  // 1. the first instance alone: it migrates and writes the demo data into an empty database
  procs.push(startInstance(1));
  await waitReady(`http://127.0.0.1:${BASE_PORT}/readyz`, 'instance 1', procs[0], 120);
  // 2. the others together (migrations already done: they wait on the advisory lock, find nothing to do)
  for (let i = 2; i <= INSTANCES; i++) procs.push(startInstance(i));
  await Promise.all(procs.slice(1).map((p, k) => waitReady(`http://127.0.0.1:${BASE_PORT + k + 1}/readyz`, p.name, p, 120)));

  // 3. nginx with the shipped configuration, rendered for these ports
  const ports = procs.map((_, k) => BASE_PORT + k);
  const site = path.join(prefix, 'portail.conf');
  fs.writeFileSync(site, renderSite(fs.readFileSync(path.join(root, 'deploy/nginx.conf'), 'utf8'), `127.0.0.1:${PORT}`, ports));
  const conf = path.join(prefix, 'nginx.conf');
  fs.writeFileSync(conf, renderMain(prefix, site));
  const test = spawnSync(NGINX, ['-t', '-q', '-c', conf, '-p', prefix, '-g', 'daemon off;'], { encoding: 'utf8' });
  if (test.status !== 0) throw new Error(`nginx -t failed:\n${test.stderr}`);
  nginx = track('nginx', spawn(NGINX, ['-c', conf, '-p', prefix, '-g', 'daemon off;'], { stdio: ['ignore', 'inherit', 'inherit'] }));
  await waitReady(`${URL_}/readyz`, 'nginx', nginx, 30);

  const password =
    env.DEMO_PASSWORD ??
    (fs.existsSync(path.join(DATA_DIR, 'demo-password.txt')) ? fs.readFileSync(path.join(DATA_DIR, 'demo-password.txt'), 'utf8').trim() : null);
  const lines = [
    '',
    `  Portail Familles — cluster of ${INSTANCES} instance(s) behind nginx, PostgreSQL`,
    `  ${URL_}`,
    `  Base de données : ${DATABASE_URL.replace(/\/\/[^@/]*@/, '//…@')}`,
    '',
    `  nginx        pid ${nginx.child.pid}  ${URL_}  conf ${conf}`,
    ...procs.map((p, k) => `  instance ${k + 1}   pid ${p.child.pid}  http://127.0.0.1:${BASE_PORT + k}  log ${path.join(prefix, `instance-${k + 1}.log`)}`),
  ];
  if (DEMO === 'true') {
    lines.push(
      '',
      '  Comptes de démonstration / demo logins:',
      `    famille validée         ${DEMO_LOGINS.family}`,
      `    famille en attente      ${DEMO_LOGINS.pendingFamily}`,
      `    administratrice         ${DEMO_LOGINS.admin}`,
      `    agent                   ${DEMO_LOGINS.agent}`,
      password
        ? `    mot de passe / password ${password}`
        : '    mot de passe : celui affiché au premier démarrage (ou définissez DEMO_PASSWORD sur une base vide)',
    );
  }
  lines.push('', '  Ctrl-C stops the instances (SIGTERM, they drain) and then nginx.', `CLUSTER READY ${URL_}`);
  console.log(lines.join('\n') + '\n');
}

main().catch((err) => {
  console.error(`[cluster] ${err instanceof Error ? err.message : err}`);
  void stopAll(1);
});
