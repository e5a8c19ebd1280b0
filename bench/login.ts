/**
 * Login benchmark: starts the portal as a child process on an embedded SQLite database with demo data, then
 * runs BENCH_CLIENTS concurrent clients (default 50) logging in for BENCH_SECONDS (default 15) on loopback,
 * while a probe measures GET /healthz latency at the same time. Prints one JSON object.
 * Each login comes through its own X-Forwarded-For address (the portal runs with TRUST_PROXY, as behind a city's
 * reverse proxy): on opening day every family logs in once or twice from its own connection, so the per-address
 * limit (20 attempts a minute) must not be what is measured; the figure is the cost of a real login (argon2id
 * verification, session write) under concurrency.
 */
import os from 'node:os';
import { percentile, startPortalProcess } from './support.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const PASSWORD = 'Bench-Comines-2026!';

async function main(): Promise<void> {
  const portal = await startPortalProcess({ DEMO_PASSWORD: PASSWORD, TRUST_PROXY: 'true' });
  const base = portal.base;
  try {
    const loginLatencies: number[] = [];
    const healthLatencies: number[] = [];
    let ok = 0;
    let failed = 0;
    const statusCounts: Record<string, number> = {};
    const deadline = Date.now() + SECONDS * 1000;

    let seq = 0;
    async function client(): Promise<void> {
      while (Date.now() < deadline) {
        const n = ++seq;
        const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
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
    await Promise.all([...Array.from({ length: CLIENTS }, () => client()), healthProbe()]);
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
    await portal.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
