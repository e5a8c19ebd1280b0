/**
 * Opening-morning rush (issue 4): the portal runs as a child process (SQLite in a temporary directory by default;
 * PostgreSQL in a fresh database when DATABASE_URL=postgres://… is set), RUSH_FAMILIES (2,500) validated families
 * with a child and a live session each are written BEFORE the clock starts, then:
 *
 *   single  — every parent submits one reservation (1 day × 1 unit) at a random instant within RUSH_SECONDS (10 s);
 *   multi   — the same with 5 days × 2 units per reservation;
 *   inflight_100 / inflight_all — closed loop: every family submits one reservation again (new days), with 100
 *             requests in flight, then with all of them in flight at once: throughput must not collapse;
 *   churn   — a rush on two other activities (automatic and staff-decided, half the families each get a place)
 *             during which RUSH_CHURN (20 %) of the families also cancel, withdraw from the waiting list or change
 *             days at random instants, while two staff agents decide requests and promote from the waiting list
 *             (bench/rush-churn.ts). Set RUSH_CHURN=0 for no churners; RUSH_CHURN_CAPACITY sets its places a day.
 *
 * Every unit has RUSH_CAPACITY (100) places a day, so most families land on the waiting list: the contention is
 * on the same few counter rows, as on a real opening morning. Prints one JSON object.
 *
 * Then the invariants are checked in SQL over the whole database (checkInvariants): places held ≤ capacity,
 * counters = rows, no free place while a child waits in automatic mode, no request decided twice, nothing
 * acknowledged missing… `violations` is their total with the 5xx; the run exits 1 when it is not 0.
 * Every random choice comes from RUSH_SEED (printed; random when unset): the same seed replays the same plan.
 *
 * Set-up writes sessions directly in the database (as tests/support/login.ts does): logging 2,500 parents in
 * through argon2id takes ~45 s on 2 cores and is measured by bench:login, not here. The CSRF token is the
 * double-submit cookie the browser would hold.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../src/server/db/database.js';
import { percentile, seededRandom, startPortalProcess } from './support.js';
import { setUpChurn, setUpRush, waitForSchema, type RushFamily as Family } from './rush-setup.js';
import { checkInvariants, churnScenario } from './rush-churn.js';
import { weekdayOf } from '../src/shared/calendar/paris-time.js';
import { isFrenchPublicHoliday } from '../src/shared/calendar/holidays.js';

const FAMILIES = Number(process.env.RUSH_FAMILIES ?? 2500);
const SECONDS = Number(process.env.RUSH_SECONDS ?? 10);
const CAPACITY = Number(process.env.RUSH_CAPACITY ?? 100);
const PG_URL = process.env.DATABASE_URL && /^postgres/.test(process.env.DATABASE_URL) ? process.env.DATABASE_URL : null;
const CHURN = Number(process.env.RUSH_CHURN ?? 0.2);
const CHURN_CAPACITY = Number(process.env.RUSH_CHURN_CAPACITY ?? Math.max(1, Math.round(FAMILIES / 4)));
const SEED = process.env.RUSH_SEED ? Number(process.env.RUSH_SEED) >>> 0 : randomBytes(4).readUInt32LE(0);
const random = seededRandom(SEED);

interface Shot {
  status: number;
  ms: number;
  states: string[];
  /** when it was sent, ms since the scenario started */
  at?: number;
  /** status 599: no HTTP answer; the socket error's code (ECONNRESET…) */
  error?: string;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Monday of the week after next, as YYYY-MM-DD (UTC): every rule and window is far from its cut-off. */
function mondayInWeeks(weeks: number): string {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7 || 7) + 7 * weeks);
  return d.toISOString().slice(0, 10);
}
const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

// node:http with keep-alive: lighter on the shared CPU than fetch, one connection per parent in flight (browsers).
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

