/**
 * The multi-instance deployment on loopback (issue 16), as a library: N portal instances on one PostgreSQL
 * database behind Debian's nginx configured by a rendered copy of deploy/nginx.conf. Used by `npm run cluster`
 * (scripts/cluster.ts), by bench/rush.ts (RUSH_INSTANCES) and by tests/integration/cluster*.test.ts.
 *
 * Each instance is started as the shipped systemd unit (deploy/portail-familles.service) would start it: the
 * unit's ExecStart command line (`node dist/server/main.js start`: the build, made or refreshed first by
 * `ensureServerBuild()` when the sources changed since) and its `Environment=` lines, run from the repository
 * instead of /srv/portail;
 * what the unit takes from elsewhere stands in here: `EnvironmentFile=` → DATABASE_URL, PORT, HOST, TRUST_PROXY,
 * PUBLIC_URL given by the cluster, `StateDirectory=` → the cluster's DATA_DIR. systemd's sandboxing is not applied
 * (systemd is not PID 1 here); `verifyUnit()` runs `systemd-analyze verify` on the file when the tool exists.
 *
 * Instances can be SIGKILLed, restarted on the same port, and stopped with SIGTERM (they drain: src/server/main.ts).
 * nginx runs as a child process of the current user with everything it writes (pid, logs, temporary files) in a
 * temporary prefix.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import net from 'node:net';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import pg from 'pg';

export const root = path.join(import.meta.dirname, '..');
export const UNIT_FILE = path.join(root, 'deploy/portail-familles.service');
export const NGINX_CONF = path.join(root, 'deploy/nginx.conf');

export interface ClusterOptions {
  databaseUrl: string;
  instances: number;
  /** nginx's port on 127.0.0.1; 0 or absent: a free one */
  port?: number;
  /** instance i listens on basePort + i - 1; absent: port + 1 when port is given, else free ports */
  basePort?: number;
  /** DATA_DIR shared by the instances (health-data key, demo password) */
  dataDir: string;
  /** DEMO for the instances (default false) */
  demo?: boolean;
  /** extra environment for the instances (over process.env) */
  env?: Record<string, string | undefined>;
  nginx?: string;
  /** node options put before the unit's arguments (BENCH_SERVER_NODE_ARGS, e.g. --cpu-prof) */
  nodeArgs?: string[];
  log?: (msg: string) => void;
  /** nginx worker processes (default 2) */
  nginxWorkers?: number;
}

export interface Instance {
  index: number;
  port: number;
  url: string;
  /** address as nginx's $upstream_addr names it */
  addr: string;
  logFile: string;
  child: ChildProcess | null;
  /** how many times it was started */
  starts: number;
  running(): boolean;
  /** starts the process (same port); resolves when /readyz answers 200 */
  start(timeoutSeconds?: number): Promise<void>;
  /** SIGKILL, resolves when the process is gone */
  kill(): Promise<void>;
  /** SIGTERM (drain), SIGKILL after `timeoutSeconds` (the unit's TimeoutStopSec); resolves with the exit code */
  stop(timeoutSeconds?: number): Promise<number | null>;
}

export interface Cluster {
  /** nginx's base URL */
  url: string;
  prefix: string;
  siteConf: string;
  instances: Instance[];
  nginx: ChildProcess;
  unit: UnitCommand;
  /** SIGTERM to every instance (they drain), then nginx quits; the prefix is removed unless keepPrefix */
  stop(o?: { keepPrefix?: boolean }): Promise<void>;
}

export interface UnitCommand {
  argv: string[];
  environment: Record<string, string>;
  timeoutStopSec: number;
  /** how the command line was taken, for the reports */
  note: string;
}

/** The unit's ExecStart and Environment= lines (the unit file is the one a city installs). */
export function unitCommand(file = UNIT_FILE): UnitCommand {
  const text = fs.readFileSync(file, 'utf8');
  const environment: Record<string, string> = {};
  let exec: string[] | null = null;
  let timeoutStopSec = 90;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#') || !line.includes('=')) continue;
    const i = line.indexOf('=');
    const [key, value] = [line.slice(0, i).trim(), line.slice(i + 1).trim()];
    if (key === 'ExecStart') exec = value.split(/\s+/);
    else if (key === 'Environment')
      for (const assignment of value.split(/\s+/)) {
        const j = assignment.indexOf('=');
        if (j > 0) environment[assignment.slice(0, j)] = assignment.slice(j + 1);
      }
    else if (key === 'TimeoutStopSec') timeoutStopSec = Number(value.replace(/s$/, ''));
  }
  if (!exec) throw new Error(`${file}: no ExecStart`);
  let note = `ExecStart of ${path.relative(root, file)} as written`;
  if (!fs.existsSync(exec[0])) {
    note = `ExecStart of ${path.relative(root, file)} with ${process.execPath} for ${exec[0]} (missing here)`;
    exec[0] = process.execPath;
  }
  return { argv: exec, environment, timeoutStopSec, note };
}

