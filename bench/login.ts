/**
 * Login benchmark: starts the portal as a child process on an embedded SQLite database with demo data, then
 * runs BENCH_CLIENTS concurrent clients (default 50) logging in for BENCH_SECONDS (default 15) on loopback,
 * while a probe measures GET /healthz latency at the same time. Prints one JSON object.
 * Each virtual client comes through a distinct X-Forwarded-For address (the portal runs with TRUST_PROXY, as
 * behind a city's reverse proxy), so per-IP rate limits see distinct families, as on opening day.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const PASSWORD = 'Bench-Comines-2026!';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function waitUp(base: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the portal did not start');
}

async function main(): Promise<void> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-bench-'));
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', 'start'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      DEMO: 'true',
      DEMO_PASSWORD: PASSWORD,
      TRUST_PROXY: 'true',
      LOG_LEVEL: 'warn',
      SMTP_URL: '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitUp(base);
    const loginLatencies: number[] = [];
    const healthLatencies: number[] = [];
    let ok = 0;
    let failed = 0;
    const statusCounts: Record<string, number> = {};
    const deadline = Date.now() + SECONDS * 1000;

    async function client(i: number): Promise<void> {
      const ip = `10.${(i >> 8) & 255}.${i & 255}.7`;
      while (Date.now() < deadline) {
        const t0 = performance.now();
        const s = await fetch(`${base}/api/session`, { headers: { 'x-forwarded-for': ip } });
        const { csrfToken } = (await s.json()) as { csrfToken: string };
        const cookie = (s.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
        const r = await fetch(`${base}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie, 'x-forwarded-for': ip },
          body: JSON.stringify({ email: 'famille@example.org', password: PASSWORD }),
        });
        await r.arrayBuffer();
        loginLatencies.push(performance.now() - t0);
        statusCounts[r.status] = (statusCounts[r.status] ?? 0) + 1;
        if (r.status === 200) ok++;
        else failed++;
      }
    }

    async function healthProbe(): Promise<void> {
      while (Date.now() < deadline) {
        const t0 = performance.now();
        const r = await fetch(`${base}/healthz`);
        await r.arrayBuffer();
        healthLatencies.push(performance.now() - t0);
        await new Promise((res) => setTimeout(res, 50));
      }
    }

    const started = performance.now();
    await Promise.all([...Array.from({ length: CLIENTS }, (_, i) => client(i)), healthProbe()]);
    const elapsed = (performance.now() - started) / 1000;
    loginLatencies.sort((a, b) => a - b);
    healthLatencies.sort((a, b) => a - b);
    const round = (n: number) => Math.round(n * 10) / 10;
    console.log(
      JSON.stringify(
        {
          benchmark: 'login',
          clients: CLIENTS,
          seconds: round(elapsed),
          logins_ok: ok,
          logins_failed: failed,
          statuses: statusCounts,
          logins_per_second: round(ok / elapsed),
          login_p50_ms: round(percentile(loginLatencies, 50)),
          login_p95_ms: round(percentile(loginLatencies, 95)),
          healthz_samples: healthLatencies.length,
          healthz_p50_ms: round(percentile(healthLatencies, 50)),
          healthz_p95_ms: round(percentile(healthLatencies, 95)),
          cpus: os.cpus().length,
          node: process.version,
        },
        null,
        2,
      ),
    );
    if (ok === 0) process.exitCode = 1;
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