function post(base: string, pathName: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  const u = new URL(pathName, base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, path: u.pathname, method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function submit(base: string, f: Family, body: unknown): Promise<Shot> {
  const t0 = performance.now();
  try {
    const r = await post(
      base,
      '/api/booking/reservations',
      { 'content-type': 'application/json', cookie: f.cookie, 'x-csrf-token': f.csrf, 'idempotency-key': randomUUID() },
      JSON.stringify(body),
    );
    let json: { lines?: { state: string }[] } | null = null;
    try {
      json = JSON.parse(r.text) as { lines?: { state: string }[] };
    } catch {
      /* not JSON: the status says enough */
    }
    return { status: r.status, ms: performance.now() - t0, states: json?.lines?.map((l) => l.state) ?? [] };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { status: 599, ms: performance.now() - t0, states: [], error: e.code ?? e.message };
  }
}

function summarise(name: string, shots: Shot[], wallSeconds: number, capacity: number) {
  const ms = shots.map((s) => s.ms).sort((a, b) => a - b);
  const lines = shots.flatMap((s) => s.states);
  const clientErrors = new Map<string, number>();
  for (const s of shots) if (s.error) clientErrors.set(s.error, (clientErrors.get(s.error) ?? 0) + 1);
  const timeline: number[] = [];
  if (process.env.RUSH_TIMELINE)
    for (let sec = 0; sec < 12; sec++) {
      const inSec = shots.filter((s) => s.at !== undefined && s.at >= sec * 1000 && s.at < (sec + 1) * 1000).map((s) => s.ms).sort((a, b) => a - b);
      timeline.push(round(percentile(inSec, 95)));
    }
  return {
    ...(timeline.length ? { p95_ms_by_second_sent: timeline } : {}),
    scenario: name,
    requests: shots.length,
    ok_2xx: shots.filter((s) => s.status >= 200 && s.status < 300).length,
    errors_5xx: shots.filter((s) => s.status >= 500).length,
    ...(clientErrors.size ? { of_which_no_answer: Object.fromEntries(clientErrors) } : {}),
    other_status: shots.filter((s) => s.status < 200 || (s.status >= 300 && s.status < 500)).length,
    lines: lines.length,
    confirmed: lines.filter((s) => s === 'accepted').length,
    waitlisted: lines.filter((s) => s === 'waitlisted').length,
    refused: lines.filter((s) => s === 'refused').length,
    capacity,
    p50_ms: round(percentile(ms, 50)),
    p95_ms: round(percentile(ms, 95)),
    p99_ms: round(percentile(ms, 99)),
    max_ms: round(ms[ms.length - 1] ?? 0),
    seconds: round(wallSeconds),
    throughput_rps: round(shots.length / wallSeconds),
  };
}

/** Open loop: each family fires once at a random instant within `seconds`. */
async function rush(base: string, families: Family[], body: (f: Family) => unknown, seconds: number) {
  const t0 = performance.now();
  const shots = await Promise.all(
    families.map(
      (f) =>
        new Promise<Shot>((resolve) => {
          setTimeout(() => {
            const at = performance.now() - t0;
            submit(base, f, body(f)).then((shot) => resolve({ ...shot, at }));
          }, random() * seconds * 1000);
        }),
    ),
  );
  return { shots, seconds: (performance.now() - t0) / 1000 };
}

/** Closed loop: `inFlight` workers submit one reservation per family, back to back. */
async function closedLoop(base: string, families: Family[], body: (f: Family) => unknown, inFlight: number) {
  let next = 0;
  const shots: Shot[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(inFlight, families.length) }, async () => {
      while (next < families.length) {
        const f = families[next++];
        shots.push(await submit(base, f, body(f)));
      }
    }),
  );
  return { shots, seconds: (performance.now() - t0) / 1000 };
}

