/**
 * The multi-instance deployment through a real load balancer (issue 16, « Proven, not claimed »): `npm run cluster`
 * (scripts/cluster.ts) starts 3 portal processes on a scratch PostgreSQL database and Debian's nginx in front of
 * them with the shipped deploy/nginx.conf; everything below goes through nginx over real TCP.
 *
 * Which instance answered is read from the `X-Upstream` header the cluster's rendered copy of nginx.conf adds
 * (`$upstream_addr`). Distinct client addresses come from binding the client socket to 127.0.0.x (all of 127/8 is
 * loopback): nginx puts that address in X-Forwarded-For, and TRUST_PROXY=127.0.0.1 makes the instances believe it.
 *
 * Runs only with TEST_DATABASE_URL (PostgreSQL) and /usr/sbin/nginx; otherwise skipped with the reason.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgAdmin } from '../support/pg-admin.js';

const PG_URL = process.env.TEST_DATABASE_URL;
const NGINX = '/usr/sbin/nginx';
const root = path.join(import.meta.dirname, '../..');
const skipReason = !PG_URL
  ? 'TEST_DATABASE_URL (PostgreSQL) is not set'
  : !fs.existsSync(NGINX)
    ? `${NGINX} is missing (apt-get install nginx)`
    : null;

const PASSWORD = 'Cluster-Demo-2026!';
const FAMILY = 'famille@example.org';

interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any;
}

const admin = (query: string) => pgAdmin(PG_URL!, query);

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/**
 * A port for nginx followed by three free ports for the instances, below Linux's ephemeral range (32768–60999): a
 * port in that range can be taken by an outgoing connection between this check and the instance's listen (CI saw
 * « listen EADDRINUSE 127.0.0.1:43500 »), as scripts/cluster-lib.ts freePorts says.
 */
async function freePorts(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 12_000 + Math.floor(Math.random() * 20_000);
    let ok = true;
    for (let p = base; p < base + 4 && ok; p++) ok = await portFree(p);
    if (ok) return base;
  }
  throw new Error('no four consecutive free ports');
}

/** A browser at client address `from` (127.0.0.x): keeps its cookies and CSRF token whichever instance answers. */
class Client {
  private cookies = new Map<string, string>();
  csrf: string | null = null;
  constructor(
    readonly base: string,
    readonly from: string,
  ) {}

  send(method: string, url: string, body?: unknown): Promise<Res> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    if (payload !== undefined) headers['content-type'] = 'application/json';
    return new Promise((resolve, reject) => {
      const req = http.request(`${this.base}${url}`, { method, headers, localAddress: this.from, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          for (const c of res.headers['set-cookie'] ?? []) {
            const [pair, ...attrs] = c.split(';');
            const i = pair.indexOf('=');
            const [k, v] = [pair.slice(0, i).trim(), pair.slice(i + 1).trim()];
            if (v === '' || attrs.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a))) this.cookies.delete(k);
            else this.cookies.set(k, v);
          }
          const text = Buffer.concat(chunks).toString('utf8');
          const json = String(res.headers['content-type'] ?? '').includes('json') && text;
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: json ? JSON.parse(text) : text });
        });
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  async session(): Promise<Res> {
    const res = await this.send('GET', '/api/session');
    this.csrf = res.body.csrfToken;
    return res;
  }
}

const upstream = (r: Res) => String(r.headers['x-upstream'] ?? '');