/** `systemd-analyze verify` on the unit when available: { ok, output } or null when the tool is missing. */
export function verifyUnit(file = UNIT_FILE): { ok: boolean; output: string } | null {
  const r = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
  if (r.error) return null;
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}`.trim() };
}

/**
 * The server build the unit's ExecStart runs (dist/server), built when missing or older than the sources
 * (scripts/build-server.mjs --if-stale: nothing to do is a few stats; concurrent callers wait for one build).
 */
export function ensureServerBuild(log: (msg: string) => void = () => {}): void {
  const started = Date.now();
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/build-server.mjs'), '--if-stale'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build:server failed:\n${r.stderr}`);
  if (r.stderr.trim()) log(`server build refreshed in ${((Date.now() - started) / 1000).toFixed(1)} s (scripts/build-server.mjs)`);
}

/** GET url → status (0 when unreachable). */
export function get(url: string, timeoutMs = 2000): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve({ status: 0, headers: {} }));
  });
}

export async function waitReady(url: string, what: string, alive: () => boolean, seconds = 60): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`${what} exited before it was ready`);
    if ((await get(url)).status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: ${url} not 200 after ${seconds} s`);
}

/** Creates the database of `url` when missing (PostgreSQL). */
export async function ensureDatabase(url: string, log: (m: string) => void = () => {}): Promise<void> {
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

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/**
 * `count` consecutive free ports on 127.0.0.1, below Linux's ephemeral range (32768–60999 by default): a port in
 * that range can be taken by any outgoing connection (to PostgreSQL, nginx to an instance…) between this check and
 * the instance's listen, or while a killed instance restarts on it.
 */
export async function freePorts(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 12_000 + Math.floor(Math.random() * 20_000);
    let ok = true;
    for (let p = base; p < base + count && ok; p++) ok = await portFree(p);
    if (ok) return base;
  }
  throw new Error(`no ${count} consecutive free ports`);
}

/** deploy/nginx.conf with the cluster's upstream servers and listen address (see the header of that file). */
export function renderSite(template: string, listen: string, ports: number[]): string {
  const out: string[] = [];
  let inUpstream = false;
  let serverLine = '    server 127.0.0.1:{port} max_fails=3 fail_timeout=10s;';
  for (const line of template.split('\n')) {
    if (line.includes('# cluster:upstream-begin')) {
      inUpstream = true;
      out.push(line);
      continue;
    }
    if (line.includes('# cluster:upstream-end')) {
      inUpstream = false;
      out.push(...ports.map((p) => serverLine.replace('{port}', String(p))));
    } else if (inUpstream) {
      // the first server line of the template gives the parameters (max_fails, fail_timeout…) of every instance
      const m = /^(\s*server\s+)\S+(\s.*)$/.exec(line);
      if (m && !line.trim().startsWith('#')) serverLine = `${m[1]}127.0.0.1:{port}${m[2]}`;
      continue;
    }
    if (line.includes('# cluster:drop')) continue;
    if (line.includes('# cluster:listen')) {
      out.push(`    listen ${listen};`);
      continue;
    }
    out.push(line.startsWith('#cluster-only ') ? `        ${line.slice('#cluster-only '.length)}` : line);
  }
  return out.join('\n');
}

export function renderMain(prefix: string, site: string, workers = 2): string {
  const user = os.userInfo().username;
  return [
    '# rendered by scripts/cluster-lib.ts — do not edit; the site part comes from deploy/nginx.conf',
    // as root, nginx would otherwise switch its workers to `nobody`, which cannot write the temporary prefix
    process.getuid?.() === 0 ? `user ${user};` : '',
    `worker_processes ${workers};`,
    `pid ${prefix}/nginx.pid;`,
    `error_log ${prefix}/error.log warn;`,
    // bench:rush's « all in flight » scenario: up to RUSH_FAMILIES client connections plus as many to the instances
    'events { worker_connections 16384; }',
    'worker_rlimit_nofile 20000;',
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

const exitOf = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

/** Starts the instances (the first alone: it migrates and seeds), then nginx in front of them. */
export async function startCluster(o: ClusterOptions): Promise<Cluster> {
  const log = o.log ?? (() => {});
  const NGINX = o.nginx ?? process.env.NGINX ?? '/usr/sbin/nginx';
  if (!fs.existsSync(NGINX)) throw new Error(`${NGINX} is missing (apt-get install nginx)`);
  const port = o.port || (await freePorts(o.instances + 1));
  const basePort = o.basePort ?? port + 1;
  const url = `http://127.0.0.1:${port}`;
  const unit = unitCommand();
  ensureServerBuild(log);
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'portail-cluster-'));
  fs.mkdirSync(o.dataDir, { recursive: true, mode: 0o700 });
  log(`temporary prefix (nginx conf and logs, instance logs): ${prefix}`);

  const makeInstance = (index: number): Instance => {
    const iport = basePort + index - 1;
    const logFile = path.join(prefix, `instance-${index}.log`);
    const inst: Instance = {
      index,
      port: iport,
      url: `http://127.0.0.1:${iport}`,
      addr: `127.0.0.1:${iport}`,
      logFile,
      child: null,
      starts: 0,
      running: () => !!inst.child && inst.child.exitCode === null && inst.child.signalCode === null,
      async start(timeoutSeconds = 120) {
        if (inst.running()) throw new Error(`instance ${index} is already running`);
        const out = fs.openSync(logFile, 'a');
        const [cmd, ...args] = unit.argv;
        const child = spawn(cmd, [...(o.nodeArgs ?? []), ...args], {
          cwd: root,
          env: {
            ...process.env,
            ...unit.environment,
            ...o.env,
            DATABASE_URL: o.databaseUrl,
            PORT: String(iport),
            HOST: '127.0.0.1',
            TRUST_PROXY: '127.0.0.1',
            PUBLIC_URL: o.env?.PUBLIC_URL ?? url,
            DEMO: o.demo ? 'true' : 'false',
            DATA_DIR: o.dataDir,
          },
          stdio: ['ignore', out, out],
        });
        fs.closeSync(out);
        inst.child = child;
        inst.starts++;
        child.once('exit', (code, signal) => log(`instance ${index} (pid ${child.pid}) exited (${signal ?? code})`));
        try {
          await waitReady(`${inst.url}/readyz`, `instance ${index}`, () => inst.child === child && inst.running(), timeoutSeconds);
        } catch (err) {
          const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-6).join('\n');
          throw new Error(`${(err as Error).message}; the end of ${logFile}:\n${tail}`);
        }
      },
      async kill() {
        const c = inst.child;
        if (!c || !inst.running()) return;
        c.kill('SIGKILL');
        await exitOf(c);
      },
      async stop(timeoutSeconds = unit.timeoutStopSec) {
        const c = inst.child;
        if (!c || !inst.running()) return c?.exitCode ?? null;
        c.kill('SIGTERM');
        const t = setTimeout(() => c.kill('SIGKILL'), timeoutSeconds * 1000);
        const code = await exitOf(c);
        clearTimeout(t);
        return code;
      },
    };
    return inst;
  };

  const instances = Array.from({ length: o.instances }, (_, k) => makeInstance(k + 1));
  let nginx: ChildProcess | null = null;
  const stop = async (so: { keepPrefix?: boolean } = {}) => {
    await Promise.all(instances.map((i) => i.stop()));
    if (nginx && nginx.exitCode === null && nginx.signalCode === null) {
      const n = nginx;
      n.kill('SIGQUIT');
      const t = setTimeout(() => n.kill('SIGKILL'), 5_000);
      await exitOf(n);
      clearTimeout(t);
    }
    if (!so.keepPrefix) fs.rmSync(prefix, { recursive: true, force: true });
  };
  try {
    // 1. the first instance alone: it migrates (and seeds the demo data into an empty database)
    await instances[0].start();
    // 2. the others together (migrations done: they wait on the advisory lock, find nothing to do)
    await Promise.all(instances.slice(1).map((i) => i.start()));
    // 3. nginx with the shipped configuration, rendered for these ports
    const siteConf = path.join(prefix, 'portail.conf');
    fs.writeFileSync(siteConf, renderSite(fs.readFileSync(NGINX_CONF, 'utf8'), `127.0.0.1:${port}`, instances.map((i) => i.port)));
    const conf = path.join(prefix, 'nginx.conf');
    fs.writeFileSync(conf, renderMain(prefix, siteConf, o.nginxWorkers ?? 2));
    const test = spawnSync(NGINX, ['-t', '-q', '-c', conf, '-p', prefix, '-g', 'daemon off;'], { encoding: 'utf8' });
    if (test.status !== 0) throw new Error(`nginx -t failed:\n${test.stderr}`);
    const n = spawn(NGINX, ['-c', conf, '-p', prefix, '-g', 'daemon off;'], { stdio: ['ignore', 'inherit', 'inherit'] });
    nginx = n;
    await waitReady(`${url}/readyz`, 'nginx', () => n.exitCode === null && n.signalCode === null, 30);
    return { url, prefix, siteConf, instances, nginx: n, unit, stop };
  } catch (err) {
    await stop({ keepPrefix: true });
    throw err;
  }
}