async function main(): Promise<void> {
  console.error(`bench:rush seed ${SEED} (RUSH_SEED=${SEED} replays it)`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-rush-'));
  let pgDb: string | null = null;
  let databaseUrl = '';
  if (PG_URL) {
    pgDb = `rush_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create database ${pgDb}`);
    await admin.end();
    const u = new URL(PG_URL);
    u.pathname = `/${pgDb}`;
    databaseUrl = u.toString();
  }
  const portal = await startPortalProcess({
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    DEMO: 'false',
    ...(process.env.RUSH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.RUSH_SERVER_NODE_OPTIONS } : {}),
  });
  const db = openDatabase(databaseUrl ? { url: databaseUrl, pgPoolSize: 4 } : { sqliteFile: path.join(dataDir, 'portail.sqlite') });
  try {
    await waitForSchema(db);
    const first = mondayInWeeks(2);
    const setupStart = performance.now();
    const s = await setUpRush(db, dataDir, { families: FAMILIES, capacity: CAPACITY, firstDay: first, lastDay: plusDays(first, 34) });
    const churnDays: string[] = [];
    for (let d = plusDays(first, 28); churnDays.length < 3 && d <= plusDays(first, 34); d = plusDays(d, 1))
      if (weekdayOf(d) <= 5 && !isFrenchPublicHoliday(d)) churnDays.push(d);
    const churnSetUp = await setUpChurn(db, { capacity: CHURN_CAPACITY, firstDay: first, lastDay: plusDays(first, 34), agents: 2 });
    const setupSeconds = (performance.now() - setupStart) / 1000;
    const base = { childId: '', activityId: s.activityId, periodId: s.periodId };
    const book = (days: string[], units: string[]) => (f: Family) => ({
      ...base,
      childId: f.childId,
      changes: days.flatMap((day) => units.map((unitId) => ({ day, unitId, action: 'book' }))),
    });

    const single = await rush(portal.base, s.families, book([first], [s.units.journee]), SECONDS);
    // five weekdays of the second week, public holidays (Christmas…) skipped
    const multiDays: string[] = [];
    for (let d = plusDays(first, 7); multiDays.length < 5; d = plusDays(d, 1))
      if (weekdayOf(d) <= 5 && !isFrenchPublicHoliday(d)) multiDays.push(d);
    const multi = await rush(portal.base, s.families, book(multiDays, [s.units.journee, s.units.repas]), SECONDS);
    const in100 = await closedLoop(portal.base, s.families, book([plusDays(first, 15)], [s.units.journee]), 100);
    const inAll = await closedLoop(portal.base, s.families, book([plusDays(first, 22)], [s.units.journee]), s.families.length);
    const churn = await churnScenario(portal.base, s.families, {
      ...churnSetUp,
      days: churnDays as [string, string, string],
      seconds: SECONDS,
      share: CHURN,
      seed: Math.floor(random() * 2 ** 32),
    });

    // Checked in the database afterwards (read only), over every scenario: see checkInvariants.
    const checked = await checkInvariants(db, churn);

    const a = summarise('single', single.shots, single.seconds, CAPACITY);
    const b = summarise('multi_5_days_x_2_units', multi.shots, multi.seconds, CAPACITY * 10);
    const c100 = summarise('inflight_100', in100.shots, in100.seconds, CAPACITY);
    const cAll = summarise(`inflight_${s.families.length}`, inAll.shots, inAll.seconds, CAPACITY);
    const fivexx = a.errors_5xx + b.errors_5xx + c100.errors_5xx + cAll.errors_5xx + churn.fivexx;
    console.log(
      JSON.stringify(
        {
          benchmark: 'rush',
          database: PG_URL ? 'postgres' : 'sqlite',
          cpus: os.cpus().length,
          families: FAMILIES,
          window_seconds: SECONDS,
          capacity_per_unit_day: CAPACITY,
          setup_seconds: round(setupSeconds),
          requests: a.requests,
          confirmed: a.confirmed,
          waitlisted: a.waitlisted,
          capacity: a.capacity,
          seed: SEED,
          overbooked: checked.overbooked_places,
          counter_mismatches: checked.invariants.counter_mismatches,
          duplicate_bookings: checked.invariants.duplicate_bookings,
          '5xx': fivexx,
          violations: checked.violations + fivexx,
          invariants: { ...checked.invariants, '5xx': fivexx },
          p50_ms: a.p50_ms,
          p95_ms: a.p95_ms,
          p99_ms: a.p99_ms,
          throughput_rps: a.throughput_rps,
          scenarios: [a, b, c100, cAll],
          throughput_ratio_all_vs_100: round(cAll.throughput_rps / c100.throughput_rps),
          churn: {
            scenario: 'churn',
            share: CHURN,
            churners: churn.churners,
            capacity_per_unit_day: CHURN_CAPACITY,
            days: churnDays,
            seconds: round(churn.seconds),
            staff_decisions_200: churn.staffDecisions,
            staff_promotions_200: churn.staffPromotions,
            cells_expected_booked: churn.expectedPresent.length,
            cells_expected_gone: churn.expectedGone.length,
            auto_mode_free_places_while_waiting: checked.auto_mode_free_places_while_waiting,
            staff_mode_unit_days_with_free_place_and_waiting: checked.staff_mode_unit_days_with_free_place_and_waiting,
            newcomers_holding_a_place_ahead_of_waiting_children: checked.newcomers_holding_a_place_ahead_of_waiting_children,
            operations: churn.ops,
          },
        },
        null,
        2,
      ),
    );
    // Correctness, not speed: any invariant broken (overbooking, a counter out of step, a duplicate, a place left
    // free while children wait, a request decided twice, an acknowledged booking lost…) or a 5xx fails the run (CI).
    if (checked.violations + fivexx > 0) process.exitCode = 1;
    // A churn whose staff never got a decision through (sessions refused, route changed…) proved nothing: fail too.
    if (churn.staffDecisions === 0) {
      console.error('bench:rush churn: the staff agents decided no request (see churn.operations): nothing was exercised');
      process.exitCode = 1;
    }
  } finally {
    await db.destroy();
    await portal.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (pgDb && PG_URL) {
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`drop database if exists ${pgDb} with (force)`);
      await admin.end();
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