describe.skipIf(!!skipReason)(`cluster: 3 instances behind nginx on PostgreSQL${skipReason ? ` — skipped: ${skipReason}` : ''}`, () => {
  const dbName = `cluster_${randomBytes(5).toString('hex')}`;
  let dataDir = '';
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let output = '';
  let base = '';
  let instancePorts: number[] = [];

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-cluster-data-'));
    await admin(`create database ${dbName}`);
    const port = await freePorts();
    instancePorts = [port + 1, port + 2, port + 3];
    const u = new URL(PG_URL!);
    u.pathname = `/${dbName}`;
    // detached: the script, its instances and nginx form one process group that afterAll can always kill
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/cluster.ts'], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        DATABASE_URL: u.toString(),
        CLUSTER_INSTANCES: '3',
        CLUSTER_PORT: String(port),
        CLUSTER_BASE_PORT: String(port + 1),
        CLUSTER_DATA_DIR: dataDir,
        DEMO_PASSWORD: PASSWORD,
        LOG_LEVEL: 'warn',
      },
    });
    const c = child;
    exited = new Promise((resolve) => c.once('exit', () => resolve()));
    c.stdout!.on('data', (d) => (output += d));
    c.stderr!.on('data', (d) => (output += d));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`cluster not ready after 50 s:\n${output}`)), 50_000);
      const check = () => {
        const m = /CLUSTER READY (\S+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          base = m[1];
          resolve();
        }
      };
      c.stdout!.on('data', check);
      c.once('exit', () => {
        clearTimeout(timer);
        reject(new Error(`cluster script exited:\n${output}`));
      });
    });
  }, 60_000);

  afterAll(async () => {
    if (child?.pid) {
      // the script's own shutdown (SIGTERM to the instances, then nginx quit); then the whole group, whatever is left
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* the group is gone: good */
      }
    }
    const prefix = /temporary prefix[^:]*: (\S+)/.exec(output)?.[1];
    if (prefix?.includes('portail-cluster-')) fs.rmSync(prefix, { recursive: true, force: true });
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    if (PG_URL) await admin(`drop database if exists ${dbName} with (force)`);
  }, 40_000);

  it('answers /readyz 200 through nginx, from every instance in turn', async () => {
    const client = new Client(base, '127.0.0.2');
    const seen = new Set<string>();
    for (let i = 0; i < 12 && seen.size < 3; i++) {
      const res = await client.send('GET', '/readyz');
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('ready');
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/); // nginx's $request_id, sent back by the portal
      seen.add(upstream(res));
    }
    expect([...seen].sort()).toEqual(instancePorts.map((p) => `127.0.0.1:${p}`));
  });

  it('the demo family signs in on one instance and goes on with its session on the others', async () => {
    const family = new Client(base, '127.0.0.10');
    await family.session();
    const login = await family.send('POST', '/api/auth/login', { email: FAMILY, password: PASSWORD });
    expect(login.status).toBe(200);
    const loggedInOn = upstream(login);
    const others = new Set<string>();
    for (let i = 0; i < 12 && others.size < 2; i++) {
      const res = await family.send('GET', '/api/session');
      expect(res.status).toBe(200);
      expect(res.body.account?.email).toBe(FAMILY);
      if (upstream(res) !== loggedInOn) others.add(upstream(res));
    }
    expect(others.size).toBe(2); // the two instances it did not sign in on both know the session
    // a state-changing request (CSRF token checked) on whichever instance, then signed out everywhere
    const logout = await family.send('POST', '/api/auth/logout');
    expect(logout.status).toBe(204);
    for (let i = 0; i < 3; i++) expect((await family.send('GET', '/api/session')).body.account).toBeNull();
  });

  it('refuses the 21st login attempt in a minute from one address whichever instance gets it', async () => {
    const attacker = new Client(base, '127.0.0.20');
    await attacker.session();
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const res = await attacker.send('POST', '/api/auth/login', { email: `inconnu-${i}-${randomBytes(3).toString('hex')}@nulle-part.example`, password: 'Mauvais-Mot-2026!' });
      expect(res.status).toBe(401);
      seen.add(upstream(res));
    }
    expect(seen.size).toBe(3); // the 20 attempts were spread over the three instances
    const refusedBy = new Set<string>();
    for (let i = 0; i < 12 && refusedBy.size < 3; i++) {
      const res = await attacker.send('POST', '/api/auth/login', { email: `inconnu-x${i}@nulle-part.example`, password: 'Mauvais-Mot-2026!' });
      expect(res.status).toBe(429);
      refusedBy.add(upstream(res));
    }
    expect(refusedBy.size).toBe(3); // the 21st attempt and the next ones: refused by each of the three instances
    // another family address (X-Forwarded-For from nginx, believed through TRUST_PROXY) is not affected
    const neighbour = new Client(base, '127.0.0.21');
    await neighbour.session();
    const res = await neighbour.send('POST', '/api/auth/login', { email: 'inconnu-voisin@nulle-part.example', password: 'Mauvais-Mot-2026!' });
    expect(res.status).toBe(401);
  });
});
